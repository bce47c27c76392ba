# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""
MapDispatch: a model over many inputs (needs the ``parallel`` and ``dask``
extras)::

    $ python -m benchmarks.map                      # the three parts
    $ python -m benchmarks.map --part overhead --items 500

1. *Speed-up*: `tasks` CPU-bound items (a one-function model of about
   `seconds` of pure Python each) mapped synchronously, with
   ``'parallel-pool'`` and with Dask on a local cluster of `workers`
   processes, in turn for `repeat` rounds: the best times and the median of
   each round's speed-up (the issue's goal: at least x1.7 on 2 workers).
2. *Overhead*: `items` items of a 50-function model (the layered model of
   5 layers of 5 nodes, two producers each) mapped with each executor,
   beside a hand-written loop of ``dsp.dispatch``: microseconds per item
   and the map's cost over the loop (goal: under 10% synchronously). The
   process-per-item executors ('parallel', 'parallel-dispatch') map a tenth
   of the items.
3. *Memory*: peak RSS of a process mapping `memory_items` items whose
   result is one value (``output_type='values'``), beside the same map
   returning the items' solutions and a hand loop keeping only the values.
"""
import os
import sys
import json
import time
import argparse
import resource
import statistics
import subprocess

import schedula as sh
from .models import layered_model
from .parallel import spin, best_time, start_dask, stop_dask


def cpu_calibrate(seconds):
    """The `spin` steps taking `seconds` of CPU (not wall: the load)."""
    n = 100000
    while True:
        start = time.process_time()
        spin(n)
        elapsed = time.process_time() - start
        if elapsed > 0.1:
            return int(n * seconds / elapsed)
        n *= 4


def spin_map():
    """A one-function model: ``n -> spin(n)``, mapped to values."""
    dsp = sh.Dispatcher(name='spin')
    dsp.add_function('spin', spin, ['n'], ['total'])
    return sh.MapDispatch(dsp, constructor_kwargs={
        'outputs': ['total'], 'output_type': 'values'})


def speed_up(args, executors):
    """Part 1: the items side by side, against synchronously."""
    n = cpu_calibrate(args.seconds)
    map_func, items = spin_map(), [{'n': n + i} for i in range(args.tasks)]
    expected = [spin(n + i) for i in range(args.tasks)]

    def timed(name):
        def run():
            assert map_func(items, _executor=name) == expected
        return run

    runs = [timed(name) for name in executors]
    for run in runs[1:]:
        run()  # Warm up (pool and workers started).
    times = [[] for _ in executors]
    for _ in range(args.repeat):
        for run, elapsed in zip(runs, times):
            elapsed.append(best_time(run, 1))
    print('%d items of ~%.2f s (sync: best %.2f s)' % (
        args.tasks, args.seconds, min(times[0])))
    for name, elapsed in zip(executors, times):
        ratios = [s / t for s, t in zip(times[0], elapsed)]
        print('  %-18s best %6.3f s   x%.2f (median of %d rounds)' % (
            name or 'sync', min(elapsed), statistics.median(ratios),
            len(ratios)))


def model50():
    """The 50-function model, its output and `count` items."""
    dsp, inputs = layered_model(layers=6, width=5)
    assert sum(n['type'] == 'function' for n in dsp.nodes.values()) == 50
    return dsp, 'd5_0', inputs


def items_of(inputs, count):
    return [{k: v + i for k, v in inputs.items()} for i in range(count)]


def overhead(args, executors):
    """Part 2: microseconds per item, map against a loop of dispatch."""
    dsp, out, inputs = model50()
    map_func = sh.MapDispatch(dsp, constructor_kwargs={
        'outputs': [out], 'output_type': 'values'})
    items = items_of(inputs, args.items)

    def loop():
        return [dsp.dispatch(item, [out])[out] for item in items]

    expected = loop()
    sync_loop = best_time(loop, args.repeat)
    print('overhead per item (%d items of a 50-function model)' %
          args.items)
    print('  %-18s %9.1f us' % ('loop of dispatch', sync_loop / len(items)
                                * 1e6))
    for name in executors:
        some = items if name not in ('parallel', 'parallel-dispatch') else \
            items[:max(2, len(items) // 10)]

        def run():
            assert map_func(some, _executor=name) == expected[:len(some)]
        run()  # Warm up.
        elapsed = best_time(run, args.repeat)
        per_item = elapsed / len(some)
        extra = per_item - sync_loop / len(items)
        print('  %-18s %9.1f us   %+9.1f us (%+.1f%%) over the loop' % (
            name or 'map (sync)', per_item * 1e6, extra * 1e6,
            100 * extra / (sync_loop / len(items))))


def _peak_rss(mode, count):
    # In a fresh process: the peak RSS (MiB) of one way of mapping.
    dsp, out, inputs = model50()
    items = items_of(inputs, count)
    if mode == 'values':
        res = sh.MapDispatch(dsp, constructor_kwargs={
            'outputs': [out], 'output_type': 'values'})(items)
    elif mode == 'solutions':
        res = sh.MapDispatch(dsp)(items)
    elif mode == 'loop':
        res = [dsp.dispatch(item, [out])[out] for item in items]
    else:  # 'baseline': the model and the items only.
        res = items
    assert len(res) == count
    try:  # This process's own peak (ru_maxrss survives the exec on Linux).
        with open('/proc/self/status') as status:
            line = next(r for r in status if r.startswith('VmHWM:'))
        return int(line.split()[1]) / 1024
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def memory(args):
    """Part 3: peak RSS of 10,000 items (each way in its own process)."""
    print('peak RSS mapping %d items of the 50-function model' %
          args.memory_items)
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    for mode, what in (
            ('baseline', 'model and items only'),
            ('loop', 'hand loop keeping the values'),
            ('values', "MapDispatch, output_type='values'"),
            ('solutions', 'MapDispatch returning the solutions')):
        out = subprocess.run(
            [sys.executable, '-m', 'benchmarks.map', '--rss', mode,
             '--memory-items', str(args.memory_items)],
            env=env, capture_output=True, text=True, check=True).stdout
        print('  %-36s %8.1f MiB' % (what, json.loads(out)))


def main(argv=None):
    """Runs the benchmark; prints its figures."""
    parser = argparse.ArgumentParser(prog='python -m benchmarks.map')
    parser.add_argument('--part', choices=('all', 'speedup', 'overhead',
                                           'memory'), default='all')
    parser.add_argument('--tasks', type=int, default=16)
    parser.add_argument('--seconds', type=float, default=0.2)
    parser.add_argument('--workers', type=int, default=2,
                        help="Dask's workers ('parallel-pool' has one per "
                             "CPU)")
    parser.add_argument('--items', type=int, default=2000,
                        help='items of the overhead part')
    parser.add_argument('--memory-items', type=int, default=10000)
    parser.add_argument('--repeat', type=int, default=3)
    parser.add_argument('--no-dask', action='store_true')
    parser.add_argument('--rss', help=argparse.SUPPRESS)  # Child of part 3.
    args = parser.parse_args(argv)
    if args.rss:
        print(json.dumps(_peak_rss(args.rss, args.memory_items)))
        return
    print('load average: %.2f %.2f %.2f (%d CPUs)' % (
        os.getloadavg() + (os.cpu_count(),)))
    cluster = client = None
    if not args.no_dask and args.part in ('all', 'speedup', 'overhead'):
        cluster, client = start_dask(args.workers)
    dask = ['dask'] if client else []
    try:
        if args.part in ('all', 'speedup'):
            speed_up(args, [False, 'parallel-pool'] + dask)
        if args.part in ('all', 'overhead'):
            overhead(args, [False, 'async', 'parallel-pool',
                            'parallel-dispatch', 'parallel'] + dask)
        if args.part in ('all', 'memory'):
            memory(args)
    finally:
        stop_dask(cluster, client)


if __name__ == '__main__':
    main()
