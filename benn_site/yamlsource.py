"""YAML reading that keeps line numbers and refuses what PyYAML would silently accept.

PyYAML keeps the last of two equal keys without a word; an editor who pasted a block twice
would lose data. Mappings here remember the line of each key (`.lines`) and duplicates are
reported. Dates stay YAML dates; times like 12:00 stay strings (YAML 1.1 reads them as
sexagesimal integers otherwise).
"""

from __future__ import annotations

import re

import yaml

from .errors import ContentError, SiteError


class LineDict(dict):
    """A dict that knows its own line and the line of each key (1-based)."""

    line: int = 1
    lines: dict


class LineList(list):
    line: int = 1
    lines: list


class _Loader(yaml.SafeLoader):
    pass


# YAML 1.1 reads 12:30 as the integer 750 (base 60); editors mean a time.
_Loader.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:int"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:int",
    re.compile(r"^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+)$"),
    list("-+0123456789"),
)


def _construct_mapping(loader, node, deep=False):
    loader.flatten_mapping(node)
    result = LineDict()
    result.line = node.start_mark.line + 1
    result.lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, (str, int, float, bool)) and key is not None:
            key = str(key)
        line = key_node.start_mark.line + 1
        if key in result.lines:
            loader.problems.append((line, str(key), result.lines[key]))
        result.lines[key] = line
        result[key] = loader.construct_object(value_node, deep=True)
    return result


def _construct_sequence(loader, node, deep=False):
    result = LineList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.lines = [child.start_mark.line + 1 for child in node.value]
    return result


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def _construct_timestamp(loader, node):
    """Dates stay dates; a timestamp that does not exist is kept as text for a clear error later."""
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)


_OPENERS = {
    "while scanning a quoted scalar": "a quote",
    "while parsing a flow mapping": "a '{'",
    "while parsing a flow sequence": "a '['",
}


def parse_yaml(text: str, path: str, first_line: int = 1, error_type=ContentError):
    """Parse YAML text from `path`; returns (data, errors). Lines are offset by `first_line - 1`."""
    offset = first_line - 1
    errors: list[SiteError] = []
    for number, line in enumerate(text.splitlines(), start=first_line):
        stripped = line.lstrip(" ")
        if stripped.startswith("\t"):
            errors.append(error_type(path, number, "indented with a tab",
                                     hint="YAML needs spaces: replace the tab with spaces"))
    if errors:
        return None, errors
    loader = _Loader(text)
    loader.problems = []
    try:
        data = loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        opener = _OPENERS.get((exc.context or "").strip())
        if opener and exc.context_mark and exc.problem_mark and not text[exc.problem_mark.index:].strip():
            # The text ended inside an open quote or bracket: PyYAML points at the end of the
            # text, which may be past the last line; the editor needs the line that opened it.
            return None, [error_type(path, exc.context_mark.line + 1 + offset,
                                     f"YAML syntax error: {opener} opened on this line is never closed",
                                     hint="add the closing one, or remove it")]
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + 1 + offset) if mark else first_line
        problem = (exc.problem or exc.context or "invalid YAML").strip()
        return None, [error_type(path, line, f"YAML syntax error: {problem}",
                                 hint="check indentation, colons and quotes on this line and the one above")]
    except yaml.YAMLError as exc:
        return None, [error_type(path, first_line, f"YAML error: {exc}")]
    finally:
        loader.dispose()
    for line, key, first in loader.problems:
        errors.append(error_type(path, line + offset, f"duplicate key (first at line {first + offset})", key,
                                 "keep one of them"))
    if offset:
        _shift(data, offset)
    return data, errors


def _shift(value, offset):
    if isinstance(value, LineDict):
        value.line += offset
        value.lines = {k: v + offset for k, v in value.lines.items()}
        for v in value.values():
            _shift(v, offset)
    elif isinstance(value, LineList):
        value.line += offset
        value.lines = [v + offset for v in value.lines]
        for v in value:
            _shift(v, offset)
