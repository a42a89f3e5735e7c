"""Turning the fields of a location file into a `Location`, reporting every bad field."""

from __future__ import annotations

from .config import Config
from .errors import SiteError
from .fields import FieldChecker, bool_field, codes_field, date_field, line_of, parse_time_range, text_field
from .model import (
    WEEKDAYS, Accessibility, Address, Closure, Coordinates, Event, Location, Recurrence,
    SeasonalHours, Source,
)

LOCATION_FIELDS = {
    "name", "district", "area", "operator", "phase", "status", "ended", "address", "coordinates",
    "phone", "email", "website", "languages", "accessibility", "office_hours", "seasonal_hours",
    "closures", "closed_on_holidays", "example", "sources",
}


def _hours(check, mapping, key, prefix=""):
    value = mapping.get(key)
    if value is None:
        return ((),) * 7
    if not isinstance(value, dict):
        check.error(mapping, key, "must list weekdays with time ranges", "e.g. tue: [\"10:00-13:00\"]",
                    field=prefix + key)
        return ((),) * 7
    check.known(value, set(WEEKDAYS), prefix + key + ".")
    week = []
    for day in WEEKDAYS:
        ranges = value.get(day) or []
        if isinstance(ranges, str):
            ranges = [ranges]
        parsed = []
        for i, item in enumerate(ranges):
            result, problem = parse_time_range(item)
            if problem:
                lines = getattr(ranges, "lines", None)
                line = lines[i] if lines else line_of(value, day, 1)
                check.errors.append(check.error_type(check.path, line, problem, f"{prefix}{key}.{day}",
                                                     "write it like \"10:00-13:00\""))
            else:
                parsed.append(result)
        week.append(tuple(sorted(parsed)))
    return tuple(week)


def build_location(slug: str, meta: dict, path: str, config: Config, errors: list[SiteError]) -> Location | None:
    check = FieldChecker(path, errors)
    before = len(errors)
    check.known(meta, LOCATION_FIELDS)
    check.required(meta, ["name", "district"])
    status = str(meta.get("status") or "active")
    if status not in ("active", "ended"):
        check.error(meta, "status", f"must be 'active' or 'ended', not '{status}'")
    ended = date_field(check, meta, "ended")
    if status == "ended" and meta.get("ended") is None:
        check.required(meta, ["ended"])
    address = None
    if meta.get("address") is not None:
        raw = meta["address"]
        if isinstance(raw, dict):
            check.known(raw, {"street", "postcode", "city"}, "address.")
            if check.required(raw, ["street"], "address."):
                address = Address(str(raw["street"]), str(raw["postcode"]) if raw.get("postcode") else None,
                                  str(raw.get("city") or "Berlin"))
        else:
            check.error(meta, "address", "must have street and postcode", "e.g. {street: Hauptstraße 1, postcode: \"10827\"}")
    coordinates = None
    if meta.get("coordinates") is not None:
        raw = meta["coordinates"]
        if isinstance(raw, dict) and check.required(raw, ["lat", "lon"], "coordinates."):
            check.known(raw, {"lat", "lon", "approximate"}, "coordinates.")
            lat = check.typed(raw, "lat", (int, float), "a number", "coordinates.")
            lon = check.typed(raw, "lon", (int, float), "a number", "coordinates.")
            if lat is not None and lon is not None:
                if not (-90 <= lat <= 90 and -180 <= lon <= 180):
                    check.error(meta, "coordinates", "latitude or longitude out of range",
                                "lat comes first: Berlin is about lat 52.5, lon 13.4")
                coordinates = Coordinates(float(lat), float(lon), bool_field(check, raw, "approximate"))
        elif not isinstance(raw, dict):
            check.error(meta, "coordinates", "must have lat and lon", "e.g. {lat: 52.52, lon: 13.40}")
    access = None
    if meta.get("accessibility") is not None:
        raw = meta["accessibility"]
        if isinstance(raw, dict):
            check.known(raw, {"step_free", "toilet", "note"}, "accessibility.")
            access = Accessibility(check.typed(raw, "step_free", bool, "true or false", "accessibility."),
                                   check.typed(raw, "toilet", bool, "true or false", "accessibility."),
                                   text_field(check, raw, "note", config, "accessibility."))
        else:
            check.error(meta, "accessibility", "must be a mapping", "e.g. {step_free: true, toilet: false}")
    seasonal = []
    for i, item in enumerate(meta.get("seasonal_hours") or []):
        prefix = f"seasonal_hours[{i}]."
        if not isinstance(item, dict):
            check.error(meta, "seasonal_hours", "each entry needs from, until and hours")
            continue
        check.known(item, {"from", "until", "label", "hours"}, prefix)
        if check.required(item, ["from", "until", "hours"], prefix):
            start, until = date_field(check, item, "from", prefix), date_field(check, item, "until", prefix)
            if start and until and until < start:
                check.error(item, "until", "ends before it starts", "'until' must not be before 'from'", prefix + "until")
            if start and until:
                seasonal.append(SeasonalHours(start, until, text_field(check, item, "label", config, prefix),
                                              _hours(check, item, "hours", prefix)))
    closures = []
    for i, item in enumerate(meta.get("closures") or []):
        prefix = f"closures[{i}]."
        if not isinstance(item, dict):
            check.error(meta, "closures", "each closure needs from (and until, reason)")
            continue
        check.known(item, {"from", "until", "reason"}, prefix)
        if check.required(item, ["from"], prefix):
            start = date_field(check, item, "from", prefix)
            until = date_field(check, item, "until", prefix) if item.get("until") else start
            if start and until and until < start:
                check.error(item, "until", "ends before it starts", "'until' must not be before 'from'", prefix + "until")
            elif start and until:
                closures.append(Closure(start, until, text_field(check, item, "reason", config, prefix)))
    example = meta.get("example") or []
    if not isinstance(example, list):
        check.error(meta, "example", "must be a list of field names", "e.g. [office_hours, phone]")
        example = []
    for name in example:
        if name not in LOCATION_FIELDS:
            check.error(meta, "example", f"'{name}' is not a field", field="example")
    for key in ("phone", "email", "website"):
        # YAML reads phone: 0301234567 as an octal number; it must never reach a page as one.
        if meta.get(key) is not None and not isinstance(meta[key], str):
            check.error(meta, key, "must be text in quotes",
                        'e.g. phone: "+49 30 1234567"' if key == "phone" else f'e.g. {key}: "…"')
    phase = meta.get("phase") or []
    if isinstance(phase, int):
        phase = [phase]
    name = text_field(check, meta, "name", config)
    if len(errors) > before or name is None:
        return None
    return Location(
        slug=slug, name=name, district=str(meta["district"]), source=Source(path, 1),
        area=str(meta["area"]) if meta.get("area") else None,
        operator=str(meta["operator"]) if meta.get("operator") else None,
        phase=tuple(int(p) for p in phase if isinstance(p, int)), status=status, ended=ended,
        address=address, coordinates=coordinates,
        phone=str(meta["phone"]) if meta.get("phone") else None,
        email=str(meta["email"]) if meta.get("email") else None,
        website=str(meta["website"]) if meta.get("website") else None,
        languages=codes_field(check, meta, "languages"), accessibility=access,
        office_hours=_hours(check, meta, "office_hours"), seasonal_hours=tuple(seasonal),
        closures=tuple(sorted(closures, key=lambda c: c.start)),
        closed_on_holidays=bool_field(check, meta, "closed_on_holidays", True),
        example=frozenset(str(e) for e in example),
    )
