# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""Site maps: structure, page naming and rules, rendering to files."""
import os
import re
import html

import pytest

import schedula as sh
from schedula.utils.drw import SiteMap, SiteFolder, SiteNode


pytestmark = pytest.mark.usefixtures('no_viewer', 'temp_dirs')


def h(a):
    return a + 1


def main_model():
    """Spec example: `main` with `h` and `S` (lambda `g`, a SubDispatchFunction
    node `sdf`)."""
    inner = sh.Dispatcher(name='inner')
    inner.add_function('twice', lambda x: 2 * x, ['x'], ['y'])
    s = sh.Dispatcher(name='S')
    s.add_function(function=lambda x: x + 1, inputs=['x'], outputs=['y'])
    s.add_function('sdf', sh.SubDispatchFunction(inner, 'sdf', ['x'], ['y']),
                   ['y'], ['z'])
    d = sh.Dispatcher(name='main')
    d.add_function('h', h, ['a'], ['b'])
    d.add_dispatcher(s, {'b': 'x'}, {'z': 'c'}, 'S')
    return d


def _files(directory):
    return sorted(
        os.path.relpath(os.path.join(root, f), directory).replace(os.sep, '/')
        for root, _, files in os.walk(directory) for f in files)


def test_plot_repr_and_options():
    d = sh.Dispatcher(name='Dispatcher')
    d.add_function('f', h, ['a'], ['b'])
    sitemap = d.plot(view=False, graph_attr={'ratio': '1'})
    assert repr(sitemap) == 'SiteMap([(Dispatcher, SiteMap())])'
    folder = next(iter(sitemap))
    assert folder.digraph['graph_attr'] == {'ratio': '1'}
    assert folder.digraph['body'] == {'splines': 'ortho', 'style': 'filled'}
    unnamed = sh.Dispatcher()
    assert repr(unnamed.plot(view=False)) == \
        'SiteMap([(Dispatcher %d, SiteMap())])' % id(unnamed)
    with pytest.raises(TypeError, match=r"^Base\.plot\(\) got an unexpected"
                                        r" keyword argument 'viz'$"):
        d.plot(view=False, viz=True)


def test_rules_order_and_names():
    sitemap = main_model().plot(view=False)
    assert repr(sitemap) == \
        'SiteMap([(main, SiteMap([(S, SiteMap([(sdf, SiteMap())]))]))])'
    paths = list(sitemap.rules(index=True).values())
    assert paths == [
        'index.html', 'index/css/index.css', 'index/js/index.js',
        'index/html/legend.html', 'main.html', 'main/h.html', 'main/S.html',
        'main/S/lambda.html', 'main/S/sdf.html', 'main/S/sdf/lambda.html']
    assert list(sitemap.rules(depth=1, index=False).values()) == [
        'main.html', 'main/h.html']
    assert sitemap.rules(depth=0, index=False) == {}
    # depth=1 of plot: the sub-dispatcher is a plain value page.
    for depth in (0, 1):
        flat = main_model().plot(view=False, depth=depth)
        assert list(flat.rules(index=False).values()) == [
            'main.html', 'main/S-function.html', 'main/h.html']


def test_unique_names():
    d = sh.Dispatcher(name='has space/and:chars')
    d.add_function('f', lambda x: x, ['x'], ['y'])
    d.add_function('g', lambda x: x, ['y'], ['z'])
    sitemap = d.plot(view=False)
    assert list(sitemap.rules(index=False).values()) == [
        'has_spaceandchars.html', 'has_spaceandchars/lambda.html',
        'has_spaceandchars/lambda-0.html']
    # A folder named `index` does not collide with the index assets.
    idx = sh.Dispatcher(name='index')
    paths = list(idx.plot(view=False).rules().values())
    assert paths[0] == 'index.html' and 'index-0.html' in paths


def test_render_files(tmp_path, no_viewer):
    sitemap = main_model().plot(view=False)
    first = sitemap.render(directory=str(tmp_path), view=True)
    assert first == str(tmp_path / 'index.html')
    assert no_viewer == [(first, 'html')]
    files = _files(str(tmp_path))
    assert files == sorted(sitemap.rules().values())
    assert all(f.endswith(('.html', '.css', '.js')) for f in files)
    page = (tmp_path / 'main.html').read_text(encoding='utf-8')
    assert '<svg' in page and 'href="./main/S.html"' in page
    assert 'href="./main/h.html"' in page
    sub = (tmp_path / 'main' / 'S.html').read_text(encoding='utf-8')
    assert 'href="./S/sdf.html"' in sub
    code = (tmp_path / 'main' / 'h.html').read_text(encoding='utf-8')
    text = html.unescape(re.sub('<[^>]+>', '', code))
    assert 'def h(a):\n    return a + 1' in text and '<svg' not in code
    without_index = sitemap.render(directory=str(tmp_path / 'x'),
                                   index=False)
    assert without_index == str(tmp_path / 'x' / 'main.html')


def test_render_depth_zero_with_index(tmp_path):
    # 1.2.0 crashed here.
    sitemap = main_model().plot(view=False)
    first = sitemap.render(depth=0, index=True, directory=str(tmp_path))
    assert os.path.basename(first) == 'index.html'
    assert 'main.html' not in _files(str(tmp_path))
    assert sitemap.render(depth=0, index=False,
                          directory=str(tmp_path / 'n')) is None


def test_long_directory(tmp_path):
    directory = tmp_path / ('d' * 200)
    sitemap = main_model().plot(view=False)
    first = sitemap.render(directory=str(directory))
    assert os.path.isfile(first)


def test_jinja_syntax_in_values(tmp_path):
    # 1.2.0 passed every value through Jinja: `{%` crashed the plot.
    d = sh.Dispatcher(name='jinja')
    d.add_data('a', default_value='{% if x %} {{ y }}')
    sitemap = d.plot(view=False)
    sitemap.render(directory=str(tmp_path), index=False)
    page = (tmp_path / 'jinja.html').read_text(encoding='utf-8')
    assert '{% if x %} {{ y }}' in page


def test_bad_item():
    with pytest.raises(ValueError, match='^Type int not supported.$'):
        SiteMap().add_items(1)
    with pytest.raises(ValueError, match='^Type int not supported.$'):
        SiteMap().add_items(1, workflow=True)


def test_nodes_sorted_and_site_node_names():
    sitemap = main_model().plot(view=False)
    child = sitemap[next(iter(sitemap))]
    assert [n.title for n in child.nodes] == ['h']
    page = child.nodes[0]
    assert isinstance(page, SiteNode) and page.dsp_node_id == 'h'
    assert isinstance(next(iter(child)), SiteFolder)


def test_repr_svg():
    sitemap = main_model().plot(view=False)
    svg = sitemap._repr_svg_()
    assert svg.lstrip().startswith('<?xml') and '</svg>' in svg


def test_plot_view_renders_and_opens(tmp_path, no_viewer):
    d = main_model()
    sitemap = d.plot(directory=str(tmp_path))
    assert no_viewer == [(str(tmp_path / 'main.html'), 'html')]
    assert (tmp_path / 'main' / 'S.html').is_file()
    assert not (tmp_path / 'index.html').exists()
    assert isinstance(sitemap, SiteMap)
    # No directory: a new temporary one; index=True starts at the index.
    d.plot(index=True)
    path, ext = no_viewer[-1]
    assert ext == 'html' and os.path.basename(path) == 'index.html'
    assert os.path.isfile(os.path.join(os.path.dirname(path), 'main.html'))


def test_default_options_from_attributes():
    sitemap = SiteMap()
    sitemap.node_data = ('-',)
    folder = sitemap.add_items(main_model())
    assert folder.node('a').entries == [('-', None)]
    assert folder.options == {'node_data': ('-',)}


def test_index_tree():
    sitemap = main_model().plot(view=False)
    tree = sitemap.index.tree(sitemap.rules())
    assert [(e['text'], e['url'], e['type']) for e in tree] == [
        ('main', 'main.html', 'dispatcher')]
    entries = tree[0]['nodes']
    # Sorted by type: sub-dispatchers, functions, data.
    assert [(e['text'], e['type']) for e in entries] == [
        ('S', 'dispatcher'), ('h', 'function'), ('a', 'data'),
        ('b', 'data'), ('c', 'data')]
    s_entry = entries[0]
    assert s_entry['url'] == 'main.html?id=3'
    assert s_entry['nodes'][0] == {
        'text': '-dispatcher', 'url': 'main/S.html', 'type': 'dispatcher'}
    lam = [e for e in s_entry['nodes'] if e['text'] == '&lt;lambda&gt;'][0]
    # 1.2.0 sliced the label into `lambda&gt;`: now the attribute key.
    assert lam['nodes'] == [{'text': '-function', 'url': 'main/S/lambda.html',
                             'type': 'value'}]
    # Pages out of the rules (depth) are left out of the tree.
    shallow = sitemap.index.tree(sitemap.rules(depth=1))
    assert shallow[0]['nodes'][0] == {'text': 'S', 'url': 'main.html?id=3',
                                      'type': 'dispatcher'}
    assert sitemap.index.tree(sitemap.rules(depth=0)) == []


def test_index_icicle_and_page(tmp_path):
    d = main_model()
    assert d.plot(view=False).index.icicle({}) == {}
    sitemap = d.dispatch({'a': 1}).plot(view=False)
    icicle = sitemap.index.icicle(sitemap.rules())
    assert icicle['name'] == 'main' and len(icicle['children']) == 1
    steps = icicle['children'][0]['children']
    assert [s['name'] for s in steps] == [
        'h', 'S \u2192 <lambda>', 'S \u2192 sdf']
    assert [c['name'] for c in steps[2]['children']] == [
        'S \u2192 sdf \u2192 twice']
    assert icicle['duration'] == pytest.approx(sum(
        s['duration'] for s in steps))
    sitemap.render(directory=str(tmp_path))
    page = (tmp_path / 'index.html').read_text(encoding='utf-8')
    assert 'index/js/index.js' in page and 'index/css/index.css' in page
    assert 'S \\u2192 sdf' in page and '\\u003clambda\\u003e' in page
    legend = (tmp_path / 'index' / 'html' / 'legend.html').read_text('utf-8')
    for cluster in ('Data', 'Special Nodes', 'Functions',
                    'Warnings and Errors', 'Sub-dispatcher', 'Edges'):
        assert '>%s</text>' % cluster.replace('-', '&#45;') in legend


def test_equal_pages_written_once(tmp_path):
    d = sh.Dispatcher(name='same')
    d.add_function('f1', h, ['a'], ['b'])
    d.add_function('f2', h, ['b'], ['c'])
    sitemap = d.plot(view=False)
    assert list(sitemap.rules(index=False).values()) == [
        'same.html', 'same/h.html', 'same/h-0.html']
    sitemap.render(directory=str(tmp_path), index=False)
    first, second = tmp_path / 'same' / 'h.html', tmp_path / 'same' / 'h-0.html'
    assert first.read_text('utf-8') == second.read_text('utf-8')
    assert os.path.samefile(first, second)  # A hard link.
    # Rendering another model into the same directory replaces the files
    # one by one: a shared link does not leak a page into the others.
    other = sh.Dispatcher(name='same')
    other.add_function('f1', h, ['a'], ['b'])
    other.add_function('f2', lambda x: x, ['b'], ['c'])
    other.plot(view=False).render(directory=str(tmp_path), index=False)
    assert 'lambda' in (tmp_path / 'same' / 'lambda.html').read_text('utf-8')
    assert 'def h(a)' in html.unescape(re.sub(
        '<[^>]+>', '', second.read_text('utf-8')))
