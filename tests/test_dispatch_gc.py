# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""The garbage collector is paused while a dispatch runs, then restored."""
import gc
import threading

import pytest

import schedula as sh
from schedula.utils import sol as sol_module


def gc_probe(seen):
    def probe(x):
        seen.append(gc.isenabled())
        return x
    return probe


def test_paused_during_the_dispatch_and_restored():
    seen = []
    d = sh.Dispatcher()
    d.add_function('f', gc_probe(seen), ['a'], ['b'])
    assert gc.isenabled()
    assert d.dispatch({'a': 1})['b'] == 1
    assert seen == [False] and gc.isenabled()


def test_nested_dispatches_restore_it_once():
    seen = []
    inner = sh.Dispatcher()
    inner.add_function('g', gc_probe(seen), ['x'], ['y'])
    outer = sh.Dispatcher()
    outer.add_function('F', sh.SubDispatchFunction(inner, 'F', ['x'], ['y']),
                       ['a'], ['b'])
    outer.add_function('h', gc_probe(seen), ['b'], ['c'])
    assert outer.dispatch({'a': 2})['c'] == 2
    assert seen == [False, False] and gc.isenabled()


def test_restored_after_errors_and_aborts():
    def boom(x):
        raise ValueError('no')
    d = sh.Dispatcher(raises=True)
    d.add_function('f', boom, ['a'], ['b'])
    with pytest.raises(sh.DispatcherError, match=r"'f' due to:\n  ValueError\('no'\)"):
        d.dispatch({'a': 1})
    assert gc.isenabled()
    stop = threading.Event()
    stop.set()
    with pytest.raises(sh.DispatcherAbort, match=r'^$'):
        d.dispatch({'a': 1}, stopper=stop)
    assert gc.isenabled()


def test_a_disabled_collector_stays_disabled():
    d = sh.Dispatcher()
    d.add_function('f', abs, ['a'], ['b'])
    gc.disable()
    try:
        d.dispatch({'a': -1})
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_can_be_switched_off(monkeypatch):
    seen = []
    d = sh.Dispatcher()
    d.add_function('f', gc_probe(seen), ['a'], ['b'])
    monkeypatch.setattr(sol_module, 'PAUSE_GC', False)
    d.dispatch({'a': 1})
    assert seen == [True]


def test_concurrent_dispatches_restore_it_when_the_last_ends():
    started, release, seen = threading.Event(), threading.Event(), []

    def wait(x):
        started.set()
        release.wait(5)
        return x

    slow = sh.Dispatcher()
    slow.add_function('w', wait, ['a'], ['b'])
    fast = sh.Dispatcher()
    fast.add_function('f', gc_probe(seen), ['a'], ['b'])
    thread = threading.Thread(target=slow.dispatch, args=({'a': 1},))
    thread.start()
    assert started.wait(5)
    fast.dispatch({'a': 1})       # Ends first: the collector stays paused.
    assert seen == [False] and not gc.isenabled()
    release.set()
    thread.join(5)
    assert gc.isenabled() and slow.solution['b'] == 1
