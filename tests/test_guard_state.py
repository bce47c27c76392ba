# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""
Guards of central behaviours that a rewrite of the dispatch engine could
break silently: real call timings, the `_wait_in` override, the look-up of
the last solution by `get_sub_node` (01 §16.2) and pickles of models whose
nodes are wrappers carrying no last results (03 §9, §12).
"""
import copy
import time
import operator

import dill
import pytest

import schedula as sh
from schedula.utils.alg import get_sub_node
from schedula.utils.cst import EMPTY
from schedula.utils.sol import Solution
from schedula.utils.dsp import (
    SubDispatch, SubDispatchFunction, SubDispatchPipe, DispatchPipe
)

NAP = 0.01  # Seconds a timed function sleeps.


def napping(x):
    time.sleep(NAP)
    return x + 1


def napping_failure(x):
    time.sleep(NAP)
    raise ValueError('late failure')


def doubled(x):
    return 2 * x


def summed(a, b):
    return a + b


# --------------------------------------------------------------------------
# Timings of the calls: `started` and `duration` of the workflow nodes.
# --------------------------------------------------------------------------
def _timed_dispatch(d, inputs, node_id):
    before = time.time()
    sol = d.dispatch(inputs)
    after = time.time()
    wattr = sol.workflow.nodes[node_id]
    started, duration = wattr['started'], wattr['duration']
    assert before <= started <= after
    assert NAP <= duration <= after - started
    return sol


@pytest.mark.parametrize('kw', [
    {}, {'filters': [abs]}, {'callback': print}, {'input_domain': bool},
])
def test_call_timing_is_real(kw, capsys):
    d = sh.Dispatcher()
    d.add_function('nap', napping, ['a'], ['b'], **kw)
    assert _timed_dispatch(d, {'a': 1}, 'nap')['b'] == 2


def test_failed_call_timing_is_real():
    d = sh.Dispatcher()
    d.add_function('nap', napping_failure, ['a'], ['b'])
    sol = _timed_dispatch(d, {'a': 1}, 'nap')
    assert 'b' not in sol and list(sol._errors) == ['nap']


def test_sub_dispatch_call_timing_is_real():
    inner = sh.Dispatcher(name='inner')
    inner.add_function('nap', napping, ['x'], ['y'])
    d = sh.Dispatcher()
    d.add_function('sub', SubDispatchFunction(inner, 'sub', ['x'], ['y']),
                   ['a'], ['b'])
    sol = _timed_dispatch(d, {'a': 1}, 'sub')
    assert sol['b'] == 2
    assert sol.workflow.nodes['sub']['solution']['y'] == 2


# --------------------------------------------------------------------------
# The `_wait_in` override of `check_wait_in` (01 §20).
# --------------------------------------------------------------------------
def wait_model():
    child = sh.Dispatcher(name='child')
    child.add_function('g', doubled, ['p'], ['q'])
    child.add_function('h', doubled, ['r'], ['q'])
    d = sh.Dispatcher(name='parent')
    d.add_data('w', wait_inputs=True)
    d.add_dispatcher(child, {'a': 'p', 'b': 'r'}, {'q': 'w'}, dsp_id='S')
    d.add_function('f', doubled, ['c'], ['w'])
    d.add_function('k', doubled, ['w'], ['z'])
    return d


def test_shrink_dsp_releases_waiting_node_fed_by_sub_dispatcher():
    d = wait_model()
    # `w` waits for `S` and `f`: only the override (flags False) of the
    # first no-call run lets `S` alone reach it.
    s = d.shrink_dsp(['a'], ['z'])
    assert list(s.nodes) == ['z', 'k', 'w', 'S', 'a']
    assert list(s.dmap.edges) == [('k', 'z'), ('w', 'k'), ('S', 'w'),
                                  ('a', 'S')]
    assert list(s.nodes['S']['function'].nodes) == ['q', 'g', 'p']
    s = d.shrink_dsp(['a', 'c'], ['z'])
    assert list(s.dmap.edges) == [('k', 'z'), ('w', 'k'), ('S', 'w'),
                                  ('f', 'w'), ('a', 'S'), ('c', 'f')]
    s = d.shrink_dsp(['c'], ['z'])
    assert list(s.nodes) == ['z', 'k', 'w', 'f', 'c']
    # Without the override, `w` keeps waiting and nothing is reached.
    assert 'z' not in d.dispatch({'a': 1})


def test_check_wait_in_override():
    d = sh.Dispatcher()
    d.add_data('c', wait_inputs=True)
    d.add_function('f1', doubled, ['a'], ['c'])
    d.add_function('f2', doubled, ['b'], ['c'])
    d.add_function('f3', doubled, ['c'], ['d'])
    sol = Solution(d, {'a': 1})
    sol._run()
    assert (sol.check_wait_in(True, 'c'), sol.check_wait_in(False, 'c')) == \
        (True, False)
    # The override wins over the node's flag (no-call runs of shrink_dsp).
    sol = Solution(d, {'a': 1}, no_call=True, wait_in={'c': False})
    sol._run()
    assert list(sol) == ['a', 'c', 'd']
    assert sol.check_wait_in(True, 'c') is False
    sol = Solution(d, {'a': 1}, no_call=True, wait_in={'c': True,
                                                        'f3': True})
    sol._run()
    assert list(sol) == ['a']
    assert sol.check_wait_in(False, 'c') is True
    assert sol.check_wait_in(False, 'f3') is True
    assert sol.check_wait_in(False, 'f1') is False


# --------------------------------------------------------------------------
# `get_sub_node` reads the last solution by default (01 §16.2).
# --------------------------------------------------------------------------
def nested_model():
    inner = sh.Dispatcher(name='inner')
    inner.add_function('dbl', doubled, ['x'], ['y'])
    outer = sh.Dispatcher(name='outer')
    outer.add_function('sub', SubDispatch(inner), ['a'], ['s'])
    outer.add_function('sum', summed, ['b', 'c'], ['d'])
    return outer


def test_get_sub_node_default_solution_is_the_last_one():
    outer = nested_model()
    assert get_sub_node(outer, ('sub', 'y'))[0] is \
        outer.nodes['sub']['function'].dsp.nodes['y']
    outer.dispatch({'a': {'x': 3}, 'b': 1, 'c': 2})
    for path, value in [(('sub', 'y'), 6), (('d',), 3), (('b',), 1),
                        (('sub', 'x'), 3)]:
        assert get_sub_node(outer, path) == (value, path)
        assert get_sub_node(outer, path) == outer.get_node(*path)
    assert get_sub_node(outer, ('sub', 'y'), 'output') == (6, ('sub', 'y'))
    sub_sol = get_sub_node(outer, ('sub',), 'output')[0]
    assert sub_sol is outer.solution.workflow.nodes['sub']['solution']
    assert get_sub_node(outer, ('su', 'y'), 'sol')[0] is sub_sol
    # An explicit solution still wins; EMPTY means none.
    assert get_sub_node(outer, ('d',), solution=EMPTY)[0] is \
        outer.nodes['d']
    other = outer.dispatch({'b': 5, 'c': 5})
    assert get_sub_node(outer, ('d',)) == (10, ('d',))
    with pytest.raises(TypeError, match=r"^No solution available for the "
                                       r"node \['sub', 'y'\]: its "):
        get_sub_node(outer, ('sub', 'y'), 'output')
    assert other is outer.solution


def test_get_sub_node_reads_extra_outputs_of_the_last_solution():
    outer = nested_model()
    outer.dispatch({'b': 1, 'c': 2, 'extra': 7})
    assert get_sub_node(outer, ('extra',)) == (7, ('extra',))
    with pytest.raises(ValueError, match=r"^Path \['extra'\] does not "
                                         r"exist in outer dispatcher\.$"):
        get_sub_node(outer, ('extra',), solution=EMPTY)


# --------------------------------------------------------------------------
# Pickles carry no last results (03 §9: each wrapper's `__getstate__`).
# --------------------------------------------------------------------------
WRAPPERS = {
    'SubDispatch': lambda m: SubDispatch(m, ['y'], output_type='list'),
    'SubDispatchFunction': lambda m: SubDispatchFunction(
        m, 'F', ['x', 'k'], ['y']),
    'SubDispatchPipe': lambda m: SubDispatchPipe(m, 'P', ['x', 'k'], ['y']),
    'DispatchPipe': lambda m: DispatchPipe(m, 'DP', ['x', 'k'], ['y']),
}


def wrapped_model(kind):
    inner = sh.Dispatcher(name='inner')
    inner.add_data('k', default_value=10)
    inner.add_function('mul', operator.mul, ['x', 'k'], ['y'])
    outer = sh.Dispatcher(name='outer')
    outer.add_function('w', WRAPPERS[kind](inner), ['a'], ['b'])
    outer.add_function('dbl', doubled, ['b'], ['c'])
    return outer


def _call(outer, kind, x):
    inp = {'x': x} if kind == 'SubDispatch' else x
    return outer.dispatch({'a': inp})


@pytest.mark.parametrize('kind', list(WRAPPERS))
def test_pickle_carries_no_last_results(kind):
    outer = wrapped_model(kind)
    fresh = dill.dumps(outer)
    sol = _call(outer, kind, 3)
    first = dill.dumps(outer)
    assert sol['c'] in (60, [30, 30])
    sol = _call(outer, kind, 4)
    assert sol['c'] in (80, [40, 40])
    assert dill.dumps(outer) == first == fresh
    assert len(first) < len(dill.dumps(sol))
    wrapper = outer.nodes['w']['function']
    assert dill.dumps(wrapper) == dill.dumps(WRAPPERS[kind](
        wrapped_model(kind).nodes['w']['function'].dsp))
    # The loaded model works and holds no results either.
    loaded = dill.loads(first)
    assert loaded.solution == {} and dict(_call(loaded, kind, 5))['c'] in (
        100, [50, 50])


@pytest.mark.parametrize('kind', list(WRAPPERS))
def test_wrapper_pickle_leaves_the_wrapper_alone(kind):
    wrapper = wrapped_model(kind).nodes['w']['function']
    args = ({'x': 2},) if kind == 'SubDispatch' else (2,)
    assert wrapper(*args) in (20, [20])
    last = wrapper.solution
    data = dill.dumps(wrapper)
    assert wrapper.solution is last and last['y'] == 20
    assert dill.loads(data)(*args) in (20, [20])
    assert wrapper(*args[:0], *(({'x': 3},) if kind == 'SubDispatch' else
                                (3,))) in (30, [30])


# --------------------------------------------------------------------------
# Copies and pickles of pipes plan again, on their own template.
# --------------------------------------------------------------------------
def pipe_model():
    d = sh.Dispatcher(name='model')
    d.add_data('k', default_value=10)
    d.add_function('mul', operator.mul, ['x', 'k'], ['y'])
    d.add_function('sq', doubled, ['y'], ['z'])
    return d


def _plan_solutions(pipe):
    return {id(task[-1][1]) for task, _, _ in pipe.pipe}


@pytest.mark.parametrize('cls', [SubDispatchPipe, DispatchPipe])
@pytest.mark.parametrize('clone', [
    copy.deepcopy, lambda p: p.copy(), lambda p: dill.loads(dill.dumps(p))
])
def test_pipe_clone_plans_on_its_own_template(cls, clone):
    pipe = cls(pipe_model(), 'pipe', ['x', 'k'], ['z'])
    assert pipe(3) == 60
    twin = clone(pipe)
    assert twin._plan is None
    assert twin(1, 2) == 4 and pipe(2) == 40 and twin(5) == 100
    assert _plan_solutions(twin) == {id(twin._sol)}
    assert _plan_solutions(pipe) == {id(pipe._sol)}
    assert twin.solution is not pipe.solution
    assert [t[-1][0] for t, _, _ in twin.pipe] == \
        [t[-1][0] for t, _, _ in pipe.pipe]
