# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""
Error handling of the dispatch (spec 02 §13, §19.4, §19.5): `_warning` and
the `raises` setting, `_errors` messages, log records, `DispatcherError`,
negative weights, the stopper and `DispatcherAbort`, and the exceptions that
escape a dispatch.
"""
import pickle
import threading

import pytest

import schedula as sh
from schedula.utils.exc import DispatcherAbort, SkipNode

LOGGER = 'schedula.utils.sol'
DISPATCHING = "Failed DISPATCHING '%s' due to:\n  %r"
NO_WAY = "Failed DISPATCHING 'explode' due to:\n  ValueError('no way')"


def explode(p):
    raise ValueError('no way')


def explode_model(raises):
    dsp = sh.Dispatcher(raises=raises)
    dsp.add_function('explode', explode, ['p'], ['q'])
    return dsp


def records(caplog):
    return [(r.name, r.levelname, r.getMessage()) for r in caplog.records]


# --- §13.1 / §19.4 raising configurations --------------------------------------
def test_raises_true(caplog):
    dsp = explode_model(True)
    with pytest.raises(sh.DispatcherError) as info:
        dsp.dispatch({'p': 1}, sol_name=('top',))
    err = info.value
    assert err.args[:2] == (DISPATCHING, 'top/explode')
    assert len(err.args) == 3 and err.args[2] is err.ex
    assert repr(err.ex) == "ValueError('no way')"
    assert err.sol is dsp.solution
    assert err.plot == err.sol.plot
    assert err.sol._errors == {'explode': NO_WAY}
    assert list(err.sol.items()) == [('p', 1)]
    assert records(caplog) == []
    # Issue 13: str() formats the message with the args (1.2.0: the tuple).
    assert str(err) == "Failed DISPATCHING 'top/explode' due to:\n  " \
                       "ValueError('no way')"


def test_raises_false(caplog):
    dsp = explode_model(False)
    sol = dsp.dispatch({'p': 1}, sol_name=('top',))
    assert repr(sol) == "Solution([('p', 1)])"
    assert sol._errors == {'explode': NO_WAY}
    assert records(caplog) == [(
        LOGGER, 'ERROR',
        "Failed DISPATCHING 'top/explode' due to:\n  ValueError('no way')")]
    exc_type, exc, tb = caplog.records[0].exc_info
    assert exc_type is ValueError and tb is not None


def test_raises_empty_string(caplog):
    dsp = explode_model('')
    sol = dsp.dispatch({'p': 1}, sol_name=('top',))
    assert repr(sol) == "Solution([('p', 1)])"
    assert sol._errors == {'explode': NO_WAY}
    assert records(caplog) == []


def test_raises_callable(caplog):
    seen = []
    dsp = explode_model(lambda ex: seen.append(ex) or isinstance(ex, KeyError))
    sol = dsp.dispatch({'p': 1})
    assert repr(sol) == "Solution([('p', 1)])"
    assert sol._errors == {'explode': NO_WAY}
    assert [repr(e) for e in seen] == ["ValueError('no way')"]
    assert records(caplog) == [(LOGGER, 'ERROR', NO_WAY)]
    caplog.clear()
    dsp.raises = lambda ex: ''
    sol = dsp.dispatch({'p': 1})
    assert sol._errors == {'explode': NO_WAY} and records(caplog) == []
    dsp.raises = lambda ex: isinstance(ex, ValueError)
    with pytest.raises(sh.DispatcherError) as info:
        dsp.dispatch({'p': 1})
    assert info.value.args[1] == 'explode'


def test_raises_truthy_non_callable():
    dsp = explode_model(1)
    with pytest.raises(sh.DispatcherError,
                       match=r"'explode' due to:\n  ValueError\('no way'\)"):
        dsp.dispatch({'p': 1})


def test_warning_direct_call(caplog):
    dsp = sh.Dispatcher(name='d')
    sol = dsp.dispatch({}, sol_name=('R',))
    ex = KeyError('k')
    template = "In '%s': %r, extra %s"
    sol._warning(template, 'n', ex, 'X', exc_info=0)
    assert sol._errors == {'n': "In 'n': KeyError('k'), extra X"}
    assert records(caplog) == [(LOGGER, 'ERROR',
                                "In 'R/n': KeyError('k'), extra X")]
    assert not caplog.records[0].exc_info
    dsp.raises = True
    sol = dsp.dispatch({})
    with pytest.raises(sh.DispatcherError) as info:
        sol._warning(template, 'n', ex, 'X')
    assert info.value.args == (template, 'n', ex, 'X')
    assert info.value.ex is ex and info.value.sol is sol
    assert sol._errors == {'n': "In 'n': KeyError('k'), extra X"}


def test_warning_reraises_nested_dispatcher_error():
    dsp = sh.Dispatcher(raises=True)
    sol = dsp.dispatch({})
    nested = sh.DispatcherError('inner', sol=None)
    with pytest.raises(sh.DispatcherError) as info:
        sol._warning(DISPATCHING, 'F', nested)
    assert info.value is nested and nested.sol is sol
    assert sol._errors == {}
    # Not raising: a nested error is recorded like any other.
    dsp.raises = False
    sol = dsp.dispatch({})
    sol._warning(DISPATCHING, 'F', nested, exc_info=0)
    assert sol._errors == {
        'F': "Failed DISPATCHING 'F' due to:\n  DispatcherError('inner')"}


# --- failures of data functions, filters, callbacks ------------------------------
def test_data_function_and_filter_failures(caplog):
    dsp = sh.Dispatcher()
    dsp.add_data('b', function=lambda kw: 1 / 0)
    dsp.add_data('c', filters=[lambda v: v + 1, lambda v: v['x']])
    dsp.add_function('f', lambda a: a, ['a'], ['b'])
    dsp.add_function('g', lambda a: a, ['a'], ['c'])
    sol = dsp.dispatch({'a': 1})
    assert list(sol.items()) == [('a', 1)]
    assert sol._errors == {
        'b': "Failed DISPATCHING 'b' due to:\n  "
             "ZeroDivisionError('division by zero')",
        'c': "Failed DISPATCHING 'c' due to:\n  "
             "TypeError(\"'int' object is not subscriptable\")"}
    assert [r.getMessage() for r in caplog.records] == list(
        sol._errors.values())
    attrs = sol.workflow.nodes['c']
    # The chain failed: its steps are not reported.
    assert attrs['solution_filters'] == [1]
    assert set(attrs) == {'started', 'duration', 'solution_filters'}
    assert sol.workflow.succ['b'] == {} and sol.workflow.succ['c'] == {}


def test_failing_callback(caplog):
    def bad_cb(value):
        raise RuntimeError('cb failed')

    dsp = sh.Dispatcher()
    dsp.add_data('b', callback=bad_cb)
    dsp.add_function('f', lambda a: a + 1, ['a'], ['b'])
    dsp.add_function('g', lambda b: b, ['b'], ['c'])
    sol = dsp.dispatch({'a': 1})
    assert list(sol.items()) == [('a', 1), ('b', 2), ('c', 2)]
    msg = "Failed CALLBACK 'b' due to:\n  cb failed"
    assert sol._errors == {'b': msg}
    assert records(caplog) == [(LOGGER, 'ERROR', msg)]
    dsp.raises = True
    with pytest.raises(sh.DispatcherError) as info:
        dsp.dispatch({'a': 1})
    err = info.value
    assert err.args[:2] == ("Failed CALLBACK '%s' due to:\n  %s", 'b')
    assert repr(err.args[2]) == "RuntimeError('cb failed')"
    assert len(err.args) == 3 and err.ex is err.args[2]
    assert list(dsp.solution.items()) == [('a', 1)]
    assert dsp.solution._errors == {'b': msg}


def test_function_not_callable(caplog):
    dsp = sh.Dispatcher()
    dsp.add_function('f', None, ['a'], ['b'])
    dsp.add_function('g', lambda a: a + 1, ['a'], ['c'])
    sol = dsp.dispatch({'a': 1})
    assert list(sol.items()) == [('a', 1), ('c', 2)]
    msg = "Failed DISPATCHING 'f' due to:\n  " \
          "TypeError(\"'NoneType' object is not callable\")"
    assert sol._errors == {'f': msg}
    assert records(caplog) == [(LOGGER, 'ERROR', msg)]
    assert set(sol.workflow.nodes['f']) == {'started', 'duration'}
    dsp = sh.Dispatcher()
    dsp.add_function('f', 5, ['a'], ['b'])
    sol = dsp.dispatch({'a': 1})
    assert sol._errors == {'f': "Failed DISPATCHING 'f' due to:\n  "
                                "TypeError(\"'int' object is not callable\")"}


def test_errors_in_pipe():
    dsp = explode_model('')
    sol = dsp.dispatch({'p': 1})
    assert list(sol.pipe) == ['p', 'explode']
    assert sol.pipe['explode']['error'] == NO_WAY
    assert 'error' not in sol.pipe['p']


# --- §13.2 DispatcherError -------------------------------------------------------
def test_dispatcher_error_pickling():
    dsp = explode_model(True)
    with pytest.raises(sh.DispatcherError) as info:
        dsp.dispatch({'p': 1})
    err = pickle.loads(pickle.dumps(info.value))
    assert type(err) is sh.DispatcherError
    assert err.args[:2] == info.value.args[:2]
    assert err.sol is None and err.plot is None
    assert repr(err.ex) == "ValueError('no way')"


# --- §7.3 negative weights ------------------------------------------------------
def negative_model(raises):
    # u is a wildcard input: it feeds w2 directly; recomputed through the
    # cycle at -97, it offers w2 (visited at -100) a shorter distance.
    dsp = sh.Dispatcher(raises=raises)
    dsp.add_function('w1', lambda u, z: u, ['u', 'z'], ['u'])
    dsp.add_function('w2', lambda u: u, ['u'], ['m'],
                     inp_weight={'u': -100})
    dsp.add_function('back', lambda m: m, ['m'], ['u'])
    dsp.add_function('fin', lambda m: m, ['m'], ['x'], weight=1000)
    return dsp


@pytest.mark.parametrize('raises', [False, True, ''])
def test_negative_weights(raises):
    dsp = negative_model(raises)
    with pytest.raises(sh.DispatcherError) as info:
        dsp.dispatch({'u': 1}, ['u', 'x'], wildcard=True)
    err = info.value
    assert err.args == ('Contradictory paths found: negative weights?',)
    assert err.sol is dsp.solution and err.ex is None
    assert repr(err.sol.dist) == "{start: -1, 'w2': -100.0, 'm': -99.0, " \
                                 "'back': -98.0, 'u': -97.0}"
    assert err.sol._errors == {}


# --- §13.6 stopper ------------------------------------------------------------
def test_stopper_aborts_next_function_call():
    stopper = threading.Event()
    calls = []
    dsp = sh.Dispatcher()
    dsp.add_function('f', lambda a: stopper.set() or a + 1, ['a'], ['b'])
    dsp.add_function('g', lambda b: calls.append(b), ['b'], ['c'])
    with pytest.raises(DispatcherAbort, match=r'^$'):
        dsp.dispatch({'a': 1}, stopper=stopper)
    assert repr(dsp.solution) == "Solution([('a', 1), ('b', 2)])"
    assert isinstance(dsp.solution.fringe, list)
    assert calls == [] and dsp.solution._errors == {}
    assert list(dsp.solution.pipe) == ['a', 'f', 'b', 'g']


def test_stopper_checked_before_filters():
    stopper = threading.Event()
    dsp = sh.Dispatcher()
    dsp.add_data('b', filters=[lambda v: v + 1])
    dsp.add_function('f', lambda a: stopper.set() or a, ['a'], ['b'])
    with pytest.raises(DispatcherAbort, match=r'^$'):
        dsp.dispatch({'a': 1}, stopper=stopper)
    assert list(dsp.solution.items()) == [('a', 1)]


def test_stopper_set_before_dispatch():
    stopper = threading.Event()
    stopper.set()
    dsp = sh.Dispatcher()
    dsp.add_function('f', lambda a: a, ['a'], ['b'])
    with pytest.raises(DispatcherAbort, match=r'^$'):
        dsp.dispatch({'a': 1}, stopper=stopper)
    # Plain data nodes are not checked.
    assert list(dsp.solution.items()) == [('a', 1)]


def test_skip_node_never_escapes():
    dsp = sh.Dispatcher()
    dsp.add_function('f', lambda a: a, ['a'], ['b'],
                     input_domain=lambda a: False)
    dsp.add_function('g', explode, ['a'], ['c'])
    dsp.raises = ''
    sol = dsp.dispatch({'a': 1})
    assert list(sol.items()) == [('a', 1)]
    assert issubclass(SkipNode, BaseException)
    assert not issubclass(SkipNode, Exception)


# --- nested SubDispatch errors ------------------------------------------------
def failing_sub(raises):
    sub = sh.Dispatcher(name='sub', raises=raises)
    sub.add_function('bad', explode, ['x'], ['y'])
    return sub


def test_sub_dispatch_function_error_parent_raises():
    main = sh.Dispatcher(raises=True)
    main.add_function('F', sh.SubDispatchFunction(
        failing_sub(True), 'F', ['x'], ['y']), ['a'], ['b'])
    with pytest.raises(sh.DispatcherError) as info:
        main.dispatch({'a': 1})
    err = info.value
    assert err.sol is main.solution
    assert err.args[1] == 'F/bad'
    assert main.solution._errors == {}
    assert 'solution' in main.solution.workflow.nodes['F']


def test_sub_dispatch_function_error_parent_logs(caplog):
    main = sh.Dispatcher()
    main.add_function('F', sh.SubDispatchFunction(
        failing_sub(True), 'F', ['x'], ['y']), ['a'], ['b'])
    sol = main.dispatch({'a': 1})
    assert list(sol.items()) == [('a', 1)]
    assert list(sol._errors) == ['F']
    assert sol._errors['F'].startswith(
        "Failed DISPATCHING 'F' due to:\n  DispatcherError(")
    assert [r.getMessage() for r in caplog.records] == [sol._errors['F']]
    sub_sol = sol.workflow.nodes['F']['solution']
    assert sub_sol._errors == {'bad': NO_WAY.replace('explode', 'bad')}


def test_sub_dispatch_unreachable_outputs():
    main = sh.Dispatcher(raises='')
    main.add_function('F', sh.SubDispatchFunction(
        failing_sub(''), 'F', ['x'], ['y']), ['a'], ['b'])
    sol = main.dispatch({'a': 1})
    assert sol._errors == {
        'F': 'Failed DISPATCHING \'F\' due to:\n  DispatcherError("\\n  '
             'Unreachable output-targets: {\'y\'}\\n  Available outputs: '
             '[\'x\']")'}
