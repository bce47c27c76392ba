# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""
The benchmark cases. Each case builds what it needs and returns a
:class:`Bench`: the operation to time and how to time it. Nothing is timed
here, so the tests can run every operation once and check its result.
"""
import time
import dataclasses
from typing import Callable, Optional

from . import models
from .models import SMALL_INPUTS, SMALL_OUTPUTS, require

#: schedula 1.2.0 in floor units (CPython 3.11), the project's baseline.
BASELINE_120 = {
    'small': 693, 'small_nocall': 484, 'small_outputs': 639, 'sdf': 769,
    'dispatchpipe': 438, 'chain1000': 83900, 'layered_all': 319000,
    'layered_target': 337300, 'layered_build': 228300, 'nested': 69600,
}
#: The targets: five times fewer units, a chain at most 15 units per node.
TARGET = dict({k: v / 5 for k, v in BASELINE_120.items()}, chain1000=15000)


@dataclasses.dataclass
class Bench:
    """What a case times."""
    #: The timed operation (called without arguments).
    op: Callable
    #: Timing of :func:`benchmarks.timing.best` (ignored when `once`).
    min_time: float = 0.3
    repeat: int = 5
    #: Time a single call instead of the best of many.
    once: bool = False
    #: Functions dispatched by one call, to report units per node.
    nodes: int = 0
    #: A direct-call floor timed beside the case (same result as `op`).
    floor: Optional[Callable] = None
    #: Extra figures measured while building (name -> value).
    extra: dict = dataclasses.field(default_factory=dict)
    #: Other libraries' operations timed beside it (name -> operation).
    peers: dict = dataclasses.field(default_factory=dict)


CASES = {}


def case(func):
    """Registers a case under its function name without ``case_``."""
    CASES[func.__name__[len('case_'):]] = func
    return func


@case
def case_small():
    """Small model, full dispatch."""
    dsp = models.small_model()
    return Bench(lambda: dsp.dispatch(SMALL_INPUTS))


@case
def case_small_nocall():
    """Small model, dispatch with no_call=True."""
    dsp = models.small_model()
    return Bench(lambda: dsp.dispatch(SMALL_INPUTS, no_call=True))


@case
def case_small_outputs():
    """Small model, dispatch stopping at output 'e'."""
    dsp = models.small_model()
    return Bench(lambda: dsp.dispatch(SMALL_INPUTS, outputs=['e']))


def _small_wrapper(class_name):
    cls = require(class_name)
    return cls(models.small_model(), 'f', list(SMALL_INPUTS), SMALL_OUTPUTS)


@case
def case_sdf():
    """SubDispatchFunction of the small model, called f(5, 6)."""
    func = _small_wrapper('SubDispatchFunction')
    return Bench(lambda: func(5, 6))


@case
def case_dispatchpipe():
    """DispatchPipe of the small model, called f(5, 6), beside the same
    functions called directly in the pipe's order."""
    func = _small_wrapper('DispatchPipe')
    return Bench(lambda: func(5, 6), floor=direct_pipe(func))


@case
def case_pipe():
    """SubDispatchPipe of the small model, called f(5, 6), beside the same
    functions called directly in the pipe's order."""
    func = _small_wrapper('SubDispatchPipe')
    return Bench(lambda: func(5, 6), floor=direct_pipe(func))


def _chain_pipe(class_name, n=200):
    func = require(class_name)(models.chain_model(n), 'f', ['x0'],
                               ['x%d' % n])
    return Bench(lambda: func(0), nodes=n, floor=direct_pipe(func, (0,)))


@case
def case_pipe_chain200():
    """SubDispatchPipe of a chain of 200 functions, called f(0), beside the
    same functions called directly in the pipe's order."""
    return _chain_pipe('SubDispatchPipe')


@case
def case_dispatchpipe_chain200():
    """DispatchPipe of a chain of 200 functions, called f(0), beside the
    same functions called directly in the pipe's order."""
    return _chain_pipe('DispatchPipe')


@case
def case_chain1000():
    """Chain of 1000 functions, full dispatch."""
    dsp = models.chain_model(1000)
    return Bench(lambda: dsp.dispatch({'x0': 0}), min_time=1.0, nodes=1000)


@case
def case_chain100k():
    """Chain of 100,000 functions, dispatched once (no RecursionError)."""
    start = time.perf_counter()
    dsp = models.chain_model(100000)
    build = time.perf_counter() - start
    return Bench(lambda: dsp.dispatch({'x0': 0}), once=True, nodes=100000,
                 extra={'build_s': build})


@case
def case_layered_all():
    """Layered model (40x40, two alternatives per node), full dispatch."""
    dsp, inputs = models.layered_model()
    return Bench(lambda: dsp.dispatch(inputs), min_time=1.0, repeat=3)


@case
def case_layered_target():
    """Layered model, dispatch stopping at output 'd39_0'."""
    dsp, inputs = models.layered_model()
    return Bench(lambda: dsp.dispatch(inputs, outputs=['d39_0']),
                 min_time=1.0, repeat=3)


@case
def case_layered_build():
    """Building the layered model (3120 add_function calls)."""
    return Bench(models.layered_model, min_time=1.0, repeat=3)


@case
def case_nested():
    """50 sub-dispatchers (chains of 10) in series, full dispatch."""
    dsp = models.nested_model()
    return Bench(lambda: dsp.dispatch({'v0': 0}), min_time=1.0, repeat=3)


@case
def case_peers():
    """Chain of 200 functions on schedula, pipefunc and Apache Hamilton, in
    one process (needs the bench extra): schedula's time and the ratios."""
    from .peers import schedula_chain, BUILDERS
    peers = {name: build(200) for name, build in BUILDERS.items()}
    return Bench(schedula_chain(200), min_time=0.5, nodes=200, peers=peers)


@case
def case_memory():
    """Bytes per function of the model and of the solution of one dispatch
    (tracemalloc): a chain of 20,000 functions and a 100x200 spreadsheet-like
    grid (see benchmarks.memory)."""
    from . import memory
    extra = {}
    for name in memory.MODELS:
        for part, size in memory.per_function(name).items():
            key = '%s_bytes_per_node' % part
            extra[key if name == 'chain' else name + '_' + key] = size
    dsp = models.chain_model(20000)
    return Bench(lambda: dsp.dispatch({'x0': 0}), once=True, nodes=20000,
                 extra=extra)


def pipe_steps(func):
    """
    The function nodes a ``SubDispatchPipe`` replays, in its order, as
    ``(function, input ids, output ids)``.
    """
    steps = []
    for task, _next_nodes, _next_dsps in func.pipe:
        node_id, sol = task[-1]
        attr = sol.nodes[node_id] if node_id in sol.nodes else {}
        if attr.get('type') == 'function':
            steps.append((attr['function'], attr['inputs'], attr['outputs']))
    return steps


def direct_pipe(func, args=tuple(SMALL_INPUTS.values())):
    """
    The direct-call floor of a pipe: its functions called in the pipe's
    order on a dict of values (defaults, then the positional inputs), no
    schedula code involved. Returns the operation (same result as
    ``func(*args)``; by default ``func(5, 6)`` for the small model).
    """
    steps = pipe_steps(func)
    defaults = {k: v['value'] for k, v in func.dsp.default_values.items()}
    inputs, outputs = list(func.inputs), list(func.outputs)

    def run(*args):
        values = dict(defaults)
        values.update(zip(inputs, args))
        for function, ins, outs in steps:
            result = function(*[values[k] for k in ins])
            if len(outs) == 1:
                values[outs[0]] = result
            else:
                values.update(zip(outs, result))
        return [values[k] for k in outputs]

    return lambda: run(*args)
