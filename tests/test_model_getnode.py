# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""
Node look-up: `get_node` and `get_sub_node` (spec 01 §16, with the
description search of §17 reached through `get_node`).
"""
import functools

import pytest

import schedula as sh
from schedula.utils.alg import (
    get_sub_node, _get_node
)
from schedula.utils.cst import EMPTY


def fun(a, b):
    """Sum.

    :param a:
        First addend.
    :type a: float

    :param b:
        Second addend.
    :type b: int

    :return:
        The total.
    :rtype: float
    """
    return a + b


def _inner():
    inner = sh.Dispatcher(name='inner', description='Inner model.')
    inner.add_function('sum', fun, ['x', 'y'], ['z'])
    return inner


def _outer(a_description='Value of a.'):
    inner = _inner()
    outer = sh.Dispatcher(name='outer')
    outer.add_data('a', 2, description=a_description)
    outer.add_function('plus', fun, ['a', 'b'], ['c'])
    outer.add_dispatcher(inner, {'c': 'x', 'a': 'y'}, {'z': 'w'},
                         dsp_id='inner')
    return outer, inner


# --- §16 spec example -------------------------------------------------------
def test_get_node_before_dispatch():
    outer, inner = _outer()
    res = outer.get_node('a')
    assert res == ({'type': 'data', 'wait_inputs': False, 'index': (0,),
                    'description': 'Value of a.'}, ('a',))
    assert type(res[1]) is tuple and res[0] is outer.nodes['a']
    assert outer.get_node('pl') == (fun, ('plus',))
    assert outer.get_node('inn', 'x', node_attr='type') == \
           ('data', ('inner', 'x'))
    assert outer.get_node('a', node_attr='default_value') == \
           ({'value': 2, 'initial_dist': 0.0}, ('a',))
    node, path = outer.get_node('inner', 'x', node_attr='dsp')
    assert node is inner and path == ('inner', 'x')


def test_get_node_errors():
    outer, _ = _outer()
    with pytest.raises(ValueError) as info:
        outer.get_node('inn', 'qq')
    assert str(info.value) == \
           "Path ['inner', 'qq'] does not exist in outer dispatcher."
    with pytest.raises(ValueError) as info:
        outer.get_node('a', 'x')
    assert str(info.value) == (
        "Node of path ['a', 'x'] at level 1 is not a function or "
        "sub-dispatcher node of outer dispatcher.")
    with pytest.raises(ValueError) as info:
        outer.get_node('zz')
    assert str(info.value) == "Path ['zz'] does not exist in outer dispatcher."
    with pytest.raises(ValueError) as info:
        outer.get_node('inner', 'x', 'q')
    assert str(info.value) == (
        "Node of path ['inner', 'x', 'q'] at level 2 is not a function or "
        "sub-dispatcher node of outer dispatcher.")


def test_get_node_below_a_plain_function_fails():
    outer, _ = _outer()
    with pytest.raises(AttributeError) as info:
        outer.get_node('plus', 'a')
    assert "'function' object has no attribute 'nodes'" in str(info.value)
    with pytest.raises(AttributeError) as info:
        outer.get_node('inner', 'sum', 'x')
    assert "'function' object has no attribute 'nodes'" in str(info.value)


def test_get_node_after_dispatch():
    outer, _ = _outer()
    sol = outer.dispatch({'b': 3, 'extra': 0})
    assert list(sol.items()) == [('extra', 0), ('a', 2), ('b', 3), ('c', 5),
                                 ('w', 7)]
    assert (outer.get_node('c'), outer.get_node('extra'),
            outer.get_node('inner', 'z')) == \
           ((5, ('c',)), (0, ('extra',)), (7, ('inner', 'z')))
    sub_sol, path = outer.get_node('inner', node_attr='output')
    assert path == ('inner',)
    assert list(sub_sol.items()) == [('y', 2), ('x', 5), ('z', 7)]
    assert sub_sol is sol.workflow.nodes['inner']['solution']
    assert sol.get_node('plus', node_attr='auto') == (fun, ('plus',))


# --- node_attr defaults -----------------------------------------------------
def test_solution_defaults_to_output():
    outer, _ = _outer()
    sol = outer.dispatch({'b': 3})
    assert sol.get_node('c') == (5, ('c',))
    with pytest.raises(KeyError, match=r"^'solution'$"):
        sol.get_node('plus')  # 'output' of a plain function node that ran.
    sub_sol, _ = sol.get_node('inner')
    assert list(sub_sol.items()) == [('y', 2), ('x', 5), ('z', 7)]
    assert sol.get_node('inner', 'x') == (5, ('inner', 'x'))


def test_solution_searches_its_own_dispatcher():
    outer, _ = _outer()
    sol = outer.dispatch({'b': 3})
    outer.dispatch({'b': 1})  # The dispatcher's last solution changes.
    assert outer.get_node('c') == (3, ('c',))
    assert sol.get_node('c') == (5, ('c',))
    assert sol.get_node('inn', 'z') == (7, ('inner', 'z'))


def test_sub_dispatch_searches_its_dispatcher():
    outer, _ = _outer()
    func = sh.SubDispatch(outer)
    assert func.get_node('a')[0] is outer.nodes['a']
    assert func.get_node('pl') == (fun, ('plus',))


# --- §16.1 resolution -------------------------------------------------------
def test_fuzzy_resolution_is_sorted_by_str():
    d = sh.Dispatcher(name='d')
    d.add_function('f2', max, ['a'], ['b'])
    d.add_function('f1', max, ['a'], ['c'])
    d.add_data(sh.START)
    assert d.get_node('f')[1] == ('f1',)
    assert d.get_node('f2')[1] == ('f2',)
    assert d.get_node('tar')[1][0] is sh.START  # str(START) is 'start'.


def test_exact_match_wins_over_fuzzy():
    d = sh.Dispatcher()
    d.add_data('ab')
    d.add_data('b')
    assert d.get_node('b')[1] == ('b',)


def test_get_node_helper():
    nodes = {'b1': 1, 'a1': 2, 7: 3}
    assert _get_node(nodes, 'b1') == ('b1', 1)
    assert _get_node(nodes, '1') == ('a1', 2)
    assert _get_node(nodes, 7) == (7, 3)
    with pytest.raises(KeyError, match=r"^'a1x'$"):
        _get_node(nodes, 'a1x')
    with pytest.raises(KeyError, match=r"^'a'$"):
        _get_node(nodes, 'a', fuzzy=False)


def test_solution_outputs_only_for_the_last_exact_id():
    outer, _ = _outer()
    outer.dispatch({'b': 3, 'extra': 0, 'other': 1})
    assert outer.get_node('other') == (1, ('other',))
    with pytest.raises(ValueError, match=r"^Path \['othe'\] does not exist in"
                                         r" outer dispatcher\.$"):
        outer.get_node('othe')  # No fuzzy matching among the outputs.
    with pytest.raises(ValueError, match=r"^Path \['other'\] does not exist"
                                         r" in outer dispatcher\.$"):
        outer.get_node('other', node_attr='type')
    with pytest.raises(ValueError) as info:
        outer.get_node('other', 'x')
    assert str(info.value) == \
           "Path ['other', 'x'] does not exist in outer dispatcher."


def test_missing_path_names_resolved_levels_and_root():
    outer, _ = _outer()
    outer.dispatch({'b': 3})
    with pytest.raises(ValueError) as info:
        outer.get_node('inn', 'x', 'qq')
    assert str(info.value) == (
        "Node of path ['inner', 'x', 'qq'] at level 2 is not a function "
        "or sub-dispatcher node of outer dispatcher.")
    with pytest.raises(ValueError) as info:
        outer.get_node('inn', 'zz')
    assert str(info.value) == \
           "Path ['inner', 'zz'] does not exist in outer dispatcher."


# --- §16.2 descending -------------------------------------------------------
def test_descend_through_wrappers():
    inner = _inner()
    d = sh.Dispatcher(name='top')
    d.add_function('pf', functools.partial(sh.SubDispatch(inner)), ['a'],
                   ['b'])
    d.add_function('sdf', sh.SubDispatchFunction(inner, 'F', ['x', 'y'],
                                                 ['z']), ['a', 'c'], ['d'])
    assert d.get_node('pf', 'x', node_attr='dsp')[0] is inner
    assert d.get_node('sdf', 'su') == (fun, ('sdf', 'sum'))
    assert d.get_node('sdf', 'x', node_attr='type') == \
           ('data', ('sdf', 'x'))


def test_below_a_node_that_did_not_run():
    outer, _ = _outer()
    outer.set_default_value('a')
    sol = outer.dispatch({'zz': 1})  # 'inner' does not run.
    assert 'inner' not in sol.workflow.nodes
    node, path = outer.get_node('inner', 'x')
    assert node is outer.nodes['inner']['function'].nodes['x']
    with pytest.raises(AttributeError) as info:
        outer.get_node('inner', 'sum', node_attr='output')
    assert "['inner', 'sum']" in str(info.value)
    with pytest.raises(TypeError) as info:
        outer.get_node('inner', 'x', node_attr='output')
    assert "['inner', 'x']" in str(info.value)
    node, _ = outer.get_node('inner', 'x', node_attr='sol')
    assert node is outer.nodes['inner']['function'].nodes['x']


# --- §16.3 the leaf ---------------------------------------------------------
def test_leaf_auto():
    d = sh.Dispatcher(name='d')
    d.add_function('nofun', inputs=['a'], outputs=['b'])
    d.dmap.add_node('raw', type='function')
    assert d.get_node('nofun') == (None, ('nofun',))
    assert d.get_node('raw') == ({'type': 'function'}, ('raw',))
    assert d.get_node('raw')[0] is d.nodes['raw']
    d.dispatch({'a': 1})
    assert d.get_node('a') == (1, ('a',))
    assert d.get_node('b')[0] is d.nodes['b']  # Not computed.


def test_leaf_output():
    d = sh.Dispatcher(name='d')
    d.add_function('f', fun, ['a', 'b'], ['c'])
    d.add_function('g', fun, ['c', 'x'], ['y'])
    d.add_function('h', abs, ['q'], ['r'])
    d.dispatch({'a': 1, 'b': 2})
    assert d.get_node('c', node_attr='output') == (3, ('c',))
    with pytest.raises(KeyError) as info:
        d.get_node('y', node_attr='output')
    assert info.value.args == ('y',)
    with pytest.raises(KeyError) as info:
        d.get_node('f', node_attr='output')
    assert info.value.args == ('solution',)
    with pytest.raises(KeyError) as info:
        d.get_node('g', node_attr='output')  # Reached, waiting for 'x'.
    assert info.value.args == ('solution',)
    with pytest.raises(KeyError) as info:
        d.get_node('h', node_attr='output')
    assert info.value.args == ('h',)


def test_leaf_default_value_dsp_sol():
    outer, inner = _outer()
    assert outer.get_node('a', node_attr='default_value')[0] is \
           outer.default_values['a']
    with pytest.raises(KeyError, match=r"^'b'$"):
        outer.get_node('b', node_attr='default_value')
    assert outer.get_node('plus', node_attr='dsp')[0] is outer
    assert outer.get_node('inn', 'sum', node_attr='dsp')[0] is inner
    assert outer.get_node('a', node_attr='sol')[0] is outer.solution
    sol = outer.dispatch({'b': 3})
    assert outer.get_node('a', node_attr='sol')[0] is sol
    sub_sol = sol.workflow.nodes['inner']['solution']
    assert outer.get_node('inner', 'z', node_attr='sol')[0] is sub_sol
    assert sol.get_node('inner', 'z', node_attr='sol')[0] is sub_sol


def test_leaf_other_attributes():
    outer, _ = _outer()
    assert outer.get_node('plus', node_attr='inputs') == \
           (['a', 'b'], ('plus',))
    assert outer.get_node('plus', node_attr='type') == ('function',
                                                         ('plus',))
    for attr in (None, '', 'unknown_key'):
        node, _ = outer.get_node('plus', node_attr=attr)
        assert node is outer.nodes['plus'], attr
    node, _ = outer.get_node('inner', node_attr='index')
    assert node == (4,)


def test_leaf_attribute_none_key():
    d = sh.Dispatcher()
    d.add_data('a')
    d.nodes['a'][None] = 'n'
    assert d.get_node('a', node_attr=None) == ('n', ('a',))


def test_get_sub_node():
    outer, inner = _outer()
    assert get_sub_node(outer, ('pl',)) == (fun, ('plus',))
    assert get_sub_node(outer, ['inn', 'x'], 'type') == \
           ('data', ('inner', 'x'))
    assert get_sub_node(outer, ('a',), 'auto', solution=EMPTY)[0] is \
           outer.nodes['a']
    with pytest.raises(ValueError) as info:
        get_sub_node(inner, ('q',), _dsp_name='root')
    assert str(info.value) == "Path ['q'] does not exist in root dispatcher."


# --- §17 through get_node (descriptions) ------------------------------------
def test_descriptions_through_get_node():
    outer2, _ = _outer('Value of a. More.')
    assert [outer2.get_node(n, node_attr='description')[0]
            for n in ('a', 'b', 'c', 'plus', 'inner', 'w')] == [
        'Value of a.', 'Second addend.', 'The total.', 'Sum.',
        'Inner model.', 'The total.']
    assert [outer2.get_node(n, node_attr='value_type')[0]
            for n in ('b', 'c')] == ['int', 'float']
    assert outer2.get_node('inner', 'x', node_attr='description') == \
           ('First addend.', ('inner', 'x'))


def test_value_type_of_a_function_node_is_the_generic_rule():
    outer, _ = _outer()
    node, path = outer.get_node('plus', node_attr='value_type')
    assert node is outer.nodes['plus'] and path == ('plus',)
    node, _ = outer.get_node('inner', node_attr='value_type')
    assert node is outer.nodes['inner']
