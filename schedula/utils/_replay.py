# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""
The replay of a pipe's plan (private): the loop of
:class:`~schedula.utils.dsp.SubDispatchPipe` and
:class:`~schedula.utils.dsp.DispatchPipe` calls.

The plan is compiled once (:func:`compile_plan`): flat steps, with what the
plan alone decides (the node, its solution, the next nodes, whether the step
can ever be inlined) and the order in which the inputs are seeded.

Each step sets the output of one node of a (sub-)solution towards the next
nodes of the plan, as ``Solution._set_data_node_output`` and
``Solution._set_function_node_output`` do in pipe mode. The two common
cases, a data node passing on the one value it received and a plain Python
function (after its input domain) called synchronously, are inlined in the
loop: they record exactly what those methods record (values, workflow
edges, ``started``, ``duration``, ``results``) without their general tests.
What the model decides (node types, functions, domains, filters, ...) is
read live at every call, so a model edited between two calls is replayed as
it is now; any node that needs more (filters, a callback, a wait, an
executor, a stopper, listeners, a sub-dispatcher) goes the general way.
"""
import time
from .cst import NONE, PLOT, START
from .exc import SkipNode
from ._evaluation import _PLAIN
from ._helpers import _plus
from .sol import _new_inf, _seed_order
from .events import LISTENERS as _listeners
from ._loop import _send_value

_now, _lt, _eq = time.time, tuple.__lt__, tuple.__eq__


class Plan:
    """
    A compiled plan: ``steps``, one tuple per entry of the pipe, and
    ``seeds``, the inputs of each solution in the order they are seeded.
    ``clean`` tells a reused solution (``DispatchPipe``) is known to hold no
    future, so that its ``result()`` need not look for them.
    """
    __slots__ = 'steps', 'seeds', 'clean'

    def __init__(self, steps, seeds):
        self.steps, self.seeds, self.clean = steps, seeds, True


def compile_plan(pipe, template):
    """
    Compiles the plan `pipe` (``[(task, next_nodes, next_dsps), ...]``) of
    the solution `template`.

    :rtype: Plan
    """
    steps = []
    for (dist, key, (node_id, sol)), next_nodes, next_dsps in pipe:
        child = len(sol.index) > 1
        inline = not (next_dsps or child or node_id is START or
                      node_id is PLOT)
        steps.append((dist, key, node_id, sol.index, next_nodes, next_dsps,
                      child, inline))
    seeds = {i: _seed_order(s.inputs, s.inputs_dist or {})
             for i, s in template.sub_sol.items()}
    return Plan(steps, seeds)


def seed(solution, plan):
    """
    Seeds every (sub-)solution of `solution` with its inputs (pipe mode: no
    fringe), as ``Solution._init_workflow(clean=False)`` does: the common
    input (a node, not a wildcard, no cutoff nor wait) inline, any other the
    general way.
    """
    seeds = plan.seeds
    for index, sol in solution.sub_sol.items():
        sol._start()
        wf = sol.workflow
        wf_nodes, wf_succ, wf_pred = wf._node, wf._succ, wf._pred
        inputs, nodes, out = sol.inputs, sol.nodes, wf_succ[START]
        plain = not (sol._wildcards or sol._wait_in) and sol._cutoff is None
        meet, seen = sol._meet, sol.seen
        for d, k in seeds[index]:
            node = nodes.get(k)
            if node is None:
                continue
            if not plain or node['wait_inputs']:
                sol._add_initial_value(k, {'value': inputs[k]}, d)
                continue
            out[k] = _in_edge(k, START, {'value': inputs[k]}, wf_nodes,
                              wf_succ, wf_pred)
            m = meet.get(k)
            if m is None or _lt(m, d):
                meet[k] = m = _new_inf(d)
            seen[k] = m if _eq(m, d) else _new_inf(d)
        sol._add_out_dsp_inputs()


def replay(solution, plan, record, stopper, executor, on_failure):
    """
    Replays `plan` on `solution` and its children (``solution.sub_sol``);
    `record` appends the tasks to the pipe (None: not recorded). A failed
    step calls `on_failure` and ends the replay.

    :return:
        The classes of the values computed, when every step went the
        inlined way (else None).
    :rtype: set | None
    """
    # Listeners get their events the general way, as in a dispatch.
    simple = not (stopper or _listeners) and executor is False
    classes, general = set(), not simple  # Of the results; a general step?
    sols, current = solution.sub_sol, None  # The index of the last step.
    for dist, key, node_id, index, next_nodes, next_dsps, child, inline \
            in plan.steps:
        if index is not current:  # The solution changes.
            sol, current = sols[index], index
            nodes, wf = sol.nodes, sol.workflow
            wf_nodes, wf_succ, wf_pred = wf._node, wf._succ, wf._pred
        if record is not None:
            record((dist, key, (node_id, sol)))
        node = nodes[node_id]
        kind = node['type']
        if inline and simple:
            if kind == 'function':
                # A plain function (no filters nor callback), synchronously.
                fn = node['function']
                # (Tests and `_loop._args` inlined: this is the hot path.)
                if next_nodes and fn.__class__ in _PLAIN and \
                        'filters' not in node and 'callback' not in node:
                    arrived, args = wf_pred[node_id], []
                    try:  # NONE arguments are dropped.
                        for k in node['inputs']:
                            value = arrived[k]['value']
                            if value is not NONE:
                                args.append(value)
                    except KeyError:  # The general way names the input.
                        pass
                    else:
                        wattr = wf_nodes[node_id]
                        if 'input_domain' in node and not _in_domain(
                                sol, node_id, node, args):
                            on_failure()
                            break
                        wattr['started'] = started = _now()
                        try:
                            res = fn(*args)
                        except Exception as ex:
                            wattr['duration'] = _now() - started
                            sol._warning(
                                "Failed DISPATCHING '%s' due to:\n  %r",
                                node_id, ex)
                            on_failure()
                            break
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
                                out[k] = _in_edge(k, node_id, {'value': v},
                                                  wf_nodes, wf_succ, wf_pred)
                        continue
            elif kind == 'data':
                # One estimation, nothing to evaluate: the value is passed on.
                estimations = wf_pred[node_id]
                if len(estimations) == 1 and not node['wait_inputs'] and \
                        'function' not in node and 'filters' not in node \
                        and 'callback' not in node:
                    if not next_nodes:  # An output: targets of the general
                        sol._set_data_node_output(  # way (a value passed).
                            node_id, node, False, next_nodes)
                        continue
                    for edge in estimations.values():
                        value = edge['value']
                    if value is not NONE:
                        sol[node_id] = value
                    _send_value(node_id, {'value': value}, next_nodes,
                                wf_nodes, wf_succ, wf_pred)
                    continue
        general = True
        set_output = sol._set_data_node_output if kind == 'data' \
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


def _in_edge(node_id, pred_id, edge, wf_nodes, wf_succ, wf_pred):
    # The workflow edge `pred_id` -> `node_id`, from its head: `edge`.
    if node_id in wf_nodes:
        wf_pred[node_id][pred_id] = edge
    else:
        wf_nodes[node_id], wf_succ[node_id], wf_pred[node_id] = \
            {}, {}, {pred_id: edge}
    return edge


def _in_domain(sol, node_id, node, args):
    # The input domain of a function node, as the general way checks it.
    try:
        sol._check_function_domain(args, node, node_id)
    except SkipNode:
        return False
    return True
