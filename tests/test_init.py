# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""
Tests of the top-level package: export table, lazy loading, ``__dir__``,
version metadata and the eager ``IMPORT_ALL`` mode (spec 01 §1).
"""
import importlib
import importlib.util
import json
import os
import os.path as osp
import subprocess
import sys

import pytest

import schedula as sh

ROOT = osp.dirname(osp.dirname(osp.abspath(__file__)))

EXPORTS = (
    ('Dispatcher', 'schedula.dispatcher'),
    ('BlueDispatcher', 'schedula.utils.blue'),
    ('Blueprint', 'schedula.utils.blue'),
    ('PoolExecutor', 'schedula.utils.asy.executors'),
    ('ProcessExecutor', 'schedula.utils.asy.executors'),
    ('ThreadExecutor', 'schedula.utils.asy.executors'),
    ('ProcessPoolExecutor', 'schedula.utils.asy.executors'),
    ('register_executor', 'schedula.utils.asy'),
    ('shutdown_executor', 'schedula.utils.asy'),
    ('shutdown_executors', 'schedula.utils.asy'),
    ('await_result', 'schedula.utils.asy'),
    ('EMPTY', 'schedula.utils.cst'),
    ('START', 'schedula.utils.cst'),
    ('NONE', 'schedula.utils.cst'),
    ('SINK', 'schedula.utils.cst'),
    ('SELF', 'schedula.utils.cst'),
    ('END', 'schedula.utils.cst'),
    ('PLOT', 'schedula.utils.cst'),
    ('stlp', 'schedula.utils.dsp'),
    ('combine_dicts', 'schedula.utils.dsp'),
    ('bypass', 'schedula.utils.dsp'),
    ('summation', 'schedula.utils.dsp'),
    ('map_dict', 'schedula.utils.dsp'),
    ('map_list', 'schedula.utils.dsp'),
    ('selector', 'schedula.utils.dsp'),
    ('replicate_value', 'schedula.utils.dsp'),
    ('partial', 'schedula.utils.dsp'),
    ('add_args', 'schedula.utils.dsp'),
    ('stack_nested_keys', 'schedula.utils.dsp'),
    ('get_nested_dicts', 'schedula.utils.dsp'),
    ('inf', 'schedula.utils.dsp'),
    ('are_in_nested_dicts', 'schedula.utils.dsp'),
    ('SubDispatchFunction', 'schedula.utils.dsp'),
    ('combine_nested_dicts', 'schedula.utils.dsp'),
    ('SubDispatch', 'schedula.utils.dsp'),
    ('parent_func', 'schedula.utils.dsp'),
    ('SubDispatchPipe', 'schedula.utils.dsp'),
    ('DispatchPipe', 'schedula.utils.dsp'),
    ('kk_dict', 'schedula.utils.dsp'),
    ('add_function', 'schedula.utils.dsp'),
    ('DispatcherError', 'schedula.utils.exc'),
    ('DispatcherAbort', 'schedula.utils.exc'),
    ('ExecutorShutdown', 'schedula.utils.exc'),
    ('SkipNode', 'schedula.utils.exc'),
    ('counter', 'schedula.utils.gen'),
    ('Token', 'schedula.utils.gen'),
    ('DiGraph', 'schedula.utils.graph'),
    ('save_dispatcher', 'schedula.utils.io'),
    ('load_dispatcher', 'schedula.utils.io'),
    ('save_default_values', 'schedula.utils.io'),
    ('load_default_values', 'schedula.utils.io'),
    ('save_map', 'schedula.utils.io'),
    ('load_map', 'schedula.utils.io'),
    ('MapDispatch', 'schedula.utils.dsp'),  # New in 1.2.1 (issue 14).
)
NAMES = tuple(n for n, _ in EXPORTS)
IO_NAMES = tuple(n for n, m in EXPORTS if m == 'schedula.utils.io')
META = (
    '__doc__', '__author__', '__updated__', '__title__', '__version__',
    '__license__', '__copyright__'
)
OPTIONAL_DEPS = ('flask', 'graphviz', 'sphinx', 'jinja2', 'pygments',
                 'docutils', 'distributed', 'multiprocess', 'dask')


def run_python(code, **env):
    """
    Run `code` in a fresh interpreter from the repository root and return the
    JSON value it prints on its last line. `IMPORT_ALL` is unset unless given.
    """
    environ = dict(os.environ)
    environ.pop('IMPORT_ALL', None)
    environ.update(env)
    environ['PYTHONPATH'] = os.pathsep.join(
        [ROOT] + [p for p in [os.environ.get('PYTHONPATH')] if p]
    )
    res = subprocess.run(
        [sys.executable, '-c', code], cwd=ROOT, env=environ,
        capture_output=True, text=True, timeout=120
    )
    assert res.returncode == 0, res.stderr
    return json.loads(res.stdout.strip().splitlines()[-1])


# --- export table (no core module needed) --------------------------------
def test_all_is_a_tuple_of_54_names_in_order():
    # 1.2.0's 53 names, then MapDispatch (1.2.1).
    assert isinstance(sh.__all__, tuple)
    assert len(sh.__all__) == 54
    assert sh.__all__ == NAMES


def test_private_table_maps_names_to_relative_modules():
    assert isinstance(sh._all, dict)
    assert tuple(sh._all) == sh.__all__
    for name, module in EXPORTS:
        rel = sh._all[name]
        assert rel.startswith('.'), (name, rel)
        assert importlib.util.resolve_name(rel, 'schedula') == module


def test_nothing_is_loaded_at_import():
    loaded = run_python(
        'import json, sys, schedula as sh\n'
        'print(json.dumps({\n'
        '    "names": [n for n in sh.__all__ if n in vars(sh)],\n'
        '    "dispatcher": "Dispatcher" in vars(sh),\n'
        '    "modules": sorted(m for m in sys.modules\n'
        '                      if m.startswith("schedula.")),\n'
        '}))'
    )
    assert loaded['names'] == []
    assert loaded['dispatcher'] is False
    assert loaded['modules'] == ['schedula._version']


def test_import_does_not_load_optional_dependencies():
    loaded = run_python(
        'import json, sys, schedula\n'
        'print(json.dumps(sorted(m for m in %r if m in sys.modules)))'
        % (OPTIONAL_DEPS,)
    )
    assert loaded == []


def test_unknown_attribute():
    with pytest.raises(AttributeError) as info:
        sh.not_there
    assert str(info.value) == 'module schedula has no attribute not_there'
    assert not hasattr(sh, 'not_there')
    with pytest.raises(AttributeError) as info:
        getattr(sh, '__not_there__')
    assert str(info.value) == 'module schedula has no attribute __not_there__'


def test_dir():
    expected = NAMES + META
    assert sh.__dir__() == expected
    assert isinstance(sh.__dir__(), tuple)
    assert dir(sh) == sorted(expected)
    assert len(dir(sh)) == 61  # 54 names and 7 metadata


def test_version_metadata():
    assert sh.__version__ == '1.2.0'
    assert sh.__updated__ == '2026-12-04 21:00:00'
    assert sh.__title__ == 'schedula'
    assert sh.__author__ == 'the schedula developers'
    assert '@' not in sh.__author__ + sh.__copyright__  # No personal e-mail.
    assert sh.__license__ == 'EUPL, see LICENSE.txt'
    assert sh.__copyright__ == 'Copyright 2015-2026, the schedula developers'


def test_plain_version_is_not_exported():
    from schedula import _version
    assert _version.version == sh.__version__
    assert 'version' not in vars(sh)
    assert 'version' not in _version.__all__
    with pytest.raises(AttributeError) as info:
        sh.version
    assert str(info.value) == 'module schedula has no attribute version'


def test_module_docstrings():
    import schedula.utils
    assert sh.__doc__ and sh.__doc__.strip()
    assert schedula.utils.__doc__ and schedula.utils.__doc__.strip()


def test_setup_version_matches_package():
    import runpy
    ns = runpy.run_path(osp.join(ROOT, 'setup.py'), run_name='setup')
    assert ns['proj_ver'] == sh.__version__
    assert ns['extras']['all'] == sorted(ns['extras']['all'])
    assert ns['read_project_metadata']('__author__') == sh.__author__


def test_readme_fields_match_version_metadata():
    with open(osp.join(ROOT, 'README.rst'), encoding='utf-8') as f:
        readme = f.read()
    assert ':release:       %s\n' % sh.__version__ in readme
    assert ':date:          %s\n' % sh.__updated__ in readme
    assert ':developers:    %s\n' % sh.__author__ in readme


def test_eager_mode_only_for_exact_true():
    for value in ('true', '1', 'TRUE', ''):
        loaded = run_python(
            'import json, schedula as sh\n'
            'print(json.dumps([n for n in sh.__all__ if n in vars(sh)]))',
            IMPORT_ALL=value
        )
        assert loaded == [], value


# --- lazy loading (needs the core modules) -------------------------------
def test_lazy_loading_and_caching():
    res = run_python(
        'import json, schedula as sh\n'
        'before = "Dispatcher" in vars(sh)\n'
        'cls = sh.Dispatcher\n'
        'after = "Dispatcher" in vars(sh)\n'
        'print(json.dumps({\n'
        '    "before": before, "after": after,\n'
        '    "repr": repr(cls), "cached": vars(sh)["Dispatcher"] is cls,\n'
        '    "others": [n for n in sh.__all__\n'
        '               if n in vars(sh) and n != "Dispatcher"],\n'
        '}))'
    )
    assert res['before'] is False
    assert res['after'] is True
    assert res['cached'] is True
    assert res['repr'] == "<class 'schedula.dispatcher.Dispatcher'>"
    assert res['others'] == []


def test_cached_name_bypasses_getattr(monkeypatch):
    obj = sh.Dispatcher  # Loads and caches the name.
    assert vars(sh)['Dispatcher'] is obj

    def fail(name):
        raise AssertionError('__getattr__ called for %s' % name)

    monkeypatch.setitem(vars(sh), '__getattr__', fail)
    assert sh.Dispatcher is obj


@pytest.mark.parametrize('name,module', [
    e for e in EXPORTS if e[0] not in IO_NAMES
])
def test_every_name_comes_from_its_module(name, module):
    obj = getattr(sh, name)
    assert obj is getattr(importlib.import_module(module), name)
    assert vars(sh)[name] is obj


@pytest.mark.parametrize('name', IO_NAMES)
def test_io_names(name):
    pytest.importorskip('dill')
    obj = getattr(sh, name)
    assert obj is getattr(importlib.import_module('schedula.utils.io'), name)


def test_partial_is_functools_partial():
    import functools
    assert sh.partial is functools.partial


def test_star_import():
    pytest.importorskip('dill')  # The io names need the `io` extra.
    res = run_python(
        'import json\n'
        'ns = {}\n'
        'exec("from schedula import *", ns)\n'
        'import schedula as sh\n'
        'print(json.dumps([n for n in sh.__all__ if n not in ns]))'
    )
    assert res == []


def test_eager_mode():
    res = run_python(
        'import json, schedula as sh\n'
        'print(json.dumps([n for n in sh.__all__ if n not in vars(sh)]))',
        IMPORT_ALL='True'
    )
    if importlib.util.find_spec('dill') is None:
        # The io names may be missing: their ImportError is swallowed.
        assert set(res) <= set(IO_NAMES)
    else:
        assert res == []


def test_getting_a_model_does_not_load_optional_dependencies():
    loaded = run_python(
        'import json, sys, schedula as sh\n'
        'dsp = sh.Dispatcher()\n'
        'dsp.add_function("f", lambda a: a + 1, ["a"], ["b"])\n'
        'dsp.dispatch({"a": 1})\n'
        'print(json.dumps(sorted(m for m in %r if m in sys.modules)))'
        % (OPTIONAL_DEPS,)
    )
    assert loaded == []
