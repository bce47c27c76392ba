# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""
`counter`, `Token`, the constants and the exceptions (spec 01 §2, §3, §4).
"""
import copy
import pickle

import dill
import pytest

import schedula as sh
from schedula.utils import cst, gen
from schedula.utils.gen import Token, counter

#: A module-level token of this test module (pickled by reference).
MODULE_TOKEN = Token('module_token')

CONSTANTS = [('EMPTY', 'empty'), ('START', 'start'), ('NONE', 'none'),
             ('SINK', 'sink'), ('SELF', 'self'), ('END', 'end'),
             ('PLOT', 'plot')]
PICKLERS = [pickle, dill]


# --- §2.1 counter -----------------------------------------------------------
def test_counter_defaults():
    c = sh.counter()
    assert (c(), c(), c()) == (0, 1, 2)


def test_counter_start_step():
    c = sh.counter(5, 0.5)
    assert (c(), c(), c()) == (5, 5.5, 6.0)


def test_counter_deepcopy_keeps_state_independently():
    c = counter()
    c(), c()
    d = copy.deepcopy(c)
    assert (d(), d(), c()) == (2, 3, 2)
    assert c() == 3


@pytest.mark.parametrize('pkl', PICKLERS)
def test_counter_pickle_keeps_state(pkl):
    c = counter(10, 2)
    c()
    d = pkl.loads(pkl.dumps(c))
    assert (d(), d(), c()) == (12, 14, 12)


# --- §2.2 Token -------------------------------------------------------------
def test_token_is_a_str_equal_only_to_itself():
    a = Token('a')
    assert isinstance(a, str) and isinstance(a, Token)
    assert (a == 'a', a == Token('a'), a == a, a >= 'a') == \
           (False, False, True, True)
    assert (a != 'a', a != a) == (True, False)
    assert hash(a) == id(a)
    assert 'sink' not in {sh.SINK: 1}
    assert sh.SINK in {sh.SINK: 1}


def test_token_text_from_args():
    assert str(Token('a')) == 'a'
    assert str(Token(1)) == '1'
    assert str(Token()) == ''


def test_token_repr_is_the_token_itself():
    a = Token('a')
    assert str(repr(a)) == 'a' and repr(a) is a
    assert str(repr(sh.SINK)) == 'sink'
    assert repr([sh.SINK]) == '[sink]'
    assert repr({sh.START: 1}) == '{start: 1}'
    assert repr((a, 'b')) == "(a, 'b')"


def test_token_string_methods_return_plain_str():
    a = Token('a')
    assert type(a + 'x') is str and a + 'x' == 'ax'
    assert type(str(a)) is str and str(a) == 'a'
    assert type(a.upper()) is str and a.upper() == 'A'


def test_token_sorting_uses_str_ordering():
    a = Token('a')
    res = sorted(['c', a, 'b'], key=str)
    assert res == [a, 'b', 'c'] and res[0] is a
    assert repr(res) == "[a, 'b', 'c']"


def test_token_copies_are_itself():
    a = Token('a')
    assert copy.copy(a) is a and copy.deepcopy(a) is a
    assert copy.deepcopy([a, {a: a}])[0] is a


def test_token_module_name_is_the_calling_module():
    assert Token('x').module_name == __name__
    assert sh.SINK.module_name == 'schedula.utils.cst'


def test_token_doc():
    assert gen._Token.__doc__ is None
    assert Token.__doc__
    assert Token('x').__doc__ == Token.__doc__


@pytest.mark.parametrize('pkl', PICKLERS)
@pytest.mark.parametrize('name', [n for n, _ in CONSTANTS])
def test_constants_round_trip_to_the_same_object(pkl, name):
    token = getattr(sh, name)
    assert pkl.loads(pkl.dumps(token)) is token
    assert pkl.loads(pkl.dumps([token, {token: 1}]))[0] is token


@pytest.mark.parametrize('pkl', PICKLERS)
def test_module_level_token_of_any_module_round_trips(pkl):
    assert pkl.loads(pkl.dumps(MODULE_TOKEN)) is MODULE_TOKEN


@pytest.mark.parametrize('pkl', PICKLERS)
def test_local_token_round_trips_to_an_equal_text_new_token(pkl):
    a = Token('local')
    b = pkl.loads(pkl.dumps(a))
    assert type(b) is Token and str(b) == 'local'
    assert b is not a and b != a
    assert b.module_name == __name__


# --- §3 constants -----------------------------------------------------------
@pytest.mark.parametrize('name,text', CONSTANTS)
def test_constants(name, text):
    token = getattr(cst, name)
    assert getattr(sh, name) is token
    assert type(token) is Token
    assert str(token) == text and str(repr(token)) == text
    assert token.module_name == 'schedula.utils.cst'
    assert token != text


def test_constants_docs():
    assert sh.START.__doc__ == \
           'Starting node that identifies initial inputs of the workflow.'
    assert sh.SINK.__doc__ == \
           'Sink node of the dispatcher that collects all unused outputs.'
    for name in ('EMPTY', 'NONE', 'SELF', 'END', 'PLOT'):
        assert getattr(sh, name).__doc__ == Token.__doc__, name


def test_cst_all():
    assert cst.__all__ == ['EMPTY', 'START', 'NONE', 'SINK', 'SELF', 'END',
                           'PLOT']


# --- §4 exceptions ----------------------------------------------------------
def test_exception_bases():
    assert sh.DispatcherError.__bases__ == (Exception,)
    assert sh.DispatcherAbort.__bases__ == (BaseException,)
    assert sh.SkipNode.__bases__ == (BaseException,)
    assert sh.ExecutorShutdown.__bases__ == (BaseException,)


def test_dispatcher_error_attributes():
    ex = ValueError('x')
    e = sh.DispatcherError('msg', ex=ex)
    assert repr(e) == "DispatcherError('msg')"
    assert (e.sol, e.plot, e.ex) == (None, None, ex)
    assert e.args == ('msg',)


def test_dispatcher_error_str_is_formatted():
    # Issue 13 (1.2.0 printed the args tuple); the args are unchanged.
    e = sh.DispatcherError('m %s', 1)
    assert str(e) == 'm 1' and e.args == ('m %s', 1)
    assert str(sh.DispatcherError('m')) == 'm'
    assert str(sh.DispatcherError('m', 1)) == "('m', 1)"  # Not a template.


def test_dispatcher_error_rejects_extra_keywords():
    with pytest.raises(TypeError) as info:
        sh.DispatcherError('m', foo=1)
    assert str(info.value) == 'DispatcherError() takes no keyword arguments'


def test_dispatcher_error_update_binds_solution_plot():
    sol = sh.Dispatcher().dispatch()
    e = sh.DispatcherError('m', sol=sol)
    assert e.sol is sol and e.plot == sol.plot
    e.update(None)
    assert (e.sol, e.plot) == (None, None)


@pytest.mark.parametrize('pkl', PICKLERS)
def test_dispatcher_error_pickle_drops_solution(pkl):
    sol = sh.Dispatcher().dispatch()
    e = sh.DispatcherError('m', 1, sol=sol, ex=KeyError('k'))
    e2 = pkl.loads(pkl.dumps(e))
    assert type(e2) is sh.DispatcherError and e2.args == ('m', 1)
    assert (e2.sol, e2.plot) == (None, None)
    assert repr(e2.ex) == "KeyError('k')"
    cls, args, state = e.__reduce__()[:3]
    assert cls is sh.DispatcherError and args == ('m', 1)
    assert 'sol' not in state and 'plot' not in state and 'ex' in state


def test_skip_node():
    e = sh.SkipNode('a', ex=KeyError('z'))
    assert repr(e.ex) == "KeyError('z')" and e.args == ('a',)
    assert sh.SkipNode().ex is None


def test_abort_and_shutdown_are_not_exceptions():
    assert not issubclass(sh.DispatcherAbort, Exception)
    assert not issubclass(sh.ExecutorShutdown, Exception)
    assert sh.DispatcherAbort('x').args == ('x',)


def test_pickle_a_token_made_where_there_is_no_module():
    namespace = {}
    exec('from schedula.utils.gen import Token; t = Token("x")', namespace)
    token = namespace['t']
    token.module_name = None
    loaded = pickle.loads(pickle.dumps(token))
    assert str(loaded) == 'x' and loaded is not token
