# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""
The worker pool behind :class:`~schedula.utils.asy.executors.ProcessPoolExecutor`.

Each worker process runs one task at a time over its own pipe, so the pool
always knows which task a worker holds: when a worker dies (killed,
``os._exit``) its task fails with
:class:`~schedula.utils.asy.executors.WorkerDiedError` and a new worker takes
its place (``multiprocessing.Pool`` would lose the task and leave its future
pending forever). One manager thread sends the tasks and receives the
results.
"""
import os
import threading
import traceback
import collections
from ._futures import _safe_set_result, _safe_set_exception, _died

__all__ = ['WorkerPool']


def _worker_main(conn, initializer, initargs):
    # A worker process: receive (func, args, kwargs), send the outcome.
    if initializer is not None:
        initializer(*initargs)
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):  # The pool is gone.
            return
        if task is None:
            return
        func, args, kwargs = task
        try:
            msg = {'res': func(*args, **kwargs)}
        except BaseException as ex:
            msg = {'err': ex, 'tb': traceback.format_exc()}
        try:
            conn.send(msg)
        except Exception as ex:  # The outcome cannot be pickled.
            from multiprocess.pool import MaybeEncodingError
            value = msg.get('res', msg.get('err'))
            conn.send({'err': MaybeEncodingError(ex, value)})


class WorkerPool:
    """
    Up to `max_workers` worker processes made by `ctx`, started on demand.

    Example::

        >>> import multiprocess
        >>> from concurrent.futures import Future
        >>> pool, fut = WorkerPool(multiprocess.get_context(), 1), Future()
        >>> pool.submit(fut, divmod, (7, 2), {}); fut.result()
        (3, 1)
        >>> pool.close()
    """

    def __init__(self, ctx, max_workers=None, initializer=None, initargs=()):
        self._ctx, self._pid = ctx, os.getpid()
        self._max = max_workers or os.cpu_count() or 1
        self._init = initializer, initargs
        self._pending = collections.deque()  # (future, task)
        self._idle = []  # Connections of the idle workers.
        self._busy = {}  # connection -> (process, future)
        self._procs = {}  # connection -> process
        self._lock = threading.Lock()
        self._wake_r, self._wake_w = ctx.Pipe(duplex=False)
        self._running = True
        self._thread = threading.Thread(target=self._manage, daemon=True)
        self._thread.start()

    def owned(self):
        """False in a child that inherited the pool through a fork."""
        return self._pid == os.getpid()

    def submit(self, fut, func, args, kwargs):
        """Queues ``func(*args, **kwargs)``; its outcome goes to `fut`."""
        with self._lock:
            if not self._running:
                raise ValueError('Pool not running')
            self._pending.append((fut, (func, args, kwargs)))
        self._wake()

    def _wake(self):
        try:
            self._wake_w.send_bytes(b'')
        except OSError:  # Closed meanwhile.
            pass
        if not self._running:
            self._wake_w.close()

    def _start_worker(self):
        parent, child = self._ctx.Pipe()
        proc = self._ctx.Process(target=_worker_main, daemon=True,
                                 args=(child,) + self._init)
        proc.start()
        child.close()
        self._procs[parent] = proc
        return parent

    def _next_tasks(self):
        # Pairs pending tasks with idle (or new) workers.
        pairs, free = [], self._max - len(self._procs)
        with self._lock:
            while self._pending and (self._idle or free > 0):
                fut, task = self._pending.popleft()
                if fut.done() or not fut.set_running_or_notify_cancel():
                    continue  # Cancelled, or failed by a shutdown.
                if self._idle:
                    conn = self._idle.pop()
                else:  # A new worker.
                    conn, free = None, free - 1
                pairs.append((conn, fut, task))
        return pairs

    def _dispatch(self):
        for conn, fut, task in self._next_tasks():
            if conn is None:
                conn = self._start_worker()
            try:
                conn.send(task)
            except Exception as ex:  # E.g. the task cannot be pickled.
                _safe_set_exception(fut, ex)
                self._idle.append(conn)
                continue
            self._busy[conn] = fut

    def _manage(self):
        from multiprocess.connection import wait
        while self._running:
            self._dispatch()
            sentinels = {self._procs[c].sentinel: c for c in self._busy}
            ready = wait([self._wake_r, *self._busy, *sentinels])
            if not self._running:
                break
            for obj in ready:
                if obj is self._wake_r:
                    while self._wake_r.poll():
                        self._wake_r.recv_bytes()
                else:
                    self._receive(sentinels.get(obj, obj))
        for conn in (self._wake_r, *self._procs):  # Closed: no fd leaks.
            conn.close()

    def _receive(self, conn):
        # A result, or the death of the worker of `conn`.
        fut = self._busy.pop(conn, None)
        if fut is None:  # Already handled (pipe and sentinel both ready).
            return
        try:
            msg = conn.recv() if conn.poll() else None
        except (EOFError, OSError):
            msg = None
        if msg is None:
            conn.close()
            _safe_set_exception(fut, _died(self._procs.pop(conn)))
            return
        self._idle.append(conn)
        if 'err' in msg:
            ex = msg['err']
            if 'tb' in msg:  # As multiprocessing.Pool: the remote traceback.
                from multiprocess.pool import RemoteTraceback
                ex.__cause__ = RemoteTraceback(msg['tb'])
            _safe_set_exception(fut, ex)
        else:
            _safe_set_result(fut, msg['res'])

    def close(self):
        """Terminates the workers; queued tasks are dropped."""
        with self._lock:
            if not self._running:
                return
            self._running = False
            pending = [fut for fut, _ in self._pending]
            self._pending.clear()
        self._wake()
        if self.owned():
            for proc in self._procs.values():
                proc.terminate()
            for proc in self._procs.values():
                proc.join(1)
        from ..exc import ExecutorShutdown
        for fut in pending + list(self._busy.values()):
            _safe_set_exception(fut, ExecutorShutdown)
