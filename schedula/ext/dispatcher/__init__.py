# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""
Sphinx extension documenting schedula models with their interactive maps.

Add ``'schedula.ext.dispatcher'`` to the ``extensions`` of ``conf.py``; it
sets up ``sphinx.ext.autodoc`` and ``sphinx.ext.graphviz`` and registers:

- the ``dispatcher`` and ``autodispatcher`` directives
  (:mod:`.documenter`), with the configuration value
  ``dispatchers_out_dir`` (where maps are rendered, default
  ``'_build/_dispatchers'``, relative to the source folder);
- the ``dsp`` directive (:mod:`.graphviz`).

The maps are drawn with Graphviz (the ``plot`` extra and the ``dot``
program).

Sub-modules:

.. currentmodule:: schedula.ext.dispatcher

.. autosummary::
    :nosignatures:
    :toctree: dispatcher/

    documenter
    graphviz
"""
from ...utils.cst import PLOT
from . import documenter, graphviz

__all__ = ['PLOT', 'setup']


def setup(app):
    """
    Sets the extension up (both directives and the ``dsp`` node).

    Each part is an extension of its own, set up once per application: a
    second call (or listing a part beside the package) changes nothing.
    """
    app.setup_extension(graphviz.__name__)
    app.setup_extension(documenter.__name__)
    return {'parallel_read_safe': True, 'parallel_write_safe': True}
