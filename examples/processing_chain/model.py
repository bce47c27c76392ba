# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""
The physical model of the processing chain: kinematics of a time series.

From a velocity profile sampled in time it computes the acceleration (finite
differences, :func:`numpy.gradient`) and the distance travelled (cumulative
trapezoidal integral, :func:`scipy.integrate.cumulative_trapezoid`, starting
from 0).

Needs numpy and scipy.
"""
import numpy as np
import schedula as sh
from scipy.integrate import cumulative_trapezoid

dsp = sh.BlueDispatcher(name='Model')


@sh.add_function(dsp, outputs=['acceleration'])
def calculate_acceleration(time, velocity):
    """
    Calculates the acceleration from the velocity time series.

    :param time:
        Time vector [s].
    :type time: numpy.ndarray

    :param velocity:
        Velocity vector [m/s].
    :type velocity: numpy.ndarray

    :return:
        Acceleration vector [m/s2].
    :rtype: numpy.ndarray
    """
    return np.gradient(velocity, time)


@sh.add_function(dsp, outputs=['distance'])
def calculate_distance(time, velocity):
    """
    Calculates the distance travelled since the first sample.

    :param time:
        Time vector [s].
    :type time: numpy.ndarray

    :param velocity:
        Velocity vector [m/s].
    :type velocity: numpy.ndarray

    :return:
        Distance vector [m].
    :rtype: numpy.ndarray
    """
    return cumulative_trapezoid(velocity, time, initial=0)
