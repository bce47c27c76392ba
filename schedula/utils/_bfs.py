# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""
The breadth-first search of
:meth:`~schedula.dispatcher.Dispatcher.get_sub_dsp_from_workflow`
(private): it copies into a new dispatcher the nodes and edges of a model
reached from some sources along a graph (its `dmap` or a workflow).
"""
import collections
from .cst import START


class _WorkflowBFS:
    """The breadth-first search of ``get_sub_dsp_from_workflow``."""

    def __init__(self, dsp, sub, graph, reverse, add_missing, check_inputs,
                 blockers, wildcard):
        self.nodes, self.dmap_succ = dsp.dmap._node, dsp.dmap._succ
        self.defaults, self.sub = dsp.default_values, sub
        self.graph_nodes = graph._node
        self.neighbors = graph._pred if reverse else graph._succ
        self.reverse, self.add_missing = reverse, add_missing
        self.check_inputs, self.wildcard = check_inputs, wildcard
        self.blockers = set(blockers or ())
        self.visited, self.queue = {}, collections.deque()

    def take(self, n, blocking=True, extra=False):
        sub = self.sub
        if n not in sub.nodes or n in self.visited:
            sub.nodes[n], sub.dmap._succ[n], sub.dmap._pred[n] = \
                self.nodes[n], {}, {}
        # else: `n` was added as a missing input; 1.2.0 reset its edges here
        # too, leaving the functions it feeds with a dangling predecessor.
        if n in self.defaults:
            sub.default_values[n] = self.defaults[n]
        if not extra:
            self.visited[n] = () if blocking and n in self.blockers else \
                self.neighbors[n]
            self.queue.append(n)

    def link(self, u, v):
        # Adds the edge u -> v with the original dmap attr dict.
        sub = self.sub
        sub.dmap._succ[u][v] = sub.dmap._pred[v][u] = self.dmap_succ[u][v]

    def run(self, sources):
        nodes, visited, queue = self.nodes, self.visited, self.queue
        reverse, take = self.reverse, self.take
        succ, pred, dmap_succ = self.sub.dmap._succ, self.sub.dmap._pred, \
            self.dmap_succ
        sub_nodes, sub_defaults = self.sub.nodes, self.sub.default_values
        defaults, blockers = self.defaults, self.blockers
        neighbors = self.neighbors
        for s in sources:
            if s in nodes and s in self.graph_nodes:
                take(s, not (self.wildcard and s in self.blockers))
        while queue:
            parent = queue.popleft()
            for child in sorted(visited[parent], key=str):
                if reverse:
                    if child is START and (child not in nodes or nodes.get(
                            parent, {}).get('type', 'data') == 'data'):
                        continue  # START is followed only as a model node.
                elif child is START or not self.forward(parent, child):
                    continue
                if child not in visited:  # `take(child)`, inlined.
                    if child not in sub_nodes:
                        sub_nodes[child], succ[child], pred[child] = \
                            nodes[child], {}, {}
                    if child in defaults:
                        sub_defaults[child] = defaults[child]
                    visited[child] = () if child in blockers else \
                        neighbors[child]
                    queue.append(child)
                u, v = (child, parent) if reverse else (parent, child)
                succ[u][v] = pred[v][u] = dmap_succ[u][v]  # `link`, inlined.

    def forward(self, parent, child):
        # False when the generic step must be skipped for `child`.
        node, visited = self.nodes[child], self.visited
        if node['type'] != 'function':
            return True
        inputs = node['inputs']
        if all(i in visited for i in inputs):
            self.take(child)
            for i in inputs:
                self.link(i, child)
            return False
        if not self.check_inputs or self.add_missing:
            self.take(child)
            for i in inputs:
                if i in visited:
                    self.link(i, child)
                elif self.add_missing:
                    self.take(i, extra=True)
                    self.link(i, child)
            return True
        return False
