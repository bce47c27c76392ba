# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""
The graph container `schedula.utils.graph.DiGraph` (spec 01 §5).
"""
import copy
import pickle
import sys

import dill
import networkx as nx
import pytest

import schedula as sh
from schedula.utils.graph import DiGraph, compact_dict


def _chain():
    g = DiGraph()
    g.add_node('a', color='red')
    g.add_edge('a', 'b', weight=1).add_edge('b', 'c').add_edge('a', 'c')
    return g


def test_is_a_networkx_digraph_exported_as_sh_digraph():
    assert sh.DiGraph is DiGraph
    assert issubclass(DiGraph, nx.DiGraph)


def test_views_are_the_plain_live_dicts():
    g = _chain()
    assert g.nodes is g._node and g.succ is g._succ
    assert g.pred is g._pred and g.adj is g._succ
    assert isinstance(g.nodes, dict) and type(g.succ) is dict
    assert repr(g.nodes) == "{'a': {'color': 'red'}, 'b': {}, 'c': {}}"
    assert repr(g.succ) == ("{'a': {'b': {'weight': 1}, 'c': {}}, "
                            "'b': {'c': {}}, 'c': {}}")
    assert repr(g.adj) == repr(g.succ)
    assert repr(g.pred) == ("{'a': {}, 'b': {'a': {'weight': 1}}, "
                            "'c': {'b': {}, 'a': {}}}")
    assert g.nodes == {'a': {'color': 'red'}, 'b': {}, 'c': {}}
    assert g['a'] is g.succ['a']


def test_edge_dict_is_shared_between_succ_and_pred():
    g = _chain()
    assert g.succ['a']['b'] is g.pred['b']['a']
    assert g.edges['a', 'b'] is g.succ['a']['b']


def test_networkx_node_calls_still_work():
    g = _chain()
    assert list(g.nodes(data=True)) == [('a', {'color': 'red'}), ('b', {}),
                                        ('c', {})]
    assert list(g.nodes(data='color')) == [('a', 'red'), ('b', None),
                                           ('c', None)]
    assert list(g.nodes.data('color', 0)) == [('a', 'red'), ('b', 0),
                                              ('c', 0)]
    assert g.nodes() is g.nodes
    assert list(nx.topological_sort(g)) == ['a', 'b', 'c']


def test_add_node_merges_and_returns_the_graph():
    g = DiGraph()
    assert g.add_node('a', x=1) is g
    attr = g.nodes['a']
    g.add_node('a', y=2)
    assert g.nodes['a'] is attr and attr == {'x': 1, 'y': 2}
    assert g.succ == {'a': {}} and g.pred == {'a': {}}


def test_add_nodes_from_ids_or_pairs():
    g = DiGraph()
    g.add_nodes_from(['a', ('b', {'k': 1})])
    assert g.nodes == {'a': {}, 'b': {'k': 1}}


def test_add_edge_creates_endpoints_and_merges():
    g = DiGraph()
    assert g.add_edge('a', 'b', w=1) is g
    g.add_edge('a', 'b', k=2)
    assert g.nodes == {'a': {}, 'b': {}}
    assert dict(g.edges) == {('a', 'b'): {'w': 1, 'k': 2}}


def test_add_edges_from_pairs_or_triples():
    g = DiGraph()
    g.add_edges_from([('a', 'b'), ('b', 'c', {'weight': 3})])
    assert dict(g.edges) == {('a', 'b'): {}, ('b', 'c'): {'weight': 3}}


def test_edges_order_and_has_edge():
    g = _chain()
    assert list(g.edges) == [('a', 'b'), ('a', 'c'), ('b', 'c')]
    assert dict(g.edges) == {('a', 'b'): {'weight': 1}, ('a', 'c'): {},
                             ('b', 'c'): {}}
    assert g.has_edge('a', 'b') and not g.has_edge('b', 'a')


def test_remove_node_and_edges():
    g = _chain()
    g.remove_node('b')
    assert g.nodes == {'a': {'color': 'red'}, 'c': {}}
    assert g.succ == {'a': {'c': {}}, 'c': {}}
    assert g.pred == {'a': {}, 'c': {'a': {}}}
    g.remove_edge('a', 'c')
    assert dict(g.edges) == {}


def test_remove_from_bunches():
    g = _chain()
    g.remove_edges_from([('a', 'b', {'weight': 1}), ('b', 'c')])
    assert list(g.edges) == [('a', 'c')]
    g.remove_nodes_from(['a', 'b'])
    assert g.nodes == {'c': {}} and g.pred == {'c': {}}


@pytest.mark.parametrize('call, missing', [
    (lambda g: g.remove_node('zz'), r"^'zz'$"),
    (lambda g: g.remove_nodes_from(['a', 'zz']), r"^'zz'$"),
    (lambda g: g.remove_edge('b', 'a'), r"^\('b', 'a'\)$"),
    (lambda g: g.remove_edge('zz', 'a'), r"^\('zz', 'a'\)$"),
    (lambda g: g.remove_edges_from([('a', 'b'), ('c', 'a')]),
     r"^\('c', 'a'\)$"),
])
def test_removing_missing_items_raises_key_error(call, missing):
    g = _chain()
    with pytest.raises(KeyError, match=missing):
        call(g)
    assert list(g.nodes) == ['a', 'b', 'c']  # Nothing was removed.
    assert list(g.edges) == [('a', 'b'), ('a', 'c'), ('b', 'c')]


def test_missing_key_error_names_the_item():
    with pytest.raises(KeyError) as info:
        _chain().remove_node('zz')
    assert info.value.args == ('zz',)
    with pytest.raises(KeyError) as info:
        _chain().remove_edge('b', 'a')
    assert info.value.args == (('b', 'a'),)


def test_empty_graph_is_truthy():
    assert bool(DiGraph()) is True
    assert len(DiGraph()) == 0


def test_subgraph_is_independent_in_original_order():
    g = _chain()
    sub = g.subgraph(['c', 'a', 'zz'])
    assert type(sub) is DiGraph
    assert list(sub.nodes) == ['a', 'c']
    assert sub.nodes == {'a': {'color': 'red'}, 'c': {}}
    assert sub.nodes['a'] is not g.nodes['a']
    assert dict(sub.edges) == {('a', 'c'): {}}
    assert sub.succ['a']['c'] is sub.pred['c']['a']
    assert sub.succ['a']['c'] is not g.succ['a']['c']
    sub.nodes['a']['x'] = 1
    sub.add_edge('c', 'a')
    assert g.nodes['a'] == {'color': 'red'} and not g.has_edge('c', 'a')


def test_subgraph_rebuilds_predecessor_order_from_successors():
    g = DiGraph()
    g.add_node('a').add_node('b').add_node('f')
    g.add_edge('b', 'f').add_edge('a', 'f')
    assert list(g.pred['f']) == ['b', 'a']
    assert list(g.subgraph(['f', 'b', 'a']).pred['f']) == ['a', 'b']


def test_copy_is_independent_with_shallow_copied_attrs():
    g = _chain()
    g.nodes['a']['items'] = items = [1]
    c = g.copy()
    assert type(c) is DiGraph
    assert c.nodes == g.nodes and c.nodes is not g.nodes
    assert c.nodes['a'] is not g.nodes['a'] and c.nodes['a']['items'] is items
    assert dict(c.edges) == dict(g.edges)
    assert c.edges['a', 'b'] is not g.edges['a', 'b']
    assert c.succ['a']['b'] is c.pred['b']['a']


@pytest.mark.parametrize('pkl', [pickle, dill])
def test_pickle(pkl):
    g = _chain()
    c = pkl.loads(pkl.dumps(g))
    assert type(c) is DiGraph and c.nodes == g.nodes
    assert list(c.edges) == list(g.edges)
    assert c.succ['a']['b'] is c.pred['b']['a']
    assert repr(c.nodes) == repr(g.nodes)


def test_dispatcher_nodes_is_the_live_node_dict():
    d = sh.Dispatcher()
    d.add_data('a', 1)
    assert d.nodes is d.dmap.nodes is d.dmap._node
    assert repr(d.nodes) == \
           "{'a': {'type': 'data', 'wait_inputs': False, 'index': (0,)}}"
    assert d.nodes['a'] is d.dmap._node['a']
    assert d.nodes == {'a': {'type': 'data', 'wait_inputs': False,
                             'index': (0,)}}


def test_constructor_from_nodes_and_adjacency():
    a_attr, edge = {'x': 0}, {'weight': 2}
    g = DiGraph({'a': a_attr, 'c': {}}, {'a': {'b': edge}, 'd': {'a': {}}})
    assert list(g.nodes) == ['a', 'c', 'b', 'd']
    assert g.nodes['a'] is a_attr and g.succ['a']['b'] is edge
    assert g.pred['b']['a'] is edge
    assert g.succ == {'a': {'b': {'weight': 2}}, 'c': {}, 'b': {},
                      'd': {'a': {}}}
    assert g.pred == {'a': {'d': {}}, 'c': {}, 'b': {'a': {'weight': 2}},
                      'd': {}}
    g = DiGraph(adj={'a': {'b': {}}})
    assert list(g.edges) == [('a', 'b')] and g.nodes == {'a': {}, 'b': {}}


def test_constructor_from_networkx_data():
    g = DiGraph([('a', 'b'), ('b', 'c')], name='G')
    assert list(g.edges) == [('a', 'b'), ('b', 'c')] and g.graph == \
           {'name': 'G'}
    h = DiGraph(g)
    assert list(DiGraph(incoming_graph_data={'a': {'b': {}}}).edges) == \
           [('a', 'b')]
    assert list(h.edges) == list(g.edges) and type(h) is DiGraph
    assert g.copy().nodes == g.nodes
    assert list(g.reverse().edges) == [('b', 'a'), ('c', 'b')]
    assert list(nx.relabel_nodes(g, {'a': 'z'}).nodes) == ['z', 'b', 'c']


def test_empty_graph_has_the_networkx_state():
    # DiGraph() sets the attributes networkx's own __init__ sets.
    import networkx as nx
    fast, slow = DiGraph(), DiGraph.__new__(DiGraph)
    nx.DiGraph.__init__(slow)
    assert sorted(vars(fast)) == sorted(vars(slow))
    assert fast._adj is fast._succ and fast._pred is not fast._succ
    assert type(fast._node) is type(slow._node)
    fast.add_edge('a', 'b')
    assert list(nx.topological_sort(fast)) == ['a', 'b']
    assert fast.adj == {'a': {'b': {}}, 'b': {}} and fast.pred['b'] == {'a': {}}


# ------------------------------------------------ compact node attr dicts ---
def test_compact_dict_is_an_equal_independent_plain_dict():
    attr = {'type': 'data', 'wait_inputs': False, 'index': (3,)}
    a, b = compact_dict(attr), compact_dict(dict(attr, index=(4,)))
    assert type(a) is dict and a == attr and list(a) == list(attr)
    a['index'], a['weight'] = (9,), 2
    del a['type']
    a['type'] = 'data'
    assert a == {'wait_inputs': False, 'index': (9,), 'weight': 2,
                 'type': 'data'}
    assert list(a) == ['wait_inputs', 'index', 'weight', 'type']
    assert b == {'type': 'data', 'wait_inputs': False, 'index': (4,)}
    assert list(b) == ['type', 'wait_inputs', 'index']
    assert pickle.loads(pickle.dumps(a)) == a
    assert list(copy.deepcopy(a)) == list(a) and a.copy() == a


@pytest.mark.parametrize('attr', [
    {1: 'a', 'b': 2}, {'__class__': 1, 'x': 2}, {'__dict__': 1},
    {'__weakref__': 3, 'type': 'data'}, {}])
def test_compact_dict_of_keys_that_are_not_plain_attribute_names(attr):
    keys, compact = list(attr), compact_dict(attr)
    assert compact == attr and list(compact) == keys
    compact['new'] = 0
    assert list(compact) == [*keys, 'new']


def test_compact_dict_takes_less_memory_on_cpython():
    attr = {'type': 'function', 'inputs': ['a'], 'outputs': ['b'],
            'function': max, 'wait_inputs': True, 'index': (0,)}
    assert sys.getsizeof(compact_dict(attr)) < sys.getsizeof(attr)


def test_node_attrs_come_from_templates_not_shared():
    dsp = sh.Dispatcher()
    dsp.add_function('f', max, ['a'], ['b'])
    dsp.add_function('g', max, ['b'], ['c'], weight=2)
    dsp.add_function('h', max, ['c'], ['d'], input_domain=bool, weight=1,
                     description='h', filters=[abs], await_result=True,
                     extra=5)
    dsp.nodes['f']['weight'] = 7  # Edits of one node stay in that node.
    dsp.nodes['a']['index'] = (99,)
    del dsp.nodes['g']['wait_inputs']
    nodes = {k: (v, list(v)) for k, v in dsp.nodes.items()}
    assert nodes == {
        'f': ({'type': 'function', 'inputs': ['a'], 'outputs': ['b'],
               'function': max, 'wait_inputs': True, 'index': (0,),
               'weight': 7}, ['type', 'inputs', 'outputs', 'function',
                              'wait_inputs', 'index', 'weight']),
        'a': ({'type': 'data', 'wait_inputs': False, 'index': (99,)},
              ['type', 'wait_inputs', 'index']),
        'b': ({'type': 'data', 'wait_inputs': False, 'index': (2,)},
              ['type', 'wait_inputs', 'index']),
        'g': ({'type': 'function', 'inputs': ['b'], 'outputs': ['c'],
               'function': max, 'index': (3,), 'weight': 2},
              ['type', 'inputs', 'outputs', 'function', 'index', 'weight']),
        'c': ({'type': 'data', 'wait_inputs': False, 'index': (4,)},
              ['type', 'wait_inputs', 'index']),
        'h': ({'type': 'function', 'inputs': ['c'], 'outputs': ['d'],
               'function': max, 'wait_inputs': True, 'index': (5,),
               'input_domain': bool, 'await_result': True,
               'description': 'h', 'filters': [abs], 'weight': 1,
               'extra': 5},
              ['type', 'inputs', 'outputs', 'function', 'wait_inputs',
               'index', 'input_domain', 'await_result', 'description',
               'filters', 'weight', 'extra']),
        'd': ({'type': 'data', 'wait_inputs': False, 'index': (6,)},
              ['type', 'wait_inputs', 'index'])}
    fresh = sh.Dispatcher()
    fresh.add_function('f', max, ['a'], ['b'], weight=3)
    assert fresh.nodes == {
        'f': {'type': 'function', 'inputs': ['a'], 'outputs': ['b'],
              'function': max, 'wait_inputs': True, 'index': (0,),
              'weight': 3},
        'a': {'type': 'data', 'wait_inputs': False, 'index': (1,)},
        'b': {'type': 'data', 'wait_inputs': False, 'index': (2,)}}
