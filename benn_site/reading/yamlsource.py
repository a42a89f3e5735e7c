"""YAML reading that keeps line numbers and refuses what PyYAML would silently accept.

PyYAML keeps the last of two equal keys without a word; an editor who pasted a block twice
would lose data. Mappings here remember the line of each key (`.lines`) and duplicates are
reported. Dates stay YAML dates; times like 12:00 stay strings (YAML 1.1 reads them as
sexagesimal integers otherwise).
"""

from __future__ import annotations

import re

import yaml

from benn_site.errors import ContentError, SiteError
from benn_site.messages import msg


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


# The same loader on libyaml's C parser, several times faster on thousands of front matters. It
# builds the same values; on any error the pure-Python loader runs again, so messages stay the same.
_FastLoader = None
if getattr(yaml, "__with_libyaml__", False):
    class _FastLoader(yaml.CSafeLoader):  # type: ignore[no-redef]
        yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers
        yaml_constructors = _Loader.yaml_constructors


def _fast(text: str):
    """(data, duplicate-key problems) from the C parser, or None when it is missing or fails."""
    if _FastLoader is None:
        return None
    loader = _FastLoader(text)
    loader.problems = []
    try:
        return loader.get_single_data(), loader.problems
    except yaml.YAMLError:
        return None
    finally:
        loader.dispose()


def parse_yaml(text: str, path: str, first_line: int = 1, error_type=ContentError):
    """Parse YAML text from `path`; returns (data, errors). Lines are offset by `first_line - 1`."""
    offset = first_line - 1
    errors: list[SiteError] = []
    lines = text.splitlines()
    tabs = [number for number, line in enumerate(lines) if line.lstrip(" ").startswith("\t")]
    if tabs:
        # Read the tabs as two spaces each, to find the file's other problems in the same run; when
        # even that cannot be read, say that more may follow.
        spaced = "\n".join(_spaces(line) if number in tabs else line for number, line in enumerate(lines))
        data, more = parse_yaml(spaced, path, first_line, error_type)
        hint = msg("YAML needs spaces: replace the tab with spaces") if data is not None else msg(
            "YAML needs spaces: replace the tab with spaces; other problems in this file, if any, are named "
            "once it can be read")
        errors = [error_type(path, number + first_line, msg("indented with a tab"), hint=hint) for number in tabs]
        return (data, errors + more) if data is not None else (None, errors)
    fast = _fast(text)
    loader = _Loader(text)
    loader.problems = []
    try:
        data = loader.get_single_data() if fast is None else fast[0]
    except yaml.MarkedYAMLError as exc:
        line, message, hint = _explain(exc)
        return None, [error_type(path, line + offset, message, hint=hint)]
    except yaml.reader.ReaderError as exc:
        line = text[: exc.position].count("\n") + 1 + offset
        return None, [error_type(path, line, msg("contains an invisible control character ({code})",
                                                  code=f"U+{exc.character:04X}" if isinstance(exc.character, int)
                                                  else repr(exc.character)),
                                 hint=msg("delete it; it often comes with text copied from another program"))]
    except yaml.YAMLError as exc:
        return None, [error_type(path, first_line, msg("YAML error: {problem}", problem=str(exc)))]
    finally:
        loader.dispose()
    for line, key, first in (loader.problems if fast is None else fast[1]):
        errors.append(error_type(path, line + offset,
                                 msg("this field appears twice; the first is on line {first}", first=first + offset),
                                 key, msg("keep one of them: YAML would silently use only the last one")))
    if offset:
        _shift(data, offset)
    return data, errors


def _spaces(line: str) -> str:
    """A line's leading tabs as two spaces each."""
    body = line.lstrip(" \t")
    return line[: len(line) - len(body)].replace("\t", "  ") + body


def _explain(exc: yaml.MarkedYAMLError):
    """(line, message, hint) for a YAML syntax error, in words an editor can act on.

    PyYAML's own wording ("mapping values are not allowed here") names the parser's state, not
    the mistake; the common mistakes behind each are known, so say those.
    """
    problem = (exc.problem or "").strip()
    context = (exc.context or "").strip()

    def at(mark):
        return (mark.line + 1) if mark is not None else 1

    problem_line = at(exc.problem_mark or exc.context_mark)
    context_line = at(exc.context_mark or exc.problem_mark)
    if problem.startswith("mapping values are not allowed"):
        return problem_line, msg("a colon ':' where YAML does not expect one"), msg(
            "put a text that contains ': ' in quotes, e.g. title: \"Treffen: Kochen\"; "
            "or check that this line is indented like the one above")
    if problem.startswith("could not find expected ':'"):
        return context_line, msg("this line has no ':' after the field name"), msg(
            "write 'field: value'; a text over several lines must be in quotes")
    if "quoted scalar" in context:
        return context_line, msg("a quote opened on this line is never closed"), msg(
            "add the closing quote at the end of the text")
    if "flow mapping" in context or "flow sequence" in context:
        bracket = "}" if "mapping" in context else "]"
        return context_line, msg("a bracket opened on this line is not closed with '{bracket}'",
                                 bracket=bracket), msg("close it on the same line, e.g. [de, ar] or {de: …, en: …}")
    if problem.startswith("expected <block end>"):
        return problem_line, msg("this line does not fit the lines above it"), msg(
            "fields on the same level start in the same column; text after a closing quote is not "
            "allowed, so put the whole text in quotes")
    if "cannot start any token" in problem:
        char = problem.split("'")[1] if problem.count("'") >= 2 else "?"
        return problem_line, msg("a value cannot start with '{char}'", char=char), msg(
            "put the value in quotes, e.g. \"{char}…\"", char=char)
    return problem_line, msg("YAML syntax error: {problem}", problem=problem or context or "invalid YAML"), msg(
        "check indentation, colons and quotes on this line and the one above")


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
