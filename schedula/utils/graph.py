# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""
The directed graph behind every model (``dsp.dmap``) and workflow
(``sol.workflow``): a :class:`networkx.DiGraph` whose node and adjacency
mappings are the plain, live dicts that schedula users read and print.
"""
import networkx as nx
from networkx.classes.reportviews import NodeDataView

__all__ = ['DiGraph']


class NodeDict(dict):
    """
    The node dict ``{node_id: attr_dict}`` of a :class:`DiGraph`.

    It is a plain dict (it prints as one) that also answers the calls
    networkx makes on its node views (``G.nodes(data=True)``,
    ``G.nodes.data()``).
    """
    __slots__ = ()

    def __call__(self, data=False, default=None):
        return self if data is False else NodeDataView(self, data, default)

    def data(self, data=True, default=None):
        return NodeDataView(self, data, default)


class DiGraph(nx.DiGraph):
    """
    A networkx directed graph with schedula's conventions.

    * ``nodes``, ``succ``, ``pred`` and ``adj`` are the live dicts of the graph
      (``nodes`` is ``{id: attr_dict}``), not read-only views;
    * ``add_node``/``add_edge``/``remove_node`` return the graph (chainable);
    * removing a missing node or edge raises :class:`KeyError`;
    * :meth:`subgraph` returns an independent graph with shallow-copied
      attribute dicts, in this graph's node order.

    Example::

        >>> g = DiGraph()
        >>> g.add_node('a', color='red').add_edge('a', 'b', w=1).add_edge('a', 'b', k=2) is g
        True
        >>> g.nodes, g.succ, g.pred
        ({'a': {'color': 'red'}, 'b': {}}, {'a': {'b': {'w': 1, 'k': 2}}, 'b': {}}, {'a': {}, 'b': {'a': {'w': 1, 'k': 2}}})
        >>> g.succ['a']['b'] is g.pred['b']['a']
        True
        >>> dict(g.edges)
        {('a', 'b'): {'w': 1, 'k': 2}}
    """
    node_dict_factory = NodeDict

    @property
    def nodes(self):
        return self._node

    @property
    def succ(self):
        return self._succ

    @property
    def pred(self):
        return self._pred

    @property
    def adj(self):
        return self._succ

    def add_node(self, node_for_adding, **attr):
        super().add_node(node_for_adding, **attr)
        return self

    def add_edge(self, u_of_edge, v_of_edge, **attr):
        super().add_edge(u_of_edge, v_of_edge, **attr)
        return self

    def remove_node(self, n):
        if n not in self._node:
            raise KeyError(n)
        super().remove_node(n)
        return self

    def remove_edge(self, u, v):
        if u not in self._succ or v not in self._succ[u]:
            raise KeyError((u, v))
        super().remove_edge(u, v)

    def subgraph(self, nodes):
        """
        Returns an independent sub-graph with the given nodes.

        Node and edge attribute dicts are shallow copies; nodes keep this
        graph's order, unknown ids are ignored.

        Example::

            >>> g = DiGraph()
            >>> g.add_edge('a', 'b', w=1).add_edge('b', 'c').subgraph('cba').nodes
            {'a': {}, 'b': {}, 'c': {}}
            >>> g.subgraph(['a', 'b']).succ['a']['b'] is g.succ['a']['b']
            False
        """
        nodes = set(nodes)
        sub = self.__class__()
        sub_node, sub_succ, sub_pred = sub._node, sub._succ, sub._pred
        for n, attr in self._node.items():
            if n in nodes:
                sub_node[n] = attr.copy()
                sub_succ[n], sub_pred[n] = {}, {}
        for u in sub_node:
            for v, attr in self._succ[u].items():
                if v in sub_node:
                    sub_succ[u][v] = sub_pred[v][u] = attr.copy()
        return sub
