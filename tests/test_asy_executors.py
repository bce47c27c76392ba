# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""
The executor classes, the registry and where the work runs (spec 04 §3, §5,
§7-§9, §12); dead workers and the exit (fixes of 1.2.0).
"""
import os
import sys
import time
import pickle
import signal
import threading
import subprocess
import concurrent.futures as cf

import dill
import pytest
import multiprocess

import schedula as sh
from schedula.utils.asy import (
    EXECUTORS, AsyncList, ExecutorFactory, _parallel_pool_executor
)
from schedula.utils.asy.executors import (
    Executor, WorkerDiedError, _safe_set_result, _safe_set_exception
)
from schedula.utils.exc import ExecutorShutdown

MAIN = os.getpid()


@pytest.fixture(autouse=True)
def clean_registry():
    sh.shutdown_executors(False)
    yield
    sh.shutdown_executors(False)


def where(*args):
    """(process, thread) of the caller: M/C, main/worker."""
    p = 'M' if os.getpid() == MAIN else 'C'
    t = 'main' if threading.current_thread() is threading.main_thread() \
        else 'worker'
    return p + '/' + t


def die(x):
    os._exit(3)


def kill_self(x):
    os.kill(os.getpid(), signal.SIGKILL)


def inc(x):
    return x + 1


MARKER = []


def set_marker(value):
    MARKER.append(value)


def get_marker():
    return MARKER[-1]


# ---------------------------------------------------------------- classes
def test_thread_executor():
    te = sh.ThreadExecutor()
    fut = te.submit(where)
    assert fut.result() == 'M/worker' and te.tasks == {}
    pending = te.submit(time.sleep, 2)
    assert isinstance(pending, cf.Future) and not pending.done()
    [(f, task)] = [(f, t) for f, t in te.tasks.items() if f is pending]
    assert isinstance(task, threading.Thread) and task.daemon
    report = te.shutdown(False)
    assert pending in report and pending.exception() is ExecutorShutdown


def test_process_executor_blocks_and_reports_errors():
    pe = sh.ProcessExecutor()
    fut = pe.submit(pow, 2, 10)
    assert (fut.done(), fut.result(), pe.tasks) == (True, 1024, {})
    assert pe.submit(where).result() == 'C/main'
    fut = pe.submit(int, 'x')
    assert repr(fut.exception()) == \
        'ValueError("invalid literal for int() with base 10: \'x\'")'
    fut = pe.submit(lambda: (i for i in ()))  # The result cannot be pickled.
    assert repr(fut.exception()) == "TypeError(\"cannot pickle 'generator' " \
                                    "object\")"
    assert type(pickle.loads(pickle.dumps(pe))) is sh.ProcessExecutor


def test_process_executor_dead_worker():
    pe = sh.ProcessExecutor()
    t0 = time.time()
    fut = pe.submit(die, 1)
    assert time.time() - t0 < 5
    ex = fut.exception()
    assert type(ex) is WorkerDiedError and str(ex).endswith(
        'died (exit code 3) before sending its result.')


def test_process_pool_executor():
    pool = sh.ProcessPoolExecutor(2)
    futs = [pool.submit(os.getpid) for _ in range(4)]
    assert os.getpid() not in {f.result() for f in futs}
    fut = pool.submit(int, 'x')
    assert type(fut.exception()) is ValueError
    assert type(fut.exception().__cause__).__name__ == 'RemoteTraceback'
    fut = pool.submit(lambda x: x * 3, 5)  # Pickled by dill.
    assert fut.result() == 15
    fut = pool.submit(kill_self, 1)  # Only its task fails.
    assert type(fut.exception(5)) is WorkerDiedError
    assert pool.submit(inc, 1).result(5) == 2
    assert pool.shutdown() is None
    with pytest.raises(ValueError, match='Pool not running'):
        pool.submit(inc, 1)
    assert pickle.loads(dill.dumps(pool)).__class__ is sh.ProcessPoolExecutor


def test_process_pool_executor_shutdown_fails_pending():
    pool = sh.ProcessPoolExecutor(1, initializer=set_marker, initargs=(7,))
    assert pool.submit(get_marker).result() == 7  # Initialised.
    running = pool.submit(time.sleep, 5)
    queued = pool.submit(inc, 1)
    time.sleep(0.2)
    pool.shutdown(False)
    assert running.exception(2) is ExecutorShutdown
    assert queued.exception(2) is ExecutorShutdown


def test_pool_inherited_through_a_fork():
    pool = sh.ProcessPoolExecutor(1)
    parent_worker = pool.submit(os.getpid).result()
    # The child starts its own workers; the parent's pool is untouched.
    child = sh.ProcessExecutor().submit(
        lambda: (pool.submit(os.getpid).result(5), pool.shutdown())[0])
    assert child.result() not in (parent_worker, os.getpid())
    assert pool.submit(os.getpid).result(5) == parent_worker
    pool.shutdown()


def test_fork_while_a_dispatch_holds_the_gc_lock():
    from schedula.utils import sol
    d = sh.Dispatcher()
    d.add_function('f', inc, ['a'], ['b'])
    pe = sh.ProcessExecutor()
    with sol._gc_lock:  # As another thread starting a dispatch would.
        fut = sh.ThreadExecutor().submit(
            lambda: pe.submit(lambda: d({'a': 1})['b']).result())
        try:
            assert fut.result(10) == 2  # Not a deadlocked child.
        finally:
            pe.shutdown(False)


def test_pool_executor_with_any_slots():
    with cf.ThreadPoolExecutor(3) as slot:
        pool = sh.PoolExecutor(slot, slot)
        assert pool.thread('s', where).result() == 'M/worker'
        assert pool.process('s', where) == 'M/worker'
        fut = pool.add_future('s', cf.Future())
        assert pool.get_futures('s') == {fut} and pool.get_futures('t') == set()
        fut.set_result(1)
        assert pool.get_futures() == {}
        assert pool.shutdown() == {'executor': pool,
                                   'tasks': {'process': {}, 'thread': None}}
    with pytest.raises(ExecutorShutdown, match=r'^$'):
        pool.process('s', inc, 1)
    assert pickle.loads(dill.dumps(sh.PoolExecutor(None)))._running is False


def test_executor_base_and_safe_setters():
    with pytest.raises(NotImplementedError, match=r'^$'):
        Executor().submit(inc, 1)
    fut = cf.Future()
    _safe_set_result(fut, 1)
    _safe_set_result(fut, 2)
    _safe_set_exception(fut, ValueError())
    assert fut.result() == 1
    assert pickle.loads(pickle.dumps(sh.ThreadExecutor())).tasks == {}


def test_async_list_failed_source():
    src = cf.Future()
    parts = AsyncList(future=src, n=2)
    src.set_exception(KeyError('k'))
    assert [repr(p.exception()) for p in parts] == ["KeyError('k')"] * 2


# --------------------------------------------------------------- registry
def test_registry_lookups_and_flags(monkeypatch):
    monkeypatch.setattr(EXECUTORS, '_executors', {})
    e = EXECUTORS.get_executor(('async', 101))
    assert (type(e).__name__, e is EXECUTORS.get_executor(('async', 202))) \
        == ('PoolExecutor', True)
    assert EXECUTORS.get_executor((None, 101)) is None
    EXECUTORS.set_active(101, False)
    dead = EXECUTORS.get_executor(('async', 101))
    assert (dead is e, dead._running) == (False, False)
    assert dead.thread(101, inc, 1).exception() is ExecutorShutdown
    report = sh.shutdown_executor('async', 202)
    assert list(report) == ['async'] and report['async']['executor'] is e
    assert sh.shutdown_executors() == {}
    assert EXECUTORS._executors['async']['active'] == {
        101: False, 202: False, sh.EMPTY: False}
    assert EXECUTORS.get_executor(('async', 303)) is not e  # Rebuilt.


def test_registry_pickles_without_state():
    reg = ExecutorFactory(x=sh.PoolExecutor)
    reg.get_executor((None, 1))
    new = dill.loads(dill.dumps(reg))
    assert dict(new) == {'x': sh.PoolExecutor} and new._executors == {}


def test_set_parallel_pool_executor(monkeypatch):
    monkeypatch.setattr(EXECUTORS, '_executors', {})
    EXECUTORS.set_executor('parallel-pool', _parallel_pool_executor(1))
    d = sh.Dispatcher()
    d.add_function('f', os.getpid, outputs=['p'])
    d.add_function('g', lambda p: os.getpid(), ['p'], ['q'])
    sol = d(executor='parallel-pool').result()
    assert sol['p'] == sol['q'] != os.getpid()  # One worker.
    assert len(EXECUTORS._executors) == 1


# -------------------------------------------------------------- placement
def placement_model():
    """Function, filters, callback, SubDispatchFunction and DispatchPipe."""
    inner = sh.Dispatcher(name='inner')
    inner.add_function('w', where, ['a'], ['b'])
    seen = {}
    d = sh.Dispatcher(name='outer')
    d.add_data('a', filters=[lambda x: (x, where())])
    d.add_data('r_fun', callback=lambda v: seen.setdefault('callback',
                                                          where()))
    d.add_function('fun', where, ['a'], ['r_fun'])
    d.add_function('sdf', sh.SubDispatchFunction(inner, 'F', ['a'], ['b']),
                   ['a'], ['r_sdf'])
    d.add_function('pipe', sh.DispatchPipe(inner, 'P', ['a'], ['b']), ['a'],
                   ['r_pipe'])
    return d, seen


@pytest.mark.parametrize('name,expected', [
    ('async', ('M/worker', 'M/worker', 'M/worker', 'M/worker')),
    ('parallel', ('C/main', 'C/main', 'C/main', 'C/main')),
    ('parallel-pool', ('C/main', 'C/main', 'C/main', 'C/main')),
    ('parallel-dispatch', ('C/main', 'C/main', 'C/main', 'C/main')),
])
def test_where_the_work_runs(name, expected):
    d, seen = placement_model()
    sol = d({'a': 0}, executor=name).result()
    assert (sol['a'][1], sol['r_fun'], sol['r_sdf'], sol['r_pipe']) == \
        expected
    assert seen['callback'] == 'M/worker'  # Callbacks stay local.
    sub = sol.workflow.nodes['sdf']['solution']
    assert sub['b'] == expected[2]
    # A sub-dispatch run in another process comes back as a copy.
    func = d.nodes['sdf']['function']
    assert (sub is func.solution) is (name != 'parallel-dispatch')


# ------------------------------------------------------------ dead workers
@pytest.mark.parametrize('name,func', [
    ('parallel', die), ('parallel-pool', kill_self),
    ('parallel-dispatch', die)])
def test_dead_worker_fails_its_node(name, func):
    d = sh.Dispatcher(name='model', raises='')
    d.add_function('fatal', func, ['a'], ['b'])
    d.add_function('ok', inc, ['a'], ['c'])
    d.add_function('after', inc, ['b'], ['d'])
    t0 = time.time()
    sol = d({'a': 1}, executor=name, sol_name=('top',))
    with pytest.raises(WorkerDiedError) as info:
        sol.result(timeout=10)
    assert time.time() - t0 < 10
    assert str(info.value).startswith(
        "The worker process running 'top/fatal' died: The worker process "
        "(pid ")
    assert info.value.node == 'top/fatal'
    assert dict(sol) == {'a': 1, 'c': 2}
    assert sol._errors['fatal'].startswith(
        "Failed DISPATCHING 'fatal' due to:\n  WorkerDiedError(")


def test_forkserver_start_method(monkeypatch):
    # Everything shipped is pickled (dill); the child does not know 'fs': a
    # sub-dispatch shipped there runs synchronously in it.
    ctx = multiprocess.get_context('forkserver')
    monkeypatch.setitem(EXECUTORS, 'fs', lambda: sh.PoolExecutor(
        sh.ThreadExecutor(), sh.ProcessExecutor(ctx), True))
    inner = sh.Dispatcher(name='inner')
    inner.add_function('pid', lambda x: os.getpid(), ['x'], ['y'])
    inner.add_function('pid2', lambda y: (y, os.getpid()), ['y'], ['z'])
    d = sh.Dispatcher(raises='')
    d.add_function('pid', lambda a: (a, os.getpid()), ['a'], ['b'])
    d.add_function('boom', lambda a: 1 / 0, ['a'], ['c'])
    d.add_function('fatal', lambda a: os._exit(4), ['a'], ['e'])
    d.add_function('sub', sh.SubDispatchFunction(inner, 'S', ['x'], ['z']),
                   ['a'], ['f'])
    sol = d({'a': 1}, executor='fs')
    with pytest.raises(ZeroDivisionError, match=r'^division by zero$'):
        sol.result(timeout=20)
    assert sol['b'][0] == 1 and sol['b'][1] != os.getpid()
    assert sorted(sol) == ['a', 'b', 'f']
    assert sol['f'][0] == sol['f'][1] != os.getpid()  # One child, sync.
    assert 'died (exit code 4)' in sol._errors['fatal']


# -------------------------------------------------------------------- exit
EXIT_SCRIPT = r'''
import os, sys, time, schedula as sh
def write(a):
    time.sleep(a)
    with open(sys.argv[1], 'w') as f:
        f.write('done')
d = sh.Dispatcher()
d.add_function('slow', time.sleep, ['a'], ['b'])
d.add_function('pid', lambda a: print(os.getpid(), flush=True) or
               time.sleep(a), ['a'], ['c'])
for name in ('async', 'parallel-pool'):
    sol = d({'a': 30}, executor=name)
w = sh.Dispatcher()
w.add_function('write', write, ['a'], ['b'])
sol = w({'a': 2}, executor='parallel')
time.sleep(1)
'''


def test_exit_shuts_executors_down(tmp_path):
    # 04 §12: at exit the 'parallel' child ends its task (the interpreter
    # waits for it), the 'parallel-pool' workers are terminated and the
    # 'async' threads abandoned.
    done = tmp_path / 'done'
    t0 = time.time()
    out = subprocess.run([sys.executable, '-c', EXIT_SCRIPT, str(done)],
                         timeout=20, capture_output=True, text=True,
                         check=True)
    assert 2 <= time.time() - t0 < 10  # No wait for the 30 s jobs.
    assert done.read_text() == 'done'
    pids = [int(p) for p in out.stdout.split()]
    assert len(pids) == 2
    # The processes of 'parallel-pool' are gone (or dead, waiting to be
    # reaped by init).
    deadline = time.time() + 5
    while not _gone(pids[1]) and time.time() < deadline:
        time.sleep(0.05)
    assert _gone(pids[1])


def _gone(pid):
    try:
        with open('/proc/%d/stat' % pid) as file:
            return file.read().rsplit(')', 1)[1].split()[0] == 'Z'
    except FileNotFoundError:
        return True


# -------------------------------------------------------------- benchmark
def test_parallel_benchmark_runs(capsys):
    from benchmarks import parallel
    parallel.main(['--tasks', '2', '--seconds', '0.01', '--calls', '4',
                   '--repeat', '1', '--no-dask'])
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in lines] == [
        '2', 'sync', 'parallel-pool', 'overhead', 'sync', 'async',
        'parallel', 'parallel-pool', 'parallel-dispatch']


@pytest.mark.parametrize('name,error', [
    ('parallel', 'TypeError("cannot pickle \'generator\' object")'),
    ('parallel-pool', "<MaybeEncodingError: Error sending result: "),
])
def test_pickling_failures_are_node_errors(name, error):
    d = sh.Dispatcher(raises='')
    d.add_function('gen', lambda a: (i for i in range(a)), ['a'], ['b'])
    d.add_function('ok', inc, ['a'], ['c'])
    sol = d({'a': 2}, executor=name)
    with pytest.raises(Exception) as info:
        sol.result(timeout=20)
    assert repr(info.value).startswith(error)
    assert dict(sol) == {'a': 2, 'c': 3}
    assert sol._errors['gen'].startswith(
        "Failed DISPATCHING 'gen' due to:\n  " + error)


def test_dead_grandchild_names_the_inner_node():
    # 'parallel-dispatch': the sub-dispatch runs in a child whose own child
    # dies; the error names the inner node, once.
    inner = sh.Dispatcher(name='inner', raises='')
    inner.add_function('fatal', die, ['x'], ['y'])
    d = sh.Dispatcher(raises='')
    d.add_function('S', sh.SubDispatchFunction(inner, 'S', ['x'], ['y']),
                   ['a'], ['b'])
    d.add_function('ok', inc, ['a'], ['c'])
    sol = d({'a': 1}, executor='parallel-dispatch', sol_name=('top',))
    with pytest.raises(WorkerDiedError) as info:
        sol.result(timeout=20)
    assert info.value.node == 'top/S/fatal'
    assert str(info.value).startswith(
        "The worker process running 'top/S/fatal' died: The worker process "
        "(pid ")
    assert dict(sol) == {'a': 1, 'c': 2} and list(sol._errors) == ['S']
