# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""
Bad input while building and running models: what 1.2.0 legitimately
accepts is still accepted, other input fails with a clear exception, and a
failed ``add_*`` call leaves the model exactly as it was (spec 01 §9-§12,
§19; 1.2.0 left START/SINK behind and advanced the counter, we do not).
"""
import copy

import pytest

import schedula as sh


def _state(dsp):
    """Everything a failed `add_*` must leave untouched (with its order)."""
    return (repr(dsp.nodes), repr(dsp.dmap.succ), repr(dsp.dmap.pred),
            repr(dsp.default_values), copy.deepcopy(dsp.counter)())


def _model():
    d = sh.Dispatcher(name='m')
    d.add_data('a', 1, initial_dist=2)
    d.add_function('fn', max, ['a', 'b'], ['c'])
    d.add_dispatcher(sh.Dispatcher(name='sub'), {'c': 'x'}, {'y': 'e'})
    return d


def _assert_unchanged(dsp, call, exc):
    before, objects = _state(dsp), (dsp.nodes, dsp.default_values, dsp.dmap)
    with pytest.raises(exc) as info:
        call(dsp)
    assert _state(dsp) == before
    assert (dsp.nodes, dsp.default_values, dsp.dmap) == objects
    return info.value


# --- accepted as in 1.2.0 ---------------------------------------------------
def test_function_none_is_accepted_and_fails_at_call_time():
    d = sh.Dispatcher()
    assert d.add_function('f', None, ['a'], ['b']) == 'f'
    sol = d.dispatch({'a': 1})
    assert list(sol.items()) == [('a', 1)]
    assert list(sol._errors) == ['f']
    assert 'not callable' in sol._errors['f'] and "'f'" in sol._errors['f']


def test_empty_outputs_are_accepted():
    d = sh.Dispatcher()
    calls = []
    assert d.add_function('f', calls.append, ['a'], []) == 'f'
    assert d.nodes['f']['outputs'] == [] and list(d.dmap.succ['f']) == []
    sol = d.dispatch({'a': 1})
    assert list(sol.items()) == [('a', 1)] and sol._errors == {}
    assert calls == []  # Nothing is wanted from it: it is not called.


def test_negative_weights_without_contradiction_are_accepted():
    d = sh.Dispatcher()
    d.add_data('a', 1, initial_dist=-3)
    d.add_function('f', abs, ['a'], ['b'], weight=-2, out_weight={'b': -1})
    sol = d.dispatch()
    assert list(sol.items()) == [('a', 1), ('b', 1)]
    assert sol.dist == {sh.START: -1, 'a': -3.0, 'f': -4.0, 'b': -5.0}


def test_unknown_sources_are_silently_ignored():
    d = _model()
    assert list(d.get_sub_dsp_from_workflow(['zz'], d.dmap).nodes) == []
    assert list(d.get_sub_dsp_from_workflow('zz', d.dmap).nodes) == []


class _KeysOnly:
    """A mapping for `**` and `dict.update` (keys() and [] only)."""

    def __init__(self, d):
        self.d = d

    def keys(self):
        return self.d.keys()

    def __getitem__(self, k):
        return self.d[k]


def test_mapping_likes_are_accepted_as_in_1_2_0():
    # 1.2.0 merged the inputs with `dict.update` and built a child from
    # `add_from_lists(**dsp)`: both take any object with keys().
    d = _model()
    sol = d.dispatch(_KeysOnly({'a': 5, 'b': 7}))
    assert list(sol.items()) == [('a', 5), ('b', 7), ('c', 7)]
    p = sh.Dispatcher()
    fun = {'function': max, 'inputs': ['x', 'y'], 'outputs': ['z']}
    assert p.add_dispatcher(_KeysOnly({'fun_list': [fun]}),
                            {'A': 'x', 'B': 'y'}, {'z': 'Z'}, 'S') == 'S'
    assert list(p({'A': 1, 'B': 2}).items()) == [('A', 1), ('B', 2),
                                                 ('Z', 2)]


# --- clear errors -----------------------------------------------------------
def test_non_callable_function_fails_at_call_time():
    d = sh.Dispatcher()
    d.add_function('f', 5, ['a'], ['b'])
    sol = d.dispatch({'a': 1})
    assert list(sol.items()) == [('a', 1)]
    assert list(sol._errors) == ['f']
    msg = sol._errors['f']
    assert msg.startswith("Failed DISPATCHING 'f' due to:\n  TypeError(")
    assert 'not callable' in msg
    d.raises = True
    with pytest.raises(sh.DispatcherError) as info:
        d.dispatch({'a': 1})
    assert type(info.value.ex) is TypeError
    assert 'not callable' in str(info.value.ex)


@pytest.mark.parametrize('no_call', [False, True])
def test_dispatch_inputs_not_a_mapping(no_call):
    d = _model()
    sol = d.dispatch({'a': 1})
    with pytest.raises(TypeError) as info:
        d.dispatch(5, no_call=no_call)
    assert str(info.value) == \
           'dispatch inputs must be a mapping {data id: value}, not int: 5.'
    assert d.solution is sol


def test_dispatch_inputs_not_pairs_keep_the_dict_update_error():
    # The message is the one quoted by spec 02 §3 (dict-update semantics).
    d = _model()
    sol = d.dispatch({'a': 1})
    with pytest.raises(ValueError) as info:
        d.dispatch(['a', 'zz'])
    assert str(info.value) == ('dictionary update sequence element #0 has '
                               'length 1; 2 is required')
    assert d.solution is sol
    assert list(d.dispatch([('b', 3)]).items()) == [('b', 3), ('a', 1),
                                                    ('c', 3)]


def test_dispatch_outputs_not_iterable():
    d = _model()
    with pytest.raises(TypeError) as info:
        d.dispatch({'a': 1}, outputs=5)
    assert str(info.value) == \
           'dispatch outputs must be an iterable of node ids, not int: 5.'


def test_add_dispatcher_of_a_non_dispatcher():
    d = _model()
    ex = _assert_unchanged(d, lambda d: d.add_dispatcher(5, {}, {}),
                           TypeError)
    assert str(ex) == ('add_dispatcher: `dsp` must be a Dispatcher or a dict '
                       "of add_from_lists arguments, not 'int'.")
    ex = _assert_unchanged(d, lambda d: d.add_dispatcher(max, {}, {}),
                           TypeError)
    assert "'builtin_function_or_method'" in str(ex)


def test_sources_not_iterable():
    d = _model()
    with pytest.raises(TypeError) as info:
        d.get_sub_dsp_from_workflow(None, d.dmap)
    assert str(info.value) == ('get_sub_dsp_from_workflow sources must be an '
                               'iterable of node ids, not NoneType: None.')
    sol = d.dispatch({'a': 1})
    with pytest.raises(TypeError) as info:
        sol.get_sub_dsp_from_workflow(3)
    assert 'not int: 3.' in str(info.value)


# --- failed add_* calls change nothing --------------------------------------
@pytest.mark.parametrize('call,exc', [
    # Invalid output after START was created (1.2.0 left START behind).
    (lambda d: d.add_function('bad', max, None, ['q', 'fn']), ValueError),
    (lambda d: d.add_function('bad', max, ['new', 'a'], ['q', 'sub']),
     ValueError),
    (lambda d: d.add_function('bad', max, ['x', 'fn'], None), ValueError),
    (lambda d: d.add_function(7, max), AttributeError),
    (lambda d: d.add_function(None, None), ValueError),
    (lambda d: d.add_function('bad', max, 5, ['q']), TypeError),
    (lambda d: d.add_function('bad', max, ['n1', ['x']], ['q']), TypeError),
    (lambda d: d.add_func(max, ['o']), ValueError),
])
def test_failed_add_function_changes_nothing(call, exc):
    _assert_unchanged(_model(), call, exc)


def test_failed_add_function_with_start_and_sink():
    d = sh.Dispatcher()
    d.add_function('g', max, ['a'], ['b'])
    ex = _assert_unchanged(
        d, lambda d: d.add_function('bad', max, outputs=['g']), ValueError)
    assert str(ex) == 'Invalid output id: g is not a data node'
    assert sh.START not in d.nodes and d.default_values == {}
    ex = _assert_unchanged(
        d, lambda d: d.add_function('bad', max, ['g']), ValueError)
    assert str(ex) == 'Invalid input id: g is not a data node'
    assert sh.SINK not in d.nodes
    assert d.add_data('z') == 'z' and d.nodes['z']['index'] == (3,)


def test_failed_add_function_restores_displaced_defaults():
    dfl = {'q': {'value': 1, 'initial_dist': 0}, 'r': {'value': 2,
                                                       'initial_dist': 0}}
    d = sh.Dispatcher(default_values=dfl)
    d.add_function('g', max, ['a'], ['b'])
    entry = dfl['q']
    _assert_unchanged(d, lambda d: d.add_function('bad', max, ['q'], ['g']),
                      ValueError)
    assert list(dfl) == ['q', 'r'] and dfl['q'] is entry
    d.dmap.add_node(sh.START, type='function')
    _assert_unchanged(d, lambda d: d.add_function('bad', max, outputs=['q']),
                      ValueError)
    assert list(dfl) == ['q', 'r']


def test_failed_add_function_restores_start_default():
    d = sh.Dispatcher(default_values={sh.START: {'value': 0,
                                                 'initial_dist': 1}})
    d.add_function('g', max, ['a'], ['b'])
    _assert_unchanged(d, lambda d: d.add_function('bad', max, None, ['g']),
                      ValueError)
    assert d.default_values == {sh.START: {'value': 0, 'initial_dist': 1}}


@pytest.mark.parametrize('call,exc', [
    (lambda d: d.add_data('fn'), ValueError),
    (lambda d: d.add_data('sub', 3), ValueError),
    (lambda d: d.add_data(['x']), TypeError),
    (lambda d: d.add_data('a', 5, type='function'), ValueError),
    (lambda d: d.add_data('new', 5, type='function'), ValueError),
])
def test_failed_add_data_changes_nothing(call, exc):
    _assert_unchanged(_model(), call, exc)


def _sub3():
    sub3 = sh.Dispatcher(name='sub3')
    sub3.add_data('p', 1)
    sub3.add_function('min', min, ['p', 'q'], ['r'])
    return sub3


@pytest.mark.parametrize('call,exc', [
    (lambda d, s: d.add_dispatcher(s, {'fn': 'p'}, {sh.SINK: 'Z'}),
     ValueError),
    (lambda d, s: d.add_dispatcher(s, {'A': 'p'}, {'r': 'fn'}), ValueError),
    (lambda d, s: d.add_dispatcher(s, ['p'], ['r', {'r': 'R'}]), ValueError),
    (lambda d, s: d.add_dispatcher(s, {('A', 'B'): 'p'}, {},
                                   include_defaults=True), TypeError),
    (lambda d, s: d.add_dispatcher(s, 5, {}), TypeError),
    (lambda d, s: d.add_dispatcher({'data_list': 5}, {}, {}), TypeError),
    (lambda d, s: d.add_dispatcher(s, {'new': 'p', 'fn': 'q'}, {},
                                   include_defaults=True), ValueError),
])
def test_failed_add_dispatcher_changes_nothing(call, exc):
    d, sub3 = _model(), _sub3()
    child_before = _state(sub3)
    _assert_unchanged(d, lambda d: call(d, sub3), exc)
    assert _state(sub3) == child_before


def test_failed_add_func_with_inputs_defaults_changes_nothing():
    def h():
        return 1

    ex = _assert_unchanged(
        _model(), lambda d: d.add_func(h, ['k'], inputs_defaults=True),
        TypeError)
    assert 'h' in str(ex) and 'inputs_defaults' in str(ex)


def test_model_still_works_after_failures():
    d = _model()
    for call, error, message in (
            (lambda: d.add_function('bad', max, None, ['fn']), ValueError,
             r'^Invalid output id: fn is not a data node$'),
            (lambda: d.add_data('fn'), ValueError,
             r'^Invalid data id: override function fn$'),
            (lambda: d.add_dispatcher(5, {}, {}), TypeError,
             r"^add_dispatcher: `dsp` must be a Dispatcher or a dict of "
             r"add_from_lists arguments, not 'int'\.$")):
        with pytest.raises(error, match=message):
            call()
    assert d.add_function('ok', abs, ['c'], ['z']) == 'ok'
    assert d.nodes['ok']['index'] == (6,)
    sol = d.dispatch({'b': -4})
    assert list(sol.items()) == [('b', -4), ('a', 1), ('c', 1), ('z', 1)]


def test_iterator_ids_are_not_consumed_by_the_rollback_bookkeeping():
    d = sh.Dispatcher(default_values={'q': {'value': 1, 'initial_dist': 0}})
    d.add_function('f', max, (i for i in ['a', 'b']), iter(['c']))
    assert list(d.dmap.edges) == [('f', 'c'), ('a', 'f'), ('b', 'f')]
    assert list(d.default_values) == ['q']
