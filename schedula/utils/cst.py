# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""
Constants (unique :class:`~schedula.utils.gen.Token` objects) with a special
meaning for the dispatcher.

Example::

    >>> START, SINK, EMPTY, type(NONE).__name__
    (start, sink, empty, 'Token')
    >>> START == 'start'
    False
"""
from .gen import Token

__all__ = ['EMPTY', 'START', 'NONE', 'SINK', 'SELF', 'END', 'PLOT']

#: It is used as "no value" (e.g. no default value).
EMPTY = Token('empty')

#: Starting node that identifies initial inputs of the workflow.
START = Token('start')
START.__doc__ = 'Starting node that identifies initial inputs of the workflow.'

#: Fake value: arguments equal to it are not passed to functions.
NONE = Token('none')

#: Sink node of the dispatcher that collects all unused outputs.
SINK = Token('sink')
SINK.__doc__ = 'Sink node of the dispatcher that collects all unused outputs.'

#: Ending node of SubDispatchFunction.
END = Token('end')

#: Data node that contains the dispatcher itself.
SELF = Token('self')

#: Data node that plots the solution.
PLOT = Token('plot')
