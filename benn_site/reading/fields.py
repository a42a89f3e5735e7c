"""Checks of YAML mappings against a field list, shared by config and content loading.

Each check appends `SiteError`s instead of raising, so one pass reports every bad field.
Values come from `yamlsource`, whose mappings remember the line of every key.
"""

from __future__ import annotations

import datetime as dt
import re

from benn_site.errors import ContentError, SiteError, did_you_mean
from benn_site.messages import msg
from benn_site.texts import Text

# What a language code can look like (de, ar, fa-AF, zh-Hant): anything else under a text field
# is a field that slipped in by its indentation.
LANGUAGE_CODE = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*")

TIME_RANGE = re.compile(r"^(\d{1,2}):(\d{2})\s*[-–]\s*(\d{1,2}):(\d{2})$")
DATETIME = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?([+-]\d{2}:?\d{2}|Z)?)?$")


# What a typed field must be, with the hint that fixes it; passed to `FieldChecker.typed`.
WHOLE_NUMBER = msg("a whole number")
NUMBER = msg("a number")
TRUE_FALSE = msg("true or false")
_TYPE_HINTS = {
    WHOLE_NUMBER: msg("write digits only, without quotes, e.g. 10"),
    NUMBER: msg("write digits only, without quotes, e.g. 52.53"),
    TRUE_FALSE: msg("write true or false, without quotes"),
}


def show(value) -> str:
    """A value as the editor wrote it in YAML, for messages."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat(sep=" ") if isinstance(value, dt.datetime) else value.isoformat()
    if isinstance(value, dict):
        return "{…}"
    if isinstance(value, list):
        return "[…]"
    if isinstance(value, str):
        return f"'{value}'"
    return str(value)


def line_of(mapping, key=None, default=None):
    """The 1-based line of `key` in a YAML mapping (or of the mapping itself)."""
    lines = getattr(mapping, "lines", None) or {}
    if key is not None and key in lines:
        return lines[key]
    return getattr(mapping, "line", default)


class FieldChecker:
    """Reports unknown, missing and mistyped fields of one mapping in one file."""

    def __init__(self, path: str, errors: list[SiteError], error_type=ContentError):
        self.path = path
        self.errors = errors
        self.error_type = error_type

    def error(self, mapping, key, message, hint=None, field=None):
        self.errors.append(
            self.error_type(self.path, line_of(mapping, key, 1), message, field or key, hint)
        )

    def known(self, mapping, allowed, prefix=""):
        for key in mapping:
            if key not in allowed:
                hint = did_you_mean(key, allowed) or msg("allowed fields: {names}",
                                                         names=", ".join(sorted(allowed)))
                self.error(mapping, key, msg("unknown field"), hint, field=prefix + str(key))

    def required(self, mapping, names, prefix=""):
        ok = True
        for name in names:
            if mapping.get(name) in (None, ""):
                self.errors.append(
                    self.error_type(self.path, line_of(mapping, name, 1), msg("required field is missing"),
                                    prefix + name, msg("add a line '{name}: …'", name=name))
                )
                ok = False
        return ok

    def typed(self, mapping, key, types, what, prefix=""):
        """The value if it has one of `types`, else None after reporting it.

        `what` says what the value must be (WHOLE_NUMBER, NUMBER, TRUE_FALSE, or another msg()).
        """
        value = mapping.get(key)
        if value is None:
            return None
        wrong_bool = isinstance(value, bool) and bool not in (types if isinstance(types, tuple) else (types,))
        if wrong_bool or not isinstance(value, types):
            self.error(mapping, key, msg("must be {what}, not {value}", what=what, value=show(value)),
                       _TYPE_HINTS.get(what), field=prefix + key)
            return None
        return value

    def items(self, mapping, key, example, prefix="") -> list:
        """A list field: its items, or [] after reporting a value that is not a list."""
        value = mapping.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.error(mapping, key, msg("must be a list"), example, field=prefix + key)
            return []
        return value

    def word(self, mapping, key, prefix="") -> str | None:
        """A one-line value (a name, a phone number, a slug) as text; None when absent or not text."""
        value = mapping.get(key)
        if value is None or value == "":
            return None
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            self.error(mapping, key, msg("must be a single value, not {value}", value=show(value)),
                       msg("write the value after the colon, on the same line"), field=prefix + key)
            return None
        return str(value)

    def text(self, mapping, key, languages, prefix=""):
        """A text field: a string, or a mapping language → string with declared languages only."""
        value = mapping.get(key)
        if value is None:
            return None
        if isinstance(value, (str, int, float)) and not isinstance(value, bool):
            return str(value)
        if isinstance(value, dict):
            good = {}
            for lang, text in value.items():
                if lang not in languages and not LANGUAGE_CODE.fullmatch(str(lang)):
                    # `title:` then an indented `category:`: mostly spaces put where a tab was
                    self.error(value, lang, msg("'{name}' is indented under '{key}', so it is read as a "
                                                "language of {key}", name=lang, key=key),
                               msg("if '{name}' is a field of its own, start its line with no spaces in front, "
                                   "like '{key}:'", name=lang, key=key), field=f"{prefix}{key}.{lang}")
                elif lang not in languages:
                    hint = did_you_mean(lang, languages) or msg("the site's languages are: {codes}",
                                                                codes=", ".join(languages))
                    self.error(value, lang, msg("language '{lang}' is not declared in site.yaml", lang=lang),
                               hint, field=f"{prefix}{key}.{lang}")
                elif not isinstance(text, (str, int, float)) or isinstance(text, bool):
                    self.error(value, lang, msg("must be text"), msg("write the text after the colon"),
                               field=f"{prefix}{key}.{lang}")
                else:
                    good[lang] = str(text)
            return good or None
        self.error(mapping, key, msg("must be text, or texts per language"),
                   msg("e.g. title: Sprachcafé, or title: {de: Sprachcafé, en: Language café}"), field=prefix + key)
        return None


def parse_date(value) -> dt.date | None:
    """A date from YAML (already a date, or a string); None when it is not a real date."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    m = DATETIME.match(str(value).strip())
    if not m or m.group(4) is not None:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


# A closing time of 24:00, the end of the day. A time of day has no 24:00, so it is kept as the
# day's last second: it sorts after every other time, and `clock_text` writes it back as 24:00.
END_OF_DAY = dt.time(23, 59, 59)


def clock_text(value: dt.time) -> str:
    """A time of office hours as 'HH:MM' for machines (OpenStreetMap, schema.org, the open-now
    script): the inverse of `parse_time_range`, so the end of the day is '24:00'."""
    return "24:00" if value == END_OF_DAY else value.strftime("%H:%M")


def parse_time_range(value):
    """(start, end) times from 'HH:MM-HH:MM', or an error message; 24:00 means end of day (END_OF_DAY)."""
    m = TIME_RANGE.match(str(value).strip())
    if not m:
        return None, msg("'{value}' is not a time range", value=value)
    h1, m1, h2, m2 = (int(g) for g in m.groups())
    if h1 > 23 or m1 > 59 or h2 > 24 or m2 > 59 or (h2 == 24 and m2):
        return None, msg("'{value}' is not a time of day", value=value)
    start = dt.time(h1, m1)
    end = END_OF_DAY if h2 == 24 else dt.time(h2, m2)
    if end < start:
        return None, msg("'{value}' ends before it starts", value=value)
    if end == start:
        return None, msg("'{value}' ends when it starts", value=value)
    return (start, end), None


def parse_moment(value, tz, check, mapping, key, prefix=""):
    """(aware datetime, all_day) from a YAML date or 'YYYY-MM-DD HH:MM[+offset]'; None on error."""
    if isinstance(value, dt.datetime):
        value = value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day, tzinfo=tz), True
    m = DATETIME.match(str(value).strip())
    if not m:
        check.error(mapping, key, msg("'{value}' is not a date and time", value=value),
                    msg("write it like 2026-11-26 12:00, or 2026-11-26 for a whole day"), prefix + key)
        return None
    y, mo, d, h, mi, s, offset = m.groups()
    try:
        day = dt.date(int(y), int(mo), int(d))
    except ValueError:
        check.error(mapping, key, msg("'{value}': this date does not exist", value=value),
                    msg("check day and month: April, June, September and November have 30 days, "
                        "February 28 (29 in leap years)"), prefix + key)
        return None
    if h is None:
        return dt.datetime(day.year, day.month, day.day, tzinfo=tz), True
    if int(h) > 23 or int(mi) > 59 or int(s or 0) > 59:
        check.error(mapping, key, msg("'{value}': this time of day does not exist", value=value),
                    msg("use 00:00 to 23:59; midnight at the end of a day is 00:00 of the next day"), prefix + key)
        return None
    naive = dt.datetime(day.year, day.month, day.day, int(h), int(mi), int(s or 0))
    if offset:
        text = "+00:00" if offset == "Z" else offset
        sign = 1 if text[0] == "+" else -1
        digits = text[1:].replace(":", "")
        zone = dt.timezone(sign * dt.timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))
        return naive.replace(tzinfo=zone).astimezone(tz), False
    local = naive.replace(tzinfo=tz)
    if local.astimezone(dt.timezone.utc).astimezone(tz).replace(tzinfo=None) != naive:
        check.error(mapping, key, msg("'{value}' does not exist in {zone}: the clocks skip that hour "
                                      "when summer time begins", value=value, zone=tz.key),
                    msg("choose a time outside the change, e.g. 03:00"), prefix + key)
        return None
    return local, False


def text_field(check, mapping, key, config, prefix=""):
    value = check.text(mapping, key, config.codes, prefix)
    return Text.of(value, config.default_language) if value else None


def date_field(check, mapping, key, prefix=""):
    value = mapping.get(key)
    if value is None:
        return None
    day = parse_date(value)
    if day is None:
        check.error(mapping, key, msg("'{value}' is not a date that exists", value=value),
                    msg("write it as YYYY-MM-DD, e.g. 2026-12-24"), field=prefix + key)
    return day


def codes_field(check, mapping, key, prefix=""):
    value = mapping.get(key)
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        check.error(mapping, key, msg("must be a list of language codes"), msg("e.g. [de, ar, fa]"),
                    field=prefix + key)
        return ()
    return tuple(str(v) for v in value)


def bool_field(check, mapping, key, default=False):
    value = check.typed(mapping, key, bool, TRUE_FALSE)
    return default if value is None else value


def publication(check, mapping, tz, prefix="") -> tuple[bool, dt.datetime | None]:
    """(draft, publish_after) of an item: `draft: true`, and `publish_after: 2026-12-01 [08:00]`
    (a date means the start of that day in the site's time zone)."""
    draft = bool_field(check, mapping, "draft")
    value = mapping.get("publish_after")
    moment = parse_moment(value, tz, check, mapping, "publish_after", prefix) if value not in (None, "") else None
    return draft, moment[0] if moment else None


def hidden(draft: bool, publish_after: dt.datetime | None, now: dt.datetime) -> bool:
    """Whether a published build leaves the item out."""
    return draft or (publish_after is not None and publish_after > now)
