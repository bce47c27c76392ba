# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""
Sphinx extensions of schedula (the ``sphinx`` extra).

- :mod:`schedula.ext.dispatcher`: the ``dispatcher`` and ``autodispatcher``
  directives, which document a model and embed its interactive map, and the
  ``dsp`` directive that shows an already rendered map;
- :mod:`schedula.ext.autosummary`: Sphinx's autosummary with stub pages for
  the dispatchers of a module.

Add them to the ``extensions`` of a project's ``conf.py``::

    extensions = ['schedula.ext.autosummary', 'schedula.ext.dispatcher']

Importing :mod:`schedula` never imports this package (nor Sphinx).

Sub-modules:

.. currentmodule:: schedula.ext

.. autosummary::
    :nosignatures:
    :toctree: ext/

    dispatcher
    autosummary
"""
