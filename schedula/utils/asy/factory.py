# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""
The registry of executors: :class:`ExecutorFactory` maps names to factories
and keeps, per name, the executor built by its factory and which solutions
(by id) may still use it.

As in 1.2.0, a name without a factory (a typo, ``'sync'``, an executor
object passed as a name) means synchronous, cached until a shutdown pops the
entry; the first look-up of such a name logs a warning naming it and the
registered names (logger ``schedula.utils.asy``; not in a worker process
running shipped work, where the parent's names may be unknown). A factory
returning a falsy value means synchronous too.

Changes from 1.2.0 (accidents fixed): a factory returning a truthy object
that is not an executor raises ``TypeError`` naming the executor (1.2.0
crashed with an ``AttributeError`` when a node used it);
``set_active``/``pop_active``/``shutdown_executor`` work while an entry made
by ``set_executor`` has not been looked up yet (1.2.0:
``KeyError('active')``).
"""
import os
import logging
import weakref
import threading
from concurrent.futures import wait as _wait
from ..cst import EMPTY

__all__ = ['ExecutorFactory']

#: What an executor must offer (the `PoolExecutor` protocol).
_PROTOCOL = ('thread', 'process', 'process_funcs', 'add_future',
             'get_futures', 'shutdown')

#: `_worker.active` is true in a thread running work shipped to a worker.
_worker = threading.local()

log = logging.getLogger('schedula.utils.asy')


def _check_executor(name, exe):
    if not exe:  # 1.2.0 tested the truth value: synchronous.
        return None
    if not all(hasattr(exe, k) for k in _PROTOCOL):
        raise TypeError(
            'The factory of the executor %r returned %r, which is not an '
            'executor (it needs the methods %s; e.g. a '
            'schedula.PoolExecutor).' % (name, exe, ', '.join(_PROTOCOL)))
    return exe


def _new_lock(registry):
    if registry is not None:
        registry._lock = threading.Lock()


class ExecutorFactory(dict):
    """
    Registry of executors: ``{name: factory}``, plus the executors created
    (``_executors``: ``{name: {'active': {sid: bool}, 'executor': ...}}``).

    A name without a factory (e.g. `None`) means synchronous; `False` means
    synchronous and never touches the registry.

    Example::

        >>> reg = ExecutorFactory(sync=lambda: None)
        >>> reg.get_executor(('sync', 1)), reg._executors
        (None, {'sync': {'active': {1: True}, 'executor': None}})
        >>> reg.get_executor((None, 1)), reg.get_executor((False, 1))
        (None, None)
        >>> list(reg._executors)
        ['sync', None]
        >>> reg.get_executor(('paralel', 1)) is None  # Logs a warning.
        True
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._executors = {}
        self._lock = threading.Lock()
        if hasattr(os, 'register_at_fork'):  # A lock held at fork time.
            ref = weakref.ref(self)
            os.register_at_fork(after_in_child=lambda: _new_lock(ref()))

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

    def _warn_unknown(self, name):
        # 1.2.0 ran an unknown name synchronously, silently: say so.
        if name is None or name in self or getattr(_worker, 'active', False):
            return
        names = ', '.join(sorted(map(repr, self))) or 'none'
        log.warning('Unknown executor %r: running synchronously (the '
                    'registered executors are %s).', name, names)

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
        Returns the executor of `exe_id` (None: run synchronously; a stopped
        pool for a deactivated solution id).

        Example::

            >>> import schedula as sh
            >>> reg = ExecutorFactory(a=lambda: sh.PoolExecutor(sh.ThreadExecutor()))
            >>> e = reg.get_executor(('a', 1))
            >>> e is reg.get_executor(('a', 2)), e._running
            (True, True)
            >>> reg.set_active(1, False)
            >>> reg.get_executor(('a', 1))._running
            False
        """
        name, sid = exe_id
        if name is False:
            return None
        entry = self._executors.get(name)
        if entry is None:
            entry = self._executors.setdefault(name, {})
        if not entry.setdefault('active', {}).setdefault(sid, True):
            from .executors import PoolExecutor
            return PoolExecutor(None)  # Stopped: new work fails.
        with self._lock:
            try:
                return entry['executor']
            except KeyError:  # First look-up, or after a shutdown.
                self._warn_unknown(name)
                factory = self.get(name)
                exe = _check_executor(name, factory() if factory else None)
                entry['executor'] = exe
                return exe

    def set_active(self, sol_id, value=True):
        """
        Sets the flag of the solution id `sol_id` in every entry.

        Example::

            >>> reg = ExecutorFactory()
            >>> reg.get_executor((None, 1)); reg.set_active(1, False)
            >>> reg._executors[None]['active']
            {1: False}
        """
        for entry in list(self._executors.values()):
            active = entry.get('active', {})
            if sol_id in active:
                active[sol_id] = value

    def pop_active(self, sol_id):
        """
        Forgets the solution id `sol_id` in every entry.

        Example::

            >>> reg = ExecutorFactory()
            >>> reg.get_executor((None, 1)); reg.pop_active(1)
            >>> reg._executors[None]['active']
            {}
        """
        for entry in list(self._executors.values()):
            entry.get('active', {}).pop(sol_id, None)

    def shutdown_executor(self, name=EMPTY, sol_id=EMPTY, wait=True):
        """
        Shuts down the executors (all, or `name`) used by `sol_id`: an
        executor really stops when no solution may use it any more (always
        when `sol_id` is not given).

        :return:
            ``{name: shutdown report}`` of the executors really shut down.
        :rtype: dict

        Example::

            >>> reg = ExecutorFactory()
            >>> reg.get_executor((None, 1)); reg.shutdown_executor(None, 1)
            {}
            >>> reg._executors[None]['active']
            {1: False}
        """
        selected = {k: v for k, v in list(self._executors.items())
                    if (name is EMPTY or k == name) and
                    (sol_id is EMPTY or sol_id in v.get('active', {}))}
        if wait:
            futures = set()
            for entry in selected.values():
                exe = entry.get('executor')
                if exe:
                    futures.update(exe.get_futures(sol_id))
            _wait(futures)
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


#: The registry of executors (:mod:`schedula.utils.asy` adds the built-ins).
EXECUTORS = ExecutorFactory()
