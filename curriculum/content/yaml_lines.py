"""A YAML loader that remembers where each mapping, key and list item came from.

Content errors are only useful with a line number, so mappings load as `LineDict`
and sequences as `LineList`, carrying the 1-based lines of themselves, their keys
and their items. Duplicate keys, which plain PyYAML silently overwrites, are reported.
"""

from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from curriculum.content.problems import Problem

if TYPE_CHECKING:
    _Base = yaml.SafeLoader
else:  # the C loader when PyYAML was built with libyaml
    _Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class LineDict(dict):
    line: int | None = None
    key_lines: dict

    def line_of(self, key) -> int | None:
        return getattr(self, "key_lines", {}).get(key, self.line)


class LineList(list):
    line: int | None = None
    item_lines: list

    def line_of(self, index: int) -> int | None:
        lines = getattr(self, "item_lines", [])
        return lines[index] if index < len(lines) else self.line


class _LineLoader(_Base):
    def __init__(self, stream):
        super().__init__(stream)
        self.duplicate_keys: list[tuple[str, int]] = []


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    mapping = LineDict()
    mapping.line = node.start_mark.line + 1
    mapping.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        key_line = key_node.start_mark.line + 1
        if key in mapping:
            loader.duplicate_keys.append((str(key), key_line))
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.key_lines[key] = key_line
    return mapping


def _construct_sequence(loader: _LineLoader, node: yaml.SequenceNode) -> LineList:
    items = LineList(loader.construct_object(child, deep=True) for child in node.value)
    items.line = node.start_mark.line + 1
    items.item_lines = [child.start_mark.line + 1 for child in node.value]
    return items


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def load_yaml(file: Path) -> tuple[object, list[Problem]]:
    """Parse one file; on a syntax error return (None, [problem at the parser's line])."""
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return None, [Problem(file, f"cannot read file: {exc}")]
    loader = _LineLoader(text)
    try:
        data = loader.get_single_data()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = mark.line + 1 if mark else None
        reason = getattr(exc, "problem", None) or str(exc)
        return None, [Problem(file, f"invalid YAML: {reason}", line=line)]
    finally:
        loader.dispose()
    problems = [
        Problem(
            file,
            f"duplicate key {key!r} (the later value would silently win)",
            line=line,
            field=key,
        )
        for key, line in loader.duplicate_keys
    ]
    return data, problems
