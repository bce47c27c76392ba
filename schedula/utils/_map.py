# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""
:class:`MapDispatch`: one model dispatched over a list of inputs (private
module: the class is public in :mod:`schedula.utils.dsp`).

A call builds a dispatcher with one task (function node) per item, so the
batch has a solution, a workflow and a plot like any dispatch, and an
executor runs the items side by side: each item is *one* task (its whole
sub-dispatch runs synchronously where the executor puts it: a thread, a
worker process, a Dask worker), and the model travels to the workers once per
call, not once per item.
"""
import gc
import uuid
import weakref
import threading
import collections
from contextlib import nullcontext
from collections.abc import Iterable, Mapping

from .exc import DispatcherError, DispatcherAbort
from .asy import _get_executor
from .asy.factory import _worker
from ._free import replace_solution
from ._helpers import combine_dicts, selector, parent_func, _is
from .wrappers import SubDispatch, _unreachable, _MODULE

__all__ = ['MapDispatch']

#: The keywords of :class:`SubDispatch` that set the map's own dispatch.
_OPTIONS = ('cutoff', 'inputs_dist', 'wildcard', 'no_call', 'rm_unused_nds',
            'output_type')

_LABELS = ('input_label', 'output_label', 'data_label', 'cluster_label')


def _no_kw(*args, **data):
    """No extra keywords for the task nodes (default `func_kw`)."""
    return {}


def _check_label(name, label):
    # A label makes the node ids of the items: one '{}' field, the index.
    try:
        ok = isinstance(label, str) and label.format(0) != label.format(1)
    except (IndexError, KeyError, ValueError):
        ok = False
    if not ok:
        raise ValueError("MapDispatch: %s must be a str with one '{}' field "
                         "for the item index (e.g. 'inputs<{}>'), not %r." %
                         (name, label))


def _as_dict(value, what):
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise TypeError('MapDispatch: %s must be a dict, not %s: %r.' % (
            what, type(value).__name__, value))
    return value


def _check_items(inputs):
    # A list of mappings, one per item (a dict would iterate its keys).
    if isinstance(inputs, (Mapping, str, bytes)) or \
            not isinstance(inputs, Iterable):
        raise TypeError('MapDispatch inputs must be a list of dicts (one per '
                        'item), not %s: %r.' % (type(inputs).__name__, inputs))
    items = list(inputs)
    for i, item in enumerate(items):
        if not isinstance(item, Mapping):
            raise TypeError('MapDispatch inputs: item %d must be a dict of '
                            'inputs, not %s: %r.' % (
                                i, type(item).__name__, item))
    return items


# ------------------------------------------------------------ the model once
#: Models received by this worker process: {key: model}, the latest kept.
_BLOBS = collections.OrderedDict()
_BLOBS_LOCK = threading.Lock()
_BLOBS_MAX = 4


def _load_blob(key, data):
    # Unpickles the model of a map call once per worker process.
    with _BLOBS_LOCK:
        try:
            obj = _BLOBS[key]
            _BLOBS.move_to_end(key)
            return obj
        except KeyError:
            pass
    import dill
    obj = dill.loads(data)
    with _BLOBS_LOCK:
        obj = _BLOBS.setdefault(key, obj)
        while len(_BLOBS) > _BLOBS_MAX:
            _BLOBS.popitem(last=False)
    return obj


class _Blob:
    # The model of a map call: pickled once (with dill) however many tasks
    # carry it, unpickled once per worker process.
    def __init__(self, obj):
        self.obj, self.key = obj, uuid.uuid4().hex
        self._data, self._lock = None, threading.Lock()

    def __reduce__(self):
        with self._lock:
            if self._data is None:
                import dill
                self._data = dill.dumps(self.obj)
        return _load_blob, (self.key, self._data)


# ------------------------------------------------------------- one item call
def _shallow(func):
    # Its own `solution` per call (the model and the settings are shared).
    state = getattr(func, '__dict__', None)
    if state is None or not _is(func, '_is_sub_dispatch'):
        return func
    obj = object.__new__(type(func))
    obj.__dict__.update(state)
    return obj


def _forget(call, func, model, before):
    # What points to the item's solution after the call: the copy (whose
    # solution's `parent` it is: a reference cycle) and the model (its last
    # dispatch). Reset both, so that a solution not kept is freed at once
    # (the garbage collector is paused while the map dispatches).
    if call is not func:
        call.solution = func.solution  # What it had: it still pickles.
    if model is not None and getattr(model, 'solution', before) is not before:
        replace_solution(model, before)


#: Locks of the pipes (they keep their running state on the instance).
_PIPE_LOCKS = weakref.WeakKeyDictionary()
_PIPE_LOCKS_LOCK = threading.Lock()


def _guard(func):
    # Calls of one pipe take turns (threads of 'async', of a Dask worker).
    if not _is(func, '_is_pipe'):
        return nullcontext()
    with _PIPE_LOCKS_LOCK:
        return _PIPE_LOCKS.setdefault(func, threading.Lock())


def _invoke(call, inner, args, recursive, keep, with_data, private):
    # ``(value, solution, error)`` of the call (see `_call_item`).
    is_sub = _is(inner, '_is_sub_dispatch')
    try:
        with _guard(inner):
            if not is_sub:
                res = call(*args)
            elif _is(inner, '_is_sub_dispatch_function'):
                res = call(**combine_dicts(*args), **private)
            else:
                res = call(*args, **private)
    except DispatcherError as ex:
        sol = ex.sol if ex.sol is not None else \
            getattr(call, 'solution', None)
        return None, sol, ex
    sol = getattr(call if is_sub else inner, 'solution', None)
    if with_data:  # The recursive inputs of the next item.
        src = sol if sol is not None else res
        res = res, {new: src[old] for old, new in recursive.items()
                    if old in src}
    return res, sol if keep else None, None


def _call_item(func, args, recursive, keep, with_data, **private):
    """
    Calls the model wrapper on one item: ``(value, solution, error)``, where
    the solution is kept when asked (or when the item failed) and the error
    is the `DispatcherError` of a failed item.
    """
    inner = parent_func(func)
    call = _shallow(func) if func is inner else func
    model = getattr(inner, 'dsp', None)
    before = getattr(model, 'solution', None)
    try:
        return _invoke(call, inner, args, recursive, keep, with_data,
                       private)
    finally:
        _forget(call, func, model, before)
        if not gc.isenabled():  # Paused by the map's dispatch: free the
            gc.collect(0)  # item's cyclic garbage (peak memory).


def _remote_item(func, args, recursive, keep, with_data, sol_name):
    # An item run by a worker: its whole sub-dispatch, synchronously.
    if isinstance(func, _Blob):  # A forked process: nothing was pickled.
        func = func.obj
    previous, _worker.active = getattr(_worker, 'active', False), True
    try:
        return _call_item(func, args, recursive, keep, with_data,
                          _stopper=None, _executor=False, _sol_name=sol_name)
    finally:
        _worker.active = previous


class _MapRun:
    # What the tasks of one map call share: the model wrapper, the recursive
    # inputs, the map's solution (for the executor look-up) and the handles
    # of the model on the executors' workers.
    def __init__(self, func, recursive):
        self.func, self.recursive = func, recursive
        self.keep = getattr(parent_func(func), 'output_type', None) == 'all'
        self.blob, self.sol = _Blob(func), None
        self._handles, self._lock = {}, threading.Lock()

    def __reduce__(self):  # Shipped with a task: the model once per worker.
        return _MapRun, (self.blob, self.recursive)

    def executor(self, spec):
        if spec is False or self.sol is None:
            return None
        return _get_executor(spec, self.sol)

    def handle(self, slot):
        # The model as the process slot receives it, made once per call.
        with self._lock:
            try:
                return self._handles[id(slot)]
            except KeyError:
                share = getattr(slot, 'share', None)
                handle = share(self.func) if share else self.blob
                self._handles[id(slot)] = handle
                return handle

    def release(self):
        self.sol = None
        with self._lock:
            self._handles.clear()  # E.g. the data scattered on Dask.


def _func_attr(name, default=None):
    return property(lambda self: getattr(self.run.func, name, default),
                    doc='The %r of the model wrapper.' % name)


class _MapItem:
    # The task of one item (a function node of the map's dispatcher): it
    # shows as the model wrapper (name, docs, drawings).
    _is_sub_dispatch = True  # Gets `_executor`; its `solution` is recorded.
    __doc__ = _func_attr('__doc__')
    dsp = _func_attr('dsp')
    name = __name__ = _func_attr('name')
    output_type = _func_attr('output_type', 'all')
    outputs = _func_attr('outputs')

    def __init__(self, run, with_data):
        self.run, self.with_data, self.solution = run, with_data, None

    def __getstate__(self):
        return {'run': self.run, 'with_data': self.with_data,
                'solution': None}

    def __call__(self, *args, _stopper=None, _executor=False, _sol_name=()):
        run = self.run
        in_worker = getattr(_worker, 'active', False)
        exe = None if in_worker else run.executor(_executor)
        slot = getattr(exe, '_process', None)
        if slot:  # One task on the executor's workers.
            if _stopper and _stopper.is_set():
                raise DispatcherAbort
            out = exe.process(
                id(run.sol), _remote_item, run.handle(slot), args,
                run.recursive, run.keep, self.with_data, _sol_name)
        else:  # Here: synchronously, in an executor's thread or a worker.
            out = _call_item(
                run.func, args, run.recursive, run.keep, self.with_data,
                _stopper=_stopper, _sol_name=_sol_name,
                _executor=_executor if exe is None and not in_worker
                else False)
        value, self.solution, err = out
        if err is not None:
            if err.sol is None and self.solution is not None:
                err.update(self.solution)  # Lost on the way back.
            raise err
        return value


class MapDispatch(SubDispatch):
    """
    A model dispatched over a list of inputs: each call builds a dispatcher
    with one task per item, so the items run side by side on an executor
    and the batch has a solution, a workflow and a plot (one cluster per
    task).

    :param dsp:
        The model.
    :type dsp: schedula.Dispatcher

    :param defaults:
        Inputs given to every item (an item's own values win).
    :type defaults: dict

    :param recursive_inputs:
        ``{output: input}``: each item after the first also receives, as
        `input`, the `output` that the previous item computed (these win
        over the item's values); the items then run one after the other.
    :type recursive_inputs: dict

    :param constructor:
        Builds the function called on each item from
        ``constructor(dsp, **constructor_kwargs)``: a :class:`SubDispatch`
        by default (each item's result is its solution), or e.g. a
        :class:`SubDispatchFunction` or a :class:`SubDispatchPipe` (the
        item's inputs are then passed as keywords).
    :type constructor: callable

    :param constructor_kwargs:
        Keywords of the `constructor` (e.g. ``{'outputs': ['c'],
        'output_type': 'list'}``).
    :type constructor_kwargs: dict

    :param function_id:
        Name of the map and prefix of its task ids (default: the model's
        name): the task of item `i` is ``'<function_id><i>'``.
    :type function_id: str

    :param func_kw:
        ``func_kw(index, inputs)`` returns extra keywords of
        :meth:`~schedula.Dispatcher.add_function` for the task of an item
        (e.g. ``{'description': ...}``).
    :type func_kw: callable

    :param input_label:
        Id of the data node of the inputs of item `i` (``.format(i)``).
    :type input_label: str

    :param output_label:
        Id of the data node of the result of item `i`.
    :type output_label: str

    :param data_label:
        Id of the data node of the recursive inputs that item `i` passes on.
    :type data_label: str

    :param cluster_label:
        Cluster (plot) of the nodes of item `i`.
    :type cluster_label: str

    :param kwargs:
        Options of the map's own dispatch, as for :class:`SubDispatch`:
        `cutoff`, `inputs_dist`, `wildcard`, `no_call`, `rm_unused_nds`
        and `output_type` ('list', the default: the items' results in input
        order; 'all': the map's solution; 'dict' and 'values').

    A call, ``map_func(inputs, defaults=None, recursive_inputs=None)``,
    takes a list of dicts (one per item), plus defaults and recursive
    inputs merged over (winning on) the constructor's.

    Under an executor (``_executor``, or as a node of a model dispatched
    with one) the items run side by side, each as *one* task (its whole
    sub-dispatch, synchronously): in a thread ('async'), a pool worker
    ('parallel-pool'), a process ('parallel', 'parallel-dispatch') or a Dask
    worker (:class:`~schedula.utils.asy.dask.DaskExecutor`); the model goes
    to each worker once per call (scattered on Dask). Results come back in
    input order; with `recursive_inputs` the chain order is kept.

    A failing item makes the call raise a
    :class:`~schedula.utils.exc.DispatcherError` naming its unreachable
    output (``outputs<i>``) on every executor; the map's solution
    (``map_func.solution``, or the error's ``sol``) keeps the other items'
    results and the failing item's error (in ``_errors``) and solution.
    The items' solutions are recorded on the tasks (workflow attribute
    ``solution``) when the results are solutions (``output_type='all'``);
    a map of values keeps only the values (memory: each item's solution is
    freed when its values are out, and the model's own ``solution`` is left
    as it was).

    Example::

        >>> import schedula as sh
        >>> dsp = sh.Dispatcher(name='model')
        >>> def fun(a, b):
        ...     return a + b, a - b
        >>> dsp.add_func(fun, ['c', 'd'], inputs_kwargs=True)
        'fun'
        >>> map_func = MapDispatch(dsp, constructor_kwargs={
        ...     'outputs': ['c', 'd'], 'output_type': 'list'
        ... })
        >>> map_func([{'a': 1, 'b': 2}, {'a': 2, 'b': 2}, {'a': 3, 'b': 2}])
        [[3, -1], [4, 0], [5, 1]]
        >>> map_func([{'a': 1}, {'a': 3, 'b': 3}], defaults={'b': 2})
        [[3, -1], [6, 0]]
        >>> sorted(map_func.solution.dsp.nodes)
        ['inputs<0>', 'inputs<1>', 'model<0>', 'model<1>', 'outputs<0>', 'outputs<1>']

        A running reduction: the `c` of an item is the `b` of the next one.

        >>> map_func = MapDispatch(dsp, recursive_inputs={'c': 'b'})
        >>> map_func([{'a': 1, 'b': 1}, {'a': 2}, {'a': 3}])
        [Solution([('a', 1), ('b', 1), ('c', 2), ('d', 0)]), Solution([('a', 2), ('b', 2), ('c', 4), ('d', 0)]), Solution([('a', 3), ('b', 4), ('c', 7), ('d', -1)])]
    """
    __module__ = _MODULE

    def __init__(self, dsp, defaults=None, recursive_inputs=None,
                 constructor=SubDispatch, constructor_kwargs=None,
                 function_id=None, func_kw=_no_kw, input_label='inputs<{}>',
                 output_label='outputs<{}>', data_label='data<{}>',
                 cluster_label='task<{}>', **kwargs):
        for k in kwargs:
            if k not in _OPTIONS:
                raise TypeError('MapDispatch() got an unexpected keyword '
                                'argument %r (options: %s).' % (
                                    k, ', '.join(_OPTIONS)))
        labels = dict(zip(_LABELS, (input_label, output_label, data_label,
                                    cluster_label)))
        for name, label in labels.items():
            _check_label(name, label)
        if not callable(func_kw):
            raise TypeError('MapDispatch: func_kw must be callable, not %r.'
                            % (func_kw,))
        function_id = function_id or dsp.name or 'fun'
        ids = [labels[k].format(0) for k in _LABELS[:3]]
        ids.append('%s<0>' % function_id)
        if len(set(ids)) != len(ids):
            raise ValueError('MapDispatch: the labels and the function_id give'
                             ' the same node ids: %s.' % ', '.join(ids))
        self.defaults = dict(_as_dict(defaults, 'defaults'))
        self.recursive_inputs = dict(_as_dict(recursive_inputs,
                                              'recursive_inputs'))
        self.constructor = constructor
        self.constructor_kwargs = dict(constructor_kwargs or {})
        self.func = constructor(dsp, **self.constructor_kwargs)
        self.func_kw = func_kw
        self.function_id = function_id
        self.__dict__.update(labels)
        kwargs.setdefault('output_type', 'list')
        super().__init__(dsp, **kwargs)
        self.name = self.__name__ = function_id

    def blue(self, memo=None):
        """
        Returns a :class:`~schedula.utils.blue.Blueprint` that rebuilds this
        object when registered.
        """
        from .blue import Blueprint, _parent_blue
        memo = {} if memo is None else memo
        if self not in memo:
            keys = ('dsp', 'defaults', 'recursive_inputs', 'constructor',
                    'constructor_kwargs', 'function_id', 'func_kw') + \
                _LABELS + _OPTIONS
            kw = {k: _parent_blue(getattr(self, k), memo) for k in keys}
            memo[self] = Blueprint(**kw)._set_cls(self.__class__)
        return memo[self]

    def _build(self, items, defaults, recursive, run):
        # The map's dispatcher: per item, inputs -> task -> outputs (and the
        # recursive data passed on), all in the item's cluster.
        from ..dispatcher import Dispatcher
        dsp = Dispatcher(
            name=self.name, executor=getattr(self.dsp, 'executor', None),
            raises='' if getattr(self.dsp, 'raises', False) == '' else False)
        nodes, inputs, outputs = dsp.nodes, {}, []
        inp, out, dat, cls = (getattr(self, k).format for k in _LABELS)
        last = len(items) - 1
        for i, item in enumerate(items):
            value = combine_dicts(defaults, item)
            ins, outs = [inp(i)], [out(i)]
            if recursive and i:
                ins.append(dat(i - 1))
            if recursive and i < last:
                outs.append(dat(i))
            kw = self.func_kw(i, value)
            if not isinstance(kw, Mapping):
                raise TypeError('MapDispatch: func_kw must return a dict, not'
                                ' %r.' % (kw,))
            kw = dict(kw)
            kw.setdefault('clusters', cls(i))
            dsp.add_function('%s<%d>' % (self.function_id, i),
                             _MapItem(run, len(outs) > 1), ins, outs, **kw)
            for k in ins[:1] + outs:
                nodes[k]['clusters'] = cls(i)
            inputs[ins[0]] = value
            outputs.append(outs[0])
        return dsp, inputs, outputs

    def __call__(self, inputs, defaults=None, recursive_inputs=None,
                 _stopper=None, _executor=False, _sol_name=()):
        items = _check_items(inputs)
        defaults = combine_dicts(self.defaults, _as_dict(defaults, 'defaults'))
        recursive = combine_dicts(self.recursive_inputs, _as_dict(
            recursive_inputs, 'recursive_inputs'))
        run = _MapRun(self.func, recursive)
        dsp, inputs, outputs = self._build(items, defaults, recursive, run)
        sol = run.sol = dsp.solution.__class__(
            dsp, inputs, None, self.wildcard, self.cutoff, self.inputs_dist,
            self.no_call, self.rm_unused_nds, full_name=_sol_name)
        replace_solution(dsp, sol)
        try:
            sol._run(stopper=_stopper, executor=_executor)
            replace_solution(self, sol)
            return self._return_items(sol, outputs)
        finally:
            run.release()

    def _resolve(self, solution):
        # Waits for the items; a failed one is reported by its missing
        # output, as synchronously (its error is in `_errors`).
        try:
            solution.result()
        except Exception:
            pass

    def _return_items(self, solution, outputs):
        self._resolve(solution)
        solution.parent = self
        if self.output_type == 'all':
            return solution
        missed = [k for k in outputs if k not in solution]
        if missed:
            raise DispatcherError(_unreachable(set(missed), list(solution)),
                                  sol=solution)
        return selector(outputs, solution, output_type=self.output_type)
