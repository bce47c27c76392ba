# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""
Dispatching with executors (spec 04): futures in solutions, ``result()``,
awaited nodes, errors, the stopper and shutdowns.
"""
import os
import time
import logging
import threading

import pytest
from multiprocess import Event

import schedula as sh
from schedula.utils.asy import EXECUTORS, AsyncList
from schedula.utils.exc import DispatcherAbort, DispatcherError, \
    ExecutorShutdown

BUILT_INS = ('async', 'parallel', 'parallel-pool', 'parallel-dispatch')
MAIN = os.getpid()
STEP = 0.15  # Seconds of each slow step.


@pytest.fixture(autouse=True)
def clean_registry():
    sh.shutdown_executors(False)
    yield
    sh.shutdown_executors(False)


def where(x):
    p = 'main-process' if os.getpid() == MAIN else 'child-process'
    t = 'main-thread' if threading.current_thread() is \
        threading.main_thread() else 'worker-thread'
    return p + '/' + t


def boom(x):
    raise ValueError('bad input %s' % x)


def double(x):
    time.sleep(0.05)
    return 2 * x


def slow_inc(x):
    time.sleep(STEP)
    return x + 1


def pair(x):
    time.sleep(0.05)
    return x + 1, x - 1


def chain_model(first=slow_inc):
    """a -> s1 -> b -> s2 -> c -> s3 -> d, each step slow."""
    d = sh.Dispatcher(name='chain')
    for i, (u, v) in enumerate(zip('abc', 'bcd'), 1):
        d.add_function('s%d' % i, first if i == 1 else slow_inc, [u], [v])
    return d


# ----------------------------------------------------------- 04 §2
def test_choosing_the_executor():
    inner = sh.Dispatcher(name='inner', executor='parallel')
    inner.add_function('w', where, ['a'], ['b'])
    lib = sh.Dispatcher(name='lib', executor='async')
    lib.add_function('w', where, ['a'], ['b'])
    outer = sh.Dispatcher(name='outer')
    outer.add_function('w', where, ['a'], ['top'])
    outer.add_dispatcher(inner, inputs={'a': 'a'},
                         outputs={'b': 'from_inner'})
    outer.add_function('lib', sh.SubDispatchFunction(lib, 'lib', ['a'],
                                                     ['b']),
                       ['a'], ['from_lib'])

    def show(sol):
        return {k: sol[k] for k in ('top', 'from_inner', 'from_lib')}

    mm, cm = 'main-process/main-thread', 'child-process/main-thread'
    mw = 'main-process/worker-thread'
    assert show(outer({'a': 1})) == {
        'top': mm, 'from_inner': mm, 'from_lib': mm}
    assert show(outer({'a': 1}, executor=True).result()) == {
        'top': mm, 'from_inner': cm, 'from_lib': mw}
    assert show(outer({'a': 1}, executor='async').result()) == {
        'top': mw, 'from_inner': mw, 'from_lib': mw}
    assert sorted(sh.shutdown_executors()) == ['async', 'parallel']


def test_executor_attribute_only_with_true():
    d = sh.Dispatcher(executor='async')
    d.add_function('f', lambda x: threading.current_thread() is
                   threading.main_thread(), ['a'], ['b'])
    assert repr(d({'a': 1})) == "Solution([('a', 1), ('b', True)])"
    assert repr(d({'a': 1}, executor=True).result()) == \
        "Solution([('a', 1), ('b', False)])"
    assert repr(d({'a': 1}, executor=None)) == \
        "Solution([('a', 1), ('b', True)])"
    sd = sh.SubDispatch(d, ['b'], output_type='list')
    assert (sd({'a': 1}), sd({'a': 1}, _executor=True)) == ([True], [False])


def test_registry_entries_per_name(monkeypatch):
    monkeypatch.setattr(EXECUTORS, '_executors', {})
    d = sh.Dispatcher()
    d.add_function('f', abs, ['a'], ['b'])
    d({'a': 1})
    sh.SubDispatchFunction(d, 'F', ['a'], ['b'])(1)
    assert list(EXECUTORS._executors) == []  # False never looks up.
    sh.SubDispatch(d)({'a': 1})
    assert list(EXECUTORS._executors) == [None]
    d({'a': 1}, executor='async').result()
    d({'a': 1}, executor='async').result()
    assert list(EXECUTORS._executors) == [None, 'async']
    assert sorted(sh.shutdown_executors()) == ['async']


# ------------------------------------------------- unknown names (04 §2.2)
MSG = ("Unknown executor 'paralel': running synchronously (the registered "
       "executors are 'async', 'parallel', 'parallel-dispatch', "
       "'parallel-pool').")


def _warnings(caplog):
    return [(r.name, r.levelname, r.getMessage()) for r in caplog.records
            if r.name == 'schedula.utils.asy']


def test_unknown_executor_name_runs_synchronously(monkeypatch, caplog):
    # 1.2.0 ran a name without a factory synchronously (and cached that);
    # ours does the same and logs a warning at the first look-up.
    for name in set(EXECUTORS) - set(BUILT_INS):  # E.g. README's 'dask'.
        monkeypatch.delitem(EXECUTORS, name)
    monkeypatch.setattr(EXECUTORS, '_executors', {})
    caplog.set_level(logging.WARNING, 'schedula.utils.asy')
    d = sh.Dispatcher(name='d', executor='paralel')
    d.add_function('f', where, ['a'], ['b'])
    sync = "Solution([('a', 1), ('b', 'main-process/main-thread')])"
    assert repr(d({'a': 1}, executor='paralel')) == sync
    assert _warnings(caplog) == [('schedula.utils.asy', 'WARNING', MSG)]
    assert repr(d({'a': 1}, executor=True)) == sync  # Its own name.
    f = sh.SubDispatchFunction(d, 'F', ['a'], ['b'])
    assert f(1, _executor='paralel') == 'main-process/main-thread'
    assert len(_warnings(caplog)) == 1  # Cached: said once.
    assert EXECUTORS._executors['paralel']['executor'] is None
    # 04 §2.2's examples: a typo, an executor object given as a name.
    g = sh.Dispatcher()
    g.add_function('f', lambda x: threading.current_thread() is
                   threading.main_thread(), ['a'], ['b'])
    assert repr(g({'a': 1}, executor='no-such-name')) == \
        "Solution([('a', 1), ('b', True)])"
    pool = sh.PoolExecutor(sh.ThreadExecutor())
    assert repr(g({'a': 1}, executor=pool)) == \
        "Solution([('a', 1), ('b', True)])"
    assert [m for _, _, m in _warnings(caplog)][1:] == [
        "Unknown executor 'no-such-name': running synchronously (the "
        "registered executors are 'async', 'parallel', 'parallel-dispatch', "
        "'parallel-pool').",
        "Unknown executor %r: running synchronously (the registered "
        "executors are 'async', 'parallel', 'parallel-dispatch', "
        "'parallel-pool')." % pool]
    # The cached None outlives a later registration until a shutdown.
    monkeypatch.setitem(EXECUTORS, 'paralel', EXECUTORS['async'])
    assert repr(d({'a': 1}, executor='paralel')) == sync
    assert sh.shutdown_executor('paralel') == {}
    sol = d({'a': 1}, executor='paralel')
    assert type(sol['b']).__name__ == 'Future'
    assert repr(sol.result()) == \
        "Solution([('a', 1), ('b', 'main-process/worker-thread')])"
    # None and False never warn.
    caplog.clear()
    assert d({'a': -1}, executor=None) == d({'a': -1}) == {
        'a': -1, 'b': 'main-process/main-thread'}
    assert _warnings(caplog) == []


def test_factory_returning_a_non_executor(monkeypatch):
    monkeypatch.setitem(EXECUTORS, 'bad', lambda: 'not an executor')
    d = sh.Dispatcher()
    d.add_function('f', abs, ['a'], ['b'])
    with pytest.raises(TypeError) as info:  # 1.2.0: AttributeError.
        d({'a': 1}, executor='bad')
    assert str(info.value).startswith(
        "The factory of the executor 'bad' returned 'not an executor', "
        "which is not an executor")
    # A falsy result means synchronous (1.2.0 tested the truth value).
    for falsy in (None, 0, ''):
        monkeypatch.setitem(EXECUTORS, 'sync', lambda: falsy)
        assert d({'a': -1}, executor='sync') == {'a': -1, 'b': 1}
        assert EXECUTORS._executors['sync']['executor'] is None
        sh.shutdown_executor('sync')


def test_register_a_non_callable_executor():
    for bad in (42, None, sh.PoolExecutor(sh.ThreadExecutor())):
        with pytest.raises(TypeError) as info:
            sh.register_executor('x', bad)
        assert str(info.value) == (
            "register_executor('x', %r): the factory of an executor must be "
            "callable (it returns the executor), got %s." % (
                bad, type(bad).__name__))
    assert 'x' not in EXECUTORS  # Nothing was registered.


def test_set_executor_on_a_fresh_name(monkeypatch):
    monkeypatch.setattr(EXECUTORS, '_executors', {})
    EXECUTORS.set_executor('fresh', sh.PoolExecutor(sh.ThreadExecutor()))
    d2 = sh.Dispatcher()
    d2.add_function('f', lambda a: a + 1, ['a'], ['b'])
    assert d2({'a': 1}).result() == {'a': 1, 'b': 2}  # 1.2.0: KeyError.
    assert d2({'a': 1}, executor='async').result() == {'a': 1, 'b': 2}
    sol = d2({'a': 1}, executor='fresh')
    assert type(sol['b']).__name__ == 'Future'
    assert repr(sol.result()) == "Solution([('a', 1), ('b', 2)])"
    assert sorted(sh.shutdown_executors()) == ['async', 'fresh']


# ----------------------------------------------------------- 04 §4.1
def test_futures_none_outputs_and_start():
    def split(x):
        return x, sh.NONE

    d1 = sh.Dispatcher()
    d1.add_function('split', split, ['a'], ['b', 'c'])
    d1.add_function('count', lambda *args: len(args), ['c'], ['d'])
    assert repr(d1({'a': 1})) == "Solution([('a', 1), ('b', 1)])"
    s = d1({'a': 1}, executor='async')
    assert sorted((k, type(v).__name__) for k, v in s.items()) == [
        ('a', 'Future'), ('b', 'Future'), ('c', 'Future'), ('d', 'Future')]
    assert repr(s.result()) == \
        "Solution([('a', 1), ('b', 1), ('c', none), ('d', 0)])"
    results = s.workflow.nodes['split']['results']
    assert type(results) is AsyncList and list(results) == [1, sh.NONE]
    d0 = sh.Dispatcher()
    d0.add_function('now', lambda: 7, outputs=['x'])
    assert repr(d0()) == "Solution([('x', 7)])"
    assert repr(d0(executor='async').result()) == \
        "Solution([(start, none), ('x', 7)])"


def test_inputs_that_are_not_nodes_stay_plain():
    d = sh.Dispatcher()
    d.add_function('f', abs, ['a'], ['b'])
    sol = d({'a': -1, 'other': 5}, executor='async')
    assert sol['other'] == 5 and type(sol['a']).__name__ == 'Future'
    assert sol.result() == {'other': 5, 'a': -1, 'b': 1}


def test_short_and_non_iterable_multi_outputs():
    d = sh.Dispatcher(raises='')
    d.add_function('short', lambda x: (x,), ['a'], ['b', 'c'])
    d.add_function('scalar', lambda x: x, ['a'], ['e', 'f'])
    # Synchronously it escapes dispatch().
    with pytest.raises(TypeError, match=r"^'int' object is not iterable$"):
        d({'a': 1})
    sol = d({'a': 1}, executor='async')
    with pytest.raises(AssertionError, match=r'^$'):
        sol.result()
    assert dict(sol) == {'a': 1}
    assert [type(f.exception()).__name__ for f in
            sol.workflow.nodes['scalar']['results']] == ['TypeError'] * 2


def test_no_fallback_without_await():
    alt = sh.Dispatcher(raises='')
    alt.add_function('A', boom, ['a'], ['b'])
    alt.add_function('B', lambda x: x * 100, ['a'], ['b'], weight=10)
    assert alt({'a': 1}) == {'a': 1, 'b': 100}
    sol = alt({'a': 1}, executor='async')
    with pytest.raises(ValueError) as info:
        sol.result()
    assert info.value.args == ('bad input 1',)
    assert dict(sol) == {'a': 1}


def test_await_result():
    d = sh.Dispatcher(raises='')
    d.add_function('blocking', slow_inc, ['a'], ['b'], await_result=True)
    d.add_function('too_slow', slow_inc, ['a'], ['c'], await_result=0.05)
    d.add_function('pair', pair, ['a'], ['e', 'f'])
    sol = d({'a': 0}, executor='async')
    assert {k: type(v).__name__ for k, v in sol.items()} == {
        'a': 'Future', 'b': 'Future', 'e': 'Future', 'f': 'Future'}
    wf = sol.workflow.nodes
    assert type(wf['blocking']['results']) is int
    assert type(wf['pair']['results']) is AsyncList
    assert 'results' not in wf['too_slow']
    assert repr(sol.result()) == \
        "Solution([('a', 0), ('b', 1), ('e', 1), ('f', -1)])"
    assert dict(sol._errors) == {
        'too_slow': "Failed DISPATCHING 'too_slow' due to:\n  TimeoutError()"}


def test_awaited_failure_falls_back():
    alt = sh.Dispatcher(raises='')
    alt.add_function('A', boom, ['a'], ['b'], await_result=True)
    alt.add_function('B', lambda x: x * 100, ['a'], ['b'], weight=10)
    alt.add_function('C', lambda b: b + 1, ['b'], ['c'])
    sol = alt({'a': 1}, executor='async')
    assert repr(sol.result()) == \
        "Solution([('a', 1), ('b', 100), ('c', 101)])"
    assert dict(sol._errors) == {
        'A': "Failed DISPATCHING 'A' due to:\n  ValueError('bad input 1')"}
    alt.raises = True
    with pytest.raises(DispatcherError) as info:
        alt({'a': 1}, executor='async')
    assert info.value.args == ("Failed DISPATCHING '%s' due to:\n  %r", 'A',
                               info.value.ex)
    assert repr(info.value.ex) == "ValueError('bad input 1')"


def test_await_domain_and_failed_inputs():
    # A sub-dispatcher domain meeting a failed input: not entered, no
    # SkipNode escaping dispatch() (1.2.0's accident); a function domain
    # just skips the function.
    child = sh.Dispatcher(name='child')
    child.add_function('inc', lambda x: x + 1, ['x'], ['y'])
    d = sh.Dispatcher(raises='')
    d.add_function('boom', boom, ['a'], ['b'])
    d.add_function('other', double, ['a'], ['c'])
    d.add_dispatcher(child, {'b': 'x'}, {'y': 'sub'},
                     input_domain=lambda kw: True, dsp_id='S')
    d.add_function('g', lambda b: b, ['b'], ['e'],
                   input_domain=lambda b: True)
    sol = d({'a': 1}, executor='async')
    with pytest.raises(ValueError, match='bad input 1'):
        sol.result()
    assert dict(sol) == {'a': 1, 'c': 2}
    assert list(sol._errors) == ['boom']
    assert 'solution' not in sol.workflow.nodes.get('S', {})


def test_await_domain_false_passes_futures():
    seen = []
    d = sh.Dispatcher()
    d.add_function('f', abs, ['a'], ['b'], await_domain=False,
                   input_domain=lambda a: seen.append(type(a).__name__) or 1)
    assert d({'a': -2}, executor='async').result() == {'a': -2, 'b': 2}
    assert seen == ['Future']


def test_awaited_data_node_and_numeric_await_domain():
    # A data node with await_result is stored as a plain value; a number as
    # await_domain waits without limit (it is a boolean).
    d = sh.Dispatcher()
    d.add_data('b', await_result=True)
    d.add_function('f', slow_inc, ['a'], ['b'])
    d.add_function('g', abs, ['b'], ['c'], await_domain=0.01,
                   input_domain=lambda b: b > 0)
    sol = d({'a': 1}, executor='async')
    assert {k: type(v).__name__ for k, v in sol.items()} == {
        'a': 'Future', 'b': 'int', 'c': 'Future'}
    assert sol.workflow.nodes['g']['solution_domain'] is True
    assert repr(sol.result()) == "Solution([('a', 1), ('b', 2), ('c', 2)])"


def test_synchronous_consumer_gets_the_future():
    # A parent without executor, a sub-dispatcher with one (executor=True).
    child = sh.Dispatcher(name='child', executor='async')
    child.add_function('inc', lambda x: x + 1, ['x'], ['y'])
    d = sh.Dispatcher(name='parent')
    d.add_dispatcher(child, {'a': 'x'}, {'y': 'b'}, dsp_id='S')
    d.add_function('kind', lambda b: type(b).__name__, ['b'], ['c'])
    assert d({'a': 1}, executor=True).result() == {
        'a': 1, 'b': 2, 'c': 'Future'}


# ----------------------------------------------------------- 04 §6
def test_result_timeout_then_result():
    sol = chain_model()({'a': 0}, executor='async')
    last = sol['d']
    with pytest.raises(TimeoutError, match=r'^$'):
        sol.result(timeout=0.05)
    assert not last.done()  # It did not wait for the chain.
    assert dict(sol) == {'a': 0}
    assert repr(sol.result()) == "Solution([('a', 0)])"


def test_sub_dispatch_raises_the_inner_error():
    inner = sh.Dispatcher(name='inner', raises='')
    inner.add_function('boom', boom, ['a'], ['b'])
    sd = sh.SubDispatch(inner, ['b'], output_type='list')
    with pytest.raises(DispatcherError, match=r"^\n  Unreachable output-"
                                              r"targets: \{'b'\}\n  Available "
                                              r"outputs: \['a'\]$"):
        sd({'a': 1})
    with pytest.raises(ValueError, match='bad input 1'):
        sd({'a': 1}, _executor='async')
    dp = sh.DispatchPipe(inner, 'DP', ['a'], ['b'])
    with pytest.raises(DispatcherError, match='The pipe is not respected.'):
        dp(1, _executor='async')


# ----------------------------------------------------------- 04 §10
def check_errors_model(name):
    """04 §10's example under the executor `name` (nothing computed lost)."""
    dsp = sh.Dispatcher(name='errors', raises='')
    dsp.add_function('boom', boom, ['a'], ['b'])
    dsp.add_function('double', double, ['a'], ['c'])
    dsp.add_function('after_boom', double, ['b'], ['d'])
    sol = dsp({'a': 1}, executor=name)
    assert sorted(sol) == ['a', 'b', 'c', 'd']
    with pytest.raises(ValueError) as info:
        sol.result()
    assert info.value.args == ('bad input 1',)
    assert dict(sol) == {'a': 1, 'c': 2}
    assert dict(sol._errors) == {
        'boom': "Failed DISPATCHING 'boom' due to:\n  ValueError('bad input 1')"}


@pytest.mark.parametrize('name', BUILT_INS)
def test_errors_and_nothing_computed_lost(name, caplog):
    check_errors_model(name)
    assert caplog.records == []  # raises='' logs nothing.


def test_errors_are_logged_and_raised():
    dsp = sh.Dispatcher(name='errors')
    dsp.add_function('boom', boom, ['a'], ['b'])
    dsp.add_function('double', double, ['a'], ['c'])
    with pytest.raises(ValueError, match=r'^bad input 1$'):
        dsp({'a': 1}, executor='parallel', sol_name=('top',)).result()
    dsp.raises = True
    sol = dsp({'a': 1}, executor='parallel-pool')  # Returns: work goes on.
    with pytest.raises(DispatcherError) as info:
        sol.result()
    assert info.value.args[1:] == ('boom', info.value.ex)
    assert dict(sol) == {'a': 1, 'c': 2}


def test_error_log_record(caplog):
    dsp = sh.Dispatcher(name='errors')
    dsp.add_function('boom', boom, ['a'], ['b'])
    with caplog.at_level(logging.ERROR, logger='schedula.utils.sol'):
        with pytest.raises(ValueError, match=r'^bad input 1$'):
            dsp({'a': 1}, executor='async', sol_name=('top',)).result()
    [rec] = caplog.records
    assert rec.name == 'schedula.utils.sol' and rec.exc_info
    assert rec.getMessage() == \
        "Failed DISPATCHING 'top/boom' due to:\n  ValueError('bad input 1')"


# ----------------------------------------------------------- 04 §11
STARTED = Event()  # Shared with forked children.


def _announce_start(x):
    STARTED.set()
    return slow_inc(x)


def test_stopper():
    chain = chain_model()
    stop = Event()
    stop.set()
    with pytest.raises(DispatcherAbort, match=r'^$'):
        chain({'a': 0}, stopper=stop)
    assert dict(chain.solution) == {'a': 0}
    chain = chain_model(_announce_start)
    for name in ('async', 'parallel'):
        stop = Event()
        STARTED.clear()
        sol = chain({'a': 0}, executor=name, stopper=stop)
        assert STARTED.wait(10)
        stop.set()  # s1 is running.
        with pytest.raises(DispatcherAbort, match=r'^$'):
            sol.result()
        assert dict(sol) == {'a': 0, 'b': 1}, name
        assert dict(sol._errors) == {}


def test_stopper_with_await_result_escapes():
    d = sh.Dispatcher()
    d.add_function('f', slow_inc, ['a'], ['b'], await_result=True)
    stop = Event()
    stop.set()
    with pytest.raises(DispatcherAbort, match=r'^$'):
        d({'a': 0}, executor='async', stopper=stop)


def test_forced_shutdown_with_pending_work():
    sol = chain_model()({'a': 0}, executor='async')
    assert sol['a'].result() == 0  # s1 is running.
    res = sh.shutdown_executors(wait=False)
    assert sorted(res['async']) == ['executor', 'tasks']
    assert sorted(res['async']['tasks']) == ['process', 'thread']
    assert all(f.exception() is ExecutorShutdown
               for f in res['async']['tasks']['thread'])
    with pytest.raises(ExecutorShutdown, match=r'^$'):
        sol.result()
    assert dict(sol) == {'a': 0}


def test_shutdown_per_solution():
    chain = chain_model()
    s1 = chain({'a': 0}, outputs=['b'], executor='async')
    s2 = chain({'a': 0}, executor='async')
    assert sh.shutdown_executor('async', id(s1)) == {}  # s2 still active.
    assert s1['b'].done() and not s2['d'].done()  # Waited for s1 only.
    assert s1.result() == {'a': 0, 'b': 1}
    assert repr(s2.result()) == \
        "Solution([('a', 0), ('b', 1), ('c', 2), ('d', 3)])"


# ----------------------------------------------------------- 04 §14
def test_six_independent_functions():
    d = sh.Dispatcher()
    for i in range(6):
        d.add_function('f%d' % i, _sleep_pid, ['a'], ['o%d' % i])
    runs = list(d({'a': 0.3}, executor='async').result().values())[1:]
    assert {pid for pid, _, _ in runs} == {os.getpid()}
    assert _overlap(runs)  # All at the same time.
    runs = list(d({'a': 0.01}, executor='parallel').result().values())[1:]
    assert len({pid for pid, _, _ in runs} - {os.getpid()}) == 6
    assert sorted(sh.shutdown_executors()) == ['async', 'parallel']


def _sleep_pid(seconds):
    start = time.time()
    time.sleep(seconds)
    return os.getpid(), start, time.time()


def _overlap(runs):
    # True if the runs (pid, start, end) share a moment.
    return max(start for _, start, _ in runs) < min(end for *_, end in runs)


def test_dispatch_pipe_steps_run_concurrently():
    d = sh.Dispatcher()
    d.add_function('f', _sleep_pid, ['a'], ['b'])
    d.add_function('g', _sleep_pid, ['a'], ['c'])
    d.add_function('h', lambda b, c: (b[0] != c[0], _overlap([b, c])),
                   ['b', 'c'], ['e'])
    dp = sh.DispatchPipe(d, 'DP', ['a'], ['e'])
    # Two processes at the same time (a long sleep: starting a process can
    # take hundreds of milliseconds on a loaded machine).
    assert dp(1.0, _executor='parallel') == (True, True)


@pytest.mark.parametrize('name', BUILT_INS)
def test_wrappers_and_sub_dispatchers_under_every_executor(name):
    d = sh.Dispatcher(name='model')
    d.add_function('f', lambda a: a + 1, ['a'], ['b'])
    d.add_function('g', lambda b: b * 2, ['b'], ['c'])
    dp = sh.DispatchPipe(d, 'DP', ['a'], ['c'])
    sp = sh.SubDispatchPipe(d, 'SP', ['a'], ['c'])
    sf = sh.SubDispatchFunction(d, 'SF', ['a'], ['c'])
    # The pipe reuses its solution: its id is made active again each call.
    assert [dp(1, _executor=name), dp(2, _executor=name),
            sp(3, _executor=name), sf(4, _executor=name)] == [4, 6, 8, 10]
    outer = sh.Dispatcher(name='outer')
    outer.add_dispatcher(d, {'x': 'a'}, {'c': 'y'}, dsp_id='S')
    sol = outer({'x': 1}, executor=name).result()
    assert sol == {'x': 1, 'y': 4}
    sub = sol.workflow.nodes['S']['solution']
    assert sub == {'a': 1, 'b': 2, 'c': 4}
    assert sub.workflow.nodes['f']['results'] == 2
