# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""
Guards of the dispatch engine (spec 02): each test pins a behaviour that a
mutation pass (central lines broken one at a time) showed unpinned by the
rest of the suite.
"""
import operator

import pytest

import schedula as sh
from schedula.utils.alg import get_sub_node, _sort_sk_wait_in, _union_workflow
from schedula.utils.cst import START, NONE
from schedula.utils.dsp import (
    SubDispatch, SubDispatchFunction, SubDispatchPipe
)
from schedula.utils.exc import DispatcherError
from schedula.utils.sol import Solution


def increment(x):
    return x + 1


def tenfold(x):
    return 10 * x


def sorted_values(estimations):
    return sorted(estimations.values())


def test_child_stops_at_its_targets():
    # Once `u` (its only output) is reached, the child visits nothing more:
    # `z`, at the same distance, is never computed.
    child = sh.Dispatcher(name='child')
    child.add_function('f1', abs, ['x'], ['u'])
    child.add_function('f2', abs, ['x'], ['z'])
    d = sh.Dispatcher()
    d.add_dispatcher(child, {'a': 'x'}, {'u': 'U'}, 'S')
    sol = d.dispatch({'a': -1})
    assert list(sol.items()) == [('a', -1), ('U', 1)]
    sub = sol.workflow.nodes['S']['solution']
    assert list(sub.items()) == [('x', -1), ('u', 1)]
    assert list(sol.pipe) == ['a', ('S', 'x'), ('S', 'f1'), ('S', 'f2'),
                              ('S', 'u'), 'U']


def test_wildcard_input_is_visited_and_not_recomputed_by_a_child():
    # `a` is a wildcard input (02 §5.3): visited when it feeds `g`, so the
    # child's output mapped to it does not bring it back.
    child = sh.Dispatcher(name='child')
    child.add_function('f', increment, ['x'], ['y'])
    d = sh.Dispatcher()
    d.add_dispatcher(child, {'q': 'x'}, {'y': 'a'}, 'S')
    d.add_function('g', tenfold, ['a'], ['b'])
    sol = d.dispatch({'a': 1, 'q': 5}, ['a', 'b'], wildcard=True)
    assert list(sol.items()) == [('q', 5), ('b', 10)]
    assert sol._visited == {START, 'a', 'b', 'g', 'q'}
    assert list(sol.pipe) == ['q', ('S', 'x'), ('S', 'f'), 'g', 'b',
                              ('S', 'y')]
    assert list(sol.workflow.edges) == [(START, 'a'), (START, 'q'),
                                        ('a', 'g'), ('g', 'b'), ('q', 'S')]


def test_meeting_distances_are_the_latest_arrivals():
    # `_meet` (read by shrink_dsp's release of waiting nodes) holds the
    # largest distance at which a node was reached.
    d = sh.Dispatcher()
    d.add_function('f', max, ['a', 'c'], ['x'])
    sol = d.dispatch({'a': 1, 'c': 2}, ['a', 'c', 'x'], wildcard=True,
                     inputs_dist={'c': 3})
    assert list(sol.items()) == [('x', 2)]
    assert sol._meet == {START: -1, 'f': 4, 'x': 5}
    # Through remote links: `U` comes back from S1 (at 1) then S2 (at 6).
    fast, slow = sh.Dispatcher(name='fast'), sh.Dispatcher(name='slow')
    fast.add_function('f', abs, ['x'], ['y'])
    slow.add_function('f', abs, ['x'], ['y'], weight=5)
    p = sh.Dispatcher()
    p.add_data('U', wait_inputs=True, function=sorted_values)
    p.add_dispatcher(fast, {'a': 'x'}, {'y': 'U'}, 'S1')
    p.add_dispatcher(slow, {'a': 'x'}, {'y': 'U'}, 'S2')
    sol = p.dispatch({'a': -1})
    assert list(sol.items()) == [('a', -1), ('U', [1, 1])]
    assert sol._meet == {START: -1, 'a': 0, 'S1': 0, 'S2': 0, 'U': 7}


def test_check_targets_without_outputs():
    sol = Solution()
    assert (sol.check_targets('a'), sol.check_targets(START)) == \
        (False, False)


def test_workflow_edge_dicts_are_not_shared_between_levels():
    # The child's START edge holds a copy of the parent's edge attributes.
    child = sh.Dispatcher(name='child')
    child.add_function('f', abs, ['x'], ['y'])
    d = sh.Dispatcher()
    d.add_dispatcher(child, {'a': 'x'}, {'y': 'b'}, 'S')
    sol = d.dispatch({'a': -2})
    sub = sol.workflow.nodes['S']['solution']
    parent_edge, child_edge = sol.workflow.succ['a']['S'], \
        sub.workflow.succ[START]['x']
    assert parent_edge == child_edge == {'value': -2}
    assert parent_edge is not child_edge
    child_edge['value'] = 0
    assert sol.workflow.succ['a']['S'] == {'value': -2}


def test_out_edges_of_a_data_node_are_distinct_dicts():
    d = sh.Dispatcher()
    d.add_function('f', abs, ['a'], ['b'])
    d.add_function('g', tenfold, ['a'], ['c'])
    sol = d.dispatch({'a': -1})
    out = sol.workflow.succ['a']
    assert out == {'f': {'value': -1}, 'g': {'value': -1}}
    assert out['f'] is not out['g']


def test_output_of_a_child_fed_back_into_another_child_input():
    # `a` comes out of S (from `y`) and goes back into S (as `x`): the child
    # had not visited `x`, so it is fed (02 §7.4, "fed back").
    child = sh.Dispatcher(name='child')
    child.add_function('f', abs, ['z'], ['y'])
    child.add_function('g', tenfold, ['x'], ['w'])
    d = sh.Dispatcher()
    d.add_dispatcher(child, {'q': 'z', 'a': 'x'}, {'y': 'a', 'w': 'W'}, 'S')
    sol = d.dispatch({'q': -1})
    assert list(sol.items()) == [('q', -1), ('a', 1), ('W', 10)]
    assert list(sol.pipe) == ['q', ('S', 'z'), ('S', 'f'), ('S', 'y'), 'a',
                              ('S', 'x'), ('S', 'g'), ('S', 'w'), 'W']
    assert list(sol.workflow.edges) == [(START, 'q'), ('q', 'S'), ('S', 'a'),
                                        ('S', 'W'), ('a', 'S')]


def is_int(*args):
    return all(isinstance(a, int) for a in args)


def test_domain_of_an_asynchronous_dispatch_gets_values():
    # `await_domain` (default True): the domain sees values, not futures.
    d = sh.Dispatcher()
    d.add_function('f', abs, ['a'], ['b'])
    d.add_function('g', tenfold, ['b'], ['c'], input_domain=is_int)
    d.add_function('h', tenfold, ['b'], ['e'], input_domain=is_int,
                   await_domain=False)
    sol = d.dispatch({'a': -1}, executor='async').result()
    assert dict(sol) == {'a': -1, 'b': 1, 'c': 10}
    assert sol.workflow.nodes['g']['solution_domain'] is True
    assert sol.workflow.nodes['h']['solution_domain'] is False


# --------------------------------------------------------------------------
# schedula.utils.alg: node look-up and the helpers of shrink_dsp (01 §16,
# §20).
# --------------------------------------------------------------------------
def test_output_look_up_of_an_input_outside_the_model():
    d = sh.Dispatcher(name='d')
    d.add_function('f', abs, ['a'], ['b'])
    sol = d.dispatch({'a': -1, 'zz': 5})
    assert sol.get_node('zz') == (5, ('zz',))
    assert get_sub_node(d, ('zz',), 'output') == (5, ('zz',))


def test_visited_waiting_node_is_still_waiting():
    # `c` got all its inputs (visited) but its override flag is True.
    d = sh.Dispatcher()
    d.add_data('c', wait_inputs=True)
    d.add_function('f1', abs, ['a'], ['c'])
    d.add_function('f2', abs, ['b'], ['c'])
    sol = d.dispatch(['a', 'b'], no_call=True, _wait_in={'c': True})
    assert list(sol) == ['a', 'b', 'c']
    assert _sort_sk_wait_in(sol) == [(2, 'c', 0, {'c': True}, 'c')]


def test_parent_output_of_a_waiting_child_is_blocked():
    # The child's `w` waits for `r`: the parent's `W`, which `S` may still
    # give, is not listed as waiting (only the child's `w` is).
    child = sh.Dispatcher(name='child')
    child.add_data('w', wait_inputs=True)
    child.add_function('g1', abs, ['p'], ['w'])
    child.add_function('g2', abs, ['r'], ['w'])
    d = sh.Dispatcher(name='parent')
    d.add_data('W', wait_inputs=True)
    d.add_dispatcher(child, {'a': 'p'}, {'w': 'W'}, 'S')
    d.add_function('f', abs, ['a'], ['W'])
    sol = d.dispatch(['a'], no_call=True, _wait_in=d._get_wait_in())
    assert list(sol.workflow.nodes) == [START, 'a', 'S', 'f', 'W']
    waiting = _sort_sk_wait_in(sol)
    assert [(e[1], e[2], e[4]) for e in waiting] == [('w', 0, 'w')]
    assert waiting[0][3] is sol.workflow.nodes['S']['solution']._wait_in


def test_union_workflow_skips_empty_child_solutions():
    # S (weight 5) is entered, but `b` is reached first through `f`: its
    # child solution stays empty and adds no edges (01 §20.2).
    child = sh.Dispatcher(name='child')
    child.add_function('g', abs, ['x'], ['y'])
    d = sh.Dispatcher(name='parent')
    d.add_dispatcher(child, {'a': 'x'}, {'y': 'b'}, 'S', weight=5)
    d.add_function('f', abs, ['a'], ['b'])
    sol = d.dispatch({'a': -1})
    sub = sol.workflow.nodes['S']['solution']
    assert (len(sub), list(sub.workflow.edges)) == (0, [(START, 'x')])
    assert _union_workflow(sol) == {NONE: {
        (START, 'a'), ('a', 'S'), ('a', 'f'), ('f', 'b')}}


# --------------------------------------------------------------------------
# Wrappers (03 §9).
# --------------------------------------------------------------------------
def test_unreachable_outputs_name_only_the_missing_ones():
    inner = sh.Dispatcher(name='inner')
    inner.add_function('f', abs, ['x'], ['y'])
    inner.add_function('g', abs, ['q'], ['z'])
    sd = SubDispatch(inner, ['y', 'z'], output_type='list')
    with pytest.raises(DispatcherError, match=r"^\n  Unreachable output-"
                                              r"targets: \{'z'\}\n  Available "
                                              r"outputs: \['x', 'y'\]$"):
        sd({'x': -1})


def test_keyword_arguments_of_a_function_start_at_distance_zero():
    # 03 §9.2 __call__ step 4: every argument passed starts at 0, defaults
    # that are not passed keep their initial distance.
    d = sh.Dispatcher(name='m')
    d.add_data('k', default_value=10, initial_dist=3)
    d.add_function('mul', operator.mul, ['x', 'k'], ['y'])
    f = SubDispatchFunction(d, 'f', ['x'], ['y'])
    assert f(2) == 20
    assert f.solution.dist == {START: -1, 'x': 0, 'k': 3, 'mul': 4, 'y': 5}
    assert f(2, k=5) == 10
    assert f.solution.dist == {START: -1, 'k': 0, 'x': 0, 'mul': 1, 'y': 2}


def one():
    return 1


def plus(a, b):
    return a + b


def test_pipe_of_a_model_with_a_function_without_inputs():
    # The START step of the plan feeds the dmap successors of START.
    d = sh.Dispatcher(name='m')
    d.add_function('f', one, None, ['c'])
    d.add_function('g', plus, ['c', 'x'], ['y'])
    p = SubDispatchPipe(d, 'p', ['x'], ['y'])
    assert [(step[0][-1][0], step[1]) for step in p.pipe] == [
        (START, {'f': {}}), ('x', {'g': {}}), ('f', {'c': {}}),
        ('c', {'g': {}}), ('g', {'y': {}}), ('y', {})]
    assert p(2) == 3 and p(5) == 6
    assert list(p.solution.items()) == [('x', 5), ('c', 1), ('y', 6)]


# --------------------------------------------------------------------------
# Dispatcher (01).
# --------------------------------------------------------------------------
def test_get_sub_dsp_keeps_the_defaults_of_its_nodes_only():
    d = sh.Dispatcher(name='M')
    d.add_data('a', 1)
    d.add_data('e', 2)
    d.add_function('f1', max, ['a', 'b'], ['c'])
    d.add_function('f2', min, ['c', 'e'], ['g'])
    s = d.get_sub_dsp(['a', 'b', 'c', 'f1'])
    assert list(s.nodes) == ['a', 'f1', 'b', 'c']
    assert s.default_values == {'a': {'value': 1, 'initial_dist': 0.0}}
    assert list(s.dispatch({'b': 3}).items()) == [('a', 1), ('b', 3),
                                                  ('c', 3)]


def test_shrink_dsp_keeps_inputs_beyond_the_cutoff_out():
    # `a` starts beyond the cutoff: every no-call run of shrink_dsp keeps
    # the given distance (01 §20 step 1.3), so `a` never counts.
    d = sh.Dispatcher(name='m')
    d.add_function('f', abs, ['a'], ['b'])
    d.add_function('g', abs, ['c'], ['b'])
    s = d.shrink_dsp(['a'], cutoff=5, inputs_dist={'a': 6})
    assert list(s.nodes) == []
    s = d.shrink_dsp(['a', 'c'], ['b'], cutoff=5, inputs_dist={'a': 6})
    assert list(s.nodes) == ['b', 'g', 'c']
    assert list(s.dmap.edges) == [('g', 'b'), ('c', 'g')]


def both_inputs(kw):
    return len(kw) == 2


def test_shrink_dsp_keeps_every_input_of_a_sub_dispatcher_domain():
    # The domain of S reads all its inputs: `b` -> `z` stays although `z`
    # leads to no wanted output (01 §20, `_get_dsp_from_bfs` step 3).
    child = sh.Dispatcher(name='child')
    child.add_function('f', abs, ['x'], ['y'])
    child.add_function('g', abs, ['z'], ['w'])
    d = sh.Dispatcher(name='m')
    d.add_dispatcher(child, {'a': 'x', 'b': 'z'}, {'y': 'Y', 'w': 'W'}, 'S',
                     input_domain=both_inputs)
    s = d.shrink_dsp(['a', 'b'], ['Y'])
    assert list(s.dmap.edges) == [('S', 'Y'), ('a', 'S'), ('b', 'S')]
    node = s.nodes['S']
    assert (node['inputs'], node['outputs']) == ({'a': 'x', 'b': 'z'},
                                                 {'y': 'Y'})
    assert list(node['function'].nodes) == ['y', 'x', 'z', 'f']
    assert list(s.dispatch({'a': -1, 'b': 2}).items()) == [
        ('a', -1), ('b', 2), ('Y', 1)]


def test_sub_dispatcher_links_search_past_an_input_that_is_an_output():
    # The child `x` is fed by `a` and also given back as `X`: the reduced
    # child keeps what computes `x` (the link search expands it, 01 §18).
    child = sh.Dispatcher(name='child')
    child.add_function('h', abs, ['q'], ['x'])
    child.add_function('k', abs, ['x'], ['y'])
    d = sh.Dispatcher(name='m')
    d.add_dispatcher(child, {'a': 'x', 'b': 'q'}, {'x': 'X', 'y': 'Y'}, 'S')
    s = d.get_sub_dsp_from_workflow(['a', 'b'], d.dmap)
    assert list(s.nodes) == ['a', 'b', 'S', 'X', 'Y']
    reduced = s.nodes['S']['function']
    assert list(reduced.nodes) == ['x', 'y', 'q', 'h', 'k']
    assert list(reduced.dmap.edges) == [('x', 'k'), ('q', 'h'), ('h', 'x'),
                                        ('k', 'y')]
