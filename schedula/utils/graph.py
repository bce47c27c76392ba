# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""
The directed graph behind every model (``dsp.dmap``) and workflow
(``sol.workflow``): a :class:`networkx.DiGraph` whose node and adjacency
mappings are the plain, live dicts that schedula users read and print.
"""
import sys

import networkx as nx
from networkx.classes.reportviews import NodeDataView

__all__ = ['DiGraph', 'compact_dict']

#: Most key sets given a shared key table (the rest keep their own).
_MAX_KEY_SETS = 256
#: ``{keys: template}``: a dict of ``None`` values per key set, whose copies
#: share its key table (None where CPython gives no such sharing).
_TEMPLATES = {}


def _template(keys):
    # A class instance's __dict__ is a "split" dict: its keys live in one
    # table shared by every copy, each copy holds its values only. Each new
    # instance trims the table's spare room (CPython), so that the copies
    # hold no unused value slots.
    if not all(k.__class__ is str for k in keys):
        return None
    cls = type('NodeAttrs', (), {})
    try:
        for _ in range(32):
            obj = cls()
            for k in keys:
                setattr(obj, k, None)
    except (TypeError, AttributeError):  # E.g. '__class__'.
        return None
    template = obj.__dict__
    plain = dict(template)
    if list(template) != list(keys) or \
            sys.getsizeof(template) >= sys.getsizeof(plain):
        template = None  # No sharing here (e.g. another Python).
    return template


def compact_dict(attr):
    """
    Returns a dict equal to `attr`, keys in the same order, that takes less
    memory when many dicts have the same keys (as node attributes do).

    It is a plain :class:`dict` with all its behaviours: only CPython's
    layout differs (its key table is shared with the other dicts of the
    same keys). `attr` itself is returned when no sharing is possible.

    Example::

        >>> a = {'type': 'data', 'wait_inputs': False, 'index': (0,)}
        >>> b = compact_dict(a)
        >>> b == a, list(b) == list(a), type(b) is dict
        (True, True, True)
        >>> b['weight'] = 2; del b['type']; b
        {'wait_inputs': False, 'index': (0,), 'weight': 2}
    """
    keys = tuple(attr)
    try:
        template = _TEMPLATES[keys]
    except KeyError:
        if len(_TEMPLATES) >= _MAX_KEY_SETS:
            return attr
        template = _TEMPLATES[keys] = _template(keys)
    if template is None:
        return attr
    compact = template.copy()
    compact.update(attr)
    return compact


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
    * removing a missing node or edge raises :class:`KeyError` (also with
      ``remove_nodes_from``/``remove_edges_from``, which then remove nothing);
    * an empty graph is truthy, as in schedula 1.2.0 (test ``is None``);
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
        >>> bool(DiGraph())
        True
    """
    node_dict_factory = NodeDict

    def __new__(cls, *args, **kwargs):
        # Skips networkx's backend dispatch of graph creation: a solution
        # builds a graph at every dispatch.
        return object.__new__(cls)

    def __init__(self, nodes=None, adj=None, **attr):
        """
        Builds the graph from `nodes` (``{id: attr_dict}``) and `adj`
        (``{u: {v: edge_attr_dict}}``), as schedula 1.2.0 did: the attribute
        dicts given are used as they are (not copied), and every node of
        `adj` gets an entry. Any other `nodes` (e.g. a networkx graph or an
        edge list) is networkx's ``incoming_graph_data``.

        Example::

            >>> e = {'w': 1}
            >>> g = DiGraph({'a': {'x': 0}}, {'a': {'b': e}})
            >>> g.nodes, g.pred, g.succ['a']['b'] is e
            ({'a': {'x': 0}, 'b': {}}, {'a': {}, 'b': {'a': {'w': 1}}}, True)
            >>> list(DiGraph([('a', 'b')]).edges)
            [('a', 'b')]
        """
        if nodes is None and adj is None and not attr:
            # An empty graph (one per dispatch): the state networkx's
            # __init__ sets, without its descriptors' bookkeeping.
            state = self.__dict__
            state['graph'] = self.graph_attr_dict_factory()
            state['_node'] = self.node_dict_factory()
            state['_adj'] = state['_succ'] = self.adjlist_outer_dict_factory()
            state['_pred'] = self.adjlist_outer_dict_factory()
            state['__networkx_cache__'] = {}
            return
        if 'incoming_graph_data' in attr:  # networkx's keyword.
            super().__init__(attr.pop('incoming_graph_data'), **attr)
            return
        if adj is None and not isinstance(nodes, dict):
            super().__init__(nodes, **attr)
            return
        super().__init__(**attr)
        node, succ, pred = self._node, self._succ, self._pred
        for n, n_attr in (nodes or {}).items():
            node[n], succ[n], pred[n] = n_attr, {}, {}
        for u, edges in (adj or {}).items():
            for v in (u, *edges):
                if v not in node:
                    node[v], succ[v], pred[v] = {}, {}, {}
            for v, e_attr in edges.items():
                succ[u][v] = pred[v][u] = e_attr

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

    def __bool__(self):
        return True

    def remove_nodes_from(self, nodes):
        """
        Removes the given nodes; a missing one raises :class:`KeyError`
        before anything is removed.

        Example::

            >>> g = DiGraph().add_edge('a', 'b').add_edge('b', 'c')
            >>> g.remove_nodes_from(['a', 'zz'])
            Traceback (most recent call last):
              ...
            KeyError: 'zz'
            >>> g.remove_nodes_from(['a', 'c']); g.nodes
            {'b': {}}
        """
        nodes = list(nodes)
        for n in nodes:
            if n not in self._node:
                raise KeyError(n)
        super().remove_nodes_from(nodes)

    def remove_edge(self, u, v):
        if u not in self._succ or v not in self._succ[u]:
            raise KeyError((u, v))
        super().remove_edge(u, v)

    def remove_edges_from(self, ebunch):
        """
        Removes the given edges ``(u, v, ...)`` (extra items are ignored); a
        missing one raises :class:`KeyError` before anything is removed.

        Example::

            >>> g = DiGraph().add_edge('a', 'b').add_edge('b', 'c')
            >>> g.remove_edges_from([('a', 'b', {}), ('c', 'b')])
            Traceback (most recent call last):
              ...
            KeyError: ('c', 'b')
            >>> g.remove_edges_from([('a', 'b', {})]); list(g.edges)
            [('b', 'c')]
        """
        ebunch = [tuple(e[:2]) for e in ebunch]
        for u, v in ebunch:
            if u not in self._succ or v not in self._succ[u]:
                raise KeyError((u, v))
        super().remove_edges_from(ebunch)

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
