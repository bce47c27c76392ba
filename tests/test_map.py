# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""
MapDispatch (schedula >= 1.2.1): one model over a list of inputs, on every
executor of this machine (Dask: tests/test_asy_dask.py).
"""
import os
import inspect

import dill
import pytest
import requests

import schedula as sh
from schedula.utils.dsp import MapDispatch
from schedula.utils.web import WebMap
from test_web_api import running

EXECUTORS = (False, 'async', 'parallel', 'parallel-pool',
             'parallel-dispatch')


@pytest.fixture(scope='module', autouse=True)
def _shutdown():
    yield
    sh.shutdown_executors(False)


def fun(a, b):
    return a + b, a - b


def div(a, b):
    return a / b, a - b


def pid(a):
    return os.getpid()


def model(func=fun, name='model'):
    dsp = sh.Dispatcher(name=name)
    dsp.add_func(func, ['c', 'd'], inputs_kwargs=True)
    return dsp


def lists(dsp=None, **kw):
    return MapDispatch(dsp or model(), constructor_kwargs={
        'outputs': ['c', 'd'], 'output_type': 'list'}, **kw)


ITEMS = [{'a': 1, 'b': 2}, {'a': 2, 'b': 2}, {'a': 3, 'b': 2}]
CHAIN = [{'a': 1, 'b': 1}, {'a': 2}, {'a': 3}]


# ---------------------------------------------------------- documented use
def test_documented_examples():
    map_func = lists()
    assert map_func(ITEMS) == [[3, -1], [4, 0], [5, 1]]
    assert map_func([{'a': 1}, {'a': 3, 'b': 3}], defaults={'b': 2}) == \
        [[3, -1], [6, 0]]
    res = MapDispatch(model(), recursive_inputs={'c': 'b'})(CHAIN)
    assert [type(s).__name__ for s in res] == ['Solution'] * 3
    assert [list(s.items()) for s in res] == [
        [('a', 1), ('b', 1), ('c', 2), ('d', 0)],
        [('a', 2), ('b', 2), ('c', 4), ('d', 0)],
        [('a', 3), ('b', 4), ('c', 7), ('d', -1)]]


def test_signatures():
    assert str(inspect.signature(MapDispatch)) == (
        "(dsp, defaults=None, recursive_inputs=None, constructor=<class "
        "'schedula.utils.dsp.SubDispatch'>, constructor_kwargs=None, "
        "function_id=None, func_kw=<function _no_kw at %s>, "
        "input_label='inputs<{}>', output_label='outputs<{}>', "
        "data_label='data<{}>', cluster_label='task<{}>', **kwargs)" %
        hex(id(sh.utils._map._no_kw)))
    assert str(inspect.signature(MapDispatch.__call__)) == (
        '(self, inputs, defaults=None, recursive_inputs=None, _stopper=None, '
        '_executor=False, _sol_name=())')
    assert sh.MapDispatch is MapDispatch
    assert issubclass(MapDispatch, sh.SubDispatch)
    assert MapDispatch.__module__ == 'schedula.utils.dsp'


def test_defaults_and_recursive_inputs():
    map_func = lists(defaults={'b': 10})
    # Constructor defaults, call defaults over them, items over both.
    assert map_func([{'a': 1}, {'a': 1, 'b': 1}]) == [[11, -9], [2, 0]]
    assert map_func([{'a': 1}], defaults={'b': 5}) == [[6, -4]]
    chain = lists(recursive_inputs={'c': 'b'}, defaults={'b': 1})
    # The recursive input wins over the item's own value (the chain).
    assert chain([{'a': 1}, {'a': 2, 'b': 100}, {'a': 3}]) == [
        [2, 0], [4, 0], [7, -1]]
    # A call's recursive inputs add to (and win over) the constructor's.
    assert lists()(CHAIN, recursive_inputs={'d': 'b'}) == [
        [2, 0], [2, 2], [5, 1]]
    assert chain([]) == [] and chain([{'a': 5}]) == [[6, 4]]


def test_map_solution_workflow_and_labels():
    map_func = lists(recursive_inputs={'c': 'b'})
    assert map_func.name == map_func.__name__ == 'model'
    assert map_func(CHAIN) == [[2, 0], [4, 0], [7, -1]]
    sol = map_func.solution
    assert sol.dsp.name == 'model' and sol.parent is map_func
    assert list(sol) == ['inputs<0>', 'inputs<1>', 'inputs<2>', 'data<0>',
                         'outputs<0>', 'data<1>', 'outputs<1>', 'outputs<2>']
    assert sol.dist['model<2>'] == 5  # The chain: one item after the other.
    assert sol['data<0>'] == {'b': 2} and sol['data<1>'] == {'b': 4}
    assert sorted(sol.workflow.edges) == sorted([
        (sh.START, 'inputs<0>'), (sh.START, 'inputs<1>'),
        (sh.START, 'inputs<2>'), ('inputs<0>', 'model<0>'),
        ('inputs<1>', 'model<1>'), ('inputs<2>', 'model<2>'),
        ('model<0>', 'outputs<0>'), ('model<0>', 'data<0>'),
        ('data<0>', 'model<1>'), ('model<1>', 'outputs<1>'),
        ('model<1>', 'data<1>'), ('data<1>', 'model<2>'),
        ('model<2>', 'outputs<2>')])
    nodes = sol.dsp.nodes
    assert nodes['model<1>']['inputs'] == ['inputs<1>', 'data<0>']
    assert nodes['model<1>']['outputs'] == ['outputs<1>', 'data<1>']
    assert {k: v['clusters'] for k, v in nodes.items()} == {
        'inputs<0>': 'task<0>', 'model<0>': 'task<0>', 'outputs<0>':
        'task<0>', 'data<0>': 'task<0>', 'inputs<1>': 'task<1>',
        'model<1>': 'task<1>', 'outputs<1>': 'task<1>', 'data<1>': 'task<1>',
        'inputs<2>': 'task<2>', 'model<2>': 'task<2>',
        'outputs<2>': 'task<2>'}
    custom = lists(function_id='run', input_label='in{}', output_label='o{}',
                   cluster_label='item {}', data_label='rec{}',
                   func_kw=lambda i, inputs: {'description': 'a=%s' % inputs[
                       'a'], 'weight': i})
    assert custom.name == 'run' and custom(ITEMS[:2]) == [[3, -1], [4, 0]]
    nodes = custom.solution.dsp.nodes
    assert sorted(nodes) == ['in0', 'in1', 'o0', 'o1', 'run<0>', 'run<1>']
    assert (nodes['run<1>']['description'], nodes['run<1>']['clusters']) \
        == ('a=2', 'item 1')
    assert custom.solution.dist['o1'] == 3  # The weight of 'run<1>'.


def test_output_types_of_the_map():
    assert lists(output_type='all')(ITEMS[:1]) == {
        'inputs<0>': {'a': 1, 'b': 2}, 'outputs<0>': [3, -1]}
    assert lists(output_type='dict')(ITEMS[:2]) == {
        'outputs<0>': [3, -1], 'outputs<1>': [4, 0]}
    assert lists(output_type='values')(ITEMS[:2]) == ([3, -1], [4, 0])


def test_other_constructors():
    dsp = model()
    kw = {'inputs': ['a', 'b'], 'outputs': ['c']}
    for cls in (sh.SubDispatchFunction, sh.SubDispatchPipe, sh.DispatchPipe):
        map_func = MapDispatch(dsp, constructor=cls, constructor_kwargs=kw,
                               recursive_inputs={'c': 'b'})
        assert map_func(CHAIN) == [2, 4, 7], cls
        assert map_func(CHAIN, _executor='async') == [2, 4, 7], cls
    values = MapDispatch(dsp, constructor=sh.SubDispatchFunction,
                         constructor_kwargs=kw)
    assert values([{'a': 1, 'b': 2}, {'a': 3, 'b': 4}]) == [3, 7]


# ------------------------------------------------------------------ errors
def failing_call(map_func, executor=False):
    with pytest.raises(sh.DispatcherError) as info:
        map_func([{'a': 1, 'b': 2}, {'a': 2, 'b': 0}, {'a': 3, 'b': 2}],
                 _executor=executor)
    return info.value


@pytest.mark.parametrize('executor', EXECUTORS)
def test_a_failing_item(executor):
    map_func = lists(model(div))
    err = failing_call(map_func, executor)
    assert str(err) == (
        "\n  Unreachable output-targets: {'outputs<1>'}\n  Available outputs: "
        "['inputs<0>', 'inputs<1>', 'inputs<2>', 'outputs<0>', 'outputs<2>']")
    sol = err.sol
    assert sol is map_func.solution
    assert (sol['outputs<0>'], sol['outputs<2>']) == ([0.5, -1], [1.5, 1])
    assert list(sol._errors) == ['model<1>']
    assert sol._errors['model<1>'].startswith(
        "Failed DISPATCHING 'model<1>' due to:\n  DispatcherError(")
    assert 'Unreachable output-targets' in sol._errors['model<1>']
    # The failing item's solution is kept on its task, not the others'.
    wf = sol.workflow.nodes
    assert wf['model<1>']['solution'] == {'a': 2, 'b': 0}
    assert 'ZeroDivisionError' in wf['model<1>']['solution']._errors['div']
    assert 'solution' not in wf['model<0>']


def test_a_failing_item_stops_the_chain():
    # Item 0 computes c = 0: item 1 divides by it, item 2 never runs.
    with pytest.raises(sh.DispatcherError) as info:
        lists(model(div), recursive_inputs={'c': 'b'})(
            [{'a': 0, 'b': 1}, {'a': 2}, {'a': 3}])
    assert str(info.value).startswith(
        '\n  Unreachable output-targets: {')  # outputs<1> and outputs<2>.
    sol = info.value.sol
    assert list(sol) == ['inputs<0>', 'inputs<1>', 'inputs<2>', 'data<0>',
                         'outputs<0>']
    assert sol['data<0>'] == {'b': 0.0} and list(sol._errors) == ['model<1>']


def test_errors_of_the_model_raise_as_upstream():
    # A model with raises=True fails its item with its own error.
    dsp = model(div)
    dsp.raises = True
    err = failing_call(lists(dsp))
    assert "ZeroDivisionError" in err.sol._errors['model<1>']
    assert err.sol['outputs<2>'] == [1.5, 1]


def test_bad_input():
    map_func = lists()
    with pytest.raises(TypeError, match=r'MapDispatch inputs must be a list '
                       r"of dicts \(one per item\), not dict: \{'a': 1\}"):
        map_func({'a': 1})
    with pytest.raises(TypeError, match='not int: 3'):
        map_func(3)
    with pytest.raises(TypeError, match="item 1 must be a dict of inputs, "
                       "not int: 5"):
        map_func([{'a': 1, 'b': 1}, 5])
    with pytest.raises(TypeError, match='defaults must be a dict, not list'):
        map_func(ITEMS, defaults=[('b', 2)])
    with pytest.raises(TypeError, match='recursive_inputs must be a dict'):
        map_func(ITEMS, recursive_inputs='c')
    for label in ('inputs<{name}>', 'inputs', 'in{0}{1}', 3):
        with pytest.raises(ValueError, match=r"input_label must be a str "
                           r"with one '\{\}' field"):
            lists(input_label=label)
    with pytest.raises(ValueError, match='give the same node ids'):
        lists(output_label='inputs<{}>')
    with pytest.raises(ValueError, match='give the same node ids'):
        lists(function_id='data')
    with pytest.raises(TypeError, match="unexpected keyword argument 'outputs"
                       "'"):
        lists(outputs=['x'])
    # As SubDispatch: an unknown output_type is 'dict' (with a warning).
    assert lists(output_type='bad')(ITEMS[:1]) == {'outputs<0>': [3, -1]}
    with pytest.raises(TypeError, match='func_kw must be callable'):
        lists(func_kw={})
    with pytest.raises(TypeError, match='func_kw must return a dict'):
        lists(func_kw=lambda i, inp: None)(ITEMS)
    assert map_func(ITEMS[:1]) == [[3, -1]]  # Still usable.


# --------------------------------------------------------------- executors
@pytest.mark.parametrize('executor', EXECUTORS[1:])
def test_executors_same_results(executor):
    assert lists()(ITEMS, _executor=executor) == [[3, -1], [4, 0], [5, 1]]
    chain = lists(recursive_inputs={'c': 'b'})
    items = [{'a': i, 'b': 1} for i in range(6)]
    assert chain(items, _executor=executor) == chain(items)
    sols = MapDispatch(model(), recursive_inputs={'c': 'b'})(
        CHAIN, _executor=executor)
    assert [list(s.items()) for s in sols] == [
        [('a', 1), ('b', 1), ('c', 2), ('d', 0)],
        [('a', 2), ('b', 2), ('c', 4), ('d', 0)],
        [('a', 3), ('b', 4), ('c', 7), ('d', -1)]]


@pytest.mark.parametrize('executor', ['parallel', 'parallel-pool',
                                      'parallel-dispatch'])
def test_items_run_in_worker_processes(executor):
    dsp = sh.Dispatcher(name='model')
    dsp.add_function('pid', pid, ['a'], ['p'])
    dsp.add_function('pid2', pid, ['p'], ['q'])
    map_func = MapDispatch(dsp, constructor_kwargs={
        'outputs': ['p', 'q'], 'output_type': 'list'})
    res = map_func([{'a': i} for i in range(4)], _executor=executor)
    # One task per item: both functions of an item in the same process.
    assert all(p == q != os.getpid() for p, q in res)


def test_items_are_one_task_each():
    calls = []

    class Counting(sh.PoolExecutor):
        def process(self, sol_id, fn, *args, **kwargs):
            calls.append(fn.__name__)
            return super().process(sol_id, fn, *args, **kwargs)

    from concurrent.futures import ThreadPoolExecutor
    sh.register_executor('counting', lambda: Counting(
        sh.ThreadExecutor(), ThreadPoolExecutor(2), False))
    try:
        dsp = model()
        dsp.add_function('neg', lambda c: -c, ['c'], ['e'])
        map_func = MapDispatch(dsp, constructor_kwargs={
            'outputs': ['e'], 'output_type': 'values'})
        assert map_func(ITEMS, _executor='counting') == [-3, -4, -5]
        assert calls == ['_remote_item'] * 3
        # The same model without the map: one task per function.
        calls.clear()
        dsp({'a': 1, 'b': 2}, executor='counting').result()
        assert sorted(calls) == ['<lambda>', 'fun']
    finally:
        sh.shutdown_executor('counting')
        sh.utils.asy.EXECUTORS.pop('counting')


def test_map_as_node_of_a_model_and_nested_maps():
    inner = MapDispatch(model(), constructor_kwargs={
        'outputs': ['c'], 'output_type': 'values'})
    mid = sh.Dispatcher(name='mid')
    mid.add_function('inner', inner, ['xs'], ['cs'])
    mid.add_function('total', sum, ['cs'], ['tot'])
    outer = MapDispatch(mid, constructor_kwargs={'outputs': ['tot'],
                                                 'output_type': 'values'})
    items = [{'xs': [{'a': i, 'b': 1}, {'a': i, 'b': 2}]} for i in range(3)]
    for executor in EXECUTORS:
        assert outer(items, _executor=executor) == [3, 5, 7], executor
    top = sh.Dispatcher()
    top.add_function('outer', outer, ['items'], ['tots'])
    for executor in EXECUTORS:
        sol = top({'items': items}, executor=executor).result()
        assert sol['tots'] == [3, 5, 7], executor
        assert sol.workflow.nodes['outer']['solution'] == {
            'inputs<%d>' % i: items[i] for i in range(3)} | {
            'outputs<%d>' % i: 2 * i + 3 for i in range(3)}


def test_item_solutions_are_kept_for_solution_results():
    map_func = MapDispatch(model())
    sols = map_func(ITEMS, _executor='parallel-pool')
    wf = map_func.solution.workflow.nodes
    assert [wf['model<%d>' % i]['solution'] for i in range(3)] == sols
    assert wf['model<0>']['solution'].full_name == ('model<0>',)


# ---------------------------------------------- plot, pickle, blue and web
def test_plot_of_a_map_solution_with_clusters(tmp_path):
    map_func = MapDispatch(model())
    map_func(ITEMS)
    sitemap = map_func.solution.plot(view=False)
    folder = next(iter(sitemap))
    src = folder.dot().source
    for i in range(3):
        assert 'subgraph cluster_%d {\n\t\tlabel = "task<%d>"' % (i, i) \
            in src
    sitemap.render(directory=str(tmp_path), view=False)
    # A page per task, linking to a folder with the item's solution.
    assert sorted(p.name for p in (tmp_path / 'model').iterdir()
                  if p.is_dir()) == ['model0', 'model1', 'model2']
    assert (tmp_path / 'model' / 'model1' / 'fun.html').exists()
    dmap = map_func.plot(view=False)  # The model itself.
    assert 'fun' in next(iter(dmap)).dot().source


def test_pickle_copy_and_blueprint():
    map_func = lists(recursive_inputs={'c': 'b'}, defaults={'a': 1},
                     function_id='chain', cluster_label='c{}',
                     output_type='dict')
    for other in (dill.loads(dill.dumps(map_func)), map_func.copy(),
                  map_func.blue().register(), map_func.blue()):
        assert other([{'b': 1}, {}]) == {'outputs<0>': [2, 0],
                                         'outputs<1>': [3, -1]}
    kwargs = map_func.blue().kwargs
    assert (kwargs['function_id'], kwargs['cluster_label'],
            kwargs['output_type']) == ('chain', 'c{}', 'dict')
    blue = MapDispatch(model().blue(), constructor_kwargs={
        'outputs': ['c'], 'output_type': 'values'})
    assert type(blue).__name__ == 'Blueprint' and blue.cls is MapDispatch
    assert blue(ITEMS) == [3, 4, 5]
    map_func([{'b': 1}, {}])
    sol = dill.loads(dill.dumps(map_func.solution))
    assert sol['outputs<1>'] == [3, -1] and sol.dsp.name == 'chain'


def test_web_api():
    map_func = lists()
    webmap = WebMap()
    webmap.add_items(map_func)
    with running(webmap) as site:
        res = requests.post(site.url, json={'args': [ITEMS[:2]]})
        assert res.json()['return'] == [[3, -1], [4, 0]]
        res = requests.post(site.url, json={
            'args': [[{'a': 1}]], 'kwargs': {'defaults': {'b': 5}}})
        assert res.json()['return'] == [[6, -4]]


# ------------------------------------------------ the model once per worker
UNPICKLED = []  # In a worker process: how often a Marker was unpickled.


def _revive():
    UNPICKLED.append(1)
    return Marker()


class Marker:
    # Part of the model: counts the unpickling of the model in a process.
    def __reduce__(self):
        return _revive, ()


def seen(marker, a):
    return os.getpid(), len(UNPICKLED)


def marked_model():
    dsp = sh.Dispatcher(name='marked')
    dsp.add_data('marker', default_value=Marker())
    dsp.add_function('seen', seen, ['marker', 'a'], ['s'])
    return dsp


def check_model_sent_once_per_worker(results):
    # All the items run by a worker saw one unpickling of this call's model.
    counts = {}
    for worker, n in results:
        counts.setdefault(worker, set()).add(n)
    assert os.getpid() not in counts
    assert all(len(c) == 1 for c in counts.values()), counts
    return counts


def test_model_sent_once_per_worker_and_call():
    map_func = MapDispatch(marked_model(), constructor_kwargs={
        'outputs': ['s'], 'output_type': 'values'})
    items = [{'a': i} for i in range(12)]
    first = check_model_sent_once_per_worker(
        map_func(items, _executor='parallel-pool'))
    second = check_model_sent_once_per_worker(
        map_func(items, _executor='parallel-pool'))
    for worker in set(first) & set(second):  # Sent again at the next call.
        assert second[worker] == {first[worker].pop() + 1}
