# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""
The dispatch entry points and the core of the algorithm (spec 02 §3, §5, §6,
§7, §14, §19.1, §19.3): inputs and defaults, heap keys and tie-breaking, data
and function node visiting, estimations, filters, callbacks, and the orders
of the solution, `dist` and the workflow.
"""
import pytest

import schedula as sh
from schedula import START, NONE, SINK, SELF, PLOT
from schedula.utils.sol import Solution

TIMING = ('started', 'duration')


def ordered(obj):
    """Nested dicts as nested lists of items: comparisons check the order."""
    if isinstance(obj, dict):
        return [(k, ordered(v)) for k, v in obj.items()]
    return obj


def wf_attrs(sol, *timing):
    """Workflow node attributes without the timing entries (or only them)."""
    return {k: {a: v for a, v in attr.items() if a not in TIMING}
            for k, attr in sol.workflow.nodes.items()}


def pipe_tasks(sol):
    """The pipe as ``[(key, (distance, heap key)), ...]``."""
    return [(k, (v['task'][0], v['task'][1])) for k, v in sol.pipe.items()]


def diamond():
    dsp = sh.Dispatcher(name='diamond')
    dsp.add_function('inc', lambda x: x + 1, ['x'], ['y'])
    dsp.add_function('dbl', lambda x: x * 2, ['x'], ['z'])
    dsp.add_function('add', lambda y, z: y + z, ['y', 'z'], ['w'])
    return dsp


def inc_model():
    dsp = sh.Dispatcher()
    dsp.add_function('f', lambda a: a + 1, ['a'], ['b'])
    return dsp


# --- §3 dispatch / __call__ ----------------------------------------------------
def test_call_is_dispatch():
    dsp = inc_model()
    sol = dsp({'a': 1}, ['b'])
    assert sol == {'a': 1, 'b': 2}
    assert list(sol.items()) == [('a', 1), ('b', 2)]
    assert dsp.solution is sol
    assert dsp(executor=False) == {}
    assert dsp({'a': 1}, select_output_kw={'keys': ['b']}) == {'b': 2}


def test_select_output_kw():
    dsp = inc_model()
    assert dsp.dispatch({'a': 1}, select_output_kw={
        'keys': ['b'], 'output_type': 'values'}) == 2
    res = dsp.dispatch({'a': 1}, select_output_kw={'keys': ['a', 'b']})
    assert type(res) is dict and list(res.items()) == [('a', 1), ('b', 2)]
    assert repr(dsp.solution) == "Solution([('a', 1), ('b', 2)])"
    assert dsp.dispatch({'a': 1}, select_output_kw={
        'keys': ['b', 'a'], 'output_type': 'list'}) == [2, 1]
    with pytest.raises(KeyError, match=r"^'zz'$"):
        dsp.dispatch({'a': 1}, select_output_kw={'keys': ['zz']})
    assert dsp.dispatch({'a': 1}, select_output_kw={
        'keys': ['b', 'zz'], 'allow_miss': True}) == {'b': 2}
    # A falsy select_output_kw returns the solution.
    assert isinstance(dsp.dispatch({'a': 1}, select_output_kw={}), Solution)


def test_select_output_self():
    dsp = sh.Dispatcher()
    dsp.add_data(SELF, default_value=dsp)
    assert dsp.dispatch(select_output_kw={
        'keys': [SELF], 'output_type': 'values'}) is dsp


def test_solution_published_before_run():
    dsp = sh.Dispatcher()
    seen = []
    dsp.add_function('f', lambda a: seen.append(dsp.solution) or a, ['a'],
                     ['b'])
    sol = dsp.dispatch({'a': 1})
    assert seen == [sol] and seen[0] is sol


def test_solution_not_replaced_on_early_errors():
    dsp = inc_model()
    first = dsp.solution
    assert isinstance(first, Solution) and first == {} and first.dsp is dsp
    assert first.fringe == [] and first.dist == {START: -1}
    sol = dsp.dispatch({'a': 1})
    with pytest.raises(ValueError) as info:
        dsp.dispatch(['a', 'zz'])
    assert str(info.value) == 'dictionary update sequence element #0 has ' \
                              'length 1; 2 is required'
    assert dsp.solution is sol
    # A list of 2-character strings is a list of key/value pairs.
    assert dsp.dispatch(['ab']) == {'a': 'b'}


def test_solution_replaced_when_run_raises():
    dsp = sh.Dispatcher(raises=True)
    dsp.add_function('f', lambda a: a + 1, ['a'], ['b'])
    dsp.add_function('g', lambda b: 1 / 0, ['b'], ['c'])
    with pytest.raises(sh.DispatcherError) as info:
        dsp.dispatch({'a': 1})
    assert info.value.sol is dsp.solution
    assert list(dsp.solution.items()) == [('a', 1), ('b', 2)]


def test_shrink_list_inputs_publishes_no_call_solution():
    dsp = inc_model()
    with pytest.raises(ValueError, match=r'^dictionary update sequence'
                                         r' element #0 has length 1; 2 is'
                                         r' required$'):
        dsp.dispatch(['a'], ['b'], shrink=True)
    assert repr(dsp.solution) == "Solution([('a', none), ('b', none)])"


def test_pruned_copy_is_run():
    dsp = inc_model()
    dsp.add_function('g', lambda a: a * 2, ['a'], ['c'])
    sol = dsp.dispatch({'a': 1}, ['b'])
    assert list(sol.items()) == [('a', 1), ('b', 2)]
    assert sol.dsp is not dsp and sol.parent is sol.dsp
    assert dsp.solution is sol and sol.dsp.solution is not sol
    assert sol.dsp.solution == {} and sol.dsp.solution.fringe == []
    assert sorted(sol.dsp.nodes) == ['a', 'b', 'f']
    for k in sol.dsp.nodes:
        assert sol.dsp.nodes[k] is dsp.nodes[k]
    sol = dsp.dispatch({'a': 1})
    assert sol.dsp is dsp and sol.parent is dsp


def test_custom_solution_class_is_used():
    class MySolution(Solution):
        pass

    dsp = inc_model()
    dsp.solution = MySolution(dsp)
    sol = dsp.dispatch({'a': 1})
    assert type(sol) is MySolution
    assert repr(sol) == "MySolution([('a', 1), ('b', 2)])"


# --- §5.1 initial values and distances --------------------------------------
def test_inputs_and_defaults_merge():
    dsp = sh.Dispatcher()
    dsp.add_data('a', default_value=1, initial_dist=5)
    dsp.add_function('f', lambda a: a + 1, ['a'], ['b'])
    sol = dsp.dispatch()
    assert repr(sol.dist) == "{start: -1, 'a': 5.0, 'f': 6.0, 'b': 7.0}"
    assert sol.inputs == {'a': 1} and sol.inputs_dist == {'a': 5}
    sol = dsp.dispatch({'a': 3})
    assert repr(sol.dist) == "{start: -1, 'a': 0.0, 'f': 1.0, 'b': 2.0}"
    assert sol.inputs == {'a': 3} and sol.inputs_dist == {}
    sol = dsp.dispatch({'a': 3}, inputs_dist={'a': 2, 'zz': 9})
    assert repr(sol.dist) == "{start: -1, 'a': 2.0, 'f': 3.0, 'b': 4.0}"
    assert list(sol.inputs_dist.items()) == [('a', 2), ('zz', 9)]


def test_inputs_order():
    dsp = sh.Dispatcher()
    dsp.add_data('d1', default_value=1, initial_dist=3)
    dsp.add_data('d2', default_value=2)
    sol = dsp.dispatch({'x': 0, 'd1': 7})
    assert list(sol.inputs.items()) == [('d1', 7), ('d2', 2), ('x', 0)]
    assert list(sol.inputs_dist.items()) == [('d2', 0.0)]
    sol = dsp.dispatch(['x', 'd2'], no_call=True)
    assert list(sol.inputs.items()) == [('d1', NONE), ('d2', NONE),
                                        ('x', NONE)]
    assert list(sol.inputs_dist.items()) == [('d1', 3)]
    assert list(sol.items()) == [('x', None), ('d2', NONE), ('d1', NONE)]


def test_out_of_dispatcher_inputs_first_sorted_by_str():
    dsp = inc_model()
    sol = dsp.dispatch({'zz': 0, 'a': 1, 5: 'five', 'b0': 2})
    assert list(sol.items()) == [(5, 'five'), ('b0', 2), ('zz', 0), ('a', 1),
                                 ('b', 2)]
    sol = dsp.dispatch({'zz': 0, 'a': 1, 5: 'five'}, no_call=True)
    assert list(sol.items()) == [(5, None), ('zz', None), ('a', NONE),
                                 ('b', NONE)]


def test_initial_values_order_in_workflow():
    dsp = sh.Dispatcher()
    dsp.add_data('c', default_value=3, initial_dist=1)
    dsp.add_data('z', default_value=0)
    dsp.add_function('f', lambda a, b: a + b, ['b', 'a'], ['d'])
    sol = dsp.dispatch({'b': 2, 'a': 1})
    assert ordered(sol.workflow.succ[START]) == [
        ('a', [('value', 1)]), ('b', [('value', 2)]), ('z', [('value', 0)]),
        ('c', [('value', 3)])]
    assert list(sol.workflow.nodes)[0] is START
    assert sol.workflow.nodes[START] == {'type': 'start'}


def test_function_id_given_as_input():
    dsp = sh.Dispatcher()
    dsp.add_function('f', lambda: 5, [], ['b'])
    dsp.add_function('g', lambda a: a, ['a'], ['c'])
    sol = dsp.dispatch({'f': 1, 'g': 2, 'a': 3})
    assert list(sol.items()) == [('a', 3), ('b', 5), ('c', 3)]
    assert repr(sol.dist) == \
        "{start: -1, 'a': 0.0, 'f': 0.0, 'b': 1.0, 'g': 1.0, 'c': 2.0}"
    assert ordered(sol.workflow.succ[START]) == [
        ('a', [('value', 3)]), ('f', [('value', 1)]), ('g', [('value', 2)])]
    assert [v['task'][:2] for v in sol.pipe.values()][:2] == [
        (0.0, (False, 'a', (-1, 3))), (0.0, (True, 'f', (-1, 0)))]
    assert dsp.dispatch() == {}


# --- §6 heap keys and tie-breaking -------------------------------------------
def test_ties_by_name_not_insertion():
    dsp = sh.Dispatcher()
    dsp.add_function('zz', lambda a: 'zz', ['a'], ['b'])
    dsp.add_function('aa', lambda a: 'aa', ['a'], ['b'])
    sol = dsp.dispatch({'a': 0})
    assert list(sol.items()) == [('a', 0), ('b', 'aa')]
    assert repr(sol.dist) == "{start: -1, 'a': 0.0, 'aa': 1.0, 'zz': 1.0, " \
                             "'b': 2.0}"
    assert ordered(sol.workflow.succ) == [
        (START, [('a', [('value', 0)])]),
        ('a', [('zz', [('value', 0)]), ('aa', [('value', 0)])]),
        ('zz', []), ('aa', [('b', [('value', 'aa')])]), ('b', [])]
    assert wf_attrs(sol)['zz'] == {'results': 'zz'}


def test_heap_keys_flags():
    dsp = sh.Dispatcher()
    dsp.add_data('w', wait_inputs=True, function=sh.bypass)
    dsp.add_function('f', lambda a: a, ['a'], ['w'])
    dsp.add_function('g', lambda a: a, ['a'], ['b'])
    sol = dsp.dispatch({'a': 1})
    assert pipe_tasks(sol) == [
        ('a', (0.0, (False, 'a', (-1, 2)))),
        ('f', (1.0, (1, 'f', (-1, 1)))),
        ('g', (1.0, (1, 'g', (-1, 3)))),
        ('b', (2.0, (0, 'b', (-1, 4)))),
        ('w', (2.0, (1, 'w', (-1, 0))))]
    assert list(sol.items()) == [('a', 1), ('b', 1), ('w', {'f': 1})]
    # The override does not change the key: it uses the node's own flag.
    sol = dsp.dispatch({'a': 1}, _wait_in={'w': False})
    assert pipe_tasks(sol)[-1] == ('w', (2.0, (1, 'w', (-1, 0))))


def test_pipe_task_items():
    sol = diamond().dispatch({'x': 3})
    for k, v in sol.pipe.items():
        assert v['task'][2] == (k, sol) and v['task'][2][1] is sol
        assert list(v) == ['task']
    assert sol._pipe == [v['task'] for v in sol.pipe.values()]
    assert all(type(t) is tuple and type(t[0]) is sh.inf for t in sol._pipe)


# --- §19.1 diamond ------------------------------------------------------------
def test_diamond():
    dsp = diamond()
    sol = dsp.dispatch({'x': 3})
    assert repr(sol) == "Solution([('x', 3), ('y', 4), ('z', 6), ('w', 10)])"
    assert repr(sol.dist) == "{start: -1, 'x': 0.0, 'dbl': 1.0, " \
        "'inc': 1.0, 'y': 2.0, 'z': 2.0, 'add': 3.0, 'w': 4.0}"
    assert ordered(sol.workflow.succ) == ordered({
        START: {'x': {'value': 3}},
        'x': {'inc': {'value': 3}, 'dbl': {'value': 3}},
        'inc': {'y': {'value': 4}}, 'dbl': {'z': {'value': 6}},
        'z': {'add': {'value': 6}}, 'y': {'add': {'value': 4}},
        'add': {'w': {'value': 10}}, 'w': {}})
    assert ordered(wf_attrs(sol)) == ordered({
        START: {'type': 'start'}, 'x': {}, 'inc': {'results': 4},
        'dbl': {'results': 6}, 'z': {}, 'y': {}, 'add': {'results': 10},
        'w': {}})
    assert pipe_tasks(sol) == [
        ('x', (0.0, (False, 'x', (-1, 1)))),
        ('dbl', (1.0, (1, 'dbl', (-1, 3)))),
        ('inc', (1.0, (1, 'inc', (-1, 0)))),
        ('y', (2.0, (0, 'y', (-1, 2)))),
        ('z', (2.0, (0, 'z', (-1, 4)))),
        ('add', (3.0, (1, 'add', (-1, 5)))),
        ('w', (4.0, (0, 'w', (-1, 6))))]
    assert sol.fringe is None and sol.sub_sol == {(-1,): sol}
    assert sol.index == (-1,) and sol.full_name == ()
    assert dsp.solution is sol and sol.dsp is dsp and sol.parent is dsp
    # Predecessors in edge-creation order: y is visited before z.
    assert list(sol.workflow.pred['add']) == ['y', 'z']
    assert sol._visited == {START, 'x', 'dbl', 'inc', 'y', 'z', 'add', 'w'}
    assert sol._errors == {} and sol._wildcards == set()
    # seen/_meet in first-push order: dbl runs first, so z precedes y.
    assert repr(sol.seen) == "{start: -1, 'x': 0.0, 'inc': 1.0, " \
        "'dbl': 1.0, 'z': 2.0, 'y': 2.0, 'add': 3.0, 'w': 4.0}"
    assert repr(sol._meet) == "{start: -1, 'x': 0.0, 'inc': 1.0, " \
        "'dbl': 1.0, 'z': 2.0, 'y': 2.0, 'add': 3.0, 'w': 4.0}"
    assert all(type(d) is sh.inf for d in sol.dist.values())
    assert all(type(d) is sh.inf for d in sol.seen.values())


def test_diamond_timing_attributes():
    sol = diamond().dispatch({'x': 3})
    nodes = sol.workflow.nodes
    for k in ('inc', 'dbl', 'add'):
        assert set(nodes[k]) == {'started', 'duration', 'results'}
        assert isinstance(nodes[k]['started'], float)
        assert nodes[k]['duration'] >= 0
    for k in ('x', 'y', 'z', 'w'):
        assert nodes[k] == {}


# --- §7.3 function distance and meeting --------------------------------------
@pytest.mark.parametrize('weights, f_dist, meet, c_dist', [
    ({'a': 10}, '2.0', '10.0', '3.0'),
    ({'b': 10}, '11.0', '11.0', '12.0'),
])
def test_function_distance_from_completing_input(weights, f_dist, meet,
                                                  c_dist):
    dsp = sh.Dispatcher()
    dsp.add_function('f', lambda a, b: a + b, ['a', 'b'], ['c'],
                     inp_weight=weights)
    sol = dsp.dispatch({'a': 1, 'b': 2}, inputs_dist={'b': 1})
    assert repr(sol.dist['f']) == f_dist
    assert repr(sol._meet['f']) == meet
    assert repr(sol.dist['c']) == c_dist
    assert sol['c'] == 3


def test_data_node_pushed_again_on_shorter_path():
    dsp = sh.Dispatcher()
    dsp.add_function('slow', lambda a: 'slow', ['a'], ['c'], out_weight={
        'c': 5})
    dsp.add_function('mid', lambda a: 'mid', ['a'], ['b'])
    dsp.add_function('fast', lambda b: 'fast', ['b'], ['c'])
    sol = dsp.dispatch({'a': 0})
    assert sol['c'] == 'fast'
    assert repr(sol.dist) == "{start: -1, 'a': 0.0, 'mid': 1.0, " \
        "'slow': 1.0, 'b': 2.0, 'fast': 3.0, 'c': 4.0}"
    assert repr(sol._meet['c']) == '6.0' and repr(sol.seen['c']) == '4.0'
    keys = [k for k in sol.pipe]
    assert keys.count('c') == 1
    assert list(sol.workflow.pred['c']) == ['fast']


# --- §7.4 data nodes ------------------------------------------------------------
def test_estimation_choice_by_producer_distance():
    dsp = sh.Dispatcher()
    dsp.add_function('early', lambda a: 'early', ['a'], ['c'],
                     out_weight={'c': 10})
    dsp.add_function('later', lambda b: 'later', ['b'], ['c'])
    sol = dsp.dispatch({'a': 0, 'b': 0}, inputs_dist={'b': 1})
    assert sol['c'] == 'later'
    assert repr(sol.dist) == "{start: -1, 'a': 0.0, 'b': 1.0, " \
        "'early': 1.0, 'later': 2.0, 'c': 3.0}"
    assert repr(sol.seen['c']) == '3.0' and repr(sol._meet['c']) == '11.0'
    assert 'c' not in sol.workflow.succ['early']
    assert wf_attrs(sol)['early'] == {'results': 'early'}


def test_estimation_tie_broken_by_producer_id():
    # zfast runs first (its edge comes first) but both estimations of c are
    # at 3.0: the smaller producer id wins.
    dsp = sh.Dispatcher()
    dsp.add_function('zfast', lambda a: 'zfast', ['a'], ['c'],
                     out_weight={'c': 2})
    dsp.add_function('aslow', lambda b: 'aslow', ['b'], ['c'])
    sol = dsp.dispatch({'a': 0, 'b': 0}, inputs_dist={'b': 1})
    assert sol['c'] == 'aslow'
    assert repr(sol.dist) == "{start: -1, 'a': 0.0, 'b': 1.0, " \
        "'zfast': 1.0, 'aslow': 2.0, 'c': 3.0}"
    assert list(sol.workflow.pred['c']) == ['aslow']
    assert sol.workflow.succ['zfast'] == {}


def test_default_with_far_initial_dist_keeps_start_edge():
    dsp = sh.Dispatcher()
    dsp.add_data('c', 0, sh.inf(1, 1))
    dsp.add_function('max', max, ['a', 'b'], ['c'])
    sol = dsp.dispatch({'a': 1, 'b': 2})
    assert list(sol.items()) == [('a', 1), ('b', 2), ('c', 2)]
    assert ordered(sol.workflow.pred['c']) == [
        (START, [('value', 0)]), ('max', [('value', 2)])]
    assert repr(sol.dist['c']) == '2.0'
    assert repr(sol.seen['c']) == '2.0'
    assert repr(sol._meet['c']) == 'inf(inf=1, num=1.0)'


def test_default_infinitely_far_visited_last():
    dsp = sh.Dispatcher()
    dsp.add_data('far', 1, sh.inf(1, 0))
    dsp.add_function('f', lambda a: a, ['a'], ['b'])
    sol = dsp.dispatch({'a': 1})
    assert list(sol.items()) == [('a', 1), ('b', 1), ('far', 1)]
    assert repr(sol.dist) == "{start: -1, 'a': 0.0, 'f': 1.0, 'b': 2.0, " \
        "'far': inf(inf=1, num=0.0)}"


def test_wait_inputs_data_node():
    dsp = sh.Dispatcher()
    dsp.add_data('m', default_value=100, wait_inputs=True,
                 function=lambda kw: sorted(kw.items(), key=str))
    dsp.add_function('from_u', lambda u: u + 1, ['u'], ['m'])
    dsp.add_function('from_t', lambda t: t * 3, ['t'], ['m'])
    sol = dsp.dispatch({'u': 1, 't': 2})
    assert repr(sol) == "Solution([('t', 2), ('u', 1), ('m', [('from_t', " \
                        "6), ('from_u', 2), (start, 100)])])"
    assert repr(sol.dist) == "{start: -1, 't': 0.0, 'u': 0.0, " \
        "'from_t': 1.0, 'from_u': 1.0, 'm': 2.0}"
    assert pipe_tasks(sol)[-1] == ('m', (2.0, (1, 'm', (-1, 0))))
    sol = dsp.dispatch({'u': 1})
    assert repr(sol) == "Solution([('u', 1)])"
    assert list(sol.workflow.pred['m']) == [START, 'from_u']
    assert 'm' not in sol.dist


def test_wait_inputs_function_receives_all_estimations():
    got = []
    dsp = sh.Dispatcher()
    dsp.add_data('m', default_value=100, wait_inputs=True,
                 function=lambda kw: got.append(kw) or 0)
    dsp.add_function('from_u', lambda u: u + 1, ['u'], ['m'])
    dsp.add_function('from_t', lambda t: t * 3, ['t'], ['m'])
    dsp.dispatch({'u': 1, 't': 2})
    assert list(got[0].items()) == [(START, 100), ('from_t', 6),
                                    ('from_u', 2)]


def test_wait_inputs_without_function_fails(caplog):
    dsp = sh.Dispatcher()
    dsp.add_data('b', wait_inputs=True)
    dsp.add_function('f', lambda a: a, ['a'], ['b'])
    sol = dsp.dispatch({'a': 1})
    assert list(sol.items()) == [('a', 1)]
    msg = "Failed DISPATCHING 'b' due to:\n  KeyError('function')"
    assert sol._errors == {'b': msg}
    assert [r.getMessage() for r in caplog.records] == [msg]
    assert 'b' in sol.dist and 'b' in sol._visited


def test_data_function_without_wait_receives_chosen_estimation():
    got = []
    dsp = sh.Dispatcher()
    dsp.add_data('c', function=lambda kw: got.append(kw) or sum(kw.values()))
    dsp.add_function('f', lambda a: a + 1, ['a'], ['c'])
    dsp.add_function('g', lambda a: a + 5, ['a'], ['c'], weight=1)
    sol = dsp.dispatch({'a': 1})
    assert got == [{'f': 2}] and sol['c'] == 2
    wattr = sol.workflow.nodes['c']
    assert set(wattr) == {'started', 'duration'}
    # Input value with a data function: {start: value}.
    got.clear()
    assert dsp.dispatch({'c': 7})['c'] == 7 and got == [{START: 7}]


def test_none_value_not_stored_but_propagated():
    dsp = sh.Dispatcher()
    dsp.add_data('b', function=lambda kw: NONE)
    dsp.add_function('f', lambda a: a, ['a'], ['b'])
    dsp.add_function('g', lambda *args: len(args), ['b', 'a'], ['c'])
    sol = dsp.dispatch({'a': 1})
    assert list(sol.items()) == [('a', 1), ('c', 1)]
    assert sol.workflow.succ['b'] == {'g': {'value': NONE}}


def test_plot_node_receives_solution():
    got = []
    dsp = sh.Dispatcher()
    # The node is added by hand: add_data(PLOT) installs plotting defaults.
    dsp.dmap.add_node(PLOT, type='data', wait_inputs=True, index=(99,),
                      function=lambda kw: got.append(kw) or 'plotted')
    dsp.add_function('f', lambda a: a, ['a'], [PLOT])
    sol = dsp.dispatch({'a': 1})
    assert sol[PLOT] == 'plotted'
    assert list(got[0]) == ['f', PLOT]
    assert got[0]['f'] == 1 and got[0][PLOT] == {'obj': sol}
    assert got[0][PLOT]['obj'] is sol
    assert list(sol.workflow.pred[PLOT]) == ['f']


def test_data_successors_only_if_first_not_visited():
    # A wildcard input is visited: a recomputed value is not propagated when
    # the first successor was visited already.
    dsp = sh.Dispatcher()
    dsp.add_function('up', lambda n: n + 1, ['n'], ['m'])
    dsp.add_function('down', lambda m: m * 10, ['m'], ['n'])
    sol = dsp.dispatch({'n': 1}, ['n'], wildcard=True)
    assert sol.workflow.succ['n'] == {'up': {'value': 1}}


# --- §7.5 function nodes -----------------------------------------------------
def test_function_outputs_pairing():
    dsp = sh.Dispatcher()
    dsp.add_function('two', lambda a: (a, NONE, a + 2), ['a'],
                     ['x', 'y', 'z'])
    dsp.add_function('short', lambda a: 'ab', ['a'], ['p', 'q', 'r'])
    dsp.add_function('one', lambda a: (a, a), ['a'], ['t'])
    sol = dsp.dispatch({'a': 1})
    assert list(sol.items()) == [('a', 1), ('p', 'a'), ('q', 'b'),
                                 ('t', (1, 1)), ('x', 1), ('z', 3)]
    assert ordered(sol.workflow.succ['two']) == [
        ('x', [('value', 1)]), ('z', [('value', 3)])]
    assert wf_attrs(sol)['two'] == {'results': (1, NONE, 3)}
    assert list(sol.workflow.succ['short']) == ['p', 'q']


def test_multi_output_non_iterable_raises_type_error():
    dsp = sh.Dispatcher()
    dsp.add_function('f', lambda a: 5, ['a'], ['x', 'y'])
    with pytest.raises(TypeError, match=r"^'int' object is not iterable$"):
        dsp.dispatch({'a': 1})
    assert dsp.solution.workflow.nodes['f']['results'] == 5


def test_function_not_needed_dropped():
    dsp = sh.Dispatcher()
    dsp.add_function('fast', lambda p: 'fast', ['p'], ['q'])
    dsp.add_function('slow', lambda p: 'slow', ['p'], ['q'], weight=5)
    sol = dsp.dispatch({'p': 0})
    assert 'slow' not in sol.workflow.nodes
    assert repr(sol.dist['slow']) == '6.0' and 'slow' in sol._visited
    assert list(sol.pipe)[-1] == 'slow'


def test_none_output_gives_no_edge():
    dsp = sh.Dispatcher()
    dsp.add_function('f', lambda a: NONE, ['a'], ['b'])
    dsp.add_function('g', lambda a: 'g', ['a'], ['b'], weight=3)
    sol = dsp.dispatch({'a': 1})
    assert list(sol.items()) == [('a', 1), ('b', 'g')]
    assert sol.workflow.succ['f'] == {}
    assert wf_attrs(sol)['f'] == {'results': NONE}


def test_none_arguments_dropped():
    dsp = sh.Dispatcher()
    dsp.add_function('f', lambda *a: a, ['a', 'b'], ['c'])
    sol = dsp.dispatch({'a': NONE, 'b': 2})
    assert list(sol.items()) == [('b', 2), ('c', (2,))]


def test_function_domain():
    calls = []
    dsp = sh.Dispatcher()
    dsp.add_function('sqrt', lambda v: v ** 0.5, ['v'], ['s'],
                     input_domain=lambda v: calls.append(v) or v >= 0)
    dsp.add_function('neg', lambda v: -v, ['v'], ['s'], weight=4)
    sol = dsp.dispatch({'v': -9})
    assert repr(sol) == "Solution([('v', -9), ('s', 9)])"
    assert repr(sol.dist) == "{start: -1, 'v': 0.0, 'sqrt': 1.0, " \
                             "'neg': 5.0, 's': 6.0}"
    assert wf_attrs(sol)['sqrt'] == {'solution_domain': False}
    assert set(sol.workflow.nodes['sqrt']) == {'solution_domain'}
    assert sol._errors == {} and calls == [-9]
    sol = dsp.dispatch({'v': 9})
    assert wf_attrs(sol)['sqrt'] == {'solution_domain': True, 'results': 3.0}


def test_function_domain_drops_none_and_errors_escape():
    got = []
    dsp = sh.Dispatcher()
    dsp.add_function('f', lambda *a: a, ['a', 'b'], ['c'],
                     input_domain=lambda *a: got.append(a) or True)
    dsp.dispatch({'a': NONE, 'b': 2})
    assert got == [(2,)]
    dsp.add_function('g', lambda a: a, ['a'], ['d'],
                     input_domain=lambda a: 1 / 0)
    with pytest.raises(ZeroDivisionError, match=r'^division by zero$'):
        dsp.dispatch({'a': 1, 'b': 2})


def test_no_domain_solution():
    dsp = sh.Dispatcher()
    dsp.add_function('f', lambda a: a, ['a'], ['b'],
                     input_domain=lambda a: False)
    sol = Solution(dsp, {'a': 1}, no_domain=True)
    sol._run()
    assert list(sol.items()) == [('a', 1), ('b', 1)]
    assert 'solution_domain' not in sol.workflow.nodes['f']


def test_wait_inputs_false_function_missing_input():
    dsp = sh.Dispatcher()
    dsp.add_function('f', lambda a, b: a + b, ['a', 'b'], ['c'],
                     wait_inputs=False)
    with pytest.raises(KeyError) as info:
        dsp.dispatch({'a': 1})
    assert "'f'" in str(info.value) and "'b'" in str(info.value)
    assert dsp.dispatch({'a': 1, 'b': 2})['c'] == 3


# --- §7.6 filters and callbacks ---------------------------------------------
def test_filters_and_callback():
    seen = []
    dsp = sh.Dispatcher()
    dsp.add_data('b', callback=seen.append, filters=[lambda v: v * 100])
    dsp.add_function('f', lambda a: a + 1, ['a'], ['b'],
                     filters=[lambda v: v + 0.5])
    sol = dsp.dispatch({'a': 1})
    assert repr(sol) == "Solution([('a', 1), ('b', 250.0)])"
    assert seen == [250.0]
    assert sol.workflow.succ['f'] == {'b': {'value': 2.5}}
    attrs = wf_attrs(sol)
    assert ordered(attrs['f']) == [('solution_filters', [2, 2.5]),
                                   ('results', 2.5)]
    assert attrs['b'] == {'solution_filters': [2.5, 250.0]}
    assert set(sol.workflow.nodes['b']) == {'started', 'duration',
                                            'solution_filters'}
    seen.clear()
    sol = dsp.dispatch({'b': 2})
    assert sol['b'] == 200 and seen == [200]
    assert sol.workflow.succ[START] == {'b': {'value': 2}}


def test_filters_chain_and_value_propagated():
    dsp = sh.Dispatcher()
    dsp.add_data('b', filters=[lambda v: v + 1, lambda v: v * 2])
    dsp.add_function('f', lambda b: b, ['b'], ['c'])
    sol = dsp.dispatch({'b': 1})
    assert list(sol.items()) == [('b', 4), ('c', 4)]
    assert sol.workflow.succ['b'] == {'f': {'value': 4}}
    assert sol.workflow.nodes['b']['solution_filters'] == [1, 2, 4]


def test_plain_data_node_has_no_timing():
    sol = inc_model().dispatch({'a': 1})
    assert sol.workflow.nodes['a'] == {} and sol.workflow.nodes['b'] == {}


def test_callback_receives_value_of_function_node():
    seen = []
    dsp = sh.Dispatcher()
    dsp.add_function('f', lambda a: a + 1, ['a'], ['b'], callback=seen.append)
    sol = dsp.dispatch({'a': 1})
    assert seen == [2] and sol['b'] == 2


# --- §19.3 functions without inputs, SINK --------------------------------------
def const_model():
    dsp = sh.Dispatcher()
    dsp.add_function('const', lambda: 7, outputs=['k'])
    dsp.add_function('use', lambda k: (k, -k), ['k'], ['pos', SINK])
    return dsp


def test_functions_without_inputs_and_sink():
    dsp = const_model()
    sol = dsp.dispatch()
    assert repr(sol) == "Solution([('k', 7), ('pos', 7), (sink, " \
                        "{'use': -7})])"
    assert repr(sol.dist) == "{start: 0.0, 'const': 1.0, 'k': 2.0, " \
                             "'use': 3.0, 'pos': 4.0, sink: 4.0}"
    assert ordered(sol.workflow.succ) == ordered({
        START: {START: {'value': NONE}, 'const': {'value': NONE}},
        'const': {'k': {'value': 7}}, 'k': {'use': {'value': 7}},
        'use': {'pos': {'value': 7}, SINK: {'value': -7}}, 'pos': {},
        SINK: {}})
    assert START not in sol
    assert pipe_tasks(sol)[:2] == [
        (START, (0.0, (False, 'start', (-1, 0)))),
        ('const', (1.0, (1, 'const', (-1, 1))))]
    assert sol.workflow.nodes[START] == {'type': 'start'}
    assert repr(dsp.dispatch(no_call=True)) == \
        "Solution([(start, none), ('k', none), ('pos', none), " \
        "(sink, none)])"


def test_function_without_inputs_not_needed():
    dsp = const_model()
    sol = dsp.dispatch({'k': 1})
    assert list(sol.items()) == [('k', 1), ('pos', 1),
                                 (SINK, {'use': -1})]
    assert 'const' not in sol.workflow.nodes
    assert list(sol.workflow.succ[START]) == ['k', START]
    assert repr(sol.dist) == "{start: 0.0, 'k': 0.0, 'const': 1.0, " \
                             "'use': 1.0, 'pos': 2.0, sink: 2.0}"


# --- §14 orders -----------------------------------------------------------------
def test_workflow_node_creation_order():
    sol = diamond().dispatch({'x': 3})
    assert list(sol.workflow.nodes) == [START, 'x', 'inc', 'dbl', 'z', 'y',
                                        'add', 'w']
    assert list(sol.workflow.edges) == [
        (START, 'x'), ('x', 'inc'), ('x', 'dbl'), ('inc', 'y'), ('dbl', 'z'),
        ('z', 'add'), ('y', 'add'), ('add', 'w')]


def test_dist_holds_failed_and_dropped_nodes():
    dsp = sh.Dispatcher()
    dsp.add_function('bad', lambda a: 1 / 0, ['a'], ['b'])
    dsp.add_data('c', function=lambda kw: 1 / 0)
    dsp.add_function('f', lambda a: a, ['a'], ['c'])
    sol = dsp.dispatch({'a': 1})
    assert list(sol.items()) == [('a', 1)]
    assert repr(sol.dist) == "{start: -1, 'a': 0.0, 'bad': 1.0, 'f': 1.0, " \
                             "'c': 2.0}"
    assert list(sol._errors) == ['bad', 'c']
