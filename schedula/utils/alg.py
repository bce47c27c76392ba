# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""
Graph helpers shared by the model (:class:`~schedula.dispatcher.Dispatcher`)
and the dispatch algorithm (:class:`~schedula.utils.sol.Solution`): node ids,
edges, node look-up, sub-dispatcher links, pipes and the wait-inputs release
used by ``shrink_dsp``.
"""
import itertools
import collections
from .cst import NONE, START, EMPTY, SINK, SELF, PLOT
from ._helpers import stlp, parent_func, inf, bypass, NoSub, _is
from .graph import DiGraph

__all__ = ['get_unused_node_id', 'add_edge_fun', 'remove_edge_fun',
           'add_func_edges', 'get_sub_node', 'get_full_pipe', 'DspPipe']


def get_unused_node_id(graph, initial_guess='unknown', _format='{}<%d>'):
    """
    Returns `initial_guess` if it is not a node of `graph`, else the first
    free id among ``'<guess><0>'``, ``'<guess><1>'``, ...

    Example::

        >>> g = DiGraph()
        >>> g.add_node('f').add_node('f<0>') and None
        >>> get_unused_node_id(g, 'f'), get_unused_node_id(g, 'g')
        ('f<1>', 'g')
        >>> get_unused_node_id(g, '5%d')
        '5%d'
    """
    nodes = graph._node
    if initial_guess.__class__ is str and initial_guess not in nodes:
        return initial_guess  # The common case (any other id goes on).
    # '%' of the guess is doubled so that only the suffix is formatted.
    pattern = _format.format(initial_guess.replace('%', '%%'))
    guess, count = initial_guess, 0
    while guess in nodes:
        guess, count = pattern % count, count + 1
    return guess


def add_edge_fun(graph):
    """
    Returns a function ``add_edge(u, v, **attr)`` that sets the edge ``u -> v``
    of `graph` to exactly `attr` (an existing edge's dict is replaced, its
    position kept) and creates `v` if missing (`u` must exist).

    Example::

        >>> g = DiGraph().add_node('a')
        >>> add = add_edge_fun(g)
        >>> add('a', 'b', w=1); add('a', 'b', k=2); g.succ
        {'a': {'b': {'k': 2}}, 'b': {}}
    """
    node, succ, pred = graph._node, graph._succ, graph._pred

    def add_edge(u, v, **attr):
        if v not in node:
            node[v], succ[v], pred[v] = {}, {}, {}
        succ[u][v] = pred[v][u] = attr

    return add_edge


def remove_edge_fun(graph):
    """
    Returns a function ``remove_edge(u, v)`` that removes the edge ``u -> v``
    of `graph` and then `v`, if it is left without edges.

    Example::

        >>> g = DiGraph().add_edge('a', 'b').add_edge('a', 'c').add_edge('c', 'a')
        >>> rm = remove_edge_fun(g)
        >>> rm('a', 'b'); rm('a', 'c'); list(g.nodes)
        ['a', 'c']
    """
    node, succ, pred = graph._node, graph._succ, graph._pred

    def remove_edge(u, v):
        del succ[u][v], pred[v][u]
        if not (succ[v] or pred[v]):
            del node[v], succ[v], pred[v]

    return remove_edge


def _edge_length(dsp, edge, node_out):
    """
    The length of an edge as used by the dispatch: the edge's weight (1 when
    absent) plus the weight of the node it enters (0 when absent).

    It is ``Dispatcher._edge_length``; its ``__name__`` is that attribute's
    name, so that the bound method pickles by reference.

    Example::

        >>> edge_length(None, {'weight': 2}, {'weight': 3}), edge_length(None, {}, {})
        (5, 1)
    """
    return edge.get('weight', 1) + node_out.get('weight', 0)


edge_length = _edge_length


def _remove_node(graph, n):
    succ, pred = graph._succ, graph._pred
    for v in succ.pop(n):
        del pred[v][n]
    for u in pred.pop(n):
        del succ[u][n]
    del graph._node[n]


#: The edge weights of a call without any (never mutated).
_NO_WEIGHTS = {}


def add_func_edges(dsp, fun_id, nodes_bunch, edge_weights=None, input=True,
                   data_nodes=None):
    """
    Adds the edges between the function node `fun_id` and its data nodes.

    Missing data nodes are created (with ``dsp.add_data``). On a node that is
    not a data node, the function node and every data node created for it
    (listed in `data_nodes`) are removed and a `ValueError` is raised.

    :return:
        The data nodes created (including `data_nodes`).
    :rtype: list

    Example::

        >>> from schedula import Dispatcher
        >>> d = Dispatcher()
        >>> d.dmap.add_node('f', type='function') and None
        >>> add_func_edges(d, 'f', ['a', 'b'], {'a': 2})
        ['a', 'b']
        >>> dict(d.dmap.edges)
        {('a', 'f'): {'weight': 2}, ('b', 'f'): {}}
    """
    data_nodes = [] if data_nodes is None else data_nodes
    dmap = dsp.dmap
    nodes, succ, pred = dmap._node, dmap._succ, dmap._pred
    if not edge_weights or not isinstance(edge_weights, dict):
        edge_weights = _NO_WEIGHTS
    # The edges seen from the function and from its data nodes.
    fun_edges, data_edges = (pred[fun_id], succ) if input else (
        succ[fun_id], pred)
    add_plain = getattr(dsp, '_add_plain_data', None)
    for u in nodes_bunch:
        node = nodes.get(u)
        if node is None:
            if add_plain is None or u is START or u is SINK or u is SELF or \
                    u is PLOT:
                data_nodes.append(dsp.add_data(data_id=u))
            else:
                data_nodes.append(add_plain(u))
        elif node['type'] != 'data':
            for n in [fun_id] + data_nodes:
                if n in nodes:
                    _remove_node(dmap, n)
            msg = 'Invalid %s id: {} is not a data node' % (
                'input' if input else 'output')
            raise ValueError(msg.format(u))
        if u not in fun_edges:  # The first of repeated ids makes the edge.
            fun_edges[u] = data_edges[u][fun_id] = {
                'weight': edge_weights[u]} if u in edge_weights else {}
    return data_nodes


def _nodes(alist):
    """Set of the ids of `alist`, whose items are ids or tuples of ids."""
    return set().union(*(stlp(v) for v in alist))


def _flat_ids(alist):
    """The ids of `alist` (ids or tuples of ids), in order."""
    return [i for v in alist for i in stlp(v)]


def _sub_inp_ids(attr, pred):
    """Child ids fed by the sub-dispatcher inputs that are in `pred`."""
    return _flat_ids(v for k, v in attr['inputs'].items() if k in pred)


def _sub_out_ids(attr, succ):
    """Child output ids of the sub-dispatcher that reach `succ`."""
    return [k for k, v in attr['outputs'].items()
            if any(i in succ for i in stlp(v))]


def _sub_solutions(sol):
    """
    Yields ``(node_id, node, child solution)`` for the sub-dispatcher nodes
    of `sol` whose child solution is registered.
    """
    sub_sol, index = sol.sub_sol, sol.index
    if len(sub_sol) < 2:  # Only `sol` itself: the model is not scanned.
        return
    for node_id, node in sol.nodes.items():
        if node['type'] == 'dispatcher':
            child = sub_sol.get(index + node['index'])
            if child is not None:
                yield node_id, node, child


def _restrict(ids, keep):
    # A tuple of ids restricted to `keep`, collapsed to a bare id if single.
    ids = tuple(i for i in stlp(ids) if i in keep)
    return ids[0] if len(ids) == 1 else ids


def _update_io(a, pred, succ, parent=True):
    """
    Trims in place the `inputs`/`outputs` of the sub-dispatcher attr `a`.

    :return:
        The ids of `pred` and `succ` that lost their link.
    :rtype: (set, set)
    """
    inp_k, out_k = ('inputs', 'outputs') if parent else ('outputs', 'inputs')
    a[inp_k] = {k: v for k, v in a[inp_k].items() if k in pred}
    outs = {}
    for k, v in a[out_k].items():
        v = _restrict(v, succ)
        if v != ():
            outs[k] = v
    a[out_k] = outs
    if parent:
        nodes = a['function'].dmap._node
        data = {k for k, v in nodes.items() if v['type'] == 'data'}
        _update_io(a, data, data, parent=False)
    inp = set(pred) - set(a['inputs'])
    out = set(succ) - _nodes(a['outputs'].values())
    return inp, out


def _get_node(nodes, node_id, fuzzy=True):
    """Resolves `node_id` in `nodes`, exactly or as a substring."""
    try:
        return node_id, nodes[node_id]
    except KeyError as ex:
        if fuzzy:
            for k in sorted(nodes, key=str):
                try:
                    if node_id in k:
                        return k, nodes[k]
                except TypeError:
                    continue
        raise ex


def get_sub_node(dsp, path, node_attr='auto', solution=NONE, _level=0,
                 _dsp_name=NONE):
    """
    Returns a node (or one of its attributes) of `dsp` or of its sub-models.

    :param path:
        Node ids, one per level (fuzzy matched).
    :type path: tuple

    :param node_attr:
        What to return ('auto', 'output', 'description', 'value_type',
        'default_value', 'dsp', 'sol' or an attribute name).
    :type node_attr: str | None

    :param solution:
        The solution of `dsp` to read values from (default: ``dsp.solution``,
        the last one; ``EMPTY``: none).
    :type solution: schedula.utils.sol.Solution

    :return:
        The value and the resolved path.
    :rtype: (object, tuple)

    Example::

        >>> from schedula import Dispatcher
        >>> d = Dispatcher(name='d')
        >>> d.add_function('plus', max, ['a', 'b'], ['c'])
        'plus'
        >>> get_sub_node(d, ('pl',)), get_sub_node(d, ('a',), 'type')
        ((<built-in function max>, ('plus',)), ('data', ('a',)))
        >>> sol = d.dispatch({'a': 1, 'b': 2}); get_sub_node(d, ('c',))
        (2, ('c',))
    """
    path = list(path)
    dsp_name = dsp.name if _dsp_name is NONE else _dsp_name
    if solution is NONE:  # As `dsp.get_node`: its last dispatch.
        solution = getattr(dsp, 'solution', EMPTY)
    last_sol, last = solution, len(path) - 1
    for level, node_id in enumerate(path):
        try:
            node_id, node = _get_node(dsp.nodes, node_id)
            path[level] = node_id
        except KeyError:
            if level == last and node_attr in ('auto', 'output') \
                    and last_sol is not EMPTY:
                try:
                    return last_sol[node_id], tuple(path)
                except (KeyError, TypeError):
                    pass
            msg = 'Path %s does not exist in %s dispatcher.' % (path, dsp_name)
            raise ValueError(msg)
        if level == last:
            break
        if node['type'] not in ('function', 'dispatcher'):
            msg = 'Node of path %s at level %i is not a function or ' \
                  'sub-dispatcher node of %s dispatcher.' % (
                      path, level + 1, dsp_name)
            raise ValueError(msg)
        dsp = _sub_dsp(node, path[:level + 1])
        last_sol = _sub_solution(last_sol, node_id)
    return _node_output(dsp, node, node_id, node_attr, last_sol,
                        path), tuple(path)


def _sub_dsp(node, path):
    dsp = parent_func(node.get('function'))
    if _is(dsp, '_is_sub_dispatch'):
        dsp = dsp.dsp
    if not hasattr(dsp, 'nodes'):
        raise AttributeError('%r object has no attribute %r (node %s is not '
                             'a dispatcher)' % (type(dsp).__name__, 'nodes',
                                                path))
    return dsp


def _sub_solution(sol, node_id):
    try:
        return sol.workflow._node[node_id]['solution']
    except (AttributeError, KeyError):
        return EMPTY


def _node_output(dsp, node, node_id, node_attr, sol, path):
    # The value of `node_attr` for the leaf `node` (see get_sub_node).
    ntype = node['type']
    if node_attr == 'auto' and ntype != 'data':
        return node.get('function', node)
    if node_attr == 'auto' and sol is not EMPTY and node_id in sol:
        return sol[node_id]
    if node_attr == 'output':
        if sol is EMPTY:
            raise (AttributeError if ntype != 'data' else TypeError)(
                'No solution available for the node %s: its sub-dispatcher '
                'was not executed.' % path)
        if ntype != 'data':
            return sol.workflow._node[node_id]['solution']
        return sol[node_id]
    if node_attr == 'description' or (
            node_attr == 'value_type' and ntype == 'data'):
        from .des import search_node_description
        return search_node_description(node_id, node, dsp, node_attr)[0]
    if node_attr == 'default_value':
        return dsp.default_values[node_id]
    if node_attr == 'dsp':
        return dsp
    if node_attr == 'sol' and sol is not EMPTY:
        return sol
    return node.get(node_attr, node)


class DspPipe(collections.OrderedDict):
    """
    The pipe of a dispatch: ``{node path: {'task': ..., ...}}`` (see
    :func:`get_full_pipe`); its repr shows only its class name and id.

    Example::

        >>> pipe = DspPipe([('a', {'task': ()})])
        >>> repr(pipe) == '<DspPipe instance at %d>' % id(pipe), list(pipe)
        (True, ['a'])
    """

    def __repr__(self):
        return '<%s instance at %d>' % (type(self).__name__, id(self))


def get_full_pipe(sol, base=()):
    """
    Returns the full pipe of a dispatch (visited nodes, with sub-pipes).

    :param base:
        Path prefix cut off every key.
    :type base: tuple

    Example::

        >>> from schedula import Dispatcher
        >>> d = Dispatcher()
        >>> d.add_function('f', abs, ['a'], ['b'])
        'f'
        >>> list(get_full_pipe(d.dispatch({'a': -1})))
        ['a', 'f', 'b']
    """
    pipe, n_base = DspPipe(), len(base)
    for task in sol._pipe:
        v, s = task[-1]
        item = {'task': task}
        if v in s._errors:
            item['error'] = s._errors[v]
        path = s.full_name + (v,)
        if path[:n_base] != base:
            raise AssertionError('%s != %s' % (path[:n_base], base))
        node = s.nodes[v]
        if node['type'] == 'function' and 'function' in node:
            try:
                sub_sol = s.workflow._node[v]['solution']
                sub_base = () if isinstance(
                    parent_func(node['function']), NoSub) else path
                sub_pipe = get_full_pipe(sub_sol, sub_base)
                if sub_pipe:
                    item['sub_pipe'] = sub_pipe
            except KeyError:
                pass
        pipe[bypass(*path[n_base:])] = item
    return pipe


def _sort_sk_wait_in(sol):
    """
    Returns the sorted list of the data nodes still waiting for inputs in
    `sol` and its sub-solutions (used to release them in ``shrink_dsp``).
    """
    serial = itertools.count()
    return sorted(_collect_wait_in(sol, serial)[1])


def _collect_wait_in(s, serial):
    blocked, entries = set(), []
    for _, node, child in _sub_solutions(s):
        pending, child_entries = _collect_wait_in(child, serial)
        entries.extend(child_entries)
        pending.update(k for k, v in child._wait_in.items() if v is True)
        blocked.update(v for k, v in node['outputs'].items() if k in pending)
    flagged = {k for k, v in s._wait_in.items() if v is True}
    wf_nodes, visited = s.workflow._node, s._visited
    pending = {k for k in wf_nodes if k not in visited and k not in blocked}
    pending.update(visited & flagged)
    far = inf(float('inf'), 0)
    for k in pending & flagged:
        entries.append((s._meet.get(k, far), str(k), next(serial),
                        s._wait_in, k))
    return pending, entries


def _flagged(wait_in, flag):
    # A copy of a `Dispatcher._get_wait_in` table (children's tables nested
    # by dispatcher) with every flag set to `flag`.
    return {k: _flagged(v, flag) if v.__class__ is dict else flag
            for k, v in wait_in.items()}


def _union_workflow(sol, node_id=None, bfs=None):
    """Accumulates the workflow edges of `sol` and of its sub-solutions."""
    target = {NONE: set()} if bfs is None else bfs
    if node_id is not None:
        target = target.setdefault(node_id, {NONE: set()})
    target[NONE].update(sol.workflow.edges)
    for n, _, child in _sub_solutions(sol):
        if child:  # A non-empty child solution.
            _union_workflow(child, n, target)
    return target


def _convert_bfs(bfs):
    """Replaces, recursively, each edge set of `bfs` with its graph."""
    for k, v in list(bfs.items()):
        if k is NONE:
            graph = DiGraph()
            graph.add_edges_from(v)
            bfs[k] = graph
        else:
            _convert_bfs(v)
    return bfs
