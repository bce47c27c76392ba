# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""
Every graph page draws its graph: each node once, each edge once between the
right nodes, and only the special nodes and edges of 05 §4.1-4.2 besides.

The expected picture is computed here from the graph (``dsp.dmap``,
``sol.workflow``) and the plotted objects; what is drawn is read from the DOT
source of each page (see ``_dot.py``), not from the drawing's own objects.
"""
import os
import random
import logging

import pytest

import schedula as sh
from schedula.utils.cst import START, END, EMPTY, SINK
from schedula.utils.sol import Solution
from schedula.utils.dsp import (
    SubDispatch, SubDispatchFunction, SubDispatchPipe, DispatchPipe
)
from _dot import parse_dot

pytestmark = pytest.mark.usefixtures('no_viewer', 'temp_dirs')


# ------------------------------------------------------- the expected picture
def _wrapped(func):
    # The object a function node runs (a `functools.partial` unwrapped).
    while hasattr(func, 'func') and not hasattr(func, 'dsp'):
        func = func.func
    return func


def _page(item, workflow):
    """
    The page `item` gets (05 §3.2, §4): ``(dsp, graph, inputs, outputs,
    wildcards, workflow)``.
    """
    if isinstance(item, DispatchPipe):
        workflow = False
    if isinstance(item, Solution):
        sol = item
    elif workflow:
        sol = item.solution
    else:
        sol = None
    if sol is not None and workflow:
        dsp, graph, owner = sol.dsp, sol.workflow, sol.parent
        wildcards = set(sol._wildcards)
    else:
        dsp = item.dsp if hasattr(item, 'dsp') else item
        graph, owner, wildcards = dsp.dmap, item, set()
    if isinstance(owner, Solution):
        owner = owner.parent
    inputs = tuple(getattr(owner, 'inputs', None) or ())
    outputs = ()
    if isinstance(owner, SubDispatch) and owner.output_type != 'all':
        outputs = tuple(owner.outputs or ())
    if isinstance(owner, SubDispatch):
        inner = getattr(owner, 'solution', None)
        wildcards.update(getattr(inner, '_wildcards', ()))
        if not workflow and owner.wildcard and outputs:
            # Every call of the wrapper feeds these as wildcards (02 §9.5).
            wildcards.update(k for k in inputs if k in outputs and
                             dsp.nodes.get(k, {}).get('wildcard', True))
    return dsp, graph, inputs, outputs, wildcards, workflow


def expected_site(item, workflow, path=None):
    """``{page path: page}`` of `item` and of its sub-models (05 §3.2)."""
    page = _page(item, workflow)
    dsp, graph, _, _, _, workflow = page
    path = path or (dsp.name,)
    pages = {path: page}
    for k in graph.nodes:
        node = dsp.nodes.get(k)
        if not node or node['type'] not in ('function', 'dispatcher'):
            continue
        sub = graph.nodes[k].get('solution') if workflow else None
        if sub is None:
            sub = _wrapped(node.get('function'))
        if isinstance(sub, (sh.Dispatcher, SubDispatch, Solution)):
            pages.update(expected_site(sub, workflow, path + (str(k),)))
    return pages


def expected_picture(dsp, graph, inputs, outputs, wildcards, workflow):
    """
    The SVG ids of the nodes drawn on a page and the pairs of SVG ids of its
    edges, from the graph and the special-node rules of 05 §4.1-4.2.
    """
    # Only the tokens may be graph nodes that the dispatcher has not.
    assert set(graph.nodes).difference(dsp.nodes) <= {START, END, SINK}
    shown = {k for k in graph.nodes if k in dsp.nodes and (
        k is not SINK or graph.degree(k))}
    inputs = [k for k in inputs if k in shown]
    outputs = [k for k in outputs if k in shown]
    if not dsp.nodes or not graph.number_of_edges() and not (
            inputs or outputs):
        shown.add(EMPTY)
    if START in graph.nodes or inputs:
        shown.add(START)
    if outputs:
        shown.add(END)
    # The graph's edges without self-loops, START -> inputs, outputs -> END.
    edges = {(u, v) for u, v in graph.edges if u != v}
    edges.update((START, k) for k in inputs)
    edges.update((k, END) for k in outputs)
    # A wildcard w fed by START: START -> w -> v drawn as START -> v.
    for w in wildcards.intersection(v for u, v in list(edges) if u is START):
        edges.remove((START, w))
        for v in graph.succ.get(w, ()):
            if v is not END and v != w:
                edges.discard((w, v))
                edges.add((START, v))
    edges = {(u, v) for u, v in edges if u in shown and v in shown}

    def svg_id(k):
        if k in (START, END, EMPTY):
            return str(k)
        return str(dsp.nodes[k]['index'][-1])

    return (sorted(map(svg_id, shown)),
            sorted((svg_id(u), svg_id(v)) for u, v in edges))


def drawn_site(sitemap, path=(), rules=None):
    """``{page path: DOT source}`` of every graph page of a site map."""
    rules = sitemap.rules(index=False) if rules is None else rules
    pages = {}
    for folder, child in sitemap.items():
        sub = path + (folder.name,)
        pages[sub] = folder.dot(rules).source
        pages.update(drawn_site(child, sub, rules))
    return pages


def drawn_picture(source):
    """The SVG ids of the drawn nodes and edges of a DOT source, checking
    that every DOT id is drawn once and every edge joins drawn nodes."""
    nodes, edges = parse_dot(source)
    ids = {}
    for dot_id, attrs in nodes:
        assert dot_id not in ids, 'DOT id %s drawn twice' % dot_id
        ids[dot_id] = attrs['id']
    return (sorted(ids.values()),
            sorted((ids[u], ids[v]) for u, v, _ in edges))


def assert_faithful(item, workflow):
    """Asserts that every page of ``item.plot(workflow=workflow)`` draws
    its graph; returns the site map."""
    sitemap = item.plot(workflow=workflow, view=False)
    rules = sitemap.rules()
    drawn = drawn_site(sitemap, rules=rules)
    expected = expected_site(item, workflow)
    assert sorted(drawn) == sorted(expected)
    for path, page in expected.items():
        assert drawn_picture(drawn[path]) == expected_picture(*page), path
    # The index tree lists each node of the top graph once.
    dsp, graph = expected[(item_name(item),)][:2]
    tree = sitemap.index.tree(rules)[0]['nodes']
    assert sorted(e['text'] for e in tree) == sorted(
        str(k) for k in graph.nodes if k in dsp.nodes and (
            k is not SINK or graph.degree(k)))
    return sitemap


def item_name(item):
    return (item if isinstance(item, sh.Dispatcher) else item.dsp).name


def labels(sitemap, *path):
    """``{title: attrs}`` of the nodes and ``{(u, v): attrs}`` of the edges
    drawn on a page (titles: the `label`'s title cell or plain label)."""
    import re
    source = drawn_site(sitemap)[path]
    nodes, edges = parse_dot(source)

    def title(attrs):
        found = re.search(r'colspan="2"[^>]*>([^<]*)<', attrs.get(
            'label', ''))
        return found.group(1) if found else attrs.get('label')

    names = {d: title(a) for d, a in nodes}
    return ({names[d]: a for d, a in nodes},
            {(names[u], names[v]): a for u, v, a in edges})


# ----------------------------------------------------- the reproducers
def test_sub_dispatch_function_wildcard_page():
    s = sh.Dispatcher(name='s')
    s.add_function('h0', lambda a: a + 1, ['a'], ['b'])
    s.add_function('h1', lambda b: b + 1, ['b'], ['c'])
    m = sh.Dispatcher(name='m')
    m.add_function('sdf', SubDispatchFunction(s, 'sdf', ['a', 'b'],
                                              ['c', 'b']),
                   ['x', 'y'], ['z', 'w'])
    sitemap = assert_faithful(m, False)
    nodes, edges = labels(sitemap, 'm', 'sdf')
    assert sorted(nodes) == ['a', 'b', 'c', 'end', 'h0', 'h1', 'start']
    assert sorted(edges) == [
        ('a', 'h0'), ('b', 'end'), ('c', 'end'), ('h0', 'b'), ('h1', 'c'),
        ('start', 'a'), ('start', 'h1')]
    # The wildcard edge is labelled with the wildcard.
    assert '>b</TD>' in edges['start', 'h1']['label']
    sol = m({'x': 1, 'y': 2})
    assert sol == {'x': 1, 'y': 2, 'z': 3, 'w': 2}
    sitemap = assert_faithful(sol, True)
    assert sorted(labels(sitemap, 'm', 'sdf')[1]) == [
        ('a', 'h0'), ('b', 'end'), ('c', 'end'), ('h0', 'b'), ('h1', 'c'),
        ('start', 'a'), ('start', 'h1')]


def test_wildcards_in_a_workflow():
    m = sh.Dispatcher(name='m')
    m.add_function('f', lambda a: a, ['a'], ['b'])
    m.add_function('f2', lambda a: a, ['a'], ['b2'])
    m.add_function('g', lambda b: b, ['b'], ['c'])
    m.add_function('g2', lambda b, b2: b + b2, ['b', 'b2'], ['c2'])
    sol = m.dispatch({'a': 1, 'b': 5, 'b2': 6},
                     outputs=['b', 'b2', 'c', 'c2'], wildcard=True)
    assert sol == {'a': 1, 'b': 1, 'b2': 1, 'c': 5, 'c2': 11}
    sitemap = assert_faithful(sol, True)
    nodes, edges = labels(sitemap, 'm')
    assert sorted(edges) == [
        ('a', 'f'), ('a', 'f2'), ('f', 'b'), ('f2', 'b2'), ('g', 'c'),
        ('g2', 'c2'), ('start', 'a'), ('start', 'g'), ('start', 'g2')]
    # START -> g2 is fed by both wildcards: one edge naming both.
    assert '>b, b2</TD>' in edges['start', 'g2']['label']


def test_sub_dispatch_function_that_never_ran():
    s = sh.Dispatcher(name='s')
    s.add_function('h0', lambda a: a + 1, ['a'], ['b'])
    s.add_function('h1', lambda b: b + 1, ['b'], ['c'])
    m = sh.Dispatcher(name='m')
    m.add_function('sdf', SubDispatchFunction(s, 'sdf', ['a'], ['c', 'b']),
                   ['x'], ['z', 'w'], input_domain=lambda x: False)
    sol = m({'x': 1})
    assert sol == {'x': 1}
    sitemap = assert_faithful(sol, True)
    # Its page draws the solution it shows: never run, so empty + start.
    nodes, edges = labels(sitemap, 'm', 'sdf')
    assert sorted(nodes) == ['empty', 'start'] and edges == {}


@pytest.mark.usefixtures('quiet')
def test_output_never_reached():
    s = sh.Dispatcher(name='s')
    s.add_function('h0', lambda a: a + 1, ['a'], ['b'])
    s.add_function('h1', _fail, ['b'], ['c'])
    m = sh.Dispatcher(name='m')
    m.add_function('sdf', SubDispatchFunction(s, 'sdf', ['a'], ['c']),
                   ['x'], ['z'])
    sol = m({'x': 1})
    assert sol == {'x': 1} and 'sdf' in sol._errors
    sitemap = assert_faithful(sol, True)
    # No `end`: the output `c` of the wrapper is not in the workflow.
    nodes, edges = labels(sitemap, 'm', 'sdf')
    assert sorted(nodes) == ['a', 'b', 'h0', 'h1', 'start']
    assert sorted(edges) == [('a', 'h0'), ('b', 'h1'), ('h0', 'b'),
                             ('start', 'a')]


def remote_model():
    s = sh.Dispatcher(name='s')
    s.add_function('iih0', lambda x: x, ['x0'], ['x1'])
    s.add_function('iih1', lambda x: x, ['x1'], ['x2'])
    s.add_function('iik0', lambda x, y: x, ['x1', 'x4'], ['x0'])
    m = sh.Dispatcher(name='m')
    m.add_dispatcher(s, inputs={'x1': 'x0'}, outputs={'x2': 'x9'})
    return s, m


def test_remote_link_cells(tmp_path):
    s, m = remote_model()
    sitemap = assert_faithful(m, False)
    nodes = labels(sitemap, 'm', 's')[0]
    cell = '<TD align="LEFT" border="1" href="./../m.html?id=%s">(%s)</TD>'
    assert cell % (m.nodes['x1']['index'][-1], 'x1') in nodes['x0']['label']
    assert cell % (m.nodes['x9']['index'][-1], 'x9') in nodes['x2']['label']
    sitemap.render(directory=str(tmp_path), index=False)
    assert os.path.isfile(tmp_path / 'm' / 's.html')
    # Several parent ids: a tuple.
    m = sh.Dispatcher(name='m')
    m.add_dispatcher(s, inputs={'x1': 'x0'}, outputs={'x2': ('x8', 'x9')})
    sub = labels(m.plot(view=False), 'm', 's')[0]
    assert "(&#x27;x8&#x27;, &#x27;x9&#x27;)</TD>" in sub['x2']['label']


def test_page_that_ortho_cannot_route(tmp_path, caplog):
    # The labels that made Graphviz's orthogonal router abort (maze.c).
    s, _ = remote_model()
    label = ('<<TABLE border="0" cellspacing="0"><TR><TD border="0" colspan='
             '"2">%s</TD></TR><TR><TD align="RIGHT" border="1">%s</TD><TD '
             'align="LEFT" border="1">%s</TD></TR></TABLE>>')
    s.nodes['x0']['graphviz'] = {'label': label % ('x0', 'remote parent 0',
                                                   'x1')}
    s.nodes['x2']['graphviz'] = {'label': label % ('x2', 'remote child 0',
                                                   'x9')}
    with caplog.at_level(logging.WARNING, 'schedula.utils.drw'):
        s.plot(view=False).render(directory=str(tmp_path), index=False)
    with open(tmp_path / 's.html', encoding='utf-8') as file:
        assert '<svg' in file.read()
    assert [r.levelname for r in caplog.records] == ['WARNING']
    assert caplog.records[0].getMessage().startswith(
        'dot could not render s with splines=ortho due to:\n')
    # A graph that dot cannot render at all: the error, and no page.
    caplog.clear()
    s.nodes['x0']['graphviz'] = {'label': '<<B>unclosed>'}
    with caplog.at_level(logging.WARNING, 'schedula.utils.drw'):
        s.plot(view=False).render(directory=str(tmp_path / 'bad'),
                                  index=False)
    assert not os.path.exists(tmp_path / 'bad' / 's.html')
    assert [r.levelname for r in caplog.records] == ['WARNING', 'ERROR']
    assert caplog.records[1].getMessage().startswith(
        'dot could not render s due to:\n')


# ------------------------------------------------------ the drawing property
def _results(n):
    # A function giving `n` outputs.
    def function(*args):
        values = [sum(a for a in args if isinstance(a, int)) + i
                  for i in range(n)]
        return values[0] if n == 1 else (values or None)
    return function


def _fail(*args):
    raise ValueError('fails')


def _reject(*args):
    return False


def _add_functions(rng, d, data):
    for i in range(rng.randint(1, 5)):
        inputs = rng.sample(data, rng.randint(0, min(3, len(data)))) or None
        outputs = rng.sample(data, rng.randint(0, 2)) or None
        kw = {'input_domain': _reject} if rng.random() < .15 else {}
        if rng.random() < .15:
            function = _fail
        else:
            function = _results(len(outputs or ()))
        d.add_function('f%d' % i, function, inputs, outputs, **kw)


def _add_sub_model(rng, d, data, sub_id, depth):
    sub = random_model(rng, sub_id, depth + 1)
    inner = [k for k in sub.data_nodes if k not in (START, SINK)]
    kind = rng.choice(('dispatcher', 'sdf', 'sdp', 'sd', 'dp'))
    if kind == 'dispatcher' or len(inner) < 2:
        ins = rng.sample(data, rng.randint(1, 2))
        outs = rng.sample(inner, min(len(inner), rng.randint(1, 2)))
        d.add_dispatcher(
            sub, {k: rng.choice(inner) for k in ins},
            {k: rng.choice(data) for k in outs}, sub_id,
            input_domain=_reject if rng.random() < .15 else None)
        return
    ins = rng.sample(inner, rng.randint(1, 2))
    outs = rng.sample(inner, rng.randint(1, 2))
    if kind in ('sdf', 'sdp') and rng.random() < .4:
        outs = list(dict.fromkeys(outs + ins[:1]))  # A wildcard.
    if kind == 'sd':
        func = SubDispatch(sub, outs, output_type=rng.choice(
            ('all', 'dict', 'list')))
        ins = ins[:1]
    else:
        wrapper = {'sdf': SubDispatchFunction, 'sdp': SubDispatchPipe,
                   'dp': DispatchPipe}[kind]
        try:
            func = wrapper(sub, sub_id, ins, outs)
        except Exception:  # An output it cannot reach: not a wrapper.
            return
    kw = {'input_domain': _reject} if rng.random() < .15 else {}
    d.add_function(sub_id, func, rng.sample(data, len(ins)),
                   [rng.choice(data) for _ in outs], **kw)


def random_model(rng, name='m', depth=0):
    """A random model: data (some with defaults), functions with and without
    inputs or outputs, failing or rejecting, nested sub-models."""
    d = sh.Dispatcher(name=name, raises=False)
    data = ['d%d' % i for i in range(rng.randint(2, 7))]
    for k in data:
        if rng.random() < .2:
            d.add_data(k, default_value=rng.randint(0, 9))
        else:
            d.add_data(k, wildcard=False if rng.random() < .1 else None)
    _add_functions(rng, d, data)
    for i in range(rng.randint(0, 2) if depth < 2 else 0):
        _add_sub_model(rng, d, data, 's%d' % i, depth)
    return d


def random_solution(rng, d):
    data = list(d.data_nodes)
    inputs = {k: rng.randint(0, 9) for k in rng.sample(
        data, rng.randint(0, len(data)))}
    if rng.random() < .3:  # Wildcards: inputs that are also outputs.
        outputs = rng.sample(data, rng.randint(1, len(data)))
        return d.dispatch(inputs, outputs, wildcard=True)
    return d.dispatch(inputs)


@pytest.fixture
def quiet(caplog):
    caplog.set_level(logging.CRITICAL, logger='schedula')


def random_cases(seed, count):
    rng = random.Random(seed)
    for _ in range(count):
        d = random_model(rng)
        yield d, random_solution(rng, d)


@pytest.mark.usefixtures('quiet')
def test_every_page_draws_its_graph():
    counts = dict.fromkeys(('pages', 'sub pages', 'start nodes', 'wildcards',
                            'errors'), 0)
    for d, sol in random_cases(1200, 200):
        for item, workflow in ((d, False), (sol, True), (sol, False)):
            assert_faithful(item, workflow)
            pages = expected_site(item, workflow)
            counts['pages'] += len(pages)
            counts['sub pages'] += len(pages) > 1
            counts['start nodes'] += any(
                START in p[0].nodes for p in pages.values())
            counts['wildcards'] += any(p[4] for p in pages.values())
        counts['errors'] += bool(sol._errors)
    # The random models reach every kind of page.
    assert all(n >= 20 for n in counts.values()), counts


@pytest.mark.usefixtures('quiet')
def test_rendered_pages_draw_their_graph(tmp_path):
    import re
    for i, (d, sol) in enumerate(random_cases(1201, 3)):
        for item, workflow in ((d, False), (sol, True)):
            directory = tmp_path / ('%d-%s' % (i, workflow))
            sitemap = item.plot(view=False)
            rules = sitemap.rules(index=False)
            sitemap.render(directory=str(directory), index=False)
            for path, page in expected_site(item, workflow).items():
                folder = _folder(sitemap, path)
                with open(directory / rules[folder, None],
                          encoding='utf-8') as file:
                    svg = file.read()
                ids = re.findall(r'<g id="([^"]+)" class="node"', svg)
                nodes, edges = expected_picture(*page)
                assert sorted(ids) == nodes
                assert svg.count('class="edge"') == len(edges)


def _folder(sitemap, path):
    for folder, child in sitemap.items():
        if folder.name == path[0]:
            return folder if len(path) == 1 else _folder(child, path[1:])


@pytest.mark.usefixtures('quiet')
def test_tutorial_model_pages(tmp_path):
    from examples.symmetric_cryptography.model import dsp
    model = dsp.register()
    assert_faithful(model, False)
    sol = model({'decrypted': 'message',
                 'encrypted_fpath': str(tmp_path / 'data.secret'),
                 'key_fpath': str(tmp_path / 'key.key')})
    assert_faithful(sol, True)
    assert_faithful(sol, False)
