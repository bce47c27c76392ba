# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""
Blueprints: `schedula.utils.blue`, `Dispatcher.blue`/`extend` and
`SubDispatch*.blue` (spec 03 §11, 01 §15).
"""
import copy
import pickle
import operator
import functools

import dill
import pytest

import schedula as sh
from schedula.utils.blue import (
    Blueprint, BlueDispatcher, _init, _safe_call, _parent_blue
)
from schedula.utils.cst import EMPTY, START, SINK, SELF
from schedula.utils.dsp import add_args, parent_func


# --- module-level callables (picklable with the standard pickle) ------------
def positive(x):
    return x > 0


def plus_one(x):
    return x + 1


def on_value(value):
    pass


def ids(deferred):
    keys = ('data_id', 'function_id', 'dsp_id')
    return [(m, next(kw[k] for k in keys if k in kw)) for m, kw in deferred]


# --- §11.2 Blueprint ------------------------------------------------------
def test_blueprint_init_and_cls():
    b = Blueprint(1, 2, name='n')
    assert (b.args, b.kwargs, b.deferred) == ((1, 2), {'name': 'n'}, [])
    assert Blueprint.cls is sh.Dispatcher and b.cls is sh.Dispatcher
    assert BlueDispatcher.cls is sh.Dispatcher
    assert 'cls' not in vars(b)
    assert b._set_cls(dict) is b
    assert vars(b)['cls'] is dict and Blueprint.cls is sh.Dispatcher


def test_blueprint_repr_and_hash_by_identity():
    a, b = Blueprint(), Blueprint()
    assert repr(a).startswith('<schedula.utils.blue.Blueprint object at 0x')
    assert repr(BlueDispatcher()).startswith(
        '<schedula.utils.blue.BlueDispatcher object at 0x')
    assert a != b and hash(a) == object.__hash__(a)
    assert len({a: 1, b: 2}) == 2


def test_blueprint_getstate():
    b = Blueprint(1, k=2)
    b.extra = 'dropped'
    assert b.__getstate__() == {'args': (1,), 'kwargs': {'k': 2},
                                'deferred': []}
    assert list(b._set_cls(dict).__getstate__()) == [
        'args', 'kwargs', 'deferred', 'cls']
    c = pickle.loads(pickle.dumps(b))
    assert vars(c) == {'args': (1,), 'kwargs': {'k': 2}, 'deferred': [],
                       'cls': dict}
    assert Blueprint([('a', 1)], k=2)._set_cls(dict).register() == {
        'a': 1, 'k': 2}


def test_register_builds_cls_with_arguments():
    d = Blueprint(name='built', raises=True).register()
    assert type(d) is sh.Dispatcher
    assert (d.name, d.raises) == ('built', True)
    assert Blueprint(3, 4)._set_cls(divmod).register() == (0, 3)


def test_register_converts_top_level_blueprint_arguments():
    inner = Blueprint([1, 2])._set_cls(tuple)
    outer = Blueprint(inner, [inner], key=inner)._set_cls(
        lambda *a, **k: (a, k))
    args, kwargs = outer.register()
    assert args[0] == (1, 2) and args[1][0] is inner
    assert kwargs == {'key': (1, 2)}


def test_register_replays_deferred_without_mutating_them():
    b = BlueDispatcher().add_data('a', default_value=BlueDispatcher())
    before = b.deferred[0][1]
    recorded = dict(before)
    d = b.register()
    assert b.deferred[0][1] is before and before == recorded
    # The top-level blueprint value was built for the call.
    assert type(d.default_values['a']['value']) is sh.Dispatcher


def test_register_memo_semantics():
    calls = []

    def build(*args):
        calls.append(args)
        return list(args)

    b = Blueprint(1)._set_cls(build)
    memo = {}
    obj = b.register(memo=memo)
    assert obj == [1] and memo == {b: obj}
    assert b.register(memo=memo) is obj and len(calls) == 1
    # Without a memo each registration builds a new object.
    assert b.register() == [1] and b.register() is not obj
    assert len(calls) == 3
    # An entry that is None does not stop the build.
    memo = {b: None, 'other': 0}
    new = b.register(memo=memo)
    assert new == [1] and memo[b] is new and len(calls) == 4
    # `obj` given: the deferred calls are replayed on it.
    existing = sh.Dispatcher(name='existing')
    bd = BlueDispatcher().add_func(len, ['length'])
    assert bd.register(existing) is existing
    assert sorted(existing.nodes) == ['len', 'length', 'obj']
    # The memo entry replaces `obj`.
    other = sh.Dispatcher(name='other')
    assert bd.register(other, memo={bd: existing}) is existing
    assert list(other.nodes) == []


def test_blueprint_call_rebuilds_every_time():
    built = []

    def build():
        built.append(object())
        return lambda *a, **k: (len(built), a, k)

    b = Blueprint()._set_cls(build)
    assert b(1, k=2) == (1, (1,), {'k': 2})
    assert b() == (2, (), {})


def test_helpers_init_and_safe_call():
    b = BlueDispatcher(name='n')
    assert _init(3) == 3
    obj = _init(b)
    assert type(obj) is sh.Dispatcher and obj.name == 'n'
    memo = {}
    assert _init(b, memo) is memo[b]
    assert _safe_call(lambda x, y, z=None: (x, y, z), b, [b], z=b,
                      memo=memo) == (memo[b], [b], memo[b])
    # `fn` is positional-only: a keyword named `fn` is passed on.
    assert _safe_call(dict, fn=1) == {'fn': 1}


# --- §11.3 BlueDispatcher ---------------------------------------------------
def test_blue_dispatcher_spec_example():
    b = sh.BlueDispatcher(name='B', raises=True)
    assert b.add_data('a', default_value=1).add_function(
        function=max, inputs=['a', 'b'], outputs=['c']) is b
    assert (b.set_default_value('b', 5) is b, b.args, b.kwargs['name']) == (
        True, (), 'B')
    assert b.deferred[0] == ('add_data', {
        'data_id': 'a', 'filters': None, 'wait_inputs': False,
        'wildcard': None, 'function': None, 'callback': None,
        'initial_dist': 0.0, 'default_value': 1, 'description': None,
        'await_result': None})
    assert repr(b.deferred[0]) == (
        "('add_data', {'data_id': 'a', 'filters': None, 'wait_inputs': "
        "False, 'wildcard': None, 'function': None, 'callback': None, "
        "'initial_dist': 0.0, 'default_value': 1, 'description': None, "
        "'await_result': None})")
    dsp = b.register()
    assert (type(dsp).__name__, dsp.name, dsp.raises) == (
        'Dispatcher', 'B', True)
    sol1, sol2 = b(), b({'a': 10})
    assert list(sol1.items()) == [('a', 1), ('b', 5), ('c', 5)]
    assert list(sol2.items()) == [('a', 10), ('b', 5), ('c', 10)]
    assert repr(sol1) == "Solution([('a', 1), ('b', 5), ('c', 5)])"


def test_blue_dispatcher_kwargs():
    assert BlueDispatcher().kwargs == {
        'dmap': None, 'name': '', 'default_values': None, 'raises': False,
        'description': '', 'executor': None}
    assert BlueDispatcher(None, 'n', {'a': 1}, True, 'd', 'e').kwargs == {
        'dmap': None, 'name': 'n', 'default_values': {'a': 1},
        'raises': True, 'description': 'd', 'executor': 'e'}
    assert BlueDispatcher().args == ()


def test_recorded_key_orders_and_defaults():
    b = BlueDispatcher()
    b.add_data(zz=1, aa=2)
    b.add_function(zz=1)
    b.add_func(len, zz=1)
    b.add_dispatcher('D', 'I', 'O', zz=1)
    b.add_from_lists()
    b.set_default_value('a')
    assert [m for m, _ in b.deferred] == [
        'add_data', 'add_function', 'add_func', 'add_dispatcher',
        'add_from_lists', 'set_default_value']
    assert [list(kw.items()) for _, kw in b.deferred] == [
        [('zz', 1), ('aa', 2), ('data_id', None), ('filters', None),
         ('wait_inputs', False), ('wildcard', None), ('function', None),
         ('callback', None), ('initial_dist', 0.0), ('default_value', EMPTY),
         ('description', None), ('await_result', None)],
        [('zz', 1), ('function_id', None), ('inputs', None),
         ('function', None), ('weight', None), ('input_domain', None),
         ('filters', None), ('await_result', None), ('await_domain', None),
         ('out_weight', None), ('description', None), ('outputs', None),
         ('inp_weight', None)],
        [('zz', 1), ('function_id', None), ('inputs', None),
         ('function', len), ('weight', None), ('input_domain', None),
         ('filters', None), ('inputs_kwargs', False),
         ('inputs_defaults', False), ('await_result', None),
         ('await_domain', None), ('out_weight', None), ('description', None),
         ('outputs', None), ('inp_weight', None)],
        [('zz', 1), ('include_defaults', False), ('await_domain', None),
         ('weight', None), ('input_domain', None), ('dsp_id', None),
         ('description', None), ('outputs', 'O'), ('inputs', 'I'),
         ('inp_weight', None), ('dsp', 'D')],
        [('data_list', None), ('fun_list', None), ('dsp_list', None)],
        [('data_id', 'a'), ('value', EMPTY), ('initial_dist', 0.0)],
    ]
    assert b.deferred[0][1]['default_value'] is EMPTY


def test_add_func_positional_order():
    # inputs_kwargs comes before inputs_defaults in the blueprint signature.
    b = BlueDispatcher().add_func(len, ['n'], 1, True, False)
    kw = b.deferred[0][1]
    assert (kw['outputs'], kw['weight'], kw['inputs_kwargs'],
            kw['inputs_defaults']) == (['n'], 1, True, False)


def test_blue_dispatcher_has_no_dispatcher_methods():
    b = BlueDispatcher()
    for name in ('dispatch', 'blue', 'get_node', 'nodes', 'dmap'):
        assert not hasattr(b, name), name


def test_blue_dispatcher_memo_sharing_spec_example():
    sub = sh.BlueDispatcher(name='sub').add_function(
        function=abs, inputs=['x'], outputs=['y'])
    top = sh.BlueDispatcher().add_dispatcher(
        sub, ['x'], ['y'], dsp_id='s1').add_dispatcher(
        sub, {'x2': 'x'}, {'y': 'y2'}, dsp_id='s2')
    d1 = top.register()
    assert d1.nodes['s1']['function'] is not d1.nodes['s2']['function']
    memo = {}
    d2 = top.register(memo=memo)
    assert d2.nodes['s1']['function'] is d2.nodes['s2']['function']
    assert memo[sub] is d2.nodes['s1']['function']
    assert top.register(memo=memo) is d2
    assert list(memo) == [sub, top]
    assert list(d2.nodes) == ['s1', 'x', 'y', 's2', 'x2', 'y2']
    assert list(d2({'x': -2, 'x2': -3}).items()) == [
        ('x', -2), ('x2', -3), ('y', 2), ('y2', 3)]
    # Calling the blueprint shares too (it registers with a new memo).
    existing = sh.Dispatcher(name='existing')
    assert sh.BlueDispatcher().add_func(len, ['length']).register(
        existing) is existing
    assert sorted(existing.nodes) == ['len', 'length', 'obj']


def test_add_function_decorator_on_blue_dispatcher():
    b = BlueDispatcher()

    @sh.add_function(b, True, True, outputs=['t'])
    def total(x, y=10):
        return x + y

    assert total(1) == 11
    method, kw = b.deferred[0]
    assert method == 'add_func' and kw['function'] is total
    assert (kw['inputs_kwargs'], kw['inputs_defaults'], kw['outputs']) == (
        True, True, ['t'])
    d = b.register()
    assert d.nodes['total']['inputs'] == ('x', 'y')
    assert d.default_values == {'y': {'value': 10, 'initial_dist': 0.0}}
    assert list(b({'x': 1}).items()) == [('x', 1), ('y', 10), ('t', 11)]


# --- 01 §10-§12: add_* accept blueprints (registered first) --------------
def test_add_methods_register_blueprints():
    sub = BlueDispatcher(name='sub', description='Sub.').add_function(
        function=abs, inputs=['x'], outputs=['y'])
    d = sh.Dispatcher()
    assert d.add_dispatcher(sub, ['x'], ['y']) == 'sub'
    child = d.nodes['sub']['function']
    assert type(child) is sh.Dispatcher and child.name == 'sub'
    assert d.nodes['sub']['description'] == 'Sub.'
    fb = sh.SubDispatchFunction(sub, 'fa', ['x'], ['y'])
    assert type(fb) is Blueprint
    assert d.add_func(fb, ['z']) == 'fa'
    assert type(d.nodes['fa']['function']) is sh.SubDispatchFunction
    assert d.nodes['fa']['inputs'] == ('x',)
    assert d.add_function('g', fb, ['y'], ['w']) == 'g'
    assert type(d.nodes['g']['function']) is sh.SubDispatchFunction
    assert d.nodes['g']['function'] is not d.nodes['fa']['function']
    assert list(d({'x': -4}).items()) == [
        ('x', -4), ('z', 4), ('y', 4), ('w', 4)]


# --- §11.4 other classes from blueprints -----------------------------------
def test_sub_dispatch_function_from_blueprint():
    bs = sh.BlueDispatcher(name='bs').add_function(
        function=lambda x: x * 3, inputs=['x'], outputs=['y'])
    fb = sh.SubDispatchFunction(bs, 'tri', ['x'], ['y'])
    assert (type(fb).__name__, fb.cls.__name__, fb.args[0] is bs,
            fb.args[1:], fb.kwargs) == (
        'Blueprint', 'SubDispatchFunction', True, ('tri', ['x'], ['y']), {})
    assert fb(2) == 6
    assert type(fb.register()).__name__ == 'SubDispatchFunction'
    kw = sh.SubDispatch(dsp=bs, outputs=['y'], output_type='list')
    assert (type(kw), kw.cls, kw.args[0] is bs, kw.kwargs) == (
        Blueprint, sh.SubDispatch, True,
        {'outputs': ['y'], 'output_type': 'list'})
    assert kw({'x': 1}) == [3]
    memo = {}
    built = fb.register(memo=memo)
    assert memo[fb] is built and type(memo[bs]) is sh.Dispatcher
    assert (memo[bs].name, built.dsp.name) == ('bs', 'tri')


# --- §11.5 / 01 §15.1 Dispatcher.blue ---------------------------------------
def test_dispatcher_blue_spec_example_01():
    sub = sh.Dispatcher(name='sub')
    sub.add_function('max', max, ['a', 'b'], ['c'])
    d = sh.Dispatcher(name='main', description='D', raises=True)
    d.add_data('a', 1, initial_dist=2, description='A')
    f = functools.partial(max, 1)
    d.add_function('f', f, ['a'], ['b'], inp_weight={'a': 3}, weight=5)
    d.add_dispatcher(sub, {'b': 'a', 'x': 'b'}, {'c': 'y'}, dsp_id='S',
                     inp_weight={'b': 2})
    bp = d.blue()
    assert (type(bp).__name__, bp.kwargs) == ('BlueDispatcher', {
        'dmap': None, 'name': 'main', 'default_values': None, 'raises': True,
        'description': 'D', 'executor': None})
    assert [(m, sorted(kw)) for m, kw in bp.deferred] == [
        ('add_data', ['data_id', 'default_value', 'description',
                      'initial_dist', 'wait_inputs']),
        ('add_function', ['function', 'function_id', 'inp_weight', 'inputs',
                          'outputs', 'weight']),
        ('add_data', ['data_id', 'wait_inputs']),
        ('add_dispatcher', ['dsp', 'dsp_id', 'inp_weight', 'inputs',
                            'outputs']),
        ('add_data', ['data_id', 'wait_inputs']),
        ('add_data', ['data_id', 'wait_inputs'])]
    # Exact key order: copied attributes, id, weights, function last.
    assert [list(kw) for _, kw in bp.deferred] == [
        ['wait_inputs', 'description', 'data_id', 'default_value',
         'initial_dist'],
        ['inputs', 'outputs', 'weight', 'function_id', 'inp_weight',
         'function'],
        ['wait_inputs', 'data_id'],
        ['inputs', 'outputs', 'dsp_id', 'inp_weight', 'dsp'],
        ['wait_inputs', 'data_id'],
        ['wait_inputs', 'data_id']]
    assert ids(bp.deferred) == [
        ('add_data', 'a'), ('add_function', 'f'), ('add_data', 'b'),
        ('add_dispatcher', 'S'), ('add_data', 'x'), ('add_data', 'y')]
    assert bp.deferred[3][1]['inp_weight'] == {'b': 2, 'x': 0.0}
    assert bp.deferred[0][1] == {
        'wait_inputs': False, 'description': 'A', 'data_id': 'a',
        'default_value': 1, 'initial_dist': 2}
    fun = bp.deferred[1][1]['function']
    assert type(fun) is functools.partial and fun is not f
    assert (fun.func, fun.args, fun.keywords) == (max, (1,), {})
    dsp = bp.deferred[3][1]['dsp']
    assert type(dsp) is BlueDispatcher and dsp.kwargs['name'] == 'sub'
    assert bp.deferred[3][1]['inputs'] is d.nodes['S']['inputs']
    r = bp.register()
    assert (list(r.nodes), r.default_values, r.name, r.__doc__, r.raises) == (
        ['a', 'f', 'b', 'S', 'x', 'y'],
        {'a': {'value': 1, 'initial_dist': 2}}, 'main', 'D', True)
    assert r.nodes['S']['function'] is not sub
    assert dict(r.dmap.edges) == dict(d.dmap.edges)
    assert list(r.dmap.edges) == list(d.dmap.edges)


def test_dispatcher_blue_spec_example_03():
    src = sh.Dispatcher(name='src', description='Source.')
    src.add_data('a', default_value=2, initial_dist=3)
    src.add_function('f', lambda a, b: a + b, ['a', 'b'], ['c'], weight=2,
                     inp_weight={'a': 5})
    bl = src.blue()
    assert (type(bl).__name__, bl.kwargs) == ('BlueDispatcher', {
        'dmap': None, 'name': 'src', 'default_values': None,
        'raises': False, 'description': 'Source.', 'executor': None})
    assert [(m, kw.get('data_id', kw.get('function_id')))
            for m, kw in bl.deferred] == [
        ('add_data', 'a'), ('add_function', 'f'), ('add_data', 'b'),
        ('add_data', 'c')]
    assert (bl.deferred[0][1], bl.deferred[1][1]['inp_weight'],
            bl.deferred[1][1]['weight']) == (
        {'wait_inputs': False, 'data_id': 'a', 'default_value': 2,
         'initial_dist': 3}, {'a': 5}, 2)
    assert bl.register()({'b': 1}) == src({'b': 1})
    assert list(bl.register()({'b': 1}).items()) == [
        ('b', 1), ('a', 2), ('c', 3)]
    memo = {}
    assert src.blue(memo) is src.blue(memo) and memo[src] is src.blue(memo)
    assert src.blue() is not src.blue()


def test_dispatcher_blue_out_weight_and_passthrough_attributes():
    d = sh.Dispatcher()
    d.add_data('a', wildcard=False, filters=[abs], callback=on_value,
               await_result=True, custom='c', function=plus_one,
               wait_inputs=True)
    d.add_function('f', plus_one, ['a'], ['b', 'c'], out_weight={'c': 4},
                   input_domain=positive, description='F', custom=1,
                   await_domain=2, await_result=3, filters=[abs])
    bp = d.blue()
    assert bp.deferred[0] == ('add_data', {
        'wait_inputs': True, 'function': plus_one, 'await_result': True,
        'callback': on_value, 'wildcard': False, 'filters': [abs],
        'custom': 'c', 'data_id': 'a'})
    assert bp.deferred[1] == ('add_function', {
        'inputs': ['a'], 'outputs': ['b', 'c'], 'input_domain': positive,
        'await_domain': 2, 'await_result': 3, 'description': 'F',
        'filters': [abs], 'custom': 1, 'function_id': 'f',
        'out_weight': {'c': 4}, 'function': plus_one})
    r = bp.register()
    _same_model(d, r)
    assert dict(r.dmap.edges) == {('a', 'f'): {}, ('f', 'b'): {},
                                  ('f', 'c'): {'weight': 4}}


def test_dispatcher_blue_does_not_carry_defaults_of_non_nodes():
    d = sh.Dispatcher(default_values={'ghost': {'value': 1,
                                                'initial_dist': 0.0}})
    d.add_data('a')
    assert ids(d.blue().deferred) == [('add_data', 'a')]
    assert d.blue().register().default_values == {}


def test_dispatcher_blue_orders_by_index_stably():
    # Re-running the constructor restarts the counter (as load_map does).
    d = sh.Dispatcher(name='n')
    d.add_data('a', default_value=1)
    d.add_function('f', plus_one, ['a'], ['b'])
    d.__init__(dmap=d.dmap, default_values=d.default_values)
    d.add_data('c')
    assert {k: v['index'] for k, v in d.nodes.items()} == {
        'a': (0,), 'f': (1,), 'b': (2,), 'c': (0,)}
    assert [kw.get('data_id', kw.get('function_id'))
            for m, kw in d.blue().deferred] == ['a', 'c', 'f', 'b']


def test_dispatcher_blue_tokens_round_trip():
    d = sh.Dispatcher(name='tokens')
    d.add_function('start', lambda: 1, outputs=['a'])
    d.add_function('sink', plus_one, ['a'])
    d.add_data(SELF)
    bp = d.blue()
    assert ids(bp.deferred) == [
        ('add_data', START), ('add_function', 'start'), ('add_data', 'a'),
        ('add_data', SINK), ('add_function', 'sink'), ('add_data', SELF)]
    r = bp.register()
    assert list(r.nodes) == [START, 'start', 'a', SINK, 'sink', SELF]
    _same_model(d, r, skip=(SELF,))
    assert r.default_values[SELF]['value'] is r
    assert list(r.default_values) == list(d.default_values)
    assert list(r().items()) == [(SELF, r), ('a', 1), (SINK, {'sink': 2})]
    assert list(d().items()) == [(SELF, d), ('a', 1), (SINK, {'sink': 2})]


def test_dispatcher_blue_does_not_modify_dispatcher():
    d = _model()
    before = dill.dumps(d)
    nodes = {k: dict(v) for k, v in d.nodes.items()}
    sub_nodes = {k: dict(v) for k, v in d.nodes['S']['function'].nodes.items()}
    d.blue()
    assert dill.dumps(d) == before
    assert d.nodes == nodes
    assert d.nodes['S']['function'].nodes == sub_nodes


def test_blue_and_extend_have_no_depth():
    d = sh.Dispatcher()
    with pytest.raises(TypeError, match=r"^Dispatcher\.blue\(\) got an"
                                        r" unexpected keyword argument"
                                        r" 'depth'$"):
        d.blue(depth=1)
    with pytest.raises(TypeError, match=r"^Dispatcher\.extend\(\) got an"
                                        r" unexpected keyword argument"
                                        r" 'depth'$"):
        d.extend(depth=1)
    with pytest.raises(TypeError, match=r"^Blueprint\.register\(\) got an"
                                        r" unexpected keyword argument"
                                        r" 'depth'$"):
        BlueDispatcher().register(depth=1)


# --- _parent_blue ---------------------------------------------------------
def test_parent_blue():
    assert _parent_blue(len) is len and _parent_blue(None) is None
    sub = sh.Dispatcher(name='sub')
    memo = {}
    w = functools.partial(max, sub, 2, key=sub, other=3)
    b = _parent_blue(w, memo)
    assert type(b) is functools.partial and b.func is max
    assert b.args == (memo[sub], 2) and type(memo[sub]) is BlueDispatcher
    assert b.keywords == {'key': memo[sub], 'other': 3}
    sf = sh.SubDispatchFunction(sub, 'sf', [], [])
    a = add_args(functools.partial(sf), 2, callback=sub)
    b = _parent_blue(a, memo)
    assert type(b) is add_args and b.n == 2 and b.callback is memo[sub]
    assert b.func.func is memo[sf] and type(memo[sf]) is Blueprint
    assert memo[sf].cls is sh.SubDispatchFunction
    assert _parent_blue(sub, memo) is memo[sub]
    # memo defaults to a new dict.
    assert _parent_blue(sub) is not _parent_blue(sub)


def test_wrapped_sub_dispatch_functions_stay_wrapped_blueprints():
    sub = sh.Dispatcher(name='sub')
    sub.add_function('plus', operator.add, ['a', 'b'], ['c'])
    sf = sh.SubDispatchFunction(sub, 'sf', ['a', 'b'], ['c'])
    d = sh.Dispatcher()
    d.add_function('p', functools.partial(sf, 10), ['x'], ['y'])
    d.add_function('q', add_args(sf), ['x', 'y', 'z'], ['w'])
    r = d.blue().register()
    assert type(r.nodes['p']['function']) is functools.partial
    assert type(parent_func(r.nodes['p']['function'])) is Blueprint
    assert type(parent_func(r.nodes['q']['function'])) is Blueprint
    assert list(r({'x': 1, 'z': 5}).items()) == list(
        d({'x': 1, 'z': 5}).items()) == [
        ('x', 1), ('z', 5), ('y', 11), ('w', 16)]


# --- §11.6 SubDispatch*.blue -------------------------------------------------
def _sub_model():
    sub = sh.Dispatcher(name='sub', description='Sub.')
    sub.add_function('plus', operator.add, ['a', 'b'], ['c'])
    sub.add_function('minus', operator.sub, ['c', 'b'], ['d'])
    return sub


def test_sub_dispatch_blue():
    sub = _sub_model()
    sd = sh.SubDispatch(sub, ['c'], 3, {'a': 1}, True, False, True, False,
                        'dict')
    memo = {}
    b = sd.blue(memo)
    assert type(b) is Blueprint and b.cls is sh.SubDispatch and b.args == ()
    assert list(b.kwargs) == [
        'dsp', 'outputs', 'cutoff', 'wildcard', 'no_call', 'shrink',
        'output_type', 'inputs_dist', 'rm_unused_nds']
    assert b.kwargs['dsp'] is memo[sub] and memo[sd] is b
    assert {k: v for k, v in b.kwargs.items() if k != 'dsp'} == {
        'outputs': ['c'], 'cutoff': 3, 'wildcard': True, 'no_call': False,
        'shrink': True, 'output_type': 'dict', 'inputs_dist': {'a': 1},
        'rm_unused_nds': False}
    assert sd.blue(memo) is b and sd.blue() is not b
    new = b.register()
    assert type(new) is sh.SubDispatch and new.dsp is not sub
    assert new({'a': 1, 'b': 2}) == sd({'a': 1, 'b': 2}) == {'c': 3}


def test_sub_dispatch_function_and_pipe_blue():
    src = sh.Dispatcher(name='src', description='Source.')
    src.add_data('a', default_value=2, initial_dist=3)
    src.add_function('f', lambda a, b: a + b, ['a', 'b'], ['c'], weight=2,
                     inp_weight={'a': 5})
    f = sh.SubDispatchFunction(src, 'fn', ['a', 'b'], ['c'])
    fb = f.blue()
    assert (fb.cls.__name__, sorted(fb.kwargs)) == (
        'SubDispatchFunction', ['cutoff', 'dsp', 'function_id', 'inputs',
                                'inputs_dist', 'outputs', 'shrink',
                                'wildcard'])
    assert fb.kwargs['shrink'] is True
    assert fb.register()(1, 2) == 3
    sub = _sub_model()
    for cls in (sh.SubDispatchPipe, sh.DispatchPipe):
        p = cls(sub, 'pp', ['a', 'b'], ['d'], no_domain=False)
        pb = p.blue()
        assert pb.cls is cls
        assert sorted(pb.kwargs) == [
            'cutoff', 'dsp', 'function_id', 'inputs', 'inputs_dist',
            'outputs', 'wildcard']
        assert pb.register()(5, 2) == p(5, 2) == 5


def test_blueprint_extend_rejects_non_blueprints():
    sd = sh.SubDispatch(_sub_model())
    with pytest.raises(AttributeError) as info:
        BlueDispatcher().extend(sd)
    assert str(info.value) == (
        "'SubDispatch' object has no attribute 'deferred': only Dispatcher "
        "and Blueprint objects can be merged.")
    with pytest.raises(AttributeError, match=r"^'int' object has no "
                                             r"attribute 'deferred': only "):
        sh.Dispatcher().extend(3)


# --- §11.2 / §11.7 / 01 §15.2 extend -----------------------------------------
def test_blueprint_extend_replays_through_recording_methods():
    d = sh.Dispatcher()
    d.add_function('f', max, ['a', 'b'], ['c'])
    other = BlueDispatcher().add_func(len, ['n'])
    memo = {}
    b = BlueDispatcher().add_data('z')
    assert b.extend(d, other, memo=memo) is b
    assert memo == {d: memo[d]} and type(memo[d]) is BlueDispatcher
    assert ids(b.deferred) == [
        ('add_data', 'z'), ('add_function', 'f'), ('add_data', 'a'),
        ('add_data', 'b'), ('add_data', 'c'), ('add_func', None)]
    # The dicts are new, with the key order and defaults of §11.3.
    assert b.deferred[5][1] is not other.deferred[0][1]
    assert b.deferred[5][1] == other.deferred[0][1]
    assert list(b.deferred[2][1].items()) == [
        ('data_id', 'a'), ('filters', None), ('wait_inputs', False),
        ('wildcard', None), ('function', None), ('callback', None),
        ('initial_dist', 0.0), ('default_value', EMPTY),
        ('description', None), ('await_result', None)]
    assert list(b.deferred[1][1])[-3:] == ['description', 'outputs',
                                            'inp_weight']
    assert b.deferred[1][1]['function_id'] == 'f'
    assert b.deferred[1][1]['inputs'] == ['a', 'b']


def test_dispatcher_extend_spec_example_01():
    d1 = sh.Dispatcher()
    assert d1.add_func(len, ['n'], inputs=['s']) == 'len'
    b2 = sh.BlueDispatcher().add_func(callable, ['c'], inputs=['s'])
    t = sh.Dispatcher(name='target')
    assert t.extend(d1, b2) is t
    assert list(t.nodes) == ['len', 's', 'n', 'callable', 'c']
    # Replaying add_data on 's' and 'n' gives them new indices.
    assert [v['index'] for v in t.nodes.values()] == [
        (0,), (3,), (4,), (5,), (6,)]
    assert t.name == 'target'


def test_dispatcher_extend_spec_example_03():
    src = sh.Dispatcher(name='src', description='Source.')
    src.add_data('a', default_value=2, initial_dist=3)
    src.add_function('f', lambda a, b: a + b, ['a', 'b'], ['c'], weight=2,
                     inp_weight={'a': 5})
    other = sh.BlueDispatcher().add_func(len, ['length'])
    d = sh.Dispatcher(name='target', raises=True).extend(other, src)
    assert (d.name, sorted(d.nodes), d.raises, d.__doc__) == (
        'target', ['a', 'b', 'c', 'f', 'len', 'length', 'obj'], True, '')
    assert list(d.nodes) == ['len', 'obj', 'length', 'a', 'f', 'b', 'c']
    assert d.default_values == {'a': {'value': 2, 'initial_dist': 3}}
    assert d.dmap.edges['a', 'f'] == {'weight': 5}
    assert d.nodes['f']['weight'] == 2


def test_dispatcher_extend_no_blues_and_counter():
    d = sh.Dispatcher(name='x')
    d.add_data('a')
    assert d.extend() is d and list(d.nodes) == ['a']
    assert d.extend(BlueDispatcher().add_data('b')) is d
    assert d.nodes['b']['index'] == (1,)


def test_extend_and_register_memo_subtlety():
    sub = sh.Dispatcher(name='sub')
    sub.add_function('f', abs, ['x'], ['y'])
    d = sh.Dispatcher()
    assert d.add_dispatcher(sub, ['x'], ['y'], dsp_id='s1') == 's1'
    assert d.add_dispatcher(sub, {'x2': 'x'}, {'y': 'y2'}, dsp_id='s2') == 's2'
    assert d.nodes['s1']['function'] is d.nodes['s2']['function']
    t1, t2 = sh.Dispatcher().extend(d), sh.Dispatcher().extend(d, memo={})
    assert t1.nodes['s1']['function'] is not t1.nodes['s2']['function']
    assert t2.nodes['s1']['function'] is t2.nodes['s2']['function']
    r1, r2 = d.blue().register(), d.blue().register(memo={})
    assert r1.nodes['s1']['function'] is not r1.nodes['s2']['function']
    assert r2.nodes['s1']['function'] is r2.nodes['s2']['function']
    bp = d.blue()
    sol = bp({'x': -1, 'x2': -2})
    assert sol.dsp.nodes['s1']['function'] is sol.dsp.nodes['s2']['function']
    assert list(sol.items()) == [('x', -1), ('x2', -2), ('y', 1), ('y2', 2)]


# --- round trips -------------------------------------------------------------
def _model():
    sub = sh.Dispatcher(name='sub', description='Sub model.')
    sub.add_data('a', default_value=1)
    sub.add_function('plus', operator.add, ['a', 'b'], ['c'])
    sub.add_function('mul', operator.mul, ['a', 'b'], ['d'], weight=3)
    d = sh.Dispatcher(name='main', raises=True)
    d.add_data('x', default_value=2, initial_dist=1, description='X')
    d.add_function('neg', operator.neg, ['x'], ['y'], input_domain=positive)
    d.add_function('inc', plus_one, ['x'], ['y'], weight=4)
    d.add_dispatcher(sub, {'y': 'b', 'x': 'a'}, {'c': 'z', 'd': 'w'},
                     dsp_id='S', inp_weight={'y': 1})
    d.add_dispatcher(sub, {'z': 'b', 'u': 'a'}, {'c': 'v'}, dsp_id='S2',
                     include_defaults=True)
    d.add_function('top', max, ['z', 'v'], ['k'], out_weight={'k': 2})
    d.add_data('k', callback=on_value, description='K')
    return d


def _same_model(a, b, skip=()):
    assert list(a.nodes) == list(b.nodes)
    for k, attr in a.nodes.items():
        if k in skip:
            assert a.nodes[k].keys() == b.nodes[k].keys()
            continue
        other = b.nodes[k]
        assert list(attr) == list(other)
        for key, value in attr.items():
            if key == 'function' and attr['type'] == 'dispatcher':
                _same_model(value, other[key])
            elif key == 'index':  # Re-adding a data node takes a new one.
                continue
            else:
                assert value == other[key], (k, key)
    assert list(a.dmap.edges.data()) == list(b.dmap.edges.data())
    assert list(a.default_values) == list(b.default_values)
    assert {k: v for k, v in a.default_values.items() if k not in skip} == {
        k: v for k, v in b.default_values.items() if k not in skip}
    assert (a.name, a.__doc__, a.raises, a.executor) == (
        b.name, b.__doc__, b.raises, b.executor)


def _same_dispatch(a, b, *args, **kwargs):
    s1, s2 = a(*args, **kwargs), b(*args, **kwargs)
    assert list(s1.items()) == list(s2.items())
    assert s1.dist == s2.dist
    assert list(s1.workflow.edges.data()) == list(s2.workflow.edges.data())
    return s1


def test_round_trip_model():
    d = _model()
    assert d.default_values == {'x': {'value': 2, 'initial_dist': 1},
                                'u': {'value': 1, 'initial_dist': 0.0}}
    assert d.nodes['S2']['function'].default_values == {}
    for r in (d.blue().register(), d.blue().register(memo={}),
              sh.Dispatcher(name='main', raises=True).extend(d)):
        _same_model(d, r)
        sol = _same_dispatch(d, r)  # Domain of 'neg' true: y = -x.
        assert list(sol.items()) == [('u', 1), ('x', 2), ('y', -2), ('z', 0),
                                     ('v', 1), ('w', -4), ('k', 1)]
        assert sol.dist == {
            START: -1, 'u': 0.0, 'S2': 0.0, 'x': 1.0, 'S': 1.0, 'neg': 2.0,
            'y': 3.0, 'inc': 6.0, 'z': 6.0, 'v': 8.0, 'top': 9.0, 'w': 9.0,
            'k': 11.0}
        sol = _same_dispatch(d, r, {'x': -3})  # Weighted alternative 'inc'.
        assert list(sol.items()) == [('u', 1), ('x', -3), ('y', -2),
                                     ('z', -5), ('v', -4), ('w', 6),
                                     ('k', -4)]
        sol = _same_dispatch(d, r, {'x': 5, 'y': 1}, ['k'])
        assert list(sol.items()) == [('u', 1), ('x', 5), ('y', 1), ('z', 6),
                                     ('v', 7), ('k', 7)]
    shared = d.blue().register(memo={})
    assert shared.nodes['S']['function'] is shared.nodes['S2']['function']
    separate = d.blue().register()
    assert separate.nodes['S']['function'] is not \
        separate.nodes['S2']['function']


def test_round_trip_twice_keeps_deferred():
    d = _model()
    b1 = d.blue()
    b2 = b1.register().blue()
    assert [(m, list(kw)) for m, kw in b1.deferred] == [
        (m, list(kw)) for m, kw in b2.deferred]


# --- §11.8 pickling ----------------------------------------------------------
def test_pickle_blueprints_standard_pickle():
    d = _model()
    bp = d.blue()
    loaded = pickle.loads(pickle.dumps(bp))
    assert type(loaded) is BlueDispatcher
    assert set(vars(loaded)) == {'args', 'kwargs', 'deferred'}
    assert ids(loaded.deferred) == ids(bp.deferred)
    r = loaded.register()
    _same_model(d, r)
    _same_dispatch(d, r, {'x': -3})
    b = pickle.loads(pickle.dumps(BlueDispatcher().add_data('a')))
    assert b.deferred[0][1]['default_value'] is EMPTY


def test_dill_blueprints_unchanged_by_build_and_call():
    src = sh.Dispatcher(name='src')
    src.add_data('a', default_value=2)
    src.add_function('f', lambda a, b: a + b, ['a', 'b'], ['c'])
    bp = src.blue()
    before = dill.dumps(bp)
    bp.register()
    bp.register(memo={})
    assert list(bp({'b': 1}).items()) == [('a', 2), ('b', 1), ('c', 3)]
    assert dill.dumps(bp) == before
    loaded = dill.loads(before)
    assert list(loaded({'b': 4}).items()) == [('a', 2), ('b', 4), ('c', 6)]
    fb = sh.SubDispatchFunction(bp, 'fn', ['a', 'b'], ['c'])
    fb._set_cls(sh.SubDispatchFunction)
    fl = dill.loads(dill.dumps(fb))
    assert vars(fl)['cls'] is sh.SubDispatchFunction and fl(1, 2) == 3


def test_copy_blueprints():
    bp = _model().blue()
    for new in (copy.copy(bp), copy.deepcopy(bp)):
        assert type(new) is BlueDispatcher and new is not bp
        assert ids(new.deferred) == ids(bp.deferred)
        _same_model(bp.register(), new.register())


def test_pickled_blueprint_smaller_than_dispatcher():
    d = _model()
    assert len(dill.dumps(d.blue())) < len(dill.dumps(d))
