"""Rendered Markdown: wide code blocks and tables are focusable, named scroll regions."""

from curriculum.markup import render_markdown

STATEMENT = """Multiply:

```python
def matmul(a, b):
    return a @ b
```

| shape | meaning |
|---|---|
| (n, k) | rows |
"""


def test_a_code_block_is_a_focusable_named_region():
    html = render_markdown(STATEMENT)
    assert '<pre tabindex="0" role="region" aria-label="Code example"><code>' in html


def test_a_table_is_wrapped_in_a_focusable_scroll_region():
    html = render_markdown(STATEMENT)
    assert '<div class="table-scroll" tabindex="0" role="region" aria-label="Table"><table>' in html
    assert html.count("<div") == html.count("</div>") == 1


def test_several_blocks_get_distinct_names():
    html = render_markdown("```\na\n```\n\n    b\n")
    assert 'aria-label="Code example 1"' in html and 'aria-label="Code example 2"' in html


def test_authored_attributes_are_still_stripped():
    html = render_markdown('<pre onclick="x()" tabindex="5">raw</pre>')
    assert "onclick" not in html and 'tabindex="5"' not in html
    assert '<pre tabindex="0" role="region" aria-label="Code example">raw</pre>' in html
