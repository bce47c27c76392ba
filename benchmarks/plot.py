# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""
Plotting benchmark: the layered model (``models.layered_model``) plotted
and its whole site rendered, with the time split between our code and
Graphviz's ``dot``.

Run ``python -m benchmarks.plot`` (10 layers, 1,120 nodes, goal <= 5 s) and
``python -m benchmarks.plot --layers 40`` (4,720 nodes, goal < 60 s); add
``--workflow`` to plot the solution of a dispatch instead of the model.
"""
import sys
import time
import resource
import shutil
import argparse
import tempfile

from .models import layered_model

#: Goals of the issue (seconds): 10 layers <= 5 s, the full model < 60 s.
GOALS = {10: 5.0, 40: 60.0}


def _timed_pipe(spent):
    # Wraps graphviz's pipe to add the time spent waiting on `dot`.
    import graphviz
    original = graphviz.Digraph.pipe

    def pipe(self, *args, **kwargs):
        start = time.perf_counter()
        try:
            return original(self, *args, **kwargs)
        finally:
            spent.append(time.perf_counter() - start)

    graphviz.Digraph.pipe = pipe
    return lambda: setattr(graphviz.Digraph, 'pipe', original)


def measure(layers=10, workflow=False):
    """
    Returns the timings (seconds) of plotting and rendering the layered
    model: ``{'nodes', 'plot', 'render', 'total', 'dot', 'ours'}`` (wall
    clock) and ``{'ours_cpu', 'dot_cpu'}`` (CPU time of this process and of
    the ``dot`` processes: the split that a loaded machine does not blur).
    """
    import schedula.utils.drw  # noqa: F401 (its import is not timed)
    dsp, inputs = layered_model(layers=layers)
    obj = dsp.dispatch(inputs) if workflow else dsp
    directory = tempfile.mkdtemp()
    spent = []
    restore = _timed_pipe(spent)
    try:
        cpu, children = time.process_time(), _children_cpu()
        start = time.perf_counter()
        sitemap = obj.plot(view=False)
        built = time.perf_counter()
        sitemap.render(directory=directory, index=True)
        end = time.perf_counter()
        cpu, children = time.process_time() - cpu, _children_cpu() - children
    finally:
        restore()
        shutil.rmtree(directory, ignore_errors=True)
    total, dot = end - start, sum(spent)
    return {'nodes': len(dsp.nodes), 'plot': built - start,
            'render': end - built, 'total': total, 'dot': dot,
            'ours': total - dot, 'ours_cpu': cpu, 'dot_cpu': children}


def _children_cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main(argv=None):
    parser = argparse.ArgumentParser(prog='python -m benchmarks.plot',
                                     description=__doc__.strip().split(
                                         '\n\n')[0])
    parser.add_argument('--layers', type=int, default=10)
    parser.add_argument('--workflow', action='store_true',
                        help='plot the solution of a dispatch')
    args = parser.parse_args(argv)
    res = measure(args.layers, args.workflow)
    goal = GOALS.get(args.layers)
    print('layered %dx40 (%d nodes, %s): total %.2f s = ours %.2f s + dot '
          '%.2f s (plot %.2f s, render %.2f s; CPU: ours %.2f s, dot %.2f s)'
          '%s' % (
              args.layers, res['nodes'],
              'workflow' if args.workflow else 'dmap', res['total'],
              res['ours'], res['dot'], res['plot'], res['render'],
              res['ours_cpu'], res['dot_cpu'],
              '' if goal is None else ' goal %.0f s: %s' % (
                  goal, 'ok' if res['total'] <= goal else 'MISSED')))
    return 0 if goal is None or res['total'] <= goal else 1


if __name__ == '__main__':
    sys.exit(main())
