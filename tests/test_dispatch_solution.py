# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""
The `Solution` object (spec 02 §4, §16, §17, §18) and the dispatch helpers
of `schedula.utils.alg`: construction, mapping behaviour, repr, equality,
hash, deep copy, pickling, the pipe, `get_sub_dsp_from_workflow`, the hooks
driven by other modules, and `_union_workflow`/`_convert_bfs`/
`_sort_sk_wait_in`.
"""
import copy
import pickle
import collections

import dill
import pytest

import schedula as sh
from schedula import START, NONE
from schedula.utils.sol import Solution
from schedula.utils.graph import DiGraph
from schedula.utils.alg import (
    DspPipe, get_full_pipe, add_edge_fun, remove_edge_fun, _union_workflow,
    _convert_bfs, _sort_sk_wait_in
)


def inc(a):
    return a + 1


def dbl(b):
    return b * 2


def chain():
    dsp = sh.Dispatcher(name='chain')
    dsp.add_function('inc', inc, ['a'], ['b'])
    dsp.add_function('dbl', dbl, ['b'], ['c'])
    return dsp


def ordered(obj):
    """Nested dicts as nested lists of items: comparisons check the order."""
    if isinstance(obj, dict):
        return [(k, ordered(v)) for k, v in obj.items()]
    return obj


# --- §4.1 construction ---------------------------------------------------------
def test_empty_solution():
    sol = Solution()
    assert repr(sol) == 'Solution()'
    assert sol.parent is None and isinstance(sol.dsp, sh.Dispatcher)
    assert sol.name == '' and sol.nodes is sol.dsp.nodes
    assert sol.dmap is sol.dsp.dmap and sol.raises is False
    assert sol.index == (-1,) and sol.full_name == ()
    assert sol.outputs == set() and sol._wait_in == {}
    assert sol.cutoff is None and sol.no_call is False
    assert sol.no_domain is False and sol.rm_unused_nds is False
    assert sol._pipe == [] and sol.fringe == []
    assert sol.inputs == {} and sol.inputs_dist == {}
    assert repr(sol.dist) == '{start: -1}'
    assert list(sol.workflow.nodes) == [START]
    assert sol.sub_sol == {(-1,): sol}
    assert sol._wildcards == set() and sol._visited == {START}


def test_constructor_binds_dispatcher():
    dsp = chain()
    sol = Solution(dsp, {'a': 1}, ['c'], cutoff=5, index=(-1, 2),
                   full_name=('x',))
    assert sol.dsp is dsp and sol.parent is dsp
    assert sol.name == 'chain' and sol.nodes is dsp.nodes
    assert sol.dmap is dsp.dmap and sol._pred is dsp.dmap.pred
    assert sol._succ is dsp.dmap.succ
    assert sol._edge_length == dsp._edge_length
    assert sol._wf_pred is sol.workflow.pred
    assert sol.outputs == {'c'} and sol.cutoff == 5
    assert sol.index == (-1, 2) and sol.full_name == ('x',)
    assert sol.sub_sol == {(-1, 2): sol}
    # Seeded but not run.
    assert sol == {} and [e[1:] for e in sol.fringe] == [
        ((False, 'a', (-1, 2, 1)), ('a', sol))]
    assert sol.workflow.succ == {START: {'a': {'value': 1}}, 'a': {}}
    assert repr(sol.seen) == "{start: -1, 'a': 0.0}"
    assert sol._run() is sol
    assert list(sol.items()) == [('a', 1), ('b', 2), ('c', 4)]
    assert sol.fringe is None
    assert dsp.solution is not sol


def test_constructor_wait_in_and_empty():
    dsp = chain()
    wait_in = {'b': True}
    sol = Solution(dsp, {'a': 1}, wait_in=wait_in)
    assert sol._wait_in is wait_in
    sol = Solution(dsp, {'a': 1}, _empty=True)
    assert sol == {} and sol.dsp is dsp and sol._pipe == []


# --- §4.2 mapping, repr, equality, hash -------------------------------------
def test_mapping_behaviour():
    sol = chain().dispatch({'a': 1})
    assert isinstance(sol, dict) and isinstance(sol, collections.OrderedDict)
    assert repr(sol) == "Solution([('a', 1), ('b', 2), ('c', 4)])"
    assert sol == {'c': 4, 'b': 2, 'a': 1}
    assert sol == collections.OrderedDict([('a', 1), ('b', 2), ('c', 4)])
    assert sol != collections.OrderedDict([('b', 2), ('a', 1), ('c', 4)])
    other = chain().dispatch({'a': 1})
    assert sol == other and sol is not other
    assert bool(sol) and not Solution()
    assert len(sol) == 3 and list(sol) == ['a', 'b', 'c']


def test_repr_tokens_and_subclass():
    sol = Solution()
    collections.OrderedDict.update(sol, [('k', 7), (sh.SINK, {'use': -7})])
    assert repr(sol) == "Solution([('k', 7), (sink, {'use': -7})])"
    assert str(sol) == repr(sol)

    class Other(Solution):
        pass

    assert repr(Other()) == 'Other()'


def test_hash_is_id():
    sol, other = Solution(), Solution()
    assert hash(sol) == id(sol)
    assert len({sol, other}) == 2 and {sol: 1}[sol] == 1


# --- §4.2 deepcopy ----------------------------------------------------------------
def test_deepcopy_drops_items():
    sol = chain().dispatch({'a': 1})
    cp = copy.deepcopy(sol)
    assert type(cp) is Solution and repr(cp) == 'Solution()'
    assert cp.workflow is not sol.workflow
    assert ordered(cp.workflow.succ) == ordered(sol.workflow.succ)
    assert repr(cp.dist) == repr(sol.dist) and cp.dist is not sol.dist
    assert cp.dsp is not sol.dsp and list(cp.dsp.nodes) == list(sol.nodes)
    assert cp.sub_sol[(-1,)] is cp
    assert cp._wf_pred is cp.workflow.pred
    assert cp.fringe is None


# --- pickling --------------------------------------------------------------------
@pytest.mark.parametrize('module', [pickle, dill])
def test_pickle(module):
    sol = chain().dispatch({'a': 1}, sol_name=('R',))
    sol2 = module.loads(module.dumps(sol))
    assert type(sol2) is Solution
    assert list(sol2.items()) == [('a', 1), ('b', 2), ('c', 4)]
    assert repr(sol2.dist) == repr(sol.dist)
    assert ordered(sol2.workflow.succ) == ordered(sol.workflow.succ)
    assert sol2.sub_sol[(-1,)] is sol2 and sol2.full_name == ('R',)
    assert sol2._wf_pred is sol2.workflow.pred
    assert sol2.nodes is sol2.dsp.nodes
    assert list(sol2.pipe) == [('R', 'a'), ('R', 'inc'), ('R', 'b'),
                               ('R', 'dbl'), ('R', 'c')]
    assert sol2.pipe[('R', 'b')]['task'][2][1] is sol2
    assert hash(sol2) == id(sol2)
    # The unpickled solution runs again.
    sol3 = sol2.dsp.dispatch({'a': 5})
    assert list(sol3.items()) == [('a', 5), ('b', 6), ('c', 12)]


def test_pickle_with_sub_dispatcher():
    inner = sh.Dispatcher(name='inner')
    inner.add_function('inc', inc, ['a'], ['b'])
    outer = sh.Dispatcher(name='outer')
    outer.add_dispatcher(inner, {'x': 'a'}, {'b': 'y'}, dsp_id='S')
    sol = outer.dispatch({'x': 1})
    sol2 = pickle.loads(pickle.dumps(sol))
    assert list(sol2.items()) == [('x', 1), ('y', 2)]
    child = sol2.sub_sol[(-1, 0)]
    assert child.sub_sol is sol2.sub_sol
    assert sol2.workflow.nodes['S']['solution'] is child
    assert list(child.items()) == [('a', 1), ('b', 2)]
    assert list(sol2.pipe) == [
        'x', ('S', 'a'), ('S', 'inc'), ('S', 'b'), 'y']


def test_dill_with_lambdas():
    dsp = sh.Dispatcher()
    dsp.add_function('f', lambda a: a + 1, ['a'], ['b'])
    sol = dill.loads(dill.dumps(dsp.dispatch({'a': 1})))
    assert list(sol.items()) == [('a', 1), ('b', 2)]
    assert sol.dsp.dispatch({'a': 2})['b'] == 3


# --- §4.3 attributes / §4.4 public methods -------------------------------------------
def test_result_returns_self():
    sol = chain().dispatch({'a': 1})
    assert sol.result() is sol and sol.result(timeout=1) is sol


def test_get_node():
    sol = chain().dispatch({'a': 1})
    assert sol.get_node('b') == (2, ('b',))
    assert sol.get_node('inc', node_attr='type') == ('function', ('inc',))


# --- §16 pipe ----------------------------------------------------------------------
def test_dsp_pipe_repr():
    pipe = DspPipe()
    assert repr(pipe) == '<DspPipe instance at %d>' % id(pipe)
    assert isinstance(pipe, collections.OrderedDict)

    class MyPipe(DspPipe):
        pass

    other = MyPipe([('a', 1)])
    assert repr(other) == '<MyPipe instance at %d>' % id(other)


def test_pipe():
    sol = chain().dispatch({'a': 1}, sol_name=('R',))
    pipe = sol.pipe
    assert type(pipe) is DspPipe and pipe is not sol.pipe
    assert list(pipe) == [('R', 'a'), ('R', 'inc'), ('R', 'b'),
                          ('R', 'dbl'), ('R', 'c')]
    assert [v['task'] for v in pipe.values()] == sol._pipe
    assert list(get_full_pipe(sol, ('R',))) == ['a', 'inc', 'b', 'dbl', 'c']
    with pytest.raises(AssertionError) as info:
        get_full_pipe(sol, ('X',))
    assert str(info.value) == "('R',) != ('X',)"


def test_pipe_sub_pipe_of_sub_dispatch_function():
    sub = sh.Dispatcher(name='sub')
    sub.add_function('mul', lambda x: x * 3, ['x'], ['y'])
    main = sh.Dispatcher(name='main')
    main.add_function('F', sh.SubDispatchFunction(sub, 'F', ['x'], ['y']),
                      ['a'], ['d'])
    main.add_function('P', sh.DispatchPipe(sub, 'P', ['x'], ['y']),
                      ['a'], ['e'])
    sol = main.dispatch({'a': 1}, sol_name=('ROOT',))
    assert list(sol.pipe) == [('ROOT', 'a'), ('ROOT', 'F'), ('ROOT', 'P'),
                              ('ROOT', 'd'), ('ROOT', 'e')]
    assert list(sol.pipe[('ROOT', 'F')]['sub_pipe']) == ['x', 'mul', 'y']
    assert list(sol.pipe[('ROOT', 'P')]['sub_pipe']) == ['x', 'mul', 'y']
    assert 'sub_pipe' not in sol.pipe[('ROOT', 'a')]


# --- §17 get_sub_dsp_from_workflow -------------------------------------------------
@pytest.fixture
def wf_sol():
    dsp = sh.Dispatcher(name='wf')
    dsp.add_function('inc', lambda a: a + 1, ['a'], ['b'])
    dsp.add_function('dec', lambda b: b - 1, ['b'], ['c'])
    dsp.add_function('two', lambda b, q: b * q, ['b', 'q'], ['z'])
    sol = dsp.dispatch({'a': 1})
    assert list(sol.items()) == [('a', 1), ('b', 2), ('c', 1)]
    return sol


@pytest.mark.parametrize('args, kwargs, nodes, edges', [
    ((['a'],), {}, ['a', 'inc', 'b', 'dec', 'c'],
     [('a', 'inc'), ('inc', 'b'), ('b', 'dec'), ('dec', 'c')]),
    ((['b'],), {'add_missing': True}, ['b', 'dec', 'two', 'q', 'c'],
     [('b', 'dec'), ('b', 'two'), ('dec', 'c'), ('q', 'two')]),
    ((['b'],), {'check_inputs': False}, ['b', 'dec', 'two', 'c'],
     [('b', 'dec'), ('b', 'two'), ('dec', 'c')]),
    ((['c'],), {'reverse': True}, ['c', 'dec', 'b', 'inc', 'a'],
     [('dec', 'c'), ('b', 'dec'), ('inc', 'b'), ('a', 'inc')]),
])
def test_get_sub_dsp_from_workflow(wf_sol, args, kwargs, nodes, edges):
    sub = wf_sol.get_sub_dsp_from_workflow(*args, **kwargs)
    assert list(sub.nodes) == nodes
    assert list(sub.dmap.edges) == edges


# --- §18 hooks used by other modules -------------------------------------------------
def test_copy_structure():
    dsp = chain()
    sol = dsp.dispatch({'a': 1}, ['c'], sol_name=('N',))
    cp = sol._copy_structure()
    assert type(cp) is Solution and cp is not sol and cp == {}
    assert cp.dsp is sol.dsp and cp.index == sol.index
    assert cp.full_name == ('N',) and cp.outputs == {'c'}
    assert cp.inputs is sol.inputs and cp.inputs_dist is sol.inputs_dist
    assert cp._wildcards is sol._wildcards
    assert cp.fringe == [] and list(cp.workflow.nodes) == []
    assert repr(cp.dist) == '{start: -1}' and cp.dist is not sol.dist
    assert cp.sub_sol == {(-1,): cp}
    cp = sol._copy_structure(dist=1, seen=0)
    assert cp.dist is sol.dist and cp.seen is not sol.seen
    wait_in = {'b': False}
    sol = dsp.dispatch({'a': 1}, ['c'], _wait_in=wait_in)
    assert sol._copy_structure()._wait_in is wait_in
    cp = sol._copy_structure()
    cp._init_workflow({'a': 5}, inputs_dist={}, clean=False)
    assert cp._run() is cp
    assert list(cp.items()) == [('a', 5), ('b', 6), ('c', 12)]


def test_init_workflow_with_input_value():
    dsp = chain()
    sol = Solution(dsp, {'a': 1, 'zz': 3})
    sol._init_workflow({'a': 1}, lambda k: {'value': 10}, {'a': 2})
    assert list(sol.items()) == [('zz', 3)]
    assert sol.workflow.succ[START] == {'a': {'value': 10}}
    assert [tuple(e[0]) for e in sol.fringe] == [(0, 2.0)]
    sol._run()
    assert list(sol.items()) == [('zz', 3), ('a', 10), ('b', 11), ('c', 22)]
    assert repr(sol.dist['a']) == '2.0'


def test_pipe_mode():
    dsp = chain()
    sol = dsp.dispatch({'a': 1})
    assert sol.fringe is None
    n_seen = dict(sol.seen)
    assert sol._add_initial_value('b', {'value': 7}) is True
    assert sol.workflow.succ[START]['b'] == {'value': 7}
    assert sol.fringe is None and repr(sol.seen['b']) == '0.0'
    assert set(sol.seen) == set(n_seen)
    assert sol._add_initial_value('zz', {'value': 7}) is False


def test_add_initial_value_beyond_cutoff():
    dsp = chain()
    sol = Solution(dsp, {'a': 1}, cutoff=1)
    fringe = []
    assert sol._add_initial_value('b', {'value': 1}, 2.0, fringe) is False
    assert 'b' not in sol.workflow.succ[START] and fringe == []
    assert repr(sol._meet['b']) == '2.0'
    assert sol._add_initial_value('b', {'value': 1}, 1.0, fringe) is True
    assert [(tuple(e[0]),) + e[1:] for e in fringe] == [
        ((0, 1.0), (False, 'b', (-1, 2)), ('b', sol))]


# --- helpers of schedula.utils.alg -------------------------------------------------
def test_add_edge_fun_replaces_attributes():
    graph = DiGraph()
    graph.add_node('a').add_edge('a', 'c', w=0)
    add = add_edge_fun(graph)
    add('a', 'b', value=1)
    add('a', 'c', value=2)
    assert ordered(graph.succ['a']) == [('c', [('value', 2)]),
                                        ('b', [('value', 1)])]
    assert graph.nodes['b'] == {}
    assert graph.pred['c']['a'] is graph.succ['a']['c']


def test_remove_edge_fun():
    graph = DiGraph().add_edge('a', 'b').add_edge('b', 'c').add_edge('a', 'd')
    remove = remove_edge_fun(graph)
    remove('a', 'b')
    assert list(graph.nodes) == ['a', 'b', 'c', 'd']
    remove('a', 'd')
    assert list(graph.nodes) == ['a', 'b', 'c']


def sub_model():
    inner = sh.Dispatcher(name='inner')
    inner.add_function('inc', inc, ['a'], ['b'])
    inner.add_function('two', lambda a, q: a, ['a', 'q'], ['r'])
    outer = sh.Dispatcher(name='outer')
    outer.add_dispatcher(inner, {'x': 'a'}, {'b': 'y'}, dsp_id='S')
    outer.add_dispatcher(inner, {'zz': 'a'}, {'b': 'w'}, dsp_id='E')
    outer.add_function('dbl', dbl, ['y'], ['z'])
    return outer


def test_union_workflow_and_convert_bfs():
    sol = sub_model().dispatch({'x': 1})
    bfs = _union_workflow(sol)
    assert list(bfs) == [NONE, 'S']
    assert bfs[NONE] == {(START, 'x'), ('x', 'S'), ('S', 'y'), ('y', 'dbl'),
                         ('dbl', 'z')}
    assert bfs['S'] == {NONE: {(START, 'a'), ('a', 'inc'), ('a', 'two'),
                               ('inc', 'b')}}
    other = chain().dispatch({'a': 1})
    same = _union_workflow(other, bfs=bfs)
    assert same is bfs and ('a', 'inc') in bfs[NONE]
    holder = {NONE: set()}
    _union_workflow(other, 'K', holder)
    assert holder == {NONE: set(), 'K': {NONE: set(other.workflow.edges)}}
    graphs = _convert_bfs(bfs)
    assert graphs is bfs and isinstance(bfs[NONE], DiGraph)
    assert isinstance(bfs['S'][NONE], DiGraph)
    assert sorted(bfs['S'][NONE].edges) == sorted(
        [(START, 'a'), ('a', 'inc'), ('a', 'two'), ('inc', 'b')])


def test_sort_sk_wait_in():
    dsp = sh.Dispatcher()
    dsp.add_data('m', wait_inputs=True, function=sh.bypass)
    dsp.add_data('n', wait_inputs=True, function=sh.bypass)
    dsp.add_function('f', inc, ['a'], ['m'])
    dsp.add_function('g', inc, ['b'], ['m'])
    dsp.add_function('h', inc, ['a'], ['n'], weight=3)
    dsp.add_function('k', inc, ['c'], ['n'])
    wait_in = dsp._get_wait_in(flag=True)
    assert wait_in == {'m': True, 'n': True}
    sol = dsp.dispatch(['a'], no_call=True, _wait_in=wait_in)
    entries = _sort_sk_wait_in(sol)
    assert [e[:2] for e in entries] == [(2.0, 'm'), (5.0, 'n')]
    assert [e[4] for e in entries] == ['m', 'n']
    assert sorted(e[2] for e in entries) == [0, 1]
    assert all(e[3] is wait_in for e in entries)
    released, waiting = sol._remove_wait_in()
    assert released == {'m'} and waiting == entries
    assert wait_in == {'m': False, 'n': True}


def test_executor_flags_forgotten_when_solution_dies():
    import gc
    from schedula.utils.asy import EXECUTORS, _get_executor
    name = 'test-dispatch-finalizer'
    EXECUTORS[name] = lambda: None  # A registered name (run synchronously).
    try:
        for make in (lambda: Solution(chain(), {'a': 1}),
                     lambda: copy.deepcopy(Solution(chain(), {'a': 1})),
                     lambda: pickle.loads(pickle.dumps(Solution()))):
            sol = make()
            sid = id(sol)
            _get_executor(name, sol)  # How a dispatch registers its id.
            EXECUTORS.set_active(sid, False)
            assert EXECUTORS._executors[name]['active'][sid] is False
            del sol
            gc.collect()
            assert sid not in EXECUTORS._executors[name]['active']
    finally:
        EXECUTORS._executors.pop(name, None)
        EXECUTORS.pop(name, None)


def test_sort_sk_wait_in_with_child():
    child = sh.Dispatcher(name='child')
    child.add_data('m', wait_inputs=True, function=sh.bypass)
    child.add_function('p1', inc, ['x'], ['m'])
    child.add_function('p2', inc, ['y'], ['m'])
    parent = sh.Dispatcher(name='parent')
    parent.add_dispatcher(child, {'a': 'x'}, {'m': 'M'}, dsp_id='S')
    parent.add_function('use', inc, ['M'], ['N'])
    wait_in = parent._get_wait_in(flag=True)
    assert wait_in == {child: {'m': True}, 'M': True}
    sol = parent.dispatch(['a'], no_call=True, _wait_in=wait_in)
    child_sol = sol.sub_sol[(-1, 0)]
    assert child_sol._wait_in is wait_in[child]
    # M is blocked by the pending child node m: only m is listed.
    entries = _sort_sk_wait_in(sol)
    assert entries == [(2.0, 'm', 0, wait_in[child], 'm')]
    released, waiting = sol._remove_wait_in()
    assert released == set() and waiting == entries
    assert wait_in == {child: {'m': False}, 'M': True}
    assert _sort_sk_wait_in(sol) == []


# ------------------------------ _set_node_output (02 §4.5, §7.2, §7.4)
def _hand_model():
    dsp = sh.Dispatcher(name='hand')
    dsp.add_data('a', default_value=3)
    dsp.add_function('inc', lambda a: a + 1, ['a'], ['b'])
    dsp.add_function('boom', lambda a: 1 / 0, ['a'], ['c'])
    dsp.add_data('m', wait_inputs=True, function=lambda kw: list(kw.items()))
    dsp.add_function('b2m', lambda b: b * 10, ['b'], ['m'])
    dsp.add_dispatcher(sh.Dispatcher(name='sub'), {'a': 'a'}, {}, 'S')
    return dsp


def test_set_node_output_on_a_fresh_solution_edited_by_hand():
    dsp = _hand_model()
    sol = Solution(dsp)  # Seeded with the default: START -> a.
    assert sol.workflow.edges[START, 'a'] == {'value': 3}
    assert sol._set_node_output('a', False) is True
    assert sol == {'a': 3}
    assert list(sol.workflow.out_edges('a', data=True)) == [
        ('a', 'inc', {'value': 3}), ('a', 'boom', {'value': 3}),
        ('a', 'S', {'value': 3})]
    # A function needs a wanted output without a distance: give none yet.
    assert sol._set_node_output('inc', False) is True
    assert sol.workflow.edges['inc', 'b'] == {'value': 4}
    sol.dist['b'] = 1.0  # Its only output reached: not needed any more.
    assert sol._set_node_output('inc', False) is False
    assert 'inc' not in sol.workflow


def test_set_node_output_errors_and_kinds():
    dsp = _hand_model()
    sol = Solution(dsp)
    sol.workflow.add_edge('a', 'boom', value=3)
    assert sol._set_node_output('boom', False) is False
    assert list(sol._errors) == ['boom']
    assert sol._errors['boom'].startswith(
        "Failed DISPATCHING 'boom' due to:\n  ZeroDivisionError(")
    assert 'c' not in sol.workflow
    # Neither data nor function: None (a failure for the caller).
    assert sol._set_node_output('S', False) is None
    with pytest.raises(KeyError):
        sol._set_node_output('missing', False)


def test_set_node_output_no_call_and_pipe_mode():
    dsp = _hand_model()
    sol = Solution(dsp)
    assert sol._set_node_output('a', True) is True  # NONE, edges with {}.
    assert sol['a'] is NONE
    assert sol.workflow.edges['a', 'inc'] == {}
    sol = Solution(dsp)
    sol.workflow.add_edge('a', 'inc', value=5)
    sol.dist['b'] = 0  # Pipe mode ignores dist: `next_nds` are wanted.
    assert sol._set_node_output('inc', False, next_nds=['b']) is True
    assert sol.workflow.edges['inc', 'b'] == {'value': 6}
    assert sol._set_node_output('b', False, next_nds=['b2m']) is True
    assert list(sol.workflow.out_edges('b', data=True)) == [
        ('b', 'b2m', {'value': 6})]


def test_set_node_output_waiting_data_node():
    dsp = _hand_model()
    sol = Solution(dsp)
    sol.workflow.add_edge(START, 'm', value=1)
    sol.workflow.add_edge('b2m', 'm', value=40)
    assert sol._set_node_output('m', False) is True
    assert sol['m'] == [(START, 1), ('b2m', 40)]
