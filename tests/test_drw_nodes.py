# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""Drawing: node states, styles, labels, links and the rendered SVG."""
import re
import html

import pytest

import schedula as sh
from schedula.utils.dsp import (
    SubDispatch, SubDispatchFunction, SubDispatchPipe, DispatchPipe
)
from schedula.utils.drw import SiteMap, SiteFolder

pytestmark = pytest.mark.usefixtures('no_viewer', 'temp_dirs')


def raise_fun(a):
    raise ValueError('Error')


def states_model():
    d = sh.Dispatcher(name='states')
    d.add_function('raise_fun', raise_fun, ['a'], ['b'])
    d.add_function('dom', lambda a: a, ['a'], ['c'],
                   input_domain=lambda a: False)
    d.add_function('ok', lambda a: a, ['a'], ['e'])
    return d


def inner_model():
    inner = sh.Dispatcher(name='inner')
    inner.add_function('twice', lambda x: 2 * x, ['x'], ['y'])
    inner.add_function('other', lambda x: x, ['x'], ['w'])
    return inner


def kinds_model():
    inner = inner_model()
    d = sh.Dispatcher(name='kinds')
    d.add_function('sd', SubDispatch(inner, ['y'], output_type='dict'),
                   ['a'], ['b'])
    d.add_function('sdf', SubDispatchFunction(inner, 'sdf', ['x'], ['y']),
                   ['a'], ['c'])
    d.add_function('sdp', SubDispatchPipe(inner, 'sdp', ['x'], ['y']),
                   ['a'], ['e'])
    d.add_function('dp', DispatchPipe(inner, 'dp', ['x'], ['y']), ['a'],
                   ['f'])
    d.add_dispatcher(inner, {'a': 'x'}, {'y': 'g'}, 'dsp')
    return d


def top(sitemap):
    return next(iter(sitemap))


def svg_node(page, index):
    """The SVG group of the node with DOT attribute id `index`."""
    match = re.search(r'<g id="%s" class="node">(.*?)</g>\n(?=<!--|</g>)' %
                      re.escape(str(index)), page, re.S)
    assert match, 'node %s not in the page' % index
    return match.group(1)


def node_index(dsp, node_id):
    return dsp.nodes[node_id]['index'][-1]


def test_workflow_states_in_svg(tmp_path):
    d = states_model()
    sol = d.dispatch({'a': 1})
    sitemap = sol.plot(view=False)
    folder = top(sitemap)
    states = {n.node_id: (n.state, n.style()['fillcolor'])
              for n in folder.nodes}
    assert states == {
        sh.START: ('info', 'red'), 'a': ('info', 'cyan'),
        'e': ('info', 'cyan'), 'ok': ('info', 'springgreen'),
        'dom': ('warning', 'orange'), 'raise_fun': ('error', 'red')}
    sitemap.render(directory=str(tmp_path), index=False)
    page = (tmp_path / 'states.html').read_text(encoding='utf-8')
    assert 'fill="orange"' in svg_node(page, node_index(d, 'dom'))
    error = svg_node(page, node_index(d, 'raise_fun'))
    assert 'fill="red"' in error
    text = html.unescape(re.sub('<[^>]+>', ' ', error))
    assert "Failed DISPATCHING 'raise_fun' due to:" in text
    assert "ValueError('Error')" in text and 'M_outputs' in text
    ok = html.unescape(re.sub('<[^>]+>', ' ', svg_node(
        page, node_index(d, 'ok'))))
    assert 'fill="springgreen"' in svg_node(page, node_index(d, 'ok'))
    assert 'started' in ok and 'duration' in ok and 'distance' in ok
    # The domain result and the outputs have their value pages.
    paths = set(sitemap.rules(index=False).values())
    assert {'states/dom-solution_domain.html', 'states/a-output.html',
            'states/e-output.html', 'states/lambda.html'} <= paths
    assert 'href="./states/a-output.html"' in page


def test_dispatcher_vs_solution_plot():
    d = states_model()
    dmap = top(d.plot(view=False))
    sol = d.dispatch({'a': 1})
    wf = top(sol.plot(view=False))
    assert dmap.label_name == 'dmap' and wf.label_name == 'workflow'
    assert [n.node_id for n in dmap.nodes] == [
        'a', 'b', 'c', 'dom', 'e', 'ok', 'raise_fun']
    assert [n.node_id for n in wf.nodes] == [
        sh.START, 'a', 'dom', 'e', 'ok', 'raise_fun']
    assert all(n.state == 'info' for n in dmap.nodes)
    label = dmap.node('dom').dot_attrs({}, 'states.html')['label']
    assert 'input_domain' in label and 'distance' not in label
    # A solution drawn as dmap still shows outputs and distances.
    mixed = top(sol.plot(view=False, workflow=False))
    assert mixed.label_name == 'dmap' and mixed.graph is d.dmap
    a = mixed.node('a')
    assert dict(a.items()) == {'output': 1}
    assert 'distance' in a.dot_attrs({}, 'x.html')['label']
    # dsp.plot(workflow=True) draws the latest solution.
    assert top(d.plot(view=False, workflow=True)).graph is \
        d.solution.workflow


def test_kinds_and_sub_models():
    d = kinds_model()
    sitemap = d.plot(view=False)
    folder = top(sitemap)
    fill = {n.node_id: (n.kind, n.style()['shape'], n.style()['fillcolor'])
            for n in folder.nodes if n.type != 'data'}
    assert fill == {
        'sd': ('subdispatch', 'note', 'yellow'),
        'sdf': ('subdispatchfunction', 'note', 'yellowgreen'),
        'sdp': ('subdispatchpipe', 'note', 'greenyellow'),
        'dp': ('dispatchpipe', 'note', 'chartreuse'),
        'dsp': ('dispatcher', 'note', 'springgreen')}
    assert repr(sitemap) == (
        'SiteMap([(kinds, SiteMap([(dp, SiteMap()), (dsp, SiteMap()), '
        '(sd, SiteMap()), (sdf, SiteMap()), (sdp, SiteMap())]))])')
    subs = {f.name: f for f in sitemap[folder]}
    # A SubDispatchFunction shows its inputs/outputs with start/end.
    sdf = subs['sdf']
    assert [n.node_id for n in sdf.nodes][:2] == [sh.START, sh.END]
    assert [(e.node_id, e.attr) for e in sdf.edges if sh.START in
            e.node_id or sh.END in e.node_id] == [
        ((sh.START, 'x'), {'inp_id': 0}), (('y', sh.END), {'out_id': 0})]
    # The sub-dispatcher folder links its data nodes to the parent's.
    x = subs['dsp'].node('x')
    rows = dict(x._values('remote_links'))
    assert list(rows) == ['remote parent 0']
    rules = sitemap.rules(index=False)
    label = x.dot_attrs(rules, rules[(subs['dsp'], None)])['label']
    assert 'href="./../kinds.html?id=%d"' % node_index(d, 'a') in label
    y = dict(subs['dsp'].node('y')._values('remote_links'))
    assert [(k, v.text) for k, v in y.items()] == [('remote child 0', 'g')]


def test_workflow_sub_models():
    d = kinds_model()
    sol = d.dispatch({'a': 1})
    sitemap = sol.plot(view=False)
    subs = {f.name: f for f in sitemap[top(sitemap)]}
    assert subs['sdf'].workflow and subs['dsp'].workflow
    assert subs['sdf'].graph is sol.workflow.nodes['sdf']['solution'].workflow
    # The solution of a DispatchPipe is drawn as its dmap.
    assert not subs['dp'].workflow
    # `sd` failed (it needs dicts): red, with its error row.
    sd = top(sitemap).node('sd')
    assert sd.state == 'error' and 'AttributeError' in sd.dot_attrs(
        {}, 'k.html')['label']


def test_punctuation_and_non_ascii_ids(tmp_path):
    d = sh.Dispatcher(name='Mod\u00e8le: "x" <&> {%')
    d.add_function('f\u00fcr <&> "q" \'s\'', lambda x: x, ['\u00e0 {% y %}'],
                   ['b/c:d'])
    d.add_data('big', default_value=list(range(1000)))
    sol = d.dispatch({'\u00e0 {% y %}': 1})
    for obj in (d, sol):
        sitemap = obj.plot(view=False)
        first = sitemap.render(directory=str(tmp_path / type(obj).__name__))
        assert first.endswith('index.html')
    paths = list(sitemap.rules(index=False).values())
    assert paths[0] == 'Modle_x__.html'
    assert 'Modle_x__/big-default.html' in paths
    page = (tmp_path / 'Solution' / 'Modle_x__.html').read_text('utf-8')
    assert 'f\u00fcr &lt;&amp;&gt; &quot;q&quot; &#39;s&#39;' in page
    assert '\u00e0 {% y %}' in page


def test_large_values_get_pages():
    d = sh.Dispatcher(name='big')
    d.add_data('small', default_value=[1, 2])
    d.add_data('long', default_value='x' * 201)
    d.add_data('tall', default_value='\n'.join('abcdef'))
    folder = top(d.plot(view=False))
    assert [dict(folder.node(k).items()) for k in ('small', 'tall')] == [
        {}, {'default': '\n'.join('abcdef')}]
    assert list(folder.node('long').items()) == [('default', 'x' * 201)]
    # max_lines/max_width change what is small.
    folder = top(d.plot(view=False, max_lines=6, max_width=300))
    assert [dict(folder.node(k).items()) for k in ('long', 'tall')] == [{}, {}]


def test_plot_token():
    d = sh.Dispatcher(name='auto')
    d.add_function('f', lambda x: x + 1, ['x'], ['y'])
    d.add_data(sh.PLOT)
    d.add_function('opts', lambda x: {'view': False}, ['x'], [sh.PLOT])
    sol = d.dispatch({'x': 1})
    value = sol[sh.PLOT]
    assert isinstance(value['plot'], SiteMap)
    assert value['dsp'] is sol and value['kw'] == {'view': False}
    assert repr(value['plot']) == 'SiteMap([(auto, SiteMap())])'
    assert top(value['plot']).workflow


def test_plot_token_serves_a_site():
    d = sh.Dispatcher(name='auto')
    d.add_data(sh.PLOT)
    sites = set()
    d.add_function('opts', lambda x: {'view': True, 'sites': sites},
                   ['x'], [sh.PLOT])
    d.dispatch({'x': 1})
    assert len(sites) == 1
    site = sites.pop()
    assert site.is_running and site.shutdown() is True


def test_options():
    d = states_model()
    d.add_data('a', default_value=1, initial_dist=2, wait_inputs=True,
               clusters='C1')
    d.add_data('e', title='E!', graphviz={'shape': 'circle'},
               clusters={'body': {'label': 'C2', 'color': 'red'}})
    sitemap = d.plot(view=False, name='G', comment='note', engine='neato',
                     body={'label': '<custom>', 'rankdir': 'LR'},
                     node_data=('-', 'wait_inputs', '!default_values'),
                     node_styles={'info': {sh.NONE: {'data': {
                         'fillcolor': 'pink'}}}})
    folder = top(sitemap)
    dot = folder.dot()
    assert dot.sitemap is sitemap
    src = dot.source
    assert src.startswith('// note\ndigraph G {')
    assert dot.engine == 'neato'
    assert '\tlabel = <custom>\n\trankdir = LR\n' in src
    assert 'subgraph cluster_0 {\n\t\tlabel = C1' in src
    assert 'color = red\n\t\tlabel = C2' in src
    a = folder.node('a').dot_attrs({}, 'G.html')
    # The user's attributes of a kind replace the defaults (as in 1.2.0).
    assert a['fillcolor'] == 'pink' and 'shape' not in a
    assert 'wait_inputs' in a['label'] and 'initial_dist' in a['label']
    assert 'tooltip' not in a
    e = folder.node('e').dot_attrs({}, 'G.html')
    assert e['shape'] == 'circle' and '>E!</TD>' in e['label']
    # States and kinds the user left out keep their defaults (1.2.0
    # crashed when it needed them).
    assert folder.node('a').node_styles['error'][sh.NONE]['data'][
        'fillcolor'] == 'red'
    assert folder.node('ok').dot_attrs({}, 'G.html')['fillcolor'] == \
        'springgreen'


def test_complete_node_styles_are_used_as_given():
    # A complete table (1.2.0 used it as it was): every node is drawn with
    # exactly the attributes it gives, none of the defaults.
    from schedula.utils.drw._styles import DEFAULT_STYLES, merge_styles
    table = {}
    for state, styles in DEFAULT_STYLES.items():
        table[state] = {k: {'color': '%s-%s' % (state, k)}
                        for k in styles if k is not sh.NONE}
        table[state][sh.NONE] = {k: {'color': '%s-%s' % (state, k)}
                                 for k in styles[sh.NONE]}
    assert merge_styles(table) == table
    d = states_model()
    d.add_function('start_fun', lambda: 1, outputs=['s'])
    folder = top(d.plot(view=False, node_styles=table))
    for node_id, color in (('a', 'info-data'), ('ok', 'info-function'),
                           (sh.START, 'info-start')):
        attrs = folder.node(node_id).dot_attrs({}, 'G.html')
        assert {k: attrs[k] for k in attrs
                if k not in ('label', 'tooltip')} == {
            'color': color}
    with pytest.raises(ValueError, match='Invalid attribute specification'):
        d.plot(view=False, node_data=('bad-entry',))


def test_edges_weights_and_wildcards():
    d = sh.Dispatcher(name='w')
    d.add_function('f', lambda x: x, ['a'], ['b'], inp_weight={'a': 3})
    d.add_function('g', lambda x: x, ['b'], ['a'])
    folder = top(d.plot(view=False))
    weights = {e.node_id: e.dot_attrs({}, 'w.html').get('xlabel', '')
               for e in folder.edges}
    assert 'weight' in weights[('a', 'f')] and '>3</TD>' in weights[('a', 'f')]
    assert weights[('f', 'b')] == ''
    sol = d.dispatch({'a': 5}, ['a'], wildcard=True)
    wf = top(sol.plot(view=False))
    wild = [e for e in wf.edges if e.attr.get('wildcard') == 'a']
    assert [e.node_id for e in wild] == [(sh.START, 'f')]
    attrs = wild[0].dot_attrs({}, 'w.html')
    assert 'xlabel' not in attrs and '>a</TD>' in attrs['label']


def test_special_nodes():
    empty = top(sh.Dispatcher(name='e').plot(view=False))
    assert [n.node_id for n in empty.nodes] == [sh.EMPTY]
    assert empty.node(sh.EMPTY).dot_attrs({}, 'e.html')['label'] == 'empty'
    only_data = sh.Dispatcher(name='o')
    only_data.add_data('a')
    assert [n.node_id for n in top(only_data.plot(
        view=False)).nodes] == [sh.EMPTY, 'a']
    never_run = top(sh.Dispatcher(name='n').plot(view=False, workflow=True))
    assert [n.node_id for n in never_run.nodes] == [sh.EMPTY, sh.START]
    d = sh.Dispatcher(name='s')
    d.add_data(sh.SINK)
    d.add_function('f', lambda x: x, ['a'], [sh.SINK])
    d.add_data(sh.SELF)
    nodes = top(d.plot(view=False)).nodes
    assert [n.node_id for n in nodes] == ['a', 'f', sh.SELF, sh.SINK]
    styles = {n.node_id: n.style() for n in nodes}
    assert styles[sh.SINK]['fillcolor'] == 'black'
    assert styles[sh.SELF]['label'] == 'self'


def test_tooltips_and_descriptions():
    def area(w):
        """
        Compute the area.

        :param w:
            The width.
        """
        return w

    d = sh.Dispatcher(name='t')
    d.add_function('area', area, ['w'], ['A'], description='Say "hi".')
    folder = top(d.plot(view=False))
    assert folder.node('area').dot_attrs({}, 't.html')['tooltip'] == \
        "Say 'hi'."
    assert folder.node('w').dot_attrs({}, 't.html')['tooltip'] == \
        'The width.'
    assert folder.node('A').dot_attrs({}, 't.html')['tooltip'] == 'A'


def test_non_svg_format_still_renders_svg_pages(tmp_path):
    sitemap = states_model().plot(view=False, format='png')
    sitemap.render(directory=str(tmp_path), index=False)
    assert '<svg' in (tmp_path / 'states.html').read_text('utf-8')


def test_dot_failure_is_logged(tmp_path, caplog):
    sitemap = states_model().plot(view=False, engine='no-such-engine')
    with pytest.raises(ValueError, match=r"^unknown engine: "
                                         r"'no-such-engine' \(must be one "):
        top(sitemap).dot()
    d = states_model()
    d.add_data('a', graphviz={'label': '<<TABLE><TR>>'})  # Bad HTML label.
    sitemap = d.plot(view=False)
    sitemap.render(directory=str(tmp_path), index=False)
    assert not (tmp_path / 'states.html').exists()
    assert 'dot could not render states due to:' in caplog.text


def test_site_folder_name_and_inputs():
    d = sh.Dispatcher()
    folder = SiteFolder(d, d, d.dmap, d)
    assert folder.name == 'Dispatcher %d' % id(d)
    sdf = SubDispatchFunction(inner_model(), 'sdf', ['x'], ['y', 'w'])
    folder = SiteFolder(sdf, sdf.dsp, sdf.dsp.dmap, sdf.dsp, name='N')
    assert (folder.name, folder.inputs, folder.outputs) == (
        'N', ('x',), ('y', 'w'))


def test_empty_specifications_give_no_label():
    d = states_model()
    folder = top(d.plot(view=False, node_data=(), node_function=(),
                        edge_data=()))
    for node in folder.nodes + folder.edges:
        attrs = node.dot_attrs({}, 'states.html')
        assert 'label' not in attrs and 'xlabel' not in attrs
        assert list(node.items()) == []
    # `?` shows the title only with other rows; `-` always.
    folder = top(d.plot(view=False, node_data=('?', 'wait_inputs')))
    assert 'label' not in folder.node('a').dot_attrs({}, 's.html')
    folder = top(d.plot(view=False, node_data=('-',)))
    assert '>a</TD>' in folder.node('a').dot_attrs({}, 's.html')['label']


def test_plot_of_wrappers():
    sdf = SubDispatchFunction(inner_model(), 'sdf', ['x'], ['y'])
    folder = top(sdf.plot(view=False))
    assert folder.item is sdf and not folder.workflow
    assert [n.node_id for n in folder.nodes][:2] == [sh.START, sh.END]
    assert sdf(2) == 4
    wf = top(sdf.plot(view=False, workflow=True))
    assert wf.workflow and wf.graph is sdf.solution.workflow
    assert dict(wf.node('y').items()) == {'output': 4}
    dp = DispatchPipe(inner_model(), 'dp', ['x'], ['y'])
    assert dp(3) == 6
    # A DispatchPipe is always drawn as its dmap, unless its solution is
    # asked for (`workflow` delegates to the solution's plot).
    assert not top(dp.plot(view=False)).workflow
    last = top(dp.plot(view=False, workflow=True))
    assert last.workflow and last.item is dp.solution
