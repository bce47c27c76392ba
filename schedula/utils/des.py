# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""
Node descriptions (and value types) read from Sphinx-style docstrings.

A node's text is its own attribute (e.g. ``description``), else the docstring
of its function, else it is searched in its neighbourhood: the ``:param:`` of
the functions consuming it, the ``:return:`` of the function producing it, and
the nodes it is mapped to inside sub-dispatchers.

Used by ``get_node(..., node_attr='description' | 'value_type')`` and by the
plot tooltips.
"""
import re
import inspect

from ._helpers import parent_func, bypass, replicate_value, _is

__all__ = ['get_summary', 'get_attr_doc', 'get_link',
           'search_node_description']

_SUMMARY = re.compile(r'^([A-Z].*?\.)(?:\s|$)')

# The neighbourhood search phases (where_succ, node_type), in order.
_PHASES = ((True, 'function'), (False, 'function'),
           (True, 'dispatcher'), (False, 'dispatcher'))


def get_summary(doc):
    """
    Returns the first sentence of the first paragraph of `doc`.

    Leading blank lines are dropped and `doc` is cut at the next blank line
    (the list is mutated). The kept lines are joined with single spaces
    (inner indentation is kept): if the text starts with an upper-case letter
    and has a ``.`` followed by a blank or the end, the text up to that dot is
    returned, else the first kept line (stripped).

    :param doc:
        Lines of a text.
    :type doc: list[str]

    :return:
        The summary (``''`` if there are no lines).
    :rtype: str

    Example::

        >>> get_summary(['', '  hello world', 'next line.', '', 'other'])
        'hello world'
        >>> get_summary(['Multi line', 'sentence ends here. More.'])
        'Multi line sentence ends here.'
        >>> get_summary(['Version 1.2 is out']), get_summary([])
        ('Version 1.2 is out', '')
        >>> get_summary(['    Compute the rectangle', '    area of it.'])
        'Compute the rectangle     area of it.'
    """
    start = 0
    while start < len(doc) and not doc[start].strip():
        start += 1
    del doc[:start]
    for i, line in enumerate(doc):
        if not line.strip():
            del doc[i:]
            break
    if not doc:
        return ''
    match = _SUMMARY.search(' '.join(doc).strip())
    return match.group(1).strip() if match else doc[0].strip()


def _attr_doc_pattern(doc, attr_name, get_param, what):
    # Returns (pattern of the field, inline type found in a `:param` or None).
    if what == 'value_type':
        if not get_param:
            return r':rtype:', None
        param = re.search(r':param\b.*\b%s:' % attr_name, doc)
        if param:
            types = re.match(
                r':param[\s]+(?P<types>.*)[\s]+%s:' % attr_name, param.group()
            )
            if types and types.group('types'):
                return None, types.group('types')
        return r':type[\s]+%s:' % attr_name, None
    if get_param:
        return r':param\b.*\b%s:' % attr_name, None
    return r':returns?:', None


def get_attr_doc(doc, attr_name, get_param=True, what='description'):
    """
    Returns the summary of a field of a Sphinx-style docstring.

    With ``what='value_type'`` the field is the parameter type (the inline
    type of ``:param <types> <name>:``, else ``:type <name>:``) or, with
    `get_param` false, ``:rtype:``; with any other `what` it is
    ``:param <name>:`` or, with `get_param` false, ``:return:``/
    ``:returns:``. The summary (:func:`get_summary`) is taken from the text
    following the field. `attr_name` goes into the regular expressions as it
    is (not escaped), as in 1.2.0; a name making an invalid expression gives
    ``''`` (1.2.0 raised ``re.error``).

    :param doc:
        Docstring.
    :type doc: str

    :param attr_name:
        Parameter name (ignored when `get_param` is false).
    :type attr_name: str

    :param get_param:
        Search a parameter field (else the return fields)?
    :type get_param: bool

    :param what:
        ``'value_type'`` for types, anything else for descriptions.
    :type what: str

    :return:
        The summary of the field (``''`` if not found).
    :rtype: str

    Example::

        >>> doc = '''
        ...     Compute it.
        ...
        ...     :param width:
        ...         Width in metres. Must be positive.
        ...     :type width: float
        ...
        ...     :param int height:
        ...         height value
        ...     :return:
        ...         The area value.
        ...     :rtype: float
        ... '''
        >>> get_attr_doc(doc, 'width'), get_attr_doc(doc, 'height')
        ('Width in metres.', 'height value')
        >>> get_attr_doc(doc, 'width', what='value_type')
        'float'
        >>> get_attr_doc(doc, 'height', what='value_type')
        'int'
        >>> get_attr_doc(doc, None, False)
        'The area value.'
        >>> get_attr_doc(doc, None, False, 'value_type')
        'float'
        >>> get_attr_doc(doc, 'depth')
        ''
    """
    try:
        pattern, types = _attr_doc_pattern(doc, attr_name, get_param, what)
        if types:
            return types
        match = re.search(pattern, doc)
    except re.error:
        return ''
    return get_summary(doc[match.end():].splitlines()) if match else ''


def get_link(*items):
    """
    Returns ``'<module>.<name>'`` of the first item having both
    ``__module__`` and ``__name__`` (``''`` if none has them).

    :param items:
        Objects (e.g. a node id and its function).
    :type items: object

    :return:
        The dotted link.
    :rtype: str

    Example::

        >>> get_link('plus', max), get_link('b', None)
        ('builtins.max', '')
    """
    for item in items:
        try:
            return '%s.%s' % (item.__module__, item.__name__)
        except AttributeError:
            pass
    return ''


def _fallback_name(func):
    # The name reported for a documentation-less (sub-)dispatcher.
    if _is(func, '_is_dispatcher'):
        return func.name
    if _is(func, '_is_sub_dispatch'):
        return func.dsp.name
    return ''


def _lines(text):
    # 1.2.0 splits the raw text as is; a non-string custom attribute made it
    # crash, so it is converted with `str` (fix).
    return (text if isinstance(text, str) else str(text)).splitlines()


def search_node_description(node_id, node_attr, dsp, what='description'):
    """
    Returns the description (or value type) of a node and its link.

    The raw text is the node attribute named `what`, else, for a function or
    sub-dispatcher node, the docstring of its (unwrapped) function or, when
    that is empty, the name of the (wrapped) dispatcher. When neither exists
    the node's neighbourhood is searched (see :func:`_search_doc_in_func`).

    :param node_id:
        Node id.
    :type node_id: str

    :param node_attr:
        Node attributes.
    :type node_attr: dict

    :param dsp:
        Dispatcher owning the node.
    :type dsp: schedula.dispatcher.Dispatcher

    :param what:
        ``'description'`` or ``'value_type'`` (any attribute name).
    :type what: str

    :return:
        The summary of the text and the link of the node
        (``'<module>.<function name>'`` for function nodes, else ``''``).
    :rtype: (str, str)

    Example::

        >>> import schedula as sh
        >>> def area(width, height):
        ...     '''
        ...     Compute the rectangle area.
        ...
        ...     :param width:
        ...         Width in metres.
        ...     :type width: float
        ...     :return:
        ...         The area value.
        ...     :rtype: float
        ...     '''
        ...     return width * height
        >>> d = sh.Dispatcher(name='geo')
        >>> d.add_function('area', area, ['w', 'h'], ['A'])
        'area'
        >>> d.add_data('D', description='Explicit text. More text.')
        'D'
        >>> search_node_description('area', d.nodes['area'], d)
        ('Compute the rectangle area.', '...area')
        >>> search_node_description('w', d.nodes['w'], d, 'value_type')
        ('float', '')
        >>> search_node_description('A', d.nodes['A'], d)
        ('The area value.', '')
        >>> search_node_description('D', d.nodes['D'], d)
        ('Explicit text.', '')
    """
    func = None
    if node_attr['type'] in ('function', 'dispatcher'):
        func = parent_func(node_attr.get('function'))
    if what in node_attr:
        text = node_attr[what]
    elif func:
        text = func.__doc__ or _fallback_name(func)
    else:
        return _search_doc_in_func(dsp, node_id, what=what)
    return get_summary(_lines(text)), get_link(node_id, func)


def _sorted_ids(ids):
    # 1.2.0 used `sorted`; mixed-type ids made it crash (fix: `key=str`).
    try:
        return sorted(ids)
    except TypeError:
        return sorted(ids, key=str)


def _ids(key):
    # The ids of a sub-dispatcher mapping entry (a single id or a tuple).
    return key if isinstance(key, tuple) else (key,)


def _is_plumbing(fun):
    # Functions that just pass values on: their docs say nothing.
    return fun is bypass or fun is replicate_value


def _search_in_child(sub_dsp, ids, index, what):
    # Recurses into the node `ids[index]` of the child dispatcher `sub_dsp`.
    try:
        node_id = ids[index]
        node_attr = sub_dsp.nodes[node_id]
    except (IndexError, KeyError, TypeError):
        return '', ''  # 1.2.0 crashed on a missing entry (fix).
    return search_node_description(node_id, node_attr, sub_dsp, what)


def _param_name(fun, index):
    # The name of the `index`-th parameter of `fun`, stopping at `*args`; the
    # last one when `index` is out of range (as in 1.2.0); None when there
    # are no parameters (1.2.0: UnboundLocalError) or no signature.
    try:
        parameters = inspect.signature(fun).parameters.values()
    except (ValueError, TypeError):
        return None
    name = None
    for k, par in enumerate(parameters):
        name = par.name
        if k == index or par.kind == par.VAR_POSITIONAL:
            break
    return name


def _consumer_doc(node_id, attr, what):
    # Text of the data node `node_id` from the function consuming it.
    i = attr['inputs'].index(node_id)
    fun, j = parent_func(attr.get('function'), i)
    if 'input_domain' in attr and (j < 0 or _is_plumbing(fun)):
        fun, j = parent_func(attr['input_domain'], i)
        if j < 0:
            return '', ''
    text, link = '', ''
    if _is(fun, '_is_sub_dispatch_function') and fun.output_type == 'list':
        text, link = _search_in_child(fun.dsp, fun.inputs, j, what)
    elif _is_plumbing(fun):
        return '', ''
    if not text and fun is not None and fun.__doc__:
        name = _param_name(fun, j)
        if name is not None:
            text, link = get_attr_doc(fun.__doc__, name, True, what), ''
    return text, link


def _producer_doc(node_id, attr, what):
    # Text of the data node `node_id` from the function producing it.
    fun, j = parent_func(attr.get('function')), attr['outputs'].index(node_id)
    text, link = '', ''
    if _is(fun, '_is_sub_dispatch') and \
            fun.output_type == 'list':
        text, link = _search_in_child(fun.dsp, fun.outputs, j, what)
    elif _is_plumbing(fun):
        return '', ''
    if not text and fun is not None and fun.__doc__:
        text, link = get_attr_doc(fun.__doc__, None, False, what), ''
    return text, link


def _sub_dsp_doc(node_id, attr, where_succ, what):
    # Text of the data node `node_id` from the node it is mapped to inside
    # the sub-dispatcher node `attr` (inputs: parent -> child, outputs:
    # child -> parent).
    sub_dsp = parent_func(attr['function'])
    for key, value in attr['inputs' if where_succ else 'outputs'].items():
        parents, children = (key, value) if where_succ else (value, key)
        if node_id in _ids(parents):
            for child in _ids(children):
                if child in sub_dsp.nodes:  # 1.2.0: KeyError (fix).
                    text, link = search_node_description(
                        child, sub_dsp.nodes[child], sub_dsp, what
                    )
                    if text:
                        return text, link
            break
    return '', ''


def _search_phase(dsp, node_id, where_succ, node_type, what):
    # One phase of the neighbourhood search: the first non-empty text.
    dmap = dsp.dmap
    neighbours = (dmap._succ if where_succ else dmap._pred)[node_id]
    for fun_id in _sorted_ids(neighbours):
        attr = dmap._node[fun_id]
        if attr['type'] != node_type:
            continue
        if node_type == 'dispatcher':
            text, link = _sub_dsp_doc(node_id, attr, where_succ, what)
        elif where_succ:
            text, link = _consumer_doc(node_id, attr, what)
        elif len(dmap._succ[fun_id]) == 1 or _is(
                parent_func(attr.get('function')), '_is_sub_dispatch'):
            text, link = _producer_doc(node_id, attr, what)
        else:
            continue
        if text:
            return text, link
    return '', ''


def _search_doc_in_func(dsp, node_id, where_succ=True, node_type='function',
                        what='description'):
    """
    Searches the text of a data node in its neighbourhood.

    The phases are tried in order, starting from the one selected by
    (`where_succ`, `node_type`): consumers (``:param:`` of the functions
    taking the node as input), producers (``:return:`` of the functions with
    one output, or of `SubDispatch` ones), then the nodes it is mapped to in
    the sub-dispatchers it feeds and in those that produce it. Neighbours are
    visited in sorted id order; the first non-empty text wins.

    :return:
        The text and its link (``('', '')`` if nothing is found).
    :rtype: (str, str)

    Example::

        >>> import schedula as sh
        >>> def f(a):
        ...     '''
        ...     :param a:
        ...         The input.
        ...     :return:
        ...         The output.
        ...     '''
        >>> d = sh.Dispatcher()
        >>> d.add_function('f', f, ['x'], ['y'])
        'f'
        >>> _search_doc_in_func(d, 'x'), _search_doc_in_func(d, 'y')
        (('The input.', ''), ('The output.', ''))
        >>> _search_doc_in_func(d, 'y', node_type='dispatcher')
        ('', '')
    """
    try:
        start = _PHASES.index((bool(where_succ), node_type))
    except ValueError:
        raise ValueError('Invalid node_type %r: it must be %r or %r.' % (
            node_type, 'function', 'dispatcher')) from None
    for where_succ, node_type in _PHASES[start:]:
        text, link = _search_phase(dsp, node_id, where_succ, node_type, what)
        if text:
            return text, link
    return '', ''
