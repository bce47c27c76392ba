# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""
Build helpers that avoid work growing with the model (issue 15): their
results are the ones of the general code.
"""
import schedula as sh
from schedula.utils.alg import _flagged, _sub_solutions, get_unused_node_id
from schedula.utils.blue import BlueDispatcher


def _always(*args):
    return True


def _first(values):
    return next(iter(values.values()))


def _nested():
    child = sh.Dispatcher(name='child')
    child.add_data('w', wait_inputs=True, function=_first)
    child.add_function('f', max, ['a', 'b'], ['w'], input_domain=_always)
    child.add_function('g', abs, ['w'], ['z'])
    grand = sh.Dispatcher(name='grand')
    grand.add_function('h', abs, ['p'], ['q'], input_domain=_always)
    child.add_dispatcher(grand, {'z': 'p'}, {'q': 'r'}, dsp_id='grand')
    top = sh.Dispatcher(name='top')
    top.add_data('v', wait_inputs=True, function=_first)
    top.add_dispatcher(child, {'x': 'a', 'y': 'b'}, {'r': 'v'},
                       dsp_id='plain')
    top.add_dispatcher(child, {'x': 'a', 'v': 'b'}, {'z': 'u'},
                       dsp_id='guarded', input_domain=_always)
    return top, child, grand


def test_flagged_is_the_table_computed_again_with_the_other_flag():
    top, child, grand = _nested()
    for flag in (False, True):
        table = top._get_wait_in(flag=not flag)
        assert _flagged(table, flag) == top._get_wait_in(flag=flag)
    assert top._get_wait_in(flag=True) == {
        'v': True, child: {'w': True, grand: {'q': True}, 'r': True},
        'guarded': True, 'u': True}


def test_shrink_dsp_with_waiting_nodes_and_children():
    top = _nested()[0]
    shrunk = top.shrink_dsp(inputs=['x', 'y'], outputs=['u'])
    # As computed before the table was derived from the first one.
    assert list(shrunk.nodes) == ['u', 'guarded', 'v', 'x', 'plain', 'y']
    assert list(shrunk.dmap.edges) == [
        ('guarded', 'u'), ('v', 'guarded'), ('x', 'guarded'), ('x', 'plain'),
        ('plain', 'v'), ('y', 'plain')]
    assert shrunk.dispatch({'x': 2, 'y': 3}) == {
        'x': 2, 'y': 3, 'v': 3, 'u': 3}
    shrunk = top.shrink_dsp(inputs=['x', 'y'])
    assert list(shrunk.nodes) == ['x', 'y', 'v', 'u', 'plain', 'guarded']
    assert list(shrunk.nodes['plain']['function'].nodes) == [
        'r', 'grand', 'z', 'g', 'w', 'f', 'a', 'b']


def test_sub_solutions_of_a_solution_without_children():
    dsp = sh.Dispatcher()
    dsp.add_function('f', abs, ['a'], ['b'])
    sol = dsp.dispatch({'a': -1})
    assert list(sol.sub_sol) == [(-1,)] and list(_sub_solutions(sol)) == []
    top = _nested()[0]
    sol = top.dispatch({'x': 1, 'y': 2})
    assert [(n, c.full_name) for n, _, c in _sub_solutions(sol)] == [
        ('plain', ('plain',)), ('guarded', ('guarded',))]


def test_unused_id_of_any_kind_of_guess():
    dsp = sh.Dispatcher()
    dsp.add_data('a')
    guess = type('Id', (str,), {})('a')  # A str subclass: general path.
    assert get_unused_node_id(dsp.dmap, guess) == 'a<0>'
    fresh = type('Id', (str,), {})('b')
    assert get_unused_node_id(dsp.dmap, fresh) is fresh
    assert get_unused_node_id(dsp.dmap, 'b') == 'b'
    assert get_unused_node_id(dsp.dmap, 'a') == 'a<0>'


def test_blueprint_arguments_are_built_at_the_top_level_only():
    sub = BlueDispatcher(name='sub').add_function('f', abs, ['a'], ['b'])
    top = BlueDispatcher(name='top').add_dispatcher(
        sub, {'x': 'a'}, {'b': 'y'}, dsp_id='s')
    top.add_function('g', max, ['y', 'z'], ['w'], description=[sub])
    dsp = top.register()
    assert isinstance(dsp.nodes['s']['function'], sh.Dispatcher)
    assert dsp.nodes['g']['description'] == [sub]
    assert dsp.dispatch({'x': -2, 'z': 1})['w'] == 2
