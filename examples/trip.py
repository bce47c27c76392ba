# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""
A small end-to-end schedula model: the fuel cost of a car trip.

The model knows two ways to find the fuel burnt during a trip:

- *measured*, from the fuel levels in the tank before and after the trip
  (only meaningful when the tank did not get fuller: that is the function's
  domain), and
- *estimated*, from the distance and the car's consumption; this route has a
  weight, so it is used only when the measured one is not available.

Other functions give the cost (with a default fuel price), the actual
consumption and the average speed. The same model answers every scenario
below, whatever data it is given: schedula picks the functions to call.

Run it from the repository root with ``python examples/trip.py``.
"""
import schedula as sh


def fuel_from_tank(tank_start, tank_end):
    """Fuel burnt [l] from the tank levels before and after the trip [l]."""
    return tank_start - tank_end


def tank_did_not_grow(tank_start, tank_end):
    """Domain of `fuel_from_tank`: no refuelling happened during the trip."""
    return tank_start >= tank_end


def estimate_fuel(distance, consumption):
    """Fuel burnt [l] from distance [km] and consumption [l/100km]."""
    return distance * consumption / 100


def real_consumption(distance, fuel_used):
    """Consumption [l/100km] from distance [km] and fuel burnt [l]."""
    return round(fuel_used * 100 / distance, 2)


def trip_cost(fuel_used, fuel_price):
    """Cost of the trip [EUR] from fuel burnt [l] and fuel price [EUR/l]."""
    return round(fuel_used * fuel_price, 2)


def average_speed(distance, time):
    """Average speed [km/h] from distance [km] and driving time [h]."""
    return distance / time


def build_model():
    """Return the dispatcher of the trip model."""
    dsp = sh.Dispatcher(name='trip')

    # A default value: used when the inputs do not give a fuel price.
    dsp.add_data('fuel_price', default_value=1.8)

    # Two alternative routes to `fuel_used`. The measured one has a domain;
    # the estimated one is heavier (weight 5), so it loses whenever the
    # measured one can run.
    dsp.add_function(
        'fuel_from_tank', fuel_from_tank, ['tank_start', 'tank_end'],
        ['fuel_used'], input_domain=tank_did_not_grow
    )
    dsp.add_function(
        'estimate_fuel', estimate_fuel, ['distance', 'consumption'],
        ['fuel_used'], weight=5
    )

    # `add_func` reads the inputs from the function's signature. Note the
    # cycle consumption -> fuel_used -> consumption: every node runs at most
    # once, so it is harmless.
    dsp.add_func(real_consumption, outputs=['consumption'])
    dsp.add_func(trip_cost, outputs=['cost'])
    dsp.add_func(average_speed, outputs=['speed'])
    return dsp


SCENARIOS = [
    ('Estimated fuel (no tank levels), default fuel price',
     {'distance': 250, 'consumption': 6.4}, None),
    ('Measured fuel: the consumption is computed too',
     {'distance': 250, 'tank_start': 40, 'tank_end': 25, 'time': 2.5}, None),
    ('Refuelled during the trip: the domain rejects the tank levels, '
     'the estimate takes over',
     {'distance': 250, 'consumption': 6.4, 'tank_start': 25,
      'tank_end': 40}, None),
    ('Only the cost is wanted, with another fuel price',
     {'distance': 250, 'consumption': 6.4, 'fuel_price': 2.0,
      'time': 2.5}, ['cost']),
]


def main():
    dsp = build_model()
    for i, (title, inputs, outputs) in enumerate(SCENARIOS, 1):
        print('%d. %s' % (i, title))
        print('   inputs:   %r' % (inputs,))
        if outputs:
            print('   outputs:  %r' % (outputs,))
        sol = dsp.dispatch(inputs, outputs=outputs)
        print('   solution: %r' % (sol,))
        print('   dist:     %r' % (dict(sol.dist),))
        print('   workflow:')
        for u, v in sol.workflow.edges:
            print('     %s -> %s' % (u, v))
        print()


if __name__ == '__main__':
    main()
