# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""
Running the cases and reporting them: a table, JSON, and the change against
a previous JSON report.

The JSON report is ``{"schedula": version, "python": version,
"floor_unit_us": us, "cases": {name: figures}}`` where the figures of a
measured case are ``us`` and ``units`` (per operation), plus, where they
apply, ``calls`` (1 for a single timed call), ``units_per_node``,
``floor_us``/``floor_units``/``ratio`` (direct-call floor), ``build_s``,
``pipefunc_us``/``hamilton_us``/``vs_pipefunc``/``vs_hamilton`` (peers) and
``model_bytes_per_node``/``solution_bytes_per_node`` and their ``grid_``
twins (memory);
a case that could not run has ``unavailable`` or ``error`` (the reason).
"""
import platform

import schedula as sh

from . import timing
from .cases import CASES, BASELINE_120, TARGET
from .models import Unavailable


def measure(bench, unit, scale=1.0):
    """Times a :class:`~benchmarks.cases.Bench`; returns its figures."""
    def time_it(op):
        if bench.once:
            return timing.once(op)
        return timing.best(op, bench.min_time * scale, bench.repeat)

    if bench.peers:  # Timed in turns with the peers.
        ops = dict(bench.peers, schedula=bench.op)
        peers = timing.best_of_each(ops, bench.min_time * scale, bench.repeat)
        seconds = peers.pop('schedula')
    else:
        seconds, peers = time_it(bench.op), {}
    figures = {'us': seconds * 1e6, 'units': seconds / unit}
    if bench.once:
        figures['calls'] = 1
    if bench.nodes:
        figures['units_per_node'] = figures['units'] / bench.nodes
    if bench.floor is not None:
        floor = time_it(bench.floor)
        figures.update(floor_us=floor * 1e6, floor_units=floor / unit,
                       ratio=seconds / floor)
    for name, peer in peers.items():
        figures.update({name + '_us': peer * 1e6, 'vs_' + name: seconds / peer})
    figures.update(bench.extra)
    return figures


def run_case(name, unit, scale=1.0):
    """Builds and times one case; a failure is reported, not raised."""
    try:
        return measure(CASES[name](), unit, scale)
    except Unavailable as ex:
        return {'unavailable': str(ex)}
    except Exception as ex:  # One broken case must not stop the others.
        return {'error': '%s: %s' % (type(ex).__name__, ex)}


def run(names, scale=1.0, on_case=None):
    """
    Measures the floor unit, then the cases ``names`` in order; calls
    ``on_case(name, figures)`` after each. Returns the JSON report.
    """
    unit = timing.floor_unit(scale)
    report = {
        'schedula': sh.__version__, 'python': platform.python_version(),
        'floor_unit_us': unit * 1e6, 'cases': {}
    }
    for name in names:
        report['cases'][name] = figures = run_case(name, unit, scale)
        if on_case:
            on_case(name, figures)
    return report


def _notes(figures):
    if 'unavailable' in figures:
        return 'unavailable: %s' % figures['unavailable']
    if 'error' in figures:
        return 'error: %s' % figures['error']
    notes = []
    if figures.get('calls') == 1:
        notes.append('1 call')
    if 'units_per_node' in figures:
        notes.append('%.1f units/node' % figures['units_per_node'])
    if 'floor_us' in figures:
        notes.append('direct %.2f us (%.0f units), ratio %.1fx' % (
            figures['floor_us'], figures['floor_units'], figures['ratio']))
    if 'build_s' in figures:
        notes.append('build %.2f s' % figures['build_s'])
    for peer in ('pipefunc', 'hamilton'):
        if 'vs_' + peer in figures:
            notes.append('%s %.0f us (schedula/%s %.2f)' % (
                peer, figures[peer + '_us'], peer, figures['vs_' + peer]))
    for prefix in ('', 'grid_'):
        if prefix + 'solution_bytes_per_node' in figures:
            notes.append('%sbytes/node: model %.0f, solution %.0f' % (
                prefix.replace('_', ' '),
                figures[prefix + 'model_bytes_per_node'],
                figures[prefix + 'solution_bytes_per_node']))
    return ', '.join(notes)


def change(new, old):
    """Relative change of the units of a case, e.g. ``'-12.5%'``."""
    try:
        return '%+.1f%%' % ((new['units'] / old['units'] - 1) * 100)
    except (KeyError, TypeError, ZeroDivisionError):
        return 'n/a'


class Table:
    """Prints the report one case at a time."""

    def __init__(self, out, previous=None):
        self.out, self.previous = out, previous
        head = '%-15s %12s %10s %9s %9s' % (
            'case', 'us/op', 'units', '1.2.0', 'target')
        if previous is not None:
            head += ' %10s %8s' % ('before', 'change')
        print(head + '  notes', file=out)

    def row(self, name, figures):
        """Prints the line of a case."""
        if 'units' in figures:
            line = '%-15s %12.1f %10.0f' % (
                name, figures['us'], figures['units'])
        else:
            line = '%-15s %12s %10s' % (
                name, 'unavailable' if 'unavailable' in figures else 'error',
                '-')
        line += ' %9s %9s' % (_num(BASELINE_120.get(name)),
                              _num(TARGET.get(name)))
        if self.previous is not None:
            old = self.previous.get('cases', {}).get(name, {})
            line += ' %10s %8s' % (_num(old.get('units')),
                                   change(figures, old))
        print(line + '  ' + _notes(figures), file=self.out)

    def footer(self, report):
        """Prints the floor unit (and the previous one)."""
        text = 'floor unit: %.4f us' % report['floor_unit_us']
        if self.previous is not None:
            text += ' (before: %.4f us)' % self.previous['floor_unit_us']
        print(text + '; units = time / floor unit (one plain call of the '
              'chain function, result stored in a dict)', file=self.out)


def _num(value):
    return '-' if value is None else '%.0f' % value
