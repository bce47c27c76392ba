# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""
Exceptions raised while dispatching.
"""

__all__ = ['DispatcherError', 'DispatcherAbort', 'SkipNode', 'ExecutorShutdown']


class DispatcherError(Exception):
    """
    A node failed and the dispatcher was told to raise.

    :ivar sol: The solution where the failure was handled.
    :ivar ex: The original exception.
    :ivar plot: The `plot` method of `sol` (or None).

    Example::

        >>> e = DispatcherError('msg', ex=ValueError('x'))
        >>> e, e.sol, e.plot, e.ex
        (DispatcherError('msg'), None, None, ValueError('x'))
    """

    def __init__(self, *args, sol=None, ex=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.plot = self.sol = None
        self.ex = ex
        self.update(sol)

    def update(self, sol):
        """Binds the exception to the solution `sol` (and to its plot)."""
        self.sol = sol
        self.plot = None if sol is None else sol.plot

    def __reduce__(self):
        cls, args, state = super().__reduce__()[:3]
        state = {k: v for k, v in (state or {}).items()
                 if k not in ('sol', 'plot')}
        return cls, args, state


class DispatcherAbort(BaseException):
    """The dispatch was stopped by its `stopper`."""


class SkipNode(BaseException):
    """
    Internal signal: the node produced nothing (failure or false domain).

    Example::

        >>> SkipNode('a', ex=KeyError('z')).ex
        KeyError('z')
    """

    def __init__(self, *args, ex=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.ex = ex


class ExecutorShutdown(BaseException):
    """The executor running a task was shut down."""
