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
    Returns `base` completed with the user's `styles`: the attributes that
    the user gives for a special node or a node kind replace the default
    ones, as in 1.2.0 (which used the user's table as it was); the states,
    special nodes and kinds that the user leaves out keep their defaults
    (1.2.0 crashed when it needed one).

    Example::

        >>> s = merge_styles({'info': {NONE: {'data': {'fillcolor': 'pink'}}}})
        >>> s['info'][NONE]['data'], s['info'][NONE]['function']
        ({'fillcolor': 'pink'}, {'shape': 'box', 'fillcolor': 'springgreen'})
        >>> s['error'][NONE]['data']['fillcolor']
        'red'
    """
    if isinstance(styles, Styles):
        return styles  # Already merged.
    merged = Styles(copy.deepcopy(base))
    for state, table in (styles or {}).items():
        if not (isinstance(table, dict) and isinstance(merged.get(state),
                                                       dict)):
            merged[state] = copy.deepcopy(table)
            continue
        for key, attrs in table.items():
            kinds = merged[state].get(key)
            if key is NONE and isinstance(attrs, dict) and \
                    isinstance(kinds, dict):
                kinds.update(copy.deepcopy(attrs))  # Kind by kind.
            else:
                merged[state][key] = copy.deepcopy(attrs)
    return merged
