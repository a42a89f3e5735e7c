"""collector.py: what a build keeps is left out of collections, and handed back at its end."""

from __future__ import annotations

import gc

from benn_site import collector


class Node:
    def __init__(self):
        self.me = self  # a cycle: only the cyclic collector can free it


def test_keeping_pauses_the_collector_and_freezes_what_was_made():
    frozen_before = gc.get_freeze_count()
    try:
        with collector.keeping():
            assert not gc.isenabled()
            made = [Node() for _ in range(100)]
        assert gc.isenabled()
        assert gc.get_freeze_count() >= frozen_before + len(made)
    finally:
        gc.unfreeze()


def test_keeping_leaves_a_paused_collector_paused():
    gc.disable()
    try:
        with collector.keeping():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
        gc.unfreeze()


def test_frozen_hands_everything_back_at_the_end():
    with collector.frozen():
        assert gc.get_freeze_count() > 0
        with collector.keeping():
            Node()
    assert gc.get_freeze_count() == 0
    assert gc.collect() >= 1  # the cycle made inside is garbage again, and collected
