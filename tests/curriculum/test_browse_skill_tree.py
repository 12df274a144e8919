"""Skill-tree layout (longest-path layers, stable order) and its accessible SVG."""

import re

from curriculum.skill_tree import Node, layout, render_svg


def chain(*slugs: str) -> list[Node]:
    return [
        Node(slug=s, title=s.title(), requires=[slugs[i - 1]] if i else [])
        for i, s in enumerate(slugs)
    ]


def test_each_skill_sits_one_layer_below_its_deepest_prerequisite():
    nodes = chain("a", "b", "c") + [
        Node(slug="d", title="D", requires=["a", "c"]),
        Node(slug="e", title="E"),
    ]
    result = layout(nodes)
    assert {n.slug: n.layer for n in result.nodes} == {"a": 0, "b": 1, "c": 2, "d": 3, "e": 0}
    rows = {}
    for node in result.nodes:
        rows.setdefault(node.layer, set()).add(node.y)
    assert all(len(ys) == 1 for ys in rows.values())
    assert rows[0].pop() < rows[1].pop() < rows[2].pop() < rows[3].pop()


def test_layout_is_stable_and_ignores_unknown_prerequisites():
    nodes = [Node(slug="x", title="X", requires=["missing"]), Node(slug="y", title="Y")]
    first = [(n.slug, n.x, n.y) for n in layout(nodes).nodes]
    again = [
        (n.slug, n.x, n.y)
        for n in layout(
            [Node(slug="x", title="X", requires=["missing"]), Node(slug="y", title="Y")]
        ).nodes
    ]
    assert first == again
    assert [n.slug for n in layout(nodes).nodes] == ["x", "y"]  # both roots, input order kept


def test_nodes_in_a_row_do_not_overlap():
    nodes = [Node(slug=f"n{i}", title=f"Skill {i}") for i in range(5)]
    xs = sorted(n.x for n in layout(nodes).nodes)
    assert all(b - a >= 200 for a, b in zip(xs, xs[1:], strict=False))


def test_long_titles_wrap_and_grow_the_box():
    result = layout(
        [Node(slug="long", title="Deployment strategies for machine learning models in production")]
    )
    assert len(result.nodes[0].lines) > 1
    assert result.nodes[0].height > layout([Node(slug="s", title="Short")]).nodes[0].height


def test_the_svg_is_accessible_and_draws_one_arrow_per_edge():
    svg = str(
        render_svg(layout(chain("linear-algebra", "statistics", "models")), title="Skill tree of X")
    )
    assert 'role="img"' in svg and "<title>Skill tree of X</title>" in svg
    label = re.search(r'aria-label="([^"]*)"', svg).group(1)
    assert (
        label.index("Linear-Algebra")
        < label.index("Statistics (after Linear-Algebra)")
        < label.index("Models")
    )
    assert svg.count('class="skill-edge"') == 2 and svg.count("<rect") == 3


def test_titles_are_escaped():
    svg = str(
        render_svg(layout([Node(slug="x", title='<script>alert("x")</script>')]), title="T & U")
    )
    assert "<script>" not in svg and "&lt;script&gt;" in svg and "T &amp; U" in svg


def test_an_empty_tree_renders_nothing():
    assert str(render_svg(layout([]), title="Nothing")) == ""
