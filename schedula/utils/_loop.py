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
import functools
from heapq import heappush, heappop
from .cst import START
from ._helpers import inf
from .exc import DispatcherError
from .alg import _sub_solutions

_lt, _eq, _int = tuple.__lt__, tuple.__eq__, int
_new_inf = functools.partial(tuple.__new__, inf)


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
    # Solution index -> the containers `visit` works on (see `_state`).
    states = {root.index: _state(root)}
    root_state = states[root.index]
    # The root's options hold for every level (absolute distances).
    no_call, root_dist = root.no_call, root.dist
    check_cutoff = _never if root._cutoff is None else root.check_cutoff

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
            state = root_state
        elif sol.index in closed or (
                node_id in sol.dist and node_id is not START):
            continue
        elif _unneeded(sol, cache):
            close(sol)
            cache.pop(sol.index, None)
            continue
        else:
            started.add(sol.index)
            state = states.get(sol.index) or states.setdefault(
                sol.index, _state(sol))
        # Usually the distance that scheduled the node: the same object.
        seen = state[7].get(node_id)
        dist = seen if seen is not None and _eq(seen, dist) else \
            _new_inf(dist)
        pipe.append((dist, key, item))
        if not visit(sol, node_id, dist, fringe, check_cutoff, no_call,
                     stopper, executor, state):  # All targets reached.
            if sol is root:
                break
            close(sol)
        if sol is not root:
            sol._see_remote_link_node(node_id, fringe, dist,
                                      started.__contains__)
    if root.rm_unused_nds:
        root._remove_unused_nodes()
    root.fringe = None


def _state(sol):
    """
    The containers of `sol` that :func:`visit` reads and writes, in one
    tuple: they stay the same objects while a run lasts.
    """
    return (sol.dist, sol._visited, sol.nodes, sol._succ, sol._pred,
            sol.workflow._succ, sol._wf_pred, sol.seen, sol._meet,
            sol._wait_in, None if sol._std_length else sol._edge_length,
            sol.index)


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


def visit(sol, node_id, dist, fringe, check_cutoff, no_call, stopper,
          executor, state):
    """
    Visits `node_id` of `sol` at `dist`: sets its output, then offers each
    successor with a workflow edge its distance (``_see_node``, inlined:
    this is the hot path). False when all targets of `sol` are reached.
    """
    my_dist, visited, nodes, succ, pred, wf_succ, wf_pred, seen, meet, \
        wait_in, edge_length, index = state
    my_dist[node_id] = dist
    visited.add(node_id)
    node = nodes[node_id]
    node_type = node['type']
    if node_type == 'data':
        if not sol._set_data_node_output(node_id, node, no_call, None,
                                         stopper, executor):
            return True
    elif node_type != 'function' or not sol._set_function_node_output(
            node_id, node, no_call, None, stopper, executor):
        return True
    if sol.outputs:  # check_targets, inlined.
        targets = sol._targets
        targets.discard(node_id)
        if not targets:
            return False
    wf_succ = wf_succ[node_id]
    if not wf_succ:
        return True
    cutoff = None if check_cutoff is _never else check_cutoff
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
                node_id, w, fringe, check_cutoff, no_call, d)
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
                raise DispatcherError(
                    'Contradictory paths found: negative weights?', sol=sol)
            continue
        if w not in seen or _lt(d, seen[w]):
            seen[w] = _new_inf(d) if new is None else new
            if fringe is not None:
                key = (_int(own_wait), w if w.__class__ is str else str(w),
                       index + node['index'])
                heappush(fringe, (d, key, (w, sol)))
    return True
