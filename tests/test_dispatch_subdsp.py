# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""
Sub-dispatcher nodes run as nested solutions on the shared heap (spec 02
§11, §5.3, §7.1, §9.4, §19.6): feeding, child creation, defaults, closing,
remote links, domains, identification, and SubDispatch functions.
"""
import functools
import threading

import pytest

import schedula as sh
from schedula import START, NONE
from schedula.utils.exc import DispatcherAbort
from schedula.utils.sol import Solution

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


def pipe_tasks(sol):
    """The pipe as ``[(key, (distance, heap key)), ...]``."""
    return [(k, (v['task'][0], v['task'][1])) for k, v in sol.pipe.items()]


def model_11_6():
    inner = sh.Dispatcher(name='inner')
    inner.add_data('factor', default_value=3)
    inner.add_function('scale', lambda x, factor: x * factor,
                       ['x', 'factor'], ['y'])
    inner.add_function('flip', lambda y: -y, ['y'], ['z'])
    outer = sh.Dispatcher(name='outer')
    outer.add_function('prep', lambda a: a + 1, ['a'], ['b'])
    outer.add_dispatcher(inner, {'b': 'x'}, {'y': 'c', 'z': 'd'},
                         dsp_id='INNER')
    outer.add_function('join', lambda c, d: (c, d), ['c', 'd'], ['e'])
    return outer, inner


# --- §11.6 verified example ----------------------------------------------------
def test_example_11_6_parent():
    outer, inner = model_11_6()
    sol = outer.dispatch({'a': 1})
    assert repr(sol) == "Solution([('a', 1), ('b', 2), ('c', 6), " \
                        "('d', -6), ('e', (6, -6))])"
    assert repr(sol.dist) == "{start: -1, 'a': 0.0, 'prep': 1.0, " \
        "'b': 2.0, 'INNER': 2.0, 'c': 4.0, 'd': 6.0, 'join': 7.0, 'e': 8.0}"
    child = sol.sub_sol[(-1, 3)]
    assert ordered(sol.workflow.succ) == ordered({
        START: {'a': {'value': 1}}, 'a': {'prep': {'value': 1}},
        'prep': {'b': {'value': 2}}, 'b': {'INNER': {'value': 2}},
        'INNER': {'c': {'value': 6}, 'd': {'value': -6}},
        'c': {'join': {'value': 6}}, 'join': {'e': {'value': (6, -6)}},
        'd': {'join': {'value': -6}}, 'e': {}})
    assert wf_attrs(sol)['INNER'] == {'solution': child}
    assert sol.workflow.nodes['INNER']['solution'] is child
    assert 'INNER' not in sol._visited
    assert 'INNER' not in [k for k in sol.pipe]
    assert list(sol.sub_sol) == [(-1,), (-1, 3)]
    assert sol.get_node('INNER') == (child, ('INNER',))
    assert sol.get_node('INNER', 'y') == (6, ('INNER', 'y'))
    assert inner.solution == {} and inner.solution is not child


def test_example_11_6_child():
    outer, inner = model_11_6()
    sol = outer.dispatch({'a': 1})
    child = sol.sub_sol[(-1, 3)]
    assert child.index == (-1, 3) and child.full_name == ('INNER',)
    assert child.inputs == {'factor': 3} and child.outputs == {'y', 'z'}
    assert repr(child) == "Solution([('x', 2), ('factor', 3), ('y', 6), " \
                          "('z', -6)])"
    assert repr(child.dist) == "{start: -1, 'x': 2.0, 'factor': 2.0, " \
        "'scale': 3.0, 'y': 4.0, 'flip': 5.0, 'z': 6.0}"
    assert ordered(child.workflow.succ) == ordered({
        START: {'factor': {'value': 3}, 'x': {'value': 2}},
        'factor': {'scale': {'value': 3}}, 'x': {'scale': {'value': 2}},
        'scale': {'y': {'value': 6}}, 'y': {'flip': {'value': 6}},
        'flip': {'z': {'value': -6}}, 'z': {}})
    assert repr(child.seen['factor']) == '0.0'
    assert repr(child._meet['factor']) == '0.0'
    assert child.sub_sol is sol.sub_sol
    assert child.dsp is inner and child.parent is inner
    assert child._pipe == [] and list(child.pipe) == []
    assert child._errors == {} and child._wildcards == set()
    # The child keeps its stale seeding list.
    assert [e[1:] for e in child.fringe] == [
        ((False, 'factor', (-1, 3, 0)), ('factor', child))]
    assert sol.fringe is None


def test_example_11_6_pipe():
    outer, _ = model_11_6()
    sol = outer.dispatch({'a': 1})
    assert list(sol.pipe) == [
        'a', 'prep', 'b', ('INNER', 'x'), ('INNER', 'factor'),
        ('INNER', 'scale'), ('INNER', 'y'), 'c', ('INNER', 'flip'),
        ('INNER', 'z'), 'd', 'join', 'e']
    assert pipe_tasks(sol) == [
        ('a', (0.0, (False, 'a', (-1, 1)))),
        ('prep', (1.0, (1, 'prep', (-1, 0)))),
        ('b', (2.0, (0, 'b', (-1, 2)))),
        (('INNER', 'x'), (2.0, (False, 'x', (-1, 3, 2)))),
        (('INNER', 'factor'), (2.0, (2, 'factor', (-1, 3, 0)))),
        (('INNER', 'scale'), (3.0, (1, 'scale', (-1, 3, 1)))),
        (('INNER', 'y'), (4.0, (0, 'y', (-1, 3, 3)))),
        ('c', (4.0, (2, 'c', (-1, 4)))),
        (('INNER', 'flip'), (5.0, (1, 'flip', (-1, 3, 4)))),
        (('INNER', 'z'), (6.0, (0, 'z', (-1, 3, 5)))),
        ('d', (6.0, (2, 'd', (-1, 5)))),
        ('join', (7.0, (1, 'join', (-1, 6)))),
        ('e', (8.0, (0, 'e', (-1, 7))))]
    child = sol.sub_sol[(-1, 3)]
    assert sol.pipe[('INNER', 'x')]['task'][2] == ('x', child)
    assert sol.pipe[('INNER', 'x')]['task'][2][1] is child


def test_sol_name_prefixes_pipe_and_full_name():
    outer, _ = model_11_6()
    sol = outer.dispatch({'a': 1}, sol_name=('ROOT',))
    assert sol.full_name == ('ROOT',)
    assert sol.sub_sol[(-1, 3)].full_name == ('ROOT', 'INNER')
    assert list(sol.pipe)[:4] == [('ROOT', 'a'), ('ROOT', 'prep'),
                                  ('ROOT', 'b'), ('ROOT', 'INNER', 'x')]


def test_outputs_pruning_prunes_child():
    outer, inner = model_11_6()
    sol = outer.dispatch({'a': 1}, ['c'])
    assert list(sol.items()) == [('a', 1), ('b', 2), ('c', 6)]
    child = sol.sub_sol[(-1, 3)]
    assert child.dsp is not inner
    assert sorted(child.dsp.nodes) == ['factor', 'scale', 'x', 'y']
    assert list(child.items()) == [('x', 2), ('factor', 3), ('y', 6)]
    assert child.outputs == {'y'}
    # The pruned copy shares the attribute dicts, except sub-dispatchers'.
    assert sol.dsp.nodes['INNER'] is not outer.nodes['INNER']
    assert sol.dsp.nodes['INNER']['function'] is child.dsp
    assert sol.dsp.nodes['prep'] is outer.nodes['prep']


# --- §7.1 closing ---------------------------------------------------------------
def test_empty_grandchild_not_closed_with_parent():
    calls = []
    c2 = sh.Dispatcher(name='c2')
    c2.add_function('g', lambda p: calls.append(p) or p, ['p'], ['q'])
    c1 = sh.Dispatcher(name='c1')
    c1.add_function('f', lambda x: x, ['x'], ['o1'])
    c1.add_dispatcher(c2, {'x': 'p'}, {'q': 'qq'}, dsp_id='SS',
                      inp_weight={'x': 10})
    root = sh.Dispatcher(name='root')
    root.add_dispatcher(c1, {'a': 'x'}, {'o1': 'O'}, dsp_id='S')
    sol = root.dispatch({'a': 1})
    assert list(sol.items()) == [('a', 1), ('O', 1)]
    assert calls == [1]
    assert list(sol.pipe) == [
        'a', ('S', 'x'), ('S', 'f'), ('S', 'o1'), 'O', ('S', 'SS', 'p'),
        ('S', 'SS', 'g'), ('S', 'SS', 'q')]
    c1_sol = sol.sub_sol[(-1, 0)]
    assert c1_sol.workflow.succ['SS'] == {'qq': {'value': 1}}
    assert 'qq' not in c1_sol.dist and 'qq' not in c1_sol
    assert repr(c1_sol.seen['qq']) == '12.0'
    assert list(c1_sol.items()) == [('x', 1), ('o1', 1)]


def test_child_closed_when_parent_outputs_computed():
    calls = []
    child = sh.Dispatcher()
    child.add_function('fast', lambda x: x, ['x'], ['y'])
    child.add_function('slow', lambda x: calls.append(x), ['x'], ['w'],
                       weight=50)
    parent = sh.Dispatcher()
    parent.add_dispatcher(child, {'a': 'x'}, {'y': 'b', 'w': 'c'},
                          dsp_id='S')
    parent.add_function('alt', lambda a: 'alt', ['a'], ['c'])
    sol = parent.dispatch({'a': 1})
    # c is reached by alt: the child stops once b and c have a distance.
    assert list(sol.items()) == [('a', 1), ('c', 'alt'), ('b', 1)]
    assert calls == []
    assert 'slow' not in sol.sub_sol[(-1, 0)].dist


def test_child_runs_to_exhaustion_when_an_output_fails():
    calls = []
    child = sh.Dispatcher(raises='')
    child.add_function('ok', lambda x: x, ['x'], ['y'])
    child.add_function('bad', lambda x: 1 / 0, ['x'], ['w'])
    child.add_function('slow', lambda x: calls.append(x), ['x'], ['v'],
                       weight=50)
    parent = sh.Dispatcher()
    parent.add_dispatcher(child, {'a': 'x'}, {'y': 'b', 'w': 'c'},
                          dsp_id='S')
    sol = parent.dispatch({'a': 1})
    assert list(sol.items()) == [('a', 1), ('b', 1)]
    assert calls == [1]
    assert list(sol.sub_sol[(-1, 0)]._errors) == ['bad']


def test_sub_dispatcher_without_outputs():
    calls = []
    child = sh.Dispatcher()
    child.add_function('f', lambda x: calls.append(x), ['x'], ['y'])
    parent = sh.Dispatcher()
    parent.add_dispatcher(child, {'a': 'x'}, {}, dsp_id='S')
    sol = parent.dispatch({'a': 1})
    assert repr(sol) == "Solution([('a', 1)])"
    assert repr(sol.dist) == "{start: -1, 'a': 0.0, 'S': 0.0}"
    assert repr(sol.sub_sol[(-1, 0)]) == 'Solution()'
    assert calls == []


# --- §11.1 feeding and domains ---------------------------------------------------
def test_sub_dispatcher_domain():
    got = []
    child = sh.Dispatcher()
    child.add_function('f', lambda x, y: x + y, ['x', 'y'], ['z'])
    parent = sh.Dispatcher()
    parent.add_dispatcher(child, {'a': 'x', 'b': 'y'}, {'z': 'c'},
                          dsp_id='S',
                          input_domain=lambda kw: got.append(dict(kw)) or
                          len(kw) == 2)
    sol = parent.dispatch({'a': 1, 'b': 2}, inputs_dist={'b': 1})
    assert got == [{'a': 1}, {'a': 1, 'b': 2}]
    assert list(sol.items()) == [('a', 1), ('b', 2), ('c', 3)]
    child_sol = sol.sub_sol[(-1, 0)]
    # Both child inputs start at the distance of the accepted arrival.
    assert repr(child_sol.dist) == "{start: -1, 'x': 1.0, 'y': 1.0, " \
                                   "'f': 2.0, 'z': 3.0}"
    assert repr(sol.dist['S']) == '1.0' and repr(sol._meet['S']) == '1.0'
    assert wf_attrs(sol)['S'] == {'solution': child_sol,
                                  'solution_domain': True}


def test_sub_dispatcher_domain_checked_at_first_arrival_only():
    got = []
    child = sh.Dispatcher()
    child.add_function('f', lambda x, y: x + y, ['x', 'y'], ['z'])
    parent = sh.Dispatcher()
    parent.add_dispatcher(child, {'a': 'x', 'b': 'y'}, {'z': 'c'},
                          dsp_id='S',
                          input_domain=lambda kw: got.append(dict(kw)) or 1)
    sol = parent.dispatch({'a': 1, 'b': 2}, inputs_dist={'b': 1})
    assert got == [{'a': 1}]
    child_sol = sol.sub_sol[(-1, 0)]
    assert repr(child_sol.dist) == "{start: -1, 'x': 0.0, 'y': 1.0, " \
                                   "'f': 2.0, 'z': 3.0}"
    assert repr(sol.dist['S']) == '0.0' and repr(sol._meet['S']) == '1.0'
    assert sol.workflow.nodes['S']['solution_domain'] is True


def test_sub_dispatcher_domain_rejects():
    child = sh.Dispatcher()
    child.add_function('f', lambda x: x, ['x'], ['z'])
    parent = sh.Dispatcher()
    parent.add_dispatcher(child, {'a': 'x'}, {'z': 'c'}, dsp_id='S',
                          input_domain=lambda kw: False)
    sol = parent.dispatch({'a': 1})
    assert list(sol.items()) == [('a', 1)]
    assert 'S' not in sol.dist and sol.sub_sol == {(-1,): sol}
    assert sol.workflow.nodes['S'] == {}


def test_sub_dispatcher_domain_error(caplog):
    child = sh.Dispatcher()
    child.add_function('f', lambda x: x, ['x'], ['z'])
    parent = sh.Dispatcher()
    parent.add_dispatcher(child, {'a': 'x'}, {'z': 'c'}, dsp_id='S',
                          input_domain=lambda kw: 1 / 0)
    sol = parent.dispatch({'a': 1})
    msg = "Failed SUB-DSP DOMAIN 'S' due to:\n  " \
          "ZeroDivisionError('division by zero')"
    assert sol._errors == {'S': msg}
    assert [r.getMessage() for r in caplog.records] == [msg]
    assert list(sol.items()) == [('a', 1)]


def test_sub_dispatcher_inputs_mapping_tuple():
    child = sh.Dispatcher()
    child.add_function('f', lambda x, y: x + y, ['x', 'y'], ['z'])
    parent = sh.Dispatcher()
    parent.add_dispatcher(child, {'a': ('x', 'y')}, {'z': ('c', 'd')},
                          dsp_id='S')
    sol = parent.dispatch({'a': 2})
    assert list(sol.items()) == [('a', 2), ('c', 4), ('d', 4)]
    assert ordered(sol.workflow.succ['S']) == [('c', [('value', 4)]),
                                               ('d', [('value', 4)])]


def test_sub_dispatcher_no_call():
    outer, _ = model_11_6()
    sol = outer.dispatch(['a'], no_call=True)
    assert list(sol.items()) == [('a', NONE), ('b', NONE), ('c', NONE),
                                 ('d', NONE), ('e', NONE)]
    assert sol.workflow.succ['INNER'] == {'c': {'value': NONE},
                                          'd': {'value': NONE}}
    child = sol.sub_sol[(-1, 3)]
    assert list(child.items()) == [('x', NONE), ('factor', NONE),
                                   ('y', NONE), ('z', NONE)]
    assert child.workflow.succ[START] == {'factor': {}, 'x': {}}


# --- §11.2 child defaults -----------------------------------------------------
def defaults_model():
    child = sh.Dispatcher()
    child.add_data('x', default_value=3)
    child.add_function('f', lambda x: x * 10, ['x'], ['y'])
    child.add_function('g', lambda p: p, ['p'], ['q'])
    parent = sh.Dispatcher()
    parent.add_dispatcher(child, {'a': 'p', 'b': 'x'}, {'y': 'Y', 'q': 'Q'},
                          dsp_id='S')
    return parent


def test_child_default_overridden_by_parent_input():
    parent = defaults_model()
    sol = parent.dispatch({'a': 1, 'b': 7})
    assert repr(sol) == "Solution([('a', 1), ('b', 7), ('Q', 1), ('Y', 70)])"
    assert sol.sub_sol[(-1, 0)]['x'] == 7


def test_child_default_used_when_parent_input_arrives_later():
    parent = defaults_model()
    sol = parent.dispatch({'a': 1, 'b': 7}, inputs_dist={'b': 5})
    assert repr(sol) == "Solution([('a', 1), ('Q', 1), ('Y', 30), ('b', 7)])"
    child = sol.sub_sol[(-1, 0)]
    assert child['x'] == 3
    assert child.workflow.succ[START]['x'] == {'value': 7}


def test_child_default_not_checked_against_cutoff():
    child = sh.Dispatcher()
    child.add_data('k', default_value=3, initial_dist=5)
    child.add_function('g', lambda p, k: p + k, ['p', 'k'], ['q'])
    parent = sh.Dispatcher()
    parent.add_dispatcher(child, {'a': 'p'}, {'q': 'Q', 'k': 'K'},
                          dsp_id='S')
    sol = parent.dispatch({'a': 1}, cutoff=2)
    assert repr(sol) == "Solution([('a', 1), ('K', 3)])"
    assert repr(sol.dist) == "{start: -1, 'a': 0.0, 'S': 0.0, 'K': 5.0}"
    child_sol = sol.sub_sol[(-1, 0)]
    assert child_sol.cutoff is None
    assert repr(child_sol.dist) == "{start: -1, 'p': 0.0, 'k': 5.0}"
    assert child_sol.workflow.succ['k'] == {}
    assert child_sol.workflow.succ['p'] == {'g': {'value': 1}}


def test_child_functions_without_inputs_run_lazily():
    calls = []
    child = sh.Dispatcher()
    child.add_function('const', lambda: calls.append(1) or 5, outputs=['k'])
    child.add_function('g', lambda p, k: p + k, ['p', 'k'], ['q'])
    parent = sh.Dispatcher()
    parent.add_dispatcher(child, {'a': 'p'}, {'q': 'Q'}, dsp_id='S')
    parent.dispatch({})
    assert calls == []
    sol = parent.dispatch({'a': 1})
    assert calls == [1] and list(sol.items()) == [('a', 1), ('Q', 6)]


# --- §11.4 remote links -------------------------------------------------------
def test_remote_link_estimation_competes():
    # c is scheduled by the child at 2.0 (flag 2); alt runs before it at 2.0
    # (flag 1) but its estimation (2 + 1) loses against dist['S'] + 1.
    child = sh.Dispatcher()
    child.add_function('f', lambda x: 'child', ['x'], ['y'])
    parent = sh.Dispatcher()
    parent.add_dispatcher(child, {'a': 'x'}, {'y': 'c'}, dsp_id='S')
    parent.add_function('alt', lambda a: 'alt', ['a'], ['c'], weight=1)
    sol = parent.dispatch({'a': 1})
    assert list(sol.items()) == [('a', 1), ('c', 'child')]
    assert repr(sol.dist) == "{start: -1, 'a': 0.0, 'S': 0.0, 'alt': 2.0, " \
                             "'c': 2.0}"
    assert sol.workflow.succ['alt'] == {}
    assert wf_attrs(sol)['alt'] == {'results': 'alt'}
    assert list(sol.workflow.pred['c']) == ['S']
    assert sol.pipe['c']['task'][:2] == (2.0, (2, 'c', (-1, 2)))


def test_fed_back_sub_dispatcher_successor():
    child = sh.Dispatcher()
    child.add_function('f', lambda x: x + 1, ['x'], ['z'])
    parent = sh.Dispatcher()
    parent.add_dispatcher(child, {'a': 'x', 'b': 'x'}, {'x': 'b'},
                          dsp_id='S')
    parent.add_function('h', lambda b: b * 2, ['b'], ['c'])
    sol = parent.dispatch({'a': 1})
    assert list(sol.items()) == [('a', 1), ('b', 1), ('c', 2)]
    # b came out of S: it is not fed back into S.
    assert ordered(sol.workflow.succ['b']) == [('h', [('value', 1)])]
    assert ordered(sol.workflow.succ['S']) == [('b', [('value', 1)])]


def test_remote_link_skips_visited_parent_node():
    child = sh.Dispatcher()
    child.add_function('f', lambda x: x + 1, ['x'], ['y'])
    child.add_function('g', lambda x: x * 2, ['x'], ['w'])
    parent = sh.Dispatcher()
    parent.add_dispatcher(child, {'a': 'x'}, {'y': 'c', 'w': 'd'},
                          dsp_id='S')
    sol = parent.dispatch({'a': 1, 'c': 5})
    assert list(sol.items()) == [('a', 1), ('c', 5), ('d', 2)]
    assert sol.workflow.succ['S'] == {'d': {'value': 2}}
    assert sol.sub_sol[(-1, 0)]['y'] == 2


def test_child_output_without_value_raises_key_error():
    child = sh.Dispatcher(raises='')
    child.add_data('y', function=lambda kw: 1 / 0)
    child.add_function('f', lambda x: x, ['x'], ['y'])
    parent = sh.Dispatcher()
    parent.add_dispatcher(child, {'a': 'x'}, {'y': 'b'}, dsp_id='S')
    with pytest.raises(KeyError) as info:
        parent.dispatch({'a': 1})
    msg = str(info.value)
    assert "'y'" in msg and "'S'" in msg and 'no value' in msg
    child_sol = parent.solution.sub_sol[(-1, 0)]
    assert list(child_sol._errors) == ['y']


def test_sub_dispatcher_id_given_as_input():
    child = sh.Dispatcher()
    child.add_function('f', lambda x: x, ['x'], ['y'])
    parent = sh.Dispatcher()
    parent.add_dispatcher(child, {'a': 'x'}, {'y': 'b'}, dsp_id='S')
    sol = parent.dispatch({'S': 1, 'a': 1})
    assert repr(sol) == "Solution([('a', 1)])"
    assert repr(sol.dist) == "{start: -1, 'S': 0.0, 'a': 0.0}"
    assert 'S' in sol._visited and list(sol.pipe) == ['S', 'a']
    assert sol.sub_sol == {(-1,): sol}
    assert sol.workflow.succ['a'] == {}
    # With a function before S among a's successors: a clear KeyError.
    parent = sh.Dispatcher()
    parent.add_function('g', lambda a: a, ['a'], ['c'])
    parent.add_dispatcher(child, {'a': 'x'}, {'y': 'b'}, dsp_id='S')
    with pytest.raises(KeyError) as info:
        parent.dispatch({'S': 1, 'a': 1})
    assert "'S'" in str(info.value) and 'input' in str(info.value)


def test_wildcard_input_feeds_sub_dispatcher():
    child = sh.Dispatcher()
    child.add_function('inc', lambda p: p + 1, ['p'], ['q'])
    parent = sh.Dispatcher()
    parent.add_function('h', lambda b: b * 10, ['b'], ['a'])
    parent.add_dispatcher(child, {'a': 'p'}, {'q': 'b'}, dsp_id='S')
    sol = parent.dispatch({'a': 1}, ['a'], wildcard=True)
    assert repr(sol) == "Solution([('b', 2), ('a', 20)])"
    assert repr(sol.seen['S']) == '0.0'
    assert 'S' not in sol._visited
    assert list(sol.pipe)[0] == ('S', 'p')


def test_wildcard_input_rejected_by_sub_dispatcher_domain():
    child = sh.Dispatcher()
    child.add_function('inc', lambda p: p + 1, ['p'], ['q'])
    parent = sh.Dispatcher()
    parent.add_function('h', lambda b: b * 10, ['b'], ['a'])
    parent.add_dispatcher(child, {'a': 'p'}, {'q': 'b'}, dsp_id='S',
                          input_domain=lambda kw: False)
    sol = parent.dispatch({'a': 1}, ['a'], wildcard=True)
    assert repr(sol) == 'Solution()'
    assert repr(sol.dist) == "{start: -1, 'S': 0.0}"
    assert list(sol.pipe) == ['S']
    assert 'S' in sol._visited
    assert sol.pipe['S']['task'][:2] == (0.0, (True, 'S', (-1, 3)))


# --- §11.5 identification and errors --------------------------------------------
def fail_bad(x):
    raise RuntimeError('bad')


def test_child_errors_stay_in_child():
    child = sh.Dispatcher(raises=False)
    child.add_function('h', fail_bad, ['x'], ['y'])
    parent = sh.Dispatcher(raises=True)
    parent.add_dispatcher(child, {'a': 'x'}, {'y': 'b'}, dsp_id='S')
    sol = parent.dispatch({'a': 1})
    assert sol._errors == {}
    assert sol.sub_sol[(-1, 0)]._errors == {
        'h': "Failed DISPATCHING 'h' due to:\n  RuntimeError('bad')"}
    assert repr(child.solution) == 'Solution()'


def test_child_error_log_path(caplog):
    child = sh.Dispatcher()
    child.add_function('bad', lambda x: 1 / 0, ['x'], ['y'])
    parent = sh.Dispatcher()
    parent.add_dispatcher(child, {'a': 'x'}, {'y': 'b'}, dsp_id='S')
    parent.dispatch({'a': 1}, sol_name=('ROOT',))
    assert [r.getMessage() for r in caplog.records] == [
        "Failed DISPATCHING 'ROOT/S/bad' due to:\n  "
        "ZeroDivisionError('division by zero')"]


def test_child_raises_propagates_child_solution():
    child = sh.Dispatcher(raises=True)
    child.add_function('bad', lambda x: 1 / 0, ['x'], ['y'])
    parent = sh.Dispatcher()
    parent.add_dispatcher(child, {'a': 'x'}, {'y': 'b'}, dsp_id='S')
    with pytest.raises(sh.DispatcherError) as info:
        parent.dispatch({'a': 1}, sol_name=('ROOT',))
    err = info.value
    assert err.sol is not parent.solution
    assert err.sol is parent.solution.sub_sol[(-1, 0)]
    assert err.sol.full_name == ('ROOT', 'S')
    assert err.args[1] == 'ROOT/S/bad'


def test_rm_unused_nds_recurses_into_children():
    child = sh.Dispatcher()
    child.add_function('f', lambda x: x, ['x'], ['y'])
    child.add_function('never', lambda x, w: x, ['x', 'w'], ['v'])
    empty = sh.Dispatcher()
    empty.add_function('g', lambda x: x, ['x'], ['y'])
    parent = sh.Dispatcher()
    parent.add_dispatcher(child, {'a': 'x'}, {'y': 'b'}, dsp_id='S')
    parent.add_dispatcher(empty, {'a': 'x'}, {}, dsp_id='E')
    parent.add_function('wait', lambda a, z: a, ['a', 'z'], ['q'])
    sol = parent.dispatch({'a': 1}, rm_unused_nds=True)
    assert list(sol.workflow.nodes) == [START, 'a', 'S', 'b']
    assert 'S' in sol._visited
    child_sol = sol.sub_sol[(-1, 0)]
    assert list(child_sol.workflow.nodes) == [START, 'x', 'f', 'y']
    sol = parent.dispatch({'a': 1})
    assert list(sol.workflow.nodes) == [START, 'a', 'S', 'E', 'wait', 'b']


# --- §19.6 SubDispatch functions inside a workflow -------------------------------
def test_sub_dispatch_functions_in_workflow():
    sub = sh.Dispatcher(name='sub')
    sub.add_function('mul', lambda x: x * 3, ['x'], ['y'])
    main = sh.Dispatcher(name='main')
    main.add_dispatcher(sub, {'a': 'x'}, {'y': 'c'}, dsp_id='S')
    main.add_function('F', sh.SubDispatchFunction(sub, 'F', ['x'], ['y']),
                      ['a'], ['d'])
    main.add_function('SD', sh.SubDispatch(sub, ['y'], output_type='dict'),
                      ['e'], ['g'])
    sol = main.dispatch({'a': 1, 'e': {'x': 2}}, sol_name=('ROOT',))
    assert repr(sol) == "Solution([('a', 1), ('e', {'x': 2}), ('d', 3), " \
                        "('g', {'y': 6}), ('c', 3)])"
    assert repr(sol.dist) == "{start: -1, 'a': 0.0, 'S': 0.0, 'e': 0.0, " \
        "'F': 1.0, 'SD': 1.0, 'd': 2.0, 'g': 2.0, 'c': 2.0}"
    attrs = wf_attrs(sol)
    assert repr(attrs['F']) == \
        "{'solution': Solution([('x', 1), ('y', 3)]), 'results': 3}"
    assert repr(attrs['SD']) == \
        "{'solution': Solution([('x', 2), ('y', 6)]), 'results': {'y': 6}}"
    assert repr(attrs['S']) == "{'solution': Solution([('x', 1), ('y', 3)])}"
    f_sol, sd_sol = attrs['F']['solution'], attrs['SD']['solution']
    assert f_sol.index == sd_sol.index == (-1,)
    assert f_sol.full_name == ('ROOT', 'F')
    assert sd_sol.full_name == ('ROOT', 'SD')
    assert list(sol.sub_sol) == [(-1,), (-1, 0)]
    assert list(sol.pipe) == [
        ('ROOT', 'a'), ('ROOT', 'e'), ('ROOT', 'S', 'x'), ('ROOT', 'F'),
        ('ROOT', 'SD'), ('ROOT', 'S', 'mul'), ('ROOT', 'd'), ('ROOT', 'g'),
        ('ROOT', 'S', 'y'), ('ROOT', 'c')]
    assert list(sol.pipe[('ROOT', 'F')]['sub_pipe']) == ['x', 'mul', 'y']


def test_wrapped_sub_dispatch_function_records_solution():
    sub = sh.Dispatcher(name='sub')
    sub.add_function('mul', lambda x: x * 3, ['x'], ['y'])
    main = sh.Dispatcher(name='main')
    main.add_function('F', sh.add_args(sh.SubDispatchFunction(
        sub, 'F', ['x'], ['y'])), ['z', 'a'], ['d'])
    main.add_function('P', functools.partial(sh.SubDispatchFunction(
        sub, 'P', ['x'], ['y'])), ['z'], ['e'])
    sol = main.dispatch({'a': 1, 'z': 2}, sol_name=('R',))
    assert list(sol.items()) == [('a', 1), ('z', 2), ('d', 3), ('e', 6)]
    f_sol = sol.workflow.nodes['F']['solution']
    assert repr(f_sol) == "Solution([('x', 1), ('y', 3)])"
    assert f_sol.full_name == ('R', 'F')
    assert repr(sol.workflow.nodes['P']['solution']) == \
        "Solution([('x', 2), ('y', 6)])"


def test_sub_dispatch_filter_records_solution():
    sub = sh.Dispatcher(name='sub')
    sub.add_function('mul', lambda x: x * 3, ['x'], ['y'])
    main = sh.Dispatcher(name='main')
    main.add_data('b', filters=[lambda v: v + 1, sh.SubDispatchFunction(
        sub, 'F', ['x'], ['y'])])
    main.add_function('f', lambda a: a, ['a'], ['b'])
    sol = main.dispatch({'a': 1})
    assert list(sol.items()) == [('a', 1), ('b', 6)]
    steps = sol.workflow.nodes['b']['solution_filters']
    assert steps[:2] == [1, 2]
    assert repr(steps[2]) == "Solution([('x', 2), ('y', 6)])"
    assert steps[2].full_name == ('b',)


def test_stopper_reaches_sub_dispatch_function():
    stopper = threading.Event()
    calls = []
    sub = sh.Dispatcher(name='sub')
    sub.add_function('first', lambda x: stopper.set() or x, ['x'], ['y'])
    sub.add_function('second', lambda y: calls.append(y), ['y'], ['z'])
    main = sh.Dispatcher(name='main')
    main.add_function('F', sh.SubDispatchFunction(sub, 'F', ['x'], ['z']),
                      ['a'], ['d'])
    with pytest.raises(DispatcherAbort, match=r'^$'):
        main.dispatch({'a': 1}, stopper=stopper)
    assert calls == []
    assert list(main.solution.items()) == [('a', 1)]


def test_shrink_with_sub_dispatcher():
    outer, _ = model_11_6()
    outer.add_function('other', lambda a: a, ['a'], ['zz'])
    sol = outer.dispatch({'a': 1}, ['c'], shrink=True)
    assert list(sol.items()) == [('a', 1), ('b', 2), ('c', 6)]
    assert sorted(sol.dsp.nodes) == ['INNER', 'a', 'b', 'c', 'prep']
    child = sol.sub_sol[(-1, 3)]
    assert sorted(child.dsp.nodes) == ['factor', 'scale', 'x', 'y']
    assert list(child.items()) == [('x', 2), ('factor', 3), ('y', 6)]


@pytest.mark.parametrize('options', [{'no_call': True}, {'no_domain': True}])
def test_sub_dispatcher_domain_skipped(options):
    called = []
    child = sh.Dispatcher()
    child.add_function('f', lambda x: x, ['x'], ['z'])
    parent = sh.Dispatcher()
    parent.add_dispatcher(child, {'a': 'x'}, {'z': 'c'}, dsp_id='S',
                          input_domain=lambda kw: called.append(kw))
    sol = Solution(parent, {'a': 1}, **options)._run()
    assert called == [] and list(sol) == ['a', 'c']
    assert 'solution_domain' not in sol.workflow.nodes['S']
