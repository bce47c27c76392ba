# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""
Length converter: the imperial and metric blueprints joined by two bridges.

`LengthConverter` extends a new blueprint with the two unit systems (both
cycles) and adds the two lambdas linking them (inches <-> cm). Give it a
length in any unit and it returns the length in all the others.

Run it as a script to print a conversion; ``--plot DIR`` also writes the
interactive map of the model into DIR (needs the ``plot`` extra)::

    python examples/length_converter/converter.py 1 miles
    python examples/length_converter/converter.py 1 miles --plot /tmp/map
"""
import argparse
import os.path as osp
import sys

import schedula as sh

try:
    from .models import imperial, metric
except ImportError:  # Run as a script: the models are next to this file.
    sys.path.insert(0, osp.dirname(osp.abspath(__file__)))
    from models import imperial, metric

LengthConverter = sh.BlueDispatcher(name='LengthConverter').extend(
    imperial.dsp, metric.dsp
)
LengthConverter.add_function(
    'inch2cm', lambda inches: inches * 2.54, ['inches'], ['cm'],
    description='Converts inches into centimetres.'
)
LengthConverter.add_function(
    'cm2inch', lambda cm: cm / 2.54, ['cm'], ['inches'],
    description='Converts centimetres into inches.'
)

#: Plot settings of the map: a spring layout, half as high as wide.
PLOT_OPTIONS = dict(
    engine='neato', graph_attr={'ratio': '0.5'}, body={'style': 'filled'},
    index=True
)


def convert(value, unit):
    """
    Converts a length into every unit the model knows.

    :param value:
        The length.
    :type value: float

    :param unit:
        Its unit (a data node of the model, e.g. ``'miles'`` or ``'cm'``).
    :type unit: str

    :return:
        The solution: all the units, the given one first.
    :rtype: schedula.Solution

    Example::

        >>> sol = convert(1, 'feet')
        >>> sol['inches'], round(sol['cm'], 2), round(sol['m'], 4)
        (12, 30.48, 0.3048)
    """
    model = LengthConverter.register()
    if unit not in model.data_nodes:
        raise ValueError('Unknown unit %r: choose one of %s.' % (
            unit, ', '.join(sorted(model.data_nodes))
        ))
    return model({unit: value})


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('value', type=float, nargs='?', default=1.0)
    parser.add_argument('unit', nargs='?', default='miles')
    parser.add_argument('--plot', metavar='DIR', help='write the map here')
    args = parser.parse_args(argv)
    sol = convert(args.value, args.unit)
    for unit, value in sol.items():
        print('%14.6g %s' % (value, unit))
    if args.plot:
        sol.plot(view=False, **PLOT_OPTIONS).render(
            directory=args.plot, index=True, view=False
        )
        print('Map written to %s' % osp.join(args.plot, 'index.html'))


if __name__ == '__main__':
    main()
