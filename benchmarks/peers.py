# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""
The same chain of functions ``x{i} -> x{i+1}`` (``x + 1`` each) on schedula
and on two libraries that run a DAG fixed in advance, pipefunc and Apache
Hamilton (the ``bench`` extra: ``pip install schedula[bench]``). Each
builder returns the operation computing ``x{n}`` from ``x0 = 0``.
"""
import importlib

from .models import Unavailable, chain_model

#: The libraries compared, by import name.
PEERS = ('pipefunc', 'hamilton')


def _inc(x):
    return x + 1


def _need(module):
    try:
        return importlib.import_module(module)
    except ImportError as ex:
        raise Unavailable('%s is not installed (pip install '
                          'schedula[bench])' % module) from ex


def schedula_chain(n):
    """schedula: a dispatch of the chain model."""
    dsp = chain_model(n)
    return lambda: dsp.dispatch({'x0': 0})['x%d' % n]


def pipefunc_chain(n):
    """pipefunc: a pipeline of `n` renamed copies of one function."""
    pipefunc = _need('pipefunc')
    funcs = [pipefunc.pipefunc(output_name='x%d' % (i + 1),
                               renames={'x': 'x%d' % i})(_inc)
             for i in range(n)]
    pipeline, target = pipefunc.Pipeline(funcs), 'x%d' % n
    return lambda: pipeline(target, x0=0)


def hamilton_chain(n):
    """Hamilton: a driver over a module of `n` functions, one per node."""
    _need('hamilton')
    from hamilton import ad_hoc_utils, driver
    # Hamilton reads the node names from the function and parameter names,
    # and needs type hints: the functions are written out.
    namespace = {'_inc': _inc}
    exec('\n'.join('def x%d(x%d: int) -> int:\n    return _inc(x%d)\n' % (
        i + 1, i, i) for i in range(n)), namespace)
    module = ad_hoc_utils.create_temporary_module(
        *[namespace['x%d' % (i + 1)] for i in range(n)],
        module_name='schedula_bench_chain')
    dr, target = driver.Builder().with_modules(module).build(), 'x%d' % n
    return lambda: dr.execute([target], inputs={'x0': 0})[target]


#: Builders of the chain operation, by library.
BUILDERS = {'pipefunc': pipefunc_chain, 'hamilton': hamilton_chain}
