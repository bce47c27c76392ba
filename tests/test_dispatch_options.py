# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""
Dispatch options (spec 02 §8, §9, §10, §12, §19.2): wait_inputs and the
`_wait_in` override, outputs (pruning, early stop), weights, cutoff,
wildcard, no_call, rm_unused_nds, alternatives, failures, cycles, shrink.
"""
import pytest

import schedula as sh
from schedula import START, NONE

TIMING = ('started', 'duration')


def ordered(obj):
    """Nested dicts as nested lists of items: comparisons check the order."""
    if isinstance(obj, dict):
        return [(k, ordered(v)) for k, v in obj.items()]
    return obj


def wf_attrs(sol):
    """Workflow node attributes without the timing entries."""
    return {k: {a: v for a, v in attr.items() if a not in TIMING}
            for k, attr in sol.workflow.nodes.items()}


def model_19_2():
    """Spec §9.4/§19.2 model."""
    dsp = sh.Dispatcher(name='outputs')
    dsp.add_data('k', default_value=10)
    dsp.add_data('unrelated', default_value=-1)
    dsp.add_function('f', lambda a: a + 1, ['a'], ['b'])
    dsp.add_function('g', lambda b: b * 2, ['b'], ['c'])
    dsp.add_function('h', lambda a, k: a + k, ['a', 'k'], ['d'])
    dsp.add_function('late', lambda a: 'late', ['a'], ['c'], weight=30)
    dsp.add_function('u', lambda x: x, ['unrelated'], ['e'])
    return dsp


# --- §8 waiting for inputs ------------------------------------------------------
def test_function_waits_for_all_inputs():
    dsp = sh.Dispatcher()
    dsp.add_function('f', lambda a, b: a + b, ['a', 'b'], ['c'])
    sol = dsp.dispatch({'a': 1})
    assert list(sol.items()) == [('a', 1)]
    assert ordered(sol.workflow.succ) == [
        (START, [('a', [('value', 1)])]), ('a', [('f', [('value', 1)])]),
        ('f', [])]
    assert 'f' not in sol.dist and 'f' not in sol.seen
    assert repr(sol._meet['f']) == '1.0'


def test_wait_in_override_data_node():
    dsp = sh.Dispatcher()
    dsp.add_function('f1', lambda a: 'f1', ['a'], ['c'])
    dsp.add_function('f2', lambda b: 'f2', ['b'], ['c'])
    # c waits for both producers although it does not wait by itself; the
    # override also disables the choice of the best estimation.
    sol = dsp.dispatch({'a': 0, 'b': 0}, inputs_dist={'b': 3},
                       _wait_in={'c': True})
    assert sol['c'] == 'f1'
    assert list(sol.workflow.pred['c']) == ['f1', 'f2']
    assert repr(sol.dist['c']) == '5.0'
    assert sol._wait_in == {'c': True}
    sol = dsp.dispatch({'a': 0}, _wait_in={'c': True})
    assert 'c' not in sol
    # A waiting data node can be released by the override.
    dsp.add_data('m', wait_inputs=True, function=lambda kw: sorted(kw))
    dsp.add_function('g1', lambda a: 1, ['a'], ['m'])
    dsp.add_function('g2', lambda b: 2, ['b'], ['m'])
    sol = dsp.dispatch({'a': 0}, _wait_in={'m': False})
    assert sol['m'] == ['g1']


def test_sol_wait_in_default():
    sol = sh.Dispatcher().dispatch()
    assert sol._wait_in == {}


# --- §9.1 outputs: early stop ---------------------------------------------------
def test_early_stop():
    dsp = sh.Dispatcher()
    dsp.add_function('f', lambda a: a + 1, ['a'], ['b'])
    dsp.add_function('direct', lambda a: 'direct', ['a'], ['c'])
    dsp.add_function('g', lambda b: b + 1, ['b'], ['c'])
    sol = dsp.dispatch({'a': 1}, ['b', 'c'])
    assert list(sol.items()) == [('a', 1), ('b', 2), ('c', 'direct')]
    assert repr(sol.dist) == "{start: -1, 'a': 0.0, 'direct': 1.0, " \
                             "'f': 1.0, 'b': 2.0, 'c': 2.0}"
    # The successors of a target stay as in-edge-only nodes.
    assert ordered(sol.workflow.succ['b']) == [('g', [('value', 2)])]
    assert sol.workflow.succ['g'] == {} and 'g' not in sol.dist
    assert repr(sol.seen['g']) == '3.0'
    assert sol.outputs == {'b', 'c'}
    assert sol.fringe is None


def test_failed_target_not_ticked_off():
    dsp = sh.Dispatcher(raises='')
    dsp.add_function('bad', lambda a: 1 / 0, ['a'], ['b'])
    dsp.add_function('f', lambda a: a, ['a'], ['c'], weight=5)
    dsp.add_data('d', function=lambda kw: 1 / 0)
    dsp.add_function('g', lambda a: a, ['a'], ['d'])
    sol = dsp.dispatch({'a': 1}, ['d', 'c'])
    assert list(sol.items()) == [('a', 1), ('c', 1)]
    # bad cannot reach a target: pruned away.
    assert list(sol.dist) == [START, 'a', 'g', 'd', 'f', 'c']
    assert list(sol._errors) == ['d']


def test_solution_not_filtered_by_outputs():
    dsp = sh.Dispatcher()
    dsp.add_function('f', lambda a: (a, a + 1), ['a'], ['b', 'c'])
    sol = dsp.dispatch({'a': 1}, ['b'])
    # c was pruned away: f does not produce it.
    assert list(sol.items()) == [('a', 1), ('b', 1)]
    assert sol.workflow.succ['f'] == {'b': {'value': 1}}
    dsp = sh.Dispatcher()
    dsp.add_function('f', lambda a: a + 1, ['a'], ['b'])
    dsp.add_function('g', lambda b: b + 1, ['b'], ['c'])
    sol = dsp.dispatch({'a': 1}, ['c'])
    assert list(sol.items()) == [('a', 1), ('b', 2), ('c', 3)]


# --- §9.2 output pruning and §19.2 -------------------------------------------
def test_outputs_pruning_19_2():
    dsp = model_19_2()
    sol = dsp.dispatch({'a': 1, 'zz': 0, 'unrelated': 5}, ['c', 'd'])
    assert repr(sol) == "Solution([('unrelated', 5), ('zz', 0), ('a', 1), " \
                        "('k', 10), ('b', 2), ('d', 11), ('c', 4)])"
    assert repr(sol.dist) == "{start: -1, 'a': 0.0, 'k': 0.0, 'f': 1.0, " \
        "'h': 1.0, 'b': 2.0, 'd': 2.0, 'g': 3.0, 'c': 4.0}"
    assert ordered(sol.workflow.succ) == ordered({
        START: {'a': {'value': 1}, 'k': {'value': 10}},
        'a': {'late': {'value': 1}, 'h': {'value': 1}, 'f': {'value': 1}},
        'k': {'h': {'value': 10}}, 'late': {}, 'h': {'d': {'value': 11}},
        'f': {'b': {'value': 2}}, 'b': {'g': {'value': 2}}, 'd': {},
        'g': {'c': {'value': 4}}, 'c': {}})
    assert sorted(sol.dsp.nodes) == ['a', 'b', 'c', 'd', 'f', 'g', 'h', 'k',
                                     'late']
    assert sol.dsp is not dsp and dsp.solution is sol
    assert list(sol.dsp.default_values) == ['k']
    assert list(sol.inputs.items()) == [('k', 10), ('a', 1), ('zz', 0),
                                        ('unrelated', 5)]


def test_outputs_pruning_rm_unused_nds():
    dsp = model_19_2()
    sol = dsp.dispatch({'a': 1, 'zz': 0, 'unrelated': 5}, ['c', 'd'],
                       rm_unused_nds=True)
    assert ordered(sol.workflow.succ) == ordered({
        START: {'a': {'value': 1}, 'k': {'value': 10}},
        'a': {'h': {'value': 1}, 'f': {'value': 1}},
        'k': {'h': {'value': 10}}, 'h': {'d': {'value': 11}},
        'f': {'b': {'value': 2}}, 'b': {'g': {'value': 2}}, 'd': {},
        'g': {'c': {'value': 4}}, 'c': {}})
    assert list(sol.items()) == [('unrelated', 5), ('zz', 0), ('a', 1),
                                 ('k', 10), ('b', 2), ('d', 11), ('c', 4)]


def test_no_outputs_19_2():
    sol = model_19_2().dispatch({'a': 1})
    assert repr(sol) == "Solution([('a', 1), ('k', 10), ('unrelated', -1), " \
                        "('b', 2), ('d', 11), ('e', -1), ('c', 4)])"


def test_output_that_is_an_input_blocks():
    dsp = model_19_2()
    sol = dsp.dispatch({'a': 1, 'b': 5}, ['b'])
    assert list(sol.items()) == [('a', 1), ('b', 5)]
    assert list(sol.dsp.nodes) == ['b']
    assert repr(sol.dist) == "{start: -1, 'b': 0.0}"


def test_unknown_outputs_give_empty_pruned_dispatcher():
    dsp = model_19_2()
    sol = dsp.dispatch({'a': 1, 'zz': 2}, ['nothere'])
    assert list(sol.items()) == [('a', 1), ('zz', 2)]
    assert repr(sol.dist) == '{start: -1}'
    assert list(sol.dsp.nodes) == []
    assert list(sol.workflow.nodes) == [START]


def test_pruned_defaults_not_used():
    dsp = model_19_2()
    sol = dsp.dispatch({'a': 1}, ['b'])
    assert list(sol.items()) == [('a', 1), ('b', 2)]
    assert sol.inputs == {'a': 1} and sol.inputs_dist == {}


# --- §9.3 weights -------------------------------------------------------------
def test_weights():
    dsp = sh.Dispatcher()
    dsp.add_data('c', weight=7)
    dsp.add_function('f', lambda a: a, ['a'], ['c'], out_weight={'c': 3},
                     weight=2)
    sol = dsp.dispatch({'a': 1})
    assert repr(sol.dist) == "{start: -1, 'a': 0.0, 'f': 3.0, 'c': 13.0}"


def test_custom_edge_length():
    class Dsp(sh.Dispatcher):
        def _edge_length(self, edge, node):
            return 10

    dsp = Dsp()
    dsp.add_function('f', lambda a: a, ['a'], ['c'])
    sol = dsp.dispatch({'a': 1})
    assert repr(sol.dist) == "{start: -1, 'a': 0.0, 'f': 10.0, 'c': 20.0}"
    assert sol._edge_length == dsp._edge_length


# --- §9.4 cutoff --------------------------------------------------------------
def test_cutoff_1():
    dsp = model_19_2()
    sol = dsp.dispatch({'a': 1}, cutoff=1)
    assert repr(sol) == "Solution([('a', 1), ('k', 10), ('unrelated', -1)])"
    assert repr(sol.dist) == "{start: -1, 'a': 0.0, 'k': 0.0, " \
        "'unrelated': 0.0, 'f': 1.0, 'h': 1.0, 'u': 1.0}"
    succ = sol.workflow.succ
    assert succ['f'] == {} and succ['h'] == {} and succ['u'] == {}
    attrs = wf_attrs(sol)
    assert (attrs['f'], attrs['h'], attrs['u']) == (
        {'results': 2}, {'results': 11}, {'results': -1})
    assert not {'b', 'd', 'e', 'c'} & set(sol.workflow.nodes)
    # late (distance 31) is beyond the cutoff: its edge was removed.
    assert 'late' not in sol.workflow.nodes


def test_cutoff_2():
    sol = model_19_2().dispatch({'a': 1}, cutoff=2)
    assert repr(sol) == "Solution([('a', 1), ('k', 10), ('unrelated', -1), " \
                        "('b', 2), ('d', 11), ('e', -1)])"
    assert 'g' not in sol.workflow.nodes


def test_cutoff_negative():
    dsp = sh.Dispatcher()
    dsp.add_function('f', lambda a: a, ['a'], ['b'])
    sol = dsp.dispatch({'a': 1}, cutoff=-1)
    assert repr(sol) == 'Solution()'
    assert list(sol.workflow.nodes) == [START]
    assert sol.workflow.succ == {START: {}}
    assert repr(sol._meet) == "{start: -1, 'a': 0.0}"


def test_cutoff_input_with_distance():
    dsp = sh.Dispatcher()
    dsp.add_function('f', lambda a, b: a, ['a', 'b'], ['c'])
    sol = dsp.dispatch({'a': 1, 'b': 2}, cutoff=3, inputs_dist={'b': 4})
    assert list(sol.items()) == [('a', 1)]
    assert list(sol.workflow.succ[START]) == ['a']
    assert list(sol.workflow.succ['a']) == ['f']


# --- §9.5 wildcard -----------------------------------------------------------
def cycle_model():
    dsp = sh.Dispatcher()
    dsp.add_function('up', lambda n: n + 1, ['n'], ['m'])
    dsp.add_function('down', lambda m: m * 10, ['m'], ['n'])
    return dsp


def test_wildcard():
    dsp = cycle_model()
    sol = dsp.dispatch({'n': 1}, ['n'], wildcard=True)
    assert repr(sol) == "Solution([('m', 2), ('n', 20)])"
    assert repr(sol.dist) == "{start: -1, 'up': 1.0, 'm': 2.0, " \
                             "'down': 3.0, 'n': 4.0}"
    assert ordered(sol.workflow.succ) == ordered({
        START: {'n': {'value': 1}}, 'n': {'up': {'value': 1}},
        'up': {'m': {'value': 2}}, 'm': {'down': {'value': 2}},
        'down': {'n': {'value': 20}}})
    assert sol._wildcards == {'n'}
    assert 'n' in sol._visited
    assert [v['task'][:2] for v in sol.pipe.values()][0] == \
        (1.0, (True, 'up', (-1, 0)))


def test_no_wildcard():
    sol = cycle_model().dispatch({'n': 1}, ['n'])
    assert repr(sol) == "Solution([('n', 1)])"
    assert repr(sol.dist) == "{start: -1, 'n': 0.0}"
    assert ordered(sol.workflow.succ) == [
        (START, [('n', [('value', 1)])]), ('n', [])]
    assert sol._wildcards == set()


def test_wildcard_needs_inputs_and_outputs():
    dsp = cycle_model()
    sol = dsp.dispatch({'n': 1}, wildcard=True)
    assert sol._wildcards == set()
    assert list(sol.items()) == [('n', 1), ('m', 2)]


def test_wildcard_disabled_on_node():
    dsp = cycle_model()
    dsp.nodes['n']['wildcard'] = False
    sol = dsp.dispatch({'n': 1}, ['n'], wildcard=True)
    assert repr(sol) == "Solution([('n', 1)])"
    assert sol._wildcards == set()
    # Pruning still treats n as non-blocking.
    assert ordered(sol.workflow.succ) == [
        (START, [('n', [('value', 1)])]), ('n', [('up', [('value', 1)])]),
        ('up', [])]


def test_wildcard_candidate_not_a_node():
    dsp = cycle_model()
    first = dsp.solution
    with pytest.raises(KeyError, match=r"Wildcard input 'zz' is not a node "
                                       r"of the dispatcher ''\."):
        dsp.dispatch({'zz': 1, 'n': 1}, ['zz'], wildcard=True)
    assert dsp.solution is first


def test_wildcard_through_wait_in_override():
    dsp = cycle_model()
    sol = dsp.dispatch({'n': 1}, ['m'], wildcard=True, _wait_in={'n': True})
    assert sol._wildcards == {'n'}
    assert 'n' not in sol and list(sol.items()) == [('m', 2)]


def test_wildcard_cutoff_and_waiting_successor():
    dsp = sh.Dispatcher()
    dsp.add_function('near', lambda n: n + 1, ['n'], ['m'])
    dsp.add_function('far', lambda n: 'far', ['n'], ['m2'], weight=5)
    dsp.add_function('both', lambda n, k: n + k, ['n', 'k'], ['y'])
    dsp.add_function('back', lambda m: m, ['m'], ['n'])
    dsp.add_function('back2', lambda m: m, ['m2'], ['n'])
    dsp.add_function('back3', lambda m: m, ['y'], ['n'])
    sol = dsp.dispatch({'n': 1}, ['n'], wildcard=True, cutoff=4)
    assert list(sol.items()) == [('m', 2), ('n', 2)]
    # far is beyond the cutoff (removed); both waits for k (not scheduled).
    assert ordered(sol.workflow.succ['n']) == [
        ('near', [('value', 1)]), ('both', [('value', 1)])]
    assert 'far' not in sol.workflow.nodes
    assert repr(sol._meet) == "{start: -1, 'near': 1.0, 'far': 6.0, " \
        "'both': 1.0, 'm': 2.0, 'back': 3.0, 'n': 4.0}"
    assert repr(sol.seen) == "{start: -1, 'near': 1.0, 'm': 2.0, " \
        "'back': 3.0, 'n': 4.0}"
    assert list(sol.workflow.pred['n']) == [START, 'back']
    sol = dsp.dispatch({'n': 1}, ['n'], wildcard=True, cutoff=3)
    assert list(sol.items()) == [('m', 2)]
    assert list(sol.workflow.pred['n']) == [START]


# --- §9.6 no_call -------------------------------------------------------------
def test_no_call():
    dsp = model_19_2()
    sol = dsp.dispatch(['a', 'zz'], no_call=True)
    assert repr(sol) == "Solution([('zz', None), ('a', none), ('k', none), " \
        "('unrelated', none), ('b', none), ('d', none), ('e', none), " \
        "('c', none)])"
    assert repr(sol.dist) == "{start: -1, 'a': 0.0, 'k': 0.0, " \
        "'unrelated': 0.0, 'f': 1.0, 'h': 1.0, 'u': 1.0, 'b': 2.0, " \
        "'d': 2.0, 'e': 2.0, 'g': 3.0, 'c': 4.0, 'late': 31.0}"
    assert 'late' not in sol.workflow.nodes
    assert list(sol.inputs.items()) == [
        ('k', NONE), ('unrelated', NONE), ('a', NONE), ('zz', NONE)]
    assert repr(sol.inputs_dist) == "{'k': 0.0, 'unrelated': 0.0}"
    assert sol.workflow.succ[START] == {'a': {}, 'k': {}, 'unrelated': {}}
    assert ordered(sol.workflow.succ['a']) == [('f', []), ('h', [])]
    assert sol.workflow.succ['f'] == {'b': {}}
    for k in ('f', 'g', 'h', 'u'):
        assert sol.workflow.nodes[k] == {}


def test_no_call_dict_inputs_and_outputs():
    dsp = model_19_2()
    sol = dsp.dispatch({'a': 5}, ['b'], no_call=True)
    # No pruning with no_call; outputs still stop the run.
    assert sol.dsp is dsp
    assert list(sol.items()) == [('a', NONE), ('k', NONE),
                                 ('unrelated', NONE), ('b', NONE)]


def test_no_call_ignores_domains_and_data_functions():
    called = []
    dsp = sh.Dispatcher()
    dsp.add_data('b', function=lambda kw: called.append('b'),
                 callback=called.append, filters=[called.append])
    dsp.add_function('f', called.append, ['a'], ['b'],
                     input_domain=lambda a: called.append('dom'))
    sol = dsp.dispatch(['a'], no_call=True)
    assert called == []
    assert list(sol.items()) == [('a', NONE), ('b', NONE)]
    assert sol.workflow.succ['f'] == {'b': {}}


# --- §9.7 rm_unused_nds -------------------------------------------------------
def test_rm_unused_nds():
    dsp = sh.Dispatcher()
    dsp.add_function('f', lambda a, b: a, ['a', 'b'], ['c'])
    dsp.add_function('bad', lambda a: 1 / 0, ['a'], ['d'])
    dsp.add_function('g', lambda a: a, ['a'], ['e'])
    sol = dsp.dispatch({'a': 1}, rm_unused_nds=True)
    assert list(sol.workflow.nodes) == [START, 'a', 'bad', 'g', 'e']
    assert sol._errors.keys() == {'bad'}
    sol = dsp.dispatch({'a': 1})
    assert list(sol.workflow.nodes) == [START, 'a', 'f', 'bad', 'g', 'e']


# --- §10 alternatives, failures, cycles ----------------------------------------
def explode(p):
    raise ValueError('no way')


def test_failure_and_alternative(caplog):
    dsp = sh.Dispatcher()
    dsp.add_function('explode', explode, ['p'], ['q'])
    dsp.add_function('backup', lambda p: p * 10, ['p'], ['q'], weight=3)
    sol = dsp.dispatch({'p': 2})
    assert repr(sol) == "Solution([('p', 2), ('q', 20)])"
    assert repr(sol.dist) == "{start: -1, 'p': 0.0, 'explode': 1.0, " \
                             "'backup': 4.0, 'q': 5.0}"
    assert ordered(sol.workflow.succ) == ordered({
        START: {'p': {'value': 2}},
        'p': {'explode': {'value': 2}, 'backup': {'value': 2}},
        'explode': {}, 'backup': {'q': {'value': 20}}, 'q': {}})
    msg = "Failed DISPATCHING 'explode' due to:\n  ValueError('no way')"
    assert sol._errors == {'explode': msg}
    assert [(r.name, r.levelname, r.getMessage()) for r in caplog.records] \
        == [('schedula.utils.sol', 'ERROR', msg)]
    assert caplog.records[0].exc_info[0] is ValueError
    assert set(sol.workflow.nodes['explode']) == {'started', 'duration'}


def test_weighted_alternatives():
    dsp = sh.Dispatcher()
    dsp.add_function('slow', lambda p: 'slow', ['p'], ['q'], weight=5)
    dsp.add_function('fast', lambda p: 'fast', ['p'], ['q'])
    dsp.add_function('beta', lambda p: 'beta', ['p'], ['r'])
    dsp.add_function('alpha', lambda p: 'alpha', ['p'], ['r'])
    sol = dsp.dispatch({'p': 0})
    assert repr(sol) == "Solution([('p', 0), ('q', 'fast'), ('r', 'alpha')])"
    assert repr(sol.dist) == "{start: -1, 'p': 0.0, 'alpha': 1.0, " \
        "'beta': 1.0, 'fast': 1.0, 'q': 2.0, 'r': 2.0, 'slow': 6.0}"
    assert sol.workflow.succ['beta'] == {}
    assert wf_attrs(sol)['beta'] == {'results': 'beta'}
    assert 'slow' not in sol.workflow.nodes
    assert list(sol.workflow.succ['p']) == ['fast', 'beta', 'alpha']


def test_cycle_visits_each_node_once():
    dsp = cycle_model()
    sol = dsp.dispatch({'n': 1})
    assert list(sol.items()) == [('n', 1), ('m', 2)]
    assert repr(sol.dist) == "{start: -1, 'n': 0.0, 'up': 1.0, 'm': 2.0, " \
                             "'down': 3.0}"
    assert 'down' not in sol.workflow.nodes
    assert list(sol.pipe) == ['n', 'up', 'm', 'down']


# --- §12 shrink ------------------------------------------------------------------
def shrink_model():
    dsp = sh.Dispatcher()
    dsp.add_function('f1', lambda a, b: a + b, ['a', 'b'], ['c'])
    dsp.add_function('f2', lambda c: c * 2, ['c'], ['d'])
    dsp.add_function('f3', lambda b: -b, ['b'], ['e'])
    dsp.add_function('f4', lambda a: 'never', ['x'], ['d'])
    return dsp


def test_shrink_same_results():
    dsp = shrink_model()
    sol = dsp.dispatch({'a': 1, 'b': 2}, ['d'], shrink=True)
    assert dsp.solution is sol
    ref = dsp.dispatch({'a': 1, 'b': 2}, ['d'])
    assert list(sol.items()) == list(ref.items()) == [
        ('a', 1), ('b', 2), ('c', 3), ('d', 6)]
    assert 'f4' in ref.dsp.nodes and 'f4' not in sol.dsp.nodes
    assert sorted(sol.dsp.nodes) == ['a', 'b', 'c', 'd', 'f1', 'f2']
    assert sol.dsp is not dsp


def test_shrink_without_outputs():
    dsp = shrink_model()
    sol = dsp.dispatch({'a': 1, 'b': 2}, shrink=True)
    assert list(sol.items()) == [('a', 1), ('b', 2), ('c', 3), ('e', -2),
                                 ('d', 6)]
    assert 'f4' not in sol.dsp.nodes


def test_shrink_without_inputs_and_outputs():
    dsp = sh.Dispatcher()
    dsp.add_data('a', default_value=1)
    dsp.add_function('f', lambda a: a, ['a'], ['b'])
    assert repr(dsp.dispatch(shrink=True)) == 'Solution()'
    assert list(dsp.dispatch(shrink=True).dsp.nodes) == []


def test_shrink_ignored_with_no_call():
    dsp = shrink_model()
    sol = dsp.dispatch(['a', 'b'], ['d'], shrink=True, no_call=True)
    assert sol.dsp is dsp


def test_shrink_with_wait_inputs():
    dsp = sh.Dispatcher()
    dsp.add_data('m', wait_inputs=True, function=lambda kw: sum(kw.values()))
    dsp.add_function('p1', lambda a: a, ['a'], ['m'])
    dsp.add_function('p2', lambda b: b, ['b'], ['m'])
    dsp.add_function('use', lambda m: m * 2, ['m'], ['n'])
    sol = dsp.dispatch({'a': 1, 'b': 2}, ['n'], shrink=True)
    assert list(sol.items()) == [('a', 1), ('b', 2), ('m', 3), ('n', 6)]


def test_no_call_multiple_outputs():
    dsp = sh.Dispatcher()
    dsp.add_function('f', lambda a: (a, a), ['a'], ['b', 'c'])
    dsp.add_function('g', lambda a: a, ['a'], ['c'], weight=5)
    sol = dsp.dispatch(['a'], no_call=True)
    assert set(sol.workflow.succ['f']) == {'b', 'c'}
    assert all(v == {} for v in sol.workflow.succ['f'].values())
    assert set(sol) == {'a', 'b', 'c'}
    assert 'g' not in sol.workflow.nodes and 'g' in sol.dist


def test_inf_weights_order_the_dispatch():
    # An `inf` edge weight adds to both parts of the distance.
    d = sh.Dispatcher()
    d.add_data('c', 'C', initial_dist=sh.inf(1, 0))
    d.add_function('f', lambda a: 'B', ['a'], ['b'], out_weight={'b': sh.inf(2, 0)})
    d.add_function('g', lambda b: 'from b', ['b'], ['x'])
    d.add_function('h', lambda c: 'from c', ['c'], ['x'])
    sol = d.dispatch({'a': 1})
    assert sol['x'] == 'from c'
    assert tuple(sol.dist['b']) == (2, 1.0) and tuple(sol.dist['x']) == (1, 2.0)
    assert list(sol) == ['a', 'c', 'x', 'b']


def test_check_cutoff_accepts_numbers_and_distances():
    from schedula.utils.sol import Solution
    sol = Solution(cutoff=2)
    assert (sol.check_cutoff(3), sol.check_cutoff(2), sol.check_cutoff(sh.inf(1, 0))) == (True, False, True)
