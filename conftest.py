# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""
Collection settings shared by the whole test run.

Tests run from the repository root: this file puts the root on ``sys.path``
(so the README can import ``examples``) and keeps out of the collection the
files that must not be imported (``setup.py``, ``doc/``, ``benchmarks/``) and
the optional modules whose dependencies are not installed.
"""
import importlib.util
import os

collect_ignore = ['setup.py', 'doc', 'benchmarks', 'examples']


def _missing(*modules):
    return any(importlib.util.find_spec(m) is None for m in modules)


# Optional sub-packages are only doctested when their extras are installed.
if _missing('graphviz', 'flask', 'jinja2', 'pygments', 'docutils'):
    collect_ignore.append('schedula/utils/drw')
if _missing('flask'):
    collect_ignore.append('schedula/utils/web')
if _missing('sphinx', 'graphviz', 'docutils'):
    collect_ignore.append('schedula/ext')
if _missing('dill'):
    collect_ignore.append('schedula/utils/io.py')
if _missing('multiprocess'):  # Extra `parallel`.
    collect_ignore += ['schedula/utils/asy/executors.py',
                       'schedula/utils/asy/_pool.py',
                       'tests/test_asy_dispatch.py',
                       'tests/test_asy_executors.py']
if _missing('distributed'):  # Extra `dask`.
    collect_ignore.append('tests/test_asy_dask.py')

# The README tutorial needs every extra (see tox.ini: EXTRAS=all).
if os.environ.get('EXTRAS', 'all') != 'all':
    collect_ignore.append('README.rst')
