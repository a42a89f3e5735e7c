"""Turning the fields of a location file into a `Location`, reporting every bad field."""

from __future__ import annotations

from benn_site.config import Config
from benn_site.errors import SiteError, did_you_mean
from benn_site.messages import msg
from benn_site.model import (
    WEEKDAYS,
    Accessibility,
    Address,
    Closure,
    Coordinates,
    Location,
    SeasonalHours,
    Source,
)
from benn_site.reading.fields import (
    NUMBER,
    TRUE_FALSE,
    FieldChecker,
    bool_field,
    codes_field,
    date_field,
    line_of,
    parse_time_range,
    text_field,
)

LOCATION_FIELDS = {
    "name", "district", "area", "operator", "phase", "status", "ended", "address", "coordinates",
    "phone", "email", "website", "languages", "accessibility", "office_hours", "seasonal_hours",
    "closures", "closed_on_holidays", "example", "sources", "draft",
}


def _hours(check, mapping, key, prefix=""):
    value = mapping.get(key)
    if value is None:
        return ((),) * 7
    if not isinstance(value, dict):
        check.error(mapping, key, msg("must list weekdays with time ranges"), msg("e.g. tue: [\"10:00-13:00\"]"),
                    field=prefix + key)
        return ((),) * 7
    check.known(value, set(WEEKDAYS), prefix + key + ".")
    week = []
    for day in WEEKDAYS:
        ranges = value.get(day) or []
        if isinstance(ranges, str):
            ranges = [ranges]
        if not isinstance(ranges, list):
            check.error(value, day, msg("must be a list of time ranges"), msg("e.g. tue: [\"10:00-13:00\"]"),
                        field=f"{prefix}{key}.{day}")
            ranges = []
        parsed = []
        for i, item in enumerate(ranges):
            result, problem = parse_time_range(item)
            if problem:
                lines = getattr(ranges, "lines", None)
                line = lines[i] if lines else line_of(value, day, 1)
                check.errors.append(check.error_type(check.path, line, problem, f"{prefix}{key}.{day}",
                                                     msg("write it like \"10:00-13:00\", in quotes")))
            else:
                parsed.append(result)
        week.append(tuple(sorted(parsed)))
    return tuple(week)


def build_location(slug: str, meta: dict, path: str, config: Config, errors: list[SiteError]) -> Location | None:
    check = FieldChecker(path, errors)
    before = len(errors)
    check.known(meta, LOCATION_FIELDS)
    check.required(meta, ["name", "district"])
    status = check.word(meta, "status") or "active"
    if status not in ("active", "ended"):
        check.error(meta, "status", msg("must be 'active' or 'ended', not '{status}'", status=status))
    ended = date_field(check, meta, "ended")
    if status == "ended" and meta.get("ended") is None:
        check.required(meta, ["ended"])
    address = None
    if meta.get("address") is not None:
        raw = meta["address"]
        if isinstance(raw, dict):
            check.known(raw, {"street", "postcode", "city"}, "address.")
            street, postcode = check.word(raw, "street", "address."), check.word(raw, "postcode", "address.")
            city = check.word(raw, "city", "address.")
            if check.required(raw, ["street"], "address.") and street:
                address = Address(street, postcode, city or "Berlin")
        else:
            check.error(meta, "address", msg("must have street and postcode"),
                        msg("e.g. address: {street: Hauptstraße 1, postcode: \"10827\"}"))
    coordinates = None
    if meta.get("coordinates") is not None:
        raw = meta["coordinates"]
        if isinstance(raw, dict) and check.required(raw, ["lat", "lon"], "coordinates."):
            check.known(raw, {"lat", "lon", "approximate"}, "coordinates.")
            lat = check.typed(raw, "lat", (int, float), NUMBER, "coordinates.")
            lon = check.typed(raw, "lon", (int, float), NUMBER, "coordinates.")
            if lat is not None and lon is not None:
                if not (-90 <= lat <= 90 and -180 <= lon <= 180):
                    check.error(meta, "coordinates", msg("latitude or longitude out of range"),
                                msg("lat comes first: Berlin is about lat 52.5, lon 13.4"))
                coordinates = Coordinates(float(lat), float(lon), bool_field(check, raw, "approximate"))
        elif not isinstance(raw, dict):
            check.error(meta, "coordinates", msg("must have lat and lon"), msg("e.g. coordinates: {lat: 52.52, lon: 13.40}"))
    access = None
    if meta.get("accessibility") is not None:
        raw = meta["accessibility"]
        if isinstance(raw, dict):
            check.known(raw, {"step_free", "toilet", "note"}, "accessibility.")
            access = Accessibility(check.typed(raw, "step_free", bool, TRUE_FALSE, "accessibility."),
                                   check.typed(raw, "toilet", bool, TRUE_FALSE, "accessibility."),
                                   text_field(check, raw, "note", config, "accessibility."))
        else:
            check.error(meta, "accessibility", msg("must be fields like step_free and toilet"),
                        msg("e.g. accessibility: {step_free: true, toilet: false}"))
    seasonal = []
    for i, item in enumerate(check.items(meta, "seasonal_hours", msg(
            "e.g. - {from: 2026-07-01, until: 2026-08-31, hours: {tue: [\"10:00-12:00\"]}}"))):
        prefix = f"seasonal_hours[{i}]."
        if not isinstance(item, dict):
            check.error(meta, "seasonal_hours", msg("each entry needs from, until and hours"),
                        msg("e.g. - {from: 2026-07-01, until: 2026-08-31, hours: {tue: [\"10:00-12:00\"]}}"))
            continue
        check.known(item, {"from", "until", "label", "hours"}, prefix)
        if check.required(item, ["from", "until", "hours"], prefix):
            start, until = date_field(check, item, "from", prefix), date_field(check, item, "until", prefix)
            if start and until and until < start:
                check.error(item, "until", msg("ends before it starts"), msg("'until' must not be before 'from'"),
                            prefix + "until")
            if start and until:
                seasonal.append(SeasonalHours(start, until, text_field(check, item, "label", config, prefix),
                                              _hours(check, item, "hours", prefix)))
    closures = []
    for i, item in enumerate(check.items(meta, "closures", msg(
            "e.g. - {from: 2026-12-23, until: 2027-01-02, reason: Weihnachtspause}"))):
        prefix = f"closures[{i}]."
        if not isinstance(item, dict):
            check.error(meta, "closures", msg("each closure needs from (and until, reason)"),
                        msg("e.g. - {from: 2026-12-23, until: 2027-01-02, reason: Weihnachtspause}"))
            continue
        check.known(item, {"from", "until", "reason"}, prefix)
        if check.required(item, ["from"], prefix):
            start = date_field(check, item, "from", prefix)
            until = date_field(check, item, "until", prefix) if item.get("until") else start
            if start and until and until < start:
                check.error(item, "until", msg("ends before it starts"), msg("'until' must not be before 'from'"),
                            prefix + "until")
            elif start and until:
                closures.append(Closure(start, until, text_field(check, item, "reason", config, prefix)))
    example = meta.get("example") or []
    if not isinstance(example, list):
        check.error(meta, "example", msg("must be a list of field names"), msg("e.g. [office_hours, phone]"))
        example = []
    for name in example:
        if not isinstance(name, str) or name not in LOCATION_FIELDS:
            check.error(meta, "example", msg("'{name}' is not a field", name=name),
                        did_you_mean(name, LOCATION_FIELDS), field="example")
    for key in ("phone", "email", "website"):
        # YAML reads phone: 0301234567 as an octal number; it must never reach a page as one.
        if meta.get(key) is not None and not isinstance(meta[key], str):
            check.error(meta, key, msg("must be text in quotes"),
                        msg('e.g. phone: "+49 30 1234567"') if key == "phone" else msg('e.g. {key}: "…"', key=key))
    website = meta.get("website")
    if isinstance(website, str) and not website.lower().startswith(("https://", "http://")):
        # The address becomes a link: a javascript: or data: URL would run in the reader's browser.
        check.error(meta, "website", msg("must be a web address starting with https:// or http://"),
                    msg('e.g. website: "https://www.example.org/"'))
    phase = meta.get("phase") or []
    if isinstance(phase, int) and not isinstance(phase, bool):
        phase = [phase]
    if not isinstance(phase, list) or not all(isinstance(p, int) and not isinstance(p, bool) for p in phase):
        check.error(meta, "phase", msg("must be a list of phase numbers"), msg("e.g. phase: [1, 2]"))
        phase = []
    district = check.word(meta, "district")
    texts = {key: check.word(meta, key) for key in ("area", "operator", "phone", "email", "website")}
    name = text_field(check, meta, "name", config)
    if len(errors) > before or name is None:
        return None
    return Location(
        slug=slug, name=name, district=district, source=Source(path, 1),
        area=texts["area"], operator=texts["operator"],
        phase=tuple(phase), status=status, ended=ended,
        address=address, coordinates=coordinates,
        phone=texts["phone"], email=texts["email"], website=texts["website"],
        languages=codes_field(check, meta, "languages"), accessibility=access,
        office_hours=_hours(check, meta, "office_hours"), seasonal_hours=tuple(seasonal),
        closures=tuple(sorted(closures, key=lambda c: c.start)),
        closed_on_holidays=bool_field(check, meta, "closed_on_holidays", True),
        example=frozenset(str(e) for e in example), draft=bool_field(check, meta, "draft"),
    )
