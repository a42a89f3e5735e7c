"""Text in several languages, and the fallback rule every text field follows.

A field may be a plain string (in the default language) or a mapping from language code to text.
Looking a text up for a language that lacks it returns the default language's text together with
that language's code, so templates can mark the fallback part with its own `lang`/`dir`.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Localized:
    """The text shown for one language, and the language it is actually in."""

    text: str
    lang: str
    fallback: bool

    def __str__(self) -> str:
        return self.text

    def __bool__(self) -> bool:  # an empty text (a closure without a reason) says nothing
        return bool(self.text)


@dataclass(frozen=True)
class Text:
    """An immutable mapping language → text with one default language to fall back to."""

    values: tuple[tuple[str, str], ...]
    default: str

    @classmethod
    def of(cls, value, default: str) -> "Text":
        if isinstance(value, dict):
            return cls(tuple(sorted((str(k), str(v)) for k, v in value.items())), default)
        return cls(((default, str(value)),), default)

    def as_dict(self) -> dict[str, str]:
        return dict(self.values)

    def languages(self) -> set[str]:
        return {k for k, _ in self.values}

    def get(self, lang: str) -> Localized:
        values = dict(self.values)
        if lang in values:
            return Localized(values[lang], lang, False)
        if self.default in values:
            return Localized(values[self.default], self.default, True)
        first_lang, first = self.values[0]
        return Localized(first, first_lang, True)

    def __call__(self, lang: str) -> str:
        return self.get(lang).text
