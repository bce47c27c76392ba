# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""
Executors: speed-up on CPU-bound work and per-task overhead (needs the
``parallel`` and ``dask`` extras)::

    $ python -m benchmarks.parallel                 # both parts
    $ python -m benchmarks.parallel --tasks 8 --seconds 0.2 --workers 2

1. *Speed-up*: `tasks` independent CPU-bound functions of about `seconds`
   each, dispatched synchronously, with ``'parallel-pool'`` and with Dask on
   a local cluster of `workers` processes, in turn for `repeat` rounds (the
   pool, one worker per CPU, and the cluster are started before timing):
   the best times and the median of each round's speed-up.
2. *Overhead*: `calls` independent trivial functions dispatched with each
   executor, minus the synchronous dispatch, per function (microseconds),
   beside Dask's own ``client.submit`` + ``gather`` of the same function.
"""
import os
import argparse
import statistics

import schedula as sh
from .timing import once


def spin(n):
    """CPU-bound work: a pure Python loop of `n` steps."""
    total = 0
    for i in range(n):
        total += i
    return total


def ident(x):
    """A trivial function."""
    return x


def calibrate(seconds):
    """The number of `spin` steps taking about `seconds`."""
    n = 100000
    while True:
        elapsed = best_time(lambda: spin(n), 3)  # The least disturbed.
        if elapsed > 0.05:
            return int(n * seconds / elapsed)
        n *= 4


def fan_model(func, count):
    """`count` independent functions of the input `x`."""
    dsp = sh.Dispatcher(name='fan')
    for i in range(count):
        dsp.add_function('f%d' % i, func, ['x'], ['o%d' % i])
    return dsp


def best_time(run, repeat):
    """The best wall time of `repeat` calls of `run`."""
    return min(once(run) for _ in range(repeat))


def dispatcher(dsp, inputs, executor):
    """A timed run: dispatch and wait for every value."""
    def run():
        sol = dsp.dispatch(inputs, executor=executor)
        sol.result()
        assert len(sol) == len(dsp.nodes) // 2 + 1, sol._errors
    return run


def start_dask(workers):
    """A local cluster of `workers` processes, registered as 'dask'."""
    from distributed import Client, LocalCluster
    cluster = LocalCluster(n_workers=workers, threads_per_worker=1,
                           processes=True, host='127.0.0.1',
                           dashboard_address='127.0.0.1:0')
    client = Client(cluster)
    sh.register_executor('dask', sh.utils.asy.DaskExecutor(client))
    return cluster, client


def stop_dask(cluster, client):
    """Shuts the executors down, then the cluster of `start_dask` (if any)."""
    sh.shutdown_executors(False)
    if client is not None:
        client.close()
        cluster.close()


def speed_up(args, executors):
    """
    Part 1: the figures of the CPU-bound fan. The executors run in turn,
    round after round, and each round's times are compared with its own
    synchronous run: a machine whose load drifts moves both alike.
    """
    n = calibrate(args.seconds)
    dsp = fan_model(spin, args.tasks)
    runs = [dispatcher(dsp, {'x': n}, name) for name in executors]
    for run in runs:
        run()  # Warm up (pool and workers started, code shipped).
    times = [[] for _ in executors]
    for _ in range(args.repeat):
        for run, elapsed in zip(runs, times):
            elapsed.append(best_time(run, 1))
    sync = times[0]
    print('%d functions of ~%.2f s (sync: best %.2f s)' % (
        args.tasks, args.seconds, min(sync)))
    for name, elapsed in zip(executors, times):
        ratios = [s / t for s, t in zip(sync, elapsed)]
        print('  %-15s best %6.3f s   x%.2f (median of %d rounds)' % (
            name or 'sync', min(elapsed), statistics.median(ratios),
            len(ratios)))


def overhead(args, executors, client):
    """Part 2: microseconds per trivial function."""
    print('overhead per trivial function (%d independent ones)' % args.calls)
    dsp = fan_model(ident, args.calls)
    sync = best_time(dispatcher(dsp, {'x': 1}, False), args.repeat)
    print('  %-15s %9.1f us  (the whole dispatch, per function)' % (
        'sync', sync / args.calls * 1e6))
    for name in executors[1:]:
        calls = args.calls if name != 'parallel' else max(
            2, args.calls // 10)  # A process per call: fewer.
        model = dsp if calls == args.calls else fan_model(ident, calls)
        run = dispatcher(model, {'x': 1}, name)
        run()
        elapsed = best_time(run, args.repeat) - sync * calls / args.calls
        print('  %-15s %9.1f us' % (name, elapsed / calls * 1e6))
    if client is not None:
        def submit():
            client.gather([client.submit(ident, i, pure=False)
                           for i in range(args.calls)])
        submit()
        elapsed = best_time(submit, args.repeat)
        print('  %-15s %9.1f us' % ('client.submit', elapsed / args.calls *
                                    1e6))


def main(argv=None):
    """Runs the benchmark; prints its figures."""
    parser = argparse.ArgumentParser(prog='python -m benchmarks.parallel')
    parser.add_argument('--tasks', type=int, default=8)
    parser.add_argument('--seconds', type=float, default=0.2)
    parser.add_argument('--workers', type=int, default=os.cpu_count(),
                        help="Dask's workers ('parallel-pool' has one per "
                             "CPU)")
    parser.add_argument('--calls', type=int, default=200,
                        help='trivial functions of the overhead part')
    parser.add_argument('--repeat', type=int, default=3)
    parser.add_argument('--no-dask', action='store_true')
    args = parser.parse_args(argv)
    cluster = client = None
    if not args.no_dask:
        cluster, client = start_dask(args.workers)
    try:
        fast = [False, 'parallel-pool'] + (['dask'] if client else [])
        speed_up(args, fast)
        every = [False, 'async', 'parallel', 'parallel-pool',
                 'parallel-dispatch'] + (['dask'] if client else [])
        overhead(args, every, client)
    finally:
        stop_dask(cluster, client)


if __name__ == '__main__':
    main()
