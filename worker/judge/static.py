"""Static checks on the learner's source, from its AST: no code is run for these."""

from __future__ import annotations

import ast
import threading

# CPython 3.11's AST constructor keeps its recursion depth in interpreter-wide state, so two
# threads turning parse trees into Python objects at once (check_exercises grades two
# candidates in threads; the warm pool reads references in another) can trip
# "SystemError: AST constructor recursion depth mismatch" (python/cpython#106905): one
# parse at a time in this process, and one retry for a parse another module raced.
_PARSE_LOCK = threading.Lock()


def parse_python(text: str, filename: str = "<unknown>") -> ast.Module:
    """ast.parse that threads cannot trip each other up in; SyntaxError passes through."""
    with _PARSE_LOCK:
        try:
            return ast.parse(text, filename=filename)
        except SystemError:
            return ast.parse(text, filename=filename)


def imported_modules(tree: ast.AST) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
        elif isinstance(node, ast.Call) and getattr(
            node.func, "id", getattr(node.func, "attr", "")
        ) in {"__import__", "import_module"}:
            if (
                node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                names.add(node.args[0].value)
    return names


def import_aliases(tree: ast.AST) -> dict[str, str]:
    """Local name → full dotted name: `import torch.nn as nn` gives nn → torch.nn."""
    aliases = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname:
                    aliases[alias.asname] = alias.name
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                aliases[alias.asname or alias.name] = f"{node.module}.{alias.name}"
    return aliases


def called_names(tree: ast.AST) -> dict[str, str]:
    """Dotted names referenced as attribute chains (e.g. torch.nn.LSTM), each mapped to its
    spelling through import aliases, so `from torch import nn; nn.LSTM` is torch.nn.LSTM too.
    Both spellings are keys; the value is the resolved one."""
    aliases = import_aliases(tree)
    found = {}
    for node in ast.walk(tree):
        if isinstance(node, (ast.Attribute, ast.Name)):
            parts = []
            cur: ast.expr = node
            while isinstance(cur, ast.Attribute):
                parts.append(cur.attr)
                cur = cur.value
            if isinstance(cur, ast.Name):
                parts.append(cur.id)
                written = ".".join(reversed(parts))
                resolved = (
                    ".".join([aliases[cur.id], *reversed(parts[:-1])])
                    if cur.id in aliases
                    else written
                )
                found[written] = found[resolved] = resolved
    return found


def defined_names(tree: ast.AST) -> set[str]:
    return {
        node.name
        for node in ast.walk(tree)
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
    } | {
        t.id
        for node in ast.walk(tree)
        if isinstance(node, ast.Assign)
        for t in node.targets
        if isinstance(t, ast.Name)
    }


def _matches(module: str, banned: str) -> bool:
    return module == banned or module.startswith(banned + ".")


def judge_static(check: dict, sources: dict[str, str]) -> tuple[float, str]:
    """(score 0–1, message) for one static check over every Python file submitted."""
    problems = []
    trees = {}
    for name, text in sources.items():
        if not name.endswith(".py"):
            continue
        try:
            trees[name] = parse_python(text, filename=name)
        except SyntaxError as exc:
            return (
                0.0,
                f"{name} line {exc.lineno}: syntax error ({exc.msg}); fix it so the code can be read.",
            )
    imports = set().union(*(imported_modules(t) for t in trees.values())) if trees else set()
    calls: dict[str, str] = {}
    for tree in trees.values():
        calls.update(called_names(tree))
    defined = set().union(*(defined_names(t) for t in trees.values())) if trees else set()
    for banned in check.get("forbid_imports", []):
        hits = sorted(m for m in imports if _matches(m, banned))
        if hits:
            problems.append(f"imports {', '.join(hits)}, which this exercise forbids")
    for needed in check.get("require_imports", []):
        if not any(_matches(m, needed) for m in imports):
            problems.append(f"does not import {needed}, which this exercise requires")
    for name in check.get("require_names", []):
        if name not in defined:
            problems.append(f"does not define {name}")
    reported: set[str] = set()
    for banned in check.get("forbid_calls", []):
        hits = sorted(
            {
                calls[c]
                for c in calls
                if c == banned or c.endswith("." + banned.split(".")[-1]) and banned in c
            }
        )
        if hits and not reported & set(hits):
            reported.update(hits)
            problems.append(f"uses {hits[0]}, which this exercise forbids")
    if problems:
        return 0.0, "Your code " + "; ".join(problems) + "."
    return 1.0, ""
