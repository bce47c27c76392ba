# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""
Asynchronous, parallel and distributed execution of a dispatch.

``dispatch(executor=name)`` evaluates every visited node through the executor
registered under `name` (:data:`EXECUTORS`) and returns at once a solution
whose values are :class:`concurrent.futures.Future` objects;
``Solution.result()`` waits for them and writes the values in. The built-in
executors:

- ``'async'``: each node in a new thread of this process;
- ``'parallel'``: as 'async', each function (chain) in a new process;
- ``'parallel-pool'``: as 'async', each plain function in a pool of worker
  processes;
- ``'parallel-dispatch'``: as 'parallel', sub-dispatches included.

:func:`register_executor` adds others (e.g. a Dask cluster, see
:class:`~schedula.utils.asy.dask.DaskExecutor`). Without an executor
(``executor=False``, the default) everything runs synchronously.

Sub-modules:

.. currentmodule:: schedula.utils.asy

.. autosummary::
    :nosignatures:
    :toctree: asy/

    executors
    factory
    dask
"""
import time
import weakref
import threading
import functools
from concurrent.futures import Future
from ..cst import EMPTY
from ..exc import SkipNode
from .factory import ExecutorFactory, EXECUTORS
from ._funcs import _unwrap, _process_funcs  # noqa: F401 (_unwrap: callers)
from .executors import (
    PoolExecutor, ThreadExecutor, ProcessExecutor, ProcessPoolExecutor,
    WorkerDiedError, _safe_set_exception
)
from ._futures import _copy_outcome
from .dask import DaskExecutor
from ._result import AsyncList, _resolve_solution  # noqa: F401 (for sol)

__all__ = ['register_executor', 'shutdown_executor', 'shutdown_executors',
           'await_result', 'EXECUTORS', 'ExecutorFactory', 'AsyncList',
           'DaskExecutor', 'WorkerDiedError', 'async_thread', 'async_process']


def await_result(obj, timeout=None):
    """
    Returns the result of a future (waiting at most `timeout` seconds), or
    `obj` itself when it is not a future (one level only).

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

        >>> import schedula as sh
        >>> from concurrent.futures import Future
        >>> f = Future(); f.set_result('x')
        >>> sh.await_result(f), sh.await_result('plain'), sh.await_result(f, 0)
        ('x', 'plain', 'x')
        >>> try:
        ...     sh.await_result(Future(), 0.01)
        ... except TimeoutError as ex:
        ...     print(type(ex).__name__)
        TimeoutError
    """
    return obj.result(timeout) if isinstance(obj, Future) else obj


def _async_executor():
    """The 'async' executor: every node in a new thread."""
    return PoolExecutor(ThreadExecutor())


def _parallel_executor(*args, **kwargs):
    """The 'parallel' executor: function chains in new processes."""
    return PoolExecutor(ThreadExecutor(), ProcessExecutor(*args, **kwargs))


def _parallel_pool_executor(*args, **kwargs):
    """The 'parallel-pool' executor: plain functions in a process pool."""
    return PoolExecutor(ThreadExecutor(), ProcessPoolExecutor(*args, **kwargs),
                        False)


def _parallel_dispatch_executor():
    """The 'parallel-dispatch' executor: sub-dispatches in new processes."""
    return PoolExecutor(ThreadExecutor(), ProcessExecutor(), True)


# The registry of executors (made in `factory`): the four built-ins.
EXECUTORS.update({
    'async': _async_executor,
    'parallel': _parallel_executor,
    'parallel-pool': _parallel_pool_executor,
    'parallel-dispatch': _parallel_dispatch_executor
})


def register_executor(name, init):
    """
    Registers the factory `init` under `name`: a zero-argument callable
    returning an executor (a :class:`~.executors.PoolExecutor`, or None to
    run synchronously). It is called the first time the name is used after
    each shutdown.

    Example::

        >>> import schedula as sh
        >>> sh.register_executor('threads', lambda: sh.PoolExecutor(
        ...     sh.ThreadExecutor()))
        >>> d = sh.Dispatcher()
        >>> d.add_function('f', abs, ['a'], ['b'])
        'f'
        >>> d.dispatch({'a': -1}, executor='threads').result()
        Solution([('a', -1), ('b', 1)])
        >>> sorted(sh.shutdown_executor('threads'))
        ['threads']

    Anything but a callable is refused at once (1.2.0 stored it and failed
    at the first dispatch with a bare ``'int' object is not callable``)::

        >>> sh.register_executor('x', 42)
        Traceback (most recent call last):
         ...
        TypeError: register_executor('x', 42): the factory of an executor must be callable (it returns the executor), got int.
    """
    if not callable(init):
        raise TypeError(
            'register_executor(%r, %r): the factory of an executor must be '
            'callable (it returns the executor), got %s.' % (
                name, init, type(init).__name__))
    EXECUTORS[name] = init


def shutdown_executor(name=EMPTY, sol_id=EMPTY, wait=True):
    """
    Shuts down the executor `name` (all when not given) for the solution id
    `sol_id` (all when not given): it really stops when no other solution
    uses it. Pending futures fail with
    :class:`~schedula.utils.exc.ExecutorShutdown`.

    :return:
        ``{name: shutdown report}`` of the executors really shut down.
    :rtype: dict

    Example::

        >>> from schedula.utils.asy import EXECUTORS
        >>> _ = shutdown_executors()  # A clean start.
        >>> e = EXECUTORS.get_executor(('async', 101))
        >>> shutdown_executor('async', 202)  # Not a user of 'async'.
        {}
        >>> shutdown_executor('async', 101)
        {'async': {'executor': <...PoolExecutor object at 0x...>, 'tasks': {'process': {}, 'thread': {}}}}
    """
    return EXECUTORS.shutdown_executor(name, sol_id, wait)


def shutdown_executors(wait=True):
    """
    Shuts down all executors (see :func:`shutdown_executor`).

    Example::

        >>> import schedula as sh
        >>> _ = sh.Dispatcher()({}, executor='async')
        >>> sorted(shutdown_executors()), shutdown_executors()
        (['async'], {})
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


def _input_futures(args, node_attr, skip_func):
    # The futures among the inputs of a node evaluation.
    if node_attr['type'] == 'data' and not skip_func:
        args = args[0].values()  # The estimations {producer: value}.
    return {v for v in args if isinstance(v, Future)}


def _chain(result, futures, submit):
    # Submits the task when the last input future is done; its outcome goes
    # to `result`.
    lock, remaining = threading.Lock(), [len(futures)]

    def input_done(_):
        with lock:
            remaining[0] -= 1
            if remaining[0]:
                return
        if result.done():
            return
        try:
            task = submit()
        except BaseException as ex:
            _safe_set_exception(result, ex)
        else:
            task.add_done_callback(functools.partial(_copy_outcome, result))

    for fut in futures:
        fut.add_done_callback(input_done)


def async_thread(sol, args, node_attr, node_id, *a, **kw):
    """
    Evaluates a node of the solution `sol` (``sol._evaluate_node``) with the
    executor named by ``kw['executor']``: synchronously when there is none,
    else in the executor's thread slot once its input futures are done.

    :return:
        The value (synchronous, or awaited with the node's `await_result`), a
        future, or an :class:`AsyncList` (one future per output).

    Example::

        >>> import schedula as sh
        >>> d = sh.Dispatcher()
        >>> d.add_function('f', abs, ['a'], ['b'])
        'f'
        >>> sol = d.dispatch({'a': -1})
        >>> async_thread(sol, (-5,), d.nodes['f'], 'f', executor=False)
        5
        >>> fut = async_thread(sol, (-5,), d.nodes['f'], 'f', executor='async')
        >>> type(fut).__name__, fut.result()
        ('Future', 5)
    """
    spec = kw.get('executor', False)
    executor = _get_executor(spec, sol)
    if executor is None:
        return sol._evaluate_node(args, node_attr, node_id, *a, **kw)
    exe_id = EXECUTORS.executor_id(spec, sol)
    sid = exe_id[1]

    def submit():  # Looked up again: the solution may be stopped by then.
        return EXECUTORS.get_executor(exe_id).thread(
            sid, _async_eval, sol, args, node_attr, node_id, *a, **kw)

    futures = _input_futures(args, node_attr, a and a[0])
    if futures:
        result = executor.add_future(sid, Future())
        _chain(result, futures, submit)
    else:
        result = submit()
    wait = node_attr.get('await_result', False)
    if wait is not False:
        return _await_result(sol, result, node_id, None if wait is True
                             else wait)
    n = len(node_attr.get('outputs', ())) if node_attr['type'] == 'function' \
        else 1
    if n > 1:
        outs = AsyncList(future=result, n=n)
        for fut in outs:
            executor.add_future(sid, fut)
        return outs
    return result


def _async_eval(sol, args, node_attr, node_id, *a, **kw):
    # The task of a node evaluation: inputs awaited (a failed one re-raises
    # its error: nothing more is logged), then the ordinary evaluation.
    if node_attr['type'] == 'data' and not (a and a[0]):
        args = ({k: await_result(v) for k, v in args[0].items()},)
    else:
        args = tuple(map(await_result, args))
    return sol._evaluate_node(args, node_attr, node_id, *a, **kw)


def _await_result(sol, fut, node_id, timeout):
    # Blocks the traversal on a node with `await_result`: a failure is known
    # in time for the alternatives.
    try:
        return await_result(fut, timeout)
    except SkipNode:  # Recorded by the evaluation itself.
        raise
    except Exception as ex:
        wattr = sol.workflow._node.get(node_id, {})
        if 'started' in wattr:
            wattr['duration'] = time.time() - wattr['started']
        sol._warning("Failed DISPATCHING '%s' due to:\n  %r", node_id, ex)
        raise SkipNode(ex=ex)


def _worker_died(ex, sol_name):
    # A dead worker (ours, or a Dask KilledWorker): name the lost node.
    if not (isinstance(ex, WorkerDiedError) and ex.node is None or
            type(ex).__name__ == 'KilledWorker'):
        return None
    node = '/'.join(map(str, sol_name or ()))
    err = WorkerDiedError('The worker process running %r died: %s' % (
        node, ex))
    err.node = node
    return err


def async_process(funcs, *args, executor=False, sol=None, callback=None,
                  **kw):
    """
    Runs the chain `funcs` (each function receives the previous result)
    with the executor named `executor`, reports each step to
    ``callback(is_solution, obj)`` and returns the last result.

    Example::

        >>> async_process([abs, str], -3)
        '3'
    """
    exe_id = EXECUTORS.executor_id(executor, sol) if sol is not None else (
        executor, None)
    exe = None if exe_id[0] is False else _get_executor(executor, sol)
    try:
        if exe is None:
            records = _process_funcs(exe_id, funcs, executor, *args, **kw)
        else:
            records = exe.process_funcs(exe_id, funcs, executor, *args, **kw)
    except Exception as ex:
        err = _worker_died(ex, kw.get('sol_name'))
        if err is None:
            raise
        raise err from ex
    for record in records:
        if callback:
            callback('sol' in record, record.get('sol', record.get('res')))
        if 'err' in record:
            raise record['err']
    return records[-1]['res']
