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

Changes from schedula 1.2.0 (which no longer runs on graphviz 0.21, Werkzeug
3 and Flask 3): DOT body lines are complete lines and every graphviz
attribute a string; pages are always SVG (a ``format`` like ``png`` applies
to nothing else); the server is a ``werkzeug.serving.make_server`` in a
daemon thread, stopped directly; ``DELETE /cleanup`` and ``/shutdown`` answer
only loopback requests (others get a JSON 403); a value holding Jinja
syntax (``{%``) is shown as it is (1.2.0 crashed); ``render(depth=0,
index=True)`` writes the index alone (1.2.0 crashed); the index tree names
value pages ``-<attribute key>`` (1.2.0 sliced labels into ``lambda&gt;``);
``node_styles`` completes the defaults (the attributes given for a kind
replace its defaults, as in 1.2.0; the states and kinds left out, which
crashed 1.2.0, keep theirs);
``edge_data``, ``max_lines`` and ``max_width`` reach the edges too;
tooltips are plain text (no literal quotes); a folder named ``index`` does
not collide with the index assets. Large graphs stay usable: above
``SiteFolder.ortho_max_nodes`` (500) nodes the default ``splines=ortho`` is
left to graphviz's own routing (orthogonal routing grows much faster than
the graph: 78 s for the 4,720-node benchmark model instead of 6 s), and
equal value pages are written once (hard links for the copies).

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
from ._folder import SiteFolder
from ._sitemap import SiteMap, SiteNode
from ._index import SiteIndex
from ._site import Site, basic_app

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
