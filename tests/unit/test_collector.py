"""collector.py: what a build keeps is left out of collections, and handed back at its end."""

from __future__ import annotations

import gc
import weakref

from benn_site import collector


class Node:
    def __init__(self):
        self.me = self  # a cycle: only the cyclic collector can free it


def test_keeping_pauses_the_collector_and_freezes_what_was_made():
    try:
        with collector.keeping():
            assert not gc.isenabled()
            garbage = weakref.ref(Node())
        assert gc.isenabled()
        gc.collect()
        assert garbage() is not None  # frozen: no collection looks at it
    finally:
        gc.unfreeze()
    gc.collect()
    assert garbage() is None


def test_keeping_leaves_a_paused_collector_paused():
    gc.disable()
    try:
        with collector.keeping():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
        gc.unfreeze()


def test_frozen_hands_back_what_was_kept_inside():
    with collector.frozen():
        with collector.keeping():
            garbage = weakref.ref(Node())
        gc.collect()
        assert garbage() is not None
    assert gc.get_freeze_count() == 0
    gc.collect()
    assert garbage() is None  # garbage again, and collected
