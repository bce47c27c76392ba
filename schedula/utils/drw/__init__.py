# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""
Drawing of models and solutions as interactive sites of SVG graphs, and the
local viewer that serves them.

A :class:`SiteMap` is the tree of the pages: one :class:`SiteFolder` (graph
page) per dispatcher or workflow, one :class:`SiteNode` (value page) per
linked value (function code, default values, outputs...), and an index page
(:class:`SiteIndex`). It is written to a directory with
:meth:`SiteMap.render` or served by a :class:`Site`.

Needs the ``plot`` extra (graphviz, Jinja2, Pygments, Flask) and Graphviz's
``dot`` program.

Example::

    >>> import schedula as sh
    >>> dsp = sh.Dispatcher(name='Dispatcher')
    >>> dsp.add_function('f', lambda x: x + 1, ['x'], ['y'])
    'f'
    >>> sitemap = dsp.plot(view=False)
    >>> sitemap
    SiteMap([(Dispatcher, SiteMap())])
    >>> import tempfile, os
    >>> path = sitemap.render(directory=tempfile.mkdtemp())
    >>> os.path.basename(path)
    'index.html'

Sub-modules:

.. currentmodule:: schedula.utils.drw

.. autosummary::
    :nosignatures:
    :toctree: drw/

    nodes
"""
from ..cst import PLOT
from .nodes import FolderNode
from .folder import SiteFolder
from .sitemap import SiteMap, SiteNode
from .index import SiteIndex
from .site import Site, basic_app

__all__ = ['SiteMap', 'Site', 'SiteFolder', 'SiteNode', 'SiteIndex',
           'FolderNode', 'basic_app', 'autoplot_function', 'autoplot_callback']

SiteMap.site_index = SiteIndex


def autoplot_function(kwargs):
    """
    Function of the ``PLOT`` data node: merges its inputs (the ``PLOT`` one
    first, then the others in sorted order; later wins) and splits out the
    object to plot.

    :param kwargs:
        ``{predecessor id: dict of plot options}`` (the solution adds
        ``PLOT: {'obj': <the solution>}``).
    :type kwargs: dict

    :return:
        ``{'dsp': <object to plot>, 'kw': <plot options>}``.
    :rtype: dict

    Example::

        >>> autoplot_function({PLOT: {'obj': 'sol'}, 'b': {'x': 1},
        ...                    'a': {'x': 0, 'view': False}})
        {'dsp': 'sol', 'kw': {'x': 1, 'view': False}}
    """
    merged = dict(kwargs.get(PLOT, {}))
    for k in sorted((k for k in kwargs if k is not PLOT), key=str):
        merged.update(kwargs[k])
    return {'dsp': merged.pop('obj', None), 'kw': merged}


def autoplot_callback(value):
    """
    Callback of the ``PLOT`` data node: plots ``value['dsp']`` with the
    options ``value['kw']`` and stores the :class:`SiteMap` under
    ``value['plot']``.

    Example::

        >>> import schedula as sh
        >>> d = sh.Dispatcher(name='d')
        >>> value = {'dsp': d, 'kw': {'view': False}}
        >>> autoplot_callback(value)
        >>> value['plot']
        SiteMap([(d, SiteMap())])
    """
    value['plot'] = value['dsp'].plot(**value['kw'])
