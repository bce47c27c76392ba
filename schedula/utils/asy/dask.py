# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""
Distributed execution on a Dask cluster (extra ``dask``: the `distributed`
package, imported only when a cluster is used).

One line plugs a cluster in::

    sh.register_executor('dask', DaskExecutor(client))  # or an address
    sol = dsp.dispatch(inputs, executor='dask').result()

:class:`DaskExecutor` is the factory of the executor: a
:class:`~.executors.PoolExecutor` whose thread slot stays local (node
evaluations update the live solution) and whose process slot submits the
functions to the cluster through ``client.get_executor(pure=False)``. So:

- calls are never deduplicated or cached by Dask (``pure=False``):
  ``time.time``, random and side effects behave as locally;
- each function is shipped with its arguments as one
  ``functools.partial`` (no clash between their keywords and the options of
  ``client.submit``; workers need no schedula for plain functions);
- by default (``parallel=False``) only plain functions go to the cluster:
  sub-dispatchers, stopper checks and callbacks stay local, and their inner
  functions go to the cluster in turn;
- a :class:`~schedula.utils.dsp.MapDispatch` runs each item as one task
  and scatters its model to every worker once per call
  (``client.scatter(..., broadcast=True)``: the task gets the future as
  argument), released after the call;
- results and errors are those of ``'parallel'``; a worker that dies fails
  its node with :class:`~.executors.WorkerDiedError` (naming the node, after
  Dask's own retries: ``distributed.scheduler.allowed-failures``);
- ``shutdown_executor('dask')`` cancels the pending tasks of this executor
  but never closes the client (nor the cluster); a client that
  :class:`DaskExecutor` created from an address is closed by its
  :meth:`~DaskExecutor.close`.

Values travel worker -> client -> worker (inputs are awaited locally),
pickled by Dask (``cloudpickle``, not ``dill``).
"""
import threading
import functools

__all__ = ['DaskExecutor']


class _Shared:
    # An object scattered on every worker (see `_DaskSlot.share`).
    def __init__(self, future):
        self.future = future


def _apply_shared(fn, args, kwargs, shared):
    return fn(shared, *args, **kwargs)


class _DaskSlot:
    # The process slot: `client.get_executor` (concurrent.futures futures,
    # completed with the value or the error of the task).
    def __init__(self, client, submit_options):
        self._client = client
        self._executor = client.get_executor(pure=False, **submit_options)

    def share(self, obj):
        # Sends `obj` (e.g. the model of a map) to every worker once: a task
        # given the handle as first argument receives `obj` (Dask's advice
        # for large task arguments: scatter, then pass the future).
        [future] = self._client.scatter([obj], broadcast=True, hash=False)
        return _Shared(future)

    def submit(self, fn, *args, **kwargs):
        if args and isinstance(args[0], _Shared):  # A task argument.
            call = functools.partial(_apply_shared, fn, args[1:], kwargs)
            return self._executor.submit(call, args[0].future)
        return self._executor.submit(functools.partial(fn, *args, **kwargs))

    def shutdown(self, wait=True):
        # Cancels the pending tasks of this executor; the client stays open.
        self._executor.shutdown(wait)
        return {}


class DaskExecutor:
    """
    Factory of executors that run the functions of a dispatch on a Dask
    cluster: ``sh.register_executor('dask', DaskExecutor(client))``.

    :param client:
        A ``distributed.Client`` (owned by the caller: never closed here) or
        the address of a scheduler (a client is made at first use and closed
        by :meth:`close`).
    :type client: distributed.Client | str

    :param parallel:
        What goes to the cluster (see :class:`~.executors.PoolExecutor`):
        False (default), the plain functions; None, the chains without
        sub-dispatches; True, everything (workers then need schedula, and a
        shipped sub-dispatch runs synchronously there).
    :type parallel: bool | None

    :param submit_options:
        Options of ``client.submit`` (``workers``, ``resources``,
        ``retries``, ``allow_other_workers``).

    Example::

        >>> factory = DaskExecutor('tcp://127.0.0.1:8786')
        >>> factory
        DaskExecutor('tcp://127.0.0.1:8786', parallel=False)
        >>> factory.close()  # No client made yet: nothing to close.
    """

    def __init__(self, client, parallel=False, **submit_options):
        if isinstance(client, str):
            self.address, self._client, self._owned = client, None, True
        else:
            self.address, self._client, self._owned = None, client, False
        self.parallel = parallel
        self.submit_options = submit_options
        self._lock = threading.Lock()

    def __repr__(self):
        target = self.address if self._owned else self._client
        return '%s(%r, parallel=%r)' % (type(self).__name__, target,
                                        self.parallel)

    @property
    def client(self):
        """The ``distributed.Client`` (made from the address at first use)."""
        with self._lock:
            if self._client is None:
                from distributed import Client
                self._client = Client(self.address, set_as_default=False)
            return self._client

    def __call__(self):
        from .executors import PoolExecutor, ThreadExecutor
        slot = _DaskSlot(self.client, self.submit_options)
        return PoolExecutor(ThreadExecutor(), slot, self.parallel)

    def close(self):
        """Closes the client made from an address (a given one is kept)."""
        with self._lock:
            client = self._client
            if self._owned and client is not None:
                self._client = None
                client.close()
