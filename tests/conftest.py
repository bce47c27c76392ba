# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""Fixtures shared by the test modules."""
import pytest


@pytest.fixture
def no_viewer(monkeypatch):
    """Records, instead of opening, what a site map would show."""
    from schedula.utils.drw import SiteMap
    opened = []
    monkeypatch.setattr(SiteMap, '_view', lambda self, path, ext: opened.append(
        (path, ext)))
    return opened


@pytest.fixture
def temp_dirs(monkeypatch, tmp_path):
    """New temporary directories are made under the test's `tmp_path`."""
    import tempfile
    made = []

    def mkdtemp(*args, **kwargs):
        made.append(tmp_path / ('mkdtemp-%d' % len(made)))
        made[-1].mkdir()
        return str(made[-1])

    monkeypatch.setattr(tempfile, 'mkdtemp', mkdtemp)
    return made


@pytest.fixture(scope='session')
def make_model():
    """Builds the model of the drawing tests: `main` (f: a -> b) running the
    sub-dispatcher `S` (g: x -> y) on b, giving c."""
    import schedula as sh

    def make():
        s = sh.Dispatcher(name='S')
        s.add_function('g', lambda x: x + 1, ['x'], ['y'])
        d = sh.Dispatcher(name='main')
        d.add_function('f', lambda a: a * 2, ['a'], ['b'])
        d.add_dispatcher(s, {'b': 'x'}, {'y': 'c'}, 'S')
        return d

    return make
