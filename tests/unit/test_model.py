"""model.py: the rules that belong to the site's data itself."""

from __future__ import annotations

from dataclasses import fields

from benn_site.content.event_records import EVENT_FIELDS, TRANSLATION_FIELDS
from benn_site.model import EVENT_TEXT_FIELDS, Address, Event


def test_event_text_fields_are_the_events_texts_in_the_order_of_the_translation_hash():
    assert EVENT_TEXT_FIELDS == ("title", "venue", "cost", "registration", "accessibility")
    texts = {f.name for f in fields(Event) if str(f.type).split(" |")[0] == "Text"}
    assert texts == set(EVENT_TEXT_FIELDS)
    # an event file and its translation files both accept every one of them
    assert set(EVENT_TEXT_FIELDS) <= EVENT_FIELDS
    assert set(EVENT_TEXT_FIELDS) <= TRANSLATION_FIELDS


def test_an_address_line_has_only_the_parts_there_are():
    assert Address("Teststraße 1", "10115").line == "Teststraße 1, 10115 Berlin"
    assert Address("Teststraße 1", None).line == "Teststraße 1, Berlin"
    assert Address("Teststraße 1", "", "Potsdam").line == "Teststraße 1, Potsdam"
