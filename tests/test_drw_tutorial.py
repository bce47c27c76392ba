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


def test_tutorial_map_draws_start_once(model):
    # `generate_key` has no inputs: START is a real node of the dmap.
    from _dot import parse_dot
    from schedula.utils.cst import START
    assert list(model.dmap.successors(START)) == ['generate_key']
    sitemap = model.plot(view=False)
    folder = next(iter(sitemap))
    nodes, edges = parse_dot(folder.dot().source)
    index = {d: a['id'] for d, a in nodes}
    assert len(index) == len(nodes) == model.dmap.number_of_nodes()
    svg_id = {k: 'start' if k is START else str(a['index'][-1])
              for k, a in model.dmap.nodes.items()}
    assert sorted(index.values()) == sorted(svg_id.values())
    drawn = sorted((index[u], index[v]) for u, v, _ in edges)
    assert drawn == sorted((svg_id[u], svg_id[v]) for u, v in
                           model.dmap.edges)
    assert [(u, v) for u, v in drawn if 'start' in (u, v)] == [
        ('start', svg_id['generate_key'])]
    # The index tree lists it once, linking to its drawn id.
    tree = sitemap.index.tree(sitemap.rules())[0]['nodes']
    starts = [e for e in tree if e['text'] == 'start']
    assert starts == [{'text': 'start', 'url': 'symmetric_cryptography.html'
                                               '?id=start', 'type': START}]
    assert sorted(e['text'] for e in tree) == sorted(map(str, model.dmap))
