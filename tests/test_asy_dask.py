# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""
Distributed execution on a real local Dask cluster (2 worker processes on
127.0.0.1, started once for the module and closed at its end).
"""
import os
import time

import dask
import pytest
from distributed import Client, LocalCluster

import schedula as sh
from schedula.utils.asy import DaskExecutor, EXECUTORS
from schedula.utils.asy.executors import WorkerDiedError
from schedula.utils.exc import ExecutorShutdown
from test_asy_dispatch import check_errors_model


@pytest.fixture(scope='module')
def client():
    # No retry of the tasks of a dead worker: the error comes at once.
    with dask.config.set({'distributed.scheduler.allowed-failures': 0}):
        cluster = LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True,
            host='127.0.0.1', dashboard_address='127.0.0.1:0',
            protocol='tcp')
        client = Client(cluster)
        sh.register_executor('dask', DaskExecutor(client))
        try:
            yield client
        finally:
            sh.shutdown_executors(False)
            EXECUTORS.pop('dask', None)
            client.close()
            cluster.close()


def worker_pids(client):
    return set(client.run(os.getpid).values())


def double(x):
    return 2 * x


def pid(x):
    return os.getpid()


def token():
    return os.urandom(16)


def test_results_and_errors_as_parallel(client):
    check_errors_model('parallel')
    check_errors_model('dask')


def test_functions_run_on_the_workers(client):
    child = sh.Dispatcher(name='child')
    child.add_function('pid', pid, ['x'], ['y'])
    dsp = sh.Dispatcher(name='outer')
    for i in range(4):
        dsp.add_function('f%d' % i, pid, ['a'], ['p%d' % i])
    dsp.add_dispatcher(child, {'a': 'x'}, {'y': 'sub'}, dsp_id='S')
    dsp.add_function('F', sh.SubDispatchFunction(child, 'F', ['x'], ['y']),
                     ['a'], ['func'])
    sol = dsp({'a': 0}, executor='dask')
    assert all(type(v).__name__ == 'Future' for v in sol.values())
    pids = set(sol.result().values()) - {0}
    assert pids and pids <= worker_pids(client)
    assert os.getpid() not in pids
    assert sh.SubDispatchFunction(child, 'F', ['x'], ['y'])(
        0, _executor='dask') in worker_pids(client)


def test_calls_are_not_pure(client):
    dsp = sh.Dispatcher()
    dsp.add_function('r1', token, outputs=['x'])
    dsp.add_function('r2', token, outputs=['y'])
    sol = dsp(executor='dask').result()
    assert sol['x'] != sol['y']  # pure=True would compute one task.


def test_function_keywords_do_not_clash(client):
    def call(key, workers):
        return key + workers

    dsp = sh.Dispatcher()
    dsp.add_function('f', sh.partial(call, key='k', workers='w'),
                     outputs=['x'])
    assert dsp(executor='dask').result()['x'] == 'kw'


def test_plain_form_keeps_the_client_open(client):
    sh.register_executor('dask-plain', lambda: sh.PoolExecutor(
        sh.ThreadExecutor(), client.get_executor(pure=False), False))
    try:
        dsp = sh.Dispatcher()
        dsp.add_function('f', pid, ['a'], ['b'])
        assert dsp({'a': 1}, executor='dask-plain').result()['b'] in \
            worker_pids(client)
        report = sh.shutdown_executor('dask-plain')
        assert report['dask-plain']['tasks'] == {'process': {}, 'thread': {}}
        assert client.status == 'running'
        assert dsp({'a': 1}, executor='dask-plain').result()['b'] in \
            worker_pids(client)  # A new executor after the shutdown.
    finally:
        sh.shutdown_executor('dask-plain')
        EXECUTORS.pop('dask-plain')


def test_executor_from_an_address(client):
    factory = DaskExecutor(client.scheduler.address)
    assert repr(factory) == "DaskExecutor(%r, parallel=False)" % (
        client.scheduler.address,)
    sh.register_executor('dask-address', factory)
    try:
        dsp = sh.Dispatcher()
        dsp.add_function('f', pid, ['a'], ['b'])
        sol = dsp({'a': 1}, executor='dask-address').result()
        assert sol['b'] in worker_pids(client)
        own = factory.client
        assert own is not client and own.status == 'running'
    finally:
        sh.shutdown_executor('dask-address')
        EXECUTORS.pop('dask-address')
        factory.close()
    assert own.status == 'closed' and client.status == 'running'


def test_whole_chains_shipped(client):
    # parallel=True: sub-dispatches run on a worker, where 'dask-all' is not
    # registered: their inner functions run synchronously there.
    sh.register_executor('dask-all', DaskExecutor(client, parallel=True))
    try:
        child = sh.Dispatcher(name='child')
        child.add_function('pid', pid, ['x'], ['y'])
        child.add_function('pid2', pid, ['y'], ['z'])
        dsp = sh.Dispatcher()
        dsp.add_function('F', sh.SubDispatchFunction(
            child, 'F', ['x'], ['z'], ), ['a'], ['b'])
        sol = dsp({'a': 1}, executor='dask-all').result()
        sub = sol.workflow.nodes['F']['solution']
        assert sub['y'] == sub['z'] == sol['b'] in worker_pids(client)
    finally:
        sh.shutdown_executor('dask-all')
        EXECUTORS.pop('dask-all')


def test_forced_shutdown_with_pending_work(client, caplog):
    dsp = sh.Dispatcher()
    dsp.add_function('slow', time.sleep, ['a'], ['b'])
    sol = dsp({'a': 0.5}, executor='dask')
    assert sol['a'].result() == 0.5
    time.sleep(0.1)  # 'slow' submitted.
    report = sh.shutdown_executor('dask', wait=False)
    assert report['dask']['tasks']['process'] == {}
    with pytest.raises(ExecutorShutdown, match=r'^$'):  # Dask's cancellation.
        sol.result(timeout=5)
    assert dict(sol) == {'a': 0.5} and sol._errors == {}
    assert [r for r in caplog.records if r.name.startswith('schedula')] == []
    assert client.status == 'running'


def test_dead_worker_fails_its_node(client):  # Last: a worker restarts.
    dsp = sh.Dispatcher(name='model', raises='')
    dsp.add_function('fatal', lambda a: os._exit(5), ['a'], ['b'])
    dsp.add_function('ok', double, ['a'], ['c'])
    t0 = time.time()
    sol = dsp({'a': 1}, executor='dask')
    with pytest.raises(WorkerDiedError) as info:
        sol.result(timeout=30)
    assert time.time() - t0 < 30
    assert info.value.node == 'fatal'
    assert str(info.value).startswith(
        "The worker process running 'fatal' died: ")
    assert type(info.value.__cause__).__name__ == 'KilledWorker'
    assert dict(sol) == {'a': 1, 'c': 2}


def test_observed_calls_name_their_workers(client):
    from schedula.utils.events import Trace
    d = sh.Dispatcher()
    d.add_function('f', double, ['a'], ['b'])
    d.add_function('g', double, ['b'], ['c'])
    with Trace() as trace:
        sol = d.dispatch({'a': 1}, executor='dask').result()
    assert sol == {'a': 1, 'b': 2, 'c': 4}
    workers = set(client.scheduler_info()['workers'])
    assert [e.path for e in trace.events] == [('f',), ('g',)]
    assert {e.worker for e in trace.events} <= workers
    assert {e.process for e in trace.events} <= worker_pids(client)
    names = [e['args']['name'] for e in trace.chrome()['traceEvents']
             if e['name'] == 'process_name']
    assert names and all(n[len('worker '):] in workers for n in names)
