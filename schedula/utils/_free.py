# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""
Freeing replaced solutions without the cyclic garbage collector (private).

A :class:`~schedula.utils.sol.Solution` is a reference cycle by
specification: ``sol.sub_sol[sol.index] is sol`` and every item of
``sol._pipe`` is ``(node_id, sol)``. When a dispatch replaces
``dsp.solution``, the old solution would wait for the cyclic collector,
which scans it whole (about half the time of a chain dispatch).
"""
import sys
import operator
from itertools import repeat


def replace_solution(owner, sol):
    """Sets ``owner.solution`` to `sol` and frees the old one if it can."""
    old, owner.solution = owner.solution, sol
    release(old)  # `old` is the caller's reference `release` counts.


def release(sol):
    """
    Frees the replaced solution `sol` at once, when nothing but the caller
    reaches it: its reference cycles (``sub_sol`` holds the solution, so do
    the items of ``_pipe``) are cut instead of being left to the cyclic
    garbage collector, which would scan the whole solution again to find
    them. Anything reachable from outside (the solution, its ``_pipe`` list,
    its ``sub_sol`` dict, a pipe entry or item) keeps the solution intact.

    Example::

        >>> import gc, weakref, schedula as sh
        >>> d = sh.Dispatcher()
        >>> d.add_function('f', abs, ['a'], ['b'])
        'f'
        >>> gc.disable()
        >>> ref = weakref.ref(d.dispatch({'a': -1}))
        >>> d.dispatch({'a': -2}) and ref() is None  # Freed without the GC.
        True
        >>> kept = d.solution; d.dispatch({'a': -3}) and kept['b']
        2
        >>> gc.enable()
    """
    # References to `sol`: the caller's, this function's argument,
    # getrefcount's own, `sub_sol`'s entry and one per pipe item; to `pipe`
    # and `sub_sol`: the solution's, the local name's and getrefcount's.
    state = getattr(sol, '__dict__', None) or {}
    pipe, sub_sol = state.get('_pipe'), state.get('sub_sol')
    if pipe is None or sub_sol is None or len(sub_sol) != 1 or \
            state.get('fringe') is not None or \
            _refcount(sol) != 4 + len(pipe) or _refcount(pipe) != 3 or \
            _refcount(sub_sol) != 3:
        return
    items = list(map(_item, pipe))
    if _counts(map(_refcount, pipe)) != {2} or \
            _counts(map(_refcount, items)) != {3}:
        return
    if not all(map(_is, map(_owner, items), repeat(sol))):
        return
    del items
    pipe.clear()
    sub_sol.clear()


_refcount, _counts, _is = sys.getrefcount, set, operator.is_
_item, _owner = operator.itemgetter(2), operator.itemgetter(1)
