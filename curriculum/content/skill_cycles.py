"""Check an edit to a path's skill prerequisites for cycles before it is saved (admin)."""

from curriculum.models import Skill, find_skill_cycle


def path_skill_edges(path_id: int) -> dict[str, list[str]]:
    """The live prerequisite graph of one path, by skill slug."""
    edges: dict[str, list[str]] = {}
    for skill in Skill.objects.live().filter(path_id=path_id).prefetch_related("requires"):
        edges[skill.slug] = [r.slug for r in skill.requires.all() if not r.is_archived]
    return edges


def cycle_after_edit(path_id: int | None, changes: dict[str, list[str]]) -> list[str] | None:
    """The cycle the graph would have with `changes` (slug → new requires), or None."""
    edges = path_skill_edges(path_id) if path_id else {}
    edges.update(changes)
    return find_skill_cycle(edges)


def cycle_message(cycle: list[str]) -> str:
    return f"Skill prerequisites would form a cycle: {' → '.join(cycle)}. Remove one of these requirements."
