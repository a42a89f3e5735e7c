"""site.yaml as a frozen, typed configuration; every bad key is reported in one go."""

from __future__ import annotations

import functools
import re
import zoneinfo
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from benn_site.errors import BuildFailed, ConfigError, SiteError, did_you_mean
from benn_site.messages import msg
from benn_site.reading.fields import FieldChecker, line_of
from benn_site.reading.forge import Forge, forge_of
from benn_site.reading.yamlsource import parse_yaml
from benn_site.texts import Text

LANG_CODE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
NAV_BUILTINS = ("home", "locations", "events", "search")
FIELDS = {
    "title", "tagline", "base_url", "timezone", "default_language", "languages", "navigation", "footer",
    "holidays", "categories", "events_horizon_weeks", "contact", "data_licence", "edit_url",
}


@dataclass(frozen=True)
class Language:
    code: str
    name: str
    dir: str = "ltr"


@dataclass(frozen=True)
class Config:
    """Everything site.yaml says, plus where the site's folders are."""

    root: Path
    title: Text
    tagline: Text | None
    base_url: str  # always ends with '/'
    timezone: str
    default_language: str
    languages: tuple[Language, ...]
    navigation: tuple[str, ...]
    holidays: tuple[str, str | None] | None
    categories: tuple[tuple[str, Text], ...]
    events_horizon_weeks: int
    contact_email: str | None
    contact_phone: str | None
    footer: tuple[str, ...] | None = None  # page slugs; None: every page outside the menu
    data_licence: str | None = None  # the licence of the open data (/data/…), e.g. "CC BY 4.0"
    forge: Forge | None = None  # from edit_url: where editors edit the site's files on the web

    @property
    def base_path(self) -> str:
        """The URL path the site lives under: '/' or '/sub/path/'."""
        return urlsplit(self.base_url).path or "/"

    @functools.cached_property
    def codes(self) -> tuple[str, ...]:  # asked for tens of thousands of times in a large build
        return tuple(lang.code for lang in self.languages)

    def language(self, code: str) -> Language:
        return next(lang for lang in self.languages if lang.code == code)

    def category(self, key: str) -> Text | None:
        return dict(self.categories).get(key)

    @property
    def content_dir(self) -> Path:
        return self.root / "content"

    @property
    def templates_dir(self) -> Path:
        return self.root / "templates"

    @property
    def tz(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.timezone)


def load_config(root: Path, base_url: str | None = None, sources=None) -> Config:
    """Read `root/site.yaml`; raise BuildFailed listing every problem. `sources`, the build's
    cache of parsed files (`content.parsed_files.SourceCache`), keeps what the holidays package
    said of site.yaml's region until the file or the package changes."""
    path = root / "site.yaml"
    name = "site.yaml"
    if not path.is_file():
        raise BuildFailed([ConfigError(name, None, msg("file not found"),
                                       hint=msg("is '{folder}' a site folder? Go to the folder with site.yaml, "
                                                "or give it with --site FOLDER", folder=root))])
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise BuildFailed([ConfigError(name, None, msg("is not UTF-8 text"),
                                       hint=msg("save the file with the encoding UTF-8"))]) from None
    except OSError as exc:
        raise BuildFailed([ConfigError(name, None, msg("cannot be read: {reason}", reason=exc.strerror or exc),
                                       hint=msg("check that the file may be read (its permissions)"))]) from None
    if not text.strip():
        raise BuildFailed([ConfigError(name, None, msg("the file is empty"),
                                       hint=msg("see README.md, section site.yaml"))])
    data, errors = parse_yaml(text, name, error_type=ConfigError)
    if errors:
        raise BuildFailed(errors)
    if not isinstance(data, dict):
        raise BuildFailed([ConfigError(name, 1, msg("must be settings like 'title: …'"),
                                       hint=msg("see README.md, section site.yaml"))])
    errors: list[SiteError] = []
    check = FieldChecker(name, errors, ConfigError)
    check.known(data, FIELDS)
    check.required(data, ["title", "base_url", "default_language", "languages"])

    languages = _languages(data, check)
    codes = [lang.code for lang in languages]
    default = data.get("default_language")
    if default is not None and codes and default not in codes:
        check.error(data, "default_language", msg("'{code}' is not one of the languages", code=default),
                    did_you_mean(default, codes) or msg("add it to 'languages'"))
    default = str(default or (codes[0] if codes else "en"))

    title = check.text(data, "title", codes)
    tagline = check.text(data, "tagline", codes)
    url = str(data.get("base_url") or "/")
    if base_url is not None:
        url = base_url
    parts = urlsplit(url)
    if (parts.scheme not in ("http", "https") or not parts.netloc) and not url.startswith("/"):
        check.error(data, "base_url", msg("'{url}' is not a web address", url=url),
                    msg("write it like https://example.org/ or https://example.org/sub/path/"))
    if not url.endswith("/"):
        url += "/"

    timezone = str(data.get("timezone") or "Europe/Berlin")
    try:
        zoneinfo.ZoneInfo(timezone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        check.error(data, "timezone", msg("unknown time zone '{zone}'", zone=timezone), msg("e.g. Europe/Berlin"))

    navigation = data.get("navigation") or ["home", "locations", "events"]
    if not isinstance(navigation, list) or not all(isinstance(n, str) for n in navigation):
        check.error(data, "navigation", msg("must be a list of words"), msg("e.g. [home, locations, events, about]"))
        navigation = ["home"]

    footer = data.get("footer")
    if footer is not None and (not isinstance(footer, list) or not all(isinstance(n, str) for n in footer)):
        check.error(data, "footer", msg("must be a list of page slugs"), msg("e.g. [accessibility, imprint, privacy]"))
        footer = None

    holidays = None
    hol = data.get("holidays")
    if hol is not None:
        if isinstance(hol, dict) and hol.get("country"):
            check.known(hol, {"country", "subdivision"}, "holidays.")
            holidays = (str(hol["country"]), str(hol["subdivision"]) if hol.get("subdivision") else None)
            if sources is None or sources.get(path, "holidays") != holidays:
                if _check_holidays(holidays, data, check) and sources is not None:
                    sources.put(path, "holidays", holidays)
        else:
            check.error(data, "holidays", msg("must say the country"), msg("e.g. {country: DE, subdivision: BE}"))

    categories = []
    cats = data.get("categories") or {}
    if not isinstance(cats, dict):
        check.error(data, "categories", msg("must be keys with their labels"),
                    msg("e.g. language-cafe: {de: Sprachcafé, en: Language café}"))
    else:
        for key in cats:
            if not SLUG.match(str(key)):
                check.error(cats, key, msg("'{key}' is not a valid key", key=key),
                            msg("use lowercase letters, digits and -"), field=f"categories.{key}")
            value = check.text(cats, key, codes, "categories.")
            if value is not None:
                categories.append((str(key), Text.of(value, default)))

    horizon = check.typed(data, "events_horizon_weeks", int, msg("a whole number of weeks")) or 8
    contact = data.get("contact") or {}
    if not isinstance(contact, dict):
        check.error(data, "contact", msg("must be fields like email and phone"), msg("e.g. {email: office@example.org}"))
        contact = {}
    check.known(contact, {"email", "phone"}, "contact.")
    licence = check.typed(data, "data_licence", str, msg("the name of a licence, e.g. CC BY 4.0"))
    if licence is not None and not licence.strip():
        check.error(data, "data_licence", msg("must not be empty"), msg("e.g. CC BY 4.0 or dl-de/by-2-0"))
        licence = None
    forge = None
    edit_url = check.typed(data, "edit_url", str, msg("the web editor's address, e.g. https://github.com/org/repo/edit/main/"))
    if edit_url is not None:
        found = forge_of(edit_url.strip())
        if isinstance(found, Forge):
            forge = found
        else:
            check.error(data, "edit_url", *found)

    if errors:
        raise BuildFailed(errors)
    return Config(
        root=root,
        title=Text.of(title, default),
        tagline=Text.of(tagline, default) if tagline else None,
        base_url=url,
        timezone=timezone,
        default_language=default,
        languages=tuple(languages),
        navigation=tuple(navigation),
        holidays=holidays,
        categories=tuple(categories),
        events_horizon_weeks=int(horizon),
        contact_email=str(contact["email"]) if contact.get("email") else None,
        contact_phone=str(contact["phone"]) if contact.get("phone") else None,
        footer=tuple(footer) if footer is not None else None,
        data_licence=licence.strip() if licence else None,
        forge=forge,
    )


def _languages(data, check: FieldChecker) -> list[Language]:
    raw = data.get("languages")
    if raw is None:
        return []
    if not isinstance(raw, list) or not raw:
        check.error(data, "languages", msg("must be a list of languages"), msg("e.g. - {code: de, name: Deutsch}"))
        return []
    result, seen = [], set()
    for i, item in enumerate(raw):
        field = f"languages[{i}]"
        if not isinstance(item, dict):
            check.errors.append(ConfigError(check.path, (raw.lines[i] if getattr(raw, "lines", None) else
                                                         line_of(raw, None, 1)),
                                            msg("must be code, name and dir"), field,
                                            msg("e.g. {code: ar, name: العربية, dir: rtl}")))
            continue
        check.known(item, {"code", "name", "dir"}, field + ".")
        if not check.required(item, ["code", "name"], field + "."):
            continue
        code = str(item["code"])
        if not LANG_CODE.match(code):
            check.error(item, "code", msg("'{code}' is not a BCP 47 language code", code=code),
                        msg("e.g. de, ar, fa, pt-BR"), field=field + ".code")
        if code in seen:
            check.error(item, "code", msg("language '{code}' is declared twice", code=code),
                        msg("delete one of them"), field=field + ".code")
        seen.add(code)
        direction = str(item.get("dir") or "ltr")
        if direction not in ("ltr", "rtl"):
            check.error(item, "dir", msg("must be ltr or rtl, not '{value}'", value=direction),
                        msg("rtl for Arabic, Farsi, Hebrew, Urdu; ltr for the others"), field=field + ".dir")
        result.append(Language(code, str(item["name"]), direction))
    return result


def _check_holidays(holidays, data, check) -> bool:
    """Whether the holidays package knows the region; else the problem is noted in `check`.
    Asking imports every country the package has (a tenth of a second), so the caller keeps a yes."""
    import holidays as holidays_lib

    country, subdivision = holidays
    try:
        holidays_lib.country_holidays(country, subdiv=subdivision, years=2026)
        return True
    except (NotImplementedError, KeyError):
        pass  # which of the two is unknown, said below
    except ValueError as exc:
        check.error(data, "holidays", str(exc).splitlines()[0], msg("e.g. {country: DE, subdivision: BE}"))
        return False
    # Only now the list of every country: it imports them all, 60 ms that a correct site.yaml need not wait.
    supported = holidays_lib.list_supported_countries()
    if country not in supported:
        check.error(data, "holidays", msg("unknown country '{country}'", country=country),
                    did_you_mean(country.upper(), supported) or msg("use an ISO code such as DE"))
        return False
    if subdivision is not None and subdivision not in supported[country]:
        check.error(data, "holidays", msg("'{subdivision}' is not a subdivision of {country}",
                                          subdivision=subdivision, country=country),
                    did_you_mean(subdivision.upper(), supported[country])
                    or msg("one of: {names}", names=", ".join(supported[country])), field="holidays.subdivision")
        return False
    check.error(data, "holidays", msg("unknown country '{country}'", country=country),
                msg("use an ISO code such as DE"))
    return False
