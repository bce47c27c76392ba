# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""
Observing dispatches: the events of the function calls, as they happen.

:class:`observe` registers a *listener*, a callable that receives a
:class:`DispatchEvent` each time a function node of any dispatch (of any
executor, in any sub-dispatcher) starts, finishes, raises or is rejected by
its domain. Nothing is done (and nothing is paid) while no one listens.

Feeding the events to :mod:`logging`::

    >>> import logging, schedula as sh
    >>> from schedula.utils.events import observe
    >>> dsp = sh.Dispatcher()
    >>> dsp.add_function('half', lambda a: a / 2, ['a'], ['b'])
    'half'
    >>> log = logging.getLogger('my.dispatch')
    >>> def to_log(event):
    ...     log.info('%s %s', event.kind, '/'.join(event.path))
    >>> with observe(to_log):
    ...     dsp.dispatch({'a': 1})
    Solution([('a', 1), ('b', 0.5)])

Timing the functions (the total seconds spent in each)::

    >>> import collections
    >>> seconds = collections.Counter()
    >>> def timer(event):
    ...     if event.kind in ('done', 'error'):
    ...         seconds[event.path] += event.duration
    >>> with observe(timer):
    ...     _ = dsp.dispatch({'a': 1}), dsp.dispatch({'a': 2})
    >>> list(seconds), seconds['half',] < 1
    ([('half',)], True)

:class:`progress` shows a progress bar (with `tqdm`, extra ``progress``),
:class:`Trace` records a dispatch to look at it as a timeline (Chrome
trace-event JSON, for Perfetto or ``chrome://tracing``).
"""
import os
import sys
import json
import time
import logging
import threading
import collections

__all__ = ['DispatchEvent', 'observe', 'progress', 'Trace']

log = logging.getLogger(__name__)

#: The listeners (one list, changed in place: dispatch code tests it).
LISTENERS = []


class DispatchEvent(collections.namedtuple('DispatchEvent', [
        'kind', 'path', 'start', 'duration', 'process', 'thread', 'worker',
        'error'])):
    """
    What happened to a function node.

    :ivar kind: 'start', 'done', 'error' (it raised) or 'rejected' (by its
        domain).
    :ivar path: The node path: the names of the sub-dispatchers and of the
        dispatch (`sol_name`), then the node id.
    :ivar start: When the call started (``time.time()``; for 'rejected' when
        the domain said no).
    :ivar duration: Seconds the call took ('done', 'error'; else None).
    :ivar process: The id of the process where the function ran.
    :ivar thread: The name of the thread where it ran.
    :ivar worker: The Dask worker where it ran (None elsewhere).
    :ivar error: The ``repr`` of the exception ('error'; else None).
    """


class observe:
    """
    Registers `listener` (a callable receiving each :class:`DispatchEvent`)
    until :meth:`close` or the end of the ``with`` block.

    Listeners are called in the thread that evaluates the node (under an
    executor, not the one that called ``dispatch``): they must be quick and
    thread safe. Their exceptions are logged, never raised in the dispatch.
    Events of functions run in a worker process are delivered when the
    function returns.

    Example::

        >>> import schedula as sh
        >>> dsp = sh.Dispatcher()
        >>> dsp.add_function('f', abs, ['a'], ['b'])
        'f'
        >>> events = []
        >>> with observe(events.append):
        ...     sol = dsp.dispatch({'a': -1})
        >>> [(e.kind, e.path) for e in events]
        [('start', ('f',)), ('done', ('f',))]
    """

    def __init__(self, listener):
        self.listener = listener
        LISTENERS.append(listener)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self):
        """Stops listening."""
        try:
            LISTENERS.remove(self.listener)
        except ValueError:  # Already closed.
            pass


def _emit(event):
    for listener in tuple(LISTENERS):
        try:
            listener(event)
        except Exception:
            log.exception('Listener %r failed on %r.', listener, event)


_local = threading.local()


def _here():
    # (process id, thread name, Dask worker) of this thread, looked up once.
    try:
        return _local.here
    except AttributeError:
        pass
    worker = None
    if 'distributed' in sys.modules:
        try:
            worker = sys.modules['distributed'].get_worker().address
        except (ValueError, AttributeError):
            pass  # Not in a Dask worker.
    _local.here = here = os.getpid(), threading.current_thread().name, worker
    return here


def _forked():
    # A forked worker has its own listeners, and its own process id.
    LISTENERS.clear()
    _local.__dict__.clear()


class _Watch:
    """The call of one function node: its 'start' event, then its end."""
    __slots__ = 'path', 'start', 'where', 'previous'

    def __init__(self, path):
        self.path, self.where = path, None
        self.previous, _local.watch = getattr(_local, 'watch', None), self
        self.start = time.time()
        _emit(DispatchEvent('start', path, self.start, None, *_here(), None))

    def end(self, error=None):
        """Emits 'done' (or 'error' when `error` is given)."""
        _local.watch = self.previous
        start, duration = self.start, time.time() - self.start
        where = _here()
        if self.where is not None:  # It ran in a worker process.
            start, duration, where = self.where[0], self.where[1], \
                self.where[2:]
        _emit(DispatchEvent('error' if error else 'done', self.path, start,
                            duration, *where, error and repr(error)))


def watch(sol, node_id, node_attr):
    """A :class:`_Watch` of the call of a function node (else None)."""
    if node_attr['type'] == 'function':
        return _Watch(sol.full_name + (node_id,))


def rejected(sol, node_id):
    """Emits the 'rejected' event of a node whose domain said no."""
    _emit(DispatchEvent('rejected', sol.full_name + (node_id,), time.time(),
                        None, *_here(), None))


class _Located:
    """A function shipped to a worker: it says where and when it ran, and
    brings back the events of the nodes it ran there."""

    def __init__(self, fn):
        self.fn = fn

    def __call__(self, *args, **kwargs):
        events = []
        with observe(events.append):
            start = time.time()
            res = self.fn(*args, **kwargs)
        return res, (start, time.time() - start) + _here(), events


def arrived(outcome):
    """The value of a :class:`_Located` call (its events re-emitted)."""
    res, where, events = outcome
    watch = getattr(_local, 'watch', None)
    if watch is not None and watch.where is None:
        watch.where = where
    for event in events:
        _emit(event)
    return res


if hasattr(os, 'register_at_fork'):
    os.register_at_fork(after_in_child=_forked)


class progress:
    """
    Shows the progress of the dispatches run inside the ``with`` block with
    a `tqdm` bar (extra ``progress``): functions finished over started,
    failures and elapsed time.

    :param kwargs:
        Options of ``tqdm.tqdm`` (e.g. ``file``, ``desc``, ``disable``).

    Example::

        >>> import io, schedula as sh
        >>> dsp = sh.Dispatcher()
        >>> dsp.add_function('f', abs, ['a'], ['b'])
        'f'
        >>> with progress(file=io.StringIO()) as bar:
        ...     sol = dsp.dispatch({'a': -1})
        >>> bar.started, bar.finished, bar.failed
        (1, 1, 0)
    """

    def __init__(self, **kwargs):
        kwargs.setdefault('desc', 'dispatch')
        kwargs.setdefault('unit', 'fn')
        self.kwargs, self.bar = kwargs, None
        self.started = self.finished = self.failed = 0
        self._lock = threading.Lock()

    def __enter__(self):
        from tqdm import tqdm  # Extra `progress`: imported only when used.
        self.bar = tqdm(total=0, **self.kwargs)
        self._observer = observe(self)
        return self

    def __exit__(self, *exc):
        self._observer.close()
        self.bar.close()

    def __call__(self, event):
        with self._lock:
            if event.kind == 'start':
                self.started += 1
                self.bar.total = self.started
                self.bar.refresh()
                return
            if event.kind == 'rejected':
                return
            self.finished += 1
            if event.kind == 'error':
                self.failed += 1
                self.bar.set_postfix(failed=self.failed, refresh=False)
            self.bar.update(1)


class Trace:
    """
    Records the calls of the dispatches run inside the ``with`` block, to
    export them as a Chrome trace (:meth:`chrome`, :meth:`save`): one
    complete event per call, one track per thread of each process (or Dask
    worker). Open the file in https://ui.perfetto.dev or
    ``chrome://tracing`` to see what ran when, and in parallel.

    Example::

        >>> import schedula as sh
        >>> dsp = sh.Dispatcher()
        >>> dsp.add_function('f', abs, ['a'], ['b'])
        'f'
        >>> with Trace() as trace:
        ...     sol = dsp.dispatch({'a': -1})
        >>> [(e['name'], e['ph']) for e in trace.chrome()['traceEvents']
        ...  if e['ph'] == 'X']
        [('f', 'X')]
    """

    def __init__(self):
        #: The 'done' and 'error' events received.
        self.events = []

    def __enter__(self):
        self._observer = observe(self)
        return self

    def __exit__(self, *exc):
        self._observer.close()

    def __call__(self, event):
        if event.kind in ('done', 'error'):
            self.events.append(event)

    def chrome(self):
        """The trace as a Chrome trace-event dict (``traceEvents``)."""
        out, pids, tids = [], {}, {}
        for e in self.events:
            proc = e.worker or e.process
            if proc not in pids:
                pids[proc] = len(pids) + 1
                out.append({'ph': 'M', 'name': 'process_name',
                            'pid': pids[proc], 'tid': 0, 'args': {
                                'name': 'worker %s' % proc if e.worker
                                else 'process %s' % proc}})
            if (proc, e.thread) not in tids:
                tids[proc, e.thread] = len(tids) + 1
                out.append({'ph': 'M', 'name': 'thread_name',
                            'pid': pids[proc], 'tid': tids[proc, e.thread],
                            'args': {'name': e.thread}})
            args = {'path': list(map(str, e.path))}
            if e.error:
                args['error'] = e.error
            out.append({'name': '/'.join(map(str, e.path)), 'cat': e.kind,
                        'ph': 'X', 'ts': e.start * 1e6,
                        'dur': e.duration * 1e6, 'pid': pids[proc],
                        'tid': tids[proc, e.thread], 'args': args})
        return {'traceEvents': out, 'displayTimeUnit': 'ms'}

    def save(self, path):
        """Writes the Chrome trace (JSON) in the file `path`."""
        with open(path, 'w', encoding='utf-8') as f:
            json.dump(self.chrome(), f)
