# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""
The pipe replay (issue 15): data nodes passing a value and plain functions
are replayed inline, every other step the general way. Both ways must record
the same: values and their order, workflow nodes, edges and attributes,
``dist``, the pipe, errors and log records, also after the model of the pipe
is edited between two calls. A truthy stopper that is never set sends every
step the general way, so it gives the reference.
"""
import random
import logging
import threading

import pytest

import schedula as sh
from schedula.utils import _replay
from schedula.utils.dsp import SubDispatchPipe, DispatchPipe
from test_dispatch_edits import (
    random_model, f_add, f_mul, even, combine, _solution, _pipe, _Records)

SEEDS = range(6)
GENERAL = threading.Event()  # Truthy, never set: the general way.


def call(pipe, args, stopper=None):
    """A comparable record of ``pipe(*args)``."""
    records, logger = _Records(), logging.getLogger('schedula.utils.sol')
    logger.addHandler(records)
    try:
        result = pipe(*args, _stopper=stopper)
    except Exception as ex:
        result = ('raised', type(ex).__name__, str(ex))
    finally:
        logger.removeHandler(records)
    sol = pipe.solution
    subs = [(i, _solution(s), _more(s)) for i, s in sol.sub_sol.items()]
    return repr(result), subs, _pipe(sol.pipe), records.messages


def _more(sol):
    """What `_solution` leaves out: `_meet`, `_visited`, the in-edges."""
    return (list(sol._meet.items()), sorted(map(str, sol._visited)),
            [(v, list(p)) for v, p in sol.workflow.pred.items()])


def pipes(seed):
    """Pipes of random models: ``(pipe, argument tuples)``."""
    rng, ids = random.Random(seed), ['d%d' % i for i in range(9)]
    for cls in (SubDispatchPipe, DispatchPipe):
        dsp = random_model(seed)
        inputs = rng.sample(ids, 3)
        outputs = [k for k in ids if k not in inputs][:3]
        try:
            pipe = cls(dsp, 'p', inputs, outputs)
        except ValueError:  # Outputs not reachable at all.
            continue
        calls = [tuple(rng.randrange(40) for _ in inputs) for _ in range(3)]
        yield pipe, calls + [(sh.NONE,) + calls[0][1:]]  # NONE: no value.


def _inline_calls(monkeypatch):
    # The functions the replay calls inline (it times each: two clock reads).
    called, now = [], _replay._now

    def counted():
        called.append(None)
        return now()

    monkeypatch.setattr(_replay, '_now', counted)
    return called


@pytest.mark.parametrize('seed', SEEDS)
def test_inline_and_general_replays_record_the_same(seed, monkeypatch):
    checked, called = 0, _inline_calls(monkeypatch)
    for pipe, calls in pipes(seed):
        for args in calls:
            called.clear()
            general = call(pipe, args, GENERAL)
            assert not called  # The general way, really.
            fast = call(pipe, args)
            assert fast == general
            assert fast == call(pipe, args)
            checked += 1
    assert checked


def test_random_pipes_call_functions_inline(monkeypatch):
    # The comparison above compares two ways: half the seeds call inline.
    called, inline = _inline_calls(monkeypatch), []
    for seed in SEEDS:
        called.clear()
        for pipe, calls in pipes(seed):
            for args in calls:
                call(pipe, args)
        inline.append(bool(called))
    assert sum(inline) >= len(SEEDS) // 2, inline


def _function_ids(dsp):
    return [k for k, v in dsp.nodes.items() if v['type'] == 'function']


def _data_ids(dsp):
    return [k for k, v in dsp.nodes.items() if v['type'] == 'data']


def edit_function(dsp, rng):
    node = dsp.nodes[rng.choice(_function_ids(dsp))]
    if len(node['outputs']) == 1:
        node['function'] = f_mul if node['function'] is f_add else f_add


def edit_input_domain(dsp, rng):
    dsp.nodes[rng.choice(_function_ids(dsp))]['input_domain'] = even


def edit_filters(dsp, rng):
    dsp.nodes[rng.choice(_data_ids(dsp))]['filters'] = [lambda v: v * 3]
    dsp.nodes[rng.choice(_function_ids(dsp))]['filters'] = [lambda v: v]


def edit_callback(dsp, rng):
    seen = []
    dsp.nodes[rng.choice(_data_ids(dsp))]['callback'] = seen.append
    dsp.nodes[rng.choice(_function_ids(dsp))]['callback'] = seen.append


def edit_wait_inputs(dsp, rng):
    node = dsp.nodes[rng.choice(_data_ids(dsp))]
    node['wait_inputs'], node['function'] = True, combine


def edit_wait_only(dsp, rng):
    for data_id in _data_ids(dsp)[::2]:  # Without function: fails, logged.
        dsp.nodes[data_id]['wait_inputs'] = True


def edit_none_output(dsp, rng):
    for node_id in _function_ids(dsp)[::2]:
        dsp.nodes[node_id]['function'] = lambda *a: sh.NONE


def edit_data_function(dsp, rng):
    dsp.nodes[rng.choice(_data_ids(dsp))]['function'] = lambda v: v


def edit_attr_dict_replaced(dsp, rng):
    node_id = rng.choice(_function_ids(dsp))
    attr = dict(dsp.nodes[node_id], function=lambda *a: -1)
    dsp.dmap._node[node_id] = attr  # A new dict, same keys.


def edit_not_plain(dsp, rng):
    node = dsp.nodes[rng.choice(_function_ids(dsp))]
    if len(node['outputs']) == 1:
        node['function'] = sh.add_args(f_add, 0)


def edit_raises(dsp, rng):
    dsp.raises = True


def edit_failing(dsp, rng):
    node = dsp.nodes[rng.choice(_function_ids(dsp))]
    node['function'] = lambda *a: 1 / 0


EDITS = [v for k, v in sorted(globals().items()) if k.startswith('edit_')]


@pytest.mark.parametrize('seed', SEEDS)
@pytest.mark.parametrize('edit', EDITS, ids=lambda f: f.__name__[5:])
def test_model_edited_between_calls(edit, seed):
    checked = 0
    for pipe, calls in pipes(seed):
        before = call(pipe, calls[0])
        edit(pipe.dsp, random.Random(seed))
        for args in calls:
            fast = call(pipe, args)
            assert fast == call(pipe, args, GENERAL)
            checked += fast != before
    assert checked


def test_values_of_each_step_are_recorded():
    dsp = sh.Dispatcher(name='m')
    dsp.add_function('inc', lambda x: x + 1, ['x'], ['y'])
    dsp.add_function('split', lambda y: (y, -y), ['y'], ['a', 'b'])
    dsp.add_function('add', lambda a, b, x: a + b + x, ['a', 'b', 'x'], ['c'])
    pipe = SubDispatchPipe(dsp, 'p', ['x'], ['c'])
    assert pipe(2) == 2
    wf = pipe.solution.workflow
    # As schedula 1.2.0: the nodes in the order the template visited them.
    assert [(u, v, a) for u, v, a in wf.edges(data=True)] == [
        (sh.START, 'x', {'value': 2}), ('x', 'add', {'value': 2}),
        ('x', 'inc', {'value': 2}), ('add', 'c', {'value': 2}),
        ('inc', 'y', {'value': 3}), ('y', 'split', {'value': 3}),
        ('split', 'a', {'value': 3}), ('split', 'b', {'value': -3}),
        ('a', 'add', {'value': 3}), ('b', 'add', {'value': -3})]
    assert wf.nodes['split']['results'] == (3, -3)
    assert {k for k in wf.nodes['inc']} == {'started', 'duration', 'results'}
    assert list(pipe.solution.items()) == [
        ('x', 2), ('y', 3), ('a', 3), ('b', -3), ('c', 2)]
    assert list(pipe.solution.pipe) == [
        'x', 'inc', 'y', 'split', 'a', 'b', 'add', 'c']
    # Outputs of the second edge of `x` are copies of its value dict.
    assert wf.succ['x']['inc'] is not wf.succ['x']['add']


def test_futures_returned_by_plain_functions_are_resolved(monkeypatch):
    from concurrent.futures import Future
    from schedula.utils.asy import _result

    def later(x):
        fut = Future()
        fut.set_result(x * 10)
        return fut

    dsp = sh.Dispatcher(name='m')
    dsp.add_function('later', later, ['x'], ['y'])
    dsp.add_function('inc', lambda y: y, ['y'], ['z'])
    pipe = SubDispatchPipe(dsp, 'p', ['x'], ['y'])
    assert pipe(2) == 20
    done = Future()
    done.set_result(7)
    pipe = SubDispatchPipe(dsp, 'p', ['y'], ['z'])  # A future as input.
    assert pipe(done) == 7 and pipe.solution.workflow.nodes['inc'][
        'results'] == 7
    scans, original = [], _result._may_hold_futures

    def counted(sol):  # The scans that ran.
        if '_plain_values' not in sol.__dict__:
            scans.append(sol)
        return original(sol)

    monkeypatch.setattr(_result, '_may_hold_futures', counted)
    assert pipe(3) == 3 and scans == []  # Plain values: no scan,
    sol, later_value = pipe.solution, Future()  # later ones do not.
    sol['z'] = later_value
    later_value.set_result(5)
    assert sol.result()['z'] == 5 and scans == [sol]


def _seeded(pipe, inputs, seed_inline):
    # A new solution of the pipe seeded with `inputs` (inline or by
    # `_init_workflow`, the general way): a comparable record.
    sol = pipe._init_new_solution(())
    if seed_inline:
        pipe._init_workflows(sol, inputs)
    else:
        if isinstance(pipe, DispatchPipe):
            for s in sol.sub_sol.values():
                s._visited.clear()
        sol.inputs.update(inputs)
        for s in sol.sub_sol.values():
            s._init_workflow(clean=False)
    return [(i, _solution(s), _more(s), list(s.inputs_dist.items()))
            for i, s in sol.sub_sol.items()]


def edit_input_removed(dsp, rng):
    data = [k for k in _data_ids(dsp) if not dsp.dmap.pred[k]]
    if data:
        dsp.dmap.remove_node(rng.choice(data))


@pytest.mark.parametrize('seed', SEEDS)
@pytest.mark.parametrize('edit', [None, edit_wait_only, edit_input_removed],
                         ids=['as_built', 'wait_only', 'input_removed'])
def test_inline_seeding_is_init_workflow(edit, seed):
    checked = 0
    for pipe, calls in pipes(seed):
        call(pipe, calls[0])
        if edit:
            edit(pipe.dsp, random.Random(seed))
        for args in calls:
            inputs = pipe._parse_inputs(*args)
            assert _seeded(pipe, inputs, True) == _seeded(pipe, inputs, False)
            checked += 1
    assert checked


def test_inline_seeding_of_wildcards_and_distances():
    dsp = sh.Dispatcher(name='m')
    dsp.add_data('k', default_value=2, initial_dist=3)
    dsp.add_data('b', wait_inputs=True, function=sum)
    dsp.add_function('f', f_add, ['a', 'k'], ['b'])
    dsp.add_function('g', f_mul, ['b', 'a'], ['a'])
    for wildcard in (True, False):
        for cls in (SubDispatchPipe, DispatchPipe):
            pipe = cls(dsp, 'p', ['a', 'k'], ['a', 'b'], wildcard=wildcard,
                       inputs_dist={'a': 1})
            for args in ((1, 2), (3,), (sh.NONE, 4)):
                inputs = pipe._parse_inputs(*args)
                assert _seeded(pipe, inputs, True) == _seeded(
                    pipe, inputs, False)
                assert call(pipe, args) == call(pipe, args, GENERAL)


def test_dispatch_pipe_scans_for_futures_until_its_solution_is_plain(
        monkeypatch):
    from concurrent.futures import Future
    from schedula.utils import wrappers
    from schedula.utils.asy import _result

    def maybe_later(x):
        if x % 2:
            return x * 10
        fut = Future()
        fut.set_result(x * 100)
        return fut

    scans = []
    dsp = sh.Dispatcher(name='m')
    dsp.add_function('f', maybe_later, ['x'], ['y'])
    dsp.add_function('g', lambda y: y + 1, ['y'], ['z'])
    pipe = DispatchPipe(dsp, 'p', ['x'], ['y'])
    original = _result._may_hold_futures

    def counted(sol):  # The scans that ran, and what they found.
        skipped = sol.__dict__.get('_plain_values', False)
        held = original(sol)
        if not skipped:
            scans.append(held)
        return held

    monkeypatch.setattr(_result, '_may_hold_futures', counted)
    monkeypatch.setattr(wrappers, '_may_hold_futures', counted)
    assert pipe(1) == 10 and scans == []  # Planned: no future.
    assert pipe(2) == 200 and scans == [True]  # A future: resolved.
    assert pipe.solution.workflow.nodes['f']['results'] == 200
    assert pipe(3) == 30 and scans == [True, False]  # Found plain.
    assert pipe(5) == 50 and scans == [True, False]  # Known plain.
    pipe.solution['y'] = later = Future()  # By hand: not looked for.
    later.set_result(7)
    assert pipe(7) == 70 and scans == [True, False]
    assert pipe(4) == 400 and scans == [True, False, True]
