# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""
The legend of the drawings: a sample of every node kind, state and row,
each linked to its explanation.
"""
from ..cst import START, END, EMPTY, SINK, SELF, PLOT, NONE
from ._styles import DEFAULT_STYLES

__all__ = ['legend_dot', 'legend_svg']

_CLUSTERS = (
    ('Data', (
        ('data', 'Data node: a value (input, output or intermediate).'),
        ('default', 'Row "default": its default value.'),
        ('distance', 'Row "distance": the cost of reaching it.'),
        ('output', 'Title link: the page of its computed value.'),
    )),
    ('Special Nodes', (
        (START, 'Starting node: the inputs of the workflow.'),
        (END, 'Ending node: the outputs of a sub-dispatch function.'),
        (SELF, 'The dispatcher itself.'),
        (PLOT, 'Plots the solution.'),
        (SINK, 'Collects all unused outputs.'),
        (EMPTY, 'Empty graph.'),
    )),
    ('Functions', (
        ('function', 'Function node.'),
        ('input_domain', 'Row "input_domain": its domain.'),
        ('duration', 'Rows "started"/"duration": its execution.'),
    )),
    ('Warnings and Errors', (
        ('warning', 'Missing inputs or outputs (e.g. a failed domain).'),
        ('error', 'It raised: row "error" shows the message.'),
        ('failed_inside', 'Failed inside: its sub-dispatch recorded errors.'),
    )),
    ('Sub-dispatcher', (
        ('dispatcher', 'Sub-dispatcher: links to its graph.'),
        ('subdispatch', 'SubDispatch function.'),
        ('subdispatchfunction', 'SubDispatchFunction.'),
        ('subdispatchpipe', 'SubDispatchPipe.'),
        ('dispatchpipe', 'DispatchPipe.'),
    )),
    ('Edges', (
        ('edge', 'Edge: a value passed between nodes.'),
    )),
)


def _style(sample):
    info = DEFAULT_STYLES['info']
    if sample in info:
        return info[sample]
    if sample in ('warning', 'error'):
        return DEFAULT_STYLES[sample][NONE]['function']
    if sample == 'failed_inside':
        return dict(DEFAULT_STYLES[sample][NONE]['dispatcher'],
                    label='failed inside')
    kind = sample if sample in info[NONE] else (
        'function' if sample in ('input_domain', 'duration') else 'data')
    return dict(info[NONE][kind], label=sample)


def legend_dot():
    """
    Returns the graphviz ``Digraph`` of the legend.

    Example::

        >>> dot = legend_dot()
        >>> 'cluster_0' in dot.source, 'Special Nodes' in dot.source
        (True, True)
    """
    from .nodes import _DspPlot
    dot = _DspPlot(name='legend', graph_attr={
        'rankdir': 'LR', 'bgcolor': 'transparent'},
        node_attr={'style': 'filled', 'fontsize': '11'})
    dot.body.append('\tlabel = ""\n')
    n = 0
    # Left to right, graphviz stacks the clusters bottom-up: first = top.
    for i, (label, samples) in reversed(list(enumerate(_CLUSTERS))):
        sub = _DspPlot(name='cluster_%d' % i)
        sub.body.append('\tlabel = "%s"\n' % label)
        for sample, text in samples:
            sid, tid = 's%d' % n, 't%d' % n
            n += 1
            if sample == 'edge':
                sub.node(sid, '', shape='point')
                sub.node('e%d' % n, '', shape='point')
                sub.edge(sid, 'e%d' % n, xlabel='value')
                sid = 'e%d' % n
            else:
                attrs = {k: str(v) for k, v in _style(sample).items()}
                attrs.setdefault('label', str(sample))
                sub.node(sid, **attrs)
            sub.node(tid, text, shape='plaintext', style='')
            sub.edge(sid, tid, style='dashed', arrowhead='none')
        dot.subgraph(sub)
    return dot


def legend_svg():
    """Returns the SVG of the legend."""
    svg = legend_dot().pipe(format='svg', encoding='utf-8')
    return svg[svg.find('<svg'):]
