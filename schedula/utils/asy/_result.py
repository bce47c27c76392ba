# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""
How asynchronous values come back: :class:`AsyncList` (the per-output
futures of a function) and the resolution of the futures of a solution
(``Solution.result()``).
"""
from operator import methodcaller
from itertools import chain
from concurrent.futures import Future, wait as wait_futures
from ..exc import DispatcherAbort, SkipNode, ExecutorShutdown
from ._futures import _safe_set_result, _safe_set_exception
from .factory import EXECUTORS

__all__ = ['AsyncList']


class AsyncList(list):
    """
    A list of `n` new futures that get the items of the result of `future`
    (one per output of a function node). When that result fails, is not
    iterable or has fewer than `n` items (``AssertionError``), every element
    fails with that error.

    Example::

        >>> from concurrent.futures import Future
        >>> src = Future()
        >>> parts = AsyncList(future=src, n=2)
        >>> isinstance(parts, list), len(parts), [p.done() for p in parts]
        (True, 2, [False, False])
        >>> src.set_result(('first', 'second', 'ignored'))
        >>> [p.result() for p in parts]
        ['first', 'second']
        >>> src = Future(); parts = AsyncList(future=src, n=3); src.set_result((1, 2))
        >>> [type(p.exception()).__name__ for p in parts]
        ['AssertionError', 'AssertionError', 'AssertionError']
    """

    def __init__(self, *, future=None, n=1):
        super().__init__(Future() for _ in range(n))
        if future is not None:
            future.add_done_callback(self)

    def __call__(self, future):
        try:
            res = tuple(future.result())
            assert len(res) >= len(self)
        except BaseException as ex:
            for fut in self:
                _safe_set_exception(fut, ex)
        else:
            for fut, value in zip(self, res):
                _safe_set_result(fut, value)
        return future


def _is_async(cls):
    """True if values of class `cls` are resolved by ``result()``."""
    return issubclass(cls, (Future, AsyncList))


def _may_hold_futures(sol):
    # A quick test on the types of the values (C-level map): the ordered
    # scan below runs only when some value may be a future. A pipe that
    # checked the classes of its values while filling a new solution says
    # so once (`_plain_values`), for the `result()` of that call.
    if sol.__dict__.pop('_plain_values', False):
        return False
    get_results, get_value = methodcaller('get', 'results'), \
        methodcaller('get', 'value')
    types = set()
    for s in sol.sub_sol.values():
        types.update(map(type, s.values()))
        types.update(map(type, map(get_results, s.workflow._node.values())))
        edges = chain.from_iterable(map(dict.values,
                                        s.workflow._succ.values()))
        types.update(map(type, map(get_value, edges)))
    return any(map(_is_async, types))


def _collect_futures(sol):
    # {future: [(container, key), ...]} of the futures reachable from `sol`,
    # in the order they are found (the first failure found is raised).
    found, kinds = {}, (Future, AsyncList)
    if not _may_hold_futures(sol):
        return found

    def add(container, key, value):
        if isinstance(value, Future):
            found.setdefault(value, []).append((container, key))
        else:  # An AsyncList: one future per output.
            for i, v in enumerate(value):
                if isinstance(v, kinds):
                    add(value, i, v)

    for *_, (n, s) in sol._pipe:
        if n in s and isinstance(s[n], kinds):
            add(s, n, s[n])
    for s in sol.sub_sol.values():
        for k, v in s.items():
            if isinstance(v, kinds):
                add(s, k, v)
        for attr in s.workflow._node.values():
            if 'results' in attr and isinstance(attr['results'], kinds):
                add(attr, 'results', attr['results'])
        for nbrs in s.workflow._succ.values():
            for attr in nbrs.values():
                if 'value' in attr and isinstance(attr['value'], kinds):
                    add(attr, 'value', attr['value'])
    return found


def _resolve_solution(sol, timeout=None):
    """Puts the results of the futures in `sol` (see ``Solution.result``)."""
    found = _collect_futures(sol)
    if found:
        wait_futures(found, timeout)
    EXECUTORS.set_active(id(sol), False)
    error = None
    for fut, places in found.items():
        try:
            value = fut.result(0)
        except (Exception, ExecutorShutdown, DispatcherAbort,
                SkipNode) as ex:
            for container, key in places:
                if isinstance(container, list):
                    continue
                if key in container:
                    del container[key]
            if error is None:
                error = ex.ex if isinstance(ex, SkipNode) and ex.ex else ex
            continue
        for container, key in places:
            container[key] = value
    if error is not None:
        raise error
    return sol
