# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""
The replay of a pipe's plan (private): the loop of
:class:`~schedula.utils.dsp.SubDispatchPipe` and
:class:`~schedula.utils.dsp.DispatchPipe` calls.

Each step sets the output of one node of a (sub-)solution towards the next
nodes of the plan, as ``Solution._set_data_node_output`` and
``Solution._set_function_node_output`` do in pipe mode. The two common
cases, a data node passing on the one value it received and a plain Python
function called synchronously, are inlined here: they record exactly what
those methods record (values, workflow edges, ``started``, ``duration``,
``results``) without their general tests. The node attributes are read
live at every call, so a model edited between two calls is replayed as it
is now; any node that needs more (a domain, filters, a callback, a wait, an
executor, a stopper, a sub-dispatcher) goes the general way.
"""
import time
from .cst import NONE, PLOT
from ._evaluation import _PLAIN
from ._helpers import _plus
from .sol import _paused_gc, _send_value, _EVALUATED, _FILTERED
from .events import LISTENERS as _listeners

_now = time.time


def replay(solution, steps, record, stopper, executor, on_failure):
    """
    Replays the plan `steps` (see ``SubDispatchPipe._set_pipe``) on
    `solution` and its children (``solution.sub_sol``); `record` appends the
    tasks to the pipe (None: not recorded). A failed step calls
    `on_failure` and ends the replay.

    :return:
        The classes of the values computed, when every step went the
        inlined way (else None).
    :rtype: set | None
    """
    with _paused_gc():  # As a dispatch: nothing allocated here is garbage.
        return _replay(solution.sub_sol, steps, record, stopper, executor,
                       on_failure)


def _replay(sols, steps, record, stopper, executor, on_failure):
    # Listeners get their events the general way, as in a dispatch.
    simple = not (stopper or _listeners) and executor is False
    classes, general = set(), False  # Of the results; a general step?
    sol = None  # The (sub-)solution of the last step, and its containers:
    for dist, key, node_id, index, next_nodes, next_dsps, child in steps:
        if sol is not sols[index]:
            sol = sols[index]
            nodes, wf, wf_pred = sol.nodes, sol.workflow, sol._wf_pred
            wf_nodes, wf_succ = wf._node, wf._succ
        if record is not None:
            record((dist, key, (node_id, sol)))
        node = nodes[node_id]
        node_type = node['type']
        if simple and next_nodes and not (next_dsps or child):
            # The two common steps, inlined (the hot path of a pipe).
            if node_type == 'data':
                done = _pass_value(sol, node_id, node, next_nodes, wf_nodes,
                                   wf_succ, wf_pred)
            elif node_type == 'function':
                done = _call_plain(sol, node_id, node, next_nodes, wf_nodes,
                                   wf_succ, wf_pred, classes)
            else:
                done = None
            if done:
                continue
            if done is False:
                on_failure()
                break
        general = True
        set_output = sol._set_data_node_output if node_type == 'data' \
            else sol._set_function_node_output
        if not set_output(node_id, node, False, next_nodes, stopper,
                          executor):
            on_failure()
            break
        for dsp_id, length in next_dsps:  # Recorded distance + edge.
            sol._set_sub_dsp_node_input(node_id, dsp_id, [], sol.check_cutoff,
                                        False, _plus(dist, length))
            # The copies share the template's `dist`, so feeding a child
            # does not record it on the workflow node: do it (`get_node`
            # looks there).
            sub_index = sol.index + nodes[dsp_id]['index']
            wf_nodes[dsp_id]['solution'] = sol.sub_sol[sub_index]
        if child:  # Only children have remote links.
            sol._see_remote_link_node(node_id)
    return None if general else classes


def _pass_value(sol, node_id, node, next_nodes, wf_nodes, wf_succ, wf_pred):
    # A data node with one estimation and nothing to evaluate: its value
    # goes to the solution and to the next nodes. None: the general way.
    estimations = wf_pred[node_id]
    if len(estimations) != 1 or node['wait_inputs'] or node_id is PLOT or \
            not node.keys().isdisjoint(_EVALUATED):
        return None
    for edge in estimations.values():
        value = edge['value']
    if value is not NONE:
        sol[node_id] = value
    _send_value(node_id, {'value': value}, next_nodes, wf_nodes, wf_succ,
                wf_pred)
    return True


def _call_plain(sol, node_id, node, next_nodes, wf_nodes, wf_succ, wf_pred,
                classes):
    # A plain Python function with no domain, filters nor callback, called
    # synchronously: True when done, False when it raised (recorded as the
    # general way records it), None: the general way. The classes of what
    # it returned go to `classes`.
    fn = node['function']
    if fn.__class__ not in _PLAIN or 'input_domain' in node or \
            not node.keys().isdisjoint(_FILTERED):
        return None
    arrived = wf_pred[node_id]
    args = []  # NONE arguments are dropped.
    try:
        for k in node['inputs']:
            value = arrived[k]['value']
            if value is not NONE:
                args.append(value)
    except KeyError:
        return None  # The general way names the missing input.
    wattr = wf_nodes[node_id]
    wattr['started'] = started = _now()
    try:
        res = fn(*args)
    except Exception as ex:
        wattr['duration'] = _now() - started
        sol._warning("Failed DISPATCHING '%s' due to:\n  %r", node_id, ex)
        return False
    wattr['duration'] = _now() - started
    wattr['results'] = res
    outputs = node['outputs']
    if len(outputs) == 1:
        pairs = ((outputs[0], res),)
    else:
        classes.add(res.__class__)
        pairs = zip(outputs, res)
    out = wf_succ[node_id]
    for k, v in pairs:
        classes.add(v.__class__)
        if v is not NONE and k in next_nodes:
            if k not in wf_nodes:
                wf_nodes[k], wf_succ[k], wf_pred[k] = {}, {}, {}
            out[k] = wf_pred[k][node_id] = {'value': v}
    return True
