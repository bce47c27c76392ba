# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""
Tests of :mod:`schedula.utils.io`: the examples of spec 03 §12, round trips
save -> load -> dispatch, file objects and the errors of missing or corrupt
files.
"""
import io
import os
import re
import sys
import math
import pickle
import pathlib
import subprocess

import dill
import pytest

import schedula as sh
from schedula.utils.io import (
    save_dispatcher, load_dispatcher, save_default_values,
    load_default_values, save_map, load_map
)


# ------------------------------------------------------------------ helpers
def _outcome(sol):
    """What a dispatch gave, in comparable form (sub-solutions included)."""
    return {
        index: (
            list(s.items()), s.dist, list(s.workflow.edges(data=True)),
            list(s.workflow.nodes)
        ) for index, s in sorted(sol.sub_sol.items())
    }


def _plain_attrs(nodes):
    """Node attributes, callables left out (they are equal only by id)."""
    return {
        k: {a: v for a, v in attr.items()
            if not callable(v) and not isinstance(v, sh.Dispatcher)}
        for k, attr in nodes.items()
    }


def _domain_model():
    """Sub-dispatchers, domains, defaults, weights and function wrappers."""
    sub = sh.Dispatcher(name='sub', raises=True)
    sub.add_data('k', default_value=10)
    sub.add_function('mul', lambda x, k: x * k, ['x', 'k'], ['y'])
    sub.add_function('neg', lambda y: -y, ['y'], ['z'], weight=2)

    dsp = sh.Dispatcher(name='model', description='A model.')
    dsp.add_data('a', default_value=3, initial_dist=1)
    dsp.add_function('add', lambda a, b: a + b, ['a', 'b'], ['c'],
                     inp_weight={'a': 2}, out_weight={'c': 3})
    dsp.add_function('half', lambda a: a / 2, ['a'], ['c'], weight=5)
    dsp.add_function('sqrt', math.sqrt, ['c'], ['d'],
                     input_domain=lambda c: c >= 0)
    dsp.add_function('never', lambda c: 0, ['c'], ['d'],
                     input_domain=lambda c: c < 0)
    dsp.add_function('shift', sh.add_args(lambda d: d + 1), ['b', 'd'],
                     ['e'])
    dsp.add_function('pow3', sh.partial(pow, exp=3), ['e'], ['f'])
    dsp.add_dispatcher(sub, {'f': 'x'}, {'y': 'g', 'z': 'h'},
                       dsp_id='sub_dsp', include_defaults=True)
    return dsp


def _sdf_model():
    """A model with a SubDispatchFunction node (and one nested in it)."""
    inner = sh.Dispatcher(name='inner')
    inner.add_function('double', lambda x: 2 * x, ['x'], ['y'])
    inner.add_function('inc', lambda y: y + 1, ['y'], ['z'])
    inner.add_function('diff', lambda z, x: z - x, ['z', 'x'], ['w'])
    dsp = sh.Dispatcher(name='outer')
    dsp.add_data('b', default_value=7)
    dsp.add_function(
        'F', sh.SubDispatchFunction(inner, 'F', ['x'], ['w', 'z']),
        ['a'], ['w', 'z'], weight=3)
    dsp.add_function('prod', lambda w, z, b: w * z * b, ['w', 'z', 'b'],
                     ['p'])
    return dsp


# --------------------------------------------------------- spec examples ---
def test_spec_save_load_dispatcher_gz(tmp_path):
    d = sh.Dispatcher(name='named', raises=True)
    assert d.add_data('a', default_value=4, initial_dist=2) == 'a'
    assert d.add_function('sq', lambda a: a * a, ['a'], ['b']) == 'sq'
    path = os.path.join(tmp_path, 'd.gz')
    assert save_dispatcher(d, path) is None
    # A plain pickle (protocol 4 header), not gzip, whatever the name.
    assert pathlib.Path(path).read_bytes()[:2] == b'\x80\x04'
    loaded = load_dispatcher(path)
    assert (loaded.name, loaded.raises) == ('named', True)
    assert repr(loaded({})) == "Solution([('a', 4), ('b', 16)])"


def test_spec_load_default_values_reinitialises(tmp_path):
    d = sh.Dispatcher(name='named', raises=True)
    d.add_data('a', default_value=4, initial_dist=2)
    d.add_function('sq', lambda a: a * a, ['a'], ['b'])
    path = os.path.join(tmp_path, 'dv')
    assert save_default_values(d, path) is None
    t = sh.Dispatcher(name='target', raises=True)
    assert t.add_function('inc', lambda a: a + 1, ['a'], ['b']) == 'inc'
    assert load_default_values(t, path) is None
    assert (t.name, t.raises, t.default_values) == (
        '', False, {'a': {'value': 4, 'initial_dist': 2}})
    assert repr(t({})) == "Solution([('a', 4), ('b', 5)])"


def test_spec_load_map_keeps_default_values(tmp_path):
    d = sh.Dispatcher(name='named', raises=True)
    d.add_data('a', default_value=4, initial_dist=2)
    d.add_function('sq', lambda a: a * a, ['a'], ['b'])
    path = os.path.join(tmp_path, 'map')
    assert save_map(d, path) is None
    t2 = sh.Dispatcher(
        name='t2', default_values={'a': {'value': 3, 'initial_dist': 0.0}})
    assert load_map(t2, path) is None
    assert (t2.name, sorted(t2.nodes)) == ('', ['a', 'b', 'sq'])
    assert repr(t2({})) == "Solution([('a', 3), ('b', 9)])"


def _counter_example(tmp_path):
    d = sh.Dispatcher(name='n')
    assert d.add_data('a', default_value=1) == 'a'
    assert d.add_function('f', lambda a: a + 1, ['a'], ['b']) == 'f'
    path = os.path.join(tmp_path, 'dv')
    assert save_default_values(d, path) is None
    assert load_default_values(d, path) is None
    assert d.add_data('c') == 'c'
    return d


def test_spec_counter_restarts_after_load(tmp_path):
    d = _counter_example(tmp_path)
    assert {k: v['index'] for k, v in d.nodes.items()} == {
        'a': (0,), 'f': (1,), 'b': (2,), 'c': (0,)}


def test_spec_counter_restart_seen_by_blue(tmp_path):
    # Needs Dispatcher.blue / BlueDispatcher (schedula.utils.blue).
    d = _counter_example(tmp_path)
    assert [kw.get('data_id', kw.get('function_id'))
            for m, kw in d.blue().deferred] == ['a', 'c', 'f', 'b']


# ------------------------------------------------- re-initialisation (§12) --
@pytest.mark.parametrize('save, load', [
    (save_default_values, load_default_values), (save_map, load_map)])
def test_load_resets_the_dispatcher(tmp_path, save, load):
    src = sh.Dispatcher()
    src.add_data('a', default_value=2)
    src.add_function('neg', lambda a: -a, ['a'], ['b'])
    path = tmp_path / 'file'
    save(src, path)
    dsp = sh.Dispatcher(name='x', description='Doc.', raises=True,
                        executor='async')
    dsp.add_function('neg', lambda a: -a, ['a'], ['b'])
    dsp.add_data('a', default_value=2)
    dsp({})
    old_solution = dsp.solution
    load(dsp, path)
    assert (dsp.name, dsp.__doc__, dsp.raises, dsp.executor) == (
        '', '', False, None)
    assert dsp.solution is not old_solution
    assert repr(dsp.solution) == 'Solution()'
    assert dsp.solution.dsp is dsp
    assert dsp.nodes is dsp.dmap._node
    assert dsp.counter() == 0
    assert repr(dsp({})) == "Solution([('a', 2), ('b', -2)])"


def test_load_map_rebinds_nodes_and_keeps_default_values_object(tmp_path):
    src = sh.Dispatcher()
    src.add_function('neg', lambda a: -a, ['a'], ['b'])
    save_map(src, tmp_path / 'map')
    dsp = sh.Dispatcher()
    dsp.add_data('a', default_value=1)
    defaults, old_map = dsp.default_values, dsp.dmap
    load_map(dsp, tmp_path / 'map')
    assert dsp.default_values is defaults
    assert dsp.dmap is not old_map
    assert dsp.nodes is dsp.dmap._node
    assert list(dsp.nodes) == ['neg', 'a', 'b']
    assert list(dsp.dmap.edges) == [('neg', 'b'), ('a', 'neg')]


def test_load_map_with_empty_default_values_makes_a_new_dict(tmp_path):
    src = sh.Dispatcher()
    src.add_function('neg', lambda a: -a, ['a'], ['b'])
    save_map(src, tmp_path / 'map')
    dsp = sh.Dispatcher()
    defaults = dsp.default_values
    load_map(dsp, tmp_path / 'map')
    assert dsp.default_values == {}
    assert dsp.default_values is not defaults


def test_load_default_values_keeps_the_map_object(tmp_path):
    src = sh.Dispatcher()
    src.add_data('a', default_value=5, initial_dist=1)
    save_default_values(src, tmp_path / 'dv')
    dsp = sh.Dispatcher()
    dsp.add_function('neg', lambda a: -a, ['a'], ['b'])
    dmap = dsp.dmap
    load_default_values(dsp, tmp_path / 'dv')
    assert dsp.dmap is dmap
    assert dsp.default_values == {'a': {'value': 5, 'initial_dist': 1}}
    sol = dsp({})
    assert list(sol.items()) == [('a', 5), ('b', -5)]
    assert list(sol.dist.items()) == [
        (sh.START, -1), ('a', 1), ('neg', 2), ('b', 3)]


def test_saved_files_are_plain_dill(tmp_path):
    dsp = _domain_model()
    save_dispatcher(dsp, tmp_path / 'd.bz2')
    save_default_values(dsp, tmp_path / 'dv.gz')
    save_map(dsp, tmp_path / 'map.gz')
    assert (tmp_path / 'd.bz2').read_bytes() == dill.dumps(dsp)
    assert dill.loads((tmp_path / 'dv.gz').read_bytes()) == {
        'a': {'value': 3, 'initial_dist': 1}}
    assert list(dill.loads((tmp_path / 'map.gz').read_bytes()).edges) == \
        list(dsp.dmap.edges)


def test_top_level_names():
    assert (sh.save_dispatcher, sh.load_dispatcher, sh.save_default_values,
            sh.load_default_values, sh.save_map, sh.load_map) == (
        save_dispatcher, load_dispatcher, save_default_values,
        load_default_values, save_map, load_map)


def test_importing_io_does_not_import_dill():
    code = 'import sys, schedula.utils.io; print("dill" in sys.modules)'
    out = subprocess.run(
        [sys.executable, '-c', code], capture_output=True, text=True,
        check=True, cwd=pathlib.Path(__file__).parent.parent)
    assert out.stdout == 'False\n'


# ----------------------------------------------------------- round trips ---
def test_round_trip_dispatcher_gives_identical_dispatch(tmp_path):
    dsp = _domain_model()
    expected = dsp({'b': 1})
    save_dispatcher(dsp, tmp_path / 'dsp')
    loaded = load_dispatcher(tmp_path / 'dsp')
    assert loaded is not dsp
    assert (loaded.name, loaded.__doc__, loaded.raises) == (
        'model', 'A model.', False)
    assert list(loaded.nodes) == list(dsp.nodes)
    assert _plain_attrs(loaded.nodes) == _plain_attrs(dsp.nodes)
    assert list(loaded.dmap.edges(data=True)) == \
        list(dsp.dmap.edges(data=True))
    assert loaded.default_values == dsp.default_values
    sol = loaded({'b': 1})
    assert list(sol.items()) == [
        ('b', 1), ('a', 3), ('c', 4), ('d', 2.0), ('e', 3.0), ('f', 27.0),
        ('g', 270.0), ('h', -270.0)]
    assert list(sol.dist.items()) == [
        (sh.START, -1), ('b', 0), ('a', 1), ('add', 3), ('c', 6),
        ('half', 7), ('never', 7), ('sqrt', 7), ('d', 8), ('shift', 9),
        ('e', 10), ('pow3', 11), ('f', 12), ('sub_dsp', 12), ('g', 14),
        ('h', 18)]
    assert list(sol.sub_sol) == [(-1,), (-1, 12)]
    assert list(sol.sub_sol[(-1, 12)].items()) == [
        ('x', 27.0), ('k', 10), ('y', 270.0), ('z', -270.0)]
    assert _outcome(sol) == _outcome(expected)


def test_round_trip_keeps_domains_and_alternatives(tmp_path):
    dsp = _domain_model()
    save_dispatcher(dsp, tmp_path / 'dsp')
    loaded = load_dispatcher(tmp_path / 'dsp')
    # c < 0: sqrt's domain fails, the alternative `never` runs.
    expected = dsp({'b': -13})
    sol = loaded({'b': -13})
    assert list(sol.items()) == [
        ('b', -13), ('a', 3), ('c', -10), ('d', 0), ('e', 1), ('f', 1),
        ('g', 10), ('h', -10)]
    assert _outcome(sol) == _outcome(expected)
    # Without `b` only `half` can give `c`.
    sol = loaded()
    assert list(sol.items()) == [('a', 3), ('c', 1.5),
                                 ('d', math.sqrt(1.5))]
    assert _outcome(sol) == _outcome(dsp())


def test_round_trip_map_and_default_values(tmp_path):
    dsp = _domain_model()
    expected = dsp({'b': 1})
    save_map(dsp, tmp_path / 'map')
    save_default_values(dsp, tmp_path / 'dv')
    rebuilt = sh.Dispatcher()
    load_map(rebuilt, tmp_path / 'map')
    load_default_values(rebuilt, tmp_path / 'dv')
    assert _outcome(rebuilt({'b': 1})) == _outcome(expected)


def test_round_trip_does_not_carry_the_last_solution(tmp_path):
    dsp = _domain_model()
    dsp({'b': 1})
    save_dispatcher(dsp, tmp_path / 'dsp')
    loaded = load_dispatcher(tmp_path / 'dsp')
    assert repr(loaded.solution) == 'Solution()'
    assert loaded.solution.dsp is loaded


def test_round_trip_keeps_tokens_identity(tmp_path):
    dsp = sh.Dispatcher()
    dsp.add_data('a', default_value=sh.END)
    dsp.add_function('f', lambda a: (a, sh.NONE), ['a'], ['b'])
    save_dispatcher(dsp, tmp_path / 'dsp')
    loaded = load_dispatcher(tmp_path / 'dsp')
    sol = loaded()
    assert sol['a'] is sh.END
    assert sol['b'][0] is sh.END and sol['b'][1] is sh.NONE


def test_round_trip_sub_dispatch_function_node(tmp_path):
    # Needs sh.SubDispatchFunction (schedula.utils.dsp).
    dsp = _sdf_model()
    expected = dsp({'a': 3})
    assert list(expected.items()) == [
        ('a', 3), ('b', 7), ('w', 4), ('z', 7), ('p', 196)]
    save_dispatcher(dsp, tmp_path / 'dsp')
    loaded = load_dispatcher(tmp_path / 'dsp')
    sol = loaded({'a': 3})
    assert _outcome(sol) == _outcome(expected)
    assert list(sol.workflow.nodes['F']['solution'].items()) == \
        list(expected.workflow.nodes['F']['solution'].items())
    assert loaded.nodes['F']['function'](5) == [6, 11]


def test_round_trip_sub_dispatch_function_itself(tmp_path):
    # Needs sh.SubDispatchFunction (schedula.utils.dsp).
    dsp = _sdf_model()
    fn = dsp.nodes['F']['function']
    fn(2)
    with open(tmp_path / 'fn', 'wb') as file:
        save_dispatcher(fn, file)
    loaded = load_dispatcher(tmp_path / 'fn')
    assert loaded.__name__ == 'F'
    assert repr(loaded.solution) == 'Solution()'
    assert loaded(4) == [5, 9]
    assert list(loaded.solution.items()) == [
        ('x', 4), ('y', 8), ('z', 9), ('w', 5)]
    assert fn(4) == [5, 9]
    assert _outcome(loaded.solution) == _outcome(fn.solution)


# ---------------------------------------------------- paths and file objects
def test_path_like_and_file_descriptor(tmp_path):
    dsp = _domain_model()
    save_dispatcher(dsp, pathlib.Path(tmp_path, 'dsp'))
    fd = os.open(tmp_path / 'dsp', os.O_RDONLY)
    loaded = load_dispatcher(fd)
    # `open(fd)` closed it, as in 1.2.0.
    with pytest.raises(OSError, match=r'Bad file descriptor'):
        os.fstat(fd)
    assert _outcome(loaded({'b': 1})) == _outcome(dsp({'b': 1}))


def test_file_objects_are_used_from_their_position_and_left_open():
    dsp = _domain_model()
    file = io.BytesIO()
    file.write(b'head')
    save_map(dsp, file)
    save_default_values(dsp, file)
    save_dispatcher(dsp, file)
    assert not file.closed
    file.seek(4)
    rebuilt = sh.Dispatcher()
    load_map(rebuilt, file)
    load_default_values(rebuilt, file)
    loaded = load_dispatcher(file)
    assert not file.closed
    assert file.read() == b''
    assert _outcome(rebuilt({'b': 1})) == _outcome(dsp({'b': 1}))
    assert _outcome(loaded({'b': 1})) == _outcome(dsp({'b': 1}))


def test_open_files(tmp_path):
    dsp = _domain_model()
    with open(tmp_path / 'map', 'wb') as file:
        save_map(dsp, file)
        assert not file.closed
    rebuilt = sh.Dispatcher()
    rebuilt.default_values = dsp.default_values
    with open(tmp_path / 'map', 'rb') as file:
        load_map(rebuilt, file)
        assert not file.closed
    assert _outcome(rebuilt({'b': 1})) == _outcome(dsp({'b': 1}))


# ---------------------------------------------------------------- errors ---
LOADERS = [
    (lambda p: load_dispatcher(p), 'dispatcher'),
    (lambda p: load_default_values(sh.Dispatcher(), p), 'default values'),
    (lambda p: load_map(sh.Dispatcher(), p), 'map'),
]


@pytest.mark.parametrize('load, what', LOADERS)
def test_missing_file(tmp_path, load, what):
    path = str(tmp_path / 'missing')
    with pytest.raises(FileNotFoundError) as info:
        load(path)
    assert str(info.value) == \
        "[Errno 2] No such file or directory: '%s'" % path
    assert info.value.filename == path


@pytest.mark.parametrize('save', [
    save_dispatcher, save_default_values, save_map])
def test_save_into_missing_folder(tmp_path, save):
    path = str(tmp_path / 'no' / 'file')
    with pytest.raises(FileNotFoundError) as info:
        save(sh.Dispatcher(), path)
    assert str(info.value) == \
        "[Errno 2] No such file or directory: '%s'" % path


@pytest.mark.parametrize('load, what', LOADERS)
def test_empty_file(tmp_path, load, what):
    path = tmp_path / 'empty'
    path.write_bytes(b'')
    with pytest.raises(EOFError) as info:
        load(path)
    assert str(info.value) == (
        "Cannot load the %s from '%s': the file is empty or truncated "
        "(Ran out of input)." % (what, path))
    assert type(info.value.__cause__) is EOFError


@pytest.mark.parametrize('load, what', LOADERS)
def test_truncated_file(tmp_path, load, what):
    path = tmp_path / 'truncated'
    path.write_bytes(dill.dumps(_domain_model())[:-10])
    with pytest.raises(pickle.UnpicklingError) as info:
        load(path)
    assert str(info.value) == (
        "Cannot load the %s from '%s': the file is corrupt or not a dill "
        "pickle (pickle data was truncated)." % (what, path))


@pytest.mark.parametrize('load, what', LOADERS)
def test_not_a_pickle(tmp_path, load, what):
    path = tmp_path / 'text.txt'
    path.write_bytes(b'\xc0 not a pickle')
    with pytest.raises(pickle.UnpicklingError) as info:
        load(path)
    assert str(info.value) == (
        "Cannot load the %s from '%s': the file is corrupt or not a dill "
        "pickle (invalid load key, '\\xc0')." % (what, path))


def test_corrupt_file_object_without_name():
    with pytest.raises(EOFError) as info:
        load_dispatcher(io.BytesIO(b''))
    assert re.fullmatch(
        r"Cannot load the dispatcher from <_io\.BytesIO object at 0x\w+>: "
        r"the file is empty or truncated \(Ran out of input\)\.",
        str(info.value))


def test_corrupt_open_file_is_named_by_its_path(tmp_path):
    path = tmp_path / 'empty'
    path.write_bytes(b'')
    with open(path, 'rb') as file, pytest.raises(EOFError) as info:
        load_map(sh.Dispatcher(), file)
    assert str(info.value) == (
        "Cannot load the map from '%s': the file is empty or truncated "
        "(Ran out of input)." % path)


@pytest.mark.parametrize('load, what', LOADERS)
def test_other_unpickling_errors_keep_class_and_name_the_file(
        tmp_path, load, what):
    path = tmp_path / 'ref'
    path.write_bytes(b'cno_such_module_xyz\nthing\n.')  # A global reference.
    with pytest.raises(ModuleNotFoundError) as info:
        load(path)
    assert str(info.value) == "No module named 'no_such_module_xyz'"
    assert info.value.__notes__ == [
        "While loading the %s from '%s'." % (what, path)]


@pytest.mark.parametrize('save, load', [
    (save_default_values, load_default_values), (save_map, load_map)])
def test_failed_load_leaves_the_dispatcher_untouched(tmp_path, save, load):
    path = tmp_path / 'empty'
    path.write_bytes(b'')
    dsp = sh.Dispatcher(name='keep', raises=True)
    dsp.add_data('a', default_value=1)
    state = dict(dsp.__dict__)
    with pytest.raises(EOFError, match=r"^Cannot load the (default values|"
                                       r"map) from '.*empty': the file is "
                                       r"empty or truncated \(Ran out of "
                                       r"input\)\.$"):
        load(dsp, path)
    assert dsp.__dict__ == state
    assert all(dsp.__dict__[k] is v for k, v in state.items())


@pytest.mark.parametrize('save, what', [
    (save_dispatcher, 'dispatcher'), (save_default_values, 'default values'),
    (save_map, 'map')])
def test_failed_save_leaves_the_existing_file_intact(tmp_path, save, what):
    path = tmp_path / 'file'
    path.write_bytes(b'previous')
    dsp = sh.Dispatcher()
    gen = (i for i in range(3))  # Unpicklable: in the defaults and the map.
    dsp.add_data('a', default_value=gen, filters=[gen])
    with pytest.raises(TypeError) as info:
        save(dsp, path)
    assert str(info.value) == "cannot pickle 'generator' object"
    assert info.value.__notes__ == [
        "While saving the %s to '%s'." % (what, path)]
    assert path.read_bytes() == b'previous'


def test_failed_save_to_a_file_object_names_it():
    dsp = sh.Dispatcher()
    dsp.add_data('a', default_value=(i for i in range(3)))
    with pytest.raises(TypeError) as info:
        save_default_values(dsp, io.BytesIO())
    assert len(info.value.__notes__) == 1
    assert re.fullmatch(
        r"While saving the default values to <_io\.BytesIO object at 0x\w+>\.",
        info.value.__notes__[0])
