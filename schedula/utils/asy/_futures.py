# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""
Future helpers shared by the executors, the worker pool and the chaining of
node evaluations (published by :mod:`schedula.utils.asy.executors`): the
dead-worker error and the setters that leave an already done future alone.
"""
from concurrent.futures import InvalidStateError

__all__ = ['WorkerDiedError']


class WorkerDiedError(RuntimeError):
    """
    The worker process running a task died before sending its result.

    :ivar node: The path of the node whose task was lost (when known).

    Example::

        >>> WorkerDiedError('The worker process died (exit code -9).').node
    """
    node = None


def _safe_set_result(fut, value):
    """Sets the result of `fut`, unless it is already done."""
    if not fut.done():
        try:
            fut.set_result(value)
        except InvalidStateError:  # Done meanwhile (e.g. a shutdown).
            pass


def _safe_set_exception(fut, ex):
    """Sets the exception of `fut`, unless it is already done."""
    if not fut.done():
        try:
            fut.set_exception(ex)
        except InvalidStateError:
            pass


def _died(proc):
    # The error of a worker process that died before sending its result.
    proc.join(1)
    return WorkerDiedError('The worker process (pid %s) died (exit code %s) '
                           'before sending its result.' % (
                               proc.pid, proc.exitcode))


def _copy_outcome(dest, src):
    # The outcome of the done future `src` into `dest`.
    try:
        ex = src.exception()
    except BaseException as err:  # Cancelled.
        ex = err
    if ex is None:
        _safe_set_result(dest, src.result())
    else:
        _safe_set_exception(dest, ex)
