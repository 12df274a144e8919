"""Browsing the curricula: catalog and search, paths, units, library, glossary, skill tree.

Views stay thin: queries live in `curriculum.selectors` and `curriculum.search`, each page
costs a constant number of SQL queries, and htmx requests get only the swapped partial.
"""

import hashlib

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.http import require_GET
from django_htmx.middleware import HtmxDetails

from curriculum import selectors
from curriculum.models import GlossaryTerm, Path, Resource, Unit
from curriculum.page_cache import cached_page, fragment
from curriculum.search import search
from curriculum.skill_tree import skill_tree_svg

CATALOG_PAGE_SIZE = 24


class HtmxHttpRequest(HttpRequest):
    """A request that passed django_htmx's HtmxMiddleware, which sets `request.htmx`."""

    htmx: HtmxDetails


@require_GET
@cached_page
def catalog(request: HtmxHttpRequest) -> HttpResponse:
    """The filters and results come from the page cache's parts, per query string; htmx asks
    for the results alone."""
    filters = selectors.CatalogFilters.from_querydict(request.GET)
    part = "results" if request.htmx else "main"

    def parts() -> dict[str, str]:
        results = search(filters.q) if filters.q else None
        paths = selectors.catalog_paths(filters, only_ids=results.path_ids if results else None)
        page = Paginator(paths, CATALOG_PAGE_SIZE).get_page(request.GET.get("page"))
        context = {
            "filters": filters,
            "page_obj": page,
            "paths": page.object_list,
            "results": results,
            "levels": Path.Level.choices,
            "durations": [
                (key, label) for key, (label, _lo, _hi) in selectors.DURATION_RANGES.items()
            ],
            "tags": selectors.catalog_tags(),
            "query": request.GET,  # for {% querystring %}: the parts render without a request
        }
        template = "curriculum/browse/catalog_main.html"
        return {
            part: render_to_string(f"{template}#results" if request.htmx else template, context)
        }

    where = hashlib.blake2b(request.get_full_path().encode(), digest_size=16).hexdigest()
    found = fragment(f"catalog:{part}:{where}", parts, query=bool(request.GET))
    if request.htmx:
        return HttpResponse(found["results"])
    return render(request, "curriculum/catalog.html", {"filters": filters, "parts": found})


@require_GET
@cached_page
def path_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """Everything but the learner's progress bar comes from the page cache's parts."""
    rendered: list[Path] = []

    def parts() -> dict[str, str]:
        path = selectors.path_for_page(slug)
        rendered.append(path)
        context = {
            "path": path,
            "cta": selectors.call_to_action(path),
            "mentor_exercise": selectors.first_autograded_exercise(path),
            "skill_svg": _skill_svg(path),
        }
        return _render_parts("curriculum/browse/path_{}.html", context)

    found = fragment(f"path:{slug}", parts)
    path = rendered[0] if rendered else selectors.path_head(slug)
    return render(request, "curriculum/path.html", {"path": path, "parts": found})


@require_GET
@cached_page
def unit_detail(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    """Everything but the learner's panel (bars, ticks) comes from the page cache's parts."""
    rendered: list[Unit] = []

    def parts() -> dict[str, str]:
        page = selectors.unit_for_page(slug, number)
        rendered.append(page.unit)
        context = {"page": page, "unit": page.unit, "path": page.unit.path}
        return _render_parts("curriculum/browse/unit_{}.html", context)

    found = fragment(f"unit:{slug}:{number}", parts)
    unit = rendered[0] if rendered else selectors.unit_head(slug, number)
    return render(
        request, "curriculum/unit.html", {"unit": unit, "path": unit.path, "parts": found}
    )


def _render_parts(template: str, context: dict) -> dict[str, str]:
    """The top and main parts, rendered without a request: nothing of one user's gets in."""
    return {part: render_to_string(template.format(part), context) for part in ("top", "main")}


@require_GET
@cached_page
def skill_tree(request: HttpRequest, slug: str) -> HttpResponse:
    path = selectors.path_with_skills(slug)
    return render(
        request, "curriculum/skill_tree.html", {"path": path, "skill_svg": _skill_svg(path)}
    )


@require_GET
@cached_page
def path_print(request: HttpRequest, slug: str) -> HttpResponse:
    path = selectors.path_for_print(slug)
    context = {"path": path, "cta": selectors.call_to_action(path), "skill_svg": _skill_svg(path)}
    return render(request, "curriculum/path_print.html", context)


@require_GET
@cached_page
def resources(request: HtmxHttpRequest) -> HttpResponse:
    kind, path_slug = request.GET.get("kind", ""), request.GET.get("path", "")
    q = request.GET.get("q", "").strip()[:200]
    context = {
        "resources": selectors.resource_library(kind=kind, path_slug=path_slug, q=q),
        "kinds": Resource.Kind.choices,
        "paths": selectors.live_paths().only("slug", "title"),
        "selected": {"kind": kind, "path": path_slug, "q": q},
    }
    template = "curriculum/resources.html#results" if request.htmx else "curriculum/resources.html"
    return render(request, template, context)


@require_GET
@cached_page
def glossary(request: HttpRequest) -> HttpResponse:
    group = "az" if request.GET.get("group") == "az" else "path"
    terms = list(selectors.glossary_terms(path_slug=request.GET.get("path", "")))
    groups: list[tuple[str, list[GlossaryTerm], Path | None]]
    if group == "az":
        groups = [(letter, ts, None) for letter, ts in selectors.group_terms_alphabetically(terms)]
    else:
        groups = [(p.title, ts, p) for p, ts in selectors.group_terms_by_path(terms)]
    return render(
        request, "curriculum/glossary.html", {"groups": groups, "group": group, "count": len(terms)}
    )


def _skill_svg(path: Path):
    """The path's skill tree as inline SVG, nodes linking to the skill-tree page's list."""
    href = reverse("curriculum:skill-tree", args=[path.slug]) + "#skill-{slug}"
    return skill_tree_svg(path.live_skills, title=f"Skill tree of {path.title}", href=href)
