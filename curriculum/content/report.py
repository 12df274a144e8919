"""How much live content each path has, and how each of its tasks is verified.

A unit's tasks are its exercise and project items and, when the unit states one, its
milestone. Each has a route:

* `autograded:<slug>`: a live exercise package grades it;
* `project`: a mentor signs it off in a review thread (a project without a package);
* `self`: the learner ticks it (an exercise item with no package).

A milestone is verified by its unit's items, as `learning.progress` computes it: by the
autograded items when the unit has any (`autograded:<slug>[,<slug>...]`), else by the
projects (`project`), else it can only be ticked (`self`). Topics and readings are ticked
by the learner; they are counted per path but not listed as tasks.
"""

from curriculum.models import (
    GlossaryTerm,
    Outcome,
    Path,
    PathResource,
    Phase,
    Skill,
    Topic,
    Trap,
    Unit,
    UnitExercise,
)

COLUMNS = (
    "phases",
    "units",
    "topics",
    "resources",
    "exercises",
    "skills",
    "traps",
    "outcomes",
    "glossary",
)


def path_counts(path: Path) -> dict[str, int]:
    """Live items of one path; an item under an archived unit is not counted."""
    live_unit = {"unit__path": path, "unit__is_archived": False}
    return {
        "phases": Phase.objects.live().filter(path=path).count(),
        "units": Unit.objects.live().filter(path=path).count(),
        "topics": Topic.objects.live().filter(**live_unit).count(),
        "resources": PathResource.objects.live().filter(path=path).count(),
        "exercises": UnitExercise.objects.live().filter(**live_unit).count(),
        "skills": Skill.objects.live().filter(path=path).count(),
        "traps": Trap.objects.live().filter(path=path).count(),
        "outcomes": Outcome.objects.live().filter(path=path).count(),
        "glossary": GlossaryTerm.objects.live().filter(path=path).count(),
    }


ROUTE_COLUMNS = ("tasks", "autograded", "project", "self")


def milestone_route(items: list[UnitExercise]) -> str:
    """How a unit's milestone is verified, from its live items (see the module doc)."""
    graded = [
        i.exercise.slug
        for i in items
        if i.route == UnitExercise.Route.AUTOGRADED and i.exercise is not None
    ]
    if graded:
        return "autograded:" + ",".join(graded)
    if any(i.route == UnitExercise.Route.PROJECT for i in items):
        return "project"
    return "self"


def route_of(code: str) -> str:
    """`autograded:<slug>` → autograded; project and self as they are."""
    return code.split(":", 1)[0]


def unit_tasks(unit: Unit, items: list[UnitExercise]) -> list[dict]:
    """The unit's tasks with their routes, items in order, then the milestone."""
    tasks = [
        {"type": item.kind, "title": item.title, "route": item.route_code, "id": item.pk}
        for item in items
    ]
    if unit.milestone.strip():
        tasks.append(
            {"type": "milestone", "title": unit.milestone, "route": milestone_route(items)}
        )
    return tasks


def path_routes(path: Path) -> dict:
    """Each live unit with its tasks, and the per-path route counts (ROUTE_COLUMNS)."""
    items_by_unit: dict[int, list[UnitExercise]] = {}
    for item in (
        UnitExercise.objects.live()
        .filter(unit__path=path)
        .select_related("exercise")
        .order_by("position", "id")
    ):
        items_by_unit.setdefault(item.unit_id, []).append(item)
    units = []
    counts = dict.fromkeys(ROUTE_COLUMNS, 0)
    for unit in Unit.objects.live().filter(path=path, phase__is_archived=False).order_by("number"):
        tasks = unit_tasks(unit, items_by_unit.get(unit.pk, []))
        for task in tasks:
            counts["tasks"] += 1
            counts[route_of(task["route"])] += 1
        units.append({"number": unit.number, "title": unit.title, "tasks": tasks})
    return {"routes": counts, "unit_tasks": units}


def content_report(*, with_routes: bool = False) -> list[dict]:
    """One dict per live path, by slug: slug, title, unit_label and a count per COLUMNS entry;
    `with_routes` adds the ROUTE_COLUMNS counts and `unit_tasks` (each unit's tasks)."""
    rows = []
    for p in Path.objects.live().order_by("slug"):
        row = {"slug": p.slug, "title": p.title, "unit_label": p.unit_label, **path_counts(p)}
        if with_routes:
            routes = path_routes(p)
            row |= routes["routes"]
            row["unit_tasks"] = routes["unit_tasks"]
        rows.append(row)
    return rows


def format_table(rows: list[dict]) -> str:
    headers = ("slug", *COLUMNS, *(c for c in ROUTE_COLUMNS if rows and c in rows[0]))
    table = [headers, *[tuple(str(row[h]) for h in headers) for row in rows]]
    widths = [max(len(line[i]) for line in table) for i in range(len(headers))]
    lines = [
        "  ".join(
            cell.ljust(width) if i == 0 else cell.rjust(width)
            for i, (cell, width) in enumerate(zip(line, widths, strict=True))
        )
        for line in table
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    if not rows:
        lines.append("(no live paths)")
    return "\n".join(lines)
