# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""
Node descriptions and value types from docstrings: `schedula.utils.des`
(spec 03 §10) and `get_node(..., node_attr='description' | 'value_type')`
(spec 01 §16-§17).
"""
import pytest

import schedula as sh
from schedula.utils.des import (
    get_summary, get_attr_doc, get_link, search_node_description as snd,
    _search_doc_in_func
)


def area(width, height):
    """
    Compute the rectangle area.

    :param width:
        Width in metres.
    :type width: float
    :return:
        The area value.
    :rtype: float
    """
    return width * height


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


def one(p):
    """
    :param p:
        Doc of p.
    :return:
        Doc of the result of one.
    """
    return p


def two(q, r):
    """
    :param q:
        Doc of q.
    :param r:
        Doc of r.
    :return:
        Doc of the result of two.
    """
    return q, r


def varargs(a, *args, c=0):
    """
    :param a:
        Doc of a.
    :param args:
        Doc of args.
    :param c:
        Doc of c.
    """


def domain(x, y, z):
    """
    :param x:
        Domain doc of x.
    :param y:
        Domain doc of y.
    :param z:
        Domain doc of z.
    """
    return True


def no_params():
    """
    :return:
        A constant.
    """
    return 1


def undocumented(a):
    return a


def link(obj):
    return '%s.%s' % (obj.__module__, obj.__name__)


DOC = '''
    Compute it.

    :param width:
        Width in metres. Must be positive.
    :type width: float

    :param int height:
        height value
    :return:
        The area value.
    :rtype: float
'''


@pytest.fixture
def geo():
    d = sh.Dispatcher(name='geo')
    d.add_function('area', area, ['w', 'h'], ['A'])
    d.add_function('dbl', sh.partial(area, 2), ['A'], ['B'])
    d.add_data('D', description='Explicit text. More text.')
    return d


@pytest.fixture
def inner():
    inner = sh.Dispatcher(name='inner', description='Inner model.')
    inner.add_function('sum', fun, ['x', 'y'], ['z'])
    return inner


@pytest.fixture
def outer2(inner):
    outer2 = sh.Dispatcher(name='outer')
    outer2.add_data('a', 2, description='Value of a. More.')
    outer2.add_function('plus', fun, ['a', 'b'], ['c'])
    outer2.add_dispatcher(inner, {'c': 'x', 'a': 'y'}, {'z': 'w'},
                          dsp_id='inner')
    return outer2


def describe(dsp, node_id, what='description'):
    return snd(node_id, dsp.nodes[node_id], dsp, what)


# ---------------------------------------------------------------------------
# get_summary (03 §10.1, 01 §17.2)
# ---------------------------------------------------------------------------
def test_get_summary_spec_examples():
    assert get_summary(['', '  hello world', 'next line.', '', 'other']) == \
        'hello world'
    assert get_summary(['Multi line', 'sentence ends here. More.']) == \
        'Multi line sentence ends here.'
    assert get_summary(['Version 1.2 is out']) == 'Version 1.2 is out'
    assert get_summary([]) == ''
    assert get_summary(
        ['    Compute the rectangle', '    area of it.', '    More']
    ) == 'Compute the rectangle     area of it.'


def test_get_summary_mutates_the_list():
    lines = ['', '  ', 'First.', 'second', ' ', 'other', '', 'last']
    assert get_summary(lines) == 'First.'
    assert lines == ['First.', 'second']


def test_get_summary_blank_lines_only():
    lines = ['', '   ', '\t']
    assert get_summary(lines) == ''
    assert lines == []


def test_get_summary_sentence_rule():
    # The first dot followed by a blank or the end closes the sentence.
    assert get_summary(['Ends here.']) == 'Ends here.'
    assert get_summary(['Ends here.\tTab.']) == 'Ends here.'
    assert get_summary(['  Padded sentence.  ', 'Next.']) == \
        'Padded sentence.'
    assert get_summary(['See e.g. this. Then.']) == 'See e.g.'
    # No upper-case first letter or no closing dot: the first line.
    assert get_summary(['lower case. Sentence.', 'x']) == \
        'lower case. Sentence.'
    assert get_summary(['  No dot here', 'Nor here']) == 'No dot here'
    assert get_summary(['1. Numbered.', 'x']) == '1. Numbered.'
    assert get_summary(['Dot.inside only', 'x']) == 'Dot.inside only'
    assert get_summary(['Dot.inside only', 'and then. More']) == \
        'Dot.inside only and then.'


# ---------------------------------------------------------------------------
# get_attr_doc (03 §10.2, 01 §17.2)
# ---------------------------------------------------------------------------
def test_get_attr_doc_spec_examples():
    assert (get_attr_doc(DOC, 'width'),
            get_attr_doc(DOC, 'width', what='value_type')) == \
        ('Width in metres.', 'float')
    assert (get_attr_doc(DOC, 'height'),
            get_attr_doc(DOC, 'height', what='value_type')) == \
        ('height value', 'int')
    assert (get_attr_doc(DOC, None, False),
            get_attr_doc(DOC, None, False, 'value_type'),
            get_attr_doc(DOC, 'depth')) == ('The area value.', 'float', '')


def test_get_attr_doc_returns_and_rtype():
    doc = ':returns: Result text. More.\n:rtype: int | float\n'
    assert get_attr_doc(doc, None, False) == 'Result text.'
    assert get_attr_doc(doc, None, False, 'value_type') == 'int | float'
    assert get_attr_doc('No fields.', None, False) == ''
    assert get_attr_doc('No fields.', None, False, 'value_type') == ''


def test_get_attr_doc_rest_of_the_line_is_the_first_line():
    doc = ':param x: Inline doc. More.\n    :param y:   text\n'
    assert get_attr_doc(doc, 'x') == 'Inline doc.'
    assert get_attr_doc(doc, 'y') == 'text'
    assert get_attr_doc(':param x:\n\n\n    After blanks.', 'x') == \
        'After blanks.'


def test_get_attr_doc_value_type():
    # Inline types win over `:type:`; the types group is returned raw.
    doc = (':param int x:\n    X.\n:type x: str\n'
           ':param  dict  y:\n    Y.\n'
           ':param z:\n    Z.\n')
    assert get_attr_doc(doc, 'x', what='value_type') == 'int'
    assert get_attr_doc(doc, 'y', what='value_type') == 'dict '
    # Neither an inline type nor a `:type:` field.
    assert get_attr_doc(doc, 'z', what='value_type') == ''
    # A `:type:` without any `:param:`.
    assert get_attr_doc(':type k: list\n', 'k', what='value_type') == 'list'


def test_get_attr_doc_name_boundaries():
    doc = ':param data:\n    Data.\n:param a:\n    A.\n:param ab:\n    AB.\n'
    assert get_attr_doc(doc, 'a') == 'A.'
    assert get_attr_doc(doc, 'ab') == 'AB.'
    assert get_attr_doc(doc, 'b') == ''


def test_get_attr_doc_other_what_is_a_description():
    assert get_attr_doc(DOC, 'width', what='unit') == 'Width in metres.'
    assert get_attr_doc(DOC, None, False, 'unit') == 'The area value.'


def test_get_attr_doc_raw_regex_names():
    # The name is not escaped (1.2.0): '.' matches any character.
    doc = ':param a_b:\n    Underscore.\n'
    assert get_attr_doc(doc, 'a.b') == 'Underscore.'
    # An invalid expression finds nothing (1.2.0 raised re.error).
    assert get_attr_doc(doc, 'a(b') == ''
    assert get_attr_doc(doc, 'a(b', what='value_type') == ''


# ---------------------------------------------------------------------------
# get_link (03 §10.3)
# ---------------------------------------------------------------------------
def test_get_link():
    assert (get_link('plus', max), get_link('b', None)) == ('builtins.max', '')
    assert get_link() == ''
    assert get_link('a', fun) == link(fun)
    assert get_link(fun, max) == link(fun)
    # Dispatchers and partials have a module but no name; tokens too.
    assert get_link(sh.SINK, sh.Dispatcher(name='d'), sh.partial(fun, 1)) == ''
    assert get_link(sh.SINK, sh.Dispatcher(), sh.partial(fun, 1), max) == \
        'builtins.max'


def test_get_link_sub_dispatch():  # Needs the SubDispatch family.
    d = sh.Dispatcher(name='fn')
    assert get_link('x', sh.SubDispatch(d)) == 'schedula.utils.dsp.fn'


# ---------------------------------------------------------------------------
# search_node_description (03 §10.4-§10.5, 01 §17)
# ---------------------------------------------------------------------------
def test_search_node_description_spec_example(geo):
    d = geo
    assert (describe(d, 'w'), describe(d, 'w', 'value_type')) == \
        (('Width in metres.', ''), ('float', ''))
    # No `:param height:` for dbl's 2nd arg -> the producer's `:return:`.
    assert describe(d, 'A') == ('The area value.', '')
    assert (describe(d, 'h'), describe(d, 'D')) == \
        (('', ''), ('Explicit text.', ''))
    assert describe(d, 'area') == ('Compute the rectangle area.', link(area))
    assert (d.get_node('w', node_attr='description'),
            d.get_node('A', node_attr='value_type')) == \
        (('Width in metres.', ('w',)), ('float', ('A',)))
    outer = sh.Dispatcher()
    assert outer.add_dispatcher(d, {'W': 'w'}, {'A': 'AA'}, dsp_id='S') == 'S'
    assert (describe(outer, 'W'), describe(outer, 'AA'),
            describe(outer, 'S')) == \
        (('Width in metres.', ''), ('The area value.', ''), ('geo', ''))


def test_get_node_descriptions_outer2(outer2):
    assert [outer2.get_node(n, node_attr='description')[0]
            for n in ('a', 'b', 'c', 'plus', 'inner', 'w')] == \
        ['Value of a.', 'Second addend.', 'The total.', 'Sum.',
         'Inner model.', 'The total.']
    assert [outer2.get_node(n, node_attr='value_type')[0]
            for n in ('b', 'c')] == ['int', 'float']
    assert outer2.get_node('inner', 'x', node_attr='description') == \
        ('First addend.', ('inner', 'x'))
    assert outer2.get_node('inn', 'y', node_attr='value_type') == \
        ('int', ('inner', 'y'))


def test_explicit_attribute_wins(outer2):
    # Even an empty one: no neighbourhood search.
    outer2.add_data('b', description='')
    assert describe(outer2, 'b') == ('', '')
    outer2.add_data('b', description='\n\n  first paragraph\n\nSecond.')
    assert describe(outer2, 'b') == ('first paragraph', '')
    # Any attribute named like `what`; a function node keeps its link.
    outer2.add_data('b', unit='m. More')
    assert describe(outer2, 'b', 'unit') == ('m. More', '')
    assert describe(outer2, 'b', 'value_type') == ('int', '')
    outer2.nodes['plus']['value_type'] = 'Number. Of any kind.'
    assert describe(outer2, 'plus', 'value_type') == ('Number.', link(fun))
    assert describe(outer2, 'plus') == ('Sum.', link(fun))
    d = sh.Dispatcher()
    d.add_function('f', fun, ['x'], ['y'], description='Given text.')
    assert describe(d, 'f') == ('Given text.', link(fun))


def test_non_string_attribute_is_converted():
    d = sh.Dispatcher()
    d.add_data('n', value_type=float)
    assert describe(d, 'n', 'value_type') == ("<class 'float'>", '')


def test_function_node_text():
    d = sh.Dispatcher(name='d')
    d.add_function('plus', fun, ['a', 'b'], ['c'])
    d.add_function('wrapped', sh.add_args(sh.partial(area, 1)), ['x'], ['y'])
    d.add_function('undoc', undocumented, ['u'], ['v'])
    d.add_function('builtin', max, ['u'], ['w'])
    # The docstring is used for any `what`.
    assert describe(d, 'plus', 'value_type') == ('Sum.', link(fun))
    assert describe(d, 'plus', 'anything') == ('Sum.', link(fun))
    # Wrappers are unwrapped with parent_func.
    assert describe(d, 'wrapped') == \
        ('Compute the rectangle area.', link(area))
    # A function without docstring gives no text, but its link.
    assert describe(d, 'undoc') == ('', link(undocumented))
    # Not a sentence (lower-case start): the first line.
    assert describe(d, 'builtin') == (
        'max(iterable, *[, default=obj, key=func]) -> value', 'builtins.max'
    )


def test_function_node_without_function():
    # Searched like a data node (its neighbours are data nodes: nothing).
    d = sh.Dispatcher()
    d.add_function('sketch', inputs=['a'], outputs=['b'])
    d.add_function('f', one, ['b'], ['c'])
    assert describe(d, 'sketch') == ('', '')
    assert describe(d, 'b') == ('Doc of p.', '')
    assert describe(d, 'a') == ('', '')


def test_dispatcher_node_text(inner):
    outer = sh.Dispatcher()
    outer.add_dispatcher(inner, {'A': 'x'}, {'z': 'Z'}, dsp_id='with_doc')
    outer.add_dispatcher(inner, {'A': 'x'}, {'z': 'Z'}, dsp_id='own',
                         description='Own text.')
    anonymous = sh.Dispatcher(name='anon')
    outer.add_dispatcher(anonymous, {'A': 'x'}, {'z': 'Z'}, dsp_id='S')
    assert describe(outer, 'with_doc') == ('Inner model.', '')
    assert describe(outer, 'own') == ('Own text.', '')
    assert describe(outer, 'S') == ('anon', '')
    # The child's description is copied in the node: a later change of it
    # is not seen, but a change of the node is.
    del outer.nodes['with_doc']['description']
    inner.__doc__ = 'Changed.'
    assert describe(outer, 'with_doc') == ('Changed.', '')
    inner.__doc__ = ''
    assert describe(outer, 'with_doc') == ('inner', '')


# ---------------------------------------------------------------------------
# Neighbourhood search (03 §10.5, 01 §17.3)
# ---------------------------------------------------------------------------
def test_phase_order_consumers_first():
    d = sh.Dispatcher()
    d.add_function('one', one, ['x'], ['m'])
    d.add_function('two', two, ['m', 'n'], ['y'])
    # m is consumed by two (`:param q:`) and produced by one (`:return:`).
    assert describe(d, 'm') == ('Doc of q.', '')
    assert describe(d, 'y') == ('Doc of the result of two.', '')
    assert describe(d, 'n') == ('Doc of r.', '')


def test_consumers_sorted_by_id():
    d = sh.Dispatcher()
    d.add_function('zeta', two, ['x', 'k'], ['y'])
    d.add_function('alpha', one, ['x'], ['z'])
    assert describe(d, 'x') == ('Doc of p.', '')
    d = sh.Dispatcher()
    d.add_function('alpha', two, ['x', 'k'], ['y'])
    d.add_function('zeta', one, ['x'], ['z'])
    assert describe(d, 'x') == ('Doc of q.', '')
    # An empty candidate lets the next one speak.
    d = sh.Dispatcher()
    d.add_function('alpha', undocumented, ['x'], ['y'])
    d.add_function('beta', fun, ['k', 'x'], ['z'])
    assert describe(d, 'x') == ('Second addend.', '')


def test_mixed_type_ids_sorted_as_strings():
    # 1.2.0 crashed sorting mixed neighbour ids; they are sorted as strings.
    d = sh.Dispatcher()
    d.add_function('sketch', inputs=[1, 'a'], outputs=['b', 2])
    assert describe(d, 'sketch') == ('', '')


def test_producers_need_one_outgoing_edge():
    d = sh.Dispatcher()
    d.add_function('one', one, ['x'], ['y'])
    assert describe(d, 'y') == ('Doc of the result of one.', '')
    d.add_function('split', two, ['q'], ['r', 's'])
    assert describe(d, 'r') == ('', '')
    # A SINK output counts as an edge.
    d.add_function('sinking', one, ['p'], ['t', sh.SINK])
    assert describe(d, 't') == ('', '')
    # Repeated outputs make one edge.
    d.add_function('rep', one, ['p'], ['u', 'u'])
    assert describe(d, 'u') == ('Doc of the result of one.', '')
    # Producers are sorted too; the first non-empty one wins.
    d.add_function('b_prod', undocumented, ['p'], ['v'])
    d.add_function('a_prod', sh.partial(one), ['p'], ['v'])
    d.add_function('c_prod', two, ['p'], ['v'])
    assert describe(d, 'v') == ('Doc of the result of one.', '')
    assert describe(d, 'v', 'value_type') == ('', '')


def test_consumer_index_mapping():
    d = sh.Dispatcher()
    # partial adds its bound positional args, add_args subtracts its n.
    d.add_function('p', sh.partial(two, 1), ['x'], ['y'])
    d.add_function('aa', sh.add_args(fun), ['s', 'k'], ['w'])
    assert describe(d, 'x') == ('Doc of r.', '')
    assert describe(d, 'k') == ('First addend.', '')
    # Negative index without a domain: the last parameter is used.
    assert describe(d, 's') == ('Second addend.', '')


def test_consumer_index_out_of_range_and_varargs():
    d = sh.Dispatcher()
    d.add_function('f', fun, ['x', 'y', 'z'], ['o'])
    d.add_function('g', varargs, ['a', 'b', 'c'], ['v'])
    # Beyond the parameters: the last one.
    assert describe(d, 'z') == ('Second addend.', '')
    # The walk stops at `*args`.
    assert describe(d, 'a') == ('Doc of a.', '')
    assert describe(d, 'b') == ('Doc of args.', '')
    assert describe(d, 'c') == ('Doc of args.', '')


def test_consumer_without_signature_or_parameters():
    d = sh.Dispatcher()
    d.add_function('m', max, ['x', 'k'], ['y'])      # signature: ValueError
    d.add_function('n', no_params, ['x2'], ['y2'])   # 1.2.0: UnboundLocalError
    d.add_function('u', undocumented, ['x3'], ['y3'])
    assert describe(d, 'x') == ('', '')
    assert describe(d, 'x2') == ('', '')
    assert describe(d, 'x3') == ('', '')
    assert describe(d, 'y') == ('', '')
    assert describe(d, 'y2') == ('A constant.', '')


def test_consumer_input_domain():
    d = sh.Dispatcher()
    # Negative index: the domain is used instead.
    d.add_function('f', sh.add_args(fun), ['x', 'y', 'z'], ['o'],
                   input_domain=domain)
    # Bypass/replicate_value: the domain is used instead.
    d.add_function('b', sh.bypass, ['p', 'q', 'r'], ['o2'],
                   input_domain=domain)
    d.add_function('rv', sh.partial(sh.replicate_value, n=3), ['s'], ['o3'],
                   input_domain=sh.add_args(domain))
    assert describe(d, 'x') == ('Domain doc of x.', '')
    assert describe(d, 'y') == ('First addend.', '')
    assert describe(d, 'q') == ('Domain doc of y.', '')
    # The domain's own mapping gives a negative index: no text.
    assert describe(d, 's') == ('', '')


def test_consumer_domain_not_used_when_not_needed():
    d = sh.Dispatcher()
    d.add_function('f', fun, ['x', 'y'], ['o'], input_domain=domain)
    assert describe(d, 'y') == ('Second addend.', '')


def test_plumbing_functions_give_no_text():
    d = sh.Dispatcher()
    d.add_function('b', sh.bypass, ['x'], ['y'])
    d.add_function('rv', sh.replicate_value, ['p'], ['q'])
    d.add_function('part', sh.partial(sh.bypass, 1), ['s'], ['t'])
    for n in ('x', 'y', 'p', 'q', 's', 't'):
        assert describe(d, n) == ('', ''), n
    # The next candidates (in id order) still speak.
    d.add_function('z_one', one, ['x'], ['u'])
    d.add_function('z_two', two, ['r'], ['y'])
    assert describe(d, 'x') == ('Doc of p.', '')
    assert describe(d, 'y') == ('Doc of the result of two.', '')


def test_sub_dispatcher_consumers_and_producers(inner):
    outer = sh.Dispatcher()
    outer.add_dispatcher(inner, {('X', 'X1'): 'x', 'Y': ('z', 'y')},
                         {'z': ('Z', 'Z1')}, dsp_id='S')
    assert describe(outer, 'X1') == ('First addend.', '')
    # z (a producer's output) has a text: it is the first child of Y.
    assert describe(outer, 'Y') == ('The total.', '')
    assert describe(outer, 'Y', 'value_type') == ('float', '')
    assert describe(outer, 'Z1') == ('The total.', '')
    outer2 = sh.Dispatcher()
    outer2.add_dispatcher(inner, {'Y': ('unknown', 'q', 'y')}, {'z': 'Z'},
                          dsp_id='S')
    # Children missing in the child dispatcher are skipped (1.2.0: KeyError).
    assert describe(outer2, 'Y') == ('Second addend.', '')


def test_sub_dispatcher_first_matching_entry_only(inner):
    inner.add_data('u')
    outer = sh.Dispatcher()
    # Ids are matched exactly ('A' is not found in the key 'AB').
    outer.add_dispatcher(inner, {'AB': 'x', 'A': 'y'}, {'z': 'Z'},
                         dsp_id='S')
    assert describe(outer, 'A') == ('Second addend.', '')
    # Only the first entry containing the id is explored.
    outer = sh.Dispatcher()
    outer.add_dispatcher(inner, {('Y', 'K'): 'u', 'Y': 'y'}, {'u': 'U'},
                         dsp_id='S')
    assert describe(outer, 'Y') == ('', '')
    outer = sh.Dispatcher()
    outer.add_dispatcher(inner, {'K': 'x'}, {'u': 'U', 'z': 'U'},
                         dsp_id='S')
    assert describe(outer, 'U') == ('', '')


def test_sub_dispatcher_phases_order(inner):
    other = sh.Dispatcher(name='other')
    other.add_function('one', one, ['p'], ['r'])
    outer = sh.Dispatcher()
    outer.add_dispatcher(other, {'M': 'p'}, {'r': 'R'}, dsp_id='consumer')
    outer.add_dispatcher(inner, {'X': 'x'}, {'z': 'M'}, dsp_id='producer')
    # Sub-dispatcher consumers come before the producers.
    assert describe(outer, 'M') == ('Doc of p.', '')
    assert describe(outer, 'R') == ('Doc of the result of one.', '')
    # Function phases come before the sub-dispatcher ones.
    outer.add_function('two', two, ['k'], ['M'])
    assert describe(outer, 'M') == ('Doc of the result of two.', '')


def test_nested_sub_dispatchers(inner):
    middle = sh.Dispatcher(name='middle')
    middle.add_dispatcher(inner, {'m': 'x'}, {'z': 'n'}, dsp_id='inner')
    outer = sh.Dispatcher()
    outer.add_dispatcher(middle, {'A': 'm'}, {'n': 'B'}, dsp_id='middle')
    assert describe(outer, 'A') == ('First addend.', '')
    assert describe(outer, 'A', 'value_type') == ('float', '')
    assert describe(outer, 'B') == ('The total.', '')
    assert outer.get_node('middle', 'inner', 'z', node_attr='value_type') == \
        ('float', ('middle', 'inner', 'z'))


def test_search_doc_in_func_start_phase(outer2):
    assert _search_doc_in_func(outer2, 'a') == ('First addend.', '')
    assert _search_doc_in_func(outer2, 'a', False) == ('Second addend.', '')
    assert _search_doc_in_func(outer2, 'a', False, 'dispatcher') == ('', '')
    assert _search_doc_in_func(outer2, 'w', False, 'dispatcher') == \
        ('The total.', '')
    assert _search_doc_in_func(outer2, 'a', True, 'dispatcher') == \
        ('Second addend.', '')
    assert _search_doc_in_func(outer2, 'c', True, 'function') == \
        ('The total.', '')
    assert _search_doc_in_func(outer2, 'c', True, 'dispatcher') == \
        ('First addend.', '')
    assert _search_doc_in_func(outer2, 'c', False, 'dispatcher') == ('', '')
    assert _search_doc_in_func(outer2, 'w', what='value_type') == \
        ('float', '')
    with pytest.raises(ValueError) as info:
        _search_doc_in_func(outer2, 'a', node_type='data')
    assert str(info.value) == \
        "Invalid node_type 'data': it must be 'function' or 'dispatcher'."


# ---------------------------------------------------------------------------
# With the SubDispatch family (03 §9).
# ---------------------------------------------------------------------------
@pytest.fixture
def documented_inner(inner):
    inner.__doc__ = 'Inner model.\n\n:param x:\n    Model doc of x.\n'
    inner.add_function('prod', two, ['x', 'y'], ['v'])
    return inner


def test_sub_dispatch_function_node_text(inner):
    outer = sh.Dispatcher()
    outer.add_function('sd', sh.SubDispatch(inner), ['i'], ['o'])
    anonymous = sh.Dispatcher(name='anon')
    outer.add_function('sd2', sh.add_args(sh.SubDispatch(anonymous)),
                       ['k', 'i'], ['o2'])
    assert describe(outer, 'sd') == \
        ('Inner model.', 'schedula.utils.dsp.inner')
    assert describe(outer, 'sd2') == ('anon', 'schedula.utils.dsp.anon')


def test_sub_dispatch_function_list_recursion(documented_inner):
    outer = sh.Dispatcher()
    f = sh.SubDispatchFunction(documented_inner, 'F', ['x', 'y'], ['z', 'v'])
    assert f.output_type == 'list'
    outer.add_function('F', f, ['P', 'Q'], ['R', 'S'])
    # x in the shrunk model: 'prod' (`:param q:`) sorts before 'sum'.
    assert describe(outer, 'P') == ('Doc of q.', '')
    # y: 'prod' has no type for r, 'sum' has `:type b: int`.
    assert describe(outer, 'Q', 'value_type') == ('int', '')
    # A SubDispatch producer with several outputs is still explored.
    assert describe(outer, 'R') == ('The total.', '')
    assert describe(outer, 'S') == ('Doc of the result of two.', '')
    assert describe(outer, 'F') == ('Inner model.', 'schedula.utils.dsp.F')


def test_sub_dispatch_function_values_not_explored(documented_inner):
    outer = sh.Dispatcher()
    f = sh.SubDispatchFunction(documented_inner, 'G', ['x', 'y'], ['z'])
    assert f.output_type == 'values'
    outer.add_function('G', f, ['P', 'Q'], ['R'])
    # Its own docstring (the model description) is read instead.
    assert describe(outer, 'P') == ('Model doc of x.', '')
    assert describe(outer, 'Q') == ('', '')
    assert describe(outer, 'R') == ('', '')


def test_sub_dispatch_list_producer(documented_inner):
    outer = sh.Dispatcher()
    outer.add_function('sd', sh.SubDispatch(documented_inner, ['v', 'z'],
                                            output_type='list'),
                       ['I'], ['O'])
    outer.add_function('sd_dict', sh.SubDispatch(documented_inner, ['z']),
                       ['I2'], ['O2', 'O3'])
    assert describe(outer, 'O') == ('Doc of the result of two.', '')
    # Not a 'list' output: the docstring has no `:return:`.
    assert describe(outer, 'O2') == ('', '')
    # Consumers: its signature stops at `*input_dicts`.
    assert describe(outer, 'I') == ('', '')
