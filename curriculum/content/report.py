"""How much live content each path has: the numbers an author checks after an import."""

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


def content_report() -> list[dict]:
    """One dict per live path, by slug: slug, title, unit_label and a count per COLUMNS entry."""
    return [
        {"slug": p.slug, "title": p.title, "unit_label": p.unit_label, **path_counts(p)}
        for p in Path.objects.live().order_by("slug")
    ]


def format_table(rows: list[dict]) -> str:
    headers = ("slug", *COLUMNS)
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
