# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""
Guards of the dispatch engine (spec 02): each test pins a behaviour that a
mutation pass (central lines broken one at a time) showed unpinned by the
rest of the suite.
"""
import schedula as sh


def test_child_stops_at_its_targets():
    # Once `u` (its only output) is reached, the child visits nothing more:
    # `z`, at the same distance, is never computed.
    child = sh.Dispatcher(name='child')
    child.add_function('f1', abs, ['x'], ['u'])
    child.add_function('f2', abs, ['x'], ['z'])
    d = sh.Dispatcher()
    d.add_dispatcher(child, {'a': 'x'}, {'u': 'U'}, 'S')
    sol = d.dispatch({'a': -1})
    assert list(sol.items()) == [('a', -1), ('U', 1)]
    sub = sol.workflow.nodes['S']['solution']
    assert list(sub.items()) == [('x', -1), ('u', 1)]
    assert list(sol.pipe) == ['a', ('S', 'x'), ('S', 'f1'), ('S', 'f2'),
                              ('S', 'u'), 'U']
