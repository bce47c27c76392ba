# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""
Tests of the dispatcher-as-function wrappers (`SubDispatch`,
`SubDispatchFunction`, `SubDispatchPipe`, `NoSub`, `DispatchPipe`): spec 03
§6, §9, §11.4, §11.6, §14, §15 and 02 §18, §19.6.

The models use module-level functions so that plain `pickle` can store them.
"""
import collections
import copy
import gc
import inspect
import logging
import operator
import pickle
import threading
import time

import dill
import pytest

import schedula as sh
from schedula.utils import dsp as dsp_mod
from schedula.utils.asy import EXECUTORS
from schedula.utils.base import Base
from schedula.utils.blue import Blueprint, BlueDispatcher
from schedula.utils.cst import NONE, START
from schedula.utils.dsp import (
    SubDispatch, SubDispatchFunction, SubDispatchPipe, DispatchPipe, NoSub,
    add_args, partial
)
from schedula.utils.exc import DispatcherAbort, DispatcherError
from schedula.utils.sol import Solution

UNREACHABLE = '\n  Unreachable output-targets: {}\n  Available outputs: {}'

#: How many times each recording function ran.
CALLS = collections.Counter()


@pytest.fixture(autouse=True)
def _reset_calls():
    CALLS.clear()


# --------------------------------------------------------------------------
# Module-level model functions (picklable with the standard library).
# --------------------------------------------------------------------------
def double(x):
    CALLS['double'] += 1
    return 2 * x


def inc(y):
    CALLS['inc'] += 1
    return y + 1


def mul(x, k):
    CALLS['mul'] += 1
    return x * k


def add(a, b):
    CALLS['add'] += 1
    return a + b


def thousand(x):
    CALLS['thousand'] += 1
    return x + 1000


def square(y):
    CALLS['square'] += 1
    return y ** 2


def small(y):
    return y < 100


def neg(x):
    CALLS['neg'] += 1
    return -x


def append_one(lst):
    lst.append(1)
    return lst


def inverse(x):
    return 1 / x


def triple(x):
    return 3 * x


def chain_model():
    """x -> double -> y -> inc -> z."""
    d = sh.Dispatcher(name='inner', description='Inner model.')
    d.add_function('double', double, ['x'], ['y'])
    d.add_function('inc', inc, ['y'], ['z'])
    return d


def calc_model():
    """k=10; mul(x, k) -> y; add(y, z) -> w; neg(x) -> n."""
    d = sh.Dispatcher(name='model')
    d.add_data('k', default_value=10)
    d.add_function('mul', mul, ['x', 'k'], ['y'])
    d.add_function('add', add, ['y', 'z'], ['w'])
    d.add_function('neg', neg, ['x'], ['n'])
    return d


def pipe_model():
    """k=10; mul(x, k) -> y (alternative `thousand`); square(y) -> z."""
    d = sh.Dispatcher(name='model')
    d.add_data('k', default_value=10)
    d.add_function('mul', mul, ['x', 'k'], ['y'])
    d.add_function('thousand', thousand, ['x'], ['y'], weight=3)
    d.add_function('square', square, ['y'], ['z'], input_domain=small)
    return d


def div_model(raises=False):
    d = sh.Dispatcher(name='inner', raises=raises)
    d.add_function('div', operator.truediv, ['a', 'b'], ['c'])
    return d


def nested_model():
    """top: inc a -> b; S (child: mul(x, k=3) -> y) b -> c; double c -> d."""
    child = sh.Dispatcher(name='child')
    child.add_data('k', default_value=3)
    child.add_function('mul', mul, ['x', 'k'], ['y'])
    child.add_function('neg', neg, ['x'], ['n'])
    top = sh.Dispatcher(name='top')
    top.add_function('inc', inc, ['a'], ['b'])
    top.add_dispatcher(child, {'b': 'x'}, {'y': 'c'}, dsp_id='S')
    top.add_function('thousand', thousand, ['b'], ['c'], weight=10)
    top.add_function('double', double, ['c'], ['d'])
    return top


def wf_attrs(sol, node_id):
    """Workflow node attributes without the timings."""
    return {k: v for k, v in sol.workflow.nodes[node_id].items()
            if k not in ('started', 'duration')}


def pipe_steps(pipe):
    """(node id, owner full name, next node ids, next dsps) of a pipe."""
    return [(t[-1][0], t[-1][1].full_name, list(nn), nd)
            for t, nn, nd in pipe]


# --------------------------------------------------------------------------
# Classes, names, signatures.
# --------------------------------------------------------------------------
def test_class_hierarchy():
    assert DispatchPipe.__mro__ == (
        DispatchPipe, NoSub, SubDispatchPipe, SubDispatchFunction,
        SubDispatch, Base, object)
    assert NoSub.__mro__ == (NoSub, object)
    assert [k for k in vars(NoSub) if not k.startswith('__')] == []


@pytest.mark.parametrize('name', [
    'SubDispatch', 'SubDispatchFunction', 'SubDispatchPipe', 'NoSub',
    'DispatchPipe'])
def test_public_names(name):
    cls = getattr(dsp_mod, name)
    assert cls.__module__ == 'schedula.utils.dsp'
    assert cls.__name__ == name
    if name == 'NoSub':  # Not exported at top level.
        assert not hasattr(sh, 'NoSub') and 'NoSub' not in sh.__all__
    else:
        assert getattr(sh, name) is cls and name in sh.__all__


def test_var_keyword():
    assert SubDispatchFunction.var_keyword == 'kw'
    assert SubDispatchPipe.var_keyword is None
    assert DispatchPipe.var_keyword is None
    assert not hasattr(SubDispatch, 'var_keyword')


def test_constructor_signatures():
    # Fix: 1.2.0's `__signature__` property broke `inspect.signature(cls)`.
    assert str(inspect.signature(SubDispatch)) == (
        "(dsp, outputs=None, cutoff=None, inputs_dist=None, wildcard=False, "
        "no_call=False, shrink=False, rm_unused_nds=False, output_type='all')")
    assert str(inspect.signature(SubDispatchFunction)) == (
        "(dsp, function_id=None, inputs=None, outputs=None, cutoff=None, "
        "inputs_dist=None, shrink=True, wildcard=True)")
    pipe = ("(dsp, function_id=None, inputs=None, outputs=None, cutoff=None, "
            "inputs_dist=None, no_domain=True, wildcard=True)")
    assert str(inspect.signature(SubDispatchPipe)) == pipe
    assert str(inspect.signature(DispatchPipe)) == pipe


def test_call_signatures():
    assert str(inspect.signature(SubDispatch.__call__)) == (
        "(self, *input_dicts, copy_input_dicts=False, _stopper=None, "
        "_executor=None, _sol_name=())")
    other = ("(self, *args, _stopper=None, _executor=False, _sol_name=(), "
             "**kw)")
    for cls in (SubDispatchFunction, SubDispatchPipe, DispatchPipe):
        assert str(inspect.signature(cls.__call__)) == other
    assert str(inspect.signature(SubDispatch(chain_model()))) == (
        "(*input_dicts, copy_input_dicts=False, _stopper=None, "
        "_executor=None, _sol_name=())")


def test_repr_is_default_object_repr():
    for w in (SubDispatch(chain_model()),
              DispatchPipe(div_model(), 'DP', ['a', 'b'], ['c'])):
        name = type(w).__name__
        assert repr(w) == '<schedula.utils.dsp.%s object at %s>' % (
            name, hex(id(w)))


# --------------------------------------------------------------------------
# §9.1 SubDispatch.
# --------------------------------------------------------------------------
def test_sub_dispatch_init():
    sub = chain_model()
    sd = SubDispatch(sub)
    assert list(vars(sd)) == [
        'dsp', 'outputs', 'cutoff', 'wildcard', 'no_call', 'shrink',
        'output_type', 'inputs_dist', 'rm_unused_nds', 'name', '__name__',
        '__doc__', 'solution']
    assert (sd.dsp, sd.outputs, sd.cutoff, sd.wildcard, sd.no_call,
            sd.shrink, sd.output_type, sd.inputs_dist, sd.rm_unused_nds) == (
        sub, None, None, False, False, False, 'all', None, False)
    assert (sd.__name__, sd.name, sd.__doc__) == (
        'inner', 'inner', 'Inner model.')
    assert type(sd.solution) is Solution and sd.solution.dsp is sub
    assert sd.solution is not sub.solution
    assert repr(sd.solution) == 'Solution()'


def test_sub_dispatch_spec_examples():
    sub = chain_model()
    sd = SubDispatch(sub)
    sol = sd({'x': 1}, {'x': 3})
    assert repr(sol) == "Solution([('x', 3), ('y', 6), ('z', 7)])"
    assert sol is sd.solution and sol.parent is sd
    assert SubDispatch(sub, ['y'], output_type='dict')({'x': 3}) == {'y': 6}
    assert SubDispatch(sub, ['z', 'y'], output_type='list')(
        {'x': 3}) == [7, 6]
    assert SubDispatch(sub, ['z'], output_type='values')({'x': 3}) == 7
    # 'all' with outputs: the dispatch stops once the outputs are reached.
    assert repr(SubDispatch(sub, ['y'])({'x': 3})) == \
        "Solution([('x', 3), ('y', 6)])"


def test_sub_dispatch_values_tuple():
    out = SubDispatch(chain_model(), ['z', 'y'], output_type='values')(
        {'x': 1})
    assert out == (3, 2)


def test_sub_dispatch_unreachable_outputs():
    sd = SubDispatch(chain_model(), ['z'], output_type='list')
    with pytest.raises(DispatcherError) as info:
        sd({'q': 3})
    err = info.value
    assert err.args == (UNREACHABLE.format({'z'}, ['q']),)
    assert str(err) == "\n  Unreachable output-targets: {'z'}\n" \
                       "  Available outputs: ['q']"
    assert err.sol is sd.solution
    assert repr(err.sol) == "Solution([('q', 3)])"
    assert err.sol.parent is sd


class FailingResult(Solution):
    """A solution whose asynchronous results cannot be resolved."""

    def result(self, timeout=None):
        raise ValueError('async failure')


@pytest.mark.parametrize('make', [
    lambda d: SubDispatch(d, ['q'], output_type='list'),
    lambda d: SubDispatchFunction(d, 'F', ['x'], ['z'], shrink=False),
], ids=['SubDispatch', 'SubDispatchFunction'])
def test_return_resolves_results_first(make):
    sub = chain_model()
    sub.solution = FailingResult(sub)  # Its class is used for new runs.
    w = make(sub)
    with pytest.raises(ValueError) as info:  # Not "Unreachable ...".
        w({'x': 1}) if type(w) is SubDispatch else w(1)
    assert info.value.args == ('async failure',)
    assert type(w.solution) is FailingResult
    # Not yet set to the wrapper: still the dispatcher that was run.
    assert w.solution.parent is w.solution.dsp


def test_sub_dispatch_call_passes_dispatch_options():
    sub = chain_model()
    assert repr(SubDispatch(sub, no_call=True)({'x': 1})) == \
        "Solution([('x', none), ('y', none), ('z', none)])"
    assert repr(SubDispatch(sub, cutoff=1)({'x': 3})) == \
        "Solution([('x', 3)])"
    assert SubDispatch(sub, inputs_dist={'x': 2})({'x': 3}).dist == {
        START: -1, 'x': 2.0, 'double': 3.0, 'y': 4.0, 'inc': 5.0,
        'z': 6.0}
    sol = SubDispatch(sub, ['y'], rm_unused_nds=True)({'x': 1})
    assert list(sol.workflow.nodes) == [START, 'x', 'double', 'y']
    shrunk = SubDispatch(sub, ['y'], shrink=True)
    assert repr(shrunk({'x': 1})) == "Solution([('x', 1), ('y', 2)])"
    assert sorted(sub.solution.dsp.nodes) == ['double', 'x', 'y']


def test_sub_dispatch_wildcard():
    d = sh.Dispatcher(name='m')
    d.add_function('f', inc, ['a'], ['b'])
    d.add_function('g', double, ['b'], ['a'])
    assert SubDispatch(d, ['a'], wildcard=True)(
        {'a': 1}) == {'a': 4, 'b': 2}
    assert SubDispatch(d, ['a'])({'a': 1}) == {'a': 1}


def test_sub_dispatch_merges_input_dicts():
    sol = SubDispatch(chain_model())({'x': 1, 'q': 0}, {}, {'x': 2})
    assert repr(sol) == \
        "Solution([('q', 0), ('x', 2), ('y', 4), ('z', 5)])"


def test_sub_dispatch_copy_input_dicts():
    d = sh.Dispatcher(name='m')
    d.add_function('append', append_one, ['lst'], ['out'])
    sd = SubDispatch(d, ['out'], output_type='values')
    given = {'lst': [0]}
    assert sd(given, copy_input_dicts=True) == [0, 1]
    assert given == {'lst': [0]}
    res = sd(given)
    assert res == [0, 1] and res is given['lst']


def test_sub_dispatch_updates_dsp_solution_and_full_name():
    sub = chain_model()
    sd = SubDispatch(sub, ['z'], output_type='list')
    assert sd({'x': 1}, _sol_name=('P', 'Q')) == [3]
    assert sub.solution is sd.solution
    assert sd.solution.full_name == ('P', 'Q')
    assert SubDispatch(sub)({'x': 1}).full_name == ()


def test_sub_dispatch_failed_inner_dispatch_keeps_previous_solution():
    inner = sh.Dispatcher(name='inner', raises=True)
    inner.add_function('f', inverse, ['x'], ['y'])
    sd = SubDispatch(inner, ['y'], output_type='list')
    assert sd({'x': 4}) == [0.25]
    previous = sd.solution
    with pytest.raises(DispatcherError,
                       match=r"'f', ZeroDivisionError\('division by zero'\)"):
        sd({'x': 0})
    assert sd.solution is previous
    assert repr(inner.solution) == "Solution([('x', 0)])"


def test_sub_dispatch_unknown_output_type(caplog):
    # 03 §9.1: any other output type behaves like 'dict' (stored as given);
    # ours logs a warning at construction.
    caplog.set_level(logging.WARNING, 'schedula.utils.dsp')
    for output_type in ('foo', None):
        sd = SubDispatch(chain_model(), ['z', 'y'], output_type=output_type)
        assert sd.output_type == output_type
        res = sd({'x': 1})
        assert type(res) is dict and list(res.items()) == [('z', 3), ('y', 2)]
        assert sd.blue().kwargs['output_type'] == output_type
    assert [(r.name, r.levelname, r.getMessage()) for r in caplog.records] \
        == [('schedula.utils.dsp', 'WARNING',
             "inner: unknown output_type %r, treated as 'dict' (expected one "
             "of 'all', 'dict', 'list', 'values')." % t) for t in ('foo', None)]
    with pytest.raises(DispatcherError) as info:
        SubDispatch(chain_model(), ['q'], output_type='foo')({'x': 1})
    assert str(info.value) == UNREACHABLE.format({'q'}, ['x'])


@pytest.mark.parametrize('output_type', ['dict', 'list', 'values'])
def test_sub_dispatch_needs_outputs(output_type):
    # Fix: 1.2.0's "'NoneType' object is not iterable".
    sd = SubDispatch(chain_model(), None, output_type=output_type)
    with pytest.raises(TypeError) as info:
        sd({'x': 1})
    assert str(info.value) == (
        "inner: output_type %r needs `outputs` (they are None)." %
        output_type)
    assert repr(sd.solution) == "Solution([('x', 1), ('y', 2), ('z', 3)])"


def test_sub_dispatch_output_type_kw_does_not_exist():
    with pytest.raises(TypeError) as info:
        SubDispatch(chain_model(), output_type_kw={})
    assert str(info.value) == ("SubDispatch.__init__() got an unexpected "
                               "keyword argument 'output_type_kw'")


def test_sub_dispatch_state():
    sub = chain_model()
    sd = SubDispatch(sub, ['z'], output_type='list')
    sd({'x': 1})
    state = sd.__getstate__()
    assert list(state) == [
        'dsp', 'outputs', 'cutoff', 'wildcard', 'no_call', 'shrink',
        'output_type', 'inputs_dist', 'rm_unused_nds', 'name', '__doc__',
        'solution']
    assert state['dsp'] is sub and state['outputs'] is sd.outputs
    assert type(state['solution']) is Solution
    assert state['solution'] is not sd.solution
    assert state['solution'].dsp is sub and len(state['solution']) == 0
    assert '__name__' in vars(sd) and sd.solution == {'x': 1, 'y': 2, 'z': 3}

    new = SubDispatch.__new__(SubDispatch)
    new.__setstate__(state)
    assert vars(new) is state
    assert new.__name__ == 'inner' and list(vars(new))[-1] == '__name__'
    assert new({'x': 2}) == [5]


def test_sub_dispatch_copy():
    sd = SubDispatch(chain_model(), ['z'], output_type='list')
    sd({'x': 1})
    cp = sd.copy()
    assert type(cp) is SubDispatch and cp is not sd
    assert cp.dsp is not sd.dsp and sorted(cp.dsp.nodes) == sorted(
        sd.dsp.nodes)
    assert cp.outputs == ['z'] and cp.outputs is not sd.outputs
    assert cp({'x': 5}) == [11]
    assert sd.solution == {'x': 1, 'y': 2, 'z': 3}


# --------------------------------------------------------------------------
# §9.2 SubDispatchFunction.
# --------------------------------------------------------------------------
def test_function_spec_examples():
    dsp = calc_model()
    f = SubDispatchFunction(dsp, 'calc', ['x', 'z', 'k'], ['w'])
    assert (f.__name__, f.name, f.function_id, f.dsp.name, dsp.name) == (
        'calc', 'calc', 'calc', 'calc', 'model')
    assert f.output_type == 'values'
    assert str(inspect.signature(f)) == '(x, z, k=10, **kw)'
    assert (f(2, 1), f(2, 1, 3), f(x=2, z=1), f(1, 1, y=100)) == (
        21, 7, 21, 101)
    assert sorted(f.dsp.nodes) == ['add', 'k', 'mul', 'w', 'x', 'y', 'z']
    assert sorted(dsp.nodes) == [
        'add', 'k', 'mul', 'n', 'neg', 'w', 'x', 'y', 'z']
    two = SubDispatchFunction(dsp, 'two', ['x', 'z'], ['w', 'y'])
    assert two.output_type == 'list' and two(1, 1) == [11, 10]


@pytest.mark.parametrize('args, kwargs, message', [
    ((), {}, "missing a required argument: 'x'"),
    ((1, 2, 3, 4), {}, 'too many positional arguments'),
    ((1,), {'x': 2}, "multiple values for argument 'x'"),
    ((1, 2), {'q': 5}, "calc() got an unexpected keyword argument 'q'"),
    ((1, 2), {'q': 5, 'b': 1},
     "calc() got an unexpected keyword argument 'b'"),
])
def test_function_bad_arguments(args, kwargs, message):
    f = SubDispatchFunction(calc_model(), 'calc', ['x', 'z', 'k'], ['w'])
    with pytest.raises(TypeError) as info:
        f(*args, **kwargs)
    assert str(info.value) == message
    # The solution is replaced before the arguments are parsed.
    assert repr(f.solution) == 'Solution()'
    assert f.solution is not f._sol


def test_function_parse_inputs_order():
    f = SubDispatchFunction(calc_model(), 'calc', ['x', 'z', 'k'], ['w'])
    parsed = f._parse_inputs(1, k=3, q=1, z=2, p=0)
    assert list(parsed.items()) == [
        ('x', 1), ('z', 2), ('k', 3), ('q', 1), ('p', 0)]
    assert list(f._parse_inputs(1, 2).items()) == [
        ('x', 1), ('z', 2), ('k', 10)]


def test_function_extra_keyword_feeds_data_node():
    f = SubDispatchFunction(calc_model(), 'calc', ['x', 'z', 'k'], ['w'])
    assert f(1, 1, y=100) == 101
    assert CALLS == {'add': 1}


def test_function_declared_input_removed_by_shrinking():
    f = SubDispatchFunction(calc_model(), 'F', ['x', 'z'], ['y'])
    assert sorted(f.dsp.nodes) == ['k', 'mul', 'x', 'y']
    assert str(inspect.signature(f)) == '(x, z, **kw)'
    with pytest.raises(TypeError) as info:
        f(1, 2)
    assert str(info.value) == "F() got an unexpected keyword argument 'z'"


def test_function_names():
    d = sh.Dispatcher(name='')
    d.add_function('inc', inc, ['a'], ['b'])
    assert SubDispatchFunction(d, inputs=['a'], outputs=['b']).__name__ == \
        'fun'
    assert d.name == ''
    g = SubDispatchFunction(d, 'renamed', ['a'], ['b'], shrink=False)
    assert (d.name, g.dsp is d, g(1)) == ('renamed', True, 2)
    h = SubDispatchFunction(chain_model(), inputs=['x'], outputs=['z'])
    assert (h.__name__, h.function_id, h.dsp.name) == (
        'inner', 'inner', 'inner')
    assert h.__doc__ == 'Inner model.'


def test_function_without_inputs_and_outputs():
    d = sh.Dispatcher(name='m')
    d.add_function('f', inc, ['a'], ['b'])
    f = SubDispatchFunction(d)
    assert (f.output_type, list(f.dsp.nodes), repr(f())) == (
        'all', [], 'Solution()')
    with pytest.raises(TypeError) as info:
        f(a=3)
    assert str(info.value) == "m() got an unexpected keyword argument 'a'"


def test_function_output_types():
    dsp = calc_model()
    everything = SubDispatchFunction(dsp, 'H', ['x'], None)
    assert everything.output_type == 'all'
    sol = everything(2)
    assert type(sol) is Solution and sol.parent is everything
    assert repr(sol) == "Solution([('k', 10), ('x', 2), ('n', -2), " \
                        "('y', 20)])"
    nothing = SubDispatchFunction(dsp, 'E', ['x'], [])
    assert (nothing.output_type, nothing(2)) == ('list', [])


def test_function_wildcard_and_cutoff():
    d = sh.Dispatcher(name='m')
    d.add_function('f', inc, ['a'], ['b'])
    d.add_function('g', double, ['b'], ['a'])
    assert SubDispatchFunction(d, 'W', ['a'], ['a'])(1) == 4
    assert SubDispatchFunction(d, 'N', ['a'], ['a'], wildcard=False)(1) == 1
    # The cutoff acts only through the shrinking.
    assert SubDispatchFunction(d, 'C', ['a'], ['b'], cutoff=0.5,
                               shrink=False)(1) == 2
    with pytest.raises(ValueError) as info:
        SubDispatchFunction(d, 'C', ['a'], ['b'], cutoff=0.5)
    assert str(info.value) == UNREACHABLE.format({'b'}, [])


def test_function_unreachable_output_at_construction():
    with pytest.raises(ValueError) as info:
        SubDispatchFunction(calc_model(), 'bad', ['x'], ['w'])
    assert str(info.value) == UNREACHABLE.format({'w'}, [])


def test_function_initial_distances():
    d = sh.Dispatcher(name='m')
    d.add_data('k', default_value=10, initial_dist=5)
    d.add_data('j', default_value=1, initial_dist=3)
    d.add_function('mul', mul, ['x', 'k'], ['y'])
    d.add_function('add', add, ['y', 'j'], ['w'])
    f = SubDispatchFunction(d, 'F', ['x', 'k'], ['w'])
    assert f(2) == 21
    # A declared input filled from its default starts at 0, others keep it.
    assert f.solution.dist == {
        START: -1, 'k': 0.0, 'x': 0.0, 'mul': 1.0, 'y': 2.0, 'j': 3.0,
        'add': 4.0, 'w': 5.0}
    assert f._sol.inputs_dist == {'j': 3}
    g = SubDispatchFunction(d, 'G', ['x', 'k'], ['w'], inputs_dist={'x': 2})
    assert g(2) == 21
    assert g.solution.dist == {
        START: -1, 'k': 0.0, 'x': 2.0, 'j': 3.0, 'mul': 3.0, 'y': 4.0,
        'add': 5.0, 'w': 6.0}


def test_function_fresh_solution_per_call():
    dsp = calc_model()
    f = SubDispatchFunction(dsp, 'calc', ['x', 'z'], ['w'])
    assert f(2, 1) == 21
    first = f.solution
    assert f(1, 1) == 11
    assert f.solution is not first and first['w'] == 21
    assert f.solution.inputs is f._sol.inputs
    assert f.solution.inputs_dist is f._sol.inputs_dist
    assert f.solution.full_name == ()
    assert repr(f.dsp.solution) == 'Solution()'  # Not updated by calls.
    assert f(1, 1, _sol_name=('A', 'B')) == 11
    assert f.solution.full_name == ('A', 'B')


def test_function_signature_without_validation():
    d = sh.Dispatcher(name='w')
    d.add_data('a b', default_value=1)
    d.add_function('f', add, ['a b', 'c'], ['o'])
    f = SubDispatchFunction(d, 'F', ['a b', 'c'], ['o'])
    assert str(inspect.signature(f)) == '(a b=1, c, **kw)'
    assert (f(c=2), f(5, 2)) == (3, 7)
    assert str(inspect.signature(SubDispatchPipe(
        d, 'P', ['a b', 'c'], ['o']))) == '(a b=1, c)'


def test_function_add_func_uses_signature():
    f = SubDispatchFunction(calc_model(), 'calc', ['x', 'z', 'k'], ['w'])
    parent = sh.Dispatcher()
    assert parent.add_func(f, ['w']) == 'calc'
    assert parent.nodes['calc']['inputs'] == ('x', 'z')
    assert repr(parent({'x': 2, 'z': 1})) == \
        "Solution([('x', 2), ('z', 1), ('w', 21)])"
    assert parent.solution.workflow.nodes['calc']['solution'].full_name == (
        'calc',)
    other = sh.Dispatcher()
    other.add_func(f, ['w'], inputs_kwargs=True, inputs_defaults=True)
    assert other.nodes['calc']['inputs'] == ('x', 'z', 'k')
    assert other.default_values == {'k': {'value': 10, 'initial_dist': 0.0}}
    assert repr(other({'x': 1, 'z': 2})) == \
        "Solution([('k', 10), ('x', 1), ('z', 2), ('w', 12)])"


def test_function_state_and_copy():
    f = SubDispatchFunction(calc_model(), 'calc', ['x', 'z'], ['w'])
    f(1, 1)
    state = f.__getstate__()
    assert sorted(state) == [
        '__doc__', '_sol', 'cutoff', 'dsp', 'function_id', 'inputs',
        'inputs_dist', 'name', 'no_call', 'output_type', 'outputs',
        'rm_unused_nds', 'shrink', 'solution', 'wildcard']
    assert state['_sol'] is f._sol and len(state['solution']) == 0
    assert (state['no_call'], state['shrink'], state['rm_unused_nds']) == (
        False, True, True)
    cp = f.copy()
    assert cp.dsp is not f.dsp and cp._sol is not f._sol
    assert cp._sol.dsp is cp.dsp
    assert (cp(2, 1), f.solution['w']) == (21, 11)


# --------------------------------------------------------------------------
# §9.3 SubDispatchPipe.
# --------------------------------------------------------------------------
def test_pipe_spec_example():
    dsp = pipe_model()
    p = SubDispatchPipe(dsp, 'pipe', ['x', 'k'], ['z'])
    assert (p.__name__, p.output_type, str(inspect.signature(p))) == (
        'pipe', 'values', '(x, k=10)')
    assert sorted(p.dsp.nodes) == ['k', 'mul', 'square', 'x', 'y', 'z']
    assert dsp.name == 'model' and len(dsp.nodes) == 7
    assert [(step[0][-1][0], step[1]) for step in p.pipe] == [
        ('k', {'mul': {}}), ('x', {'mul': {}}), ('mul', {'y': {}}),
        ('y', {'square': {}}), ('square', {'z': {}}), ('z', {})]
    assert CALLS == {}  # Building the pipe calls nothing.
    assert (p(3), p(3, 2)) == (900, 36)
    assert CALLS == {'mul': 2, 'square': 2}


def test_pipe_stops_when_a_step_fails():
    p = SubDispatchPipe(pipe_model(), 'pipe', ['x', 'k'], ['z'])
    with pytest.raises(DispatcherError) as info:
        p(20)  # The domain of 'square' fails: the replay stops.
    assert str(info.value) == UNREACHABLE.format({'z'}, ['k', 'x', 'y'])
    assert info.value.sol is p.solution
    # The alternative `thousand` is never tried.
    with pytest.raises(DispatcherError, match=r"^\n  Unreachable output-"
                                              r"targets: \{'z'\}\n  Available "
                                              r"outputs: \['k', 'x'\]$"):
        p('a', 'b')  # mul fails.
    assert repr(p.solution) == "Solution([('k', 'b'), ('x', 'a')])"
    assert CALLS == {'mul': 2}


def test_pipe_unknown_keyword():
    # Fix: 1.2.0 said "'dict' object is not an iterator".
    p = SubDispatchPipe(pipe_model(), 'pipe', ['x', 'k'], ['z'])
    with pytest.raises(TypeError) as info:
        p(3, r=1, q=2)
    assert str(info.value) == "pipe() got an unexpected keyword argument 'r'"
    with pytest.raises(TypeError) as info:
        p(3, x=1)
    assert str(info.value) == "multiple values for argument 'x'"


def test_pipe_templates_and_copies():
    p = SubDispatchPipe(pipe_model(), 'pipe', ['x', 'k'], ['z'])
    assert list(vars(p)) == [
        'solution', 'inputs', 'function_id', '_sol', 'dsp', 'outputs',
        'cutoff', 'wildcard', 'no_call', 'shrink', 'output_type',
        'inputs_dist', 'rm_unused_nds', 'name', '__name__', '__doc__',
        '_plan', '_steps']
    assert repr(p.solution) == 'Solution()'
    tpl = p._sol
    assert repr(tpl) == ("Solution([('k', none), ('x', none), ('y', none), "
                         "('z', none)])")
    assert (tpl.no_call, tpl.no_domain) == (False, False)
    assert p(3, 2) == 36
    sol = p.solution
    assert sol is not tpl and type(sol) is Solution
    assert sol.inputs is tpl.inputs and tpl.inputs == {'k': 2, 'x': 3}
    assert sol.dist is tpl.dist and sol._wildcards is tpl._wildcards
    assert sol.inputs_dist is tpl.inputs_dist
    assert (sol.fringe, sol.full_name, sol.index) == (None, (), (-1,))
    assert sol.sub_sol == {(-1,): sol}
    assert list(sol.workflow.edges) == [
        (START, 'k'), (START, 'x'), ('k', 'mul'), ('x', 'mul'),
        ('mul', 'y'), ('y', 'square'), ('square', 'z')]
    assert [t[-1] for t in sol._pipe] == [
        (n, sol) for n in ('k', 'x', 'mul', 'y', 'square', 'z')]
    assert [t[:2] for t in sol._pipe] == [t[0][:2] for t in p.pipe]
    assert p(3, _sol_name=('Z',)) == 900
    assert (p.solution.full_name, tpl.full_name) == (('Z',), ())
    assert p.solution is not sol


def test_pipe_next_nodes_come_from_the_value_less_run():
    p = SubDispatchPipe(pipe_model(), 'pipe', ['x', 'k'], ['z'])
    tpl = p._sol
    steps = p.pipe
    assert steps[0][1] is tpl.workflow._succ['k']
    assert steps[-1][1] is tpl.workflow._succ['z']
    assert all(t[-1][1] is tpl for t, _, _ in steps)
    assert [nd for _, _, nd in steps] == [[]] * 6


@pytest.mark.parametrize('cls', [SubDispatchPipe, DispatchPipe])
def test_pipe_without_outputs_replays_the_whole_run(cls):
    p = cls(calc_model(), 'P', ['x', 'z'])
    assert p.output_type == 'all'
    assert sorted(p.dsp.nodes) == [
        'add', 'k', 'mul', 'n', 'neg', 'w', 'x', 'y', 'z']
    assert [t[-1][0] for t, _, _ in p.pipe] == [
        'k', 'x', 'z', 'mul', 'neg', 'n', 'y', 'add', 'w']
    sol = p(2, 1)
    assert type(sol) is Solution and sol is p.solution and sol.parent is p
    normal = calc_model()({'x': 2, 'z': 1})
    assert list(sol.items()) == list(normal.items()) == [
        ('k', 10), ('x', 2), ('z', 1), ('n', -2), ('y', 20), ('w', 21)]
    assert sol.dist == normal.dist
    assert CALLS == {'mul': 2, 'neg': 2, 'add': 2}


def test_pipe_inputs_dist():
    p = SubDispatchPipe(calc_model(), 'P', ['x', 'z'], ['w'],
                        inputs_dist={'z': 3})
    assert p(2, 1) == 21
    assert p.solution.dist == {START: -1, 'k': 0.0, 'x': 0.0, 'mul': 1.0,
                               'y': 2.0, 'z': 3.0, 'add': 4.0, 'w': 5.0}


def test_pipe_no_domain_not_stored():
    p = SubDispatchPipe(pipe_model(), 'pipe', ['x', 'k'], ['z'],
                        no_domain=False)
    assert 'no_domain' not in vars(p)
    assert p(3) == 900


def test_pipe_bad_input_names():
    # Ids of function or sub-dispatcher nodes: a clear error (1.2.0 crashed
    # with `KeyError: start`).
    top = nested_model()
    for cls in (SubDispatchFunction, SubDispatchPipe, DispatchPipe):
        with pytest.raises(ValueError) as info:
            cls(div_model(), 'X', ['a', 'div'], ['c'])
        assert str(info.value) == \
            "The input 'div' is not a data node of the dispatcher 'inner'."
        with pytest.raises(ValueError) as info:
            cls(div_model(), 'X', ['a', 'b'], ['div'])
        assert str(info.value) == \
            "The output 'div' is not a data node of the dispatcher 'inner'."
        with pytest.raises(ValueError) as info:
            cls(top, 'X', ['a', 'S'], ['d'])
        assert str(info.value) == \
            "The input 'S' is not a data node of the dispatcher 'top'."
        # A data node that cannot be reached keeps 1.2.0's message.
        with pytest.raises(ValueError) as info:
            cls(div_model(), 'X', ['a'], ['c'])
        assert str(info.value) == UNREACHABLE.format({'c'}, [])


@pytest.mark.parametrize('cls', [SubDispatchFunction, SubDispatchPipe,
                                 DispatchPipe])
def test_outputs_that_are_not_nodes(cls):
    # 1.2.0 (03 §9.2 step 2, §9.3 step 3): the "Unreachable output-targets"
    # ValueError, listing the data nodes of the (reduced) model.
    with pytest.raises(ValueError) as info:
        cls(div_model(), 'X', ['a', 'b'], ['z'])
    assert str(info.value) == UNREACHABLE.format({'z'}, [])
    with pytest.raises(ValueError) as info:
        cls(div_model(), 'X', ['a', 'b'], ['z', 'c'])
    assert str(info.value) == UNREACHABLE.format({'z'}, ['c', 'a', 'b'])


def test_function_declared_input_not_a_node():
    # 1.2.0 (03 §9.2 step 3 of the call): accepted at construction, every
    # call raises the unexpected-keyword TypeError.
    for shrink in (True, False):
        f = SubDispatchFunction(div_model(), 'X', ['a', 'b', 'q'], ['c'],
                                shrink=shrink)
        assert str(inspect.signature(f)) == '(a, b, q, **kw)'
        with pytest.raises(TypeError) as info:
            f(6, 3, 0)
        assert str(info.value) == "X() got an unexpected keyword argument 'q'"


def context_model():
    """div(a, b) -> c; add(c, d) -> e."""
    d = div_model(raises=True)
    d.add_function('add', add, ['c', 'd'], ['e'])
    return d


@pytest.mark.parametrize('cls', [SubDispatchPipe, DispatchPipe])
def test_pipe_declared_input_not_a_node(cls):
    # 03 §9.3 step 2: "a declared input that is not a node simply appears in
    # the solution" (first, 02 §5.2); it has no START edge, no distance and
    # no step of the pipe.
    p = cls(div_model(raises=True), 'X', ['a', 'b', 'q'], ['c'])
    assert str(inspect.signature(p)) == '(a, b, q)'
    assert sorted(p.dsp.nodes) == ['a', 'b', 'c', 'div']
    assert pipe_steps(p.pipe) == [
        ('a', (), ['div'], []), ('b', (), ['div'], []),
        ('div', (), ['c'], []), ('c', (), [], [])]
    assert p(6, 3, 0) == 2.0
    sol = p.solution
    assert list(sol.items()) == [('q', 0), ('a', 6), ('b', 3), ('c', 2.0)]
    assert list(sol.workflow.edges(data=True)) == [
        (START, 'a', {'value': 6}), (START, 'b', {'value': 3}),
        ('a', 'div', {'value': 6}), ('b', 'div', {'value': 3}),
        ('div', 'c', {'value': 2.0})]
    assert sol.dist == {START: -1, 'a': 0.0, 'b': 0.0, 'div': 1.0, 'c': 2.0}
    assert sol.inputs == {'a': 6, 'b': 3, 'q': 0}
    assert p(6, 2, q='S1') == 3.0
    assert list(p.solution.items()) == [
        ('q', 'S1'), ('a', 6), ('b', 2), ('c', 3.0)]
    # Without outputs the solution is returned, the input first.
    p = cls(div_model(raises=True), 'X', ['a', 'b', 'q'])
    assert list(p(6, 3, 0).items()) == [
        ('q', 0), ('a', 6), ('b', 3), ('c', 2.0)]


@pytest.mark.parametrize('cls', [SubDispatchPipe, DispatchPipe])
def test_pipe_on_a_shrunk_model_with_a_removed_input(cls):
    dsp = context_model()
    shrunk = dsp.shrink_dsp(['a', 'b'], ['c'])
    assert sorted(shrunk.nodes) == ['a', 'b', 'c', 'div']
    p = cls(shrunk, 'X', ['a', 'b', 'd'], ['c'])
    assert (p(6, 3, 1), p(1, 4, 2)) == (2.0, 0.25)
    assert list(p.solution.items()) == [
        ('d', 2), ('a', 1), ('b', 4), ('c', 0.25)]
    # On the whole model the same input is used.
    full = cls(dsp, 'X', ['a', 'b', 'd'], ['e'])
    assert full(6, 3, 1) == 3.0


def test_pipe_with_an_input_not_a_node_inside_a_dispatch():
    outer = sh.Dispatcher(name='outer')
    outer.add_function('P', SubDispatchPipe(div_model(), 'P', ['a', 'b', 'q'],
                                            ['c']), ['x', 'y', 'z'], ['r'])
    outer.add_function('D', DispatchPipe(div_model(), 'D', ['a', 'b', 'q'],
                                         ['c']), ['x', 'y', 'z'], ['s'])
    sol = outer({'x': 6, 'y': 3, 'z': 'ctx'})
    assert list(sol.items()) == [
        ('x', 6), ('y', 3), ('z', 'ctx'), ('r', 2.0), ('s', 2.0)]
    assert list(sol.workflow.nodes['P']['solution'].items()) == [
        ('q', 'ctx'), ('a', 6), ('b', 3), ('c', 2.0)]


def test_pipe_original_dispatcher_untouched():
    dsp = pipe_model()
    before, last = dill.dumps(dsp), dsp.solution
    SubDispatchPipe(dsp, 'pipe', ['x', 'k'], ['z'])
    assert dsp.name == 'model' and dsp.solution is last
    assert dill.dumps(dsp) == before


def test_pipe_calls_each_function_once():
    # Performance sanity (not timed): the replay runs each step once.
    d = sh.Dispatcher(name='chain')
    for i in range(5):  # x0 -> x5 by `double`, `inc` is the heavier route.
        d.add_function('double%d' % i, double, ['x%d' % i], ['x%d' % (i + 1)])
        d.add_function('inc%d' % i, inc, ['x%d' % i], ['x%d' % (i + 1)],
                       weight=5)
    for cls in (SubDispatchPipe, DispatchPipe):
        CALLS.clear()
        p = cls(d, 'P', ['x0'], ['x5'])
        assert CALLS == {}
        assert p(1) == 32
        assert CALLS == {'double': 5}
        assert p(2) == 64
        assert CALLS == {'double': 10}


# --------------------------------------------------------------------------
# §9.5 DispatchPipe.
# --------------------------------------------------------------------------
def test_dispatch_pipe_reuses_one_solution():
    dp = DispatchPipe(div_model(), 'DP', ['a', 'b'], ['c'])
    assert repr(dp.solution) == 'Solution()' and dp.solution is not dp._sol
    assert isinstance(dp, SubDispatchPipe) and isinstance(dp, NoSub)
    assert dp(1, 2) == 0.5
    assert dp.solution is dp._sol
    assert repr(dp.solution) == "Solution([('a', 1), ('b', 2), ('c', 0.5)])"
    tpl = dp._sol
    assert dp(1, 4, _sol_name=('X',)) == 0.25
    assert dp.solution is tpl and tpl.full_name == ()  # `_sol_name` ignored.


def test_dispatch_pipe_failure_keeps_stale_values():
    dp = DispatchPipe(div_model(), 'DP', ['a', 'b'], ['c'])
    assert dp(1, 2) == 0.5
    with pytest.raises(DispatcherError) as info:
        dp(3, 0)
    assert info.value.args == ('The pipe is not respected.',)
    assert info.value.sol is dp._sol
    assert repr(dp.solution) == "Solution([('a', 3), ('b', 0), ('c', 0.5)])"
    assert list(dp.solution._errors) == ['div']
    assert dp(4, 2) == 2.0
    assert list(dp.solution._errors) == ['div']


def test_dispatch_pipe_domain_failure():
    dp = DispatchPipe(pipe_model(), 'DP', ['x', 'k'], ['z'])
    assert dp(3) == 900
    with pytest.raises(DispatcherError) as info:
        dp(20)
    assert str(info.value) == 'The pipe is not respected.'
    assert CALLS == {'mul': 2, 'square': 1}


def test_dispatch_pipe_unknown_keyword():
    dp = DispatchPipe(div_model(), 'DP', ['a', 'b'], ['c'])
    with pytest.raises(TypeError) as info:
        dp(1, 2, q=1)
    assert str(info.value) == "DP() got an unexpected keyword argument 'q'"


def test_dispatch_pipe_result_failure(monkeypatch):
    dp = DispatchPipe(div_model(), 'DP', ['a', 'b'], ['c'])
    dp(1, 2)

    def failing_result(*args, **kwargs):
        raise ValueError('async failure')

    monkeypatch.setattr(dp._sol, 'result', failing_result)
    with pytest.raises(DispatcherError) as info:
        dp(1, 2)
    assert info.value.args == ('The pipe is not respected.',)


def test_dispatch_pipe_marks_its_solution_active(monkeypatch):
    monkeypatch.setattr(EXECUTORS, '_executors', {'ex': {'active': {}}})
    flags = EXECUTORS._executors['ex']['active']
    seen = []

    def probe(a):
        seen.append(dict(flags))
        return a

    d = sh.Dispatcher(name='probe')
    d.add_function('probe', probe, ['a'], ['b'])
    dp = DispatchPipe(d, 'DP', ['a'], ['b'])
    sid = id(dp._sol)
    flags[sid] = False
    assert dp(1) == 1
    assert seen == [{sid: True}]  # Active again during the call...
    assert flags == {sid: False}  # ... and resolved by `result()`.


def test_dispatch_pipe_plot(monkeypatch):
    dp = DispatchPipe(div_model(), 'DP', ['a', 'b'], ['c'])
    dp(1, 2)
    monkeypatch.setattr(dp._sol, 'plot', lambda *a, **k: ('sol', a, k))
    assert dp.plot(True, view=False) == ('sol', (True,), {'view': False})
    monkeypatch.setattr(Base, 'plot', lambda *a, **k: ('base', a, k))
    assert dp.plot(view=False) == ('base', (dp, None), {'view': False})


def test_dispatch_pipe_state():
    dp = DispatchPipe(div_model(), 'DP', ['a', 'b'], ['c'])
    dp(1, 2)
    state = dp.__getstate__()
    assert 'pipe' not in state and '__name__' not in state
    assert len(state['solution']) == 0 and state['_plan'] is None
    # A fresh template (planned again when needed): no last values.
    assert state['_sol'] is not dp._sol and repr(state['_sol']) == \
        'Solution()'
    assert state['_sol'].inputs == {'a': None, 'b': None}
    # Pickling does not change the object (1.2.0 re-ran its template).
    assert repr(dp.solution) == "Solution([('a', 1), ('b', 2), ('c', 0.5)])"
    loaded = dill.loads(dill.dumps(dp))
    assert pipe_steps(loaded.pipe) == pipe_steps(dp.pipe)
    assert loaded(3, 4) == 0.75


# --------------------------------------------------------------------------
# §9.0 Calling protocol.
# --------------------------------------------------------------------------
def test_protocol_spec_example():
    inner = sh.Dispatcher(name='inner', raises=True)
    inner.add_function('f', inverse, ['x'], ['y'])
    outer = sh.Dispatcher(raises='')
    outer.add_function('SD', SubDispatch(inner, ['y'], output_type='list'),
                       ['i'], ['o'])
    outer.add_function('SF', SubDispatchFunction(inner, 'SF', ['x'], ['y']),
                       ['x'], ['o2'])
    assert repr(outer({'i': {'x': 4}, 'x': 4})) == \
        "Solution([('i', {'x': 4}), ('x', 4), ('o', [0.25]), ('o2', 0.25)])"
    s = outer({'i': {'x': 0}, 'x': 0})
    assert repr(s) == "Solution([('i', {'x': 0}), ('x', 0)])"
    # SD records its previous call's solution, SF the current one.
    assert repr(s.workflow.nodes['SD']['solution']) == \
        "Solution([('x', 4), ('y', 0.25)])"
    assert repr(s.workflow.nodes['SF']['solution']) == "Solution([('x', 0)])"
    bad = sh.Dispatcher(raises='')
    bad.add_function('B', SubDispatch(inner, None, output_type='list'),
                     ['i'], ['o'])
    assert wf_attrs(bad({'i': {'x': 2}}), 'B') == {}  # TypeError: nothing.


def _protocol_outer(raises=False):
    """One node per wrapper kind on `div`; 3 inputs given -> TypeError."""
    inner = div_model(raises)
    w = {
        'SD': SubDispatch(inner, ['c'], output_type='values'),
        'SF': SubDispatchFunction(inner, 'SF', ['a', 'b'], ['c']),
        'SP': SubDispatchPipe(inner, 'SP', ['a', 'b'], ['c']),
        'DP': DispatchPipe(inner, 'DP', ['a', 'b'], ['c']),
    }
    outer = sh.Dispatcher(name='outer', raises='')
    outer.add_function('SD', w['SD'], ['i'], ['o_SD'])
    for k in ('SF', 'SP', 'DP'):
        outer.add_function(k, w[k], ['a', 'b'], ['o_' + k])
    return outer, w


def test_protocol_success_records_solution():
    outer, w = _protocol_outer()
    s = outer({'i': {'a': 1, 'b': 2}, 'a': 1, 'b': 4})
    # Same distances: nodes go by name (DP, SD, SF, SP).
    assert repr(s) == ("Solution([('a', 1), ('b', 4), ('i', {'a': 1, 'b': 2"
                       "}), ('o_DP', 0.25), ('o_SD', 0.5), ('o_SF', 0.25), "
                       "('o_SP', 0.25)])")
    for k in ('SD', 'SF', 'SP', 'DP'):
        rec = s.workflow.nodes[k]['solution']
        assert rec is w[k].solution
        assert wf_attrs(s, k) == {'solution': rec, 'results': s['o_' + k]}
    assert s.workflow.nodes['DP']['solution'] is w['DP']._sol
    names = [s.workflow.nodes[k]['solution'].full_name
             for k in ('SD', 'SF', 'SP', 'DP')]
    assert names == [('SD',), ('SF',), ('SP',), ()]
    first = {k: s.workflow.nodes[k]['solution'] for k in w}
    s2 = outer({'i': {'a': 1, 'b': 2}, 'a': 1, 'b': 4})
    assert s2.workflow.nodes['DP']['solution'] is first['DP']
    for k in ('SF', 'SP'):
        assert s2.workflow.nodes[k]['solution'] is not first[k]


def test_protocol_inner_dispatcher_error():
    outer, w = _protocol_outer()
    s = outer({'i': {'a': 1}, 'a': 1, 'b': 0})
    assert repr(s) == "Solution([('a', 1), ('b', 0), ('i', {'a': 1})])"
    # Unreachable outputs: the current solutions; NoSub: nothing recorded.
    assert repr(wf_attrs(s, 'SD')) == \
        "{'solution': Solution([('a', 1)])}"
    assert wf_attrs(s, 'SD')['solution'] is w['SD'].solution
    for k in ('SF', 'SP'):
        assert wf_attrs(s, k) == {'solution': w[k].solution}
        assert repr(w[k].solution) == "Solution([('a', 1), ('b', 0)])"
    assert wf_attrs(s, 'DP') == {}
    assert dict(s._errors) == {
        'DP': "Failed DISPATCHING 'DP' due to:\n  "
              "DispatcherError('The pipe is not respected.')",
        'SF': "Failed DISPATCHING 'SF' due to:\n  DispatcherError(%r)" %
              UNREACHABLE.format({'c'}, ['a', 'b']),
        'SP': "Failed DISPATCHING 'SP' due to:\n  DispatcherError(%r)" %
              UNREACHABLE.format({'c'}, ['a', 'b']),
        'SD': "Failed DISPATCHING 'SD' due to:\n  DispatcherError(%r)" %
              UNREACHABLE.format({'c'}, ['a']),
    }


def test_protocol_inner_raises():
    outer, w = _protocol_outer(raises=True)
    ok = outer({'i': {'a': 1, 'b': 2}, 'a': 1, 'b': 2})
    previous = ok.workflow.nodes['SD']['solution']
    s = outer({'i': {'a': 1, 'b': 0}, 'a': 1, 'b': 0})
    # SubDispatch: the failed inner dispatch leaves the previous solution.
    assert wf_attrs(s, 'SD') == {'solution': previous}
    assert repr(previous) == "Solution([('a', 1), ('b', 2), ('c', 0.5)])"
    for k in ('SF', 'SP'):
        assert wf_attrs(s, k) == {'solution': w[k].solution}
        assert repr(w[k].solution) == "Solution([('a', 1), ('b', 0)])"
    assert wf_attrs(s, 'DP') == {}
    assert list(s._errors) == ['DP', 'SD', 'SF', 'SP']
    err = "Failed DISPATCHING '%s' due to:\n  DispatcherError(\"Failed " \
          "DISPATCHING '%%s' due to:\\n  %%r\", '%s', ZeroDivisionError(" \
          "'division by zero'))"
    assert s._errors['SF'] == err % ('SF', 'SF/div')
    assert s._errors['SP'] == err % ('SP', 'SP/div')
    assert s._errors['DP'] == err % ('DP', 'div')  # Its name is ignored.
    assert s._errors['SD'] == err % ('SD', 'SD/div')


def test_protocol_other_exceptions_record_nothing():
    outer, w = _protocol_outer()
    for k in ('SF', 'SP', 'DP'):  # Three arguments for two inputs.
        outer.add_function(k + '3', w[k], ['a', 'b', 'a'], ['t_' + k])
    outer.add_function('SDN', SubDispatch(w['SD'].dsp, output_type='dict'),
                       ['i'], ['t_SD'])
    s = outer({'i': {'a': 1, 'b': 2}, 'a': 1, 'b': 2})
    for k in ('SF3', 'SP3', 'DP3', 'SDN'):
        assert wf_attrs(s, k) == {}
    assert s._errors['SF3'] == "Failed DISPATCHING 'SF3' due to:\n  " \
                               "TypeError('too many positional arguments')"
    assert s._errors['SDN'] == (
        "Failed DISPATCHING 'SDN' due to:\n  TypeError(\"inner: output_type "
        "'dict' needs `outputs` (they are None).\")")


def test_protocol_outer_raises():
    inner = div_model()
    outer = sh.Dispatcher(raises=True)
    outer.add_function('SF', SubDispatchFunction(inner, 'SF', ['a', 'b'],
                                                 ['c']), ['a', 'b'], ['o'])
    with pytest.raises(DispatcherError) as info:
        outer({'a': 1, 'b': 0})
    # The wrapper's own error is raised, bound to the outer solution.
    assert info.value.args == (UNREACHABLE.format({'c'}, ['a', 'b']),)
    assert info.value.sol is outer.solution
    assert wf_attrs(outer.solution, 'SF') == {
        'solution': outer.nodes['SF']['function'].solution}


def test_protocol_filters():
    sub = chain_model()
    dp = DispatchPipe(sub, 'DP', ['x'], ['z'])
    main = sh.Dispatcher(name='main')
    main.add_data('h', filters=[
        SubDispatchFunction(sub, 'F1', ['x'], ['y']),
        add_args(SubDispatchFunction(sub, 'F2', ['x'], ['z']), 0),
        dp])
    sol = main.dispatch({'h': 2}, sol_name=('R',))
    assert repr(sol) == "Solution([('h', 19)])"  # The last filter's.
    steps = sol.workflow.nodes['h']['solution_filters']
    assert steps[0] == 2 and steps[3] is dp._sol
    assert [repr(s) for s in steps[1:]] == [
        "Solution([('x', 2), ('y', 4)])",
        "Solution([('x', 4), ('y', 8), ('z', 9)])",
        "Solution([('x', 9), ('y', 18), ('z', 19)])"]
    assert [s.full_name for s in steps[1:]] == [('R', 'h'), ('R', 'h'), ()]


# --------------------------------------------------------------------------
# Forwarding of `_stopper`, `_executor` and `_sol_name`.
# --------------------------------------------------------------------------
class SpyFunction(SubDispatchFunction):
    """Records the protocol keywords it receives."""
    seen = []

    def __call__(self, *args, **kw):
        self.seen.append({k: kw.get(k, 'missing') for k in (
            '_stopper', '_executor', '_sol_name')})
        return super().__call__(*args, **kw)


def test_forwarding_through_add_args_and_partial(monkeypatch):
    monkeypatch.setattr(EXECUTORS, '_executors', {})
    monkeypatch.setitem(EXECUTORS, 'mine', lambda: None)  # Synchronous.
    monkeypatch.setattr(SpyFunction, 'seen', [])
    spy = SpyFunction(chain_model(), 'SPY', ['x'], ['z'])
    main = sh.Dispatcher(name='main')
    main.add_function('A', add_args(partial(spy), 1), ['q', 'a'], ['b'])
    main.add_function('P', partial(add_args(spy, 2), 'n1'), ['q', 'a'],
                      ['c'])
    stopper = threading.Event()
    sol = main.dispatch({'a': 1, 'q': 0}, stopper=stopper, executor='mine',
                        sol_name=('R',))
    assert repr(sol) == "Solution([('a', 1), ('q', 0), ('b', 3), ('c', 3)])"
    assert spy.seen == [
        {'_stopper': stopper, '_executor': 'mine', '_sol_name': ('R', n)}
        for n in ('A', 'P')]
    assert spy.seen[0]['_stopper'] is stopper
    assert sol.workflow.nodes['A']['solution'].full_name == ('R', 'A')
    assert sol.workflow.nodes['P']['solution'] is spy.solution


def test_forwarding_plain_dispatch():
    spy_seen = []

    class Spy(SubDispatch):
        def __call__(self, *args, **kw):
            spy_seen.append(kw)
            return super().__call__(*args, **kw)

    main = sh.Dispatcher(name='main')
    main.add_function('S', partial(Spy(chain_model(), ['z'],
                                       output_type='values')), ['i'], ['o'])
    sol = main({'i': {'x': 1}})
    assert sol['o'] == 3
    assert spy_seen == [{'_stopper': None, '_executor': False,
                         '_sol_name': ('S',)}]


def _stopping_model():
    """x -> first (sets STOP) -> y -> second -> z."""
    d = sh.Dispatcher(name='stopping')
    d.add_function('first', _set_stop, ['x'], ['y'])
    d.add_function('second', inc, ['y'], ['z'])
    return d


STOP = threading.Event()


def _set_stop(x):
    STOP.set()
    return x


@pytest.mark.parametrize('make, inputs', [
    (lambda d: add_args(SubDispatch(d, ['z'], output_type='values'), 0),
     {'i': {'x': 1}}),
    (lambda d: add_args(SubDispatchFunction(d, 'F', ['x'], ['z']), 0),
     {'i': 1}),
    (lambda d: partial(SubDispatchPipe(d, 'P', ['x'], ['z'])), {'i': 1}),
    (lambda d: partial(DispatchPipe(d, 'D', ['x'], ['z'])), {'i': 1}),
], ids=['SubDispatch', 'SubDispatchFunction', 'SubDispatchPipe',
        'DispatchPipe'])
def test_stopper_reaches_the_inner_dispatch(make, inputs):
    STOP.clear()
    main = sh.Dispatcher(name='main')
    # The wrapper is the last function: only the inner dispatch can stop.
    main.add_function('W', make(_stopping_model()), ['i'], ['o'])
    try:
        with pytest.raises(DispatcherAbort, match=r'^$'):
            main.dispatch(inputs, stopper=STOP)
    finally:
        STOP.clear()
    assert CALLS == {}  # `second` never ran.
    assert repr(main.solution) == "Solution([('i', %r)])" % inputs['i']


# --------------------------------------------------------------------------
# Pickling and deep copies.
# --------------------------------------------------------------------------
def _wrappers():
    return {
        'SubDispatch': (SubDispatch(calc_model(), ['w'], output_type='list'),
                        ({'x': 2, 'z': 1},)),
        'SubDispatchFunction': (
            SubDispatchFunction(calc_model(), 'F', ['x', 'z', 'k'], ['w']),
            (2, 1)),
        'SubDispatchPipe': (
            SubDispatchPipe(calc_model(), 'P', ['x', 'z', 'k'], ['w']),
            (2, 1)),
        'DispatchPipe': (
            DispatchPipe(calc_model(), 'D', ['x', 'z', 'k'], ['w']), (2, 1)),
    }


EXPECTED = {'SubDispatch': [21], 'SubDispatchFunction': 21,
            'SubDispatchPipe': 21, 'DispatchPipe': 21}
OTHER_ARGS = {'SubDispatch': ({'x': 3, 'z': 2, 'k': 1},)}


@pytest.mark.parametrize('kind', list(EXPECTED))
@pytest.mark.parametrize('module', [pickle, dill], ids=['pickle', 'dill'])
@pytest.mark.parametrize('called', [False, True], ids=['fresh', 'called'])
def test_pickling(kind, module, called):
    w, args = _wrappers()[kind]
    if called:
        assert w(*args) == EXPECTED[kind]
    loaded = module.loads(module.dumps(w))
    assert type(loaded) is type(w) and loaded is not w
    assert loaded.__name__ == w.__name__ == w.name
    assert sorted(vars(loaded)) == sorted(vars(w))
    assert repr(loaded.solution) == 'Solution()'  # Results are not carried.
    assert loaded.solution.dsp is loaded.dsp
    if hasattr(w, 'pipe'):
        assert pipe_steps(loaded.pipe) == pipe_steps(w.pipe)
        assert all(t[-1][1] is loaded._sol for t, _, _ in loaded.pipe)
    assert loaded(*args) == w(*args) == EXPECTED[kind]
    other = OTHER_ARGS.get(kind, (3, 2, 1))
    assert loaded(*other) == w(*other)
    assert list(loaded.solution.items()) == list(w.solution.items())
    assert list(loaded.solution.workflow.edges) == list(
        w.solution.workflow.edges)
    assert loaded.solution.dist == w.solution.dist


@pytest.mark.parametrize('kind', list(EXPECTED))
@pytest.mark.parametrize('called', [False, True], ids=['fresh', 'called'])
def test_deep_copy(kind, called):
    # Fix: 1.2.0's copies of a DispatchPipe failed (KeyError: 'value') or
    # kept returning the result of the call made before copying.
    w, args = _wrappers()[kind]
    if called:
        assert w(*args) == EXPECTED[kind]
    for cp in (copy.deepcopy(w), w.copy()):
        assert type(cp) is type(w) and cp.dsp is not w.dsp
        assert cp.__name__ == w.__name__
        if hasattr(w, 'pipe'):
            assert pipe_steps(cp.pipe) == pipe_steps(w.pipe)
            assert all(t[-1][1] is cp._sol for t, _, _ in cp.pipe)
            assert cp._sol is not w._sol
        assert cp(*args) == EXPECTED[kind]
        other = OTHER_ARGS.get(kind, (3, 2, 1))
        expected = [5] if kind == 'SubDispatch' else 5
        assert cp(*other) == expected
        assert w(*other) == expected
        assert cp(*args) == EXPECTED[kind]
        assert w.solution is not cp.solution
        assert list(w.solution.items()) != list(cp.solution.items())


def test_deep_copy_of_a_dispatcher_holding_a_dispatch_pipe():
    dp = DispatchPipe(div_model(), 'DP', ['a', 'b'], ['c'])
    outer = sh.Dispatcher(name='outer')
    outer.add_function('DP', dp, ['x', 'y'], ['z'])
    assert outer({'x': 1, 'y': 2})['z'] == 0.5
    twin = outer.copy()
    twin_dp = twin.nodes['DP']['function']
    assert type(twin_dp) is DispatchPipe and twin_dp is not dp
    assert twin({'x': 1, 'y': 8})['z'] == 0.125
    assert outer({'x': 2, 'y': 8})['z'] == 0.25
    assert twin.solution.workflow.nodes['DP']['solution'] is twin_dp._sol


# --------------------------------------------------------------------------
# Blueprints (§9.1 __new__, §11.4, §11.6).
# --------------------------------------------------------------------------
def _blue_chain():
    return BlueDispatcher(name='bs').add_function(
        function=double, inputs=['x'], outputs=['y'])


@pytest.mark.parametrize('cls, args, kwargs, call, result', [
    (SubDispatch, (['y'],), {'output_type': 'list'}, ({'x': 2},), [4]),
    (SubDispatchFunction, ('tri', ['x'], ['y']), {}, (2,), 4),
    (SubDispatchPipe, ('tri', ['x']), {'outputs': ['y']}, (2,), 4),
    (DispatchPipe, ('tri', ['x'], ['y']), {}, (2,), 4),
])
def test_blueprint_argument_gives_blueprint(cls, args, kwargs, call, result):
    bs = _blue_chain()
    fb = cls(bs, *args, **kwargs)
    assert type(fb) is Blueprint
    assert fb.cls is cls and fb.args[0] is bs
    assert fb.args[1:] == args and fb.kwargs == kwargs
    built = fb.register()
    assert type(built) is cls and built(*call) == result
    assert fb(*call) == result
    memo = {}
    again = fb.register(memo=memo)
    assert list(memo) == [bs, fb] and memo[fb] is again
    assert type(memo[bs]) is sh.Dispatcher and memo[bs].name == 'bs'
    # Only SubDispatch keeps the registered model (others shrink/reduce).
    assert (again.dsp is memo[bs]) is (cls is SubDispatch)


def test_blueprint_dsp_keyword():
    bs = _blue_chain()
    fb = SubDispatchFunction(dsp=bs, function_id='k', inputs=['x'],
                             outputs=['y'])
    assert type(fb) is Blueprint
    assert fb.args == (bs,)
    assert fb.kwargs == {'function_id': 'k', 'inputs': ['x'],
                         'outputs': ['y']}
    assert fb(5) == 10


def test_blue_of_sub_dispatch():
    sd = SubDispatch(calc_model(), ['w'], output_type='dict', cutoff=50)
    memo = {}
    fb = sd.blue(memo)
    assert type(fb) is Blueprint and fb.cls is SubDispatch and fb.args == ()
    assert list(fb.kwargs) == [
        'dsp', 'outputs', 'cutoff', 'wildcard', 'no_call', 'shrink',
        'output_type', 'inputs_dist', 'rm_unused_nds']
    assert {k: v for k, v in fb.kwargs.items() if k != 'dsp'} == {
        'outputs': ['w'], 'cutoff': 50, 'wildcard': False, 'no_call': False,
        'shrink': False, 'output_type': 'dict', 'inputs_dist': None,
        'rm_unused_nds': False}
    assert type(fb.kwargs['dsp']) is BlueDispatcher
    assert memo == {sd: fb, sd.dsp: fb.kwargs['dsp']}
    assert sd.blue(memo) is fb and sd.blue() is not sd.blue()
    built = fb.register()
    assert type(built) is SubDispatch and built.dsp is not sd.dsp
    assert built({'x': 2, 'z': 1}) == {'w': 21}


@pytest.mark.parametrize('cls, extra', [
    (SubDispatchFunction, {'shrink': True}),
    (SubDispatchPipe, {}),
    (DispatchPipe, {}),
])
def test_blue_of_function_wrappers(cls, extra):
    kw = {'no_domain': False} if cls is not SubDispatchFunction else {}
    w = cls(calc_model(), 'fn', ['x', 'z'], ['w'], **kw)
    fb = w.blue()
    assert type(fb) is Blueprint and fb.cls is cls and fb.args == ()
    names = ['inputs', 'function_id', 'dsp', 'outputs', 'cutoff',
             'wildcard'] + list(extra) + ['inputs_dist']
    assert list(fb.kwargs) == names
    assert {k: v for k, v in fb.kwargs.items() if k != 'dsp'} == dict(
        inputs=['x', 'z'], function_id='fn', outputs=['w'], cutoff=None,
        wildcard=True, inputs_dist=None, **extra)
    blue_dsp = fb.kwargs['dsp']
    assert type(blue_dsp) is BlueDispatcher
    assert blue_dsp.kwargs['name'] == 'fn'  # The (shrunk) wrapped model.
    built = fb.register()
    assert type(built) is cls and built.function_id == 'fn'
    assert built(2, 1) == 21 and built(1, 1) == 11
    assert 'no_domain' not in vars(built)


def test_blue_of_a_dispatcher_holding_wrappers():
    f = SubDispatchFunction(calc_model(), 'calc', ['x', 'z'], ['w'])
    main = sh.Dispatcher(name='main')
    main.add_function('calc', f, ['a', 'b'], ['c'])
    rebuilt = main.blue().register()
    func = rebuilt.nodes['calc']['function']
    assert type(func) is SubDispatchFunction and func is not f
    assert repr(rebuilt({'a': 2, 'b': 1})) == \
        "Solution([('a', 2), ('b', 1), ('c', 21)])"


# --------------------------------------------------------------------------
# `sol.pipe` keys of wrapper nodes (02 §16, §19.6).
# --------------------------------------------------------------------------
def test_sub_dispatch_functions_inside_a_workflow():
    sub = sh.Dispatcher(name='sub')
    sub.add_function('mul', triple, ['x'], ['y'])
    main = sh.Dispatcher(name='main')
    main.add_dispatcher(sub, {'a': 'x'}, {'y': 'c'}, dsp_id='S')
    main.add_function('F', SubDispatchFunction(sub, 'F', ['x'], ['y']),
                      ['a'], ['d'])
    main.add_function('SD', SubDispatch(sub, ['y'], output_type='dict'),
                      ['e'], ['g'])
    sol = main.dispatch({'a': 1, 'e': {'x': 2}}, sol_name=('ROOT',))
    assert repr(sol) == ("Solution([('a', 1), ('e', {'x': 2}), ('d', 3), "
                         "('g', {'y': 6}), ('c', 3)])")
    assert sol.dist == {START: -1, 'a': 0.0, 'S': 0.0, 'e': 0.0, 'F': 1.0,
                        'SD': 1.0, 'd': 2.0, 'g': 2.0, 'c': 2.0}
    assert repr(wf_attrs(sol, 'F')) == \
        "{'solution': Solution([('x', 1), ('y', 3)]), 'results': 3}"
    assert repr(wf_attrs(sol, 'SD')) == \
        "{'solution': Solution([('x', 2), ('y', 6)]), 'results': {'y': 6}}"
    assert repr(wf_attrs(sol, 'S')) == \
        "{'solution': Solution([('x', 1), ('y', 3)])}"
    for k in ('F', 'SD'):
        s = sol.workflow.nodes[k]['solution']
        assert s.index == (-1,) and s.full_name == ('ROOT', k)
        assert s.sub_sol == {(-1,): s}
    assert list(sol.sub_sol) == [(-1,), (-1, 0)]
    assert list(sol.pipe) == [
        ('ROOT', 'a'), ('ROOT', 'e'), ('ROOT', 'S', 'x'), ('ROOT', 'F'),
        ('ROOT', 'SD'), ('ROOT', 'S', 'mul'), ('ROOT', 'd'), ('ROOT', 'g'),
        ('ROOT', 'S', 'y'), ('ROOT', 'c')]
    assert list(sol.pipe[('ROOT', 'F')]['sub_pipe']) == ['x', 'mul', 'y']
    assert list(sol.pipe[('ROOT', 'SD')]['sub_pipe']) == ['x', 'mul', 'y']


def test_sub_pipe_keys_of_pipes():
    main = sh.Dispatcher(name='main')
    sp = SubDispatchPipe(nested_model(), 'SP', ['a'], ['d'])
    dp = DispatchPipe(nested_model(), 'DP', ['a'], ['d'])
    main.add_function('SP', sp, ['a'], ['o1'])
    main.add_function('DP', dp, ['a'], ['o2'])
    sol = main.dispatch({'a': 1}, sol_name=('ROOT',))
    assert repr(sol) == "Solution([('a', 1), ('o1', 12), ('o2', 12)])"
    assert list(sol.pipe) == [('ROOT', 'a'), ('ROOT', 'DP'), ('ROOT', 'SP'),
                              ('ROOT', 'o1'), ('ROOT', 'o2')]
    inner = ['a', 'inc', 'b', ('S', 'x'), ('S', 'k'), ('S', 'mul'),
             ('S', 'y'), 'c', 'double', 'd']
    # SP keys are relative to its node; DP's (NoSub) base is () and its
    # solution keeps the name () whatever `_sol_name` is.
    assert list(sol.pipe[('ROOT', 'SP')]['sub_pipe']) == inner
    assert list(sol.pipe[('ROOT', 'DP')]['sub_pipe']) == inner
    assert sp.solution.full_name == ('ROOT', 'SP')
    assert sp.solution.sub_sol[(-1, 3)].full_name == ('ROOT', 'SP', 'S')
    assert dp._sol.full_name == ()
    assert dp._sol.sub_sol[(-1, 3)].full_name == ('S',)


# --------------------------------------------------------------------------
# Sub-dispatchers inside pipes (replay through `_set_sub_dsp_node_input` and
# `_see_remote_link_node`).
# --------------------------------------------------------------------------
NESTED_STEPS = [
    ('a', (), ['inc'], []), ('inc', (), ['b'], []),
    ('b', (), ['S'], [('S', 0.0)]), ('x', ('S',), ['mul'], []),
    ('k', ('S',), ['mul'], []), ('mul', ('S',), ['y'], []),
    ('y', ('S',), [], []), ('c', (), ['double'], []),
    ('double', (), ['d'], []), ('d', (), [], [])]


@pytest.mark.parametrize('cls', [SubDispatchPipe, DispatchPipe])
def test_pipe_with_sub_dispatcher(cls):
    top = nested_model()
    p = cls(top, 'P', ['a'], ['d'])
    assert CALLS == {}
    assert sorted(p.dsp.nodes) == [
        'S', 'a', 'b', 'c', 'd', 'double', 'inc']
    assert sorted(p.dsp.nodes['S']['function'].nodes) == [
        'k', 'mul', 'x', 'y']
    assert pipe_steps(p.pipe) == NESTED_STEPS
    assert (p(1), p(2)) == (12, 18)
    # Only the recorded path runs (`thousand` and the child's `neg` never).
    assert CALLS == {'inc': 2, 'mul': 2, 'double': 2}
    sol = p.solution
    assert repr(sol) == \
        "Solution([('a', 2), ('b', 3), ('c', 9), ('d', 18)])"
    assert sol.dist == {START: -1, 'a': 0.0, 'inc': 1.0, 'b': 2.0,
                        'S': 2.0, 'c': 4.0, 'double': 5.0, 'd': 6.0}
    assert list(sol.workflow.edges) == [
        (START, 'a'), ('a', 'inc'), ('inc', 'b'), ('b', 'S'), ('S', 'c'),
        ('c', 'double'), ('double', 'd')]
    child = sol.sub_sol[(-1, 3)]
    assert list(sol.sub_sol) == [(-1,), (-1, 3)]
    assert repr(child) == "Solution([('x', 3), ('k', 3), ('y', 9)])"
    assert list(child.workflow.edges) == [
        (START, 'k'), (START, 'x'), ('k', 'mul'), ('x', 'mul'),
        ('mul', 'y')]
    assert child.dist == {START: -1, 'x': 2.0, 'k': 2.0, 'mul': 3.0,
                          'y': 4.0}
    assert wf_attrs(sol, 'S') == {'solution': child}
    assert sol.get_node('S', 'y') == (9, ('S', 'y'))
    assert list(sol.pipe) == [
        'a', 'inc', 'b', ('S', 'x'), ('S', 'k'), ('S', 'mul'), ('S', 'y'),
        'c', 'double', 'd']
    # The same model dispatched normally: same values, distances and steps.
    normal = top({'a': 2}, ['d'])
    assert list(normal.items()) == list(sol.items())
    assert normal.dist == sol.dist and list(normal.pipe) == list(sol.pipe)
    norm_child = normal.sub_sol[(-1, 3)]
    assert list(norm_child.items()) == list(child.items())
    assert list(norm_child.workflow.edges) == list(child.workflow.edges)
    assert norm_child.dist == child.dist


def test_pipe_with_sub_dispatcher_fresh_children():
    p = SubDispatchPipe(nested_model(), 'P', ['a'], ['d'])
    p(1)
    first = p.solution.sub_sol[(-1, 3)]
    p(5)
    second = p.solution.sub_sol[(-1, 3)]
    assert second is not first and second is not p._sol.sub_sol[(-1, 3)]
    assert (first['y'], second['y']) == (6, 18)
    assert second.dist is p._sol.sub_sol[(-1, 3)].dist
    assert second.fringe is None and second.sub_sol is p.solution.sub_sol


def test_pipe_with_sub_dispatcher_failure():
    p = SubDispatchPipe(nested_model(), 'P', ['a'], ['d'])
    with pytest.raises(DispatcherError) as info:
        p('a')  # `inc` fails: nothing more runs.
    assert str(info.value) == UNREACHABLE.format({'d'}, ['a'])
    assert CALLS == {'inc': 1}
    dp = DispatchPipe(nested_model(), 'P', ['a'], ['d'])
    assert dp(1.5) == 15.0
    with pytest.raises(DispatcherError) as info:
        dp(None)
    assert str(info.value) == 'The pipe is not respected.'
    # The reused solution keeps the stale values of the previous call.
    assert repr(dp.solution) == \
        "Solution([('a', None), ('b', 2.5), ('c', 7.5), ('d', 15.0)])"
    assert CALLS == {'inc': 3, 'mul': 1, 'double': 1}


# --------------------------------------------------------------------------
# §6 Base.get_node on wrappers.
# --------------------------------------------------------------------------
def test_get_node_on_wrappers():
    inner = sh.Dispatcher(name='inner')
    inner.add_function('add', operator.add, ['a', 'b'], ['c'])
    sd = SubDispatch(inner)
    sd({'a': 1, 'b': 5})
    assert sd.get_node('c') == (6, ('c',))
    d = sh.Dispatcher(name='m')
    d.add_function('f', inc, ['a'], ['b'])
    f = SubDispatchFunction(d, 'F', ['a'], ['b'])
    assert (f(1), f.get_node('b')) == (
        2, ({'type': 'data', 'wait_inputs': False, 'index': (2,)}, ('b',)))
    g = SubDispatchFunction(d, 'G', ['a'], ['b'], shrink=False)
    assert (g(1), g.get_node('b')) == (2, (NONE, ('b',)))
    assert g.get_node('b')[0] is NONE
    attrs, path = f.get_node('f', node_attr=None)
    assert path == ('f',) and attrs['type'] == 'function'
    assert attrs is f.dsp.nodes['f']


# --------------------------------------------------------------------------
# Executors registry: `SubDispatch` uses `None`, the others `False`.
# --------------------------------------------------------------------------
def test_collected_solutions_leave_the_executors_registry(monkeypatch):
    # `result()` marks a solution inactive; once collected its id must go
    # (02 §15), else a new solution at the same address is seen inactive.
    monkeypatch.setattr(EXECUTORS, '_executors', {})
    sd = SubDispatch(chain_model())
    first = id(sd({'x': 1}))
    assert EXECUTORS._executors[None]['active'] == {first: False}
    second = id(sd({'x': 2}))
    gc.collect()
    assert EXECUTORS._executors[None]['active'] == {second: False}


def test_default_executor_names(monkeypatch):
    monkeypatch.setattr(EXECUTORS, '_executors', {})
    inner = div_model()
    SubDispatchFunction(inner, 'F', ['a', 'b'], ['c'])(1, 2)
    SubDispatchPipe(inner, 'P', ['a', 'b'], ['c'])(1, 2)
    assert list(EXECUTORS._executors) == []
    SubDispatch(inner)({'a': 1, 'b': 2})
    assert list(EXECUTORS._executors) == [None]


def _sub_model():
    # a -> neg -> b -> sub-dispatcher S (default k=3, mul) -> c
    child = sh.Dispatcher(name='child')
    child.add_data('k', default_value=3)
    child.add_function('mul', operator.mul, ['x', 'k'], ['y'])
    d = sh.Dispatcher(name='outer')
    d.add_function('neg', operator.neg, ['a'], ['b'])
    d.add_dispatcher(child, {'b': 'x'}, {'y': 'c'}, dsp_id='S')
    return d


@pytest.mark.parametrize('cls', [SubDispatchPipe, DispatchPipe])
def test_copies_of_a_called_pipe_solution(cls):
    # The returned solution refers back to its pipe: copying or pickling it
    # must not re-plan on a half-copied template.
    p = cls(_sub_model(), 'P', ['a'])
    sol = p(1)
    clones = [pickle.loads(pickle.dumps(sol)), dill.loads(dill.dumps(sol))]
    assert [repr(c) for c in clones] == [repr(sol)] * 2
    clones.append(copy.deepcopy(sol))  # Its items are not copied (02 §4.2).
    assert repr(clones[-1]) == 'Solution()'
    assert [c.parent(2)['c'] for c in clones] == [-6] * 3
    assert p(5)['c'] == -15


@pytest.mark.parametrize('cls', [SubDispatchPipe, DispatchPipe])
def test_shallow_copy_of_a_pipe_keeps_the_original_working(cls):
    p = cls(_sub_model(), 'P', ['a'], ['c'])
    assert p(1) == -3
    q = copy.copy(p)
    assert q.pipe is p.pipe and q(2) == -6
    assert p(3) == -9 and q(4) == -12


# --------------------------------------------------------------------------
# Concurrent calls: each fills its own solution (the last started is kept).
# --------------------------------------------------------------------------
def _slow_add(a, b):
    time.sleep(0.0002)  # Lets the other threads run in between.
    return a + b


@pytest.mark.parametrize('cls', [SubDispatchFunction, SubDispatchPipe])
def test_concurrent_calls_from_threads(cls):
    inner = sh.Dispatcher(name='inner')
    inner.add_function('add', _slow_add, ['a', 'b'], ['c'])
    inner.add_function('double', operator.mul, ['c', 'two'], ['d'])
    inner.add_data('two', 2)
    func = cls(inner, 'f', ['a', 'b'], ['d'])
    wrong, barrier = [], threading.Barrier(6)

    def calls(offset):
        barrier.wait()
        for i in range(offset, offset + 60):
            try:
                if func(i, 1) != 2 * (i + 1):
                    wrong.append(i)
            except Exception as ex:  # A thread's error fails the test too.
                wrong.append(ex)

    threads = [threading.Thread(target=calls, args=(100 * n,))
               for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert wrong == []
    assert func(3, 4) == 14 and func.solution['d'] == 14
