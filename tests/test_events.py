# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""
Observing a dispatch (``schedula.utils.events``): the events of every
executor and of sub-dispatchers, the progress bar and the Chrome trace.
"""
import io
import os
import json
import logging

import pytest

import schedula as sh
from schedula.utils import events
from schedula.utils.events import observe, progress, Trace

EXECUTORS = [False, 'async', 'parallel', 'parallel-pool', 'parallel-dispatch']


@pytest.fixture
def model():
    """f: a -> b; then g (raises) and r (domain says no) on b; S and F run
    `sub` (mul: x -> y) on b and a."""
    sub = sh.Dispatcher(name='sub')
    sub.add_function('mul', lambda x: x * 3, ['x'], ['y'])
    d = sh.Dispatcher(raises='')
    d.add_function('f', lambda a: a + 1, ['a'], ['b'])
    d.add_function('g', lambda b: 1 / 0, ['b'], ['c'])
    d.add_function('r', lambda b: b, ['b'], ['e'],
                   input_domain=lambda b: False)
    d.add_dispatcher(sub, {'b': 'x'}, {'y': 'z'}, dsp_id='S')
    d.add_function('F', sh.SubDispatchFunction(sub, 'F', ['x'], ['y']),
                   ['a'], ['q'])
    return d


def run(model, executor, **kw):
    received = []
    with observe(received.append):
        sol = model.dispatch({'a': 1}, executor=executor, **kw)
        if executor:
            with pytest.raises(ZeroDivisionError):
                sol.result()
    assert sol == {'a': 1, 'b': 2, 'q': 3, 'z': 6}
    return received


def test_sequence_of_a_sync_dispatch(model):
    received = run(model, False, sol_name=('top',))
    assert [(e.kind, e.path) for e in received] == [
        ('start', ('top', 'F')), ('start', ('top', 'F', 'mul')),
        ('done', ('top', 'F', 'mul')), ('done', ('top', 'F')),
        ('start', ('top', 'f')), ('done', ('top', 'f')),
        ('start', ('top', 'g')), ('error', ('top', 'g')),
        ('start', ('top', 'S', 'mul')), ('done', ('top', 'S', 'mul')),
        ('rejected', ('top', 'r'))]
    pid = os.getpid()
    assert {(e.process, e.thread, e.worker) for e in received} == {
        (pid, 'MainThread', None)}
    g = received[7]
    assert g.error == "ZeroDivisionError('division by zero')"
    assert 0 <= g.duration < 5 and g.start <= received[10].start
    assert received[0].duration is None and received[10].duration is None


@pytest.mark.parametrize('pipe', [sh.SubDispatchPipe, sh.DispatchPipe])
def test_sequence_of_a_pipe(pipe):
    d = sh.Dispatcher(name='d')
    d.add_function('f', lambda a: a + 1, ['a'], ['b'])
    d.add_function('g', lambda b: b * 2, ['b'], ['c'])
    func = pipe(d, 'P', ['a'], ['c'])
    assert func(1) == 4  # Plan made, no listener yet.
    received = []
    with observe(received.append):
        assert func(2) == 6
    assert [(e.kind, e.path[-1]) for e in received] == [
        ('start', 'f'), ('done', 'f'), ('start', 'g'), ('done', 'g')]


@pytest.mark.parametrize('executor', EXECUTORS[1:])
def test_events_of_every_executor(model, executor):
    try:
        received = run(model, executor)
    finally:
        sh.shutdown_executors()
    by_path = {}
    for e in received:
        by_path.setdefault(e.path, []).append(e.kind)
    assert by_path == {
        ('F',): ['start', 'done'], ('F', 'mul'): ['start', 'done'],
        ('f',): ['start', 'done'], ('g',): ['start', 'error'],
        ('r',): ['rejected'], ('S', 'mul'): ['start', 'done']}
    # The functions ran where the executor sent them.
    done = {e.path: e for e in received if e.kind == 'done'}
    here = os.getpid()
    if executor == 'async':
        assert {e.process for e in received} == {here}
        assert done['f',].thread != 'MainThread'
    else:
        assert done['f',].process != here and done['S', 'mul'].process != here


def test_no_listener_no_event_and_failing_listeners(model, caplog):
    seen = []
    obs = observe(seen.append)
    obs.close()
    obs.close()  # Twice: no error.
    model.dispatch({'a': 1})
    assert seen == [] and events.LISTENERS == []

    def broken(event):
        raise RuntimeError('listener bug')

    with caplog.at_level(logging.ERROR, 'schedula.utils.events'):
        with observe(broken):
            sol = model.dispatch({'a': 1})
    assert sol == {'a': 1, 'b': 2, 'q': 3, 'z': 6}
    assert caplog.records[0].getMessage().startswith('Listener ')
    assert events.LISTENERS == []


def test_progress(model):
    out = io.StringIO()
    with progress(file=out, desc='model') as bar:
        model.dispatch({'a': 1})
    assert (bar.started, bar.finished, bar.failed) == (5, 5, 1)
    assert 'model: 100%' in out.getvalue()
    assert '5/5' in out.getvalue() and 'failed=1' in out.getvalue()
    assert events.LISTENERS == []
    try:
        with progress(file=io.StringIO()) as bar:
            sol = model.dispatch({'a': 1}, executor='async')
            with pytest.raises(ZeroDivisionError):
                sol.result()
    finally:
        sh.shutdown_executors()
    assert (bar.started, bar.finished, bar.failed) == (5, 5, 1)


@pytest.mark.parametrize('executor', [False, 'parallel-pool'])
def test_chrome_trace(model, executor, tmp_path):
    try:
        with Trace() as trace:
            sol = model.dispatch({'a': 1}, executor=executor)
            if executor:
                with pytest.raises(ZeroDivisionError):
                    sol.result()
    finally:
        sh.shutdown_executors()
    path = tmp_path / 'trace.json'
    trace.save(str(path))
    data = json.loads(path.read_text())
    calls = [e for e in data['traceEvents'] if e['ph'] == 'X']
    assert sorted(e['name'] for e in calls) == [
        'F', 'F/mul', 'S/mul', 'f', 'g']  # One per function call.
    assert {e['cat'] for e in calls} == {'done', 'error'}
    error = next(e for e in calls if e['name'] == 'g')
    assert error['args'] == {'path': ['g'], 'error':
                             "ZeroDivisionError('division by zero')"}
    names = {(e['pid'], e['tid']): e['args']['name']
             for e in data['traceEvents'] if e['name'] == 'thread_name'}
    assert all((e['pid'], e['tid']) in names for e in calls)
    assert all(e['dur'] >= 0 and e['ts'] > 1e15 for e in calls)
    pids = {e['pid'] for e in calls}
    processes = {e.process for e in trace.events}
    assert len(pids) == len(processes)
    assert (processes == {os.getpid()}) == (executor is False)
    procs = {e['args']['name'] for e in data['traceEvents']
             if e['name'] == 'process_name'}
    assert procs == {'process %d' % p for p in processes}


def test_rejected_sub_dispatcher():
    sub = sh.Dispatcher(name='sub')
    sub.add_function('mul', lambda x: x * 3, ['x'], ['y'])
    d = sh.Dispatcher()
    d.add_dispatcher(sub, {'a': 'x'}, {'y': 'z'}, dsp_id='S',
                     input_domain=lambda kw: False)
    received = []
    with observe(received.append):
        assert d.dispatch({'a': 1}, sol_name=('m',)) == {'a': 1}
    assert [(e.kind, e.path, e.duration) for e in received] == [
        ('rejected', ('m', 'S'), None)]
