# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""
Dispatchers used as functions: :class:`SubDispatch` (dicts in, a solution or
a selection out), :class:`SubDispatchFunction` (positional arguments),
:class:`SubDispatchPipe` (the execution plan computed once, then replayed) and
:class:`DispatchPipe` (a pipe reusing one solution).

They are public in :mod:`schedula.utils.dsp`, where they are imported from.
"""
import inspect
import logging
from .base import Base
from .cst import START
from .exc import DispatcherError
from .asy import EXECUTORS
from .asy._result import _is_async, _may_hold_futures
from ._free import replace_solution, release
from ._replay import compile_plan, seed, replay
from .sol import _paused_gc
from ._helpers import combine_dicts, selector, NoSub

__all__ = ['SubDispatch', 'SubDispatchFunction', 'SubDispatchPipe', 'NoSub',
           'DispatchPipe']

_OUTPUT_TYPES = ('all', 'dict', 'list', 'values')
_MODULE = 'schedula.utils.dsp'  # Where users (and pickles) find the classes.
log = logging.getLogger(_MODULE)


def _unreachable(missed, available):
    return ('\n  Unreachable output-targets: {}\n'
            '  Available outputs: {}').format(missed, available)


def _check_data_nodes(dsp, inputs, outputs):
    # An id of a function or sub-dispatcher node is no input or output (1.2.0
    # crashed with `KeyError: start`). Ids that are not nodes are accepted as
    # in 1.2.0: a pipe's input simply appears in the solution, a function's
    # fails at call time, an output gives "Unreachable output-targets".
    nodes = dsp.nodes
    for what, ids in (('input', inputs), ('output', outputs)):
        for k in ids or ():
            if nodes.get(k, {}).get('type', 'data') != 'data':
                raise ValueError('The %s %r is not a data node of the '
                                 'dispatcher %r.' % (what, k, dsp.name))


def _template(dsp, inputs, outputs, wildcard, inputs_dist):
    # The solution that every call copies: declared inputs set to None.
    return dsp.solution.__class__(
        dsp, dict.fromkeys(inputs or (), None), outputs, wildcard, None,
        inputs_dist, False, False)


class _Signature:
    # `__signature__`: on a class, its constructor's (1.2.0's property made
    # `inspect.signature(SubDispatchFunction)` fail); on an instance, what
    # `get_call(obj)` gives (None: the signature of `__call__`).
    def __init__(self, get_call=None):
        self.get_call = get_call

    def __get__(self, obj, cls=None):
        if obj is None:
            sig = inspect.signature(cls.__init__)
            return sig.replace(parameters=list(sig.parameters.values())[1:])
        return self.get_call(obj) if self.get_call else None


class SubDispatch(Base):
    """
    A dispatcher wrapped as a function of dicts of inputs.

    :param dsp:
        The dispatcher.
    :type dsp: schedula.Dispatcher

    :param outputs:
        Targets of the dispatch (see :meth:`Dispatcher.dispatch`).
    :type outputs: list

    :param output_type:
        What a call returns: 'all' (the solution), 'dict', 'list' or
        'values' (the selected `outputs`); any other value behaves like
        'dict', as in 1.2.0 (a warning is logged at construction).
    :type output_type: str

    The other parameters are those of :meth:`Dispatcher.dispatch`.

    Changes from 1.2.0 (accidents fixed): a non-'all' `output_type` with
    ``outputs=None`` raises a ``TypeError`` saying that `outputs` are needed
    (1.2.0: "'NoneType' object is not iterable");
    ``inspect.signature`` of the classes gives their constructor's.

    Example::

        >>> import schedula as sh
        >>> sub = sh.Dispatcher(name='inner')
        >>> sub.add_function('double', lambda x: 2 * x, ['x'], ['y'])
        'double'
        >>> sd = SubDispatch(sub, ['y'], output_type='dict')
        >>> sd({'x': 3}), sd.__name__
        ({'y': 6}, 'inner')
        >>> sorted(sd.blue().kwargs)[:3], sd.copy()({'x': 1})
        (['cutoff', 'dsp', 'inputs_dist'], {'y': 2})
    """
    __module__ = _MODULE
    __signature__ = _Signature()
    _is_sub_dispatch = True

    def __new__(cls, dsp=None, *args, **kwargs):
        from .blue import Blueprint
        if isinstance(dsp, Blueprint):  # Build `cls` when registered.
            return Blueprint(dsp, *args, **kwargs)._set_cls(cls)
        return super().__new__(cls)

    def __init__(self, dsp, outputs=None, cutoff=None, inputs_dist=None,
                 wildcard=False, no_call=False, shrink=False,
                 rm_unused_nds=False, output_type='all'):
        if output_type not in _OUTPUT_TYPES:  # 1.2.0: silently a 'dict'.
            log.warning("%s: unknown output_type %r, treated as 'dict' "
                        "(expected one of %s).", dsp.name, output_type,
                        ', '.join(map(repr, _OUTPUT_TYPES)))
        self.dsp = dsp
        self.outputs = outputs
        self.cutoff = cutoff
        self.wildcard = wildcard
        self.no_call = no_call
        self.shrink = shrink
        self.output_type = output_type
        self.inputs_dist = inputs_dist
        self.rm_unused_nds = rm_unused_nds
        self.name = self.__name__ = dsp.name
        self.__doc__ = dsp.__doc__
        self.solution = dsp.solution.__class__(dsp)

    def blue(self, memo=None):
        """
        Returns a :class:`~schedula.utils.blue.Blueprint` that rebuilds this
        object when registered.
        """
        from .blue import Blueprint, _parent_blue
        memo = {} if memo is None else memo
        if self not in memo:
            params = inspect.signature(self.__init__).parameters
            kw = {k: _parent_blue(v, memo) for k, v in self.__dict__.items()
                  if k in params}
            memo[self] = Blueprint(**kw)._set_cls(self.__class__)
        return memo[self]

    def __getstate__(self):
        state = self.__dict__.copy()
        state['solution'] = state['solution'].__class__(state['dsp'])
        del state['__name__']
        return state

    def __setstate__(self, state):
        self.__dict__ = state
        self.__name__ = self.name

    def copy(self):
        """Returns a deep copy of the wrapper (and of its dispatcher)."""
        import copy
        return copy.deepcopy(self)

    def __call__(self, *input_dicts, copy_input_dicts=False, _stopper=None,
                 _executor=None, _sol_name=()):
        inputs = combine_dicts(*input_dicts, copy=copy_input_dicts)
        solution = self.dsp.dispatch(
            inputs, self.outputs, self.cutoff, self.inputs_dist,
            self.wildcard, self.no_call, self.shrink, self.rm_unused_nds,
            stopper=_stopper, executor=_executor, sol_name=_sol_name)
        replace_solution(self, solution)  # Old one freed if unreachable.
        return self._return(solution)

    def _resolve(self, solution):
        # Waits for the asynchronous results (their errors are raised).
        solution.result()

    def _return(self, solution):
        self._resolve(solution)  # Its result() drops `_plain_values`.
        solution.parent = self
        if self.output_type == 'all':
            return solution
        outputs = self.outputs
        if outputs is None:
            raise TypeError('%s: output_type %r needs `outputs` (they are '
                            'None).' % (self.name, self.output_type))
        try:
            return selector(outputs, solution, output_type=self.output_type)
        except KeyError:
            missed = {k for k in outputs if k not in solution}
            raise DispatcherError(_unreachable(missed, list(solution)),
                                  sol=solution) from None


class SubDispatchFunction(SubDispatch):
    """
    A dispatcher wrapped as a function of its `inputs` (positional or
    keyword arguments), returning its `outputs`.

    :param dsp:
        The dispatcher (shrunk to what is needed, unless `shrink` is False).
    :type dsp: schedula.Dispatcher

    :param function_id:
        The function name (also given to the dispatcher).
    :type function_id: str

    :param inputs:
        Input data ids: the arguments of the function.
    :type inputs: list

    :param outputs:
        Output data ids: one output gives a bare value, several a list,
        None the solution.
    :type outputs: list

    Change from 1.2.0 (accident fixed): `inputs` and `outputs` that are
    function or sub-dispatcher nodes of `dsp` raise ``ValueError`` naming
    them at construction (1.2.0 crashed or never returned a result). As in
    1.2.0, an input that is not a node of the (shrunk) model makes every call
    raise ``TypeError`` (an unexpected keyword argument) and an output that
    is not a node gives the "Unreachable output-targets" ``ValueError``.

    Example::

        >>> import inspect, schedula as sh
        >>> dsp = sh.Dispatcher(name='model')
        >>> dsp.add_data('k', default_value=10)
        'k'
        >>> dsp.add_function('mul', lambda x, k: x * k, ['x', 'k'], ['y'])
        'mul'
        >>> f = SubDispatchFunction(dsp, 'calc', ['x', 'k'], ['y'])
        >>> f(2), f(2, 3), str(inspect.signature(f))
        (20, 6, '(x, k=10, **kw)')
    """
    __module__ = _MODULE
    var_keyword = 'kw'
    _check_nodes = True  # The pipes check the model they are given.
    _is_sub_dispatch_function = True

    def __init__(self, dsp, function_id=None, inputs=None, outputs=None,
                 cutoff=None, inputs_dist=None, shrink=True, wildcard=True):
        if self._check_nodes:
            _check_data_nodes(dsp, inputs, outputs)
        if shrink:
            dsp = dsp.shrink_dsp(inputs, outputs, cutoff=cutoff,
                                 inputs_dist=inputs_dist, wildcard=wildcard)
        if outputs:
            missed = {k for k in outputs if k not in dsp.nodes}
            if missed:
                raise ValueError(_unreachable(missed, list(dsp.data_nodes)))
        self.inputs = inputs
        dsp.name = self.function_id = function_id or dsp.name or 'fun'
        self._sol = _template(dsp, inputs, outputs, wildcard, inputs_dist)
        super().__init__(dsp, outputs, cutoff, inputs_dist, wildcard, False,
                         True, True, 'list')
        if outputs is None:
            self.output_type = 'all'
        elif len(outputs) == 1:
            self.output_type = 'values'

    def _call_signature(self):
        dfl, params = self.dsp.default_values, []
        kind, empty = inspect.Parameter.POSITIONAL_OR_KEYWORD, \
            inspect.Parameter.empty
        for k in self.inputs or ():
            p = inspect.Parameter(
                'x', kind, default=dfl[k]['value'] if k in dfl else empty)
            p._name = k  # Any id is a valid name here (no validation).
            params.append(p)
        if self.var_keyword:
            params.append(inspect.Parameter(
                self.var_keyword, inspect.Parameter.VAR_KEYWORD))
        return inspect.Signature(params, __validate_parameters__=False)

    __signature__ = _Signature(_call_signature)

    def _parse_inputs(self, *args, **kw):
        inputs, dfl = {}, self.dsp.default_values
        for i, k in enumerate(self.inputs or ()):
            if i < len(args):
                if k in kw:
                    raise TypeError('multiple values for argument %r' % (k,))
                inputs[k] = args[i]
            elif k in kw:
                inputs[k] = kw.pop(k)
            elif k in dfl:
                inputs[k] = dfl[k]['value']
            else:
                raise TypeError('missing a required argument: %r' % (k,))
        if len(inputs) < len(args):
            raise TypeError('too many positional arguments')
        if self.var_keyword:
            inputs.update(kw)
        elif kw:
            raise TypeError('%s() got an unexpected keyword argument %r' % (
                self.function_id, next(iter(kw))))
        return inputs

    def __call__(self, *args, _stopper=None, _executor=False, _sol_name=(),
                 **kw):
        sol = self._sol._copy_structure()  # Held here before it is shared.
        replace_solution(self, sol)  # Old one freed if unreachable.
        sol.full_name = _sol_name
        inputs = self._parse_inputs(*args, **kw)
        nodes = self.dsp.nodes
        unknown = [k for k in inputs
                   if nodes.get(k, {}).get('type') != 'data']
        if unknown:
            raise TypeError("%s() got an unexpected keyword argument '%s'" % (
                self.function_id, min(unknown, key=str)))
        dist = self._sol.inputs_dist.copy()
        dist.update(dict.fromkeys(inputs, 0))
        if self.inputs_dist:
            dist.update(self.inputs_dist)
        for k, v in self.dsp.default_values.items():
            if k not in inputs:
                inputs[k] = v['value']
        sol._init_workflow(inputs, inputs_dist=dist, clean=False)
        sol._run(stopper=_stopper, executor=_executor)
        return self._return(sol)


class SubDispatchPipe(SubDispatchFunction):
    """
    A :class:`SubDispatchFunction` that computes its execution plan (the
    pipe) once and replays it at every call: no search at call time, only
    the recorded path runs (domains are still checked).

    A declared input that is not a node of the model (or of the reduced
    model the pipe runs) is accepted and simply appears in the solution, as
    in 1.2.0.

    Changes from 1.2.0 (accidents fixed): an unknown keyword raises
    ``TypeError`` naming it (1.2.0: "'dict' object is not an iterator");
    sub-dispatchers (``add_dispatcher``) of the model are replayed with their
    default values and recorded on the workflow node (``solution``); deep
    copies get their own template and plan.

    Example::

        >>> import schedula as sh
        >>> dsp = sh.Dispatcher(name='model')
        >>> dsp.add_data('k', default_value=10)
        'k'
        >>> dsp.add_function('mul', lambda x, k: x * k, ['x', 'k'], ['y'])
        'mul'
        >>> dsp.add_function('sq', lambda y: y ** 2, ['y'], ['z'])
        'sq'
        >>> p = SubDispatchPipe(dsp, 'pipe', ['x', 'k'], ['z'])
        >>> p(3), p(3, 2), [step[0][-1][0] for step in p.pipe]
        (900, 36, ['k', 'x', 'mul', 'y', 'sq', 'z'])
        >>> ctx = SubDispatchPipe(dsp, 'ctx', ['x', 'sheet'], ['y'])
        >>> ctx(3, 'S1'), ctx.solution    # 'sheet' is not a node
        (30, Solution([('sheet', 'S1'), ('k', 10), ('x', 3), ('y', 30)]))
    """
    __module__ = _MODULE
    var_keyword = None
    _check_nodes = False
    _is_pipe = True
    _records_pipe = True  # The replay appends its tasks to the pipe.

    def __init__(self, dsp, function_id=None, inputs=None, outputs=None,
                 cutoff=None, inputs_dist=None, no_domain=True,
                 wildcard=True):
        _check_data_nodes(dsp, inputs, outputs)
        self.solution = sol = dsp.solution.__class__(
            dsp, inputs, outputs, wildcard, cutoff, inputs_dist, True, True,
            no_domain=no_domain)
        sol._run()
        dsp = dsp._get_dsp_from_solution(sol, outputs or list(sol))
        super().__init__(dsp, function_id, inputs, outputs, cutoff,
                         inputs_dist, shrink=False, wildcard=wildcard)
        self._reset_sol()
        self._plan, self._steps = self._set_pipe()

    @property
    def pipe(self):
        """
        The execution plan: ``[(task, next_nodes, next_dsps), ...]`` (planned
        again after a copy or a pickle).
        """
        if self._plan is None:
            self._reset_sol()
            self._plan, self._steps = self._set_pipe()
        return self._plan

    def _reset_sol(self):
        # A value-less run of the template records the plan.
        sol = self._sol
        sol.no_call = True
        sol._init_workflow()
        sol._run()
        sol.no_call = False
        for sub in sol.sub_sol.values():
            if sub is not sol:  # Children of the value-less run: add values.
                sub.no_call = False
                sub.inputs = {k: v['value']
                              for k, v in sub.dsp.default_values.items()}

    def _set_pipe(self):
        pipe = []
        for item in self._sol.pipe.values():
            dist, key, (node_id, sol) = item['task']
            if node_id is START:
                next_nodes = sol.dsp.dmap._succ[START]
            else:
                next_nodes = sol.workflow._succ[node_id]
            succ, nodes = sol.dmap._succ[node_id], sol.nodes
            next_dsps = [(k, sol._edge_length(succ[k], nodes[k]))
                         for k in next_nodes
                         if nodes[k]['type'] == 'dispatcher']
            pipe.append(((dist, key, (node_id, sol)), next_nodes, next_dsps))
        return pipe, compile_plan(pipe, self._sol)  # The plan, compiled.

    def _init_new_solution(self, sol_name):
        # Fresh copies of the template solutions (sharing its distances).
        sub_sol = {}
        for s in self._sol.sub_sol.values():
            new = sub_sol[s.index] = s._copy_structure(dist=1)
            new.fringe, new.sub_sol = None, sub_sol
            new.full_name = sol_name + s.full_name
        return sub_sol[self._sol.index]

    def _init_workflows(self, solution, inputs):
        solution.inputs.update(inputs)
        seed(solution, self._steps)

    def _callback_pipe_failure(self):
        pass

    def __call__(self, *args, _stopper=None, _executor=False, _sol_name=(),
                 **kw):
        if self._steps is None:
            self.pipe  # Planned again after a copy or a pickle.
        plan = self._steps
        clean, plan.clean = plan.clean, False  # Until this call is done.
        # The replay fills its own `solution` (a local): calls from several
        # threads each fill theirs; `self.solution` shows the latest started.
        solution = self._init_new_solution(_sol_name)
        old, self.solution = self.solution, solution
        with _paused_gc():  # As a dispatch: nothing allocated is garbage.
            try:
                self._init_workflows(solution, self._parse_inputs(*args,
                                                                  **kw))
                record = solution._pipe.append if self._records_pipe \
                    else None
                classes = replay(solution, plan, record, _stopper,
                                 _executor, self._callback_pipe_failure)
                self._set_plain_values(solution, classes, clean)
            finally:
                # Freed now, while the collector is paused: it would
                # otherwise scan the new solution for nothing.
                if old is not solution:
                    release(old)  # `old` is the reference `release` counts.
                del old
        return self._return(solution)

    def _set_plain_values(self, solution, classes, clean):
        # A new solution filled by plain calls only: its values are the
        # inputs and the results, so `result()` need not scan it when none
        # of them is asynchronous.
        if _wrote_plain(solution, classes):
            solution._plain_values = True

    def __copy__(self):
        # A shallow copy shares the template and its plan.
        obj = self.__class__.__new__(self.__class__)
        obj.__dict__.update(self.__dict__)
        return obj

    def __deepcopy__(self, memo):
        # A deep copy plans again at its first call, on its own template
        # (1.2.0's deep copies were broken). Not now: the copy may start from
        # a solution whose copy is not complete yet.
        obj = super().__deepcopy__(memo)
        obj._plan = obj._steps = None
        return obj

    def __getstate__(self):
        # No last results: a fresh template (the calls leave their inputs in
        # the template's, a DispatchPipe its whole last solution), planned
        # again when needed. The object itself is left as it is.
        state = super().__getstate__()
        state['_sol'] = _template(self.dsp, self.inputs, self.outputs,
                                  self.wildcard, self.inputs_dist)
        state['_plan'] = state['_steps'] = None
        return state


def _wrote_plain(solution, classes):
    # True if a replay wrote only plain values: `classes` holds those of the
    # results (None: a step went the general way), the inputs are added.
    if classes is None:
        return False
    classes.update(map(type, solution.inputs.values()))
    return not any(map(_is_async, classes))


class DispatchPipe(NoSub, SubDispatchPipe):
    """
    A :class:`SubDispatchPipe` that reuses one solution for every call
    (faster; not thread-safe): any failure raises
    ``DispatcherError('The pipe is not respected.')``.

    Changes from 1.2.0 (accidents fixed): deep copies work and are
    independent (1.2.0's failed or kept returning the pre-copy result);
    pickling does not reset the object: its state holds a fresh template and
    no plan (both rebuilt on loading), so no last results.

    Example::

        >>> import operator, schedula as sh
        >>> inner = sh.Dispatcher(name='inner')
        >>> inner.add_function('div', operator.truediv, ['a', 'b'], ['c'])
        'div'
        >>> dp = DispatchPipe(inner, 'DP', ['a', 'b'], ['c'])
        >>> dp(1, 2), dp.solution is dp._sol
        (0.5, True)
        >>> twin = dp.copy()
        >>> twin(1, 4), dp(3, 4), twin.solution is not dp.solution
        (0.25, 0.75, True)
    """
    __module__ = _MODULE
    _records_pipe = False  # The recorded pipe is kept as it is.

    def _init_new_solution(self, sol_name):
        EXECUTORS.set_active(id(self._sol))
        return self._sol

    def _init_workflows(self, solution, inputs):
        for sol in self._sol.sub_sol.values():
            sol._visited.clear()
        super()._init_workflows(solution, inputs)

    def _set_plain_values(self, solution, classes, clean):
        # The reused solution keeps what earlier calls left: its `result()`
        # skips the scan for futures only when this call wrote plain values
        # and the solution was free of futures before (`clean`: found so by
        # a scan, or left so by the value-less run of the planning).
        if _wrote_plain(solution, classes) and (
                clean or not _may_hold_futures(solution)):
            self._steps.clean = solution._plain_values = True

    def _callback_pipe_failure(self):
        raise DispatcherError('The pipe is not respected.', sol=self.solution)

    def _resolve(self, solution):
        try:
            solution.result()
        except Exception:
            self._callback_pipe_failure()

    def plot(self, workflow=None, *args, **kwargs):
        """Plots the last solution (with `workflow`) or the model."""
        if workflow:
            return self.solution.plot(workflow, *args, **kwargs)
        return super().plot(workflow, *args, **kwargs)

