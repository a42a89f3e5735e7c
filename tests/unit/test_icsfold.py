"""icsfold.py: the same bytes as icalendar's own serialisation, folded faster."""

from __future__ import annotations

import datetime as dt
import random

import icalendar
import pytest

from benn_site.rendering.icsfold import fold, to_ical

ALPHABET = "abc ,;:\\^\n\"éß€عربيفارسیукр😀"


@pytest.mark.parametrize("seed", range(5))
def test_random_components_serialise_exactly_as_icalendar_does(seed):
    rng = random.Random(seed)
    for _ in range(300):
        event = icalendar.Event()
        event.add("summary", "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 120))))
        event.add("description", "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 600))))
        event.add("location", "".join(rng.choice(ALPHABET) for _ in range(rng.randint(60, 90))),
                  parameters={"ALTREP": "https://example.org/" + "a" * rng.randint(0, 90)})
        event.add("dtstart", dt.datetime(2026, 3, 29, 2, 30))
        assert to_ical(event) == event.to_ical()


def test_pieces_are_at_most_75_octets_and_characters_are_never_split():
    line = ("DESCRIPTION:" + "ساعات الدوام " * 40).encode("utf-8")
    pieces = fold(line).split(b"\r\n")
    assert all(len(piece) <= 75 for piece in pieces)
    assert [piece.decode("utf-8") for piece in pieces]  # each piece is whole UTF-8
    assert b"".join(piece[1:] if i else piece for i, piece in enumerate(pieces)) == line


def test_an_escape_stays_with_the_character_it_escapes():
    line = b"X:" + b"a" * 71 + b"\\,tail"
    assert fold(line) == b"X:" + b"a" * 71 + b"\r\n \\,tail"
