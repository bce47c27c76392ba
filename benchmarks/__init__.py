# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""
Dispatch-speed benchmarks of schedula.

Run them from the repository root::

    python -m benchmarks                  # every case, as a table
    python -m benchmarks small chain1000  # some cases
    python -m benchmarks --json > a.json  # machine-readable figures
    python -m benchmarks --compare a.json # change against a previous run
    python -m benchmarks --list           # the cases and what they measure

Every case is reported in microseconds per operation and in *floor units*:
the time of one plain Python call of the chain function with its result
stored in a dict, measured in the same run. Units make figures taken on
different machines or at different moments comparable.

Modules:

- :mod:`benchmarks.models`: the benchmark models (no timing);
- :mod:`benchmarks.timing`: the timers and the floor unit;
- :mod:`benchmarks.cases`: the cases (what is timed, on which model);
- :mod:`benchmarks.report`: running the cases, tables, JSON, comparisons;
- :mod:`benchmarks.parallel`: the executors, speed-up and per-task overhead
  (``python -m benchmarks.parallel``);
- :mod:`benchmarks.plot`: plotting the layered model and rendering its site,
  split between our code and Graphviz's ``dot`` (``python -m
  benchmarks.plot [--layers 40] [--workflow]``).

Cases that need classes schedula does not provide yet are reported as
"unavailable".
"""
