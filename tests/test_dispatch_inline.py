# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""
The dispatch loop sets the common nodes inline (a data node passing on its
one value, a plain synchronous function: ``schedula.utils._loop.visitor``);
every other node goes through ``Solution._set_data_node_output`` and
``Solution._set_function_node_output``. A stopper that is never set forces
the general way for every node: both ways must record exactly the same.
"""
import threading

import pytest

import schedula as sh
from schedula.utils.sol import Solution

from test_dispatch_edits import random_model, random_dispatches, outcome

SEEDS = range(30)


def _general(kw):
    return dict(kw, stopper=threading.Event())  # Never set.


@pytest.mark.parametrize('seed', SEEDS)
def test_inline_visit_records_what_the_general_way_records(seed):
    dsp = random_model(seed)
    for inputs, outputs, kw in random_dispatches(seed):
        inline = outcome(dsp, inputs, outputs, kw)
        assert inline == outcome(dsp, inputs, outputs, _general(kw))


def _counting(monkeypatch):
    calls = []
    for name in ('_set_data_node_output', '_set_function_node_output'):
        method = getattr(Solution, name)

        def counted(self, node_id, *args, _method=method, **kw):
            calls.append(node_id)
            return _method(self, node_id, *args, **kw)

        monkeypatch.setattr(Solution, name, counted)
    return calls


def _chain():
    dsp = sh.Dispatcher(name='chain')
    for i in range(3):
        dsp.add_function('f%d' % i, lambda x: x + 1, ['x%d' % i],
                         ['x%d' % (i + 1)])
    return dsp


def test_plain_nodes_are_set_inline(monkeypatch):
    calls, dsp = _counting(monkeypatch), _chain()
    sol = dsp.dispatch({'x0': 0})
    assert sol == {'x0': 0, 'x1': 1, 'x2': 2, 'x3': 3}
    assert calls == []  # No node took the general way.
    assert sol.workflow.nodes['f1']['results'] == 2
    assert sol.workflow.edges['f1', 'x2'] == {'value': 2}
    assert sol.workflow.edges['x1', 'f1'] == {'value': 1}


def test_other_nodes_take_the_general_way(monkeypatch):
    calls, dsp = _counting(monkeypatch), _chain()
    dsp.add_data('x2', filters=[lambda v: v * 10])
    dsp.nodes['f2']['filters'] = [abs]
    sol = dsp.dispatch({'x0': 0})
    assert sol == {'x0': 0, 'x1': 1, 'x2': 20, 'x3': 21}
    assert calls == ['x2', 'f2']
    assert list(sol.workflow.edges(data=True)) == [
        (sh.START, 'x0', {'value': 0}), ('x0', 'f0', {'value': 0}),
        ('f0', 'x1', {'value': 1}), ('x1', 'f1', {'value': 1}),
        ('f1', 'x2', {'value': 2}), ('x2', 'f2', {'value': 20}),
        ('f2', 'x3', {'value': 21})]
    calls.clear()
    sol = dsp.dispatch({'x0': 0}, no_call=True)
    assert sol == dict.fromkeys(['x0', 'x1', 'x2', 'x3'], sh.NONE)
    assert calls == ['f0', 'f1', 'f2']  # Data nodes without value: inline.
    edges = list(sol.workflow.edges(data=True))
    assert edges == [(sh.START, 'x0', {}), ('x0', 'f0', {}),
                     ('f0', 'x1', {}), ('x1', 'f1', {}), ('f1', 'x2', {}),
                     ('x2', 'f2', {}), ('f2', 'x3', {})]
    assert len({id(a) for _, _, a in edges}) == len(edges)  # Not shared.


def test_inline_failure_is_recorded_as_the_general_way_does(caplog):
    dsp = sh.Dispatcher(name='fail')
    dsp.add_function('bad', lambda x: 1 / x, ['x'], ['y'])
    dsp.add_function('alt', lambda x: -1, ['x'], ['y'], weight=3)
    sol = dsp.dispatch({'x': 0})
    assert sol == {'x': 0, 'y': -1}
    assert list(sol._errors) == ['bad']
    assert sol._errors['bad'] == (
        "Failed DISPATCHING 'bad' due to:\n  "
        "ZeroDivisionError('division by zero')")
    assert 'duration' in sol.workflow.nodes['bad']
    assert 'results' not in sol.workflow.nodes['bad']
    assert [r.levelname for r in caplog.records] == ['ERROR']
    dsp.raises = True
    with pytest.raises(sh.DispatcherError) as info:
        dsp.dispatch({'x': 0})
    assert isinstance(info.value.ex, ZeroDivisionError)
