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
    shown = {k for k in graph.nodes if k in dsp.nodes and (
        k is not SINK or graph.degree(k))}
    inputs = [k for k in inputs if k in dsp.nodes]
    outputs = [k for k in outputs if k in dsp.nodes]
    if not dsp.nodes or not graph.number_of_edges() and not (
            inputs or outputs):
        shown.add(EMPTY)
    if START in graph.nodes or inputs:
        shown.add(START)
    if outputs:
        shown.add(END)
    fed = set(graph.succ[START]) if START in graph.nodes else set()
    fed.update(inputs)
    fed_wildcards = fed & wildcards
    edges = {(START, k) for k in fed - fed_wildcards}
    for w in fed_wildcards:  # START -> w -> v drawn as START -> v.
        edges.update((START, v) for v in graph.succ.get(w, ())
                     if v is not END and v != w)
    edges.update((u, v) for u, v in graph.edges if u != v and u is not START
                 and not (u in fed_wildcards and v is not END))
    edges.update((k, END) for k in outputs)
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


def assert_faithful(item, workflow, **plot):
    sitemap = item.plot(view=False, **plot)
    drawn = drawn_site(sitemap)
    expected = expected_site(item, workflow)
    assert sorted(drawn) == sorted(expected)
    for path, page in expected.items():
        assert drawn_picture(drawn[path]) == expected_picture(*page), path
    return sitemap


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
