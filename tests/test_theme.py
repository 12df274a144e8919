"""The colour scheme: every colour a custom property, light and dark sets that meet WCAG AA.

Reads static/css/*.css as text, so it needs no browser; tests/browser/test_browse.py checks
that Chromium really switches with prefers-color-scheme.
"""

import re
from pathlib import Path

import pytest

CSS = Path(__file__).resolve().parent.parent / "static" / "css"
SHEETS = sorted(sheet.name for sheet in CSS.glob("*.css"))  # a new sheet is checked too
COLOUR = re.compile(r"#[0-9a-fA-F]{3,8}\b|\brgba?\(|\bhsla?\(")
# Colours that must not follow the scheme, each for a reason given in the sheet.
ALLOWED = {
    "charts.css": [".learner-figure img {"],  # a learner's figure is drawn for a white page
    "app.css": [".brand {"],  # white on the always-dark header
    # the light editor's own white (One Dark paints the dark one); the badge on the header
    "learner.css": [
        "@media screen and (prefers-color-scheme: light) { .code-editor {",
        ".notif-count {",
    ],
}


def variables(block: str) -> dict[str, str]:
    return dict(re.findall(r"--([\w-]+):\s*([^;]+);", block))


@pytest.fixture(scope="module")
def schemes() -> dict[str, dict[str, str]]:
    text = (CSS / "app.css").read_text()
    light = variables(re.search(r":root\s*{(.*?)}", text, re.S).group(1))
    dark_block = re.search(r"prefers-color-scheme:\s*dark\)\s*{\s*:root\s*{(.*?)}", text, re.S)
    assert dark_block, "app.css has no dark set of variables"
    return {"light": light, "dark": {**light, **variables(dark_block.group(1))}}


def luminance(hex_colour: str) -> float:
    value = hex_colour.strip().lstrip("#")
    if len(value) == 3:
        value = "".join(c * 2 for c in value)
    channels = [int(value[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


TEXT_PAIRS = [
    ("ink", "bg"), ("ink", "card"), ("muted", "bg"), ("muted", "card"), ("accent", "card"),
    ("accent", "bg"), ("accent-ink", "accent"), ("pass", "pass-bg"), ("fail", "fail-bg"),
    ("warn", "warn-bg"), ("info", "info-bg"), ("purple", "purple-bg"), ("tag-ink", "tag-bg"),
    ("ink", "chip-bg"), ("ink", "field-bg"), ("code-ink", "code-bg"), ("code-muted", "code-bg"),
    ("header-ink", "header-bg"), ("diff-add", "diff-add-bg"), ("diff-del", "diff-del-bg"),
    ("ink", "thead-bg"), ("ink", "row-hl"), ("pass", "card"), ("fail", "card"),
]  # fmt: skip


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(("fg", "bg"), TEXT_PAIRS)
def test_text_meets_aa(schemes, scheme, fg, bg):
    colours = schemes[scheme]
    ratio = contrast(colours[fg], colours[bg])
    assert ratio >= 4.5, f"{scheme}: --{fg} on --{bg} is {ratio:.2f}:1"


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("bg", ["bg", "card", "header-bg", "field-bg"])
def test_the_focus_ring_and_field_borders_stand_out_3_to_1(schemes, scheme, bg):
    colours = schemes[scheme]
    ring = contrast(colours["focus"], colours[bg])
    assert ring >= 3, f"{scheme}: focus ring on --{bg} is {ring:.2f}:1"
    if bg in ("card", "field-bg"):
        border = contrast(colours["field-line"], colours[bg])
        assert border >= 3, f"{scheme}: field border on --{bg} is {border:.2f}:1"


def test_the_focus_ring_uses_the_variable_everywhere():
    for sheet in SHEETS:
        for line in (CSS / sheet).read_text().splitlines():
            if "outline:" in line and "solid" in line:
                assert "var(--focus)" in line, f"{sheet}: {line.strip()}"


@pytest.mark.parametrize("sheet", SHEETS)
def test_colours_come_from_the_variables(sheet):
    text = (CSS / sheet).read_text()
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    text = re.sub(r"@media print\s*{.*?\n}", "", text, flags=re.S)  # paper is always white
    stray = []
    for line in text.splitlines():
        if line.strip().startswith("--") or not COLOUR.search(line):
            continue
        if re.fullmatch(r"\s*(:root\s*{\s*)?(--[\w-]+:[^;]+;\s*)+}?\s*", line):
            continue  # a line of variable definitions
        if any(line.lstrip().startswith(prefix) for prefix in ALLOWED.get(sheet, [])):
            continue
        if "box-shadow" in line and "rgb(0 0 0" in line:
            continue  # a shadow is black in both schemes
        stray.append(line.strip())
    assert not stray, f"{sheet} has colours outside the variables:\n" + "\n".join(stray)
