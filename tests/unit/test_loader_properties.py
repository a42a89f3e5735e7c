"""Property: whatever an editor types into front matter or a YAML file, loading the site either
works or raises BuildFailed whose problems are SiteErrors naming a file; nothing else escapes."""

from __future__ import annotations

import datetime as dt
import string

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benn_site.build import prepare
from benn_site.content.event_records import EVENT_FIELDS, RECURRENCE_FIELDS
from benn_site.content.loader import PAGE_FIELDS
from benn_site.content.location_records import LOCATION_FIELDS
from benn_site.errors import BuildFailed, SiteError
from benn_site.messages import catalog
from tests.conftest import NOW, SAMPLE_PAGES, sample_files, write_site

SETTINGS = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Values editors plausibly type, and some they should not.
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
    st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31)),
    st.sampled_from(["2026-11-26 14:00", "2026-04-31", "2026-11-26 25:00", "2027-03-28 02:30", "10:00-13:00",
                     "24:00-25:00", "mitte", "weekly", "monthly", "thu", "de", "ar", "xx", "-1", "../x",
                     "2026-11-26T14:00+01:00", "2026-13-01", ""]),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4),
                            st.dictionaries(st.sampled_from(sorted(RECURRENCE_FIELDS | {"de", "en", "ar", "from",
                                                                                         "until", "reason", "mon",
                                                                                         "lat", "lon", "street"})),
                                            inner, max_size=4)),
    max_leaves=8,
)


def mappings(fields):
    keys = st.one_of(st.sampled_from(sorted(fields)), st.text(string.ascii_lowercase + "_", min_size=1, max_size=8))
    return st.dictionaries(keys, values, max_size=8)


yaml_noise = st.text(alphabet=st.sampled_from(list("ab: -[]{}\"'#\t\n|>&*!%@`,?0129é")), max_size=80)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return write_site(tmp_path_factory.mktemp("prop") / "site", sample_files())


def load(site, name: str, text: str) -> None:
    """Write one file into the site, load it, and check what comes out; then restore the file."""
    path = site / name
    original = path.read_text(encoding="utf-8") if path.exists() else None
    path.write_text(text, encoding="utf-8")
    try:
        prepare(site, NOW, drafts=True)
    except BuildFailed as failed:
        assert failed.errors
        for error in failed.errors:
            assert isinstance(error, SiteError)
            assert error.path
            assert error.line is None or error.line >= 1
            assert str(error) and error.text(catalog("de"))
    finally:
        if original is None:
            path.unlink()
        else:
            path.write_text(original, encoding="utf-8")


def dump(data) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


@SETTINGS
@given(meta=mappings(EVENT_FIELDS))
def test_event_front_matter(site, meta):
    load(site, "content/events/2026-11-26-cafe.md", "---\n" + dump(meta) + "---\nText.\n")


@SETTINGS
@given(meta=mappings(EVENT_FIELDS), base=st.fixed_dictionaries({
    "title": st.just("Café"), "start": st.sampled_from(["2026-11-26 14:00", "2026-11-26"]),
    "location": st.just("mitte")}))
def test_event_front_matter_with_the_required_fields(site, meta, base):
    load(site, "content/events/2026-11-26-cafe.md", "---\n" + dump({**base, **meta}) + "---\nText.\n")


@SETTINGS
@given(meta=mappings(LOCATION_FIELDS))
def test_location_file(site, meta):
    load(site, "content/locations/mitte.yaml", dump({"name": "Büro", "district": "Mitte", **meta}))


@SETTINGS
@given(meta=mappings(PAGE_FIELDS))
def test_page_front_matter(site, meta):
    load(site, "content/pages/about.de.md", "---\n" + dump(meta) + "---\nText.\n")


@SETTINGS
@given(text=yaml_noise)
def test_any_text_as_front_matter(site, text):
    load(site, "content/events/2026-11-26-cafe.md", "---\n" + text + "\n---\nText.\n")


@SETTINGS
@given(text=yaml_noise)
def test_any_text_as_location_yaml(site, text):
    load(site, "content/locations/mitte.yaml", text)


@settings(max_examples=40, deadline=None)
@given(text=yaml_noise)
def test_any_text_as_site_yaml(site, text):
    load(site, "site.yaml", text)


def test_the_sample_site_itself_loads(site):
    """After the properties (on the same folder): every file they wrote is restored or removed."""
    files = sample_files()
    for name, text in files.items():
        assert (site / name).read_text(encoding="utf-8") == text, name
    content = {p.relative_to(site).as_posix() for p in (site / "content").rglob("*") if p.is_file()}
    assert {name for name in content if not name.startswith("content/ui/")} == {
        name for name in files if name.startswith("content/")}
    _, loaded = prepare(site, NOW)
    assert [location.slug for location in loaded.locations] == ["mitte"]
    assert [event.slug for event in loaded.events] == ["2026-11-26-cafe"]
    assert sorted(page.slug for page in loaded.pages) == sorted({name.split(".")[0] for name in SAMPLE_PAGES})
