# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""
The benchmark package (``python -m benchmarks``), never timed here: every
case's operation runs once and its result is checked, and the reporting is
checked on figures given by hand.
"""
import io
import sys
import math

import pytest

import schedula as sh
from benchmarks import models, report, timing, memory
from benchmarks.cases import CASES, pipe_steps
from benchmarks.__main__ import main

SMALL_ITEMS = [
    ('a', 5), ('b', 6), ('k', 3), ('c', 11), ('d', 8), ('e', 64), ('f', 75),
    ('g', math.sqrt(75)), ('h', math.sqrt(75) - 5)]


def _run(name):
    """Builds a case and runs its operation once (no timing)."""
    return CASES[name]().op()


def test_cases_are_the_reference_ones_plus_pipe_and_chain100k():
    assert list(CASES) == [
        'small', 'small_nocall', 'small_outputs', 'sdf', 'dispatchpipe',
        'pipe', 'pipe_chain200', 'dispatchpipe_chain200', 'chain1000', 'chain100k', 'layered_all', 'layered_target',
        'layered_build', 'nested', 'peers', 'memory']


def test_small():
    sol = _run('small')
    assert list(sol.items()) == SMALL_ITEMS
    assert list(sol.dist.items()) == [
        (sh.START, -1), ('a', 0), ('b', 0), ('k', 0), ('add', 1), ('c', 2),
        ('sub', 3), ('d', 4), ('sq', 5), ('e', 6), ('half', 6), ('add2', 7),
        ('f', 8), ('sqrt', 9), ('g', 10), ('sub2', 11), ('h', 12)]


def test_small_nocall():
    sol = _run('small_nocall')
    assert list(sol) == [k for k, _ in SMALL_ITEMS]
    assert all(v is sh.NONE for v in sol.values())


def test_small_outputs():
    assert list(_run('small_outputs').items()) == SMALL_ITEMS[:6]


@pytest.mark.parametrize('name', ['sdf', 'dispatchpipe', 'pipe'])
def test_wrappers(name):
    # Needs SubDispatchFunction, DispatchPipe and SubDispatchPipe.
    assert _run(name) == [math.sqrt(75) - 5, 64]


def test_pipe_floor_calls_the_pipe_functions_in_its_order():
    # Needs SubDispatchPipe.
    pipe = sh.SubDispatchPipe(models.small_model(), 'f', ['a', 'b'],
                              ['h', 'e'])
    assert pipe_steps(pipe) == [
        (models._add, ['a', 'b'], ['c']), (models._sub, ['c', 'k'], ['d']),
        (models._square, ['d'], ['e']), (models._add, ['e', 'c'], ['f']),
        (math.sqrt, ['f'], ['g']), (models._sub, ['g', 'a'], ['h'])]
    for name in ('pipe', 'dispatchpipe'):
        bench = CASES[name]()
        assert bench.floor() == bench.op() == [math.sqrt(75) - 5, 64]


@pytest.mark.parametrize('name', ['pipe_chain200', 'dispatchpipe_chain200'])
def test_pipe_chain200_beside_its_direct_calls(name):
    bench = CASES[name]()
    assert bench.nodes == 200
    assert bench.op() == 200 and bench.floor() == [200]


def test_chain1000():
    bench = CASES['chain1000']()
    sol = bench.op()
    assert bench.nodes == 1000
    assert list(sol) == ['x%d' % i for i in range(1001)]
    assert list(sol.values()) == list(range(1001))


def test_chain100k_has_no_recursion_error():
    bench = CASES['chain100k']()
    assert (bench.once, bench.nodes, list(bench.extra)) == (
        True, 100000, ['build_s'])
    sol = bench.op()
    assert len(sol) == 100001
    assert sol['x100000'] == 100000
    assert sol.dist['x100000'] == 200000


def _layered_reference():
    """Distances of the layered model computed without schedula."""
    dsp, inputs = models.layered_model()
    dist = dict.fromkeys(inputs, 0)
    producers = {}
    for fid, attr in dsp.function_nodes.items():
        producers.setdefault(attr['outputs'][0], []).append(attr)
    for layer in range(1, 40):  # Layer by layer: inputs are all known.
        for j in range(40):
            out = 'd%d_%d' % (layer, j)
            dist[out] = min(
                max(dist[i] for i in a['inputs']) + a['weight'] + 2
                for a in producers[out])
    return dist, producers


def test_layered_all_picks_the_cheapest_producers():
    sol = _run('layered_all')
    dist, producers = _layered_reference()
    assert len(sol) == 1600
    assert {k: sol.dist[k] for k in sol} == dist
    for out, attrs in producers.items():
        # The value comes from a producer at the least distance (ties: any).
        assert sol[out] in {
            sum(sol[i] for i in a['inputs']) for a in attrs
            if max(dist[i] for i in a['inputs']) + a['weight'] + 2 ==
            dist[out]}


def test_layered_target_stops_at_the_target():
    sol = _run('layered_target')
    full = _run('layered_all')
    assert sol['d39_0'] == full['d39_0']
    assert sol.dist['d39_0'] == 260
    assert len(sol) < 1600
    assert max(sol.dist[k] for k in sol) == 260


def test_layered_build():
    dsp, inputs = _run('layered_build')
    assert inputs == {'d0_%d' % j: j for j in range(40)}
    assert (len(dsp.function_nodes), len(dsp.data_nodes)) == (3120, 1600)


def test_nested():
    sol = _run('nested')
    assert list(sol.items()) == [('v%d' % i, 10 * i) for i in range(51)]
    assert len(sol.sub_sol) == 51


def test_peers_run_the_same_chain():
    # Needs the bench extra (pipefunc, apache-hamilton).
    bench = CASES['peers']()
    assert (bench.nodes, list(bench.peers)) == (200, ['pipefunc', 'hamilton'])
    assert [bench.op()] + [op() for op in bench.peers.values()] == [200] * 3


def test_peers_without_the_bench_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, 'pipefunc', None)  # Import fails.
    assert report.run_case('peers', unit=1.0) == {
        'unavailable': 'pipefunc is not installed (pip install '
                       'schedula[bench])'}


def test_memory_reports_bytes_per_node():
    bench = CASES['memory']()
    assert (bench.once, bench.nodes, list(bench.extra)) == (
        True, 20000, ['model_bytes_per_node', 'solution_bytes_per_node',
                      'grid_model_bytes_per_node',
                      'grid_solution_bytes_per_node'])
    for size in bench.extra.values():
        assert 500 < size < 4000
    assert bench.op()['x20000'] == 20000


def test_memory_is_counted_after_the_first_dispatcher():
    # The modules loaded by a first Dispatcher() (networkx) are not counted:
    # the figures are the same in a fresh process as after other models.
    def build():
        return models.chain_model(500), {'x0': 0}, 500

    figures = memory.footprint(build)[:3]
    assert figures == memory.footprint(build)[:3]
    assert figures[0] / 500 < memory.BASELINE_120['model']


def test_memory_breakdown_of_the_grid():
    model, solution, functions, dsp, inputs = memory.footprint(
        lambda: models.grid_model(3, 4) + (8,))
    assert functions == 8 and model > 0 and solution > 0
    parts = memory.breakdown(dsp)
    assert list(parts)[:3] == [
        'model outer dicts', 'model node ids', 'model node attr dicts']
    assert all(size > 0 for part, size in parts.items()
               if not part.startswith('workflow node ids'))
    assert dsp.solution['D3'] == 11


def test_grid_model():
    dsp, inputs = models.grid_model(3, 4)
    assert inputs == {'A1': 0, 'B1': 1, 'C1': 2, 'D1': 3}
    assert dsp.nodes['B2=SUM(A1:C1)']['inputs'] == ['A1', 'B1', 'C1']
    assert dsp.nodes['A3=SUM(A2:B2)']['outputs'] == ['A3']
    assert list(dsp.dispatch(inputs).items())[4:] == [
        ('A2', 1), ('B2', 3), ('C2', 6), ('D2', 5), ('A3', 4), ('B3', 10),
        ('C3', 14), ('D3', 11)]
    assert [models.column_name(c) for c in (0, 25, 26, 199)] == [
        'A', 'Z', 'AA', 'GR']


def test_peers_are_timed_in_turns():
    calls = []
    seconds = timing.best_of_each(
        {'a': lambda: calls.append('a'), 'b': lambda: calls.append('b')},
        min_time=0, repeat=3)
    assert list(seconds) == ['a', 'b'] and min(seconds.values()) >= 0
    assert calls == ['a', 'b'] + ['a', 'b'] * 3


def test_notes_of_peers_and_memory():
    figures = {'us': 1.0, 'units': 2.0, 'pipefunc_us': 3.0,
               'vs_pipefunc': 0.5, 'hamilton_us': 4.0, 'vs_hamilton': 0.25,
               'model_bytes_per_node': 1900.4,
               'solution_bytes_per_node': 2600.6,
               'grid_model_bytes_per_node': 2100.4,
               'grid_solution_bytes_per_node': 3100.6}
    assert report._notes(figures) == (
        'pipefunc 3 us (schedula/pipefunc 0.50), hamilton 4 us '
        '(schedula/hamilton 0.25), bytes/node: model 1900, solution 2601, '
        'grid bytes/node: model 2100, solution 3101')


# ------------------------------------------------------------- reporting ---
def test_missing_class_is_reported_unavailable(monkeypatch):
    monkeypatch.setattr(models, 'sh', object())
    figures = report.run_case('sdf', unit=1.0)
    assert list(figures) == ['unavailable']
    assert figures['unavailable'].startswith(
        'schedula.SubDispatchFunction is missing (')


def test_broken_case_is_reported_as_error(monkeypatch):
    def case_broken():
        raise RecursionError('maximum recursion depth exceeded')

    monkeypatch.setitem(CASES, 'broken', case_broken)
    assert report.run_case('broken', unit=1.0) == {
        'error': 'RecursionError: maximum recursion depth exceeded'}


def test_change():
    assert report.change({'units': 90}, {'units': 120}) == '-25.0%'
    assert report.change({'units': 130}, {'units': 100}) == '+30.0%'
    assert report.change({'units': 90}, {'unavailable': 'x'}) == 'n/a'
    assert report.change({'error': 'x'}, {'units': 1}) == 'n/a'


RUN = {
    'schedula': '1.2.0', 'python': '3.11.7', 'floor_unit_us': 0.05,
    'cases': {
        'small': {'us': 6.0, 'units': 120.0},
        'pipe': {'us': 4.0, 'units': 80.0, 'floor_us': 0.5,
                 'floor_units': 10.0, 'ratio': 8.0},
        'chain100k': {'us': 150000.0, 'units': 3000000.0, 'calls': 1,
                      'units_per_node': 30.0, 'build_s': 1.25},
        'sdf': {'unavailable': 'schedula.SubDispatchFunction is missing'},
    }
}


def _table(previous=None):
    out = io.StringIO()
    table = report.Table(out, previous)
    for name, figures in RUN['cases'].items():
        table.row(name, figures)
    table.footer(RUN)
    return out.getvalue().splitlines()


def test_table():
    assert _table() == [
        'case                   us/op      units     1.2.0    target  notes',
        'small                    6.0        120       693       139  ',
        'pipe                     4.0         80         -         -  '
        'direct 0.50 us (10 units), ratio 8.0x',
        'chain100k           150000.0    3000000         -         -  '
        '1 call, 30.0 units/node, build 1.25 s',
        'sdf              unavailable          -       769       154  '
        'unavailable: schedula.SubDispatchFunction is missing',
        'floor unit: 0.0500 us; units = time / floor unit (one plain call '
        'of the chain function, result stored in a dict)']


def test_table_compared_with_a_previous_run():
    previous = {'floor_unit_us': 0.04, 'cases': {
        'small': {'us': 6.0, 'units': 150.0}, 'sdf': {'us': 1, 'units': 9}}}
    lines = _table(previous)
    assert lines[0].endswith('    before   change  notes')
    assert lines[1] == ('small                    6.0        120       693'
                        '       139        150   -20.0%  ')
    assert lines[2].startswith('pipe                     4.0         80'
                               '         -         -          -      n/a  ')
    assert lines[4].startswith('sdf              unavailable          -'
                               '       769       154          9      n/a  ')
    assert lines[5].startswith('floor unit: 0.0500 us (before: 0.0400 us);')


def test_cli_list(capsys):
    assert main(['--list']) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in lines] == list(CASES)
    assert lines[0] == 'small           Small model, full dispatch.'


def test_cli_unknown_case(capsys):
    with pytest.raises(SystemExit) as info:
        main(['nope'])
    assert info.value.code == 2
    assert 'unknown case(s): nope' in capsys.readouterr().err
