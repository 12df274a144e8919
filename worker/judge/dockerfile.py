"""Static rules on a learner's Dockerfile, read as text: nothing is built or pulled.

The rules are the ones a reviewer asks of a service image: a base image pinned to a version
(or a digest), a non-root user for what runs, the service's port exposed, and a command.
Instructions are read as Docker reads them: comments and blank lines skipped, lines joined
at a trailing backslash, keywords in any case, the last USER and CMD/ENTRYPOINT of the final
stage the ones that count.
"""

from __future__ import annotations

import json
import re

MAX_CHARS = 100_000
ROOT_USERS = {"root", "0", "0:0", "root:root"}
FLOATING_TAGS = {"latest", "stable", "current", "slim", "alpine", "bookworm", "bullseye"}


def instructions(text: str) -> list[tuple[int, str, str]]:
    """(line, KEYWORD, arguments) for each instruction."""
    found: list[tuple[int, str, str]] = []
    pending, start = "", 0
    for number, raw in enumerate(text[:MAX_CHARS].splitlines(), start=1):
        line = raw.strip()
        if not pending and (not line or line.startswith("#")):
            continue
        if pending and line.startswith("#"):
            continue
        if not pending:
            start = number
        if line.endswith("\\"):
            pending += line[:-1].rstrip() + " "
            continue
        whole = (pending + line).strip()
        pending = ""
        keyword, _, rest = whole.partition(" ")
        found.append((start, keyword.upper(), rest.strip()))
    if pending.strip():
        keyword, _, rest = pending.strip().partition(" ")
        found.append((start, keyword.upper(), rest.strip()))
    return found


def _final_stage(found: list[tuple[int, str, str]]) -> list[tuple[int, str, str]]:
    starts = [i for i, (_, keyword, _) in enumerate(found) if keyword == "FROM"]
    return found[starts[-1] :] if starts else found


def _base_problem(found: list[tuple[int, str, str]]) -> str | None:
    froms = [(line, rest) for line, keyword, rest in found if keyword == "FROM"]
    if not froms:
        return "it has no FROM line: start from a base image such as python:3.11.9-slim"
    stages = set()
    for line, rest in froms:
        words = [w for w in rest.split() if not w.startswith("--")]
        if not words:
            return f"line {line}: FROM names no image"
        image = words[0]
        if len(words) >= 3 and words[1].lower() == "as":
            stages.add(words[2].lower())
        if image.lower() in stages or image == "scratch":
            continue  # an earlier stage of this file, or the empty image
        if "@sha256:" in image:
            continue
        tag = image.rsplit("/", 1)[-1].partition(":")[2]
        if not tag:
            return (
                f"line {line}: FROM {image} has no tag, so it means :latest and changes under you; "
                "pin a version (python:3.11.9-slim) or a digest"
            )
        if tag.lower() in FLOATING_TAGS or not re.search(r"\d", tag):
            return (
                f"line {line}: FROM {image} uses the moving tag ':{tag}'; pin a version "
                "(python:3.11.9-slim) or a digest"
            )
    return None


def _user_problem(found: list[tuple[int, str, str]]) -> str | None:
    users = [
        (line, rest.split()[0] if rest.split() else "") for line, kw, rest in found if kw == "USER"
    ]
    if not users:
        return "it has no USER line, so the service runs as root; create a user and switch to it"
    line, user = users[-1]
    if user.lower() in ROOT_USERS or user.split(":")[0] in ("root", "0"):
        return f"line {line}: USER {user} is root; the service must run as a non-root user"
    return None


def _port_problem(found: list[tuple[int, str, str]], port: int | None) -> str | None:
    exposed = [
        (line, word)
        for line, keyword, rest in found
        if keyword == "EXPOSE"
        for word in rest.split()
    ]
    if not exposed:
        return "it has no EXPOSE line: say which port the service listens on"
    if port is None:
        return None
    numbers = {word.split("/")[0] for _, word in exposed}
    if str(port) not in numbers:
        return f"it exposes {', '.join(sorted(numbers))}, but the service listens on {port}"
    return None


def _command_problem(found: list[tuple[int, str, str]]) -> str | None:
    commands = [(line, kw, rest) for line, kw, rest in found if kw in ("CMD", "ENTRYPOINT")]
    if not commands:
        return "it has no CMD (or ENTRYPOINT): say what the container runs"
    line, keyword, rest = commands[-1]
    if not rest:
        return f"line {line}: {keyword} is empty"
    if rest.startswith("["):
        try:
            words = json.loads(rest)
        except ValueError:
            return (
                f"line {line}: {keyword} {rest[:60]} is not a valid JSON list "
                '(use double quotes: ["python", "app.py"])'
            )
        if not isinstance(words, list) or not words or not all(isinstance(w, str) for w in words):
            return f"line {line}: {keyword} must be a non-empty list of strings"
    return None


def judge_dockerfile_text(
    text: str | None, name: str, rules: list[str], port: int | None = None
) -> list[str]:
    """The problems found, one sentence each (an empty list: every rule holds)."""
    if text is None:
        return [f"no file named {name} was submitted; submit it beside your code"]
    found = instructions(text)
    final = _final_stage(found)
    checks = {
        "pinned_base": lambda: _base_problem(found),
        "non_root_user": lambda: _user_problem(final),
        "exposes_port": lambda: _port_problem(final, port),
        "has_command": lambda: _command_problem(final),
    }
    return [problem for rule in rules if (problem := checks[rule]()) is not None]
