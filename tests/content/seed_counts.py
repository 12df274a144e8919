"""Derive expected structure and counts for the five seed learning paths.

Django-free and dependency-free (standard library only).  Every number is
computed from the raw seed document itself with line parsing / regexes; no
count is hard-coded.

Stable public API (a database-level test reuses it; keep it stable):

``SEED_SLUGS``
    ``{"000": "ml-engineering-deep-dive", ...}`` -- seed prefix -> path slug.

``seeds_dir() -> pathlib.Path | None``
    Where the seed documents live: ``$BACKPROP_SEEDS_DIR`` if set, else
    ``<repo>/../shared/seeds`` (CI clones beside shared/), ``<repo>/shared/seeds``, else ``/work/shared/seeds``; ``None`` if none exists.

``seed_files() -> dict[str, pathlib.Path]``
    ``{path_slug: seed_file}`` for every seed found in ``seeds_dir()``.

``slug_for(seed_file) -> str``
    Path slug for a seed file (by its 3-digit file-name prefix).

``expected_counts(seed_file) -> dict``
    ``{"slug", "phases", "units", "topics", "resources", "exercises", "traps",
    "outcomes", "skills", "glossary"}`` -- all ints except ``slug``.
    ``topics`` counts topics at every nesting level; ``resources`` is the
    length of the path's curated ``resources`` list; ``exercises`` counts the
    exercise entries of all units.

``parse_seed(seed_file) -> dict``
    The structure behind the counts: ``phases`` (list of ``{number, title,
    period}``), ``units`` (list of ``{number, title, phase, topics, exercises,
    readings}``; topics are ``{number, title, children}``), and lists
    ``resources``, ``traps``, ``outcomes``, ``skills``, ``glossary``.

Counting rules per seed (mirrored by content/paths/*/path.yaml):

* 000 -- one phase; units = "Week N:" headings; one exercise per
  "Mini-project/Exercise:"; outcomes = bullets of section 02; skills = the
  numbered skill tree; resources = rows of the curated table; traps = "Trap N:".
* 001 -- phases = "Phase N:" lines; units = the unnumbered section headings
  (numbered 1..30 in order); topics = every "1.1." / "1.1.1." line, nested;
  the "Hands-on Projects" section's items are also one project exercise each.
* 002 -- phases = "Phase N: ... (Weeks a-b)"; units = "Week N:"; resources =
  named "Read:" bullets ("Name -- ..."); exercises = bullets under "Exercise:"
  and "Activities:"; week 15 options become topics "A" with children "A.1"...,
  and week 15 itself ("Choose one end-to-end project") one project exercise.
* 003 -- phases = "Stage N:"; units = sub-area headings; topics = "Label: ..."
  lines except "Resources:" (split on top-level commas into resources) and
  "Project:"/"Projects:"/"Practical Application:" (one exercise each).
* 004 -- one phase; units = steps (title line before "Duration:"); topics =
  "- " bullets, except the last step's bullets which are project exercises;
  glossary = term/definition line pairs under "Key Terms You Should Know".
"""

from __future__ import annotations

import os
import re
from pathlib import Path

SEED_SLUGS = {
    "000": "ml-engineering-deep-dive",
    "001": "ml-engineer-master-curriculum",
    "002": "ml-dl-engineer-16-weeks",
    "003": "ml-engineer-roadmap-2025",
    "004": "ml-engineer-complete-path",
}

BULLET = "\u2022"
COUNT_KEYS = (
    "phases",
    "units",
    "topics",
    "resources",
    "exercises",
    "traps",
    "outcomes",
    "skills",
    "glossary",
)


def seeds_dir():
    env = os.environ.get("BACKPROP_SEEDS_DIR")
    candidates = [Path(env)] if env else []
    candidates += [
        Path(__file__).resolve().parents[3] / "shared" / "seeds",
        Path(__file__).resolve().parents[2] / "shared" / "seeds",
        Path("/work/shared/seeds"),
    ]
    for c in candidates:
        if c.is_dir():
            return c
    return None


def seed_files():
    d = seeds_dir()
    out = {}
    if d is None:
        return out
    for f in sorted(d.glob("*.txt")):
        prefix = f.name[:3]
        if prefix in SEED_SLUGS:
            out[SEED_SLUGS[prefix]] = f
    return out


def slug_for(seed_file):
    return SEED_SLUGS[Path(seed_file).name[:3]]


def normalize(text):
    """Fold typographic punctuation to ASCII (quotes, dashes, nbsp)."""
    for a, b in (
        ("\u2019", "'"),
        ("\u2018", "'"),
        ("\u201c", '"'),
        ("\u201d", '"'),
        ("\u2013", "-"),
        ("\u2014", "-"),
        ("\u00a0", " "),
    ):
        text = text.replace(a, b)
    return text


def read_lines(seed_file):
    text = normalize(Path(seed_file).read_text(encoding="utf-8"))
    return [ln.rstrip() for ln in text.splitlines()]


def _is_bullet(line):
    return line.strip().startswith(BULLET)


def _bullet_text(line):
    return line.strip().lstrip(BULLET).strip()


def _topic(number, title, children=None):
    return {"number": number, "title": title, "children": children or []}


def _empty():
    return {
        "phases": [],
        "units": [],
        "resources": [],
        "traps": [],
        "outcomes": [],
        "skills": [],
        "glossary": [],
    }


def _unit(number, title, phase):
    return {
        "number": number,
        "title": title,
        "phase": phase,
        "topics": [],
        "exercises": [],
        "readings": [],
    }


# --------------------------------------------------------------------- 000
def _parse_000(lines):
    r = _empty()
    r["phases"].append({"number": 1, "title": None, "period": None})
    section = None
    in_table = False
    for ln in lines:
        s = ln.strip()
        if re.fullmatch(r"0\d", s):
            section = s
            in_table = False
            continue
        m = re.match(r"^Week (\d+): (.+)$", s)
        if m:
            r["units"].append(_unit(int(m.group(1)), m.group(2).strip(), 1))
            continue
        if s.startswith("Mini-project/Exercise:"):
            r["units"][-1]["exercises"].append(s.split(":", 1)[1].strip())
            continue
        if section == "02" and _is_bullet(s):
            r["outcomes"].append(_bullet_text(s))
        elif section == "04" and re.match(r"^\d+\. ", s):
            r["skills"].append(s.split(". ", 1)[1].strip())
        elif section == "05":
            if s.startswith("Resource Why"):
                in_table = True
            elif in_table and s:
                r["resources"].append(s)
        elif section == "06":
            m = re.match(r"^Trap \d+: (.+)$", s)
            if m:
                r["traps"].append(m.group(1).strip())
    return r


# --------------------------------------------------------------------- 001
def _parse_001(lines):
    r = _empty()
    phase = None
    expect_motto = False
    stack = []
    for ln in lines:
        s = ln.strip()
        if not s:
            continue
        m = re.match(r"^Phase (\d+): (.+)$", s)
        if m:
            phase = int(m.group(1))
            r["phases"].append({"number": phase, "title": m.group(2).strip(), "period": None})
            expect_motto = True
            continue
        if phase is None:
            continue
        if expect_motto and s.startswith("("):
            expect_motto = False
            continue
        expect_motto = False
        m = re.match(r"^(\d+(?:\.\d+)+)\.\s+(.+)$", s)
        if m:
            number, title = m.group(1), m.group(2).strip()
            depth = number.count(".")
            node = _topic(number, title)
            unit = r["units"][-1]
            if depth == 1:
                unit["topics"].append(node)
                stack = [node]
                if unit["title"] == "Hands-on Projects":  # each is also a project to sign off
                    unit["exercises"].append(title)
            else:
                stack = stack[: depth - 1]
                stack[-1]["children"].append(node)
                stack.append(node)
            continue
        r["units"].append(_unit(len(r["units"]) + 1, s, phase))
        stack = []
    return r


# --------------------------------------------------------------------- 002
def _parse_002(lines):
    r = _empty()
    r["audience"], r["prerequisites"] = [], []
    phase = None
    block = None
    option = None
    for ln in lines:
        s = ln.strip()
        if not s:
            continue
        m = re.match(r"^Phase (\d+): (.+?) \((Weeks \d+-\d+)\)$", s)
        if m:
            phase = int(m.group(1))
            r["phases"].append({"number": phase, "title": m.group(2).strip(), "period": m.group(3)})
            block = None
            continue
        m = re.match(r"^Week (\d+): (.+)$", s)
        if m:
            r["units"].append(_unit(int(m.group(1)), m.group(2).strip(), phase))
            block = None
            option = None
            continue
        if s == "Who This Is For":
            block = "audience"
            continue
        if s == "Prerequisites":
            block = "prerequisites"
            continue
        if s.startswith("What You Will Be Able to Do"):
            block = "outcomes"
            continue
        if s in ("Read:", "Exercise:", "Activities:"):
            block = s[:-1].lower()
            continue
        if s.endswith("cross-reference:") or s.endswith("cross-reference (for data intuition):"):
            block = "xref"
            continue
        if s.startswith("Choose one"):  # the capstone: one project, whichever option
            r["units"][-1]["exercises"].append(s)
            block = None
            continue
        if s.startswith("Milestone:"):
            block = None
            continue
        m = re.match(r"^Option ([A-Z]): (.+)$", s)
        if m:
            option = _topic(m.group(1), s)
            r["units"][-1]["topics"].append(option)
            block = "option"
            continue
        m = re.match(r"^(\d+)\. (.+)$", s)
        if m and block == "option":
            option["children"].append(
                _topic(f"{option['number']}.{m.group(1)}", m.group(2).strip())
            )
            continue
        if _is_bullet(s):
            text = _bullet_text(s)
            if block in ("audience", "prerequisites", "outcomes"):
                r[block].append(text)
            elif block == "read":
                name = text.split(" -- ", 1)[0].strip()
                r["units"][-1]["readings"].append(name)
                r["resources"].append(name)
            elif block in ("exercise", "activities"):
                r["units"][-1]["exercises"].append(text)
            continue
        if block == "outcomes":
            block = None
    return r


# --------------------------------------------------------------------- 003
_RESOURCE_LABELS = ("Resources",)
_EXERCISE_LABELS = ("Project", "Projects", "Practical Application")


def _split_top_level(text):
    parts, depth, cur = [], 0, ""
    for ch in text:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        if ch == "," and depth == 0:
            parts.append(cur)
            cur = ""
        else:
            cur += ch
    parts.append(cur)
    return [p.strip().rstrip(".").strip() for p in parts if p.strip()]


def _parse_003(lines):
    r = _empty()
    phase = None
    for ln in lines:
        s = ln.strip()
        if not s:
            continue
        if s.startswith("This roadmap should"):
            break
        m = re.match(r"^Stage (\d+): (.+?) \((\d+-\d+ Months)\)$", s)
        if m:
            phase = int(m.group(1))
            r["phases"].append(
                {"number": phase, "title": m.group(2).strip(), "period": m.group(3).lower()}
            )
            continue
        if phase is None or s.startswith("Goal:"):
            continue
        text = _bullet_text(s) if _is_bullet(s) else s
        if ": " in text:
            label, body = text.split(": ", 1)
            unit = r["units"][-1]
            if label in _RESOURCE_LABELS:
                for name in _split_top_level(body):
                    unit["readings"].append(name)
                    r["resources"].append(name)
            elif label in _EXERCISE_LABELS:
                unit["exercises"].append(body.strip())
            else:
                unit["topics"].append(_topic(None, label.strip()))
            continue
        title = re.sub(r"^\d+\.\s*", "", text)
        r["units"].append(_unit(len(r["units"]) + 1, title, phase))
    return r


# --------------------------------------------------------------------- 004
def _parse_004(lines):
    r = _empty()
    r["phases"].append({"number": 1, "title": None, "period": None})
    stripped = [ln.strip() for ln in lines]
    start = stripped.index("Key Terms You Should Know") + 1
    end = stripped.index("The Complete Learning Path")
    terms = [s for s in stripped[start:end] if s]
    r["glossary"] = terms[0::2]
    for i, s in enumerate(stripped[end:], start=end):
        m = re.match(r"^Duration: (.+?weeks|Ongoing)", s)
        if m:
            u = _unit(len(r["units"]) + 1, stripped[i - 1], 1)
            u["duration"] = m.group(1)
            r["units"].append(u)
            continue
        if s.startswith("- ") and r["units"]:
            text = s[2:].strip()
            r["units"][-1]["topics"].append(_topic(None, text.split(": ", 1)[0].strip()))
    last = r["units"][-1]
    last["exercises"] = [t["title"] for t in last["topics"]]
    last["topics"] = []
    return r


_PARSERS = {
    "000": _parse_000,
    "001": _parse_001,
    "002": _parse_002,
    "003": _parse_003,
    "004": _parse_004,
}


def parse_seed(seed_file):
    prefix = Path(seed_file).name[:3]
    r = _PARSERS[prefix](read_lines(seed_file))
    r["slug"] = SEED_SLUGS[prefix]
    return r


def count_topics(topics):
    return sum(1 + count_topics(t.get("children") or []) for t in topics or [])


def expected_counts(seed_file):
    """Counts derived from the seed text; see the module docstring."""
    r = parse_seed(seed_file)
    return {
        "slug": r["slug"],
        "phases": len(r["phases"]),
        "units": len(r["units"]),
        "topics": sum(count_topics(u["topics"]) for u in r["units"]),
        "resources": len(r["resources"]),
        "exercises": sum(len(u["exercises"]) for u in r["units"]),
        "traps": len(r["traps"]),
        "outcomes": len(r["outcomes"]),
        "skills": len(r["skills"]),
        "glossary": len(r["glossary"]),
    }


if __name__ == "__main__":  # pragma: no cover - manual inspection helper
    import json

    for _slug, f in seed_files().items():
        print(json.dumps(expected_counts(f)))
