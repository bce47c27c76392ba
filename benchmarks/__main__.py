# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""
Command line of the benchmarks: ``python -m benchmarks --help``.
"""
import sys
import json
import argparse

from .cases import CASES
from .report import Table, run


def _parser():
    parser = argparse.ArgumentParser(
        prog='python -m benchmarks',
        description='Measures the dispatch speed of schedula, in '
                    'microseconds and in floor units (one plain Python call '
                    'of the chain function, result stored in a dict, '
                    'measured in the same run).')
    parser.add_argument(
        'cases', nargs='*', metavar='case',
        help='cases to run (default: all; see --list)')
    parser.add_argument(
        '--json', action='store_true',
        help='print the figures as JSON instead of a table')
    parser.add_argument(
        '--compare', metavar='FILE',
        help='show the change in floor units against a previous --json '
             'output')
    parser.add_argument(
        '--quick', action='store_true',
        help='time over 10 times fewer calls (rougher figures)')
    parser.add_argument(
        '--list', action='store_true', help='list the cases and exit')
    return parser


def main(argv=None):
    """Runs the command line; returns the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    if args.list:
        for name, func in CASES.items():
            print('%-15s %s' % (name, ' '.join(func.__doc__.split())))
        return 0
    unknown = [name for name in args.cases if name not in CASES]
    if unknown:
        parser.error('unknown case(s): %s (choose from %s)' % (
            ', '.join(unknown), ', '.join(CASES)))
    previous = None
    if args.compare:
        with open(args.compare, encoding='utf-8') as file:
            previous = json.load(file)
    # With --json the table (when comparing) goes to stderr.
    table = None
    if not args.json or previous is not None:
        table = Table(sys.stderr if args.json else sys.stdout, previous)
    report = run(args.cases or list(CASES), 0.1 if args.quick else 1.0,
                 table and table.row)
    if table:
        table.footer(report)
    if args.json:
        print(json.dumps(report, indent=1))
    return int(any('error' in f for f in report['cases'].values()))


if __name__ == '__main__':
    sys.exit(main())
