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
