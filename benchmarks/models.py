# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""
The benchmark models, built with the public schedula API only.

Their shapes are the project's reference shapes (see ``shared/bench``), so
that the figures can be set against the schedula 1.2.0 baseline:

- ``small_model()``: seven functions, two alternatives for ``d`` (the cheaper
  wins), an input domain and a default value;
- ``chain_model(n)``: ``n`` functions ``x{i} -> x{i+1}`` in series;
- ``layered_model()``: 40 layers of 40 data nodes, each produced by two
  weighted alternatives drawn (with a fixed seed) from the previous layer;
- ``nested_model()``: 50 sub-dispatchers (chains of 10) in series;
- ``grid_model()``: a spreadsheet-like grid (the shape of a compiled
  workbook): every cell below the first row is a formula over a range of
  two or three cells of the previous row.
"""
import math
import random

import schedula as sh

#: Inputs of the small model and its outputs used by the wrapper cases.
SMALL_INPUTS = {'a': 5, 'b': 6}
SMALL_OUTPUTS = ['h', 'e']


class Unavailable(Exception):
    """A case needs something this schedula does not provide (yet)."""


def require(name):
    """Returns ``schedula.<name>``, or raises :class:`Unavailable`."""
    try:
        return getattr(sh, name)
    except (AttributeError, ImportError) as ex:
        raise Unavailable('schedula.%s is missing (%s)' % (name, ex)) from ex


def _add(x, y):
    return x + y


def _sub(x, y):
    return x - y


def _half(x):
    return x / 2


def _square(x):
    return x * x


def _non_negative(f):
    return f >= 0


def small_model():
    """The small model: ``d`` comes from ``sub`` (``half`` weighs 5 more)."""
    dsp = sh.Dispatcher(name='small')
    dsp.add_data('k', default_value=3)
    for fid, func, inputs, outputs, kw in (
            ('add', _add, ['a', 'b'], ['c'], {}),
            ('sub', _sub, ['c', 'k'], ['d'], {}),
            ('half', _half, ['a'], ['d'], {'weight': 5}),
            ('sq', _square, ['d'], ['e'], {}),
            ('add2', _add, ['e', 'c'], ['f'], {}),
            ('sqrt', math.sqrt, ['f'], ['g'],
             {'input_domain': _non_negative}),
            ('sub2', _sub, ['g', 'a'], ['h'], {})):
        dsp.add_function(fid, func, inputs, outputs, **kw)
    return dsp


def increment(x):
    """The chain function (also the one the floor unit calls)."""
    return x + 1


def chain_model(n):
    """``n`` functions in series: ``f{i}: x{i} -> x{i+1}``."""
    dsp = sh.Dispatcher(name='chain')
    add = dsp.add_function
    for i in range(n):
        add('f%d' % i, increment, ['x%d' % i], ['x%d' % (i + 1)])
    return dsp


def _total(*args):
    return sum(args)


def layered_model(layers=40, width=40, seed=7):
    """
    Returns ``(dsp, inputs)``: ``layers`` layers of ``width`` data nodes;
    every node after the first layer has two producers (1 to 3 distinct
    inputs drawn from the previous layer, weight 1 to 10), so the dispatch
    has to choose the cheaper one.
    """
    draw = random.Random(seed)
    dsp = sh.Dispatcher(name='layered')
    for layer in range(1, layers):
        for j in range(width):
            for alt in (0, 1):
                count = draw.randint(1, 3)
                picks = [draw.randrange(width) for _ in range(count)]
                inputs = ['d%d_%d' % (layer - 1, p) for p in picks]
                dsp.add_function(
                    'f%d_%d_%d' % (layer, j, alt), _total,
                    list(dict.fromkeys(inputs)), ['d%d_%d' % (layer, j)],
                    weight=draw.randint(1, 10))
    return dsp, {'d0_%d' % j: j for j in range(width)}


def nested_model(n_sub=50, sub_len=10):
    """``n_sub`` copies of a chain of ``sub_len`` in series: ``v0 -> v{n}``."""
    chain = chain_model(sub_len)
    dsp = sh.Dispatcher(name='nested')
    for i in range(n_sub):
        dsp.add_dispatcher(
            chain, inputs={'v%d' % i: 'x0'},
            outputs={'x%d' % sub_len: 'v%d' % (i + 1)}, dsp_id='sub%d' % i)
    return dsp


def column_name(col):
    """The spreadsheet name of a 0-based column: 0 -> 'A', 26 -> 'AA'."""
    name = ''
    col += 1
    while col:
        col, rest = divmod(col - 1, 26)
        name = chr(65 + rest) + name
    return name


def grid_model(rows=100, cols=200):
    """
    Returns ``(dsp, inputs)``: a grid of ``rows`` x ``cols`` cells named as
    in a workbook (``'A1'``, ``'B1'``, ...). Row 1 holds the inputs; every
    other cell is computed by a formula node (e.g. ``'B2=SUM(A1:C1)'``)
    reading the range of the cells above it, to its left and to its right
    (two cells at the edges, else three).
    """
    dsp = sh.Dispatcher(name='grid')
    names = [column_name(c) for c in range(cols)]
    add = dsp.add_function
    for row in range(2, rows + 1):
        for col in range(cols):
            first, last = max(col - 1, 0), min(col + 1, cols - 1)
            cells = ['%s%d' % (names[c], row - 1)
                     for c in range(first, last + 1)]
            cell = '%s%d' % (names[col], row)
            add('%s=SUM(%s:%s)' % (cell, cells[0], cells[-1]), _total,
                cells, [cell])
    return dsp, {'%s1' % name: i for i, name in enumerate(names)}
