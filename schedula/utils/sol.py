# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""
The :class:`Solution` of a dispatch: the mapping of the values, the record
of the run (workflow, distances, errors, pipe) and the steps that set the
output of a node. The dispatch loop itself (a modified Dijkstra) is in the
private module :mod:`schedula.utils._loop`, how a node is evaluated in
:mod:`schedula.utils._evaluation`.

Distances are :class:`~schedula.utils.dsp.inf` pairs ``(inf, num)``. For
speed the algorithm works on plain 2-tuples (compared by C code) and turns
them into :class:`~schedula.utils.dsp.inf` objects only where they are
stored (``dist``, ``seen``, ``_meet`` and the pipe).
"""
import gc
import os
import threading
import logging
import functools
import collections
from heapq import heappush
from .base import Base
from .cst import START, NONE, PLOT
from ._helpers import stlp, inf, _plus
from .exc import DispatcherError, SkipNode
from .alg import get_full_pipe, _sort_sk_wait_in, _remove_node, edge_length
from .graph import DiGraph
from .asy import _get_executor, _resolve_solution
from . import _loop, _evaluation
from ._loop import _EVALUATED, _args, _send_value, _send_results

__all__ = ['Solution']

log = logging.getLogger(__name__)

_lt, _gt = tuple.__lt__, tuple.__gt__
_new_inf = functools.partial(tuple.__new__, inf)
_MINUS_ONE = inf(0, -1)


#: Pause Python's cyclic garbage collector while a dispatch runs. A dispatch
#: allocates many small containers that all stay alive (the solution), so
#: the collector would only re-scan them: on the layered benchmark (3,200
#: functions) this pause cut the time by about a third. Set it to False to
#: leave the collector alone.
PAUSE_GC = True
_gc_lock, _gc_state = threading.Lock(), {'depth': 0, 'enabled': False}


def _new_gc_lock():
    # A process forked by an executor while another thread held the lock
    # (e.g. 'parallel-dispatch') would deadlock at its first dispatch.
    global _gc_lock
    _gc_lock = threading.Lock()


if hasattr(os, 'register_at_fork'):
    os.register_at_fork(after_in_child=_new_gc_lock)


class _paused_gc:
    """
    Pauses the garbage collector for the outermost running dispatch (of any
    thread) and restores its previous state when the last one ends.

    Example::

        >>> import gc
        >>> with _paused_gc():
        ...     gc.isenabled()
        False
        >>> gc.isenabled()
        True
    """
    # A class, not a generator-based context manager: it is entered twice
    # per dispatch, and a generator's protocol costs more than a small model
    # takes to run.
    __slots__ = ('pausing',)

    def __enter__(self):
        self.pausing = PAUSE_GC  # Read once: the exit undoes this entry.
        if self.pausing:
            with _gc_lock:
                if not _gc_state['depth']:
                    _gc_state['enabled'] = gc.isenabled()
                    gc.disable()
                _gc_state['depth'] += 1

    def __exit__(self, *exc_info):
        if self.pausing:
            with _gc_lock:
                _gc_state['depth'] -= 1
                if not _gc_state['depth'] and _gc_state['enabled']:
                    gc.enable()


def _as_inf(d):
    """The distance `d` (any 2-tuple) as an :class:`inf` object."""
    return d if d.__class__ is inf else _new_inf(d)


def _as_tuple(d):
    """The distance `d` as a plain tuple (fast heap comparisons)."""
    return d if d.__class__ is tuple else tuple(d)


class Solution(Base, collections.OrderedDict):
    """
    Solution of a dispatch: an ordered mapping ``{data node id: value}`` plus
    the record of the run (``workflow``, ``dist``, ``_errors``, ...).

    Values come in order: the inputs that are not nodes of the dispatcher
    (sorted by ``str``), then the data nodes in the order they were reached.

    Example::

        >>> import schedula as sh
        >>> dsp = sh.Dispatcher(name='diamond')
        >>> dsp.add_function('inc', lambda x: x + 1, ['x'], ['y'])
        'inc'
        >>> dsp.add_function('dbl', lambda x: x * 2, ['x'], ['z'])
        'dbl'
        >>> sol = dsp.dispatch({'x': 3, 'other': 0})
        >>> sol
        Solution([('other', 0), ('x', 3), ('y', 4), ('z', 6)])
        >>> sol.dist
        {start: -1, 'x': 0.0, 'dbl': 1.0, 'inc': 1.0, 'y': 2.0, 'z': 2.0}
        >>> list(sol.workflow.edges)
        [(start, 'x'), ('x', 'inc'), ('x', 'dbl'), ('inc', 'y'), ('dbl', 'z')]
    """

    _is_solution = True

    #: The executor name known to have no executor in the current run.
    _sync_spec = False

    def __init__(self, dsp=None, inputs=None, outputs=None, wildcard=False,
                 cutoff=None, inputs_dist=None, no_call=False,
                 rm_unused_nds=False, wait_in=None, no_domain=False,
                 _empty=False, index=(-1,), full_name=()):
        super().__init__()
        self.index = index
        self.rm_unused_nds = rm_unused_nds
        self.no_call = no_call
        self.no_domain = no_domain
        self.cutoff = cutoff
        self._wait_in = wait_in or {}
        self.outputs = set(outputs or ())
        self.full_name = full_name
        self._pipe = []
        self.parent = dsp
        if dsp is None:
            from ..dispatcher import Dispatcher
            dsp = Dispatcher()
        self._set_dsp_features(dsp)
        if not _empty:
            self._set_inputs(inputs, inputs_dist)
            self._set_wildcards(*((inputs, outputs) if wildcard else ()))
            self._init_workflow()

    # ----------------------------------------------------- mapping protocol
    def __repr__(self):
        name = type(self).__name__
        return '%s(%r)' % (name, list(self.items())) if self else name + '()'

    def __hash__(self):
        return id(self)

    def __deepcopy__(self, memo):
        # Only the attributes are copied, not the values (as in 1.2.0).
        obj = super().__deepcopy__(memo)
        obj._update_methods()
        return obj

    def __reduce__(self):
        # State after creation (solutions are in reference cycles).
        return _new_solution, (type(self),), self.__dict__, None, iter(
            list(self.items()))

    # --------------------------------------------------------- construction
    def _set_dsp_features(self, dsp):
        self.dsp = dsp
        self.name = dsp.name
        self.nodes = dsp.nodes
        self.dmap = dsp.dmap
        self.raises = dsp.raises
        self._pred = dsp.dmap._pred
        self._succ = dsp.dmap._succ
        self._edge_length = dsp._edge_length
        # The standard edge length is computed inline in the hot loop.
        self._std_length = getattr(
            self._edge_length, '__func__', None) is edge_length

    def _set_inputs(self, inputs, inputs_dist):
        defaults = self.dsp.default_values
        if self.no_call:
            self.inputs = dict.fromkeys(defaults, NONE)
            if inputs is not None:
                self.inputs.update(dict.fromkeys(inputs, NONE))
        else:
            self.inputs = {k: v['value'] for k, v in defaults.items()}
            if inputs is not None:
                self.inputs.update(inputs)
        given = inputs or ()
        self.inputs_dist = {k: v['initial_dist'] for k, v in defaults.items()
                            if k not in given}
        if inputs_dist is not None:
            self.inputs_dist.update(inputs_dist)

    def _set_wildcards(self, inputs=None, outputs=None):
        self._wildcards = wildcards = set()
        if not (inputs and outputs):
            return
        outputs, wait_in, nodes = set(outputs), self._wait_in, self.nodes
        for k in inputs:
            if k in outputs or wait_in.get(k):
                if k not in nodes:
                    raise KeyError('Wildcard input %r is not a node of the '
                                   'dispatcher %r.' % (k, self.name))
                if nodes[k].get('wildcard', True):
                    wildcards.add(k)

    def _update_methods(self):
        """Rebinds the helpers to the current workflow and options."""
        self._wf_pred = self.workflow._pred
        self._targets = set(self.outputs)
        cutoff = self.cutoff
        self._cutoff = None if cutoff is None else tuple(inf.format(cutoff))

    def _clean_set(self):
        """Puts the solution back into its "nothing run yet" state."""
        self.clear()
        self.workflow = DiGraph()
        self._visited = set()
        self._errors = collections.OrderedDict()
        self.sub_sol = {self.index: self}
        self.fringe = []
        self.dist = {START: _MINUS_ONE}
        self.seen = {START: _MINUS_ONE}
        self._meet = {START: _MINUS_ONE}
        self._update_methods()
        self._pipe = []

    def _input_value(self, inputs):
        if self.no_call:
            return lambda k: {}
        return lambda k: {'value': inputs[k]}

    def _init_workflow(self, inputs=None, input_value=None, inputs_dist=None,
                       initial_dist=0.0, clean=True):
        """Seeds a run with the initial values (inputs and defaults)."""
        if clean:
            self._clean_set()
        self._start()
        if inputs_dist is None:
            inputs_dist = self.inputs_dist or {}
        if inputs is None:
            inputs = self.inputs
        if input_value is None:
            input_value = self._input_value(inputs)
        for d, k in _seed_order(inputs, inputs_dist, initial_dist):
            self._add_initial_value(k, input_value(k), d)
        self._add_out_dsp_inputs()

    def _start(self):
        # START is visited: the workflow has it as its 'start' node.
        self._visited.add(START)
        wf = self.workflow
        if START in wf._node:
            wf._node[START]['type'] = 'start'
        else:
            wf._node[START], wf._succ[START], wf._pred[START] = \
                {'type': 'start'}, {}, {}

    def _add_out_dsp_inputs(self):
        # Inputs that are not nodes go first, sorted by str.
        nodes, inputs = self.nodes, self.inputs
        outside = [k for k in inputs if k not in nodes]
        if outside:
            for k in sorted(outside, key=str):
                self[k] = None if self.no_call else inputs[k]

    def _copy_structure(self, **kwargs):
        """A new, clean solution sharing the inputs of this one."""
        sol = self.__class__(
            self.dsp, self.inputs, self.outputs, False, self.cutoff,
            self.inputs_dist, self.no_call, self.rm_unused_nds, self._wait_in,
            self.no_domain, True, self.index, self.full_name
        )
        sol._clean_set()
        sol._wildcards = self._wildcards
        sol.inputs, sol.inputs_dist = self.inputs, self.inputs_dist
        for k, v in kwargs.items():
            if v:
                setattr(sol, k, getattr(self, k))
        return sol

    # ------------------------------------------------------------- checks
    def check_wait_in(self, wait_flag, node_id):
        """
        True if `node_id` must still wait for some of its inputs: its flag
        (the `_wait_in` override, else `wait_flag`) is true and some dmap
        predecessor has no workflow edge into it yet.

        Example::

            >>> import schedula as sh
            >>> d = sh.Dispatcher()
            >>> d.add_function('f', max, ['a', 'b'], ['c'])
            'f'
            >>> sol = Solution(d, {'a': 1})
            >>> sol._run().check_wait_in(True, 'f'), sol.check_wait_in(False, 'f')
            (True, False)
        """
        wait_in = self._wait_in
        if wait_in and node_id in wait_in:
            wait_flag = wait_in[node_id]
        if not wait_flag:
            return False
        arrived = self._wf_pred.get(node_id, ())
        return not all(k in arrived for k in self._pred[node_id])

    def check_targets(self, node_id):
        """
        Ticks `node_id` off the targets: True when all are reached (always
        False without targets).

        Example::

            >>> sol = Solution(outputs=['a', 'b'])
            >>> sol.check_targets('a'), sol.check_targets('z'), sol.check_targets('b')
            (False, False, True)
        """
        if not self.outputs:
            return False
        targets = self._targets
        targets.discard(node_id)
        return not targets

    def check_cutoff(self, distance):
        """
        True if `distance` is beyond the cutoff (never without a cutoff).

        Example::

            >>> import schedula as sh
            >>> sol = Solution(cutoff=2)
            >>> sol.check_cutoff(sh.inf(0, 2)), sol.check_cutoff(sh.inf(0, 2.5))
            (False, True)
            >>> Solution().check_cutoff(sh.inf(1, 0))
            False
        """
        cutoff = self._cutoff
        return cutoff is not None and _gt(_as_tuple(inf.format(distance)),
                                          cutoff)

    def _wf_add_edge(self, u, v, **attr):
        wf = self.workflow
        if v not in wf._node:
            wf._node[v], wf._succ[v], wf._pred[v] = {}, {}, {}
        wf._succ[u][v] = wf._pred[v][u] = attr

    def _wf_remove_edge(self, u, v):
        wf = self.workflow  # As remove_edge_fun: isolated `v` goes too.
        del wf._succ[u][v], wf._pred[v][u]
        if not (wf._succ[v] or wf._pred[v]):
            del wf._node[v], wf._succ[v], wf._pred[v]

    def _update_meeting(self, node_id, dist):
        meet = self._meet
        if node_id not in meet or _lt(meet[node_id], dist):
            meet[node_id] = _as_inf(dist)

    # ------------------------------------------------------------ main loop
    def _run(self, stopper=None, executor=False):
        """Runs the dispatch (root solution only) and returns the solution."""
        if executor is not False and executor is not True and \
                _get_executor(executor, self) is None:
            # No executor has that name: evaluate synchronously (the name is
            # still what SubDispatch nodes receive).
            self._sync_spec = executor
        with _paused_gc():
            _loop.run(self, stopper, executor)
        return self

    def _parent_link(self):
        # The parent solution, the nodes of this child in it and the child
        # ids they map to parent outputs (computed once).
        try:
            return self._link
        except AttributeError:
            parent = self.sub_sol[self.index[:-1]]
            links = parent._nodes_by_index().get(self.index[-1:], [])
            outputs = set()
            for k, n in links:
                outputs.update(n.get('outputs', ()))
            self._link = parent, links, outputs
            return self._link

    def _nodes_by_index(self):
        # {node index: [(node id, attr dict), ...]} of the model, built once
        # for all the children (a scan per child is quadratic).
        try:
            return self._by_index
        except AttributeError:
            self._by_index = by_index = {}
            for k, n in self.nodes.items():
                by_index.setdefault(n['index'], []).append((k, n))
            return by_index

    def _see_node(self, node_id, fringe, dist, w_wait_in=0):
        """Schedules a node reached at `dist`; True if (re)scheduled."""
        self._update_meeting(node_id, dist)
        node = self.nodes[node_id]
        wait = node['wait_inputs']
        if self.check_wait_in(wait, node_id):
            return False
        if node_id in self.dist:
            if _lt(_as_tuple(dist), self.dist[node_id]):
                raise DispatcherError(
                    'Contradictory paths found: negative weights?', sol=self)
            return False
        seen = self.seen
        if node_id not in seen or _lt(_as_tuple(dist), seen[node_id]):
            seen[node_id] = _as_inf(dist)
            if fringe is not None:
                key = (w_wait_in + int(wait), str(node_id),
                       self.index + node['index'])
                heappush(fringe, (_as_tuple(dist), key, (node_id, self)))
            return True
        return False

    def _add_initial_value(self, data_id, value, initial_dist=0.0,
                           fringe=None, check_cutoff=None, no_call=None):
        """Adds an initial value (input, default or sub-dispatcher input)."""
        nodes = self.nodes
        if data_id not in nodes:
            return False
        fringe = self.fringe if fringe is None else fringe
        if check_cutoff is None and self._cutoff is not None:
            check_cutoff = self.check_cutoff
        if initial_dist.__class__ is not tuple:
            initial_dist = _as_tuple(inf.format(initial_dist))
        wf = self.workflow  # The edge START -> data_id gets a copy of value.
        if data_id not in wf._node:
            wf._node[data_id], wf._succ[data_id], wf._pred[data_id] = \
                {}, {}, {}
        wf._succ[START][data_id] = wf._pred[data_id][START] = dict(value)
        if data_id in self._wildcards:
            self._feed_wildcard(
                data_id, value, initial_dist, fringe,
                check_cutoff or self.check_cutoff,
                self.no_call if no_call is None else no_call)
            return True
        meet = self._meet
        if data_id not in meet or _lt(meet[data_id], initial_dist):
            meet[data_id] = _new_inf(initial_dist)
        if check_cutoff is not None and check_cutoff(initial_dist):
            self._wf_remove_edge(START, data_id)
            return False
        node = nodes[data_id]
        wait = node['wait_inputs']
        if (wait or self._wait_in) and self.check_wait_in(wait, data_id):
            return False
        self.seen[data_id] = meet[data_id] if tuple.__eq__(
            meet[data_id], initial_dist) else _new_inf(initial_dist)
        if fringe is not None:
            key = (wait, str(data_id), self.index + node['index'])
            heappush(fringe, (initial_dist, key, (data_id, self)))
        return True

    def _feed_wildcard(self, data_id, value, dist, fringe, check_cutoff,
                       no_call):
        # A wildcard input is visited but not stored: it feeds its successors.
        self._visited.add(data_id)
        nodes = self.nodes
        for w, edge in self._succ[data_id].items():
            self._wf_add_edge(data_id, w, **value)
            d = _plus(dist, self._edge_length(edge, nodes[w]))
            self._update_meeting(w, d)
            if check_cutoff(d):
                self._wf_remove_edge(data_id, w)
                continue
            if nodes[w]['type'] == 'dispatcher':
                self._set_sub_dsp_node_input(
                    data_id, w, fringe, check_cutoff, no_call, d)
            elif self.check_wait_in(True, w):
                continue
            self.seen[w] = _as_inf(d)
            if fringe is not None:
                key = (True, w, self.index + nodes[w]['index'])
                heappush(fringe, (d, key, (w, self)))

    # --------------------------------------------------------- node output
    def _get_node_estimations(self, node_attr, node_id):
        """The estimations ``{producer: edge_attr}`` chosen for a data node."""
        estimations = self._wf_pred[node_id]
        wait_in = node_attr['wait_inputs']
        if len(estimations) > 1 and not self._wait_in.get(node_id, wait_in):
            dist, succ, length = self.dist, self._succ, self._edge_length
            best = min(
                (_plus(dist[k], length(succ[k][node_id], node_attr)), k)
                for k in estimations if k is not START)
            winner = best[1]
            for k in [k for k in estimations if k is not START]:
                if k != winner:
                    self._wf_remove_edge(k, node_id)
            estimations = {winner: estimations[winner]}
        return estimations, wait_in

    def _set_node_output(self, node_id, no_call, next_nds=None, **kw):
        """
        Sets the output of `node_id` from the values on its workflow in-edges
        (1.2.0's private entry point, kept for the code that drives a
        solution by hand; the dispatch loop calls the two halves directly).

        :param node_id:
            A data or function node id of the dispatcher.
        :param no_call:
            If True, the output is only linked, no function is called.
        :param next_nds:
            Pipe mode: the successors that get the output, whatever `dist`.
        :param kw:
            ``stopper`` and ``executor`` of the evaluation.
        :return:
            True when the node got an output; False when it failed or was not
            needed; None for a node that is neither data nor function.

        Example: a fresh solution whose workflow was edited by hand::

            >>> import schedula as sh
            >>> from schedula.utils.sol import Solution
            >>> dsp = sh.Dispatcher(name='d')
            >>> dsp.add_function('f', lambda a: a + 1, ['a'], ['b'])
            'f'
            >>> sol = Solution(dsp)
            >>> _ = sol.workflow.add_edge('a', 'f', value=1)
            >>> sol._set_node_output('f', False), sol.workflow.edges['f', 'b']
            (True, {'value': 2})
            >>> sol._set_node_output('b', False), sol
            (True, Solution([('b', 2)]))
        """
        node_attr = self.nodes[node_id]
        node_type = node_attr['type']
        if node_type == 'data':
            return self._set_data_node_output(node_id, node_attr, no_call,
                                              next_nds, **kw)
        elif node_type == 'function':
            return self._set_function_node_output(node_id, node_attr, no_call,
                                                  next_nds, **kw)

    def _set_data_node_output(self, node_id, node_attr, no_call,
                              next_nds=None, stopper=None, executor=False):
        estimations = self._wf_pred[node_id]
        wait_in = node_attr['wait_inputs']
        if len(estimations) > 1:
            estimations, wait_in = self._get_node_estimations(node_attr,
                                                              node_id)
        if no_call:
            self[node_id] = NONE
            value = {}
        else:
            if node_id is PLOT:
                estimations = dict(estimations)
                estimations[PLOT] = {'value': {'obj': self}}
            if not wait_in and estimations and \
                    node_attr.keys().isdisjoint(_EVALUATED) and (
                    executor is False or executor is self._sync_spec):
                # Nothing to evaluate: the (first) estimation is the value.
                for edge in estimations.values():
                    value = edge['value']
                    break
            else:
                skip_func = not (wait_in or 'function' in node_attr)
                if skip_func:
                    args = tuple(v['value'] for v in estimations.values())
                else:
                    args = ({k: v['value'] for k, v in estimations.items()},)
                try:
                    value = self._evaluate(args, node_attr, node_id,
                                           skip_func, stopper, executor)
                except SkipNode:
                    return False
            if value is not NONE:
                self[node_id] = value
            value = {'value': value}
        # The out-edges: to `next_nds` (pipe mode), else to the successors
        # (but not back into the sub-dispatcher that gave the value), unless
        # the first one was already visited (a wildcard recomputed).
        wf_pred, targets = self._wf_pred, next_nds
        if not targets:
            targets, arrived = self._succ[node_id], wf_pred[node_id]
            if not arrived.keys().isdisjoint(targets):
                targets = [u for u in targets if u not in arrived or
                           not self._is_fed_back(u, node_id)]
            for u in targets:
                if u in self._visited:
                    return True
                break
            else:
                return True
        wf = self.workflow
        _send_value(node_id, value, targets, wf._node, wf._succ, wf_pred)
        return True

    def _is_fed_back(self, dsp_id, node_id):
        # True if the value of `node_id` came out of the sub-dispatcher.
        node = self.nodes[dsp_id]
        if node['type'] != 'dispatcher':
            return False
        sub_sol = self.workflow._node[dsp_id].get('solution')
        child_id = node['inputs'].get(node_id)
        return sub_sol is not None and child_id in sub_sol._visited

    def _set_function_node_output(self, node_id, node_attr, no_call,
                                  next_nds=None, stopper=None,
                                  executor=False):
        # The wanted outputs: `next_nds` (pipe mode), else the successors
        # without a distance yet (none: the function is not needed).
        dist, wanted = self.dist, next_nds or self._succ[node_id]
        if not next_nds:
            for k in wanted:
                if k not in dist:
                    break
            else:
                _remove_node(self.workflow, node_id)
                return False
        if no_call:  # Edges without values, one attr dict each.
            wf = self.workflow
            _send_value(node_id, {}, [
                u for u in wanted if next_nds or u not in dist
            ], wf._node, wf._succ, self._wf_pred)
            return True
        try:
            args = _args(node_attr['inputs'], self._wf_pred[node_id])
        except KeyError as ex:
            raise KeyError('Function %r cannot be called: its input %r has '
                           'no value (is wait_inputs False?)' % (
                               node_id, ex.args[0])) from None
        # (A plain synchronous call is made inline by the dispatch loop.)
        wf = self.workflow
        try:
            if 'input_domain' in node_attr:
                self._check_function_domain(args, node_attr, node_id)
            res = self._evaluate(args, node_attr, node_id, False, stopper,
                                 executor)
        except SkipNode:
            return False
        wf._node[node_id]['results'] = res
        _send_results(node_id, node_attr['outputs'], res, wanted, dist,
                      next_nds, wf)
        return True

    # ---------------------------------------------------------- evaluation
    _evaluate = _evaluation.evaluate
    _check_function_domain = _evaluation.check_function_domain
    _check_sub_dsp_domain = _evaluation.check_sub_dsp_domain
    _evaluate_node = _evaluation.evaluate_node
    _evaluate_function = _evaluation.evaluate_function
    _apply_filters = _evaluation.apply_filters
    _warning = _evaluation.warning

    # ------------------------------------------------------- sub-dispatchers
    def _set_sub_dsp_node_input(self, node_id, dsp_id, fringe, check_cutoff,
                                no_call, initial_dist):
        """Feeds the value of `node_id` into the sub-dispatcher `dsp_id`."""
        self._meet[dsp_id] = _as_inf(initial_dist)
        node = self.nodes[dsp_id]
        if self.check_wait_in(node['wait_inputs'], dsp_id):
            return False
        arrived, feed = self._wf_pred[dsp_id], [node_id]
        index = self.index + node['index']
        if dsp_id not in self.dist:
            extra = {}
            accepted = self._check_sub_dsp_domain(dsp_id, node, arrived, extra)
            if accepted:
                feed = list(arrived)
            elif accepted is not None:
                return False
            sub_sol = self.sub_sol[index] = self._init_sub_dsp(
                node['function'], fringe, node['outputs'], no_call,
                initial_dist, node['index'], self.full_name + (dsp_id,))
            wf_node = self.workflow._node[dsp_id]
            wf_node['solution'] = sub_sol
            wf_node.update(extra)
            self.dist[dsp_id] = _as_inf(initial_dist)
        elif index in self.sub_sol:
            sub_sol = self.sub_sol[index]
        else:
            raise KeyError('The sub-dispatcher node %r was given as an input '
                           'of the dispatch: it cannot be fed.' % dsp_id)
        inputs = node['inputs']
        for k in feed:
            if k not in inputs:
                raise KeyError('The input %r of the sub-dispatcher node %r '
                               'is not a key of its inputs mapping (tuple '
                               'keys are not supported).' % (k, dsp_id))
            for child_id in stlp(inputs[k]):
                sub_sol._add_initial_value(child_id, arrived[k], initial_dist,
                                           fringe, check_cutoff, no_call)
        return True

    def _init_sub_dsp(self, dsp, fringe, outputs, no_call, initial_dist, index,
                      full_name):
        """Creates the solution of a sub-dispatcher, sharing the heap."""
        sol = self.__class__(
            dsp, {}, outputs, False, None, None, no_call, False,
            wait_in=self._wait_in.get(dsp, None), index=self.index + index,
            full_name=full_name
        )
        sol.sub_sol, sol._sync_spec = self.sub_sol, self._sync_spec
        for dist, key, item in sol.fringe:
            # Child defaults come after the actual inputs (flag 2).
            heappush(fringe, (_plus(initial_dist, dist), (2,) + key[1:], item))
        return sol

    def _see_remote_link_node(self, node_id, fringe=None, dist=None,
                              check_dsp=lambda x: True):
        """Passes the value of a child data node to its parent output."""
        if len(self.index) < 2:
            return
        parent, links, outputs = self._parent_link()
        if node_id not in outputs or self.nodes[node_id]['type'] != 'data' \
                or not check_dsp(self.index[:-1]):
            return
        for dsp_id, node in links:
            outputs = node.get('outputs', {})
            if node_id not in outputs:
                continue
            try:
                value = self[node_id]
            except KeyError:
                raise KeyError('The output %r of the sub-dispatcher %r has no '
                               'value (its evaluation failed or gave NONE).'
                               % (node_id, dsp_id)) from None
            wf_succ, visited = parent.workflow._succ, parent._visited
            for pid in stlp(outputs[node_id]):
                if pid in visited or dsp_id in wf_succ.get(pid, ()):
                    continue
                parent._wf_add_edge(dsp_id, pid, value=value)
                if fringe is not None:
                    parent._see_node(pid, fringe, dist, w_wait_in=2)
            break

    # ------------------------------------------------------------- after run
    def _remove_unused_nodes(self):
        """Removes the unvisited function and sub-dispatcher nodes."""
        wf, nodes, visited = self.workflow, self.nodes, self._visited
        for n in list(wf._node):
            if n in visited or nodes[n]['type'] == 'data':
                continue
            if nodes[n]['type'] == 'dispatcher' and wf._succ[n]:
                visited.add(n)
                index = self.index + nodes[n]['index']
                self.sub_sol[index]._remove_unused_nodes()
            else:
                _remove_node(wf, n)

    def _remove_wait_in(self):
        """Releases the closest waiting nodes (used by ``shrink_dsp``)."""
        waiting, released = _sort_sk_wait_in(self), set()
        if waiting:
            first = waiting[0][0]
            for d, _, _, wait_in, node_id in waiting:
                if d == first:
                    wait_in[node_id] = False
                    if wait_in is self._wait_in:
                        released.add(node_id)
        return released, waiting

    # ------------------------------------------------------------ public API
    def result(self, timeout=None):
        """
        Waits for the asynchronous values and puts them in the solution.

        :param timeout:
            Seconds to wait at most (None: no limit).
        :type timeout: float

        :return:
            The solution itself.
        :rtype: Solution

        Example::

            >>> import schedula as sh
            >>> d = sh.Dispatcher()
            >>> d.add_function('f', abs, ['a'], ['b'])
            'f'
            >>> d.dispatch({'a': -1}).result()
            Solution([('a', -1), ('b', 1)])
        """
        return _resolve_solution(self, timeout)

    @property
    def pipe(self):
        """
        The visited nodes in order (a :class:`~schedula.utils.alg.DspPipe`
        ``{node path: {'task': heap entry, ...}}``, see
        :func:`~schedula.utils.alg.get_full_pipe`).

        Example::

            >>> import schedula as sh
            >>> d = sh.Dispatcher()
            >>> d.add_function('f', abs, ['a'], ['b'])
            'f'
            >>> pipe = d.dispatch({'a': -1}).pipe
            >>> list(pipe), pipe['f']['task'][:2]
            (['a', 'f', 'b'], (1.0, (1, 'f', (-1, 0))))
        """
        return get_full_pipe(self)

    def explain(self, *node_ids):
        """
        Explains why a node has (or has not) a value in this solution, from
        what the solution recorded (no function is called again).

        :param node_ids:
            A node id, or a path into sub-dispatchers as
            :meth:`get_node` takes it (``'sub', 'x'``). None: the requested
            outputs of the dispatch.
        :type node_ids: str

        :return:
            The explanation: ``str()`` gives the text form (one cause per
            line), its attributes (`kind`, `causes`, ...) the structure.
        :rtype: schedula.utils._explain.Explanation

        Example::

            >>> import schedula as sh
            >>> d = sh.Dispatcher(raises='')  # Failures are not logged.
            >>> d.add_function('half', lambda a: a / 2, ['a'], ['b'])
            'half'
            >>> d.add_function('inv', lambda b: 1 / b, ['b'], ['c'])
            'inv'
            >>> d.add_function('mul', lambda b, e: b * e, ['b', 'e'], ['c'])
            'mul'
            >>> sol = d.dispatch({'a': 0})
            >>> print(sol.explain('b'))
            'b': computed by 'half' from 'a' (distance 2.0)
            >>> print(sol.explain('c'))
            'c': not computed:
              'inv': raised: ZeroDivisionError('float division by zero')
              'mul': waited for 'e', which never came
                'e': not computed: nothing produces it and it was not given
            >>> sol.explain('c').causes[0].kind
            'raised'
        """
        from ._explain import explain  # Only when asked: keeps imports light.
        return explain(self, node_ids)

    def get_sub_dsp_from_workflow(self, sources, reverse=False,
                                  add_missing=False, check_inputs=True):
        """
        Returns the sub-dispatcher induced by a breadth-first search on the
        workflow of this solution (see
        :meth:`~schedula.dispatcher.Dispatcher.get_sub_dsp_from_workflow`).

        Example::

            >>> import schedula as sh
            >>> d = sh.Dispatcher()
            >>> d.add_function('inc', lambda a: a + 1, ['a'], ['b'])
            'inc'
            >>> sol = d.dispatch({'a': 1})
            >>> list(sol.get_sub_dsp_from_workflow(['b'], reverse=True).nodes)
            ['b', 'inc', 'a']
        """
        return self.dsp.get_sub_dsp_from_workflow(
            sources, graph=self.workflow, reverse=reverse,
            add_missing=add_missing, check_inputs=check_inputs)


def _seed_order(inputs, inputs_dist, initial_dist=0.0):
    """
    The inputs with their distances as plain tuples, in the order a run
    seeds them: by distance, then ``str(id)``, then position.

    Example::

        >>> _seed_order({'b': 1, 'a': 2, 'c': 3}, {'c': -1})
        [((0, -1.0), 'c'), ((0, 0.0), 'a'), ((0, 0.0), 'b')]
    """
    start = _as_tuple(inf.format(initial_dist))
    base = _plus(start, 0.0)  # The distance of most inputs.
    keys = list(inputs)
    seeds = sorted((_plus(start, inputs_dist[k]) if k in inputs_dist else
                    base, str(k), i) for i, k in enumerate(keys))
    return [(d, keys[i]) for d, _, i in seeds]


def _new_solution(cls):
    return cls.__new__(cls)
