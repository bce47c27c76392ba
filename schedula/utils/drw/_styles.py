# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""
The default node styles (shapes and colours) of the drawing, by state.
"""
import copy

from ..cst import START, SELF, PLOT, END, EMPTY, SINK, NONE

#: Kinds of function-like nodes (lower-cased class names of their function).
FUNCTION_KINDS = ('function', 'subdispatch', 'subdispatchfunction',
                  'subdispatchpipe', 'dispatchpipe', 'dispatcher')


def _special(fillcolor, label, **kw):
    return dict(shape='egg', fillcolor=fillcolor, label=label, **kw)


def _info():
    return {
        START: _special('red', 'start'),
        SELF: _special('gold', 'self'),
        PLOT: _special('gold', 'plot'),
        END: _special('blue', 'end', fontcolor='white'),
        EMPTY: _special('gray', 'empty'),
        SINK: _special('black', 'sink', fontcolor='white'),
        NONE: {
            'data': {'shape': 'box', 'style': 'rounded,filled',
                     'fillcolor': 'cyan'},
            'function': {'shape': 'box', 'fillcolor': 'springgreen'},
            'subdispatch': {'shape': 'note', 'style': 'filled',
                            'fillcolor': 'yellow'},
            'subdispatchfunction': {'shape': 'note', 'style': 'filled',
                                    'fillcolor': 'yellowgreen'},
            'subdispatchpipe': {'shape': 'note', 'style': 'filled',
                                'fillcolor': 'greenyellow'},
            'dispatchpipe': {'shape': 'note', 'style': 'filled',
                             'fillcolor': 'chartreuse'},
            'dispatcher': {'shape': 'note', 'style': 'filled',
                           'fillcolor': 'springgreen'},
            'edge': {},
        }
    }


def _colored(color):
    styles = _info()
    for kind in ('data',) + FUNCTION_KINDS:
        styles[NONE][kind]['fillcolor'] = color
    return styles


#: ``{state: {special node id: attrs, NONE: {node type: attrs}}}``.
DEFAULT_STYLES = {
    'info': _info(), 'warning': _colored('orange'), 'error': _colored('red')
}


class Styles(dict):
    """A complete style table (the defaults merged with a user's)."""


def merge_styles(styles, base=DEFAULT_STYLES):
    """
    Returns `base` deep-merged with the user's `styles` (1.2.0 replaced the
    whole table, so that a partial one crashed).

    Example::

        >>> s = merge_styles({'info': {NONE: {'data': {'fillcolor': 'pink'}}}})
        >>> s['info'][NONE]['data']
        {'shape': 'box', 'style': 'rounded,filled', 'fillcolor': 'pink'}
        >>> s['error'][NONE]['data']['fillcolor']
        'red'
    """
    if isinstance(styles, Styles):
        return styles  # Already merged.
    merged = Styles(copy.deepcopy(base))
    _deep_update(merged, styles or {})
    return merged


def _deep_update(base, new):
    for k, v in new.items():
        if isinstance(v, dict) and isinstance(base.get(k), dict):
            _deep_update(base[k], v)
        else:
            base[k] = copy.deepcopy(v)
