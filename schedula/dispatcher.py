# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""
The :class:`Dispatcher`: a weighted directed graph of data, function and
sub-dispatcher nodes that computes any output reachable from any inputs.
"""
import copy
import inspect
from collections.abc import Mapping, Iterable, Collection
from .utils.base import Base
from .utils.blue import _init as _register  # A blueprint -> what it builds.
from .utils.blue import Blueprint
from .utils.cst import EMPTY, START, NONE, SINK, SELF, PLOT
from .utils._helpers import bypass, kk_dict, parent_func, selector, stlp
from .utils.gen import counter
from .utils.graph import DiGraph, compact_dict
from .utils.sol import Solution, _paused_gc
from .utils._free import replace_solution
from .utils._bfs import _WorkflowBFS
from .utils.alg import (
    add_func_edges, get_unused_node_id, _nodes, _flat_ids, _sub_inp_ids,
    _sub_out_ids,
    _update_io, _union_workflow, _convert_bfs, _remove_node, edge_length,
    _flagged
)

__all__ = ['Dispatcher']

#: Templates of the most common node attributes (copies share their key
#: table: see compact_dict): a plain data node, and a plain function node
#: ``{True: without weight, False: with weight}``.
_DATA_ATTRS = compact_dict({'type': 'data', 'wait_inputs': False,
                            'index': None})
_FUNCTION_ATTRS = {
    True: compact_dict({
        'type': 'function', 'inputs': None, 'outputs': None,
        'function': None, 'wait_inputs': True, 'index': None}),
    False: compact_dict({
        'type': 'function', 'inputs': None, 'outputs': None,
        'function': None, 'wait_inputs': True, 'index': None,
        'weight': None})}


def _function_name(function):
    func = parent_func(function)
    try:
        return func.__name__
    except AttributeError as ex:
        if not func:
            raise ValueError('Invalid function id due to:\n{}'.format(ex))
        return 'unknown'


class Dispatcher(Base):
    """
    A dataflow execution model: a weighted directed graph (``dmap``, a
    networkx :class:`~schedula.utils.graph.DiGraph`) of data nodes, function
    nodes and sub-dispatcher nodes.

    :func:`dispatch` computes, from any inputs, the outputs reachable through
    the cheapest paths (a modified Dijkstra), skipping functions whose domain
    fails and trying alternatives when a function raises.

    :param dmap:
        The graph (a new empty one when None).
    :type dmap: schedula.utils.graph.DiGraph

    :param name:
        The dispatcher's name.
    :type name: str

    :param default_values:
        Default values: ``{data_id: {'value': v, 'initial_dist': d}}``.
    :type default_values: dict

    :param raises:
        What to do when a node fails: False (log and go on), '' (go on
        silently), True (raise :class:`~schedula.utils.exc.DispatcherError`)
        or a callable ``f(exception) -> bool`` deciding.
    :type raises: bool | str | callable

    :param description:
        The dispatcher's description (its ``__doc__``).
    :type description: str

    :param executor:
        The executor name used by ``dispatch(executor=True)``.
    :type executor: str

    Example::

        >>> dsp = Dispatcher(name='example')
        >>> dsp.add_data('a', default_value=1)
        'a'
        >>> dsp.add_function('inc', lambda a: a + 1, ['a'], ['b'])
        'inc'
        >>> dsp.dispatch()
        Solution([('a', 1), ('b', 2)])
    """

    def __init__(self, dmap=None, name='', default_values=None, raises=False,
                 description='', executor=None):
        self.dmap = DiGraph() if dmap is None else dmap
        self.name = name
        self.__doc__ = description
        self.nodes = self.dmap._node
        self.default_values = default_values or {}
        self.raises = raises
        self.executor = executor
        self.solution = Solution(self)
        self.counter = counter()

    def __getstate__(self):
        state = self.__dict__.copy()
        state['solution'] = state['solution'].__class__(self)
        return state

    def __call__(self, *args, **kwargs):
        """Same as :meth:`dispatch`."""
        return self.dispatch(*args, **kwargs)

    def copy_structure(self, **kwargs):
        """
        Returns an empty copy of the dispatcher (same class, name,
        description, raises and executor; no nodes nor defaults).

        Example::

            >>> d = Dispatcher(name='x', raises=True)
            >>> c = d.copy_structure(name='y')
            >>> c.name, c.raises, list(c.nodes)
            ('y', True, [])
        """
        kw = {'description': self.__doc__, 'name': self.name,
              'raises': self.raises, 'executor': self.executor}
        kw.update(kwargs)
        return self.__class__(**kw)

    def copy(self):
        """
        Returns a deep copy of the dispatcher (its last solution is not
        copied).

        Example::

            >>> d = Dispatcher()
            >>> d.add_data('a', 1)
            'a'
            >>> c = d.copy()
            >>> c.nodes == d.nodes, c.nodes is d.nodes, c.counter()
            (True, False, 1)
        """
        return copy.deepcopy(self)

    def _add_plain_data(self, data_id):
        # `add_data(data_id)` for a new id that is not a special token: the
        # fast path of the data nodes created by `add_function`.
        if type(self).add_data is not Dispatcher.add_data:
            return self.add_data(data_id=data_id)  # A subclass's own.
        dmap = self.dmap
        attr = dmap._node[data_id] = _DATA_ATTRS.copy()
        attr['index'] = (self.counter(),)
        dmap._succ[data_id], dmap._pred[data_id] = {}, {}
        self.default_values.pop(data_id, None)
        return data_id

    #: Length of an edge: its weight (1) plus its target node's weight (0).
    _edge_length = edge_length
    _is_dispatcher = True

    @property
    def data_nodes(self):
        """
        The data nodes ``{id: attr}`` (a new dict sharing the attr dicts).

        Example::

            >>> d = Dispatcher()
            >>> d.add_function('f', max, ['a', 'b'], ['c'])
            'f'
            >>> sub = Dispatcher(name='sub')
            >>> d.add_dispatcher(sub, {'c': 'x'}, {})
            'sub'
            >>> list(d.data_nodes), list(d.function_nodes), list(d.sub_dsp_nodes)
            (['a', 'b', 'c'], ['f'], ['sub'])
        """
        return {k: v for k, v in self.nodes.items() if v['type'] == 'data'}

    @property
    def function_nodes(self):
        """The function nodes ``{id: attr}`` (see :attr:`data_nodes`)."""
        return {k: v for k, v in self.nodes.items()
                if v['type'] == 'function'}

    @property
    def sub_dsp_nodes(self):
        """The sub-dispatcher nodes ``{id: attr}`` (see :attr:`data_nodes`)."""
        return {k: v for k, v in self.nodes.items()
                if v['type'] == 'dispatcher'}

    # ------------------------------------------------------- building models
    def add_data(self, data_id=None, default_value=EMPTY, initial_dist=0.0,
                 wait_inputs=False, wildcard=None, function=None,
                 callback=None, description=None, filters=None,
                 await_result=None, **kwargs):
        """
        Adds (or updates) a data node and returns its id.

        :param data_id:
            The id (a new 'unknown<n>' id when None).
        :type data_id: str

        :param default_value:
            Default value (EMPTY: none; re-adding a node without it removes
            its default).

        :param initial_dist:
            Initial distance of the default value.
        :type initial_dist: float

        :param wait_inputs:
            Wait for all its producers before being computed.
        :type wait_inputs: bool

        :param wildcard:
            False disables the wildcard behaviour for this node.
        :type wildcard: bool

        :param function:
            Estimation function ``f({producer: value}) -> value``.
        :type function: callable

        :param callback:
            Called with the node's final value.
        :type callback: callable

        :param description:
            Node description.
        :type description: str

        :param filters:
            Functions applied in chain to the node's value.
        :type filters: list

        :param await_result:
            Wait for an asynchronous value (True, or a timeout in seconds).
        :type await_result: bool | int | float

        :return:
            The data node id.
        :rtype: str

        Fix of 1.2.0: an extra `type` other than 'data' raises the
        `ValueError` ('Input error: ... is not a data node') and changes
        nothing (1.2.0 raised it after adding the node and advancing the
        counter).

        Example::

            >>> d = Dispatcher()
            >>> d.add_data('x', default_value=5, initial_dist=2)
            'x'
            >>> d.nodes['x'], d.default_values
            ({'type': 'data', 'wait_inputs': False, 'index': (0,)}, {'x': {'value': 5, 'initial_dist': 2}})
            >>> d.add_data()
            'unknown'
        """
        if data_id is START:
            default_value, description = NONE, START.__doc__
        elif data_id is SINK:
            wait_inputs, function, description = True, bypass, SINK.__doc__
        elif data_id is SELF:
            default_value, description = self, SELF.__doc__
        elif data_id is PLOT:
            from .utils.drw import autoplot_callback, autoplot_function
            callback = callback or autoplot_callback
            function = function or autoplot_function
            description = PLOT.__doc__
        nodes = self.dmap._node
        if data_id is None:
            data_id = get_unused_node_id(self.dmap)
        elif data_id in nodes and nodes[data_id]['type'] != 'data':
            raise ValueError(
                'Invalid data id: override function {}'.format(data_id))
        if kwargs.get('type', 'data') != 'data':
            # 1.2.0 fails here only after adding the node: nothing changes.
            _not_a_data_node(data_id)
        attr = {'type': 'data', 'wait_inputs': wait_inputs,
                'index': (self.counter(),)}
        for k, v in (('function', function), ('await_result', await_result),
                     ('callback', callback), ('wildcard', wildcard),
                     ('description', description)):
            if v is not None:
                attr[k] = v
        if filters:
            attr['filters'] = filters
        attr.update(kwargs)
        if data_id in nodes:
            nodes[data_id].update(attr)
        else:
            dmap = self.dmap
            nodes[data_id], dmap._succ[data_id], dmap._pred[data_id] = \
                compact_dict(attr), {}, {}
        self.set_default_value(data_id, default_value, initial_dist)
        return data_id

    def add_function(self, function_id=None, function=None, inputs=None,
                     outputs=None, input_domain=None, weight=None,
                     inp_weight=None, out_weight=None, description=None,
                     filters=None, await_domain=None, await_result=None,
                     **kwargs):
        """
        Adds a function node and returns its id.

        :param function_id:
            The id (default: the function's ``__name__``; a suffix ``<n>``
            is added on clashes).
        :type function_id: str

        :param function:
            The function (None: a placeholder of a sketched model).
        :type function: callable

        :param inputs:
            Input data ids (None: the dummy input START).
        :type inputs: list

        :param outputs:
            Output data ids (None: the dummy output SINK).
        :type outputs: list

        :param input_domain:
            ``f(*inputs) -> bool``: the function runs only when it is true.
        :type input_domain: callable

        :param weight:
            Weight added to the function's input edges.
        :type weight: float

        :param inp_weight:
            Edge weights ``{input id: weight}``.
        :type inp_weight: dict

        :param out_weight:
            Edge weights ``{output id: weight}``.
        :type out_weight: dict

        :param description:
            Node description.
        :type description: str

        :param filters:
            Functions applied in chain to the result.
        :type filters: list

        :param await_domain:
            Wait for asynchronous inputs before calling the domain.
        :type await_domain: bool | int | float

        :param await_result:
            Wait for the asynchronous result.
        :type await_result: bool | int | float

        :return:
            The function node id.
        :rtype: str

        A failed call leaves the model as it was: 1.2.0 left behind the
        START/SINK nodes created for it and advanced the node counter; here
        nodes, edges, default values and counter are all restored.

        Example::

            >>> d = Dispatcher()
            >>> def plus(a, b): return a + b
            >>> d.add_function(function=plus, inputs=['a', 'b'], outputs=['c'])
            'plus'
            >>> d.add_function('plus', plus, ['a', 'c'], ['d'])
            'plus<0>'
            >>> dict(d.dmap.edges)
            {('plus', 'c'): {}, ('a', 'plus'): {}, ('a', 'plus<0>'): {}, ('b', 'plus'): {}, ('c', 'plus<0>'): {}, ('plus<0>', 'd'): {}}
        """
        if isinstance(function, Blueprint):
            function = _register(function)
        if function_id is None:
            function_id = _function_name(function)
        dmap = self.dmap
        undo = self._undo_point(inputs, outputs)
        try:
            if inputs is None:
                if START not in dmap._node:
                    self.add_data(START)
                inputs = [START]
            if outputs is None:
                if SINK not in dmap._node:
                    self.add_data(SINK)
                outputs = [SINK]
            index = (self.counter(),)
            plain = not (input_domain or filters or kwargs) and \
                await_domain is None and await_result is None and \
                description is None
            if plain:  # The common case: a copy of a template.
                attr = _FUNCTION_ATTRS[weight is None].copy()
                attr['inputs'], attr['outputs'] = inputs, outputs
                attr['function'], attr['index'] = function, index
            else:
                attr = {'type': 'function', 'inputs': inputs,
                        'outputs': outputs, 'function': function,
                        'wait_inputs': True, 'index': index}
                if input_domain:
                    attr['input_domain'] = input_domain
                if await_domain is not None:
                    attr['await_domain'] = await_domain
                if await_result is not None:
                    attr['await_result'] = await_result
                if description is not None:
                    attr['description'] = description
                if filters:
                    attr['filters'] = filters
            fun_id = get_unused_node_id(dmap, function_id)
            if weight is not None:
                attr['weight'] = weight
            if not plain:
                attr.update(kwargs)
                attr = compact_dict(attr)
            dmap._node[fun_id], dmap._succ[fun_id], dmap._pred[fun_id] = \
                attr, {}, {}
            data_nodes = add_func_edges(self, fun_id, inputs, inp_weight, True)
            add_func_edges(self, fun_id, outputs, out_weight, False,
                           data_nodes)
        except BaseException:
            self._rollback(*undo)
            raise
        return fun_id

    def _undo_point(self, *id_lists):
        """
        What :meth:`_rollback` needs to undo a failed ``add_*`` call: the
        number of nodes, the counter and, only when new nodes may displace
        defaults of ids that are not nodes yet, a copy of the defaults.
        """
        nodes, dfl = self.dmap._node, self.default_values
        if dfl and not all(_keep_defaults(i, dfl, nodes) for i in id_lists):
            return len(nodes), self.counter.value, dfl.copy()
        return len(nodes), self.counter.value, None

    def _rollback(self, n_nodes, count, snapshot):
        # New nodes come after the first `n_nodes` (dict insertion order).
        dmap, dfl = self.dmap, self.default_values
        for n in list(dmap._node)[n_nodes:]:
            _remove_node(dmap, n)
            dfl.pop(n, None)
        if snapshot is not None:
            dfl.clear()
            dfl.update(snapshot)
        self.counter.value = count

    def add_func(self, function, outputs=None, weight=None,
                 inputs_defaults=False, inputs_kwargs=False, filters=None,
                 input_domain=None, await_domain=None, await_result=None,
                 inp_weight=None, out_weight=None, description=None,
                 inputs=None, function_id=None, **kwargs):
        """
        Adds a function node whose inputs are taken from the function's
        signature, and returns its id.

        :param inputs_defaults:
            Set the parameters' defaults as default values of the inputs.
        :type inputs_defaults: bool

        :param inputs_kwargs:
            Include the parameters with a default among the inputs.
        :type inputs_kwargs: bool

        The other parameters are those of :meth:`add_function`.

        :return:
            The function node id.
        :rtype: str

        Fix of 1.2.0: `inputs_defaults` for a function without positional
        parameters raises a `TypeError` naming it before adding the node
        (1.2.0 failed on ``zip(None, ...)`` after adding it).

        Example::

            >>> d = Dispatcher()
            >>> def g(x, y=10, z=None): return x
            >>> d.add_func(g, ['o'], inputs_kwargs=True, inputs_defaults=True)
            'g'
            >>> d.nodes['g']['inputs'], d.default_values
            (('x', 'y', 'z'), {'y': {'value': 10, 'initial_dist': 0.0}, 'z': {'value': None, 'initial_dist': 0.0}})
        """
        function = _register(function)
        if inputs is None:
            inputs = tuple(_signature_inputs(function, inputs_kwargs)) or None
        if inputs_defaults and inputs is None:
            # 1.2.0 fails on zip(None, ...) after adding the node.
            raise TypeError(
                'add_func(inputs_defaults=True): %r has no positional '
                'parameters to take defaults from.' % (function,))
        function_id = self.add_function(
            function_id, function, inputs, outputs, input_domain, weight,
            inp_weight, out_weight, description, filters, await_domain,
            await_result, **kwargs)
        if inputs_defaults:
            params = _signature_inputs(function, True)
            for k, p in zip(inputs, params.values()):
                if p.default is not inspect.Parameter.empty:
                    self.set_default_value(k, p.default)
        return function_id

    def add_dispatcher(self, dsp, inputs, outputs, dsp_id=None,
                       input_domain=None, weight=None, inp_weight=None,
                       description=None, include_defaults=False,
                       await_domain=None, **kwargs):
        """
        Adds a sub-dispatcher node and returns its id.

        :param dsp:
            The child dispatcher (or the keyword arguments of
            :meth:`add_from_lists` to build one).
        :type dsp: Dispatcher | dict

        :param inputs:
            ``{parent data id: child data id(s)}`` (or a list of ids and
            dicts, see :func:`~schedula.utils.dsp.kk_dict`).
        :type inputs: dict | list

        :param outputs:
            ``{child data id: parent data id(s)}`` (or a list).
        :type outputs: dict | list

        :param dsp_id:
            The node id (default: the child's name).
        :type dsp_id: str

        :param include_defaults:
            Move the child defaults of the inputs to the parent.
        :type include_defaults: bool

        The other parameters are those of :meth:`add_function`.

        :return:
            The sub-dispatcher node id.
        :rtype: str

        Fixes of 1.2.0: a `dsp` that is neither a dispatcher of this class
        nor a dict raises a `TypeError` naming its type; `include_defaults`
        with a tuple of parent ids whose child has a default raises a
        `TypeError` before anything changes; a failed call leaves the
        model as it was (see :meth:`add_function`).

        Example::

            >>> sub = Dispatcher(name='sub')
            >>> sub.add_function('max', max, ['a', 'b'], ['c'])
            'max'
            >>> d = Dispatcher()
            >>> d.add_dispatcher(sub, {'A': 'a', 'B': 'b'}, {'c': 'C'})
            'sub'
            >>> d.dispatch({'A': 1, 'B': 2})
            Solution([('A', 1), ('B', 2), ('C', 2)])
        """
        dsp = _register(dsp)
        if not isinstance(dsp, self.__class__):
            if not _mapping_like(dsp):  # 1.2.0: `add_from_lists(**dsp)`.
                raise TypeError(
                    'add_dispatcher: `dsp` must be a %s or a dict of '
                    'add_from_lists arguments, not %r.' % (
                        self.__class__.__name__, type(dsp).__name__))
            kw = dsp
            dsp = self.__class__(name=dsp_id or 'unknown',
                                 executor=self.executor)
            dsp.add_from_lists(**kw)
        if not dsp_id:
            dsp_id = dsp.name or 'unknown'
        if description is None:
            description = dsp.__doc__ or None
        inputs = inputs if isinstance(inputs, dict) else kk_dict(*inputs)
        outputs = outputs if isinstance(outputs, dict) else kk_dict(*outputs)
        if include_defaults:
            _check_include_defaults(dsp, inputs)
        weights = dict.fromkeys(inputs, 0.0)
        weights.update(inp_weight or {})
        dsp_id = self.add_function(
            dsp_id, dsp, sorted(_nodes(inputs), key=str),
            sorted(_nodes(outputs.values()), key=str), input_domain, weight,
            weights, type='dispatcher', description=description,
            wait_inputs=False, await_domain=await_domain, **kwargs)
        node = self.nodes[dsp_id]
        node['inputs'], node['outputs'] = inputs, outputs
        if SINK not in dsp.nodes and SINK in _nodes(inputs.values()).union(
                _nodes(outputs)):
            dsp.add_data(SINK)
        if include_defaults:
            self._move_defaults(dsp, inputs)
        return dsp_id

    def _move_defaults(self, dsp, inputs):
        # Moves the child defaults of the sub-dispatcher inputs to the parent.
        remove = set()
        for parent_id, child_ids in inputs.items():
            child_ids = stlp(child_ids)
            if child_ids and child_ids[0] in dsp.default_values:
                default = dsp.default_values.pop(child_ids[0])
                self.set_default_value(parent_id, default['value'],
                                       default['initial_dist'])
                remove.update(child_ids[1:])
        for k in remove:
            dsp.default_values.pop(k, None)

    def add_from_lists(self, data_list=None, fun_list=None, dsp_list=None):
        """
        Adds data nodes, function nodes and sub-dispatchers from lists of
        keyword arguments of :meth:`add_data`, :meth:`add_function` and
        :meth:`add_dispatcher`.

        :return:
            The ids added: ``(data_ids, fun_ids, dsp_ids)``.
        :rtype: (list, list, list)

        Example::

            >>> d = Dispatcher()
            >>> d.add_from_lists([{'data_id': 'a'}], [{'function': max, 'inputs': ['a', 'b'], 'outputs': ['c']}])
            (['a'], ['max'], [])
        """
        data_ids = [self.add_data(**kw) for kw in data_list or ()]
        fun_ids = [self.add_function(**kw) for kw in fun_list or ()]
        dsp_ids = [self.add_dispatcher(**kw) for kw in dsp_list or ()]
        return data_ids, fun_ids, dsp_ids

    def set_default_value(self, data_id, value=EMPTY, initial_dist=0.0):
        """
        Sets (or, with `value` EMPTY, removes) the default value of a data
        node.

        A missing or non-data id raises ``ValueError('Input error: <id> is
        not a data node')``; for a tuple id 1.2.0 failed formatting that
        message with a `TypeError`: the class is kept, the message is the
        right one.

        Example::

            >>> d = Dispatcher()
            >>> d.add_data('a')
            'a'
            >>> d.set_default_value('a', 1, 5); d.default_values
            {'a': {'value': 1, 'initial_dist': 5}}
            >>> d.set_default_value('zz', 1)
            Traceback (most recent call last):
              ...
            ValueError: Input error: zz is not a data node
        """
        node = self.dmap._node.get(data_id)
        if node is None or node['type'] != 'data':
            _not_a_data_node(data_id)
        if value is EMPTY:
            self.default_values.pop(data_id, None)
        else:
            self.default_values[data_id] = {
                'value': value, 'initial_dist': initial_dist}

    # ---------------------------------------------------------- blueprints
    def blue(self, memo=None):
        """
        Returns a :class:`~schedula.utils.blue.BlueDispatcher` that rebuilds
        this dispatcher when registered.

        One call is recorded per node, in creation order (``'index'``):
        ``add_data`` (with the node's default value), ``add_function`` or
        ``add_dispatcher`` (with the edge weights as `inp_weight` and
        `out_weight`, and the function, or the child dispatcher, in its
        blueprint form). The dispatcher is not modified.

        :param memo:
            Object -> blueprint map (default: a new dict): an object already
            in it is not converted again, so shared sub-dispatchers stay
            shared.
        :type memo: dict

        :return:
            The blueprint of the dispatcher.
        :rtype: schedula.utils.blue.BlueDispatcher

        Example::

            >>> src = Dispatcher(name='src', description='Source.')
            >>> src.add_data('a', default_value=2, initial_dist=3)
            'a'
            >>> src.add_function('f', max, ['a', 'b'], ['c'], weight=2, inp_weight={'a': 5})
            'f'
            >>> bl = src.blue()
            >>> type(bl).__name__, bl.kwargs
            ('BlueDispatcher', {'dmap': None, 'name': 'src', 'default_values': None, 'raises': False, 'description': 'Source.', 'executor': None})
            >>> [(m, kw.get('data_id', kw.get('function_id'))) for m, kw in bl.deferred]
            [('add_data', 'a'), ('add_function', 'f'), ('add_data', 'b'), ('add_data', 'c')]
            >>> bl.deferred[0][1]
            {'wait_inputs': False, 'data_id': 'a', 'default_value': 2, 'initial_dist': 3}
            >>> bl.deferred[1][1]
            {'inputs': ['a', 'b'], 'outputs': ['c'], 'weight': 2, 'function_id': 'f', 'inp_weight': {'a': 5}, 'function': <built-in function max>}
            >>> bl.register()({'b': 1}) == src({'b': 1})
            True
            >>> memo = {}; src.blue(memo) is src.blue(memo), src.blue() is src.blue()
            (True, False)
        """
        from .utils.blue import BlueDispatcher, _parent_blue
        memo = {} if memo is None else memo
        if self in memo:
            return memo[self]
        # Stored before the nodes are converted: reuses resolve to it.
        memo[self] = blue = BlueDispatcher(
            executor=self.executor, name=self.name, raises=self.raises,
            description=self.__doc__)
        dfl, pred, succ = self.default_values, self.dmap._pred, self.dmap._succ
        for k, attr in sorted(self.nodes.items(), key=lambda x: x[1]['index']):
            t = attr['type']
            v = {i: j for i, j in attr.items() if i not in ('type', 'index')}
            if t == 'data':
                method, v['data_id'] = 'add_data', k
                if k in dfl:
                    v['default_value'] = dfl[k]['value']
                    v['initial_dist'] = dfl[k]['initial_dist']
            else:
                v.pop('wait_inputs', None)
                func = _parent_blue(v.pop('function', None), memo)
                if t == 'dispatcher':
                    method, func_key, v['dsp_id'] = 'add_dispatcher', 'dsp', k
                else:
                    method, func_key = 'add_function', 'function'
                    v['function_id'] = k
                for key, edges in (('inp_weight', pred[k]),
                                   ('out_weight', succ[k])):
                    weights = {i: e['weight'] for i, e in edges.items()
                               if 'weight' in e}
                    if weights:
                        v[key] = weights
                v[func_key] = func
            blue.deferred.append((method, v))
        return blue

    def extend(self, *blues, memo=None):
        """
        Extends the dispatcher with the nodes of other dispatchers or
        blueprints, and returns it.

        The recorded calls of all `blues` (dispatchers are first converted
        with their ``blue(memo)``) are replayed, in order, on this
        dispatcher: its name, `raises`, etc. are kept, and the new nodes get
        its next indices.

        :param blues:
            Dispatchers or blueprints to merge.
        :type blues: Dispatcher | schedula.utils.blue.BlueDispatcher

        :param memo:
            Shared by the conversion and the build: with a dict (e.g.
            ``{}``) a sub-dispatcher used by several nodes stays one object;
            with None each use gets its own copy.
        :type memo: dict

        :return:
            This dispatcher.
        :rtype: Dispatcher

        Example::

            >>> from schedula import BlueDispatcher
            >>> d1 = Dispatcher()
            >>> d1.add_func(len, ['n'], inputs=['s'])
            'len'
            >>> b2 = BlueDispatcher().add_func(callable, ['c'], inputs=['s'])
            >>> t = Dispatcher(name='target')
            >>> t.extend(d1, b2) is t, t.name, list(t.nodes)
            (True, 'target', ['len', 's', 'n', 'callable', 'c'])
            >>> sorted(t({'s': 'ab'}).items())
            [('c', False), ('n', 2), ('s', 'ab')]
        """
        from .utils.blue import BlueDispatcher
        return BlueDispatcher().extend(*blues, memo=memo).register(
            self, memo=memo)

    # --------------------------------------------------------- sub-models
    def get_sub_dsp(self, nodes_bunch, edges_bunch=None):
        """
        Returns the sub-dispatcher spanned by the given nodes (functions
        whose inputs are not all given are dropped).

        :param nodes_bunch:
            Node ids (fuzzy matched).
        :type nodes_bunch: list

        :param edges_bunch:
            Edges ``(u, v)`` to leave out.
        :type edges_bunch: list

        :return:
            The sub-dispatcher.
        :rtype: Dispatcher

        Example::

            >>> d = Dispatcher(name='M')
            >>> d.add_function('f1', max, ['a', 'b'], ['c', 'd'])
            'f1'
            >>> d.add_function('f2', min, ['a', 'd'], ['c', 'e'])
            'f2'
            >>> s = d.get_sub_dsp(['a', 'b', 'c', 'f1'])
            >>> list(s.nodes), list(s.dmap.edges)
            (['f1', 'a', 'b', 'c'], [('f1', 'c'), ('a', 'f1'), ('b', 'f1')])
        """
        ids = [self.get_node(n)[1][0] for n in nodes_bunch]
        id_set = set(ids)
        sub = self.copy_structure(dmap=self.dmap.subgraph(ids))
        dmap, nodes = sub.dmap, sub.nodes
        for n in ids:
            attr = nodes.get(n)
            if attr and 'inputs' in attr and \
                    not all(i in id_set for i in attr['inputs']):
                _remove_node(dmap, n)
        for u, v in edges_bunch or ():
            dmap.remove_edge(u, v)
        for n in [n for n, a in nodes.items()
                  if a['type'] == 'function' and not dmap._succ[n]]:
            _remove_node(dmap, n)
        for n in [n for n in nodes if not (dmap._succ[n] or dmap._pred[n])]:
            _remove_node(dmap, n)
        sub.default_values = {k: v for k, v in self.default_values.items()
                              if k in nodes}
        return sub

    def get_sub_dsp_from_workflow(self, sources, graph=None, reverse=False,
                                  add_missing=False, check_inputs=True,
                                  blockers=None, wildcard=False,
                                  _update_links=True):
        """
        Returns the sub-dispatcher reachable from `sources` with a
        breadth-first search on `graph` (default: the last workflow).

        :param sources:
            Starting node ids.
        :type sources: list

        :param graph:
            The graph that decides reachability.
        :type graph: networkx.DiGraph

        :param reverse:
            Search against the edges (towards the inputs).
        :type reverse: bool

        :param add_missing:
            Add the missing inputs of the functions reached (not expanded).
        :type add_missing: bool

        :param check_inputs:
            Include a function only when all its inputs are reached.
        :type check_inputs: bool

        :param blockers:
            Nodes where the search stops.
        :type blockers: set

        :param wildcard:
            Expand the sources that are blockers.
        :type wildcard: bool

        :return:
            The sub-dispatcher (node and edge attr dicts are shared).
        :rtype: Dispatcher

        Unknown sources are ignored; `sources` (or `blockers`) that are not
        iterable raise a `TypeError` naming them. Fix of 1.2.0: with
        `add_missing`, a missing input feeding several functions keeps all
        its edges (1.2.0 kept only the last one in ``succ``, leaving the
        graph inconsistent).

        Example::

            >>> d = Dispatcher(name='W')
            >>> d.add_function('f1', max, ['a', 'b'], ['c', 'd'])
            'f1'
            >>> d.add_function('f2', min, ['a', 'd'], ['c', 'e'])
            'f2'
            >>> s = d.get_sub_dsp_from_workflow(['a', 'b'], d.dmap)
            >>> list(s.nodes)
            ['a', 'b', 'f1', 'c', 'd', 'f2', 'e']
        """
        _check_iterable(sources, 'get_sub_dsp_from_workflow sources')
        if blockers is not None:
            _check_iterable(blockers, 'get_sub_dsp_from_workflow blockers')
        sub = self.copy_structure()
        if graph is None:
            graph = self.solution.workflow
        _WorkflowBFS(self, sub, graph, reverse, add_missing, check_inputs,
                     blockers, wildcard).run(sources)
        if _update_links:
            _update_sub_dsp_links(sub)
        return sub

    def shrink_dsp(self, inputs=None, outputs=None, cutoff=None,
                   inputs_dist=None, wildcard=True):
        """
        Returns the minimal sub-dispatcher needed to compute `outputs` from
        `inputs` (it runs no-call dispatches, which replace
        ``self.solution``).

        Example::

            >>> d = Dispatcher(name='chain')
            >>> d.add_function('f1', max, ['a', 'b'], ['c'])
            'f1'
            >>> d.add_function('f2', min, ['c'], ['d'])
            'f2'
            >>> d.add_function('f3', min, ['b'], ['e'])
            'f3'
            >>> list(d.shrink_dsp(inputs=['a', 'b'], outputs=['d']).nodes)
            ['d', 'f2', 'c', 'f1', 'a', 'b']
        """
        with _paused_gc():  # Its no-call dispatches make no garbage.
            return self._shrink_dsp(inputs, outputs, cutoff, inputs_dist,
                                    wildcard)

    def _shrink_dsp(self, inputs, outputs, cutoff, inputs_dist, wildcard):
        bfs = None
        if inputs:
            wait_in = self._get_wait_in(flag=False)
            # The same nodes flagged True (no second scan of the model).
            wait_in_true = _flagged(wait_in, True)
            o = self.dispatch(
                inputs, outputs, cutoff, inputs_dist, wildcard, True, False,
                True, _wait_in=wait_in)
            bfs = _union_workflow(o)
            dist = dict(o.dist)
            if inputs_dist:
                dist.update(inputs_dist)
            wait_in = wait_in_true
            while True:
                o = self.dispatch(
                    inputs, outputs, cutoff, dist, wildcard, True, False,
                    False, _wait_in=wait_in)
                _union_workflow(o, bfs=bfs)
                released, waiting = o._remove_wait_in()
                if not waiting:
                    break
                data = {k for k in released
                        if self.nodes.get(k, {}).get('type') == 'data'}
                # Ordered (1.2.0's set order depended on string hashing).
                inputs = list(dict.fromkeys(
                    [*inputs, *sorted(data, key=str)]))
            if not outputs:
                outputs = list(o)
            bfs = _convert_bfs(bfs)
        elif not outputs:
            return self.copy_structure()
        return self._get_dsp_from_bfs(outputs, bfs_graphs=bfs)

    def _get_dsp_from_solution(self, sol, outputs):
        # The model restricted to the workflows of `sol` and of its
        # sub-solutions, extracted backwards from `outputs` (pipes).
        bfs = _convert_bfs(_union_workflow(sol))
        return self._get_dsp_from_bfs(outputs, bfs_graphs=bfs)

    def _get_dsp_from_bfs(self, outputs, bfs_graphs=None):
        graph = bfs_graphs[NONE] if bfs_graphs is not None else self.dmap
        sub = self.get_sub_dsp_from_workflow(
            outputs, graph, reverse=True, _update_links=False)
        dmap = sub.dmap
        for n, a in list(sub.nodes.items()):
            if a['type'] != 'dispatcher':
                continue
            a = sub.nodes[n] = a.copy()
            pred, succ = dmap._pred[n], dmap._succ[n]
            out = _sub_out_ids(a, succ)
            if 'input_domain' in a:
                out.extend(_flat_ids(a['inputs'].values()))
            child_bfs = bfs_graphs.get(n) if bfs_graphs is not None else None
            a['function'] = a['function']._get_dsp_from_bfs(
                list(dict.fromkeys(out)), bfs_graphs=child_bfs)
            inp, out = _update_io(a, pred, succ)
            for u in inp:
                dmap.remove_edge(u, n)
            for v in out:
                dmap.remove_edge(n, v)
        return sub

    def _get_wait_in(self, flag=True, all_domain=True):
        wait_in = {}
        for k, a in self.nodes.items():
            if a['type'] == 'data':
                if a['wait_inputs'] and k is not SINK:
                    wait_in[k] = flag
            elif all_domain and a['type'] == 'function':
                if 'input_domain' in a:
                    wait_in.update(dict.fromkeys(a['outputs'], flag))
            elif all_domain and a['type'] == 'dispatcher' and 'function' in a:
                child = a['function']
                child_wait = wait_in[child] = child._get_wait_in(flag=flag)
                if 'input_domain' in a:
                    wait_in[k] = flag
                    wait_in.update(dict.fromkeys(a['outputs'].values(), flag))
                else:
                    wait_in.update(dict.fromkeys(
                        (v for c, v in a['outputs'].items()
                         if c in child_wait), flag))
        return wait_in

    # ------------------------------------------------------------ dispatch
    def dispatch(self, inputs=None, outputs=None, cutoff=None,
                 inputs_dist=None, wildcard=False, no_call=False,
                 shrink=False, rm_unused_nds=False, select_output_kw=None,
                 _wait_in=None, stopper=None, executor=False, sol_name=()):
        """
        Evaluates the minimum workflow and data outputs of the dispatcher
        model from given inputs.

        :param inputs:
            Input data ``{id: value}`` (any iterable of ids with `no_call`).
        :type inputs: dict

        :param outputs:
            Target data ids: the dispatch stops when all are reached and
            only the part of the model that leads to them is run. When the
            dispatcher `raises` (new in this release) and some are not
            computed, a :class:`~schedula.utils.exc.DispatcherError` says
            which and why (see :meth:`Solution.explain
            <schedula.utils.sol.Solution.explain>`).
        :type outputs: list

        :param cutoff:
            Maximum distance of the nodes reached.
        :type cutoff: float

        :param inputs_dist:
            Initial distances of the inputs ``{id: distance}``.
        :type inputs_dist: dict

        :param wildcard:
            Inputs that are also outputs are recomputed.
        :type wildcard: bool

        :param no_call:
            Do not call the functions (values are NONE).
        :type no_call: bool

        :param shrink:
            Shrink the model (:meth:`shrink_dsp`) before dispatching.
        :type shrink: bool

        :param rm_unused_nds:
            Remove the unused nodes from the workflow.
        :type rm_unused_nds: bool

        :param select_output_kw:
            Keyword arguments of :func:`~schedula.utils.dsp.selector` to
            return a selection of the solution.
        :type select_output_kw: dict

        :param stopper:
            An event: when set, the dispatch aborts.
        :type stopper: threading.Event

        :param executor:
            Executor name (True: the dispatcher's own, False: synchronous).
        :type executor: str | bool

        :param sol_name:
            Name (path prefix) of the solution.
        :type sol_name: tuple

        :return:
            The solution.
        :rtype: schedula.utils.sol.Solution

        `inputs` that are not iterable (or `outputs` that are not iterable)
        raise a `TypeError` naming them before anything is run; other
        non-mapping inputs follow ``dict.update`` (e.g. a list of pairs), as
        in 1.2.0.

        Example::

            >>> d = Dispatcher(name='example')
            >>> d.add_function('inc', lambda a: a + 1, ['a'], ['b'])
            'inc'
            >>> d.add_function('dbl', lambda b: b * 2, ['b'], ['c'])
            'dbl'
            >>> d.dispatch({'a': 1})
            Solution([('a', 1), ('b', 2), ('c', 4)])
            >>> d.dispatch({'a': 1}, outputs=['b'])
            Solution([('a', 1), ('b', 2)])
            >>> d.dispatch({'a': 1}, select_output_kw={'keys': ['c'], 'output_type': 'values'})
            4
        """
        _check_inputs(inputs)
        if outputs is not None:
            _check_iterable(outputs, 'dispatch outputs')
        sol = self._new_solution(
            inputs, outputs, cutoff, inputs_dist, wildcard, no_call, shrink,
            rm_unused_nds, _wait_in, sol_name)
        replace_solution(self, sol)  # Old one freed if unreachable.
        sol._run(stopper=stopper, executor=executor)
        if sol.raises and outputs and not no_call:  # Say what is missing.
            from .utils._explain import check_outputs
            check_outputs(sol)
        if select_output_kw:
            return selector(dictionary=sol, **select_output_kw)
        return sol


    def _new_solution(self, inputs, outputs, cutoff, inputs_dist, wildcard,
                      no_call, shrink, rm_unused_nds, wait_in, sol_name):
        # The solution of `dispatch`, on the model reduced to its options.
        if no_call:  # The whole model: values are not computed.
            dsp = self
        elif shrink:  # It pauses the garbage collector itself.
            dsp = self.shrink_dsp(inputs, outputs, cutoff, inputs_dist,
                                  wildcard)
        elif outputs:
            # The reduced model is new, all alive: nothing for the garbage
            # collector to find (see `Solution._run`).
            with _paused_gc():
                dsp = self.get_sub_dsp_from_workflow(
                    outputs, self.dmap, reverse=True, blockers=inputs,
                    wildcard=wildcard)
        else:
            dsp = self
        if not (no_call or inputs is None or isinstance(inputs, Mapping)):
            inputs = dict(inputs)  # dict-update semantics, as in 1.2.0.
        return self.solution.__class__(
            dsp, inputs, outputs, wildcard, cutoff, inputs_dist, no_call,
            rm_unused_nds, wait_in, full_name=sol_name)


def _keep_defaults(ids, dfl, nodes):
    # True when creating the nodes `ids` cannot displace any default value.
    if ids is None:
        ids = (START, SINK)
    elif not isinstance(ids, Collection):  # Do not consume an iterator.
        return False
    try:
        return not any(i in dfl and i not in nodes for i in ids)
    except TypeError:  # Unhashable ids: the call will fail.
        return False


def _not_a_data_node(data_id):
    # 1.2.0 %-formats the id: a tuple (not of length 1) gave a TypeError.
    cls = ValueError
    if isinstance(data_id, tuple) and len(data_id) != 1:
        cls = TypeError
    raise cls('Input error: %s is not a data node' % (data_id,))


def _mapping_like(obj):
    # What `**obj` and `dict.update(obj)` take as a mapping: `keys()`.
    return isinstance(obj, Mapping) or hasattr(obj, 'keys')


def _check_inputs(inputs):
    # A mapping {id: value}, or any iterable accepted by `dict.update` (ids
    # with `no_call`); 1.2.0 failed on other objects deep inside.
    if inputs is not None and not (_mapping_like(inputs) or
                                   isinstance(inputs, Iterable)):
        raise TypeError('dispatch inputs must be a mapping {data id: value}, '
                        'not %s: %r.' % (type(inputs).__name__, inputs))


def _check_iterable(ids, what):
    # A clear error instead of "'int' object is not iterable" from deep inside.
    if not isinstance(ids, Iterable):
        raise TypeError('%s must be an iterable of node ids, not %s: %r.' % (
            what, type(ids).__name__, ids))
    return ids


def _check_include_defaults(dsp, inputs):
    for parent_id, child_ids in inputs.items():
        child_ids = stlp(child_ids)
        if isinstance(parent_id, tuple) and child_ids and \
                child_ids[0] in dsp.default_values:
            raise TypeError(
                'include_defaults: the default of %r cannot be moved to the '
                'tuple of parent ids %r.' % (child_ids[0], parent_id))


def _update_sub_dsp_links(sub):
    # Reduces the children of the sub-dispatcher nodes of `sub`.
    dmap = sub.dmap
    for k, a in list(sub.nodes.items()):
        if a['type'] != 'dispatcher':
            continue
        a = sub.nodes[k] = a.copy()
        pred, succ = dmap._pred[k], dmap._succ[k]
        inp = _sub_inp_ids(a, pred)
        sources = list(dict.fromkeys(_sub_out_ids(a, succ) + inp))
        child = a['function']
        a['function'] = child.get_sub_dsp_from_workflow(
            sources, child.dmap, reverse=True, blockers=inp, wildcard=True)
        inp, out = _update_io(a, pred, succ)
        if inp or out:
            raise AssertionError('Sub-dsp {} missing: inp {}, out {}'.format(
                k, inp, out))


def _signature_inputs(function, inputs_kwargs):
    """Ordered ``{name: parameter}`` of the leading positional parameters."""
    from .utils._helpers import _get_signature
    params = {}
    for name, p in _get_signature(function, 0).parameters.items():
        if p.kind >= inspect.Parameter.VAR_POSITIONAL or (
                not inputs_kwargs and p.default is not inspect.Parameter.empty):
            break
        params[name] = p
    return params
