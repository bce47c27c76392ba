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

    Its ``str()`` is its message formatted with its other arguments (its
    `args` are kept as given, as in 1.2.0).

    :ivar sol: The solution where the failure was handled.
    :ivar ex: The original exception.
    :ivar plot: The `plot` method of `sol` (or None).

    Example::

        >>> e = DispatcherError('msg', ex=ValueError('x'))
        >>> e, e.sol, e.plot, e.ex
        (DispatcherError('msg'), None, None, ValueError('x'))
        >>> e = DispatcherError("Failed DISPATCHING '%s' due to: %r", 'h',
        ...                     ZeroDivisionError('division by zero'))
        >>> print(e)
        Failed DISPATCHING 'h' due to: ZeroDivisionError('division by zero')
        >>> e.args[1:]
        ('h', ZeroDivisionError('division by zero'))
    """

    def __init__(self, *args, sol=None, ex=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.plot = self.sol = None
        self.ex = ex
        self.update(sol)

    def __str__(self):
        msg, *args = self.args or ('',)
        if args and isinstance(msg, str):
            try:
                return msg % tuple(args)
            except (TypeError, ValueError):  # Not a template for them.
                pass
        return super().__str__()

    def update(self, sol):
        """
        Binds the exception to the solution `sol` (and to its plot).

        Example::

            >>> import schedula as sh
            >>> sol = sh.Dispatcher()({'a': 1})
            >>> e = DispatcherError('failed')
            >>> e.update(sol); e.sol is sol, e.plot == sol.plot
            (True, True)
        """
        self.sol = sol
        self.plot = None if sol is None else sol.plot

    def __reduce__(self):
        cls, args, state = super().__reduce__()[:3]
        state = {k: v for k, v in (state or {}).items()
                 if k not in ('sol', 'plot')}
        return cls, args, state


class DispatcherAbort(BaseException):
    """
    The dispatch was stopped by its `stopper` (a `BaseException`: node error
    handling does not catch it).

    Example::

        >>> import threading, schedula as sh
        >>> d = sh.Dispatcher()
        >>> d.add_function('f', abs, ['a'], ['b'])
        'f'
        >>> stop = threading.Event(); stop.set()
        >>> try:
        ...     d.dispatch({'a': -1}, stopper=stop)
        ... except DispatcherAbort:
        ...     print('aborted', d.solution)
        aborted Solution([('a', -1)])
    """


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
    """
    The executor running a task was shut down.

    Example::

        >>> issubclass(ExecutorShutdown, Exception)
        False
    """
