# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""
The executors: where the work of an asynchronous dispatch runs.

A :class:`PoolExecutor` joins a *thread slot* (node evaluations: they mutate
the live solution, so they stay in this process) and an optional *process
slot* (the functions): :class:`ThreadExecutor` starts a daemon thread per
task, :class:`ProcessExecutor` a new process per task and
:class:`ProcessPoolExecutor` keeps a pool of worker processes. Processes come
from `multiprocess` (the `dill`-based fork of `multiprocessing`) unless a
`mp_context` is given.

Changes from 1.2.0 (accidents fixed): a worker process that dies (killed,
``os._exit``) fails its future with :class:`WorkerDiedError` instead of
leaving it pending forever; executors are shut down at interpreter exit
(pending futures fail with :class:`~schedula.utils.exc.ExecutorShutdown`,
pool worker processes are terminated, nothing is left behind) once the
running tasks of the :class:`ProcessExecutor` processes have ended (as in
1.2.0, the interpreter waits for them); executors
are not kept alive until exit by their finalizers.
"""
import os
import atexit
import importlib
import weakref
import threading
import functools
from concurrent.futures import (
    Future, CancelledError, wait as _wait
)
from ..cst import EMPTY
from ..exc import ExecutorShutdown

__all__ = ['Executor', 'ThreadExecutor', 'ProcessExecutor',
           'ProcessPoolExecutor', 'PoolExecutor', 'WorkerDiedError']


from ._futures import (  # noqa: E402 (published here)
    WorkerDiedError, _safe_set_result, _safe_set_exception, _died
)
from ._funcs import _process_funcs, _remote_process_funcs, _shippable

WorkerDiedError.__module__ = __name__  # Its public home.


#: Live executors, shut down at interpreter exit.
_LIVE = weakref.WeakSet()


def _shutdown_at_exit():
    # The running tasks of ProcessExecutors end first: 1.2.0 left their
    # children to `multiprocess`, which waits for them at exit. Then the
    # pending futures fail and the pool workers are terminated, before
    # `multiprocess` joins its children (hence registered after its import).
    live = list(_LIVE)
    for exe in live:
        if isinstance(exe, ProcessExecutor) and exe.tasks:
            _wait(list(exe.tasks))
    for exe in live:
        try:
            exe.shutdown(False)
        except Exception:  # pragma: no cover (exit: nothing to report to)
            pass


def _register_exit():
    # `atexit` runs the last registered first: move ours to the front.
    atexit.unregister(_shutdown_at_exit)
    atexit.register(_shutdown_at_exit)


def _default_context(mp_context):
    if mp_context is None:
        import multiprocess  # Extra `parallel`: only imported when needed.
        mp_context = multiprocess.get_context()
    # The exit hook of the context's package (it joins the children) is
    # registered when its `util` is imported: ours must come after it.
    importlib.import_module(type(mp_context).__module__.split('.')[0] +
                            '.util')
    _register_exit()
    return mp_context


class Executor:
    """
    Base of the thread and process slots: ``tasks`` maps each pending future
    to its task (a thread, a process, ...); `submit` is abstract.

    Example::

        >>> class Now(Executor):
        ...     def submit(self, func, *args, **kwargs):
        ...         fut = Future()
        ...         self._target(lambda res: self._set_future(fut, res),
        ...                      func, args, kwargs)
        ...         return fut
        >>> Now().submit(divmod, 7, 2).result()
        (3, 1)
        >>> Now().submit(divmod, 7, 0).exception()
        ZeroDivisionError('integer division or modulo by zero')
    """

    def __init__(self):
        self.tasks = {}
        _LIVE.add(self)

    def __reduce__(self):
        return self.__class__, ()

    @staticmethod
    def _target(send, func, args, kwargs):
        # Runs the task and sends {'res': value} or {'err': exception}.
        try:
            send({'res': func(*args, **kwargs)})
        except BaseException as ex:
            try:
                send({'err': ex})
            except BaseException as err:  # The error cannot be sent either.
                send({'err': RuntimeError('%r (unpicklable: %r)' % (ex, err))})

    def _set_future(self, fut, res):
        # Pops the task first: a shutdown reports only futures it fails.
        self.tasks.pop(fut, None)
        if 'err' in res:
            _safe_set_exception(fut, res['err'])
        else:
            _safe_set_result(fut, res['res'])

    def submit(self, func, *args, **kwargs):
        """Runs ``func(*args, **kwargs)``; returns its future."""
        raise NotImplementedError

    def shutdown(self, wait=True):
        """
        Fails the pending futures with
        :class:`~schedula.utils.exc.ExecutorShutdown` (after waiting for them
        if `wait`) and terminates their tasks; returns ``{future: task}``.
        """
        tasks = self.tasks.copy()
        if wait:
            _wait(tasks)
        for fut, task in tasks.items():
            _safe_set_exception(fut, ExecutorShutdown)
            if hasattr(task, 'terminate'):
                try:
                    task.terminate()
                except (OSError, AttributeError):  # Already gone.
                    pass
        return tasks


class ThreadExecutor(Executor):
    """
    Runs each task in a new daemon thread.

    Example::

        >>> ThreadExecutor().submit(pow, 2, 5).result()
        32
    """

    def submit(self, func, *args, **kwargs):
        """Starts a daemon thread running ``func(*args, **kwargs)``."""
        fut = Future()
        send = functools.partial(self._set_future, fut)
        task = threading.Thread(target=self._target, daemon=True,
                                args=(send, func, args, kwargs))
        self.tasks[fut] = task
        task.start()
        return fut


def _child(conn, func, args, kwargs):
    # Body of a ProcessExecutor child: one task, one message.
    Executor._target(conn.send, func, args, kwargs)
    conn.close()


class ProcessExecutor(Executor):
    """
    Runs each task in a new process and waits for it (`submit` blocks).

    :param mp_context:
        The multiprocessing context (default: ``multiprocess.get_context()``,
        which pickles with `dill`).
    :type mp_context: multiprocessing.context.BaseContext

    Example::

        >>> pe = ProcessExecutor()
        >>> fut = pe.submit(pow, 2, 10)
        >>> fut.done(), fut.result(), pe.tasks
        (True, 1024, {})
    """

    def __init__(self, mp_context=None):
        super().__init__()
        self._ctx = _default_context(mp_context)

    def __reduce__(self):
        return self.__class__, (self._ctx,)

    def submit(self, func, *args, **kwargs):
        """Runs ``func(*args, **kwargs)`` in a new process; a done future."""
        from multiprocess.connection import wait
        fut = Future()
        reader, writer = self._ctx.Pipe(duplex=False)
        proc = self._ctx.Process(target=_child,
                                 args=(writer, func, args, kwargs))
        self.tasks[fut] = proc
        try:
            proc.start()
        except BaseException as ex:  # E.g. the task cannot be pickled.
            self._set_future(fut, {'err': ex})
            return fut
        finally:
            writer.close()
        with reader:
            # The pipe or the process sentinel: a dead child is an error.
            wait([reader, proc.sentinel])
            try:
                res = reader.recv()
            except EOFError:
                res = {'err': _died(proc)}
        self._set_future(fut, res)
        return fut


class ProcessPoolExecutor(Executor):
    """
    Runs the tasks in a pool of worker processes (created at the first
    `submit`; a worker that dies fails only its own task and is replaced).

    :param max_workers:
        Number of worker processes (default: the number of CPUs).
    :type max_workers: int

    :param mp_context:
        The multiprocessing context (default: ``multiprocess.get_context()``).
    :type mp_context: multiprocessing.context.BaseContext

    :param initializer:
        Called with `initargs` in each worker when it starts.
    :type initializer: callable

    Example::

        >>> pool = ProcessPoolExecutor(1)
        >>> pool.submit(pow, 3, 4).result()
        81
        >>> pool.shutdown() is None
        True
    """

    def __init__(self, max_workers=None, mp_context=None, initializer=None,
                 initargs=()):
        super().__init__()
        self._max_workers = max_workers
        self._ctx = _default_context(mp_context)
        self._initializer, self._initargs = initializer, initargs
        self.lock, self._pid = threading.Lock(), os.getpid()
        self.pool, self._closed = None, False

    def __reduce__(self):
        return self.__class__, (self._max_workers, self._ctx,
                                self._initializer, self._initargs)

    def _get_pool(self):
        from ._pool import WorkerPool
        if self._pid != os.getpid():  # Inherited through a fork: start anew.
            self.lock, self.pool, self._pid = threading.Lock(), None, \
                os.getpid()
        with self.lock:
            if self._closed:
                raise ValueError('Pool not running')
            if self.pool is None:
                self.pool = pool = WorkerPool(
                    self._ctx, self._max_workers, self._initializer,
                    self._initargs)
                weakref.finalize(self, pool.close)
            return self.pool

    def submit(self, func, *args, **kwargs):
        """Queues ``func(*args, **kwargs)``; returns its pending future."""
        pool, fut = self._get_pool(), Future()
        self.tasks[fut] = pool
        fut.add_done_callback(self._forget)
        pool.submit(fut, func, args, kwargs)
        return fut

    def _forget(self, fut):
        self.tasks.pop(fut, None)

    def shutdown(self, wait=True):
        """Fails the pending futures and terminates the pool (for good)."""
        super().shutdown(wait)
        with self.lock:
            self._closed = True
            if self.pool is not None:
                self.pool.close()


class PoolExecutor:
    """
    The executor of a name in the registry: a thread slot for the node
    evaluations and an optional process slot for the functions.

    :param thread_executor:
        Runs the node evaluations (None: a stopped pool).
    :type thread_executor: ThreadExecutor

    :param process_executor:
        Runs the functions (None: they run in the evaluation thread).
    :type process_executor: ProcessExecutor | ProcessPoolExecutor

    :param parallel:
        What goes to the process slot: False, the plain functions one by one;
        True, every function chain (sub-dispatches included); None, the
        chains without sub-dispatches, whole.
    :type parallel: bool | None

    Either slot accepts any object with ``submit(fn, *args, **kwargs)``
    returning a :class:`concurrent.futures.Future` and ``shutdown(wait)``.

    Example::

        >>> import schedula as sh
        >>> pool = sh.PoolExecutor(sh.ThreadExecutor())
        >>> pool.thread('sid', pow, 3, 2).result(), pool.process('sid', pow, 3, 3)
        (9, 27)
        >>> out = pool.shutdown()
        >>> sorted(out), out['tasks'], pool.shutdown()
        (['executor', 'tasks'], {'process': {}, 'thread': {}}, None)
        >>> pool.thread('sid', pow, 3, 2).exception() is sh.ExecutorShutdown
        True
        >>> sh.PoolExecutor(None).shutdown() is None
        True
    """

    def __init__(self, thread_executor, process_executor=None, parallel=None):
        self._thread = thread_executor
        self._process = process_executor
        self._parallel = parallel
        self._running = bool(thread_executor)
        self.futures = {}
        if self._running:
            _LIVE.add(self)
            _register_exit()

    def __reduce__(self):
        return self.__class__, (self._thread, self._process, self._parallel)

    def add_future(self, sol_id, fut):
        """Tags `fut` with the solution id `sol_id` until it is done."""
        self.futures.setdefault(fut, set()).add(sol_id)
        fut.add_done_callback(self._pop_future)
        return fut

    def _pop_future(self, fut):
        self.futures.pop(fut, None)

    def get_futures(self, sol_id=EMPTY):
        """The pending futures (``{future: sol ids}``) or those of `sol_id`."""
        if sol_id is EMPTY:
            return self.futures
        return {f for f, ids in list(self.futures.items()) if sol_id in ids}

    def thread(self, sol_id, fn, *args, **kwargs):
        """Submits to the thread slot (a failed future when stopped)."""
        slot = self._thread
        if not (self._running and slot):
            fut = Future()
            fut.set_exception(ExecutorShutdown)
            return fut
        return self.add_future(sol_id, slot.submit(fn, *args, **kwargs))

    def process(self, sol_id, fn, *args, **kwargs):
        """Runs `fn` in the process slot (or here) and returns its value."""
        if not self._running:
            raise ExecutorShutdown
        slot = self._process
        if not slot:
            return fn(*args, **kwargs)
        fut = self.add_future(sol_id, slot.submit(fn, *args, **kwargs))
        try:
            return fut.result()
        except CancelledError:  # E.g. Dask's executor cancels at shutdown.
            if self._running:
                raise
            raise ExecutorShutdown from None

    def process_funcs(self, exe_id, funcs, *args, **kwargs):
        """
        Runs the function chain `funcs` (``_process_funcs``): whole in the
        process slot (as the `parallel` flag says) or in this thread.
        """
        if self._process and (self._parallel or (
                self._parallel is None and _shippable(funcs))):
            sid = exe_id[-1]
            return self.process(sid, _remote_process_funcs, (False, sid),
                                funcs, *args, **kwargs)
        return _process_funcs(exe_id, funcs, *args, **kwargs)

    def wait(self, timeout=None):
        """Waits for the pending futures."""
        return _wait(list(self.futures), timeout)

    def shutdown(self, wait=True):
        """
        Stops the pool: ``{'executor': self, 'tasks': {'process': ...,
        'thread': ...}}`` (the slots' shutdown reports), None when stopped.
        """
        if not self._running:
            return None
        if wait:
            self.wait()
        self._running = False
        thread, process = self._thread, self._process
        self._thread = self._process = None
        self.futures = {}
        tasks = {'process': (process and process.shutdown(0)) or {},
                 'thread': thread.shutdown(0)}
        return {'executor': self, 'tasks': tasks}
