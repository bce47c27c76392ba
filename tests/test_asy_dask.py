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
from distributed import Client, LocalCluster, get_task_stream

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


def _scattered(client):
    return sum(client.run(lambda dask_worker: len(dask_worker.data)).values())


def test_map_items_one_task_each_model_sent_once(client):
    # MapDispatch: each item is one Dask task; the model is scattered to the
    # workers once per call (not shipped with each task), then released.
    from test_map import (marked_model, check_model_sent_once_per_worker,
                          UNPICKLED)
    map_func = sh.MapDispatch(marked_model(), constructor_kwargs={
        'outputs': ['s'], 'output_type': 'values'})
    items = [{'a': i} for i in range(8)]
    with get_task_stream(client) as stream:
        res = map_func(items, _executor='dask')
    assert len(stream.data) == 8
    counts = check_model_sent_once_per_worker(res)
    assert set(counts) <= worker_pids(client) and UNPICKLED == []
    with get_task_stream(client) as stream:  # As a node of a model.
        dsp = sh.Dispatcher()
        dsp.add_function('map', map_func, ['items'], ['res'])
        sol = dsp({'items': items}, executor='dask').result()
    assert len(stream.data) == 8 and len(sol['res']) == 8
    for _ in range(50):  # The scattered model is released after the call.
        if _scattered(client) == 0:
            break
        time.sleep(0.1)
    assert _scattered(client) == 0


def test_map_same_results_as_synchronous(client):
    from test_map import lists, model, div, failing_call, CHAIN
    chain = lists(recursive_inputs={'c': 'b'})
    items = [{'a': i, 'b': 1} for i in range(6)]
    assert chain(items, _executor='dask') == chain(items)
    sols = sh.MapDispatch(model(), recursive_inputs={'c': 'b'})(
        CHAIN, _executor='dask')
    assert [dict(s) for s in sols] == [
        {'a': 1, 'b': 1, 'c': 2, 'd': 0}, {'a': 2, 'b': 2, 'c': 4, 'd': 0},
        {'a': 3, 'b': 4, 'c': 7, 'd': -1}]
    err = failing_call(lists(model(div)), 'dask')
    assert "{'outputs<1>'}" in str(err)
    assert err.sol['outputs<2>'] == [1.5, 1] and list(err.sol._errors) == [
        'model<1>']
    assert err.sol.workflow.nodes['model<1>']['solution'] == {'a': 2, 'b': 0}


def test_map_whole_chains_shipped(client):
    # parallel=True: the item chains go whole (the model with each task).
    from test_map import lists, ITEMS
    sh.register_executor('dask-all', DaskExecutor(client, parallel=True))
    try:
        with get_task_stream(client) as stream:
            assert lists()(ITEMS, _executor='dask-all') == [
                [3, -1], [4, 0], [5, 1]]
        assert len(stream.data) == 3
    finally:
        sh.shutdown_executor('dask-all')
        EXECUTORS.pop('dask-all')


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
