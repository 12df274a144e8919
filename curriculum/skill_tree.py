"""Server-side layout and SVG rendering of a path's skill tree.

Skills are layered by the longest chain of prerequisites below them (a skill sits one
row under its deepest prerequisite), ordered inside a row by where their prerequisites
sit (then by `position`), and drawn as rounded boxes with arrows from prerequisite to
dependent. Pure Python and a template-free string: no JS library, no external service.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from html import escape

from django.utils.safestring import SafeString, mark_safe

NODE_W, LINE_H, PAD_Y, GAP_X, GAP_Y, MARGIN = 200, 18, 12, 28, 46, 12
WRAP = 24


@dataclass
class Node:
    slug: str
    title: str
    summary: str = ""
    requires: list[str] = field(default_factory=list)
    layer: int = 0
    x: float = 0
    y: float = 0
    lines: list[str] = field(default_factory=list)

    @property
    def height(self) -> int:
        return len(self.lines) * LINE_H + 2 * PAD_Y


@dataclass
class Layout:
    nodes: list[Node]  # in reading order: layer by layer, left to right
    width: float
    height: float

    def by_slug(self) -> dict[str, Node]:
        return {node.slug: node for node in self.nodes}


def _layers(nodes: dict[str, Node]) -> None:
    """Longest-path layering; prerequisites outside the set are ignored. Assumes no cycle."""
    memo: dict[str, int] = {}

    def depth(slug: str) -> int:
        if slug not in memo:
            reqs = [r for r in nodes[slug].requires if r in nodes]
            memo[slug] = 1 + max(map(depth, reqs)) if reqs else 0
        return memo[slug]

    for slug, node in nodes.items():
        node.layer = depth(slug)


def layout(skills: Iterable[Node]) -> Layout:
    """Place nodes in rows by layer; the order of `skills` breaks ties so output is stable."""
    nodes = {node.slug: node for node in skills}
    _layers(nodes)
    rows: dict[int, list[Node]] = {}
    for node in nodes.values():
        rows.setdefault(node.layer, []).append(node)
    slot: dict[str, float] = {}
    ordered: list[Node] = []
    for layer in sorted(rows):
        row = rows[layer]
        if layer:  # barycentre of prerequisites keeps arrows short and crossings few
            row.sort(key=lambda n: _mean([slot[r] for r in n.requires if r in slot], default=0))
        for index, node in enumerate(row):
            slot[node.slug] = index
        ordered.extend(row)
    widest = max((len(row) for row in rows.values()), default=0)
    width = widest * NODE_W + max(widest - 1, 0) * GAP_X + 2 * MARGIN
    y = MARGIN
    for layer in sorted(rows):
        row = rows[layer]
        row_w = len(row) * NODE_W + (len(row) - 1) * GAP_X
        for index, node in enumerate(row):
            node.lines = textwrap.wrap(node.title, WRAP) or [node.slug]
            node.x = (width - row_w) / 2 + index * (NODE_W + GAP_X)
            node.y = y
        y += max(node.height for node in row) + GAP_Y
    return Layout(nodes=ordered, width=width, height=max(y - GAP_Y + MARGIN, 2 * MARGIN))


def _mean(values: Sequence[float], default: float) -> float:
    return sum(values) / len(values) if values else default


def describe(result: Layout) -> str:
    """The order to learn in, as words, for screen readers (the aria-label)."""
    parts = []
    for node in result.nodes:
        names = [result.by_slug()[r].title for r in node.requires if r in result.by_slug()]
        parts.append(f"{node.title}" + (f" (after {', '.join(names)})" if names else ""))
    return "Skill tree, in learning order: " + "; ".join(parts) + "."


STATE_WORDS = {"locked": "locked", "available": "available", "mastered": "mastered"}


def render_svg(
    result: Layout, *, title: str, href: str | None = None, states: dict[str, str] | None = None
) -> SafeString:
    """The layout as an accessible inline SVG; `href` (with {slug}) links each node.

    `states` (slug → locked | available | mastered, from `learning.progress.skill_states`)
    adds a `skill-<state>` class and says the state in each node's tooltip.
    """
    if not result.nodes:
        return mark_safe("")
    nodes = result.by_slug()
    # An image's children are presentational, so linked nodes would be unreachable inside role=img.
    role = "group" if href else "img"
    out = [
        f'<svg class="skill-tree" xmlns="http://www.w3.org/2000/svg" role="{role}" '
        f'viewBox="0 0 {result.width:.0f} {result.height:.0f}" width="{result.width:.0f}" '
        f'aria-label="{escape(describe(result))}">',
        f"<title>{escape(title)}</title>",
        '<defs><marker id="skill-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
        'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="skill-arrowhead"/>'
        "</marker></defs>",
    ]
    for node in result.nodes:
        for req in node.requires:
            if req not in nodes:
                continue
            src = nodes[req]
            x1, y1 = src.x + NODE_W / 2, src.y + src.height
            x2, y2 = node.x + NODE_W / 2, node.y - 2
            mid = (y1 + y2) / 2
            out.append(
                f'<path class="skill-edge" d="M{x1:.1f},{y1:.1f} C{x1:.1f},{mid:.1f} {x2:.1f},{mid:.1f} '
                f'{x2:.1f},{y2:.1f}" marker-end="url(#skill-arrow)"/>'
            )
    for node in result.nodes:
        out.append(_node_svg(node, href, (states or {}).get(node.slug)))
    out.append("</svg>")
    return mark_safe("".join(out))  # noqa: S308 - every interpolated text is escaped


def _node_svg(node: Node, href: str | None, state: str | None = None) -> str:
    state = state if state in STATE_WORDS else None
    tooltip = escape(
        node.title
        + (f" ({state})" if state else "")
        + (f": {node.summary}" if node.summary else "")
    )
    text_y = node.y + PAD_Y + LINE_H * 0.75
    spans = "".join(
        f'<tspan x="{node.x + NODE_W / 2:.1f}" y="{text_y + i * LINE_H:.1f}">{escape(line)}</tspan>'
        for i, line in enumerate(node.lines)
    )
    body = (
        f'<g class="skill-node{f" skill-{state}" if state else ""}" data-slug="{escape(node.slug)}"><title>{tooltip}</title>'
        f'<rect x="{node.x:.1f}" y="{node.y:.1f}" width="{NODE_W}" height="{node.height}" rx="10" ry="10"/>'
        f'<text text-anchor="middle">{spans}</text></g>'
    )
    if href:
        return f'<a href="{escape(href.format(slug=node.slug))}">{body}</a>'
    return body


def skill_tree_svg(
    skills: Iterable, *, title: str, href: str | None = None, states: dict[str, str] | None = None
) -> SafeString:
    """Lay out and render Skill model instances (with `requires` prefetched)."""
    nodes = [
        Node(
            slug=s.slug,
            title=s.title,
            summary=s.summary,
            requires=[r.slug for r in s.requires.all()],
        )
        for s in skills
    ]
    return render_svg(layout(nodes), title=title, href=href, states=states)
