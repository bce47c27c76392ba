# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""
Plot data of the processing chain outputs, as a plotly figure dict.

The dict needs no plotly to be built; with plotly installed,
``plotly.graph_objects.Figure(define_plot_data(outputs)).show()`` draws it.
"""

#: Unit of each series, for the axis titles.
UNITS = {'time': 's', 'velocity': 'm/s', 'acceleration': 'm/s2',
         'distance': 'm'}


def define_plot_data(outputs, x='time', y=('velocity', 'acceleration',
                                           'distance')):
    """
    Returns a figure with a line per series against `x`, one axis each.

    :param outputs:
        Time series by name (e.g. the model solution).
    :type outputs: dict

    :param x:
        Name of the series on the x axis.
    :type x: str

    :param y:
        Names of the series to draw (those missing in `outputs` are left
        out).
    :type y: tuple[str]

    :return:
        A plotly figure: ``{'data': [traces], 'layout': {...}}``.
    :rtype: dict

    Example::

        >>> fig = define_plot_data({'time': [0, 1], 'velocity': [0, 2]})
        >>> fig['data']
        [{'type': 'scatter', 'mode': 'lines', 'name': 'velocity', 'x': [0, 1], 'y': [0, 2], 'yaxis': 'y'}]
        >>> fig['layout']['xaxis'], fig['layout']['yaxis']
        ({'title': 'time [s]'}, {'title': 'velocity [m/s]'})
    """
    names = [k for k in y if k in outputs]
    traces, layout = [], {'xaxis': {'title': _title(x)}}
    for i, name in enumerate(names):
        axis = 'y' if i == 0 else 'y%d' % (i + 1)
        traces.append({
            'type': 'scatter', 'mode': 'lines', 'name': name,
            'x': list(outputs[x]), 'y': list(outputs[name]), 'yaxis': axis
        })
        layout_axis = {'title': _title(name)}
        if i:
            layout_axis.update(overlaying='y', side='right', anchor='free',
                               position=1 - 0.08 * (i - 1))
        layout['yaxis' if i == 0 else 'yaxis%d' % (i + 1)] = layout_axis
    return {'data': traces, 'layout': layout}


def _title(name):
    return '%s [%s]' % (name, UNITS[name]) if name in UNITS else name
