# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""
Imperial length units, from leagues down to thou and back to leagues.

Each function converts one unit into the next smaller one; the last one
closes the cycle (thou -> leagues). Whatever unit is given, a dispatch walks
the cycle once and computes all the others: a node is never computed twice.
"""
import schedula as sh

dsp = sh.BlueDispatcher(name='imperial')


def leagues2miles(leagues):
    """Converts leagues into miles (1 league = 3 miles)."""
    return leagues * 3


def miles2furlongs(miles):
    """Converts miles into furlongs (1 mile = 8 furlongs)."""
    return miles * 8


def furlongs2chains(furlongs):
    """Converts furlongs into chains (1 furlong = 10 chains)."""
    return furlongs * 10


def chains2yards(chains):
    """Converts chains into yards (1 chain = 22 yards)."""
    return chains * 22


def yards2feet(yards):
    """Converts yards into feet (1 yard = 3 feet)."""
    return yards * 3


def feet2inches(feet):
    """Converts feet into inches (1 foot = 12 inches)."""
    return feet * 12


def inches2thou(inches):
    """Converts inches into thou (1 inch = 1000 thou)."""
    return inches * 1000


def thou2leagues(thou):
    """Converts thou into leagues (1 league = 190,080,000 thou)."""
    return thou / 190080000


for _func, _output in ((leagues2miles, 'miles'), (miles2furlongs, 'furlongs'),
                       (furlongs2chains, 'chains'), (chains2yards, 'yards'),
                       (yards2feet, 'feet'), (feet2inches, 'inches'),
                       (inches2thou, 'thou'), (thou2leagues, 'leagues')):
    dsp.add_func(_func, outputs=[_output])
