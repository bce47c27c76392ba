# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""
Memory of a built model and of the solution of one dispatch, in bytes per
function node (tracemalloc: deterministic, unlike timings), and where those
bytes go (``python -m benchmarks.memory``).

A first ``Dispatcher()`` is made before measuring, so that the modules it
loads on first use (networkx, about 10 MB) are not counted.
"""
import gc
import sys
import tracemalloc

import schedula as sh

from . import models

#: schedula 1.2.0, chain of 20,000 functions, bytes per function.
BASELINE_120 = {'model': 2347, 'solution': 4454}
#: The targets (issue 15): 0.7x and 0.6x of 1.2.0's.
TARGET = {'model': 0.7 * 2347, 'solution': 0.6 * 4454}


def _chain():
    n = 20000
    return models.chain_model(n), {'x0': 0}, n


def _grid():
    dsp, inputs = models.grid_model()
    return dsp, inputs, len(dsp.function_nodes)


#: The measured models: name -> builder of ``(dsp, inputs, functions)``.
MODELS = {'chain': _chain, 'grid': _grid}


def footprint(build):
    """
    Returns ``(model bytes, solution bytes, functions, dsp, inputs)``: the
    memory taken by ``build()`` and by one dispatch of what it built.
    """
    sh.Dispatcher()  # Loads what the first model needs.
    started = tracemalloc.is_tracing()
    if not started:
        tracemalloc.start()
    try:
        gc.collect()
        before = tracemalloc.get_traced_memory()[0]
        dsp, inputs, functions = build()
        built = tracemalloc.get_traced_memory()[0]
        dsp.dispatch(inputs)
        gc.collect()
        solved = tracemalloc.get_traced_memory()[0]
    finally:
        if not started:
            tracemalloc.stop()
    return built - before, solved - built, functions, dsp, inputs


def per_function(name):
    """``{'model': bytes, 'solution': bytes}`` per function of a model."""
    model, solution, functions = footprint(MODELS[name])[:3]
    return {'model': model / functions, 'solution': solution / functions}


def _size(obj, seen):
    # sys.getsizeof of the containers and leaves not counted yet (shared
    # objects, e.g. a function used by every node, count once).
    if id(obj) in seen:
        return 0
    seen.add(id(obj))
    return sys.getsizeof(obj)


def _graph_parts(graph, seen, prefix):
    size = _size
    parts = {
        prefix + 'outer dicts': sum(size(d, seen) for d in (
            graph._node, graph._succ, graph._pred)),
        prefix + 'node ids': sum(size(n, seen) for n in graph._node),
        prefix + 'node attr dicts': 0, prefix + 'attr values': 0,
        prefix + 'succ dicts': sum(
            size(d, seen) for d in graph._succ.values()),
        prefix + 'pred dicts': sum(
            size(d, seen) for d in graph._pred.values()),
        prefix + 'edge attr dicts': 0}
    for attr in graph._node.values():
        parts[prefix + 'node attr dicts'] += size(attr, seen)
        for value in attr.values():
            parts[prefix + 'attr values'] += size(value, seen)
            if value.__class__ in (list, tuple):
                parts[prefix + 'attr values'] += sum(
                    size(v, seen) for v in value)
    for edges in graph._succ.values():
        for attr in edges.values():
            parts[prefix + 'edge attr dicts'] += size(attr, seen)
    return parts


def breakdown(dsp):
    """
    Where the bytes of `dsp` and of its last solution go: ``{part: bytes}``
    (``sys.getsizeof`` of each object once, values of the solution
    included, tracemalloc's own overhead not).
    """
    seen = set()
    parts = _graph_parts(dsp.dmap, seen, 'model ')
    sol = dsp.solution
    parts.update(_graph_parts(sol.workflow, seen, 'workflow '))
    for name in ('dist', 'seen', '_meet', '_visited', '_pipe'):
        parts['solution ' + name] = _size(getattr(sol, name), seen)
    parts['solution distances'] = sum(
        _size(d, seen) for name in ('dist', 'seen', '_meet')
        for d in getattr(sol, name).values())
    parts['solution pipe entries'] = sum(
        _size(task, seen) + _size(task[1], seen) + _size(task[1][2], seen) +
        _size(task[2], seen) for task in sol._pipe)
    parts['solution values'] = _size(sol, seen) + sum(
        _size(v, seen) for v in sol.values())
    return parts


def main():
    """Prints the bytes per function and their breakdown of each model."""
    for name, build in MODELS.items():
        model, solution, functions, dsp = footprint(build)[:4]
        print('%s (%d functions): model %.0f B/function, solution %.0f '
              'B/function (tracemalloc)' % (
                  name, functions, model / functions, solution / functions))
        for part, size in breakdown(dsp).items():
            print('  %-32s %7.1f' % (part, size / functions))


if __name__ == '__main__':
    main()
