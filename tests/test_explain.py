# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""
``Solution.explain``: why a value is (not) there, for every kind of cause,
checked exactly and, on random models, against what actually happened.
"""
import random
import threading

import pytest

import schedula as sh
from schedula import START
from schedula.utils.exc import DispatcherAbort


def text(sol, *ids):
    return str(sol.explain(*ids))


def lines(*rows):
    return '\n'.join(rows)


# ------------------------------------------------------------ present values
@pytest.fixture
def alternatives():
    d = sh.Dispatcher(raises='')
    d.add_function('explode', lambda p: 1 / 0, ['p'], ['q'])
    d.add_function('backup', lambda p: p * 10, ['p'], ['q'], weight=3)
    d.add_function('slow', lambda p: p, ['p'], ['q'], weight=10)
    d.add_function('never', lambda z: z, ['z'], ['q'])
    return d


def test_computed_and_its_alternatives(alternatives):
    sol = alternatives.dispatch({'p': 2})
    assert text(sol, 'q') == lines(
        "'q': computed by 'backup' from 'p' (distance 5.0)",
        "  'explode': raised: ZeroDivisionError('division by zero')",
        "  'slow': not needed: 'q' was already computed when it was reached",
        "  'never': waited for 'z', which never came")
    e = sol.explain('q')
    assert (e.kind, e.by, e.inputs, e.distance, e.present) == (
        'computed', 'backup', ('p',), 5.0, True)
    assert [(c.node_id, c.kind) for c in e.causes] == [
        ('explode', 'raised'), ('slow', 'not needed'), ('never', 'waiting')]
    assert e.causes[0].error == sol._errors['explode']
    assert e.causes[2].missing == ('z',) and e.causes[2].causes == []
    assert e.path == ('q',) and e.solution is sol
    assert repr(e) == "<Explanation ('q',): computed>"


def test_input_default_and_functions_asked_directly(alternatives):
    alternatives.add_data('k', default_value=3)
    sol = alternatives.dispatch({'p': 2})
    assert text(sol, 'p') == "'p': given as input (distance 0.0)"
    assert text(sol, 'k') == "'k': default value of the model (distance 0.0)"
    sol = alternatives.dispatch({'p': 2, 'k': 3})
    assert sol.explain('k').kind == 'input'
    assert text(sol, 'backup') == "'backup': called (distance 4.0), gave 'q'"
    assert text(sol, 'slow') == ("'slow': not needed: its outputs were "
                                 "already computed when it was reached")
    assert text(sol, 'explode') == (
        "'explode': raised: ZeroDivisionError('division by zero')")


def test_farther_and_tie():
    d = sh.Dispatcher()
    d.add_function('beta', lambda p: 'beta', ['p'], ['r'])
    d.add_function('alpha', lambda p: 'alpha', ['p'], ['r'])
    d.add_function('early', lambda p: 'e', ['p'], ['s'], out_weight={'s': 10})
    d.add_function('later', lambda b: 'l', ['b'], ['s'])
    sol = d.dispatch({'p': 0, 'b': 1}, inputs_dist={'b': 1})
    assert text(sol, 'r') == lines(
        "'r': computed by 'alpha' from 'p' (distance 2.0)",
        "  'beta': called, but lost the tie with 'alpha' (same distance 2.0)")
    assert text(sol, 's') == lines(
        "'s': computed by 'later' from 'b' (distance 3.0)",
        "  'early': called, but its value was farther (distance 11.0 > 3.0)")
    assert sol.explain('s').causes[0].kind == 'farther'


def test_outside_and_unknown_ids():
    d = sh.Dispatcher()
    d.add_function('f', lambda total: total, ['total'], ['totals'])
    sol = d.dispatch({'total': 1, 'zz': 0})
    assert text(sol, 'zz') == "'zz': given as input (not a node of the model)"
    e = sol.explain('totl')
    assert (e.kind, e.closest) == ('unknown', ('total', 'totals'))
    assert str(e) == ("'totl': not a node of the model (closest: 'total', "
                      "'totals')")
    assert text(sol, 'qwerty') == "'qwerty': not a node of the model"
    assert text(sol, ('a', 'list')) == "('a', 'list'): not a node of the model"


# ------------------------------------------------------------ missing values
def test_domains_waits_and_no_producer():
    d = sh.Dispatcher()
    d.add_function('sqrt', lambda v: v ** .5, ['v'], ['s'],
                   input_domain=lambda v: v >= 0)
    d.add_function('neg', lambda v: -v, ['v'], ['s'], weight=4)
    d.add_function('root', lambda v: v ** .5, ['v'], ['t'],
                   input_domain=lambda v: v >= 0)
    d.add_function('mul', lambda t, w: t * w, ['t', 'w'], ['u'])
    sol = d.dispatch({'v': -9})
    assert text(sol, 's') == lines(
        "'s': computed by 'neg' from 'v' (distance 6.0)",
        "  'sqrt': its domain rejected its inputs")
    assert text(sol, 'u') == lines(
        "'u': not computed:",
        "  'mul': waited for 't', 'w', which never came",
        "    't': not computed:",
        "      'root': its domain rejected its inputs",
        "    'w': not computed: nothing produces it and it was not given")
    e = sol.explain('u')
    assert [x.kind for x in e.walk()] == [
        'missing', 'waiting', 'missing', 'rejected', 'no producer']
    assert not e.present


def test_shared_causes_are_not_repeated():
    d = sh.Dispatcher()
    d.add_function('f', lambda a, b: a, ['a', 'b'], ['c'])
    d.add_function('g', lambda b: b, ['b'], ['e'])
    d.add_function('h', lambda c, e: c, ['c', 'e'], ['x'])
    sol = d.dispatch({'a': 1})
    assert text(sol, 'x') == lines(
        "'x': not computed:",
        "  'h': waited for 'c', 'e', which never came",
        "    'c': not computed:",
        "      'f': waited for 'b', which never came",
        "        'b': not computed: nothing produces it and it was not given",
        "    'e': not computed:",
        "      'g': waited for 'b', which never came",
        "        'b': (see above)")


def test_cutoff():
    d = sh.Dispatcher()
    d.add_data('k', 10)
    d.add_function('f', lambda a: a + 1, ['a'], ['b'])
    d.add_function('g', lambda b: b + 2, ['b'], ['c'])
    d.add_function('h', lambda a, k: a + k, ['a', 'k'], ['d'])
    d.add_function('late', lambda a: 0, ['a'], ['c'], weight=30)
    sol = d.dispatch({'a': 1}, cutoff=1)
    assert text(sol, 'c') == lines(
        "'c': not computed:",
        "  'g': waited for 'b', which never came",
        "    'b': not computed:",
        "      'f': its value for 'b' was beyond the cutoff "
        "(distance 2.0 > 1)",
        "  'late': waited for 'a', which never came",
        "    'a': reached it beyond the cutoff (distance 31.0 > 1)")
    sol = d.dispatch({'a': 1, 'k': 3}, inputs_dist={'k': 5}, cutoff=2)
    assert text(sol, 'd') == lines(
        "'d': not computed:",
        "  'h': waited for 'k', which never came",
        "    'k': given as input beyond the cutoff (distance 5.0 > 2)")


def test_pruned_and_stopped_at_the_outputs():
    d = sh.Dispatcher()
    d.add_function('f', lambda a: a + 1, ['a'], ['b'])
    d.add_function('g', lambda b: b + 2, ['b'], ['c'])
    d.add_function('late', lambda a: 0, ['a'], ['c'], weight=30)
    d.add_function('u', lambda a: a, ['a'], ['e'])
    sol = d.dispatch({'a': 1}, ['c'])
    assert text(sol, 'e') == ("'e': not a node of the model run (pruned to "
                              "what the requested outputs need)")
    assert text(sol) == lines(
        "requested outputs 'c': all computed",
        "  'c': computed by 'g' from 'b' (distance 4.0)",
        "    'late': not reached: the dispatch stopped once its requested "
        "outputs were computed")
    sol = d.dispatch({'a': 1}, ['c', 'x'])
    e = sol.explain()
    assert (e.kind, e.missing, str(e).splitlines()[0]) == (
        'outputs', ('x',), "requested outputs 'c', 'x': missing 'x'")
    with pytest.raises(ValueError, match='no requested outputs'):
        d.dispatch({'a': 1}).explain()


def test_stopped_by_the_stopper():
    stop = threading.Event()
    d = sh.Dispatcher()
    d.add_function('f', lambda a: stop.set() or a, ['a'], ['b'])
    d.add_function('g', lambda b: b, ['b'], ['c'])
    with pytest.raises(DispatcherAbort):
        d.dispatch({'a': 1}, stopper=stop)
    assert text(d.solution, 'c') == lines(
        "'c': not computed:",
        "  'g': stopped while it was called: the dispatch was stopped")


def test_none_values_wait_inputs_and_wildcards():
    d = sh.Dispatcher(raises='')
    d.add_data('m', default_value=100, wait_inputs=True,
               function=lambda kw: sorted(kw.items(), key=str))
    d.add_function('from_u', lambda u: u + 1, ['u'], ['m'])
    d.add_function('from_t', lambda t: t * 3, ['t'], ['m'])
    d.add_function('split', lambda u: (sh.NONE, u), ['u'], ['n', 'o'])
    assert text(d.dispatch({'u': 1, 't': 2}), 'm') == (
        "'m': computed by its own function from 'from_t', 'from_u' and its "
        "given value (distance 2.0)")
    sol = d.dispatch({'u': 1})
    assert text(sol, 'm') == lines(
        "'m': waited for all its producers; 'from_t' never delivered:",
        "  'from_t': waited for 't', which never came",
        "    't': not computed: nothing produces it and it was not given")
    assert text(sol, 'n') == lines(
        "'n': not computed:", "  'split': called, but gave no value for 'n'")
    w = sh.Dispatcher()
    w.add_function('up', lambda n: n + 1, ['n'], ['m'])
    w.add_function('down', lambda m: sh.NONE, ['m'], ['n'])
    assert text(w.dispatch({'n': 1}, ['n'], wildcard=True), 'n') == lines(
        "'n': a wildcard input: it fed its successors but was not computed "
        "again", "  'down': called, but gave no value for 'n'")
    b = sh.Dispatcher(raises='')
    b.add_data('b', function=lambda kw: 1 / 0, wait_inputs=True)
    b.add_function('f', lambda a: a, ['a'], ['b'])
    assert text(b.dispatch({'a': 1}), 'b') == (
        "'b': raised: ZeroDivisionError('division by zero')")


# ---------------------------------------------------------- sub-dispatchers
@pytest.fixture
def nested():
    inner2 = sh.Dispatcher(name='inner2', raises='')
    inner2.add_function('boom', lambda p: 1 / 0, ['p'], ['q'])
    inner2.add_function('ok', lambda p: p, ['p'], ['r'])
    inner = sh.Dispatcher(name='inner', raises='')
    inner.add_data('factor', default_value=3)
    inner.add_function('scale', lambda x, factor: x * factor,
                       ['x', 'factor'], ['y'])
    inner.add_dispatcher(inner2, {'y': 'p'}, {'q': 'z', 'r': 'w'},
                         dsp_id='deep')
    outer = sh.Dispatcher(name='outer', raises='')
    outer.add_function('prep', lambda a: a + 1, ['a'], ['b'])
    outer.add_dispatcher(inner, {'b': 'x'}, {'y': 'c', 'z': 'd', 'w': 'e'},
                         dsp_id='INNER')
    outer.add_function('join', lambda c, d: (c, d), ['c', 'd'], ['f'])
    return outer


FAILED_D = (
    "'INNER': failed inside, did not deliver 'd':",
    "  'z': not computed:",
    "    'deep': failed inside, did not deliver 'z':",
    "      'q': not computed:",
    "        'boom': raised: ZeroDivisionError('division by zero')")


def test_sub_dispatchers_nested_two_deep(nested):
    sol = nested.dispatch({'a': 1})
    assert text(sol, 'c') == lines(
        "'c': brought out of sub-dispatcher 'INNER' (its 'y', distance 4.0)",
        "  'y': computed by 'scale' from 'x', 'factor' (distance 4.0)")
    assert text(sol, 'e') == lines(
        "'e': brought out of sub-dispatcher 'INNER' (its 'w', distance 6.0)",
        "  'w': brought out of sub-dispatcher 'deep' (its 'r', distance "
        "6.0)")
    assert text(sol, 'f') == lines(
        "'f': not computed:", "  'join': waited for 'd', which never came",
        "    'd': not computed:", *('      ' + x for x in FAILED_D))
    assert text(sol, 'INNER') == lines(*FAILED_D)
    e = sol.explain('INNER', 'deep', 'q')
    assert e.path == ('INNER', 'deep', 'q')
    assert e.solution.full_name == ('INNER', 'deep')
    assert [x.path for x in e.walk()] == [
        ('INNER', 'deep', 'q'), ('INNER', 'deep', 'boom')]
    assert text(sol, 'INNER', 'x') == (
        "'x': given by the parent dispatcher (distance 2.0)")
    assert text(sol, 'INNER', 'factor') == (
        "'factor': default value of the model (distance 2.0)")
    assert text(sol, 'INNER', 'nope') == "'nope': not a node of the model"
    # A path through a data node, or a sub-dispatcher that never ran.
    assert text(sol, 'a', 'x') == "'a': given as input (distance 0.0)"
    sol = nested.dispatch({'q': 1})
    assert text(sol, 'INNER', 'y') == lines(
        "'INNER': no input reached it ('b')", "  'b': not computed:",
        "    'prep': waited for 'a', which never came",
        "      'a': not computed: nothing produces it and it was not given")


def test_sub_dispatcher_domain_and_delivery():
    s = sh.Dispatcher(name='s')
    s.add_function('f', lambda x: x, ['x'], ['y'])
    s.add_function('g', lambda z: z, ['z'], ['w'])
    d = sh.Dispatcher()
    d.add_dispatcher(s, {'a': 'x', 'b': 'z'}, {'y': 'c', 'w': 'e'},
                     dsp_id='S', input_domain=lambda kw: 'b' in kw)
    d.add_dispatcher(s, {'a': 'x', 'b': 'z'}, {'y': 'c2', 'w': 'e2'},
                     dsp_id='T')
    sol = d.dispatch({'a': 1})
    assert text(sol, 'c') == lines(
        "'c': not computed:", "  'S': its domain rejected its inputs")
    assert text(sol, 'e2') == lines(
        "'e2': not computed:", "  'T': did not deliver 'e2':",
        "    'w': not computed:", "      'g': waited for 'z', which never came",
        "        'z': not computed: nothing produces it and it was not given")
    assert sol.explain('e2').causes[0].kind == 'not delivered'
    assert str(sol.explain('T')).splitlines()[0] == "'T': did not deliver 'e2':"
    sol = d.dispatch({'a': 1, 'b': 2})
    assert text(sol, 'T') == "'T': dispatched (distance 0.0), gave 'e2', 'c2'"


def test_subdispatch_functions_and_pipes():
    sub = sh.Dispatcher(name='sub', raises='')
    sub.add_function('mul', lambda x: x * 3, ['x'], ['y'])
    sub.add_function('bad', lambda x: 1 / 0, ['x'], ['k'])
    main = sh.Dispatcher(name='main', raises='')
    main.add_function('F', sh.SubDispatchFunction(sub, 'F', ['x'], ['y']),
                      ['a'], ['d'])
    main.add_function('G', sh.SubDispatchFunction(sub, 'G', ['x'], ['k']),
                      ['a'], ['g'])
    main.add_function('SD', sh.SubDispatch(sub, ['y', 'k'], output_type='dict'),
                      ['e'], ['h'])
    main.add_function('P', sh.SubDispatchPipe(sub, 'P', ['x'], ['y']),
                      ['a'], ['p'])
    sol = main.dispatch({'a': 1, 'e': {'x': 2}})
    assert text(sol, 'g') == lines(
        "'g': not computed:",
        "  'G': raised: DispatcherError(\"\\n  Unreachable output-targets: "
        "{'k'}\\n  Available outputs: ['x']\")",
        "    'k': not computed:",
        "      'bad': raised: ZeroDivisionError('division by zero')")
    assert text(sol, 'F', 'y') == "'y': computed by 'mul' from 'x' (distance 2.0)"
    assert text(sol, 'SD', 'k') == lines(
        "'k': not computed:",
        "  'bad': raised: ZeroDivisionError('division by zero')")
    assert text(sol, 'P', 'y') == "'y': computed by 'mul' from 'x' (distance 2.0)"
    # The solutions of the wrappers themselves.
    f = sh.SubDispatchFunction(sub, 'f', ['x'], ['y', 'k'])
    with pytest.raises(sh.DispatcherError):
        f(1)
    assert text(f.solution, 'k') == lines(
        "'k': not computed:",
        "  'bad': raised: ZeroDivisionError('division by zero')")
    pipe = sh.SubDispatchPipe(sub, 'p', ['x'], ['y'])
    pipe(2)
    assert text(pipe.solution, 'y') == (
        "'y': computed by 'mul' from 'x' (distance 2.0)")
    dpipe = sh.DispatchPipe(sub, 'dp', ['x'], ['y'])
    dpipe(2)
    assert text(dpipe.solution, 'y') == (
        "'y': computed by 'mul' from 'x' (distance 2.0)")


# ---------------------------------------------------------------- executors
@pytest.mark.parametrize('executor', ['async', 'parallel', 'parallel-pool'])
def test_executors_after_result(executor):
    d = sh.Dispatcher(raises='')
    d.add_function('f', lambda a: 1 / a, ['a'], ['b'])
    d.add_function('g', lambda b: b, ['b'], ['c'])
    try:
        sol = d.dispatch({'a': 0}, executor=executor)
        with pytest.raises(ZeroDivisionError):
            sol.result()
        assert text(sol, 'c') == lines(
            "'c': its value failed:",
            "  'g': got no value: its input 'b' failed:",
            "    'b': its value failed:",
            "      'f': raised: ZeroDivisionError('division by zero')")
        sol = d.dispatch({'a': 2}, executor=executor).result()
        assert text(sol, 'c') == "'c': computed by 'g' from 'b' (distance 4.0)"
    finally:
        sh.shutdown_executors()


def test_no_call():
    d = sh.Dispatcher()
    d.add_function('g', lambda b: b, ['b'], ['c'])
    sol = d.dispatch(['b'], no_call=True)
    assert text(sol, 'c') == "'c': computed by 'g' from 'b' (distance 2.0)"


# ------------------------------------------------------------ random models
def random_model(rng, depth=0):
    """A random model: functions that compute, raise, give NONE or have a
    domain; sometimes a sub-dispatcher (nested up to two deep)."""
    d = sh.Dispatcher(name='m%d' % depth, raises='')
    data = ['d%d' % i for i in range(8)]
    for i in range(10):
        ins = rng.sample(data, rng.randint(1, 2))
        outs = rng.sample([k for k in data if k not in ins], rng.randint(1, 2))
        how = rng.choice(['ok', 'ok', 'ok', 'raise', 'none', 'domain'])
        fn = {'ok': lambda *a: sum(a), 'raise': lambda *a: 1 / 0,
              'none': lambda *a: sh.NONE, 'domain': lambda *a: sum(a)}[how]
        if len(outs) > 1:
            fn = (lambda f: lambda *a: (f(*a),) * 2)(fn)
        kw = {'input_domain': lambda *a: sum(a) % 2 == 0} \
            if how == 'domain' else {}
        d.add_function('f%d' % i, fn, ins, outs, weight=rng.randint(0, 3),
                       **kw)
    if depth < 2 and rng.random() < .7:
        child = random_model(rng, depth + 1)
        ins, outs = rng.sample(data, 2), rng.sample(data, 2)
        d.add_dispatcher(child, {ins[0]: 'd0', ins[1]: 'd1'},
                         {'d6': outs[0], 'd7': outs[1]}, dsp_id='S')
    return d


def check(expl):
    """Every cause agrees with what the solution recorded."""
    for e in expl.walk():
        sol, n = e.solution, e.node_id
        wf = sol.workflow
        if e.present:
            assert n in sol, e
        if e.kind == 'computed':
            assert e.by in sol.dist and e.by in wf._pred[n], e
        if e.kind == 'raised':
            assert n in sol._errors, e
        if e.kind == 'called':
            assert 'results' in wf.nodes[n] and n not in sol._errors, e
        if e.kind == 'rejected':
            assert wf.nodes[n]['solution_domain'] is False, e
        if e.kind in ('waiting', 'missing', 'no producer', 'no value') and \
                sol.nodes[n]['type'] == 'data':
            assert n not in sol, e
        for m in e.missing:  # Really absent: no workflow edge brought it.
            assert m not in wf._pred.get(n, {}), e
        if e.kind == 'unknown':
            assert n not in sol.nodes, e


@pytest.mark.parametrize('seed', range(40))
def test_random_models_agree_with_the_run(seed):
    rng = random.Random(seed)
    d = random_model(rng)
    inputs = {k: rng.randint(0, 3) for k in rng.sample(
        ['d%d' % i for i in range(8)], 3)}
    sol = d.dispatch(inputs)
    for k, node in d.nodes.items():
        e = sol.explain(k)
        check(e)
        if node['type'] == 'data':
            assert e.present == (k in sol), (k, str(e))
        elif node['type'] == 'function':
            ran = 'results' in sol.workflow.nodes.get(k, {})
            assert (e.kind == 'called') == (ran and k not in sol._errors)
    for child in list(sol.sub_sol.values())[1:]:
        path = child.full_name
        for k in child.dsp.nodes:
            e = sol.explain(*path, k)
            check(e)
            assert e.solution is child and e.path == (*path, k)
            if child.nodes[k]['type'] == 'data':
                assert e.present == (k in child)


# ------------------------------------------------------------------- errors
def test_dispatcher_error_reads_well():
    d = sh.Dispatcher(raises=True)
    d.add_function('h', lambda a: 1 / a, ['a'], ['b'])
    with pytest.raises(sh.DispatcherError) as info:
        d.dispatch({'a': 0}, sol_name=('top',))
    e = info.value
    assert e.args == ("Failed DISPATCHING '%s' due to:\n  %r", 'top/h', e.ex)
    assert str(e) == ("Failed DISPATCHING 'top/h' due to:\n"
                      "  ZeroDivisionError('division by zero')")
    assert repr(e) == ('DispatcherError("Failed DISPATCHING \'%s\' due to:'
                       '\\n  %r", \'top/h\', ZeroDivisionError(\'division by '
                       'zero\'))')
    assert str(sh.DispatcherError('one %s')) == 'one %s'
    assert str(sh.DispatcherError('%s %s', 1)) == "('%s %s', 1)"
    assert str(sh.DispatcherError()) == ''
    cb = sh.DispatcherError("Failed CALLBACK '%s' due to:\n  %s", 'b',
                            RuntimeError('cb failed'))
    assert str(cb) == "Failed CALLBACK 'b' due to:\n  cb failed"


def test_raises_says_which_outputs_are_missing_and_why():
    d = sh.Dispatcher(raises=True)
    d.add_function('f', lambda a: a, ['a'], ['b'])
    d.add_function('g', lambda b, z: b, ['b', 'z'], ['c'])
    with pytest.raises(sh.DispatcherError) as info:
        d.dispatch({'a': 1}, ['b', 'c', 'cc'])
    e = info.value
    assert str(e) == lines(
        "Requested outputs not computed: 'c', 'cc'",
        "'c': not computed:",
        "  'g': waited for 'z', which never came",
        "    'z': not computed: nothing produces it and it was not given",
        "'cc': not a node of the model run (pruned to what the requested "
        "outputs need) (closest: 'c')")
    assert e.sol is d.solution and e.ex is None
    assert d.solution == {'a': 1, 'b': 1}
    # Not raising: the solution as in 1.2.0.
    for raises in (False, '', lambda ex: isinstance(ex, KeyError)):
        d.raises = raises
        assert d.dispatch({'a': 1}, ['b', 'c']) == {'a': 1, 'b': 1}
    d.raises = lambda ex: True
    with pytest.raises(sh.DispatcherError):
        d.dispatch({'a': 1}, ['c'])
    d.raises = True  # All there; or simulated: nothing to say.
    assert d.dispatch({'a': 1, 'z': 2}, ['c']) == {'a': 1, 'z': 2, 'b': 1,
                                                   'c': 1}
    assert d.dispatch(['a'], ['c'], no_call=True) == {'a': sh.NONE,
                                                      'b': sh.NONE}


def test_never_run_start_and_odd_ids():
    d = sh.Dispatcher()
    d.add_function('const', lambda: 7, outputs=['k'])
    assert text(d.solution, 'k') == (
        "'k': not reached: the solution was never run")
    sol = d.dispatch()
    assert text(sol, START) == (
        "start: the start node: where the inputs enter the workflow")
    assert text(sol, 'k') == "'k': computed by 'const' (distance 2.0)"
    assert text(sol, ['x']) == "['x']: not a node of the model"
    assert text(sol, ['x'], 'k') == "['x']: not a node of the model"
