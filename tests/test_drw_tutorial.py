# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""The README tutorial's plots (skipped in its doctest) really run."""
import os

import pytest

import schedula as sh

pytestmark = pytest.mark.usefixtures('no_viewer', 'temp_dirs')


@pytest.fixture
def model():
    from examples.symmetric_cryptography.model import dsp
    return dsp.register()


def test_tutorial_plots(model, tmp_path, no_viewer):
    dmap = model.plot()  # As in the README: rendered and opened.
    assert repr(dmap) == 'SiteMap([(symmetric_cryptography, SiteMap())])'
    path, ext = no_viewer[-1]
    assert ext == 'html' and path.endswith('symmetric_cryptography.html')
    inputs = {'decrypted': 'message',
              'encrypted_fpath': str(tmp_path / 'data.secret'),
              'key_fpath': str(tmp_path / 'key.key')}
    sol = model(inputs)
    sitemap = sol.plot(index=True)
    path = no_viewer[-1][0]
    assert os.path.basename(path) == 'index.html'
    folder = next(iter(sitemap))
    # The key file is missing: `read_key`'s domain fails (orange node).
    assert folder.node('read_key').state == 'warning'
    assert folder.node('read_key').style()['fillcolor'] == 'orange'
    assert folder.node('generate_key').state == 'info'
    page = os.path.join(os.path.dirname(path), 'symmetric_cryptography.html')
    with open(page, encoding='utf-8') as file:
        text = file.read()
    assert 'fill="orange"' in text and 'read_key' in text
    again = model(sh.selector(['encrypted_fpath', 'key_fpath'], sol),
                  outputs=['decrypted'])
    assert again['decrypted'] == 'message'
    latest = model.plot(workflow=True, index=True)
    assert next(iter(latest)).graph is again.workflow
