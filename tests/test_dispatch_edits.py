# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""
Models edited between two dispatches give the results of a model that was
never dispatched (issue 8: a cache that an edit could leave stale is a
defect).

Seeded random models (data, function, wrapped and sub-dispatcher nodes,
weights, `wait_inputs`, domains, defaults, failures) are dispatched (twice,
with the same input ids, outputs and options, then with other values), edited
through one public path (`add_*`, `set_default_value`, `extend`, networkx
methods of `dsp.dmap`, assignments into the attribute dicts of nodes and
edges and into `default_values`, `raises`, edits of a child model),
dispatched again and compared with the same
model built and edited from scratch, and with a deep copy of it: values and
their order, workflow nodes, edges and attributes, `dist`, `seen`, `pipe`,
sub-solutions, errors and log records.
"""
import copy
import random
import logging
import operator

import pytest

import schedula as sh
from schedula.utils.dsp import SubDispatchFunction
from schedula.utils.sol import Solution

N_DATA = 9  # Data nodes 'd0'... of a random model.
SEEDS = range(3)


# --------------------------------------------------------------------------
# Node functions: deterministic, module level (deep copies share them).
# --------------------------------------------------------------------------
def f_add(*args):
    value = sum(args) % 101
    if value % 13 == 0:  # Some values fail: alternatives are tried.
        raise ValueError('unlucky %d' % value)
    return value


def f_mul(*args):
    value = 1
    for a in args:
        value = value * (a + 1) % 101
    return value


class Split:
    """A function with several outputs (not a plain function object)."""

    def __init__(self, n, salt):
        self.n, self.salt = n, salt

    def __call__(self, *args):
        total = sum(args)
        return tuple((total + i * self.salt) % 101 for i in range(self.n))


def even(*args):
    return sum(args) % 2 == 0


def not_triple(kw):  # Domain of a sub-dispatcher node: a dict of inputs.
    return sum(kw.values()) % 3 != 0


def combine(estimations):  # Function of a `wait_inputs` data node.
    return sum(estimations.values()) % 101


# --------------------------------------------------------------------------
# Random models.
# --------------------------------------------------------------------------
def child_model(rng):
    child = sh.Dispatcher(name='child')
    child.add_data('y', default_value=rng.randrange(5))
    child.add_function('g', f_add, ['x'], ['u'])
    child.add_function('h', f_mul, ['x', 'y'], ['v'])
    child.add_function('k', f_mul, ['y'], ['u'], weight=rng.choice([0, 2]))
    child.add_function('m', f_add, ['u', 'v'], ['w'])
    return child


def _data_ids(dsp):
    return [k for k, v in dsp.nodes.items() if v['type'] == 'data']


def _function_ids(dsp, types=('function', 'dispatcher')):
    return [k for k, v in dsp.nodes.items() if v['type'] in types]


def _io(rng, ids, n_in=(1, 3), n_out=(1, 2)):
    inputs = rng.sample(ids, rng.randint(*n_in))
    rest = [i for i in ids if i not in inputs]
    return inputs, rng.sample(rest, rng.randint(*n_out))


def add_random_function(dsp, rng, function_id):
    ids, kind = _data_ids(dsp), rng.random()
    kw = {}
    if rng.random() < 0.3:
        kw['weight'] = rng.choice([0, 1, 2.5, 4])
    if kind < 0.65:
        inputs, outputs = _io(rng, ids)
        if rng.random() < 0.25:
            kw['input_domain'] = even
        if rng.random() < 0.2:
            kw['inp_weight'] = {inputs[0]: rng.choice([0, 3])}
        fun = Split(len(outputs), rng.randrange(1, 9)) if len(outputs) > 1 \
            else rng.choice([f_add, f_mul])
        return dsp.add_function(function_id, fun, inputs, outputs, **kw)
    if kind < 0.8:
        inputs, outputs = _io(rng, ids, (1, 1), (1, 1))
        fun = SubDispatchFunction(child_model(rng), function_id, ['x'], ['w'])
        return dsp.add_function(function_id, fun, inputs, outputs, **kw)
    inputs, outputs = _io(rng, ids, (1, 2), (1, 2))
    if rng.random() < 0.3:
        kw['input_domain'] = not_triple
    return dsp.add_dispatcher(
        child_model(rng), dict(zip(inputs, ('x', 'y'))),
        dict(zip(('u', 'w'), outputs)), function_id, **kw)


def random_model(seed):
    rng = random.Random(seed)
    dsp = sh.Dispatcher(name='model%d' % seed)
    for i in range(N_DATA):
        kw = {}
        if rng.random() < 0.2:
            kw['default_value'] = rng.randrange(50)
            kw['initial_dist'] = rng.choice([0.0, 0.0, 1.5])
        if rng.random() < 0.15:
            kw['wait_inputs'], kw['function'] = True, combine
        if rng.random() < 0.1:
            kw['wait_inputs'] = True  # Without function: fails, logged.
        dsp.add_data('d%d' % i, **kw)
    for j in range(11):
        add_random_function(dsp, rng, 'f%d' % j)
    return dsp


def random_dispatches(seed):
    """Inputs, outputs and options of the dispatches of a model."""
    rng, ids = random.Random(seed + 1000), ['d%d' % i for i in range(N_DATA)]
    options = [{}, {'cutoff': 4}, {'inputs_dist': {}}, {'no_call': True},
               {'wildcard': True}, {'rm_unused_nds': True},
               {'shrink': True}]
    runs = []
    for kw in options:
        inputs = rng.sample(ids, rng.randint(2, 4))
        outputs = rng.choice([None, rng.sample(ids, 2)])
        kw = dict(kw)
        if 'inputs_dist' in kw:
            kw['inputs_dist'] = {inputs[0]: rng.choice([1, 3])}
        if kw.get('wildcard'):
            outputs = inputs[:1] + [i for i in ids if i not in inputs][:1]
        runs.append((inputs, outputs, kw))
    return runs


# --------------------------------------------------------------------------
# What a dispatch gives, in comparable form.
# --------------------------------------------------------------------------
class _Records(logging.Handler):
    def __init__(self):
        super().__init__()
        self.messages = []

    def emit(self, record):
        self.messages.append((record.name, record.levelname,
                              record.getMessage()))


def _value(v):
    if isinstance(v, Solution):
        return ('Solution', v.full_name, [(k, _value(x)) for k, x in
                                          v.items()])
    if isinstance(v, dict):
        return [(k, _value(x)) for k, x in v.items()]
    if isinstance(v, (list, tuple)):
        return [_value(x) for x in v]
    if isinstance(v, (int, float, str, bool)) or v is None:
        return v
    return repr(v)


def _pipe(pipe):
    out = []
    for key, item in pipe.items():
        dist, heap_key, (node_id, sol) = item['task']
        out.append((key, dist, heap_key, node_id, sol.full_name,
                    repr(item.get('error')), _pipe(item.get('sub_pipe', {}))))
    return out


def _solution(sol):
    wf = sol.workflow
    return {
        'items': _value(dict(sol)), 'order': list(sol),
        'dist': list(sol.dist.items()), 'seen': list(sol.seen.items()),
        'wf_nodes': [(n, _value({k: v for k, v in a.items()
                                 if k not in ('started', 'duration')}))
                     for n, a in wf.nodes.items()],
        'wf_edges': [(u, v, _value(a)) for u, v, a in wf.edges(data=True)],
        'errors': [(k, repr(v)) for k, v in sol._errors.items()],
        'full_name': sol.full_name, 'index': sol.index,
    }


def outcome(dsp, inputs, outputs, kw):
    """A comparable record of ``dsp.dispatch`` with those arguments."""
    records, logger = _Records(), logging.getLogger('schedula.utils.sol')
    logger.addHandler(records)
    try:
        values = {k: 7 * i + len(k) for i, k in enumerate(inputs)}
        sol = dsp.dispatch(values, outputs, **kw)
    except Exception as ex:
        return ('raised', type(ex).__name__, str(ex), records.messages)
    finally:
        logger.removeHandler(records)
    subs = [(i, _solution(s)) for i, s in sol.sub_sol.items()]
    return _solution(sol), subs, _pipe(sol.pipe), records.messages


def outcomes(dsp, runs):
    return [outcome(dsp, *run) for run in runs]


def test_random_models_are_deterministic_and_varied():
    kinds, results = set(), []
    for seed in SEEDS:
        a, b = random_model(seed), random_model(seed)
        runs = random_dispatches(seed)
        assert outcomes(a, runs) == outcomes(b, runs)
        for v in a.nodes.values():
            kinds.add(v['type'])
            kinds.update(k for k in ('input_domain', 'weight', 'wait_inputs')
                         if v.get(k))
            kinds.add(type(v.get('function')).__name__)
        kinds.update('default' for _ in a.default_values)
        results.extend(outcomes(a, runs))
    assert kinds >= {'data', 'function', 'dispatcher', 'input_domain',
                     'weight', 'wait_inputs', 'default', 'Split',
                     'SubDispatchFunction', 'function'}
    errors = [r for r in results if r[0] != 'raised' and r[0]['errors']]
    solved = [r for r in results if r[0] != 'raised' and len(r[0]['order'])
              > 5]
    assert errors and len(solved) > len(results) // 3


# --------------------------------------------------------------------------
# The edits: each picks its target with `rng` from the model's structure, so
# that the same edit applies identically to the reference model.
# --------------------------------------------------------------------------
def _pick(rng, seq):
    return rng.choice(list(seq)) if seq else None


def _edge(dsp, rng):
    return _pick(rng, dsp.dmap.edges)


def edit_add_data(dsp, rng):
    dsp.add_data('d%d' % rng.randrange(N_DATA), rng.randrange(50),
                 wait_inputs=rng.random() < 0.3, function=combine)


def edit_add_function(dsp, rng):
    add_random_function(dsp, rng, 'new%d' % rng.randrange(100))


def edit_add_dispatcher(dsp, rng):
    inputs, outputs = _io(rng, _data_ids(dsp), (1, 2), (1, 2))
    dsp.add_dispatcher(child_model(rng), dict(zip(inputs, ('x', 'y'))),
                       dict(zip(('u', 'v'), outputs)), 'sub', weight=1)


def edit_set_default_value(dsp, rng):
    dsp.set_default_value(_pick(rng, _data_ids(dsp)), rng.randrange(50),
                          rng.choice([0.0, 2.0]))


def edit_remove_default_value(dsp, rng):
    data_id = _pick(rng, dsp.default_values)
    if data_id is not None:
        dsp.set_default_value(data_id)  # EMPTY: removes it.


def edit_extend(dsp, rng):
    other = sh.Dispatcher()
    inputs, outputs = _io(rng, _data_ids(dsp))
    other.add_function('ext', f_add, inputs, outputs[:1], weight=0)
    other.add_data(outputs[0], rng.randrange(50))
    dsp.extend(other)


def edit_dmap_add_edge(dsp, rng):
    fun = _pick(rng, _function_ids(dsp, ('function',)))
    data = _pick(rng, [d for d in _data_ids(dsp)
                       if fun not in dsp.dmap.succ[d]])
    if fun and data:
        dsp.dmap.add_edge(*rng.choice([(data, fun), (fun, data)]),
                          weight=rng.choice([0, 2]))


def edit_dmap_edge_weight(dsp, rng):
    u, v = _edge(dsp, rng)
    dsp.dmap.add_edge(u, v, weight=rng.choice([0, 3, 6]))


def edit_dmap_weighted_edges(dsp, rng):
    edges = rng.sample(list(dsp.dmap.edges), 3)
    dsp.dmap.add_weighted_edges_from(
        [(u, v, rng.choice([0, 5])) for u, v in edges])


def edit_dmap_remove_node(dsp, rng):
    dsp.dmap.remove_node(_pick(rng, _function_ids(dsp) + _data_ids(dsp)))


def edit_dmap_remove_nodes_from(dsp, rng):
    dsp.dmap.remove_nodes_from(rng.sample(_function_ids(dsp), 2))


def edit_dmap_remove_edge(dsp, rng):
    dsp.dmap.remove_edge(*_edge(dsp, rng))


def edit_node_weight(dsp, rng):
    node = dsp.nodes[_pick(rng, _function_ids(dsp))]
    node['weight'] = rng.choice([0, 3, 8])


def edit_data_node_weight(dsp, rng):
    dsp.nodes[_pick(rng, _data_ids(dsp))]['weight'] = rng.choice([1, 5])


def edit_node_view_update(dsp, rng):
    dsp.dmap.nodes[_pick(rng, _function_ids(dsp))].update(weight=5)


def edit_edge_attr(dsp, rng):
    u, v = _edge(dsp, rng)
    dsp.dmap.edges[u, v]['weight'] = rng.choice([0, 4])


def edit_adjacency_attr(dsp, rng):
    u, v = _edge(dsp, rng)
    dsp.dmap[u][v]['weight'] = rng.choice([0, 4])
    u, v = _edge(dsp, rng)
    dsp.dmap.pred[v][u]['weight'] = rng.choice([2, 7])


def edit_edge_attr_delete(dsp, rng):
    weighted = [(u, v) for u, v, w in dsp.dmap.edges(data='weight')
                if w is not None]
    for u, v in weighted[:2]:
        del dsp.dmap.edges[u, v]['weight']


def edit_wait_inputs(dsp, rng):
    node = dsp.nodes[_pick(rng, _data_ids(dsp))]
    node['wait_inputs'] = not node['wait_inputs']
    node['function'] = combine


def edit_input_domain(dsp, rng):
    node = dsp.nodes[_pick(rng, _function_ids(dsp, ('function',)))]
    if node.pop('input_domain', None) is None:
        node['input_domain'] = even


def edit_function(dsp, rng):
    funs = [k for k, v in dsp.nodes.items()
            if v['type'] == 'function' and len(v['outputs']) == 1]
    node = dsp.nodes[_pick(rng, funs)]
    node['function'] = f_mul if node['function'] is f_add else f_add


def edit_default_values_dict(dsp, rng):
    data_id = _pick(rng, dsp.default_values)
    if data_id is None:
        return edit_set_default_value(dsp, rng)
    dsp.default_values[data_id]['value'] = rng.randrange(50)
    dsp.default_values[data_id]['initial_dist'] = 2.0


def edit_raises(dsp, rng):
    dsp.raises = rng.choice(['', True])


def edit_child_model(dsp, rng):
    subs = _function_ids(dsp, ('dispatcher',))
    if not subs:
        return edit_add_dispatcher(dsp, rng)
    child = dsp.nodes[_pick(rng, subs)]['function']
    child.nodes['g']['weight'] = 9
    child.add_function('q', f_mul, ['y'], ['w'], weight=0)
    child.set_default_value('y', rng.randrange(5, 9))


EDITS = [v for k, v in sorted(globals().items()) if k.startswith('edit_')]


def _check(edited, reference, runs, deep_copy=True):
    expected = outcomes(reference, runs)
    assert outcomes(edited, runs) == expected
    if deep_copy:
        assert outcomes(copy.deepcopy(edited), runs) == expected


@pytest.mark.parametrize('seed', SEEDS)
@pytest.mark.parametrize('edit', EDITS, ids=lambda f: f.__name__[5:])
def test_edit_between_dispatches(edit, seed):
    runs = random_dispatches(seed)
    model = random_model(seed)
    for run in runs:  # Twice: a replayed plan, then other values.
        outcome(model, *run)
        outcome(model, *run)
    rng = random.Random(seed)
    edit(model, rng)
    reference = random_model(seed)
    edit(reference, random.Random(seed))
    _check(model, reference, runs, deep_copy=False)
    edit(model, rng)  # Edited again, once dispatched.
    reference = random_model(seed)
    replay = random.Random(seed)
    edit(reference, replay)
    edit(reference, replay)
    _check(model, reference, runs)


@pytest.mark.parametrize('seed', SEEDS)
def test_edit_sequences(seed):
    rng, runs = random.Random(seed), random_dispatches(seed)
    model, done = random_model(seed), []
    for step in range(8):
        edit = rng.choice(EDITS)
        state = rng.getstate()
        edit(model, rng)
        done.append((edit, state))
        reference = random_model(seed)
        for past, past_state in done:
            replay = random.Random()
            replay.setstate(past_state)
            past(reference, replay)
        _check(model, reference, runs[step % len(runs):][:3])


def test_edit_values_only():
    # Same ids, options and model, other values (and distances): domains
    # and failures change the path.
    model, reference = random_model(3), random_model(3)
    for inputs, outputs, kw in random_dispatches(3):
        for base in (1, 2, 5):
            values = {k: base * (i + 2) for i, k in enumerate(inputs)}
            if 'inputs_dist' in kw:
                kw = dict(kw, inputs_dist={inputs[0]: base})
            got = model.dispatch(values, outputs, **kw)
            fresh = copy.deepcopy(reference).dispatch(values, outputs, **kw)
            assert _solution(got) == _solution(fresh)
            assert _pipe(got.pipe) == _pipe(fresh.pipe)
