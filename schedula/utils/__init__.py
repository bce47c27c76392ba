# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""
The building blocks behind the :class:`~schedula.dispatcher.Dispatcher`: the
dispatch algorithm and its :class:`~schedula.utils.sol.Solution`, the graph
container, constants and tokens, exceptions, helper functions to wrap and
combine models, blueprints, asynchronous and parallel executors, input/output
of models, descriptions, drawing and web services.

Sub-modules:

.. currentmodule:: schedula.utils

.. autosummary::
    :nosignatures:
    :toctree: utils/

    alg
    asy
    base
    blue
    cst
    des
    drw
    dsp
    events
    exc
    gen
    graph
    imp
    io
    sol
    web
"""
