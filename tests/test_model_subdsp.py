# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""
Sub-model extractors: `get_sub_dsp`, `get_sub_dsp_from_workflow`,
`shrink_dsp` and their helpers (spec 01 §18-§21, pitfalls §24).
"""
import pytest

import schedula as sh
from schedula.utils.cst import NONE
from schedula.utils.graph import DiGraph
from schedula.utils.alg import (
    add_edge_fun, remove_edge_fun, _nodes,
    _update_io, _union_workflow, _convert_bfs
)


# --- §18 get_sub_dsp --------------------------------------------------------
def _model_m():
    d = sh.Dispatcher(name='M', description='desc')
    d.add_data('a', 1)
    d.add_function('f1', max, ['a', 'b'], ['c', 'd'], out_weight={'c': 3})
    d.add_function('f2', min, ['a', 'd'], ['c', 'e'])
    d.add_data('z')
    return d


def test_get_sub_dsp_spec_example():
    d = _model_m()
    s = d.get_sub_dsp(['a', 'b', 'c', 'f1', 'z'])
    assert type(s) is sh.Dispatcher
    assert (s.name, s.__doc__, list(s.nodes)) == \
           ('M', 'desc', ['a', 'f1', 'b', 'c'])
    assert list(s.dmap.edges.items()) == [
        (('a', 'f1'), {}), (('f1', 'c'), {'weight': 3}), (('b', 'f1'), {})]
    assert s.default_values == {'a': {'value': 1, 'initial_dist': 0.0}}
    assert s.default_values['a'] is d.default_values['a']
    assert s.default_values is not d.default_values
    assert s.nodes['f1'] is not d.nodes['f1']
    assert s.nodes['f1'] == d.nodes['f1']
    assert s.nodes['f1']['inputs'] is d.nodes['f1']['inputs']
    assert s.dmap.edges['f1', 'c'] is not d.dmap.edges['f1', 'c']
    s.nodes['f1']['x'] = 1
    assert 'x' not in d.nodes['f1']
    assert list(d.get_sub_dsp(['a', 'c', 'f1', 'f2', 'e', 'd']).nodes) == \
           ['a', 'c', 'd', 'f2', 'e']
    s = d.get_sub_dsp(['a', 'b', 'c', 'd', 'f1'], [('f1', 'c')])
    assert (list(s.nodes), list(s.dmap.edges)) == (
        ['a', 'f1', 'b', 'd'], [('a', 'f1'), ('f1', 'd'), ('b', 'f1')])
    assert list(d.get_sub_dsp(['a', 'b', 'c', 'd', 'f1'],
                              [('f1', 'c'), ('f1', 'd')]).nodes) == []
    assert list(d.get_sub_dsp(['a', 'b', 'f', 'c']).nodes) == \
           ['a', 'f1', 'b', 'c']


def test_get_sub_dsp_keeps_structure_attributes():
    d = sh.Dispatcher(name='n', raises=True, executor='async')
    d.add_function('f', max, ['a'], ['b'])
    s = d.get_sub_dsp(['a', 'f', 'b'])
    assert (s.name, s.raises, s.executor) == ('n', True, 'async')
    assert s.counter() == 0 and repr(s.solution) == 'Solution()'


def test_get_sub_dsp_predecessor_order_is_rebuilt():
    d = sh.Dispatcher()
    d.add_data('a')
    d.add_data('b')
    d.add_function('f', max, ['b', 'a'], ['c'])
    assert list(d.dmap.pred['f']) == ['b', 'a']
    assert list(d.get_sub_dsp(['a', 'b', 'f', 'c']).dmap.pred['f']) == \
           ['a', 'b']


def test_get_sub_dsp_unknown_id():
    with pytest.raises(ValueError) as info:
        _model_m().get_sub_dsp(['a', 'qq'])
    assert str(info.value) == "Path ['qq'] does not exist in M dispatcher."


def test_get_sub_dsp_missing_edge_raises_key_error():
    with pytest.raises(KeyError, match=r"^\('c', 'f1'\)$"):
        _model_m().get_sub_dsp(['a', 'b', 'c', 'f1'], [('c', 'f1')])


def test_get_sub_dsp_functions_without_outputs_are_removed():
    d = _model_m()
    # f1 keeps its inputs but none of its outputs.
    assert list(d.get_sub_dsp(['a', 'b', 'f1']).nodes) == []


def test_get_sub_dsp_sub_dispatcher_nodes():
    sub = sh.Dispatcher(name='sub')
    sub.add_function('g', max, ['x', 'y'], ['w'])
    d = sh.Dispatcher()
    d.add_dispatcher(sub, {'a': 'x', 'b': 'y'}, {'w': 'c'}, dsp_id='S')
    d.add_dispatcher(sub, {'a': 'x'}, {'w': 'e'}, dsp_id='T')
    # Sub-dispatchers are not dropped for lacking outputs; their mappings
    # and child are kept as they are.
    s = d.get_sub_dsp(['a', 'b', 'S', 'T'])
    assert list(s.nodes) == ['S', 'a', 'b', 'T']
    assert s.nodes['S']['function'] is sub
    assert s.nodes['S']['outputs'] == {'w': 'c'}
    assert list(d.get_sub_dsp(['a', 'S', 'c']).nodes) == []


# --- §19 get_sub_dsp_from_workflow ------------------------------------------
def _model_w():
    d = sh.Dispatcher(name='W')
    d.add_data('a', 1)
    d.add_function('f1', max, ['a', 'b'], ['c', 'd'])
    d.add_function('f2', min, ['a', 'd'], ['c', 'e'])
    d.add_function('f3', min, ['e', 'x'], ['y'])
    return d


def test_from_workflow_forward():
    d = _model_w()
    s = d.get_sub_dsp_from_workflow(['a', 'b'], d.dmap)
    assert list(s.nodes) == ['a', 'b', 'f1', 'c', 'd', 'f2', 'e']
    assert list(s.dmap.edges) == [
        ('a', 'f1'), ('a', 'f2'), ('b', 'f1'), ('f1', 'c'), ('f1', 'd'),
        ('d', 'f2'), ('f2', 'c'), ('f2', 'e')]
    assert s.nodes['f1'] is d.nodes['f1']
    assert s.dmap.edges['a', 'f1'] is d.dmap.edges['a', 'f1']
    assert s.default_values == {'a': {'value': 1, 'initial_dist': 0.0}}
    assert s.default_values['a'] is d.default_values['a']
    assert (s.name, s.__doc__) == ('W', '')


def test_from_workflow_check_inputs_and_add_missing():
    d = _model_w()
    assert list(d.get_sub_dsp_from_workflow(['a'], d.dmap).nodes) == ['a']
    assert list(d.get_sub_dsp_from_workflow(
        ['a'], d.dmap, check_inputs=False).nodes) == [
        'a', 'f1', 'f2', 'c', 'd', 'e', 'f3', 'y']
    s = d.get_sub_dsp_from_workflow(['a'], d.dmap, add_missing=True)
    assert list(s.nodes) == ['a', 'f1', 'b', 'f2', 'd', 'c', 'e', 'f3', 'x',
                             'y']


def test_from_workflow_add_missing_graph_is_consistent():
    # 1.2.0 reset the adjacency of a missing input at each re-add, losing
    # ('x', 'f1') from succ but not from pred (spec 01 §24.16): fixed.
    d = sh.Dispatcher()
    d.add_function('f1', max, ['a', 'x'], ['b'])
    d.add_function('f2', min, ['a', 'x'], ['c'])
    s = d.get_sub_dsp_from_workflow(['a'], d.dmap, add_missing=True)
    assert list(s.nodes) == ['a', 'f1', 'x', 'f2', 'b', 'c']
    assert list(s.dmap.edges) == [('a', 'f1'), ('a', 'f2'), ('f1', 'b'),
                                  ('x', 'f1'), ('x', 'f2'), ('f2', 'c')]
    for u, vs in s.dmap.succ.items():
        for v in vs:
            assert s.dmap.pred[v][u] is s.dmap.succ[u][v]
    assert sum(map(len, s.dmap.succ.values())) == \
           sum(map(len, s.dmap.pred.values()))


def test_from_workflow_reverse_and_blockers():
    d = _model_w()
    s = d.get_sub_dsp_from_workflow(['y'], d.dmap, reverse=True,
                                    blockers=['e'])
    assert (list(s.nodes), list(s.dmap.edges), s.default_values) == (
        ['y', 'f3', 'e', 'x'], [('f3', 'y'), ('e', 'f3'), ('x', 'f3')], {})
    assert list(d.get_sub_dsp_from_workflow(
        ['e'], d.dmap, reverse=True, blockers=['e']).nodes) == ['e']
    assert list(d.get_sub_dsp_from_workflow(
        ['e'], d.dmap, reverse=True, blockers=['e'],
        wildcard=True).nodes) == ['e', 'f2', 'a', 'd', 'f1', 'b']


def test_from_workflow_uses_the_last_workflow():
    d = _model_w()
    assert list(d.get_sub_dsp_from_workflow(['a', 'b']).nodes) == []
    sol = d.dispatch(['a', 'b'], no_call=True)
    s = sol.get_sub_dsp_from_workflow(['c'], reverse=True)
    assert (list(s.nodes), list(s.dmap.edges)) == (
        ['c', 'f1', 'a', 'b'], [('f1', 'c'), ('a', 'f1'), ('b', 'f1')])
    s = d.get_sub_dsp_from_workflow(['c'], reverse=True)
    assert list(s.nodes) == ['c', 'f1', 'a', 'b']


def test_from_workflow_explicit_empty_graph_is_used():
    d = _model_w()
    d.dispatch({'a': 1, 'b': 2}, no_call=True)
    assert list(d.get_sub_dsp_from_workflow(['a'], DiGraph()).nodes) == []
    assert list(d.get_sub_dsp_from_workflow(['a', 'b']).nodes) == [
        'a', 'b', 'f1', 'c', 'd', 'f2', 'e']


def test_from_workflow_unknown_sources_are_ignored():
    d = _model_w()
    s = d.get_sub_dsp_from_workflow(['zz', 'a', 'b'], d.dmap)
    assert list(s.nodes) == ['a', 'b', 'f1', 'c', 'd', 'f2', 'e']
    g = DiGraph().add_edge('b', 'f1')
    # 'a' is a node of the model but not of the graph: ignored.
    assert list(d.get_sub_dsp_from_workflow(['a', 'b'], g).nodes) == ['b']


def test_from_workflow_edges_come_from_the_model():
    d = _model_w()
    g = DiGraph().add_edge('e', 'f3', weight=99)
    s = d.get_sub_dsp_from_workflow(['f3'], g, reverse=True)
    assert list(s.nodes) == ['f3', 'e']
    assert s.dmap.edges['e', 'f3'] is d.dmap.edges['e', 'f3']


def test_from_workflow_start_handling():
    d = sh.Dispatcher()
    d.add_function('f', max, outputs=['b'])
    d.add_function('g', min, ['b'], ['c'])
    # Forward: functions fed by START are reached from it.
    s = d.get_sub_dsp_from_workflow([sh.START], d.dmap)
    assert list(s.nodes) == [sh.START, 'f', 'b', 'g', 'c']
    # Reverse: START is followed only from a function.
    s = d.get_sub_dsp_from_workflow(['c'], d.dmap, reverse=True)
    assert list(s.nodes) == ['c', 'g', 'b', 'f', sh.START]
    assert list(s.dmap.edges) == [('g', 'c'), ('b', 'g'), ('f', 'b'),
                                  (sh.START, 'f')]
    assert s.default_values == {sh.START: {'value': sh.NONE,
                                           'initial_dist': 0.0}}


def test_from_workflow_children_sorted_by_str():
    d = sh.Dispatcher()
    d.add_function('f', max, ['a'], ['z', 'b', sh.SINK])
    s = d.get_sub_dsp_from_workflow(['a'], d.dmap)
    assert list(s.nodes) == ['a', 'f', 'b', sh.SINK, 'z']


def _model_p():
    child = sh.Dispatcher(name='child')
    child.add_data('k', 5)
    child.add_function('g1', max, ['p', 'q'], ['r'])
    child.add_function('g2', min, ['q', 'k'], ['s'])
    child.add_function('g3', min, ['t'], ['u'])
    d = sh.Dispatcher(name='P')
    d.add_function('f0', abs, ['a'], ['b'])
    d.add_dispatcher(child, {'b': 'p', 'c': ('q', 't')},
                     {'r': 'R', 's': ('S', 'S2'), 'u': 'U'}, dsp_id='SUB')
    return d, child


def test_from_workflow_updates_sub_dispatcher_links():
    d, child = _model_p()
    s = d.get_sub_dsp_from_workflow(['S2'], d.dmap, reverse=True)
    assert (list(s.nodes), list(s.dmap.edges)) == (
        ['S2', 'SUB', 'b', 'c', 'f0', 'a'],
        [('SUB', 'S2'), ('b', 'SUB'), ('c', 'SUB'), ('f0', 'b'),
         ('a', 'f0')])
    node = s.nodes['SUB']
    assert node is not d.nodes['SUB']
    assert node['inputs'] == {'b': 'p', 'c': ('q', 't')}
    assert node['outputs'] == {'s': 'S2'}
    new_child = node['function']
    assert new_child is not child and new_child.name == 'child'
    assert sorted(new_child.nodes) == ['g2', 'k', 'p', 'q', 's', 't']
    assert sorted(new_child.dmap.edges) == [('g2', 's'), ('k', 'g2'),
                                            ('q', 'g2')]
    assert new_child.default_values == {'k': {'value': 5,
                                              'initial_dist': 0.0}}
    assert new_child.nodes['g2'] is child.nodes['g2']
    assert d.nodes['SUB']['outputs'] == {'r': 'R', 's': ('S', 'S2'),
                                         'u': 'U'}
    assert d.nodes['SUB']['inputs'] == {'b': 'p', 'c': ('q', 't')}
    assert d.nodes['SUB']['function'] is child
    # Other attributes of the copied node are kept.
    assert {k: v for k, v in node.items()
            if k not in ('function', 'inputs', 'outputs')} == \
           {k: v for k, v in d.nodes['SUB'].items()
            if k not in ('function', 'inputs', 'outputs')}


def test_from_workflow_without_link_update():
    d, child = _model_p()
    s = d.get_sub_dsp_from_workflow(['S2'], d.dmap, reverse=True,
                                    _update_links=False)
    assert s.nodes['SUB'] is d.nodes['SUB']
    assert s.nodes['SUB']['function'] is child


def test_from_workflow_forward_with_sub_dispatcher():
    d, child = _model_p()
    s = d.get_sub_dsp_from_workflow(['a', 'c'], d.dmap)
    assert list(s.nodes) == ['a', 'c', 'f0', 'SUB', 'b', 'R', 'S', 'S2',
                             'U']
    node = s.nodes['SUB']
    assert node['inputs'] == {'b': 'p', 'c': ('q', 't')}
    assert node['outputs'] == {'r': 'R', 's': ('S', 'S2'), 'u': 'U'}
    assert sorted(node['function'].nodes) == [
        'g1', 'g2', 'g3', 'k', 'p', 'q', 'r', 's', 't', 'u']


def test_from_workflow_missing_child_id_raises():
    child = sh.Dispatcher(name='child')
    child.add_function('g', max, ['p'], ['r'])
    d = sh.Dispatcher()
    d.add_dispatcher(child, {'a': 'zz'}, {'r': 'R'}, dsp_id='SUB')
    with pytest.raises(AssertionError) as info:
        d.get_sub_dsp_from_workflow(['R'], d.dmap, reverse=True)
    assert str(info.value) == "Sub-dsp SUB missing: inp {'a'}, out set()"


def test_from_workflow_tuple_input_keys_raise():
    child = sh.Dispatcher(name='child')
    child.add_function('g', max, ['p'], ['r'])
    d = sh.Dispatcher()
    d.add_dispatcher(child, {('x', 'x1'): 'p'}, {'r': 'R'}, dsp_id='SUB')
    with pytest.raises(AssertionError) as info:
        d.get_sub_dsp_from_workflow(['R'], d.dmap, reverse=True)
    msg = str(info.value)
    assert msg in ("Sub-dsp SUB missing: inp {'x', 'x1'}, out set()",
                   "Sub-dsp SUB missing: inp {'x1', 'x'}, out set()")


def test_from_workflow_bad_sources():
    d = _model_w()
    with pytest.raises(TypeError) as info:
        d.get_sub_dsp_from_workflow(5, d.dmap)
    assert str(info.value) == ('get_sub_dsp_from_workflow sources must be an '
                               'iterable of node ids, not int: 5.')
    with pytest.raises(TypeError) as info:
        d.get_sub_dsp_from_workflow(['a'], d.dmap, blockers=3)
    assert 'blockers' in str(info.value) and 'int: 3' in str(info.value)


# --- §20 shrink_dsp ---------------------------------------------------------
def _chain():
    d = sh.Dispatcher(name='chain')
    d.add_data('a', 0)
    d.add_function('f1', max, ['a', 'b'], ['c'])
    d.add_function('f2', abs, ['c'], ['d'])
    d.add_function('f3', abs, ['b'], ['e'])
    d.add_function('f4', abs, ['x'], ['d'])
    return d


def test_shrink_dsp_spec_example():
    d = _chain()
    s = d.shrink_dsp(inputs=['a', 'b'], outputs=['d'])
    assert (s.name, list(s.nodes), list(s.dmap.edges), s.default_values) == (
        'chain', ['d', 'f2', 'c', 'f1', 'a', 'b'],
        [('f2', 'd'), ('c', 'f2'), ('f1', 'c'), ('a', 'f1'), ('b', 'f1')],
        {'a': {'value': 0, 'initial_dist': 0.0}})
    assert s.nodes['f1'] is d.nodes['f1']
    assert list(d.shrink_dsp(inputs=['b']).nodes) == [
        'a', 'b', 'c', 'e', 'd', 'f1', 'f3', 'f2']
    assert repr(d.solution) == ("Solution([('a', none), ('b', none), "
                                "('c', none), ('e', none), ('d', none)])")
    assert list(d.shrink_dsp(outputs=['d']).nodes) == [
        'd', 'f2', 'f4', 'c', 'x', 'f1', 'a', 'b']
    assert list(d.shrink_dsp(inputs=['x'], outputs=['d']).nodes) == \
           ['d', 'f4', 'x']
    s = d.shrink_dsp()
    assert list(s.nodes) == [] and s.name == 'chain'


def test_shrink_dsp_only_outputs_does_not_dispatch():
    d = _chain()
    sol = d.solution
    d.shrink_dsp(outputs=['d'])
    assert d.solution is sol
    d.shrink_dsp()
    assert d.solution is sol


def test_shrink_dsp_equivalent_results():
    d = _chain()
    s = d.shrink_dsp(inputs=['a', 'b'], outputs=['d'])
    assert list(s.dispatch({'b': 3}).items()) == \
           [('a', 0), ('b', 3), ('c', 3), ('d', 3)]
    assert list(d.dispatch({'b': 3}, ['d'], shrink=True).items()) == \
           [('a', 0), ('b', 3), ('c', 3), ('d', 3)]


def test_shrink_dsp_with_sub_dispatcher():
    d, child = _model_p()
    s = d.shrink_dsp(inputs=['a', 'c'], outputs=['S2'])
    assert list(s.nodes) == ['S2', 'SUB', 'b', 'c', 'f0', 'a']
    assert list(s.dmap.edges) == [('SUB', 'S2'), ('c', 'SUB'), ('f0', 'b'),
                                  ('a', 'f0')]
    node = s.nodes['SUB']
    assert node is not d.nodes['SUB']
    assert node['inputs'] == {'c': 'q'} and node['outputs'] == {'s': 'S2'}
    new_child = node['function']
    assert list(new_child.nodes) == ['s', 'g2', 'k', 'q']
    assert list(new_child.dmap.edges) == [('g2', 's'), ('k', 'g2'),
                                          ('q', 'g2')]
    assert d.nodes['SUB']['outputs'] == {'r': 'R', 's': ('S', 'S2'),
                                         'u': 'U'}
    sol = s.dispatch({'a': 1, 'c': 2})
    assert list(sol.items()) == [('a', 1), ('c', 2), ('b', 1), ('S2', 2)]


def test_shrink_dsp_with_wait_inputs():
    d = sh.Dispatcher()
    d.add_data('c', wait_inputs=True)
    d.add_function('f1', max, ['a'], ['c'])
    d.add_function('f2', min, ['b'], ['c'])
    d.add_function('f3', abs, ['c'], ['d'])
    s = d.shrink_dsp(['a', 'b'], ['d'])
    assert list(s.nodes) == ['d', 'f3', 'c', 'f1', 'f2', 'a', 'b']
    s = d.shrink_dsp(['a'], ['d'])
    assert list(s.nodes) == ['d', 'f3', 'c', 'f1', 'a']


def test_get_wait_in():
    child = sh.Dispatcher(name='child')
    child.add_data('w', wait_inputs=True)
    child.add_function('g', max, ['p'], ['w', 'v'])
    d = sh.Dispatcher()
    d.add_data('c', wait_inputs=True)
    d.add_data(sh.SINK)
    d.add_function('dom', max, ['a'], ['o1', 'o2'], input_domain=bool)
    d.add_dispatcher(child, {'a': 'p'}, {'w': ('W1', 'W2'), 'v': 'V'},
                     dsp_id='S')
    d.add_dispatcher(child, {'a': 'p'}, {'w': 'X', 'v': 'Y'}, dsp_id='T',
                     input_domain=bool)
    res = d._get_wait_in(flag=False)
    assert res == {'c': False, 'o1': False, 'o2': False,
                   child: {'w': False}, ('W1', 'W2'): False, 'T': False,
                   'X': False, 'Y': False}
    assert d._get_wait_in(all_domain=False) == {'c': True}


def test_union_and_convert_bfs():
    d, child = _model_p()
    d.add_data('c', 1)
    sol = d.dispatch({'a': 1}, no_call=True)
    bfs = _union_workflow(sol)
    assert set(bfs) == {NONE, 'SUB'}
    assert bfs[NONE] == set(sol.workflow.edges)
    sub_sol = sol.workflow.nodes['SUB']['solution']
    assert bfs['SUB'] == {NONE: set(sub_sol.workflow.edges)}
    target = {NONE: set()}
    sub_target = _union_workflow(sol, 'k', target)
    assert sub_target is target['k'] and list(target) == [NONE, 'k']
    assert sub_target[NONE] == bfs[NONE] and target[NONE] == set()
    assert sub_target['SUB'] == bfs['SUB']
    graphs = _convert_bfs(bfs)
    assert graphs is bfs and type(bfs[NONE]) is DiGraph
    assert set(bfs[NONE].edges) == set(sol.workflow.edges)
    assert type(bfs['SUB'][NONE]) is DiGraph


# --- §21 helpers ------------------------------------------------------------
def test_add_edge_fun_replaces_edge_dict():
    g = DiGraph().add_node('a')
    add = add_edge_fun(g)
    attr = {'w': 1}
    add('a', 'b', **attr)
    add('a', 'b', k=2)
    assert g.nodes == {'a': {}, 'b': {}}
    assert g.succ == {'a': {'b': {'k': 2}}, 'b': {}}
    assert g.succ['a']['b'] is g.pred['b']['a']


def test_remove_edge_fun_drops_isolated_target():
    g = DiGraph().add_edge('a', 'b').add_edge('a', 'c').add_edge('c', 'd')
    rm = remove_edge_fun(g)
    rm('a', 'b')
    rm('a', 'c')
    assert list(g.nodes) == ['a', 'c', 'd']
    rm('c', 'd')
    assert list(g.nodes) == ['a', 'c']


def test_sub_io_helpers():
    assert _nodes(['a', ('b', 'c'), 'a']) == {'a', 'b', 'c'}


def test_update_io():
    child = sh.Dispatcher()
    child.add_function('g', max, ['x', 'y'], ['o'])
    a = {'inputs': {'a': 'x', 'b': ('y', 'z'), 'c': 'w'},
         'outputs': {'o': ('A', 'B'), 'p': 'P', 'x': 'C'},
         'function': child}
    inp, out = _update_io(a, {'a', 'b', 'e'}, {'A', 'C', 'D'})
    assert a['inputs'] == {'a': 'x', 'b': 'y'}
    assert a['outputs'] == {'o': 'A', 'x': 'C'}
    assert (inp, out) == ({'e'}, {'D'})
    a = {'inputs': {'a': 'zz'}, 'outputs': {'o': 'A'}, 'function': child}
    assert _update_io(a, {'a'}, {'A'}) == ({'a'}, set())
    assert a == {'inputs': {}, 'outputs': {'o': 'A'}, 'function': child}


def test_shrink_dsp_drops_tuple_input_keys():
    child = sh.Dispatcher(name='child')
    child.add_function('g', max, ['p', 'q'], ['r'])
    d = sh.Dispatcher()
    d.add_dispatcher(child, {('x', 'x1'): 'p', 'b': 'q'}, {'r': 'R'},
                     dsp_id='SUB')
    s = d.shrink_dsp(outputs=['R'])
    assert list(s.nodes) == ['R', 'SUB', 'b', 'x', 'x1']
    assert s.nodes['SUB']['inputs'] == {'b': 'q'}
    assert list(s.dmap.edges) == [('SUB', 'R'), ('b', 'SUB')]
    assert d.nodes['SUB']['inputs'] == {('x', 'x1'): 'p', 'b': 'q'}


def test_dsp_pipe_repr():
    from schedula.utils.alg import DspPipe
    import collections
    pipe = DspPipe([('a', 1)])
    assert isinstance(pipe, collections.OrderedDict)
    assert repr(pipe) == '<DspPipe instance at %d>' % id(pipe)


def test_reverse_extraction_skips_a_start_that_is_not_a_model_node():
    d = sh.Dispatcher()
    d.add_function('f', lambda: 5, inputs=[], outputs=['b'])
    sol = d.dispatch({'f': 1})
    s = sol.get_sub_dsp_from_workflow(['b'], reverse=True)
    assert list(s.nodes) == ['b', 'f'] and list(s.dmap.edges) == [('f', 'b')]
