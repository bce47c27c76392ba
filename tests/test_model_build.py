# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""
Building models: `Dispatcher` construction, copies and pickles, node ids,
`add_data`, `add_function`, `add_func`, `add_dispatcher`, `add_from_lists`
and `set_default_value` (spec 01 §6-§14, pitfalls §24).
"""
import sys
import copy
import types
import pickle
import functools

import dill
import pytest

import schedula as sh
from schedula.dispatcher import Dispatcher
from schedula.utils.alg import get_unused_node_id, add_func_edges
from schedula.utils.dsp import bypass, add_args
from schedula.utils.graph import DiGraph
from schedula.utils.sol import Solution


def plus(a, b):
    return a + b


def est(kw):
    return min(kw.values())


def cb(value):
    pass


class Callable:
    def __call__(self, x):
        return x


def _data(index, **kw):
    return dict({'type': 'data', 'wait_inputs': False, 'index': (index,)},
                **kw)


# --- §6.1 construction ------------------------------------------------------
def test_constructor_attributes_in_order():
    d = sh.Dispatcher()
    assert list(vars(d)) == ['dmap', 'name', '__doc__', 'nodes',
                             'default_values', 'raises', 'executor',
                             'solution', 'counter']
    assert (d.name, d.__doc__, d.default_values, d.raises, d.executor) == \
           ('', '', {}, False, None)
    assert d.nodes is d.dmap.nodes and type(d.dmap) is DiGraph
    assert repr(d.solution) == 'Solution()' and type(d.solution) is Solution
    assert d.solution.dsp is d
    assert d.counter() == 0
    assert not hasattr(d, 'description') and not hasattr(d, 'weight')


def test_constructor_arguments():
    g = DiGraph()
    dfl = {'a': {'value': 1, 'initial_dist': 0.0}}
    d = sh.Dispatcher(dmap=g, name='n', default_values=dfl, raises=True,
                      description='doc', executor='async')
    assert d.dmap is g and d.nodes is g._node  # An empty graph is used.
    assert d.default_values is dfl
    assert (d.name, d.__doc__, d.raises, d.executor) == \
           ('n', 'doc', True, 'async')


def test_empty_default_values_are_replaced():
    dfl = {}
    d = sh.Dispatcher(default_values=dfl)
    assert d.default_values == {} and d.default_values is not dfl


def test_counter_starts_at_zero_with_a_filled_dmap():
    d = sh.Dispatcher()
    d.add_data('a')
    d.add_data('b')
    d2 = sh.Dispatcher(dmap=d.dmap)
    assert d2.nodes is d.nodes
    assert d2.add_data('c') == 'c' and d2.nodes['c']['index'] == (0,)


def test_malformed_default_values_fail_at_construction():
    with pytest.raises(TypeError) as info:
        sh.Dispatcher(default_values={'x': 1})
    assert str(info.value) == "'int' object is not subscriptable"


def test_default_values_of_missing_nodes_are_kept():
    d = sh.Dispatcher(default_values={'x': {'value': 1, 'initial_dist': 0}})
    assert repr(d.solution) == "Solution([('x', 1)])"
    d.add_function('f', max, ['a'], ['x'])  # Creating 'x' drops its default.
    assert d.default_values == {}


def test_default_value_of_missing_node_dropped_by_add_data():
    d = sh.Dispatcher(default_values={'x': {'value': 1, 'initial_dist': 0},
                                      'y': {'value': 2, 'initial_dist': 0}})
    d.add_data('x')
    assert d.default_values == {'y': {'value': 2, 'initial_dist': 0}}


def test_dispatchers_compare_and_hash_by_identity():
    a, b = sh.Dispatcher(), sh.Dispatcher()
    assert a != b and a == a
    assert len({a: 1, b: 2}) == 2 and hash(a) != hash(b)


def test_base_new_ignores_arguments():
    d = Dispatcher.__new__(Dispatcher, 1, x=2)
    assert type(d) is Dispatcher and vars(d) == {}


# --- §6.2 node filters ------------------------------------------------------
def test_node_type_properties():
    sub = sh.Dispatcher(name='sub')
    d = sh.Dispatcher()
    d.add_function('f', max, ['a'], ['b'])
    d.add_dispatcher(sub, {'b': 'x'}, {'y': 'c'})
    d.add_data('z')
    data = d.data_nodes
    assert list(data) == ['a', 'b', 'c', 'z']
    assert data['a'] is d.nodes['a'] and data is not d.data_nodes
    assert list(d.function_nodes) == ['f']
    assert d.function_nodes['f'] is d.nodes['f']
    assert list(d.sub_dsp_nodes) == ['sub']
    assert d.sub_dsp_nodes['sub'] is d.nodes['sub']


# --- §6.3 copy_structure ----------------------------------------------------
class MyDispatcher(sh.Dispatcher):
    pass


def test_copy_structure():
    d = MyDispatcher(name='x', description='desc', raises=True,
                     executor='async')
    d.add_data('a', 1)
    c = d.copy_structure()
    assert type(c) is MyDispatcher
    assert (c.name, c.__doc__, c.raises, c.executor) == \
           ('x', 'desc', True, 'async')
    assert c.nodes == {} and c.default_values == {} and c.dmap is not d.dmap
    c = d.copy_structure(name='y', raises=False)
    assert (c.name, c.__doc__, c.raises) == ('y', 'desc', False)
    g = DiGraph()
    assert d.copy_structure(dmap=g).dmap is g


# --- §6.4 / §6.5 ------------------------------------------------------------
def test_edge_length():
    d = sh.Dispatcher()
    assert d._edge_length({}, {}) == 1
    assert d._edge_length({'weight': 2}, {'weight': 3}) == 5
    assert d._edge_length({'weight': -1}, {}) == -1


def test_call_is_dispatch():
    d = sh.Dispatcher()
    d.add_function('f', plus, ['a', 'b'], ['c'])
    sol = d({'a': 1, 'b': 2}, outputs=['c'])
    assert list(sol.items()) == [('a', 1), ('b', 2), ('c', 3)]
    assert d.solution is sol


# --- §6.6 copies ------------------------------------------------------------
def _model_with_everything():
    sub = sh.Dispatcher(name='sub')
    sub.add_function('max', max, ['a', 'b'], ['c'])
    d = sh.Dispatcher(name='m')
    d.add_data(sh.SELF)
    d.add_function('f', plus, ['a', 'b'], ['c'])
    d.add_function('g', Callable(), ['c'], ['e'])
    d.add_dispatcher(sub, {'a': 'a', 'b': 'b'}, {'c': 'd'})
    return d, sub


def test_copy_is_deep():
    d, sub = _model_with_everything()
    d.dispatch({'a': 1, 'b': 2})
    c = d.copy()
    assert type(c) is Dispatcher
    assert list(vars(c)) == list(vars(d))
    assert c.dmap is not d.dmap and c.nodes is not d.nodes
    assert c.nodes is c.dmap.nodes
    assert c.default_values is not d.default_values
    assert list(c.nodes) == list(d.nodes)
    assert list(c.dmap.edges) == list(d.dmap.edges)
    assert c.nodes['f']['function'] is plus  # Functions are atomic.
    assert c.nodes['g']['function'] is not d.nodes['g']['function']
    child = c.nodes['sub']['function']
    assert child is not sub and list(child.nodes) == list(sub.nodes)
    assert c.default_values[sh.SELF]['value'] is c
    assert d.default_values[sh.SELF]['value'] is d


def test_copy_continues_the_counter_independently():
    d = sh.Dispatcher()
    d.add_data('a')
    c = d.copy()
    assert (c.counter(), c.counter(), d.counter()) == (1, 2, 1)


def test_copy_drops_the_solution_items():
    d, _ = _model_with_everything()
    d.dispatch({'a': 1, 'b': 2})
    assert len(d.solution)
    c = d.copy()
    assert repr(c.solution) == 'Solution()' and c.solution.dsp is c
    assert copy.deepcopy(d).solution.dsp is not d


def test_shallow_copy_shares_the_model():
    d, _ = _model_with_everything()
    d.dispatch({'a': 1, 'b': 2})
    c = copy.copy(d)
    assert c.dmap is d.dmap and c.nodes is d.nodes
    assert c.default_values is d.default_values and c.counter is d.counter
    assert repr(c.solution) == 'Solution()' and c.solution.dsp is d


# --- §6.7 pickling ----------------------------------------------------------
def test_getstate_replaces_the_solution():
    d, _ = _model_with_everything()
    d.dispatch({'a': 1, 'b': 2})
    state = d.__getstate__()
    assert list(state) == list(vars(d)) and state is not vars(d)
    assert state['dmap'] is d.dmap and state['solution'] is not d.solution
    assert type(state['solution']) is Solution
    assert state['solution'].dsp is d and repr(state['solution']) == \
           'Solution()'


@pytest.mark.parametrize('pkl', [dill, pickle])
def test_pickle_round_trip(pkl):
    d = sh.Dispatcher(name='x', description='desc')
    assert d.add_data('a', 1) == 'a'
    d.add_function('f', max, ['a', 'b'], ['c'], inp_weight={'a': 2})
    d.dispatch({'b': 3})
    d2 = pkl.loads(pkl.dumps(d))
    assert d2.nodes == d.nodes and list(d2.nodes) == list(d.nodes)
    assert dict(d2.dmap.edges) == dict(d.dmap.edges)
    assert d2.default_values == {'a': {'value': 1, 'initial_dist': 0.0}}
    assert (d2.name, d2.__doc__) == ('x', 'desc')
    assert d2.nodes is d2.dmap.nodes
    assert d2.solution.dsp is d2 and repr(d2.solution) == 'Solution()'
    assert d2.counter() == 4
    assert list(d2.nodes)[0] == 'a' and sh.START in d2.solution.dist
    assert d2.dispatch({'b': 3}) == {'a': 1, 'b': 3, 'c': 3}


def test_dill_round_trip_spec_example():
    d = sh.Dispatcher(name='x', description='desc')
    d.add_data('a', 1)
    d2 = dill.loads(dill.dumps(d))
    assert (d2.nodes, d2.default_values, d2.name, d2.__doc__,
            d2.counter()) == (
        {'a': {'type': 'data', 'wait_inputs': False, 'index': (0,)}},
        {'a': {'value': 1, 'initial_dist': 0.0}}, 'x', 'desc', 1)


@pytest.mark.parametrize('pkl', [dill, pickle])
def test_pickled_tokens_stay_tokens(pkl):
    d = sh.Dispatcher()
    d.add_function('f', max, outputs=['b'])
    d2 = pkl.loads(pkl.dumps(d))
    assert list(d2.nodes)[0] is sh.START
    assert d2.nodes['f']['inputs'][0] is sh.START
    assert d2.default_values[sh.START]['value'] is sh.NONE
    assert list(d2.dispatch(outputs=['b']).items()) == \
           list(d.dispatch(outputs=['b']).items())


# --- §8 node ids ------------------------------------------------------------
def test_unused_node_id_suffixes():
    d = sh.Dispatcher()
    assert (d.add_function('h<0>', max, ['b'], ['c']),
            d.add_function('h', max, ['b'], ['c']),
            d.add_function('h', max, ['b'], ['c'])) == ('h<0>', 'h', 'h<1>')
    assert d.add_function('b', max, ['b'], ['c']) == 'b<0>'
    assert (d.add_data(), d.add_data(), d.add_data()) == \
           ('unknown', 'unknown<0>', 'unknown<1>')


def test_unused_node_id_keeps_percent_literally():
    g = DiGraph()
    assert get_unused_node_id(g, '5%d') == '5%d'
    g.add_node('5%d')
    assert get_unused_node_id(g, '5%d') == '5%d<0>'
    assert get_unused_node_id(g) == 'unknown'
    g.add_node('x')
    assert get_unused_node_id(g, 'x', _format='{}_%d') == 'x_0'


def test_unused_node_id_accepts_tokens():
    g = DiGraph()
    tok = sh.Token('t')
    assert get_unused_node_id(g, tok) is tok
    g.add_node(tok)
    assert get_unused_node_id(g, tok) == 't<0>'


def test_unused_node_id_needs_a_string():
    with pytest.raises(AttributeError) as info:
        get_unused_node_id(DiGraph(), 7)
    assert str(info.value) == "'int' object has no attribute 'replace'"


def test_integer_function_id_fails_but_data_id_works():
    d = sh.Dispatcher()
    with pytest.raises(AttributeError) as info:
        d.add_function(7, max, ['a'], ['b'])
    assert str(info.value) == "'int' object has no attribute 'replace'"
    assert d.add_data(7) == 7 and d.nodes[7] == _data(0)


# --- §9 add_data ------------------------------------------------------------
def test_add_data_spec_example():
    d = sh.Dispatcher()
    assert d.add_data('x', default_value=5, initial_dist=2) == 'x'
    assert (d.nodes['x'], d.default_values) == (
        _data(0), {'x': {'value': 5, 'initial_dist': 2}})
    assert d.add_data('x', description='') == 'x'
    assert (d.nodes['x'], d.default_values) == (
        _data(1, description=''), {})
    assert d.add_data('y', None, wait_inputs=True, wildcard=False,
                      function=est, callback=cb, filters=[abs],
                      await_result=3, color='red') == 'y'
    assert d.nodes['y'] == {
        'type': 'data', 'wait_inputs': True, 'index': (2,), 'function': est,
        'await_result': 3, 'callback': cb, 'wildcard': False,
        'filters': [abs], 'color': 'red'}
    assert list(d.nodes['y']) == [
        'type', 'wait_inputs', 'index', 'function', 'await_result',
        'callback', 'wildcard', 'filters', 'color']
    assert d.default_values['y'] == {'value': None, 'initial_dist': 0.0}


def test_add_data_sink():
    d = sh.Dispatcher()
    assert d.add_data(sh.SINK, wait_inputs=False, function=max) is sh.SINK
    assert d.nodes[sh.SINK] == {
        'type': 'data', 'wait_inputs': True, 'index': (0,),
        'function': bypass,
        'description': 'Sink node of the dispatcher that collects all unused '
                       'outputs.'}
    assert d.default_values == {}


def test_add_data_start():
    d = sh.Dispatcher()
    assert d.add_data(sh.START, default_value=3, wait_inputs=True) is sh.START
    assert d.default_values[sh.START] == {'value': sh.NONE,
                                          'initial_dist': 0.0}
    assert d.default_values[sh.START]['value'] is sh.NONE
    assert d.nodes[sh.START] == {
        'type': 'data', 'wait_inputs': True, 'index': (0,),
        'description': 'Starting node that identifies initial inputs of the '
                       'workflow.'}


def test_add_data_self():
    d = sh.Dispatcher()
    assert d.add_data(sh.SELF, default_value=3) is sh.SELF
    assert d.default_values[sh.SELF]['value'] is d
    assert d.nodes[sh.SELF] == _data(0, description=sh.Token.__doc__)


def test_add_data_plot(monkeypatch):
    # The drawing layer is replaced: only the wiring of PLOT is tested.
    drw = types.ModuleType('schedula.utils.drw')
    drw.autoplot_callback, drw.autoplot_function = cb, est
    monkeypatch.setitem(sys.modules, 'schedula.utils.drw', drw)
    d = sh.Dispatcher()
    assert d.add_data(sh.PLOT) is sh.PLOT
    assert d.nodes[sh.PLOT] == _data(0, function=est, callback=cb,
                                     description=sh.Token.__doc__)
    assert d.add_data(sh.PLOT, function=max, callback=min) is sh.PLOT
    assert d.nodes[sh.PLOT]['function'] is max
    assert d.nodes[sh.PLOT]['callback'] is min


@pytest.mark.parametrize('name', ['END', 'EMPTY', 'NONE'])
def test_add_data_other_tokens_are_plain(name):
    d = sh.Dispatcher()
    token = getattr(sh, name)
    assert d.add_data(token, 1) is token
    assert d.nodes[token] == _data(0)
    assert d.default_values == {token: {'value': 1, 'initial_dist': 0.0}}


def test_add_data_optional_keys():
    d = sh.Dispatcher()
    d.add_data('a', filters=[], description='', wildcard=True,
               await_result=False)
    assert d.nodes['a'] == _data(0, await_result=False, wildcard=True,
                                 description='')
    d.add_data('b', wait_inputs=True, index='i')
    assert d.nodes['b'] == {'type': 'data', 'wait_inputs': True, 'index': 'i'}


def test_add_data_overriding_type_fails_without_changes():
    d = sh.Dispatcher()
    d.add_data('b', 1)
    with pytest.raises(ValueError) as info:
        d.add_data('c', type='x')
    assert str(info.value) == 'Input error: c is not a data node'
    with pytest.raises(ValueError) as info:
        d.add_data('b', 2, type='x')
    assert str(info.value) == 'Input error: b is not a data node'
    assert d.nodes == {'b': _data(0)} and d.counter() == 1
    assert d.default_values == {'b': {'value': 1, 'initial_dist': 0.0}}


def test_add_data_re_add_merges_and_drops_default():
    d = sh.Dispatcher()
    d.add_data('a', 1, wait_inputs=True, description='A', color='red')
    d.add_data('b')
    attr = d.nodes['a']
    assert d.add_data('a', function=est) == 'a'
    assert d.nodes['a'] is attr
    assert attr == _data(2, description='A', color='red', function=est)
    assert list(d.nodes) == ['a', 'b'] and d.default_values == {}


def test_add_data_over_a_function_raises():
    d = sh.Dispatcher()
    d.add_function('fn', max, ['a'], ['b'])
    with pytest.raises(ValueError) as info:
        d.add_data('fn')
    assert str(info.value) == 'Invalid data id: override function fn'
    d.add_dispatcher(sh.Dispatcher(name='s'), {'a': 'x'}, {'y': 'b'})
    with pytest.raises(ValueError) as info:
        d.add_data('s')
    assert str(info.value) == 'Invalid data id: override function s'


# --- §10 add_function -------------------------------------------------------
def test_add_function_spec_example():
    d = sh.Dispatcher()
    assert d.add_function(function=plus, inputs=['a', 'b'],
                          outputs=['c']) == 'plus'
    assert d.nodes == {
        'plus': {'type': 'function', 'inputs': ['a', 'b'], 'outputs': ['c'],
                 'function': plus, 'wait_inputs': True, 'index': (0,)},
        'a': _data(1), 'b': _data(2), 'c': _data(3)}
    assert list(d.nodes) == ['plus', 'a', 'b', 'c']
    assert list(d.nodes['plus']) == ['type', 'inputs', 'outputs', 'function',
                                     'wait_inputs', 'index']
    assert list(d.dmap.edges.items()) == [
        (('plus', 'c'), {}), (('a', 'plus'), {}), (('b', 'plus'), {})]
    assert d.add_function(function=functools.partial(plus, 1), inputs=['a'],
                          outputs=['c']) == 'plus<0>'
    assert d.add_function(function=lambda x: x, inputs=['a'],
                          outputs=['c']) == '<lambda>'
    assert d.add_function(function=Callable(), inputs=['a'],
                          outputs=['c']) == 'unknown'
    assert d.add_function(
        'dom', plus, ['a', 'b'], ['f'], input_domain=bool, weight=3,
        inp_weight={'a': 2, 'zz': 9}, out_weight={'f': 5},
        description='Adds', filters=[abs], await_domain=False,
        await_result=1, extra='E') == 'dom'
    node = d.nodes['dom']
    assert node == {
        'type': 'function', 'inputs': ['a', 'b'], 'outputs': ['f'],
        'function': plus, 'wait_inputs': True, 'index': (7,),
        'input_domain': bool, 'await_domain': False, 'await_result': 1,
        'description': 'Adds', 'filters': [abs], 'weight': 3, 'extra': 'E'}
    assert list(node) == [
        'type', 'inputs', 'outputs', 'function', 'wait_inputs', 'index',
        'input_domain', 'await_domain', 'await_result', 'description',
        'filters', 'weight', 'extra']
    assert (d.dmap.edges['a', 'dom'], d.dmap.edges['b', 'dom'],
            d.dmap.edges['dom', 'f']) == ({'weight': 2}, {}, {'weight': 5})
    assert 'zz' not in d.nodes


def test_add_function_names_through_wrappers():
    d = sh.Dispatcher()
    assert d.add_function(function=add_args(functools.partial(plus, 1)),
                          inputs=['a', 'b'], outputs=['c']) == 'plus'
    assert d.add_function('', plus, ['a'], ['c']) == ''
    assert d.add_function(function=len, inputs=['a'], outputs=['c']) == 'len'


def test_add_function_dummy_input_and_output():
    d = sh.Dispatcher()
    assert d.add_function('noio', max) == 'noio'
    assert list(d.nodes) == [sh.START, sh.SINK, 'noio']
    assert d.nodes['noio']['inputs'] == [sh.START]
    assert d.nodes['noio']['inputs'][0] is sh.START
    assert d.nodes['noio']['outputs'][0] is sh.SINK
    assert d.nodes['noio']['index'] == (2,)
    assert d.default_values == {sh.START: {'value': sh.NONE,
                                           'initial_dist': 0.0}}
    assert list(d.dmap.edges.items()) == [((sh.START, 'noio'), {}),
                                          (('noio', sh.SINK), {})]
    assert d.nodes[sh.SINK]['function'] is bypass
    # START and SINK are created only once.
    d.add_function('noio2', min)
    assert list(d.nodes) == [sh.START, sh.SINK, 'noio', 'noio2']
    assert d.nodes[sh.START]['index'] == (0,)


def test_add_function_empty_io_lists_are_kept():
    d = sh.Dispatcher()
    assert d.add_function('f', max, [], []) == 'f'
    assert list(d.nodes) == ['f'] and dict(d.dmap.edges) == {}
    assert d.nodes['f']['inputs'] == [] and d.nodes['f']['outputs'] == []


def test_add_function_without_function():
    d = sh.Dispatcher()
    assert d.add_function('f', inputs=['a'], outputs=['b']) == 'f'
    assert d.nodes['f'] == {'type': 'function', 'inputs': ['a'],
                            'outputs': ['b'], 'function': None,
                            'wait_inputs': True, 'index': (0,)}
    with pytest.raises(ValueError) as info:
        d.add_function(inputs=['a'])
    assert str(info.value) == ("Invalid function id due to:\n'NoneType' "
                               "object has no attribute '__name__'")


def test_add_function_io_stored_as_given():
    d = sh.Dispatcher()
    d.add_function('f', max, 'ab', ('c',))
    assert d.nodes['f']['inputs'] == 'ab' and d.nodes['f']['outputs'] == \
           ('c',)
    assert list(d.nodes) == ['f', 'a', 'b', 'c']


def test_add_function_optional_keys_rules():
    d = sh.Dispatcher()
    d.add_function('f', max, ['a'], ['b'], input_domain=None, weight=0,
                   filters=[], await_domain=None, await_result=False,
                   description='')
    assert list(d.nodes['f']) == ['type', 'inputs', 'outputs', 'function',
                                  'wait_inputs', 'index', 'await_result',
                                  'description', 'weight']
    assert d.nodes['f']['weight'] == 0
    d.add_function('g', max, ['a'], ['b'], wait_inputs=False, type='x')
    assert d.nodes['g']['wait_inputs'] is False
    assert d.nodes['g']['type'] == 'x'


def test_add_function_negative_weights_are_accepted():
    d = sh.Dispatcher()
    d.add_function('f', plus, ['a', 'b'], ['c'], weight=-1,
                   inp_weight={'a': -0.5}, out_weight={'c': -2})
    assert d.nodes['f']['weight'] == -1
    assert dict(d.dmap.edges) == {('f', 'c'): {'weight': -2},
                                  ('a', 'f'): {'weight': -0.5},
                                  ('b', 'f'): {}}
    sol = d.dispatch({'a': 1, 'b': 2})
    assert list(sol.items()) == [('a', 1), ('b', 2), ('c', 3)]
    assert sol.dist == {sh.START: -1, 'a': 0.0, 'b': 0.0, 'f': 0.0,
                        'c': -2.0}


def test_add_function_repeated_ids_give_one_edge():
    d = sh.Dispatcher()
    d.add_function('f', max, ['a', 'a'], ['b', 'b'])
    assert list(d.dmap.edges) == [('f', 'b'), ('a', 'f')]


def test_add_function_indices_of_new_data_nodes_follow():
    d = sh.Dispatcher()
    d.add_data('b')
    d.add_function('f', max, ['a', 'b'], ['c'])
    assert [d.nodes[k]['index'] for k in d.nodes] == [(0,), (1,), (2,),
                                                      (3,)]
    assert list(d.nodes) == ['b', 'f', 'a', 'c']


def test_add_function_invalid_output_rolls_back():
    d = sh.Dispatcher()
    d.add_function('noio', max)
    d.add_data('a')
    with pytest.raises(ValueError) as info:
        d.add_function('bad', max, ['a', 'new_in'], ['q', 'noio'])
    assert str(info.value) == 'Invalid output id: noio is not a data node'
    assert list(d.nodes) == [sh.START, sh.SINK, 'noio', 'a']
    assert d.dmap.succ['a'] == {}


def test_add_function_invalid_input():
    d = sh.Dispatcher()
    d.add_function('g', max, ['a'], ['b'])
    with pytest.raises(ValueError) as info:
        d.add_function('f', max, ['x', 'g'], ['y'])
    assert str(info.value) == 'Invalid input id: g is not a data node'
    assert list(d.nodes) == ['g', 'a', 'b']


def test_add_func_edges():
    d = sh.Dispatcher()
    d.dmap.add_node('f', type='function')
    assert add_func_edges(d, 'f', ['a', 'b'], {'a': 2}) == ['a', 'b']
    assert dict(d.dmap.edges) == {('a', 'f'): {'weight': 2}, ('b', 'f'): {}}
    assert add_func_edges(d, 'f', ['a', sh.SINK], None, False) == [sh.SINK]
    assert d.nodes[sh.SINK]['wait_inputs'] is True
    assert list(d.dmap.succ['f']) == ['a', sh.SINK]


# --- §11 add_func -----------------------------------------------------------
def f_sig(a, b, c=2, *args, d=4, **kw):
    return a


def g_sig(x, y=10, z=None):
    return x


def h_sig():
    return 1


def test_add_func_spec_example():
    d = sh.Dispatcher()
    assert d.add_func(f_sig, ['out']) == 'f_sig'
    assert d.nodes['f_sig'] == {
        'type': 'function', 'inputs': ('a', 'b'), 'outputs': ['out'],
        'function': f_sig, 'wait_inputs': True, 'index': (0,)}
    assert d.add_func(f_sig, ['out'], inputs_kwargs=True) == 'f_sig<0>'
    assert d.nodes['f_sig<0>']['inputs'] == ('a', 'b', 'c')
    assert d.add_func(f_sig, ['out'], inputs_defaults=True) == 'f_sig<1>'
    assert d.default_values == {}
    assert d.add_func(g_sig, ['o'], inputs_kwargs=True,
                      inputs_defaults=True) == 'g_sig'
    assert d.nodes['g_sig']['inputs'] == ('x', 'y', 'z')
    assert d.default_values == {'y': {'value': 10, 'initial_dist': 0.0},
                                'z': {'value': None, 'initial_dist': 0.0}}
    d2 = sh.Dispatcher()
    assert d2.add_func(g_sig, ['o'], inputs_defaults=True,
                       inputs=['p', 'q', 'r']) == 'g_sig'
    assert d2.default_values == {'q': {'value': 10, 'initial_dist': 0.0},
                                 'r': {'value': None, 'initial_dist': 0.0}}
    assert d2.add_func(h_sig, ['k']) == 'h_sig'
    assert d2.nodes['h_sig']['inputs'] == [sh.START]
    assert d2.add_func(functools.partial(g_sig, y=1), ['o'],
                       inputs_kwargs=True) == 'g_sig<0>'
    assert d2.nodes['g_sig<0>']['inputs'] == ('x',)
    with pytest.raises(ValueError) as info:
        d2.add_func(max, ['o'])
    assert str(info.value) == \
           'no signature found for builtin <built-in function max>'
    assert d2.add_func(max, ['o'], inputs=['a', 'b']) == 'max'


def test_add_func_forwards_everything():
    d = sh.Dispatcher()
    assert d.add_func(g_sig, ['o'], weight=2, filters=[abs],
                      input_domain=bool, await_domain=True, await_result=0,
                      inp_weight={'x': 1}, out_weight={'o': 3},
                      description='G', function_id='G', color='c') == 'G'
    assert d.nodes['G'] == {
        'type': 'function', 'inputs': ('x',), 'outputs': ['o'],
        'function': g_sig, 'wait_inputs': True, 'index': (0,),
        'input_domain': bool, 'await_domain': True, 'await_result': 0,
        'description': 'G', 'filters': [abs], 'weight': 2, 'color': 'c'}
    assert dict(d.dmap.edges) == {('G', 'o'): {'weight': 3},
                                  ('x', 'G'): {'weight': 1}}
    assert d.add_func(g_sig) == 'g_sig'
    assert d.nodes['g_sig']['outputs'] == [sh.SINK]


def test_add_func_partial_positional_and_add_args():
    d = sh.Dispatcher()
    d.add_func(functools.partial(g_sig, 1), ['o'], inputs_kwargs=True)
    assert d.nodes['g_sig']['inputs'] == ('y', 'z')
    d.add_func(add_args(g_sig, 2), ['o'])
    inputs = d.nodes['g_sig<0>']['inputs']
    assert len(inputs) == 3 and inputs[2] == 'x'
    assert type(inputs[0]) is sh.Token and str(inputs[0]) == 'none'
    assert inputs[0] is not inputs[1] and inputs[0] is not sh.NONE
    assert inputs[0] in d.nodes and inputs[1] in d.nodes


def test_add_func_defaults_with_string_inputs():
    d = sh.Dispatcher()
    d.add_func(g_sig, ['o'], inputs_defaults=True, inputs='pqr')
    assert d.nodes['g_sig']['inputs'] == 'pqr'
    assert d.default_values == {'q': {'value': 10, 'initial_dist': 0.0},
                                'r': {'value': None, 'initial_dist': 0.0}}


def test_add_func_defaults_without_parameters_fails_cleanly():
    d = sh.Dispatcher()
    with pytest.raises(TypeError) as info:
        d.add_func(h_sig, ['k'], inputs_defaults=True)
    assert 'h_sig' in str(info.value)
    assert d.nodes == {} and d.default_values == {} and d.counter() == 0


def test_add_function_decorator():
    d = sh.Dispatcher()

    @sh.add_function(d, inputs_kwargs=True, inputs_defaults=True,
                     outputs=['o'])
    def k(a, b=1):
        return a + b

    assert callable(k) and k.__name__ == 'k'
    assert d.nodes['k']['inputs'] == ('a', 'b')
    assert d.default_values == {'b': {'value': 1, 'initial_dist': 0.0}}


# --- §12 add_dispatcher -----------------------------------------------------
def _sub():
    sub = sh.Dispatcher(name='sub', description='Sub model')
    sub.add_data('a', 1)
    sub.add_data('b', 2, initial_dist=3)
    sub.add_function('max', max, ['a', 'b'], ['c'])
    return sub


def test_add_dispatcher_spec_example():
    sub = _sub()
    d = sh.Dispatcher()
    inputs, outputs = {'A': 'a', 'B': 'b'}, {'c': 'C'}
    assert d.add_dispatcher(sub, inputs, outputs) == 'sub'
    node = d.nodes['sub']
    assert {k: v for k, v in node.items() if k != 'function'} == {
        'type': 'dispatcher', 'inputs': {'A': 'a', 'B': 'b'},
        'outputs': {'c': 'C'}, 'wait_inputs': False, 'index': (0,),
        'description': 'Sub model'}
    assert list(node) == ['type', 'inputs', 'outputs', 'function',
                          'wait_inputs', 'index', 'description']
    assert node['function'] is sub
    assert node['inputs'] is inputs and node['outputs'] is outputs
    assert list(d.dmap.edges.items()) == [
        (('sub', 'C'), {}), (('A', 'sub'), {'weight': 0.0}),
        (('B', 'sub'), {'weight': 0.0})]
    assert list(d.nodes) == ['sub', 'A', 'B', 'C']
    assert d.add_dispatcher(sub, ('a', 'b'), ('c',)) == 'sub<0>'
    assert (d.nodes['sub<0>']['inputs'], d.nodes['sub<0>']['outputs']) == \
           ({'a': 'a', 'b': 'b'}, {'c': 'c'})
    assert d.add_dispatcher(
        sub, {('x', 'x1'): 'a', 'y': ('a', 'b')},
        ['a', {'c': ('z', 'z1')}], dsp_id='s2', inp_weight={'y': 5},
        out_weight={'z': 7}) == 's2'
    assert {k: d.dmap.edges[k] for k in d.dmap.edges if 's2' in k} == {
        ('s2', 'a'): {}, ('s2', 'z'): {'weight': 7}, ('s2', 'z1'): {},
        ('x', 's2'): {}, ('x1', 's2'): {}, ('y', 's2'): {'weight': 5}}
    assert [k for k in d.dmap.edges if 's2' in k] == [
        ('s2', 'a'), ('s2', 'z'), ('s2', 'z1'), ('x', 's2'), ('x1', 's2'),
        ('y', 's2')]
    assert d.nodes['s2']['outputs'] == {'a': 'a', 'c': ('z', 'z1')}
    with pytest.raises(ValueError) as info:
        d.add_dispatcher(sub, ['a'], ['c', {'c': 'C'}])
    assert str(info.value) == 'keyword argument repeated (c)'


def test_add_dispatcher_sorts_new_parent_ids_by_str():
    d = sh.Dispatcher()
    d.add_dispatcher(_sub(), {'Z': 'a', 'B': 'b'}, {'c': ('Y', 'X')})
    assert list(d.nodes) == ['sub', 'B', 'Z', 'X', 'Y']
    assert list(d.dmap.pred['sub']) == ['B', 'Z']
    assert list(d.dmap.succ['sub']) == ['X', 'Y']


def test_add_dispatcher_names_and_description():
    sub = sh.Dispatcher()
    d = sh.Dispatcher()
    assert d.add_dispatcher(sub, {}, {}) == 'unknown'
    assert 'description' not in d.nodes['unknown']
    assert d.add_dispatcher(sub, {}, {}, dsp_id='') == 'unknown<0>'
    assert d.add_dispatcher(_sub(), {}, {}, description='D') == 'sub'
    assert d.nodes['sub']['description'] == 'D'
    assert d.add_dispatcher(_sub(), {}, {}, description='') == 'sub<0>'
    assert d.nodes['sub<0>']['description'] == ''


def test_add_dispatcher_options():
    d = sh.Dispatcher()
    d.add_dispatcher(_sub(), {'A': 'a'}, {'c': 'C'}, 'S', input_domain=bool,
                     weight=2, inp_weight={'A': 1}, await_domain=3,
                     filters=[abs], await_result=True, out_weight={'C': 4},
                     extra=1)
    assert {k: v for k, v in d.nodes['S'].items() if k != 'function'} == {
        'type': 'dispatcher', 'inputs': {'A': 'a'}, 'outputs': {'c': 'C'},
        'wait_inputs': False, 'index': (0,), 'input_domain': bool,
        'await_domain': 3, 'await_result': True, 'description': 'Sub model',
        'filters': [abs], 'weight': 2, 'extra': 1}
    assert dict(d.dmap.edges) == {('S', 'C'): {'weight': 4},
                                  ('A', 'S'): {'weight': 1}}


def test_add_dispatcher_invalid_parent_id():
    d = sh.Dispatcher()
    d.add_function('f', max, ['a'], ['b'])
    with pytest.raises(ValueError) as info:
        d.add_dispatcher(_sub(), {'f': 'a'}, {'c': 'C'})
    assert str(info.value) == 'Invalid input id: f is not a data node'
    assert list(d.nodes) == ['f', 'a', 'b']


def test_add_dispatcher_include_defaults_moves_child_defaults():
    sub2 = _sub()
    d2 = sh.Dispatcher()
    assert d2.add_dispatcher(sub2, {'A': 'a', 'B': ('b', 'c')}, {'c': 'C'},
                             include_defaults=True) == 'sub'
    assert d2.default_values == {'A': {'value': 1, 'initial_dist': 0.0},
                                 'B': {'value': 2, 'initial_dist': 3}}
    assert sub2.default_values == {}


def test_add_dispatcher_include_defaults_tuple_value_rules():
    sub = sh.Dispatcher(name='s')
    for k, v in (('p', 1), ('q', 2), ('r', 3)):
        sub.add_data(k, v)
    d = sh.Dispatcher()
    # 'x' (first of the tuple) has no default: nothing moves for that item.
    d.add_dispatcher(sub, {'A': ('x', 'p'), 'B': ('q', 'r')}, {},
                     include_defaults=True)
    assert d.default_values == {'B': {'value': 2, 'initial_dist': 0.0}}
    assert sub.default_values == {'p': {'value': 1, 'initial_dist': 0.0}}


def test_add_dispatcher_include_defaults_tuple_key_fails_cleanly():
    sub = sh.Dispatcher(name='s')
    sub.add_data('p', 1)
    d = sh.Dispatcher()
    with pytest.raises(TypeError, match=r"^include_defaults: the default of"
                                        r" 'p' cannot be moved to the tuple"
                                        r" of parent ids \('A', 'B'\)\.$"):
        d.add_dispatcher(sub, {('A', 'B'): 'p'}, {}, include_defaults=True)
    assert d.nodes == {} and d.counter() == 0
    assert sub.default_values == {'p': {'value': 1, 'initial_dist': 0.0}}


def test_add_dispatcher_from_add_from_lists_arguments():
    d3 = sh.Dispatcher(executor='async')
    assert d3.add_dispatcher(
        {'fun_list': [{'function': max, 'inputs': ['a', 'b'],
                       'outputs': ['c']}]},
        {'A': 'a', 'B': 'b'}, {'c': 'C'}) == 'unknown'
    child = d3.nodes['unknown']['function']
    assert (type(child).__name__, child.name, child.executor,
            list(child.nodes)) == ('Dispatcher', 'unknown', 'async',
                                   ['max', 'a', 'b', 'c'])
    d3.add_dispatcher({}, {}, {}, dsp_id='named')
    assert d3.nodes['named']['function'].name == 'named'


def test_add_dispatcher_child_class_follows_the_parent():
    d = MyDispatcher()
    d.add_dispatcher({'data_list': [{'data_id': 'a'}]}, {'a': 'a'}, {})
    assert type(d.nodes['unknown']['function']) is MyDispatcher
    with pytest.raises(TypeError) as info:
        d.add_dispatcher(sh.Dispatcher(name='plain'), {}, {})
    assert 'Dispatcher' in str(info.value)


def test_add_dispatcher_sink_on_the_child_side():
    d3 = sh.Dispatcher()
    sub3 = sh.Dispatcher(name='sub3')
    assert sub3.add_function('min', min, ['p', 'q'], ['r']) == 'min'
    assert sh.SINK not in sub3.nodes
    assert d3.add_dispatcher(sub3, {'A': 'p'}, {sh.SINK: 'Z'}) == 'sub3'
    assert sh.SINK in sub3.nodes
    assert sub3.nodes[sh.SINK]['function'] is bypass
    assert sub3.nodes[sh.SINK]['index'] == (4,)
    assert sh.SINK not in d3.nodes
    # Parent-side SINK is an ordinary output created in the parent.
    d3.add_dispatcher(sh.Dispatcher(name='s4'), {'A': 'p'}, {'r': sh.SINK})
    assert d3.nodes[sh.SINK]['wait_inputs'] is True


def test_add_dispatcher_blueprint_child():
    blue = sh.Dispatcher(name='bp').blue()
    d = sh.Dispatcher()
    assert d.add_dispatcher(blue, {'a': 'a'}, {'a': 'b'}) == 'bp'
    assert type(d.nodes['bp']['function']) is Dispatcher


# --- §13 add_from_lists -----------------------------------------------------
def test_add_from_lists():
    d = sh.Dispatcher()
    assert d.add_from_lists() == ([], [], [])
    res = d.add_from_lists(
        [{'data_id': 'a'}, {}],
        [{'function': max, 'inputs': ['a', 'b'], 'outputs': ['c']},
         {'function_id': 'f', 'inputs': ['c']}],
        [{'dsp': sh.Dispatcher(name='s'), 'inputs': ['a'],
          'outputs': ['c']}])
    assert res == (['a', 'unknown'], ['max', 'f'], ['s'])
    assert list(d.nodes) == ['a', 'unknown', 'max', 'b', 'c', sh.SINK, 'f',
                             's']
    assert d.nodes['f']['function'] is None


# --- §14 set_default_value --------------------------------------------------
def test_set_default_value():
    d = sh.Dispatcher()
    d.add_data('a')
    assert d.set_default_value('a', 1, 5) is None
    assert d.default_values == {'a': {'value': 1, 'initial_dist': 5}}
    entry = d.default_values['a']
    d.set_default_value('a', 2)
    assert d.default_values['a'] is not entry
    assert d.set_default_value('a') is None and d.default_values == {}
    d.set_default_value('a')  # No error when there is no default.
    d.set_default_value('a', sh.NONE)
    assert d.default_values == {'a': {'value': sh.NONE, 'initial_dist': 0.0}}
    d.set_default_value('a', None)
    assert d.default_values == {'a': {'value': None, 'initial_dist': 0.0}}


def test_set_default_value_errors():
    d = sh.Dispatcher()
    with pytest.raises(ValueError) as info:
        d.set_default_value('zz', 1)
    assert str(info.value) == 'Input error: zz is not a data node'
    d.add_function('m', max, ['a', 'b'])
    with pytest.raises(ValueError) as info:
        d.set_default_value('m', 1)
    assert str(info.value) == 'Input error: m is not a data node'
    with pytest.raises(TypeError) as info:
        d.set_default_value(['x'], 1)
    assert str(info.value) == "unhashable type: 'list'"
    # 1.2.0 fails in its message formatting: same class, clear message.
    with pytest.raises(TypeError) as info:
        d.set_default_value(('x', 'y'), 1)
    assert str(info.value) == "Input error: ('x', 'y') is not a data node"


def test_set_default_value_of_a_tuple_data_node():
    d = sh.Dispatcher()
    d.add_data(('x', 'y'), 3)
    assert d.default_values == {('x', 'y'): {'value': 3, 'initial_dist': 0.0}}


# --- blueprints as functions (§10 step 1, §11 step 1) -----------------------
def test_blueprint_functions_are_registered():
    blue = sh.BlueDispatcher(name='bp')
    d = sh.Dispatcher()
    # A dispatcher has no `__name__`: the default id is 'unknown'.
    assert d.add_function(None, blue, ['a'], ['b']) == 'unknown'
    assert type(d.nodes['unknown']['function']) is Dispatcher
    assert d.nodes['unknown']['function'].name == 'bp'
    assert d.add_func(blue, ['c'], inputs=['a']) == 'unknown<0>'
    assert type(d.nodes['unknown<0>']['function']) is Dispatcher


# --- §24.6 base names -------------------------------------------------------
def test_special_base_names_get_suffixes():
    d = sh.Dispatcher()
    ids = [d.add_function(function=f, inputs=['a'], outputs=['b'])
           for f in (lambda x: x, lambda x: x, Callable(), Callable(),
                     functools.partial(plus, 1), add_args(plus))]
    assert ids == ['<lambda>', '<lambda><0>', 'unknown', 'unknown<0>',
                   'plus', 'plus<0>']
    assert d.add_data() == 'unknown<1>'


# --- §22 / §23 signatures and absent features -------------------------------
def test_plot_and_web_signatures():
    import inspect
    plot = inspect.signature(sh.Dispatcher.plot)
    assert list(plot.parameters) == [
        'self', 'workflow', 'view', 'depth', 'name', 'comment', 'format',
        'engine', 'encoding', 'graph_attr', 'node_attr', 'edge_attr', 'body',
        'node_styles', 'node_data', 'node_function', 'edge_data',
        'max_lines', 'max_width', 'directory', 'sites', 'index']
    defaults = {k: p.default for k, p in plot.parameters.items()}
    assert (defaults['workflow'], defaults['view'], defaults['depth'],
            defaults['directory'], defaults['sites'], defaults['index']) == \
           (None, True, -1, None, None, False)
    assert all(defaults[k] is sh.NONE for k in list(defaults)[4:19])
    web = inspect.signature(sh.Dispatcher.web)
    assert str(web) == ('(self, depth=-1, node_data=none, node_function=none, '
                        'directory=None, sites=None, run=True)')


def test_signatures_of_the_model_api():
    import inspect
    sig = {n: str(inspect.signature(getattr(Dispatcher, n))) for n in (
        '__init__', 'add_data', 'add_function', 'add_func', 'add_dispatcher',
        'add_from_lists', 'set_default_value', 'get_sub_dsp',
        'get_sub_dsp_from_workflow', 'shrink_dsp', 'copy_structure',
        'get_node')}
    assert sig == {
        '__init__': "(self, dmap=None, name='', default_values=None, "
                    "raises=False, description='', executor=None)",
        'add_data': '(self, data_id=None, default_value=empty, '
                    'initial_dist=0.0, wait_inputs=False, wildcard=None, '
                    'function=None, callback=None, description=None, '
                    'filters=None, await_result=None, **kwargs)',
        'add_function': '(self, function_id=None, function=None, inputs=None, '
                        'outputs=None, input_domain=None, weight=None, '
                        'inp_weight=None, out_weight=None, description=None, '
                        'filters=None, await_domain=None, await_result=None, '
                        '**kwargs)',
        'add_func': '(self, function, outputs=None, weight=None, '
                    'inputs_defaults=False, inputs_kwargs=False, '
                    'filters=None, input_domain=None, await_domain=None, '
                    'await_result=None, inp_weight=None, out_weight=None, '
                    'description=None, inputs=None, function_id=None, '
                    '**kwargs)',
        'add_dispatcher': '(self, dsp, inputs, outputs, dsp_id=None, '
                          'input_domain=None, weight=None, inp_weight=None, '
                          'description=None, include_defaults=False, '
                          'await_domain=None, **kwargs)',
        'add_from_lists': '(self, data_list=None, fun_list=None, '
                          'dsp_list=None)',
        'set_default_value': '(self, data_id, value=empty, initial_dist=0.0)',
        'get_sub_dsp': '(self, nodes_bunch, edges_bunch=None)',
        'get_sub_dsp_from_workflow': '(self, sources, graph=None, '
                                     'reverse=False, add_missing=False, '
                                     'check_inputs=True, blockers=None, '
                                     'wildcard=False, _update_links=True)',
        'shrink_dsp': '(self, inputs=None, outputs=None, cutoff=None, '
                      'inputs_dist=None, wildcard=True)',
        'copy_structure': '(self, **kwargs)',
        'get_node': '(self, *node_ids, node_attr=none)'}


def test_things_that_do_not_exist():
    from schedula.utils.base import Base
    for name in ('search_node_description', 'form', '_get_sub_dsp',
                 'weight', 'description', 'replace_remote_link'):
        assert not hasattr(Dispatcher, name), name
        assert not hasattr(sh.Dispatcher(), name), name
    assert not hasattr(Base, 'form')
    d = sh.Dispatcher()
    d.add_dispatcher(sh.Dispatcher(name='s'), {'a': 'b'}, {'c': 'd'})
    d.add_function('f', max, ['a'], ['d'])
    for attr in d.nodes.values():
        assert not {'remote_links', 'distance', 'solution'} & set(attr)
