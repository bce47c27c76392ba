# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""
schedula is a dynamic flow-based programming environment for Python: it works
out at run time which functions have to be called, and in which order, to
compute the requested outputs from whatever inputs are given.

A model is a :class:`~schedula.dispatcher.Dispatcher`, a weighted directed
graph of data nodes, function nodes and sub-dispatcher nodes. Dispatching it
extracts the cheapest workflow (a modified Dijkstra search from the inputs),
calls the functions along it and collects every computed value into a
:class:`~schedula.utils.sol.Solution`. Domains, weights and failures steer the
search towards alternative paths; models can be nested, extracted, saved,
drawn, served as a web API and run asynchronously or in parallel.

The public names of the package (``schedula.__all__``) are loaded lazily: the
module that defines one is imported the first time the name is accessed. Set
the environment variable ``IMPORT_ALL=True`` before the first import to load
everything eagerly.

Sub-modules:

.. currentmodule:: schedula

.. autosummary::
    :nosignatures:
    :toctree: toctree/schedula

    dispatcher
    utils
    ext
"""
import os as _os
import sys as _sys
import importlib as _importlib

from ._version import *

#: Public names of the package and the (relative) module that defines each.
_all = {
    'Dispatcher': '.dispatcher',
    'BlueDispatcher': '.utils.blue',
    'Blueprint': '.utils.blue',
    'PoolExecutor': '.utils.asy.executors',
    'ProcessExecutor': '.utils.asy.executors',
    'ThreadExecutor': '.utils.asy.executors',
    'ProcessPoolExecutor': '.utils.asy.executors',
    'register_executor': '.utils.asy',
    'shutdown_executor': '.utils.asy',
    'shutdown_executors': '.utils.asy',
    'await_result': '.utils.asy',
    'EMPTY': '.utils.cst',
    'START': '.utils.cst',
    'NONE': '.utils.cst',
    'SINK': '.utils.cst',
    'SELF': '.utils.cst',
    'END': '.utils.cst',
    'PLOT': '.utils.cst',
    'stlp': '.utils.dsp',
    'combine_dicts': '.utils.dsp',
    'bypass': '.utils.dsp',
    'summation': '.utils.dsp',
    'map_dict': '.utils.dsp',
    'map_list': '.utils.dsp',
    'selector': '.utils.dsp',
    'replicate_value': '.utils.dsp',
    'partial': '.utils.dsp',
    'add_args': '.utils.dsp',
    'stack_nested_keys': '.utils.dsp',
    'get_nested_dicts': '.utils.dsp',
    'inf': '.utils.dsp',
    'are_in_nested_dicts': '.utils.dsp',
    'SubDispatchFunction': '.utils.dsp',
    'combine_nested_dicts': '.utils.dsp',
    'SubDispatch': '.utils.dsp',
    'parent_func': '.utils.dsp',
    'SubDispatchPipe': '.utils.dsp',
    'DispatchPipe': '.utils.dsp',
    'kk_dict': '.utils.dsp',
    'add_function': '.utils.dsp',
    'DispatcherError': '.utils.exc',
    'DispatcherAbort': '.utils.exc',
    'ExecutorShutdown': '.utils.exc',
    'SkipNode': '.utils.exc',
    'counter': '.utils.gen',
    'Token': '.utils.gen',
    'DiGraph': '.utils.graph',
    'save_dispatcher': '.utils.io',
    'load_dispatcher': '.utils.io',
    'save_default_values': '.utils.io',
    'load_default_values': '.utils.io',
    'save_map': '.utils.io',
    'load_map': '.utils.io',
    'MapDispatch': '.utils.dsp',
}

__all__ = tuple(_all)

#: Metadata names listed by :func:`__dir__` after the public names.
_meta = (
    '__doc__', '__author__', '__updated__', '__title__', '__version__',
    '__license__', '__copyright__'
)


def __dir__():
    return __all__ + _meta


def __getattr__(name):
    try:
        module = _all[name]
    except KeyError:
        raise AttributeError(
            'module %s has no attribute %s' % (__name__, name)
        ) from None
    obj = getattr(_importlib.import_module(module, __name__), name)
    globals()[name] = obj  # Cache it: later look-ups skip `__getattr__`.
    return obj


def _import_all():
    for name, module in _all.items():
        if module == '.utils.io':  # Optional dependencies (`io` extra).
            try:
                __getattr__(name)
            except ImportError:
                pass
        else:
            __getattr__(name)


if _sys.version_info < (3, 7) or _os.environ.get('IMPORT_ALL') == 'True':
    _import_all()
