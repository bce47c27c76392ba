# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""
The executor interface of the dispatch: how a node is evaluated
(:func:`async_thread`), how its function chain is called
(:func:`async_process`), the registry of executors (:data:`EXECUTORS`) and
how asynchronous values come back (:func:`await_result`).

Without an executor (the default ``executor=False``, or a name that has no
registered factory) everything runs synchronously in the calling thread.
"""
import weakref
import threading
from operator import methodcaller
from itertools import chain
from concurrent.futures import Future, wait as wait_futures
from ..cst import EMPTY
from ..exc import DispatcherAbort, DispatcherError, SkipNode, ExecutorShutdown

__all__ = ['register_executor', 'shutdown_executor', 'shutdown_executors',
           'await_result', 'EXECUTORS', 'async_thread', 'async_process']


def await_result(obj, timeout=None):
    """
    Returns the result of a future (waiting at most `timeout` seconds), or
    `obj` itself when it is not a future.

    :param obj:
        A value or a :class:`concurrent.futures.Future`.
    :type obj: object

    :param timeout:
        Seconds to wait at most (None: no limit).
    :type timeout: float

    :return:
        The value.
    :rtype: object

    Example::

        >>> from concurrent.futures import Future
        >>> f = Future(); f.set_result('x')
        >>> await_result(f), await_result('plain'), await_result(f, 0)
        ('x', 'plain', 'x')
    """
    return obj.result(timeout) if isinstance(obj, Future) else obj


class ExecutorFactory(dict):
    """
    Registry of executors: ``{name: factory}``, plus the executors created
    (``_executors``: ``{name: {'active': {sid: bool}, 'executor': ...}}``).

    Example::

        >>> reg = ExecutorFactory()
        >>> reg.get_executor(('unknown', 1)) is None, list(reg._executors)
        (True, ['unknown'])
        >>> reg.get_executor((False, 1)), list(reg._executors)
        (None, ['unknown'])
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._executors = {}
        self._lock = threading.Lock()

    def __reduce__(self):
        return self.__class__, (dict(self),)

    @staticmethod
    def executor_id(name, sol):
        """
        The executor id ``(name, id(sol))``; `True` means ``sol.dsp.executor``.

        Example::

            >>> import schedula as sh
            >>> sol = sh.Dispatcher(executor='async').solution
            >>> ExecutorFactory.executor_id(True, sol) == ('async', id(sol))
            True
        """
        if name is True:
            name = sol.dsp.executor
        return name, id(sol)

    def set_executor(self, name, value):
        """
        Sets the executor object used for `name`.

        Example::

            >>> reg = ExecutorFactory()
            >>> reg.set_executor('x', None); reg._executors
            {'x': {'executor': None}}
        """
        self._executors.setdefault(name, {})['executor'] = value

    def get_executor(self, exe_id):
        """
        Returns the executor of `exe_id` (None: run synchronously).

        Example::

            >>> reg = ExecutorFactory(sync=lambda: None)
            >>> reg.get_executor(('sync', 1)), reg._executors
            (None, {'sync': {'active': {1: True}, 'executor': None}})
        """
        name, sid = exe_id
        if name is False:
            return None
        entry = self._executors.setdefault(name, {})
        active = entry.setdefault('active', {}).setdefault(sid, True)
        if not active:  # Deactivated (result() or a shutdown): stopped.
            raise ExecutorShutdown('The executor %r was shut down for this '
                                   'solution.' % (name,))
        with self._lock:
            if 'executor' not in entry:
                factory = self.get(name)
                entry['executor'] = factory() if factory else None
            return entry['executor']

    def set_active(self, sol_id, value=True):
        """
        Sets the flag of the solution id `sol_id` in every entry.

        Example::

            >>> reg = ExecutorFactory()
            >>> reg.get_executor(('x', 1)); reg.set_active(1, False)
            >>> reg._executors['x']['active']
            {1: False}
        """
        for entry in self._executors.values():
            active = entry.get('active', {})
            if sol_id in active:
                active[sol_id] = value

    def pop_active(self, sol_id):
        """
        Forgets the solution id `sol_id` in every entry.

        Example::

            >>> reg = ExecutorFactory()
            >>> reg.get_executor(('x', 1)); reg.pop_active(1)
            >>> reg._executors['x']['active']
            {}
        """
        for entry in self._executors.values():
            entry.get('active', {}).pop(sol_id, None)

    def shutdown_executor(self, name=EMPTY, sol_id=EMPTY, wait=True):
        """
        Shuts down the executors (all, or `name`) used by `sol_id`.

        :return:
            ``{name: shutdown report}`` of the executors really shut down.
        :rtype: dict

        Example::

            >>> reg = ExecutorFactory()
            >>> reg.get_executor(('x', 1)); reg.shutdown_executor('x', 1)
            {}
            >>> reg._executors['x']['active']
            {1: False}
        """
        selected = {k: v for k, v in self._executors.items()
                    if (name is EMPTY or k == name) and
                    (sol_id is EMPTY or sol_id in v.get('active', {}))}
        if wait:
            futures = set()
            for entry in selected.values():
                exe = entry.get('executor')
                if exe:
                    futures.update(exe.get_futures(sol_id))
            wait_futures(futures)
        removed = {}
        with self._lock:
            for k, entry in selected.items():
                active = entry.setdefault('active', {})
                active[sol_id] = False
                if sol_id is EMPTY or not any(active.values()):
                    active.update(dict.fromkeys(active, False))
                    exe = entry.pop('executor', None)
                    if exe:
                        removed[k] = exe
        return {k: v.shutdown(0) for k, v in removed.items()}


#: The registry of executors.
EXECUTORS = ExecutorFactory()


def register_executor(name, init):
    """
    Registers the factory `init` (a zero-argument callable returning an
    executor) under `name`.

    Example::

        >>> register_executor('my-sync', lambda: None)
        >>> 'my-sync' in EXECUTORS
        True
    """
    EXECUTORS[name] = init


def shutdown_executor(name=EMPTY, sol_id=EMPTY, wait=True):
    """
    Shuts down the executor `name` (all when not given) for the solution id
    `sol_id` (all when not given).

    :return:
        ``{name: shutdown report}`` of the executors really shut down.
    :rtype: dict

    Example::

        >>> shutdown_executor('never-used')
        {}
    """
    return EXECUTORS.shutdown_executor(name, sol_id, wait)


def shutdown_executors(wait=True):
    """
    Shuts down all executors.

    Example::

        >>> shutdown_executors()
        {}
    """
    return shutdown_executor(wait=wait)


def _get_executor(executor, sol):
    if executor is False:
        return None
    if sol is not None and sol not in _REGISTERED:
        # Forget the flags of this solution id when the solution dies: a new
        # solution may get the same id.
        _REGISTERED.add(sol)
        weakref.finalize(sol, EXECUTORS.pop_active, id(sol))
    return EXECUTORS.get_executor(EXECUTORS.executor_id(executor, sol))


#: The solutions whose ids are in the registry.
_REGISTERED = weakref.WeakSet()


def async_thread(sol, args, node_attr, node_id, *a, **kw):
    """
    Evaluates a node of the solution `sol` (``sol._evaluate_node``) with the
    executor named by ``kw['executor']``; synchronously when there is none.

    Example::

        >>> import schedula as sh
        >>> d = sh.Dispatcher()
        >>> d.add_function('f', abs, ['a'], ['b'])
        'f'
        >>> sol = d.dispatch({'a': -1})
        >>> async_thread(sol, (-5,), d.nodes['f'], 'f', executor=False)
        5
    """
    if _get_executor(kw.get('executor', False), sol) is None:
        return sol._evaluate_node(args, node_attr, node_id, *a, **kw)
    raise NotImplementedError(  # pragma: no cover
        'Asynchronous executors are not available in this version.')


def _unwrap(func):
    # The innermost callable and whether it is a SubDispatch / a NoSub.
    from .. import dsp
    func = dsp.parent_func(func)
    return func, isinstance(func, dsp.SubDispatch), isinstance(
        func, dsp.NoSub)


def _process_funcs(exe_id, funcs, executor, *args, stopper=None,
                   sol_name=None, **kw):
    # Calls the chain `funcs`; returns records {'res', ['sol'], ['err']}.
    records = []
    for func in funcs:
        if stopper and stopper.is_set():
            raise DispatcherAbort
        inner, is_sub, is_nosub = _unwrap(func)
        record = {}
        if is_sub:
            try:
                record['res'] = func(*args, _stopper=stopper,
                                     _executor=executor, _sol_name=sol_name,
                                     **kw)
            except DispatcherError as ex:
                if is_nosub:
                    raise
                record['err'] = ex
            record['sol'] = inner.solution
        else:
            record['res'] = func(*args, **kw)
        records.append(record)
        if 'err' in record:
            break
        args, kw = (record['res'],), {}
    return records


def async_process(funcs, *args, executor=False, sol=None, callback=None,
                  **kw):
    """
    Runs the chain `funcs` (each function receives the previous result),
    reports each step to ``callback(is_solution, obj)`` and returns the
    last result.

    Example::

        >>> async_process([abs, str], -3)
        '3'
    """
    exe_id = EXECUTORS.executor_id(executor, sol) if sol is not None else (
        executor, None)
    if exe_id[0] is not False and _get_executor(executor, sol) is not None:
        raise NotImplementedError(  # pragma: no cover
            'Asynchronous executors are not available in this version.')
    records = _process_funcs(exe_id, funcs, executor, *args, **kw)
    for record in records:
        if callback:
            callback('sol' in record, record.get('sol', record.get('res')))
        if 'err' in record:
            raise record['err']
    return records[-1]['res']


class AsyncList(list):
    """
    A list of futures, one per output of a function node.

    Example::

        >>> AsyncList([1, 2]), isinstance(AsyncList(), list)
        ([1, 2], True)
    """


def _may_hold_futures(sol):
    # A quick test on the types of the values (C-level map): the ordered
    # scan below runs only when some value may be a future.
    get_results, get_value = methodcaller('get', 'results'), \
        methodcaller('get', 'value')
    types = set()
    for s in sol.sub_sol.values():
        types.update(map(type, s.values()))
        types.update(map(type, map(get_results, s.workflow._node.values())))
        edges = chain.from_iterable(map(dict.values,
                                        s.workflow._succ.values()))
        types.update(map(type, map(get_value, edges)))
    return any(issubclass(t, (Future, AsyncList)) for t in types)


def _collect_futures(sol):
    # {future: [(container, key), ...]} of the futures reachable from `sol`,
    # in the order they are found (the first failure found is raised).
    found, kinds = {}, (Future, AsyncList)
    if not _may_hold_futures(sol):
        return found

    def add(container, key, value):
        if isinstance(value, Future):
            found.setdefault(value, []).append((container, key))
        else:  # An AsyncList: one future per output.
            for i, v in enumerate(value):
                if isinstance(v, kinds):
                    add(value, i, v)

    for *_, (n, s) in sol._pipe:
        if n in s and isinstance(s[n], kinds):
            add(s, n, s[n])
    for s in sol.sub_sol.values():
        for k, v in s.items():
            if isinstance(v, kinds):
                add(s, k, v)
        for attr in s.workflow._node.values():
            if 'results' in attr and isinstance(attr['results'], kinds):
                add(attr, 'results', attr['results'])
        for nbrs in s.workflow._succ.values():
            for attr in nbrs.values():
                if 'value' in attr and isinstance(attr['value'], kinds):
                    add(attr, 'value', attr['value'])
    return found


def _resolve_solution(sol, timeout=None):
    """Puts the results of the futures in `sol` (see ``Solution.result``)."""
    found = _collect_futures(sol)
    if found:
        wait_futures(found, timeout)
    EXECUTORS.set_active(id(sol), False)
    error = None
    for fut, places in found.items():
        try:
            value = fut.result(0)
        except (Exception, ExecutorShutdown, DispatcherAbort,
                SkipNode) as ex:
            for container, key in places:
                if isinstance(container, list):
                    continue
                if key in container:
                    del container[key]
            if error is None:
                error = ex.ex if isinstance(ex, SkipNode) and ex.ex else ex
            continue
        for container, key in places:
            container[key] = value
    if error is not None:
        raise error
    return sol
