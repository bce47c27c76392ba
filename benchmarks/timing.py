# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""
Timers: the best per-call time of an operation, a single timed call, and the
floor unit every case is expressed in.
"""
import time

from .models import increment


def _batch(op, batch_time):
    """Calls per batch: doubled until a batch lasts `batch_time`."""
    clock, calls = time.perf_counter, 1
    while True:
        start = clock()
        for _ in range(calls):
            op()
        if clock() - start >= batch_time or calls >= 1 << 20:
            return calls
        calls *= 2


def best(op, min_time=0.3, repeat=5):
    """
    Best seconds per call of ``op()`` over ``repeat`` batches.

    The batch size doubles until one batch lasts ``min_time / repeat``, so
    fast operations are timed over many calls and the timer's resolution
    does not matter; the best batch is the least disturbed one.
    """
    clock, calls = time.perf_counter, _batch(op, min_time / repeat)
    timings = []
    for _ in range(repeat):
        start = clock()
        for _ in range(calls):
            op()
        timings.append((clock() - start) / calls)
    return min(timings)


def best_of_each(ops, min_time=0.3, repeat=5):
    """
    Best seconds per call of each operation of ``ops`` (name -> operation),
    timed in turns (a batch of each, then again, ``repeat`` times) so that
    a drift of the machine's speed touches them all alike.
    """
    clock = time.perf_counter
    calls = {name: _batch(op, min_time / repeat) for name, op in ops.items()}
    timings = {name: [] for name in ops}
    for _ in range(repeat):
        for name, op in ops.items():
            n, start = calls[name], clock()
            for _ in range(n):
                op()
            timings[name].append((clock() - start) / n)
    return {name: min(values) for name, values in timings.items()}


def once(op):
    """Seconds taken by a single call of ``op()``."""
    start = time.perf_counter()
    op()
    return time.perf_counter() - start


def chain_floor(n=1000):
    """
    The work a chain of ``n`` functions does without schedula: ``n`` plain
    calls of the chain function, each result stored in a dict under its
    formatted key (as the dispatch stores it). Returns the operation.
    """
    def run():
        values = {'x0': 0}
        for i in range(n):
            values['x%d' % (i + 1)] = increment(values['x%d' % i])
        return values

    return run


def floor_unit(scale=1.0):
    """Seconds of one floor unit: a chain-floor call divided by its length."""
    return best(chain_floor(1000), min_time=1.0 * scale) / 1000
