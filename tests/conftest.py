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
