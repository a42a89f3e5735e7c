"""texts.py: the fallback rule every text field follows."""

from __future__ import annotations

from benn_site.texts import Localized, Text


def test_a_plain_string_is_in_the_default_language():
    text = Text.of("Sprachcafé", "de")
    assert text.as_dict() == {"de": "Sprachcafé"}
    assert text.get("de") == Localized("Sprachcafé", "de", False)


def test_a_language_without_its_own_text_gets_the_default_language_marked_as_fallback():
    text = Text.of({"de": "Sprachcafé", "ar": "مقهى اللغة"}, "de")
    assert text.get("ar") == Localized("مقهى اللغة", "ar", False)
    assert text.get("fa") == Localized("Sprachcafé", "de", True)
    assert text("fa") == "Sprachcafé"
    assert str(text.get("uk")) == "Sprachcafé"


def test_without_a_default_language_text_the_first_language_in_code_order_is_used():
    text = Text.of({"tr": "Dil kafesi", "en": "Language café"}, "de")
    assert text.get("de") == Localized("Language café", "en", True)
    assert text.get("tr") == Localized("Dil kafesi", "tr", False)


def test_values_become_text_and_order_does_not_matter():
    assert Text.of({"de": 2026, "en": "x"}, "de") == Text.of({"en": "x", "de": "2026"}, "de")
    assert Text.of(12, "de").get("de").text == "12"
    assert Text.of({"de": "a", "en": "b"}, "de").languages() == {"de", "en"}
