"""Markdown rendering for authored content and comments, sanitized with nh3.

Authored content is rendered once, when it is saved (`curriculum.models.RenderedMarkdown`);
the `markdown` template filter renders per request and is for user-written comments.
"""

import markdown as md
import nh3

_TAGS = set(nh3.ALLOWED_TAGS) | {
    "pre",
    "code",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "h1",
    "h2",
    "h3",
    "h4",
    "hr",
}


def render_markdown(text: str) -> str:
    """Markdown to HTML that is safe to print: nh3 keeps only `_TAGS` and harmless attributes."""
    html = md.markdown(text or "", extensions=["fenced_code", "tables", "sane_lists"])
    return _scrollable(nh3.clean(html, tags=_TAGS))


def _scrollable(html: str) -> str:
    """Make wide code blocks and tables keyboard-scrollable (WCAG 2.1.1): a named, focusable region.

    Runs on nh3's output, where `<pre>` and `<table>` carry no attributes and a literal one in
    the text is escaped, so the plain string match cannot be fooled by content.
    """
    blocks = html.count("<pre>")
    tables = html.count("<table>")
    for n in range(1, blocks + 1):
        label = "Code example" if blocks == 1 else f"Code example {n}"
        html = html.replace("<pre>", f'<pre tabindex="0" role="region" aria-label="{label}">', 1)
    for n in range(1, tables + 1):
        label = "Table" if tables == 1 else f"Table {n}"
        html = html.replace(
            "<table>",
            f'<div class="table-scroll" tabindex="0" role="region" aria-label="{label}"><table>',
            1,
        )
    return html.replace("</table>", "</table></div>")
