# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""
The dispatch loop (private): the modified Dijkstra that fills a root
:class:`~schedula.utils.sol.Solution` and its sub-dispatcher solutions from
one shared heap.

A heap entry is ``(distance, key, (node_id, solution))``, `key` being
``(flag, str(node_id), index_path)``: on equal distances plain data come
before waiting nodes and functions, before outputs coming back from
sub-dispatchers; then names, then index paths decide. Distances are plain
2-tuples ``(inf, num)`` (compared by C code); they become
:class:`~schedula.utils.dsp.inf` objects only where they are stored.
"""
import time
import functools
from heapq import heappush, heappop
from .cst import START, NONE, PLOT
from ._helpers import inf
from .exc import DispatcherError, SkipNode
from .alg import _sub_solutions, _remove_node
from .events import LISTENERS as _listeners
from ._evaluation import _PLAIN

_lt, _eq = tuple.__lt__, tuple.__eq__
_new_inf = functools.partial(tuple.__new__, inf)
_now = time.time
#: Attributes that make a data node evaluated / a call go the long way.
_EVALUATED = frozenset(('function', 'filters', 'callback'))
_FILTERED = frozenset(('filters', 'callback'))


def _never(distance):
    """The cutoff check when there is no cutoff."""
    return False


def run(root, stopper, executor):
    """Pops and visits the heap of `root` until it is empty or done."""
    # The heap: entries pushed by `root` and by all its children. A node of
    # a solution is visited at most once, at its first entry popped.
    fringe = root.fringe
    # The visited entries in visit order (the root's `_pipe`).
    pipe = root._pipe = []
    # Indices of the children no longer needed: their entries are skipped.
    closed = set()
    # Indices of the solutions that visited a node (a child's remote links
    # reach its parent only once the parent is started).
    started = {root.index}
    # Child index -> (parent's `dist`, parent outputs of the child's node):
    # the close test of that child, looked up once.
    cache = {}
    # The root's options hold for every level (absolute distances).
    no_call, root_dist = root.no_call, root.dist
    cutoff = None if root._cutoff is None else root.check_cutoff
    # Solution index -> its `visit` function (see `visitor`), its `seen`
    # and the ids of its nodes whose values go to the parent's outputs.
    visitors = {}

    def visitor_of(sol):
        try:
            return visitors[sol.index]
        except KeyError:
            remote = () if sol is root else sol._parent_link()[2]
            visitors[sol.index] = entry = (visitor(
                sol, fringe, cutoff, no_call, stopper, executor), sol.seen,
                remote)
            return entry

    root_visit, root_seen, _ = visitor_of(root)

    def close(sol):  # `sol` and its non-empty children (1.2.0 order).
        closed.add(sol.index)
        for _, _, child in _sub_solutions(sol):
            if child:
                close(child)

    while fringe:
        dist, key, item = heappop(fringe)
        node_id, sol = item
        if sol is root:
            if node_id in root_dist and node_id is not START:
                continue  # Stale: visited at a smaller distance.
            visit, seen_of = root_visit, root_seen
        elif sol.index in closed or (
                node_id in sol.dist and node_id is not START):
            continue
        elif _unneeded(sol, cache):
            close(sol)
            cache.pop(sol.index, None)
            continue
        else:
            started.add(sol.index)
            visit, seen_of, remote = visitor_of(sol)
        # Usually the distance that scheduled the node: the same object.
        seen = seen_of.get(node_id)
        dist = seen if seen is not None and _eq(seen, dist) else \
            _new_inf(dist)
        pipe.append((dist, key, item))
        if not visit(node_id, dist):  # All targets of `sol` reached.
            if sol is root:
                break
            close(sol)
        if sol is not root and node_id in remote:
            sol._see_remote_link_node(node_id, fringe, dist,
                                      started.__contains__)
    if root.rm_unused_nds:
        root._remove_unused_nodes()
    root.fringe = None


def _unneeded(sol, cache):
    """True if the child `sol` has delivered all its parent's outputs."""
    try:
        dist, parent_outputs = cache[sol.index]
    except KeyError:
        if len(sol.index) < 2:
            return False
        parent, links = sol._parent_link()[:2]
        node_id = next(k for k, n in links if n['type'] == 'dispatcher')
        dist, parent_outputs = cache[sol.index] = \
            parent.dist, parent._succ[node_id]
    for k in parent_outputs:
        if k not in dist:
            return False
    return True


def visitor(sol, fringe, cutoff, no_call, stopper, executor):
    """
    The function ``visit(node_id, dist)`` of the solution `sol` in a run:
    it visits `node_id` of `sol` at `dist` (sets its output, then offers
    each successor with a workflow edge its distance: ``_see_node``,
    inlined) and returns False when all targets of `sol` are reached.

    This is the hot path. The containers of `sol` it reads and writes stay
    the same objects while a run lasts: they are bound once, here. The
    common nodes (a data node passing on its one value, a plain synchronous
    function) are set inline; any other node goes through
    ``Solution._set_data_node_output`` or
    ``Solution._set_function_node_output``, which record the same.
    """
    my_dist, visited, nodes, succ, pred = \
        sol.dist, sol._visited, sol.nodes, sol._succ, sol._pred
    wf, wf_pred, seen, meet, wait_in, index = sol.workflow, sol._wf_pred, \
        sol.seen, sol._meet, sol._wait_in, sol.index
    edge_length = None if sol._std_length else sol._edge_length
    # Functions can be called inline: no `no_call`, stopper or executor.
    plain = not (no_call or stopper) and (
        executor is False or executor is sol._sync_spec)

    def visit(node_id, dist):
        my_dist[node_id] = dist
        visited.add(node_id)
        node = nodes[node_id]
        node_type = node['type']
        if node_type == 'data':
            arrived, targets = wf_pred[node_id], succ[node_id]
            if len(arrived) == 1 and arrived.keys().isdisjoint(targets) and (
                    no_call or plain and not node['wait_inputs'] and
                    node_id is not PLOT and
                    node.keys().isdisjoint(_EVALUATED)):
                if no_call:
                    sol[node_id], value = NONE, {}
                else:
                    for edge in arrived.values():  # Its one estimation.
                        value = edge['value']
                    if value is not NONE:
                        sol[node_id] = value
                    value = {'value': value}
                for u in targets:  # Unless a wildcard recomputed: the first
                    if u not in visited:  # successor was already visited.
                        _send_value(node_id, value, targets, wf._node,
                                    wf._succ, wf_pred)
                    break
            elif not sol._set_data_node_output(node_id, node, no_call, None,
                                               stopper, executor):
                return True
        elif node_type != 'function':
            return True
        elif plain and not _listeners and node['function'].__class__ in \
                _PLAIN and node.keys().isdisjoint(_FILTERED):
            if not _call_plain(sol, node_id, node, my_dist, succ[node_id],
                               wf_pred[node_id], wf):
                return True
        elif not sol._set_function_node_output(node_id, node, no_call, None,
                                               stopper, executor):
            return True
        if sol.outputs:  # check_targets, inlined.
            targets = sol._targets
            targets.discard(node_id)
            if not targets:
                return False
        wf_succ = wf._succ[node_id]
        if not wf_succ:
            return True
        d0, d1 = dist
        for w, edge in succ[node_id].items():
            if w not in wf_succ:
                continue
            node = nodes[w]
            length = edge.get('weight', 1) + node.get('weight', 0) \
                if edge_length is None else edge_length(edge, node)
            d = (d0, d1 + length) if length.__class__ is not inf else \
                (d0 + length[0], d1 + length[1])
            if cutoff is not None and cutoff(d):
                sol._wf_remove_edge(node_id, w)
                continue
            if node['type'] == 'dispatcher':
                sol._set_sub_dsp_node_input(
                    node_id, w, fringe, cutoff or _never, no_call, d)
                continue
            new = None
            if w not in meet or _lt(meet[w], d):
                new = meet[w] = _new_inf(d)
            own_wait = wait = node['wait_inputs']
            if wait_in and w in wait_in:
                wait = wait_in[w]
            if wait:  # Functions wait until all their inputs arrived.
                arrived = wf_pred[w]
                for k in pred[w]:
                    if k not in arrived:
                        break
                else:
                    wait = False
                if wait:
                    continue
            if w in my_dist:
                if _lt(d, my_dist[w]):
                    raise DispatcherError('Contradictory paths found: '
                                          'negative weights?', sol=sol)
                continue
            if w not in seen or _lt(d, seen[w]):
                seen[w] = _new_inf(d) if new is None else new
                flag = 0 if own_wait is False else 1 if own_wait is True \
                    else int(own_wait)
                key = (flag, w if w.__class__ is str else str(w),
                       index + node['index'])
                heappush(fringe, (d, key, (w, sol)))
        return True

    return visit


def _call_plain(sol, node_id, node, dist, wanted, arrived, wf):
    """
    Calls the plain synchronous function `node_id` (``_evaluate_node``,
    inlined) and sends its results; False if it was not called or failed.
    """
    for k in wanted:
        if k not in dist:
            break
    else:  # All its outputs already have a distance: not needed.
        _remove_node(wf, node_id)
        return False
    try:
        args = _args(node['inputs'], arrived)
    except KeyError:  # The general way says which input is missing.
        return sol._set_function_node_output(node_id, node, False)
    try:
        if 'input_domain' in node:
            sol._check_function_domain(args, node, node_id)
    except SkipNode:
        return False
    wattr = wf._node[node_id]
    wattr['started'] = started = _now()
    try:
        res = node['function'](*args)
    except Exception as ex:
        wattr['duration'] = _now() - started
        sol._warning("Failed DISPATCHING '%s' due to:\n  %r", node_id, ex)
        return False
    wattr['duration'] = _now() - started
    wattr['results'] = res
    _send_results(node_id, node['outputs'], res, wanted, dist, None, wf)
    return True


def _args(inputs, arrived):
    # The arguments of a function: the values of its `inputs` on the edges
    # that `arrived`, NONE dropped (for the domain too). KeyError: missing.
    args = []
    for k in inputs:
        value = arrived[k]['value']
        if value is not NONE:
            args.append(value)
    return args


def _send_value(node_id, value, targets, wf_nodes, wf_succ, wf_pred):
    # The workflow out-edges of a data node: the value dict itself to the
    # first target, copies to the others.
    out, edge = wf_succ[node_id], value
    for u in targets:
        if edge is None:
            edge = value.copy()
        if u not in wf_nodes:
            wf_nodes[u], wf_succ[u], wf_pred[u] = {}, {}, {}
        out[u] = wf_pred[u][node_id] = edge
        edge = None


def _send_results(node_id, outputs, res, wanted, dist, next_nds, wf):
    # The workflow out-edges of a function node: a value dict to each output
    # wanted (`next_nds` in pipe mode, else those without a distance yet).
    pairs = ((outputs[0], res),) if len(outputs) == 1 else zip(outputs, res)
    wf_nodes, wf_succ, wf_pred = wf._node, wf._succ, wf._pred
    out = wf_succ[node_id]
    for k, v in pairs:
        if v is not NONE and k in wanted and (next_nds or k not in dist):
            if k not in wf_nodes:
                wf_nodes[k], wf_succ[k], wf_pred[k] = {}, {}, {}
            out[k] = wf_pred[k][node_id] = {'value': v}
