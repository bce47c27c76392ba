# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""
Helper functions and `inf` of `schedula.utils.dsp` (spec 03 §7, §8).
"""
import copy
import math
import inspect
import pickle
import functools
import collections

import pytest

import schedula as sh
from schedula.utils.gen import Token
from schedula.utils import dsp as dsp_mod
from schedula.utils.dsp import (
    stlp, combine_dicts, kk_dict, bypass, summation, map_dict, map_list,
    selector, replicate_value, parent_func, partial, add_args,
    stack_nested_keys, get_nested_dicts, are_in_nested_dicts,
    combine_nested_dicts, add_function, inf, _get_signature, _get_par_args
)


def f3(a, b, c=3):
    """Sum."""
    return a + b + c


# --- §7.1 stlp --------------------------------------------------------------
def test_stlp():
    assert stlp('ab') == ('ab',)
    t = ('a', 'b')
    assert stlp(t) is t
    assert stlp(None) is None
    lst = ['a']
    assert stlp(lst) is lst
    tok = Token('x')
    res = stlp(tok)
    assert type(res) is tuple and len(res) == 1 and res[0] is tok
    assert stlp(sh.START)[0] is sh.START


# --- §7.2 combine_dicts -----------------------------------------------------
def test_combine_dicts_merge():
    out = combine_dicts({'x': 1, 'y': 1}, {'y': 2}, None, {'z': 3})
    assert out == {'x': 1, 'y': 2, 'z': 3}
    assert list(out) == ['x', 'y', 'z']
    assert combine_dicts() == {}
    assert combine_dicts(None, {}, None) == {}
    assert type(combine_dicts({}, {})) is dict


def test_combine_dicts_base():
    base = {'k': 0}
    out = combine_dicts({'a': 1}, base=base)
    assert out is base and base == {'k': 0, 'a': 1}
    base = {'k': 0}
    assert combine_dicts(base=base) is base
    # copy=True: base still updated, but a new deep-copied dict is returned.
    base, src = {'k': [0]}, {'a': [1]}
    out = combine_dicts(src, base=base, copy=True)
    assert out is not base and out == base == {'k': [0], 'a': [1]}
    assert base['a'] is src['a'] and out['a'] is not src['a']
    assert out['k'] is not base['k']


def test_combine_dicts_single_copy():
    d = {'v': [1]}
    assert combine_dicts(d) is not d
    assert combine_dicts(d)['v'] is d['v']
    out = combine_dicts(d, copy=True)
    assert out == d and out['v'] is not d['v']
    od = collections.OrderedDict([('b', 1), ('a', 2)])
    res = combine_dicts(od)
    assert type(res) is collections.OrderedDict and res == od and res is not od
    # The single-argument copy uses the object's own `copy`.
    pairs = [('a', 1)]
    assert combine_dicts(pairs) == pairs and combine_dicts(pairs) is not pairs
    # Empty single dict: still a fresh copy.
    e = {}
    assert combine_dicts(e) == {} and combine_dicts(e) is not e


def test_combine_dicts_shared_dict_not_mutated():
    a, b = {'x': 1}, {'y': 2}
    out = combine_dicts(a, b)
    assert out is not a and a == {'x': 1} and b == {'y': 2}


def test_combine_dicts_non_mapping():
    with pytest.raises(AttributeError) as exc:
        combine_dicts(None)
    msg = str(exc.value)
    assert msg.startswith("'NoneType' object has no attribute 'copy'")
    assert 'combine_dicts' in msg and 'None' in msg
    with pytest.raises(AttributeError) as exc:
        combine_dicts(5)
    msg = str(exc.value)
    assert msg.startswith("'int' object has no attribute 'copy'")
    assert 'combine_dicts' in msg and '5' in msg
    with pytest.raises(TypeError) as exc:
        combine_dicts({'a': 1}, 7)
    assert 'combine_dicts' in str(exc.value) and '7' in str(exc.value)
    # Iterables of pairs merge as with `dict.update`.
    assert combine_dicts({'a': 1}, [('b', 2)]) == {'a': 1, 'b': 2}


# --- §7.3 kk_dict -----------------------------------------------------------
def test_kk_dict():
    out = kk_dict('p', {'q': 'r'}, s='t')
    assert out == {'s': 't', 'p': 'p', 'q': 'r'}
    assert list(out) == ['s', 'p', 'q']
    assert kk_dict() == {}
    assert kk_dict('a', 'b') == {'a': 'a', 'b': 'b'}
    tok = Token('a')
    assert kk_dict(tok, 'a') == {tok: tok, 'a': 'a'}


def test_kk_dict_errors():
    with pytest.raises(ValueError) as exc:
        kk_dict('p', 'p')
    assert str(exc.value) == 'keyword argument repeated (p)'
    with pytest.raises(ValueError) as exc:
        kk_dict({'y': 1, 'x': 2}, x=0, y=0)
    assert str(exc.value) == 'keyword argument repeated (x, y)'
    with pytest.raises(ValueError) as exc:
        kk_dict('a', a=1)
    assert str(exc.value) == 'keyword argument repeated (a)'
    with pytest.raises(ValueError) as exc:
        kk_dict({'b': 1, 'a': 1}, {'a': 2, 'b': 3, 'c': 0})
    assert str(exc.value) == 'keyword argument repeated (a, b)'
    with pytest.raises(ValueError) as exc:
        kk_dict('q', {'q': 1})
    assert str(exc.value) == 'keyword argument repeated (q)'


# --- §7.4 bypass ------------------------------------------------------------
def test_bypass():
    assert bypass() == ()
    assert bypass(7) == 7
    assert bypass(7, 8) == (7, 8)
    x = [1]
    assert bypass(x) is x
    y = bypass(x, copy=True)
    assert y == x and y is not x
    # The deepcopy is on the whole tuple: shared items stay shared.
    r = bypass(x, x, copy=True)
    assert r == ([1], [1]) and r[0] is r[1] and r[0] is not x
    r = bypass(x, x)
    assert r[0] is x and r[1] is x
    assert bypass(copy=True) == ()


# --- §7.5 summation ---------------------------------------------------------
def test_summation():
    assert summation(1, 2.5, 3) == 6.5
    assert summation('a', 'b') == 'ab'
    assert summation([1], [2]) == [1, 2]
    x = [1]
    assert summation(x) is x
    assert summation(inf(1, 2), 3) == inf(1, 5)
    with pytest.raises(TypeError) as exc:
        summation()
    assert str(exc.value) == 'reduce() of empty iterable with no initial value'


# --- §7.6 map_dict ----------------------------------------------------------
def test_map_dict():
    out = map_dict({'x': 'X', 'y': 'Y'}, {'x': 1, 'z': 3}, {'y': 2})
    assert out == {'X': 1, 'z': 3, 'Y': 2}
    assert list(out) == ['X', 'z', 'Y']
    out = map_dict({'p': 'q', 'q': 'p'}, {'p': 1, 'q': 2})
    assert out == {'q': 1, 'p': 2} and list(out) == ['q', 'p']
    assert map_dict({'a': 'b'}, {'a': 1, 'b': 2}) == {'b': 2}
    assert map_dict({'a': 'b'}, {'b': 2, 'a': 1}) == {'b': 1}
    assert map_dict({'a': 'b'}) == {}
    assert map_dict({}, None, {'a': 1}) == {'a': 1}


def test_map_dict_copy_base():
    src = {'a': [1]}
    out = map_dict({'a': 'b'}, src)
    assert out == {'b': [1]} and out['b'] is src['a'] and src == {'a': [1]}
    out = map_dict({'a': 'b'}, src, copy=True)
    assert out == {'b': [1]} and out['b'] is not src['a']
    base = {'k': 0}
    out = map_dict({'a': 'b'}, src, base=base)
    assert out is base and base == {'k': 0, 'b': [1]}
    base = {'k': 0}
    out = map_dict({'a': 'b'}, src, base=base, copy=True)
    assert out is not base and out == base == {'k': 0, 'b': [1]}
    assert base['b'] is src['a'] and out['b'] is not src['a']
    # The single input dict is never returned nor mutated.
    d = {'x': 1}
    assert map_dict({}, d) is not d and map_dict({}, d) == d


def test_map_dict_non_mapping():
    with pytest.raises(AttributeError) as exc:
        map_dict({'a': 'b'}, 5)
    msg = str(exc.value)
    assert "'int' object" in msg and 'map_dict' in msg and '5' in msg
    with pytest.raises(AttributeError) as exc:
        map_dict({'a': 'b'}, None)
    assert "'NoneType' object" in str(exc.value)
    with pytest.raises(AttributeError) as exc:
        map_dict(['a'], {'a': 1})
    assert "'list' object" in str(exc.value)
    assert 'map_dict' in str(exc.value)
    with pytest.raises(TypeError) as exc:
        map_dict({}, {'a': 1}, 5)
    assert 'map_dict' in str(exc.value) and '5' in str(exc.value)


# --- §7.7 map_list ----------------------------------------------------------
def test_map_list():
    assert map_list(['a', 'b'], 1, 2, 3) == {'a': 1, 'b': 2}
    assert map_list(['a', 'b', 'c'], 1) == {'a': 1}
    out = map_list([{'x': 'X'}, ['p', ['q', 'r']]], {'x': 1, 'y': 2},
                   (10, (20, 30)))
    assert out == {'X': 1, 'y': 2, 'p': 10, 'q': 20, 'r': 30}
    assert list(out) == ['X', 'y', 'p', 'q', 'r']
    b = {}
    assert map_list(['k'], 0, base=b) is b and b == {'k': 0}
    assert map_list([]) == {}
    # A tuple key is a plain key.
    assert map_list([('a', 'b')], 1) == {('a', 'b'): 1}


def test_map_list_copy():
    v = [1]
    out = map_list(['a'], v)
    assert out['a'] is v
    b = {'z': [0]}
    out = map_list(['a'], v, base=b, copy=True)
    assert out is not b and out == b == {'z': [0], 'a': [1]}
    assert out['a'] is not v and b['a'] is v


def test_map_list_errors():
    with pytest.raises(TypeError) as exc:
        map_list([['a', 'b']], 5)
    msg = str(exc.value)
    assert msg.startswith('Value after * must be an iterable, not int')
    assert 'map_list' in msg and '5' in msg
    with pytest.raises(AttributeError) as exc:
        map_list([{'a': 'b'}], 5)
    msg = str(exc.value)
    assert "'int' object" in msg and 'map_list' in msg and '5' in msg


# --- §7.8 selector ----------------------------------------------------------
def test_selector():
    d = {'a': 1, 'b': [2], 'c': 3}
    out = selector(['b', 'a'], d)
    assert out == {'b': [2], 'a': 1} and list(out) == ['b', 'a']
    assert out['b'] is d['b']
    assert selector(('b', 'a'), d, output_type='list') == [[2], 1]
    assert selector(['b'], d, output_type='values') is d['b']
    assert selector(['a', 'b'], d, output_type='values') == (1, [2])
    assert selector([], d, output_type='values') == ()
    assert selector(['a', 'zz'], d, allow_miss=True, output_type='values') == 1
    assert selector(['a', 'zz'], d, allow_miss=True) == {'a': 1}
    assert selector(['zz'], d, allow_miss=True, output_type='list') == []
    assert selector(['b'], d, copy=True)['b'] is not d['b']
    assert selector(['b'], d, copy=True, output_type='list')[0] is not d['b']
    assert selector(['b'], d, copy=True, output_type='values') is not d['b']
    assert selector('ab', d) == {'a': 1, 'b': [2]}  # Per character.
    assert selector(['a'], d, output_type='other') == {'a': 1}
    assert selector(['a', 'a'], d, output_type='list') == [1, 1]
    with pytest.raises(KeyError) as exc:
        selector(['a', 'zz'], d)
    assert exc.value.args == ('zz',)
    with pytest.raises(KeyError, match=r"^'zz'$"):
        selector(['zz'], d, output_type='values')


# --- §7.9 replicate_value ---------------------------------------------------
def test_replicate_value():
    v = [0]
    r = replicate_value(v)
    assert r == ([0], [0]) and r[0] is not v and r[0] is r[1]
    r = replicate_value(v, 3, copy=False)
    assert r == ([0], [0], [0]) and all(i is v for i in r)
    r = replicate_value(v, 1)
    assert r == [0] and r is not v
    assert replicate_value(v, 0) == ()


# --- §7.10 parent_func / §7.11 partial -------------------------------------
def test_partial():
    assert partial is functools.partial
    assert sh.partial is functools.partial


def test_parent_func():
    def f(a, b, c=3):
        return a + b + c

    w = add_args(partial(f, 10), 2)
    assert parent_func(w) is f
    assert parent_func(w, 0) == (f, -1)
    assert parent_func(w, 2) == (f, 1)
    assert parent_func(f, 4) == (f, 4)
    assert parent_func(f) is f
    # Keywords bound by a partial do not shift the index.
    assert parent_func(partial(f, 1, c=2), 0) == (f, 1)
    assert parent_func(partial(partial(f, 1), 2), 0) == (f, 2)
    assert parent_func(add_args(add_args(f, 2), 1), 3) == (f, 0)
    assert parent_func(None) is None
    obj = object()
    assert parent_func(obj, 1) == (obj, 1)


# --- §7.12 add_args ---------------------------------------------------------
def test_add_args_example():
    def f(a, b, c=3):
        "Sum."
        return a + b + c

    w = add_args(sh.partial(f, 10), 2)
    assert (w.__name__, w.__doc__, w.n) == ('f', 'Sum.', 2)
    assert w.func.func is f and w.callback is None
    assert str(inspect.signature(w)) == '(none, none, b, c=3)'
    assert w('x', 'y', 1) == 14
    assert w('x', 'y', 1, c=0) == 11
    log = []
    cb = add_args(f, callback=lambda res, *a, **k: log.append((res, a, k)))
    assert cb('skip', 1, 2, c=5) == 8
    assert log == [(8, ('skip', 1, 2), {'c': 5})]
    assert cb.n == 1 and cb.func is f


def test_add_args_names():
    assert add_args(f3).__name__ == 'f3'
    assert add_args(f3).__doc__ == 'Sum.'
    assert add_args(partial(f3, 1)).__name__ == 'f3'
    assert add_args(lambda: 1).__name__ == '<lambda>'

    class C:
        """Class doc."""

        def __call__(self):
            """Call doc."""

    w = add_args(C())
    assert w.__name__ is None and w.__doc__ is None
    w = add_args(partial(C()))
    assert w.__name__ is None and w.__doc__ is None
    assert add_args.__name__ == 'add_args'


def test_add_args_call():
    def kw(*args, **kwargs):
        return args, kwargs

    w = add_args(kw, 2)
    assert w(1, 2, 3, _sol_name=('F',)) == ((3,), {'_sol_name': ('F',)})
    assert w(1) == ((), {})
    assert add_args(kw, 0)(1, 2) == ((1, 2), {})
    called = []
    w = add_args(kw, callback=0)  # Falsy callback: not called.
    assert w(1, 2) == ((2,), {}) and called == []


def test_add_args_signature():
    w = add_args(f3, 2)
    sig = inspect.signature(w)
    names = list(sig.parameters)
    assert str(sig) == '(none, none, a, b, c=3)'
    assert all(type(n) is Token for n in names[:2])
    assert names[0] != names[1] and names[0] != 'none'
    assert str(names[0]) == 'none'
    assert names[2:] == ['a', 'b', 'c']
    p = sig.parameters[names[0]]
    assert p.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD
    assert p.default is inspect.Parameter.empty
    # A new token at each request.
    assert list(inspect.signature(w).parameters)[0] is not names[0]
    assert list(_get_par_args(w))[2:] == ['a', 'b', 'c']
    assert str(inspect.signature(add_args(f3, 0))) == '(a, b, c=3)'


def test_add_args_pickle_copy():
    w = add_args(partial(f3, 10), 2)
    for other in (pickle.loads(pickle.dumps(w)), copy.deepcopy(w)):
        assert type(other) is add_args
        assert (other.__name__, other.__doc__, other.n) == ('f3', 'Sum.', 2)
        assert other('x', 'y', 1) == 14
        assert str(inspect.signature(other)) == '(none, none, b, c=3)'


def test_get_signature_and_par_args():
    def g(a, b=1, *args, c=2, **kw):
        pass

    assert _get_signature(g, 0) == inspect.signature(g)
    assert str(_get_signature(g)) == '(none, a, b=1, *args, c=2, **kw)'
    assert list(_get_par_args(g)) == ['a', 'b']
    assert list(_get_par_args(g, True)) == ['a']
    assert list(_get_par_args(partial(g, b=3))) == ['a']
    assert list(_get_par_args(lambda *a: 0)) == []
    with pytest.raises(ValueError, match=r'^no signature found for '):
        list(_get_par_args(max))


# --- §7.13 stack_nested_keys ------------------------------------------------
def test_stack_nested_keys():
    d = {'x': {'y': 1, 'z': {'w': 2}}, 'v': 3, 'e': {}}
    assert list(stack_nested_keys(d)) == [
        (('x', 'y'), 1), (('x', 'z', 'w'), 2), (('v',), 3)
    ]
    out = list(stack_nested_keys(d, key=('r',), depth=2))
    assert out == [
        (('r', 'x', 'y'), 1), (('r', 'x', 'z'), {'w': 2}), (('r', 'v'), 3)
    ]
    assert out[1][1] is d['x']['z']
    assert list(stack_nested_keys(5)) == [((), 5)]
    assert list(stack_nested_keys({})) == []
    res = list(stack_nested_keys(d, depth=0))
    assert res == [((), d)] and res[0][1] is d
    assert list(stack_nested_keys(d, key=('k',), depth=0))[0][0] == ('k',)
    gen = stack_nested_keys(d)
    assert iter(gen) is gen


# --- §7.14 get_nested_dicts -------------------------------------------------
def test_get_nested_dicts():
    n = {}
    assert get_nested_dicts(n, 'a', 'b') == {} and n == {'a': {'b': {}}}
    assert get_nested_dicts(n, 'a', 'c', default=list) == []
    assert n == {'a': {'b': {}, 'c': []}}
    out = get_nested_dicts(n, 'q', 'r', default=set,
                           init_nesting=collections.OrderedDict)
    assert out == set() and type(out) is set
    assert type(n['q']) is collections.OrderedDict
    assert get_nested_dicts(n) is n
    assert get_nested_dicts(n, 'a') is n['a']
    # Existing values are never replaced.
    n = {'a': 1}
    assert get_nested_dicts(n, 'a', default=list) == 1 and n == {'a': 1}
    # A falsy default becomes init_nesting.
    n = {}
    assert get_nested_dicts(n, 'a', default=0, init_nesting=list) == []
    with pytest.raises(TypeError) as exc:
        get_nested_dicts({'a': 1}, 'a', 'b')
    assert str(exc.value) == "argument of type 'int' is not iterable"


# --- §7.15 are_in_nested_dicts ----------------------------------------------
def test_are_in_nested_dicts():
    d = {'x': {'z': {'w': 2}}, 's': 'abc'}
    assert are_in_nested_dicts(d, 'x', 'z', 'w') is True
    assert are_in_nested_dicts(d, 'x', 'q') is False
    assert are_in_nested_dicts(d, 's', 0) is True
    assert are_in_nested_dicts(d) is True
    assert are_in_nested_dicts(d, 'x', 'z', 'w', 'k') is False
    assert are_in_nested_dicts(None, 'a') is False


# --- §7.16 combine_nested_dicts ---------------------------------------------
def test_combine_nested_dicts():
    a = {'p': {'q': 1, 'r': {'s': 2}}, 'k': 0}
    b = {'p': {'r': 5, 't': {}}, 'k': {'m': 1}}
    out = combine_nested_dicts(a, b)
    assert out == {'p': {'q': 1, 'r': 5}, 'k': {'m': 1}}
    assert list(out) == ['p', 'k'] and list(out['p']) == ['q', 'r']
    # 'k' was the leaf 0: b's sub-dict went in by reference.
    assert out['k'] is b['k'] and out['p'] is not a['p']
    out = combine_nested_dicts(a, b, depth=1)
    assert out == {'p': {'r': 5, 't': {}}, 'k': {'m': 1}}
    assert out['p'] is b['p']
    base = {'p': 'leaf'}
    src = {'p': {'x': 1}}
    out = combine_nested_dicts(src, base=base)
    assert out is base and out['p'] is src['p']
    assert combine_nested_dicts() == {}
    assert combine_nested_dicts(5) == {}
    assert combine_nested_dicts({'e': {}}) == {}


def test_combine_nested_dicts_by_reference():
    a, b, c = {'p': 1}, {'p': {'x': 1}}, {'p': {'y': 2}}
    out = combine_nested_dicts(a, b, c)
    assert out == {'p': {'x': 1, 'y': 2}}
    assert out['p'] is b['p']
    assert b == {'p': {'x': 1, 'y': 2}}  # The caller's input was mutated.
    # The shortest failing path wins: deeper paths blocked by a leaf.
    base = {'p': 1}
    src = {'p': {'q': {'r': 1}}}
    out = combine_nested_dicts(src, base=base)
    assert out['p'] is src['p']


# --- §7.17 add_function -----------------------------------------------------
class _FakeDsp:
    def __init__(self):
        self.calls = []

    def add_func(self, function, **kw):
        self.calls.append((function, kw))
        return function.__name__


def test_add_function_fake():
    dsp = _FakeDsp()

    @add_function(dsp, outputs=['s'])
    @add_function(dsp, True, True, outputs=['t'], function_id='tot2')
    def total(x, y, z=10):
        return x + y + z

    assert total(1, 2) == 13 and total.__name__ == 'total'
    assert [c[0] for c in dsp.calls] == [total, total]
    assert dsp.calls[0][1] == {
        'inputs_kwargs': True, 'inputs_defaults': True, 'outputs': ['t'],
        'function_id': 'tot2'
    }
    assert dsp.calls[1][1] == {
        'inputs_kwargs': False, 'inputs_defaults': False, 'outputs': ['s']
    }


def test_add_function_dispatcher():
    dsp = sh.Dispatcher(name='deco')

    @sh.add_function(dsp, outputs=['s'])
    @sh.add_function(dsp, True, True, outputs=['t'], function_id='tot2')
    def total(x, y, z=10):
        return x + y + z

    assert total(1, 2) == 13
    assert dsp.nodes['total']['inputs'] == ('x', 'y')
    assert dsp.nodes['tot2']['inputs'] == ('x', 'y', 'z')
    assert dsp.nodes['total']['function'] is total
    assert dsp.default_values == {'z': {'value': 10, 'initial_dist': 0.0}}


# --- §8 inf -----------------------------------------------------------------
def test_inf_type():
    assert inf.__name__ == 'inf'
    assert inf.__bases__[0].__name__ == '_inf'
    assert issubclass(inf, tuple)
    assert inf._fields == ('inf', 'num')
    x = inf(inf=1, num=2)
    assert x.inf == 1 and x.num == 2 and tuple(x) == (1, 2)
    assert type(inf._make([1, 2])) is inf
    r = x._replace(num=3)
    assert type(r) is inf and tuple(r) == (1, 3)
    assert x._asdict() == {'inf': 1, 'num': 2}
    with pytest.raises(TypeError, match=r"^_inf\.__new__\(\) missing 1"
                                        r" required positional argument:"
                                        r" 'num'$"):
        inf(1)
    assert bool(inf(0, 0)) is True and len(x) == 2 and list(x) == [1, 2]
    assert sh.inf is inf


def test_inf_repr_format():
    x = inf(1, 2.5)
    assert repr(x) == 'inf(inf=1, num=2.5)' and str(x) == repr(x)
    assert repr(inf(0, 3)) == '3' and str(inf(0, 3)) == '3'
    assert repr(inf(0.0, 2.0)) == '2.0'
    assert repr([inf(0, 1), inf(2, 0)]) == '[1, inf(inf=2, num=0)]'
    assert repr(inf(0, 'a')) == 'a'
    assert repr(inf(1, 'a')) == 'inf(inf=1, num=a)'
    f4 = inf.format(4)
    assert type(f4) is inf and tuple(f4) == (0, 4) and repr(f4) == '4'
    f23 = inf.format((2, 3))
    assert type(f23) is inf and repr(f23) == 'inf(inf=2, num=3)'
    assert tuple(inf.format(x)) == (1, 2.5)
    assert repr(inf.format(0.0)) == '0.0'
    assert repr(inf(0, -1)) == '-1'


def test_inf_hash():
    with pytest.raises(TypeError) as exc:
        hash(inf(1, 2))
    assert str(exc.value) == "unhashable type: 'inf'"


def _check(value, expected):
    assert type(value) is inf and tuple(value) == expected, value


def test_inf_add_sub():
    x = inf(1, 2.5)
    _check(x + 1, (1, 3.5))
    _check(1 + x, (1, 3.5))
    _check(x + inf(1, 1), (2, 3.5))
    _check(10 - x, (-1, 7.5))
    _check(x - inf(1, 0.5), (0, 2.0))
    assert repr(x - inf(1, 0.5)) == '2.0'
    _check(x - 1, (1, 1.5))
    _check(inf(3, 4) - inf(1, 1), (2, 3))
    y = x
    y += 1
    _check(y, (1, 3.5))
    _check(x, (1, 2.5))
    _check(inf(0, 0.0) + 1.0, (0, 1.0))


def test_inf_mul_div():
    x = inf(1, 2.5)
    _check(x * 2, (2, 5.0))
    _check(2 * x, (2, 5.0))
    _check(x * inf(2, 2), (2, 5.0))
    _check(5 / inf(1, 2), (5.0, 2.5))
    _check(inf(4, 2) / 2, (2.0, 1.0))
    _check(inf(4, 2) / inf(2, 1), (2.0, 2.0))
    _check(7 // inf(2, 3), (3, 2))
    _check(inf(7, 8) // 2, (3, 4))
    _check(7 % inf(2, 3), (1, 1))
    _check(inf(7, 8) % 3, (1, 2))
    _check(2 ** inf(1, 3), (2, 8))
    _check(inf(2, 3) ** 2, (4, 9))
    _check(inf(2, 3) ** inf(3, 2), (8, 9))
    _check(inf(7, 8) // inf(2, 3), (3, 2))
    _check(inf(7, 8) % inf(2, 3), (1, 2))


def test_inf_unary():
    x = inf(1, 2.5)
    _check(-x, (-1, -2.5))
    _check(+x, (1, 2.5))
    _check(abs(inf(-1, -2)), (1, 2))
    _check(math.ceil(inf(1.5, 2.5)), (2, 3))
    _check(math.floor(inf(1.5, -2.5)), (1, -3))
    _check(math.trunc(inf(1.5, -2.5)), (1, -2))
    _check(round(inf(1.26, 2.44), 1), (1.3, 2.4))
    r = round(inf(1.6, 2.4))
    _check(r, (2, 2))
    assert all(type(i) is int for i in r)


def test_inf_comparisons():
    x = inf(1, 2.5)
    assert x > 100
    assert inf(0, 3) == 3 and 3 == inf(0, 3)
    assert not (inf(0, 3) != 3)
    assert inf(0, 1) != (0, 1) and not (inf(0, 1) == (0, 1))
    assert not ((0, 1) == inf(0, 1))
    assert not (x < float('inf'))
    assert 3 < inf(1, 0)
    assert inf(1, 0) > float('inf')
    assert inf(0, 2) == inf(0, 2) and inf(0, 2) != inf(1, 2)
    assert inf(0, 2) <= 2 and inf(0, 2) >= 2 and not inf(0, 2) < 2
    assert 2 <= inf(0, 2) and 2 >= inf(0, 2)
    assert inf(0, 5) < inf(1, -100) and inf(-1, 100) < 0
    assert sorted([inf(1, 0), 5, inf(0, 7), 2]) == [2, 5, 7, inf(1, 0)]
    assert repr(sorted([inf(1, 0), 5, inf(0, 7), 2])) == \
        '[2, 5, 7, inf(inf=1, num=0)]'
    # Heap-like tuples compare by distance first.
    assert (inf(0, 1), 2) < (inf(0, 2), 1)
    assert inf(0, 1) in [1] and inf(0, 1) not in [(0, 1)]


def test_inf_pickle_copy():
    x = inf(1, 2.5)
    for y in (pickle.loads(pickle.dumps(x)), copy.copy(x), copy.deepcopy(x)):
        assert type(y) is inf and tuple(y) == (1, 2.5)


def test_module_surface():
    names = (
        'stlp', 'combine_dicts', 'bypass', 'summation', 'map_dict',
        'map_list', 'selector', 'replicate_value', 'partial', 'add_args',
        'stack_nested_keys', 'get_nested_dicts', 'inf', 'are_in_nested_dicts',
        'combine_nested_dicts', 'parent_func', 'kk_dict', 'add_function'
    )
    for name in names:
        assert getattr(sh, name) is getattr(dsp_mod, name)
