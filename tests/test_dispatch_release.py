# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""
A replaced solution is freed at once when nothing outside reaches it, and
stays whole when anything does (the solution, its pipe list, its sub_sol
dict, a pipe entry or item, a DspPipe, an error).
"""
import gc
import weakref

import pytest

import schedula as sh
from schedula.utils._free import release


@pytest.fixture
def no_gc():
    enabled = gc.isenabled()
    gc.disable()
    yield
    if enabled:
        gc.enable()


def model():
    d = sh.Dispatcher(name='m')
    d.add_function('f', lambda a: a + 1, ['a'], ['b'])
    d.add_function('g', lambda b: b * 2, ['b'], ['c'])
    return d


def assert_whole(sol, a):
    assert sol == {'a': a, 'b': a + 1, 'c': 2 * (a + 1)}
    assert list(sol) == ['a', 'b', 'c']
    assert sol.sub_sol == {(-1,): sol} and sol.sub_sol[(-1,)] is sol
    assert [t[-1] for t in sol._pipe] == [
        ('a', sol), ('f', sol), ('b', sol), ('g', sol), ('c', sol)]
    assert list(sol.pipe) == ['a', 'f', 'b', 'g', 'c']
    assert dict(sol.workflow.succ) == {
        sh.START: {'a': {'value': a}}, 'a': {'f': {'value': a}},
        'f': {'b': {'value': a + 1}}, 'b': {'g': {'value': a + 1}},
        'g': {'c': {'value': 2 * (a + 1)}}, 'c': {}}
    assert sol.dist == {sh.START: -1, 'a': 0, 'f': 1, 'b': 2, 'g': 3, 'c': 4}


def test_dispatch_frees_the_replaced_solution(no_gc):
    d = model()
    ref = weakref.ref(d.dispatch({'a': 1}))
    assert ref() is not None
    d.dispatch({'a': 2})
    assert ref() is None
    assert_whole(d.solution, 2)


@pytest.mark.parametrize('keep', [
    lambda s: s, lambda s: s._pipe, lambda s: s.sub_sol, lambda s: s.pipe,
    lambda s: s._pipe[2], lambda s: s._pipe[-1][-1], lambda s: [s],
])
def test_a_reachable_solution_stays_whole(no_gc, keep):
    d = model()
    held = keep(d.dispatch({'a': 1}))
    ref = weakref.ref(d.solution)
    d.dispatch({'a': 2})
    assert ref() is not None
    assert_whole(ref(), 1)
    assert_whole(d.solution, 2)
    del held


def test_an_error_keeps_its_solution(no_gc):
    d = sh.Dispatcher(raises=True)
    d.add_function('f', lambda a: 1 / a, ['a'], ['b'])
    with pytest.raises(sh.DispatcherError) as info:
        d.dispatch({'a': 0})
    err = info.value
    d.dispatch({'a': 1})
    assert err.sol == {'a': 0} and err.sol.sub_sol[(-1,)] is err.sol
    assert list(err.sol._errors) == ['f']


def test_a_solution_holding_itself_in_a_value_stays(no_gc):
    d = sh.Dispatcher()
    d.add_function('keep', lambda a: d.solution, ['a'], ['s'])
    ref = weakref.ref(d.dispatch({'a': 2}))
    assert ref()['s'] is ref()
    d.dispatch({'a': 3})
    sol = ref()
    assert sol['s'] is sol and sol.sub_sol[(-1,)] is sol and sol['a'] == 2
    assert [t[-1][0] for t in sol._pipe] == ['a', 'keep', 's']


def test_wrappers_free_their_previous_solution(no_gc):
    for wrapper in (sh.SubDispatch(model(), ['c'], output_type='list'),
                    sh.SubDispatchFunction(model(), 'F', ['a'], ['c']),
                    sh.SubDispatchPipe(model(), 'P', ['a'], ['c'])):
        call = (lambda w: lambda a: w({'a': a})) if isinstance(
            wrapper, sh.SubDispatch) and not isinstance(
            wrapper, sh.SubDispatchFunction) else (lambda w: w)
        call(wrapper)(1)
        ref = weakref.ref(wrapper.solution)
        assert call(wrapper)(2) in ([6], 6)
        assert ref() is None, type(wrapper)
        assert wrapper.solution['c'] == 6


def test_children_are_left_to_the_collector(no_gc):
    inner = model()
    outer = sh.Dispatcher()
    outer.add_dispatcher(inner, {'x': 'a'}, {'c': 'y'}, dsp_id='S')
    ref = weakref.ref(outer.dispatch({'x': 1}))
    outer.dispatch({'x': 2})
    sol = ref()
    assert sol is not None and sol == {'x': 1, 'y': 4}
    assert sol.sub_sol[(-1, 0)]['c'] == 4
    del sol
    gc.collect()
    assert ref() is None


def test_release_ignores_what_is_not_a_solution():
    assert release(None) is None and release(object()) is None
    assert release(sh.Dispatcher().solution) is None
