# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""
Metric length units: km -> m -> dm -> cm -> mm, and mm back to km (a cycle).
"""
import schedula as sh

dsp = sh.BlueDispatcher(name='metric')


def km2m(km):
    """Converts kilometres into metres."""
    return km * 1000


def m2dm(m):
    """Converts metres into decimetres."""
    return m * 10


def dm2cm(dm):
    """Converts decimetres into centimetres."""
    return dm * 10


def cm2mm(cm):
    """Converts centimetres into millimetres."""
    return cm * 10


def mm2km(mm):
    """Converts millimetres into kilometres."""
    return mm / 1000000


for _func, _output in ((km2m, 'm'), (m2dm, 'dm'), (dm2cm, 'cm'),
                       (cm2mm, 'mm'), (mm2km, 'km')):
    dsp.add_func(_func, outputs=[_output])
