# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""
Private home of the helpers that :mod:`schedula.utils.dsp` publishes.

They live here, below every other schedula module, so that the dispatcher, the
solution, the wrappers, the drawing and the web code can use them without
importing :mod:`schedula.utils.dsp` (which also imports the wrappers). Their
public name and ``__module__`` stay ``schedula.utils.dsp``: that module sets
them when it re-exports what is defined here.

Several helpers (:func:`stlp`, :func:`bypass`, :func:`selector`,
:func:`combine_dicts`, :class:`inf`) run inside the dispatch loop: keep them
lean.
"""
import math
import operator
import functools
import collections
from copy import deepcopy as _deepcopy
from functools import partial

from .gen import Token


# ---------------------------------------------------------------------------
# Error helpers (1.2.0 failed deep inside with a bare "'int' object has no
# attribute 'copy'"; we keep the exception class and its text as a prefix, and
# name the function and the offending object).
# ---------------------------------------------------------------------------
def _short_repr(obj):
    import reprlib
    return reprlib.repr(obj)


def _no_attr(fname, obj, attr, what='dicts'):
    return AttributeError(
        '%r object has no attribute %r: %s() expects %s, got %s' % (
            type(obj).__name__, attr, fname, what, _short_repr(obj)
        )
    )


def _bad_update(fname, obj, ex):
    return TypeError('%s: %s() expects dicts, got %s' % (
        ex, fname, _short_repr(obj)
    ))


def _merge(dicts, fname, base=None):
    # Left-to-right dict-update of every truthy item (falsy ones are skipped).
    cd = {} if base is None else base
    for d in dicts:
        if d:
            try:
                cd.update(d)
            except TypeError as ex:
                raise _bad_update(fname, d, ex) from ex
    return cd


def _copy_values(d):
    # A new dict with the same keys and deep copies of the values.
    return {k: _deepcopy(v) for k, v in d.items()}


# ---------------------------------------------------------------------------
# Dict and tuple plumbing.
# ---------------------------------------------------------------------------
def stlp(s):
    """
    Converts a string into a 1-tuple; anything else is returned unchanged.

    :param s:
        Object to convert (tokens are strings too).
    :type s: str | object

    :return:
        `(s,)` if `s` is a string, else `s` itself.
    :rtype: tuple | object

    Example::

        >>> stlp('ab'), stlp(('a', 'b')), stlp(None)
        (('ab',), ('a', 'b'), None)
    """
    return (s,) if isinstance(s, str) else s


def combine_dicts(*dicts, copy=False, base=None):
    """
    Merges dicts left to right (later keys win).

    With exactly one dict and no `base` the result is its shallow copy (made
    with its `copy` method). Otherwise every truthy dict is merged into
    `base` (mutated in place and returned) or into a new dict; falsy ones
    (`None`, `{}`) are skipped.

    .. note:: A non-mapping argument raises, as in 1.2.0, the same exception
       class (`AttributeError` for a single argument, `TypeError` otherwise),
       but the message also names :func:`combine_dicts` and the object.

    :param dicts:
        Dicts to merge.
    :type dicts: dict

    :param copy:
        If True, returns a new dict with deep copies of the merged values
        (`base`, if given, is still updated).
    :type copy: bool, optional

    :param base:
        Dict where the others are merged.
    :type base: dict, optional

    :return:
        The merged dict.
    :rtype: dict

    Example::

        >>> combine_dicts({'x': 1, 'y': 1}, {'y': 2}, None, {'z': 3})
        {'x': 1, 'y': 2, 'z': 3}
        >>> base = {'k': 0}
        >>> out = combine_dicts({'a': 1}, base=base); out is base, base
        (True, {'k': 0, 'a': 1})
        >>> d = {'v': [1]}
        >>> combine_dicts(d) is d, combine_dicts(d)['v'] is d['v']
        (False, True)
        >>> combine_dicts(d, copy=True)['v'] is d['v']
        False
    """
    if len(dicts) == 1 and base is None:
        d = dicts[0]
        try:
            method = d.copy
        except AttributeError:
            raise _no_attr('combine_dicts', d, 'copy') from None
        cd = method()
    else:  # `_merge` inlined: this is on the dispatch hot path.
        cd = {} if base is None else base
        for d in dicts:
            if d:
                try:
                    cd.update(d)
                except TypeError as ex:
                    raise _bad_update('combine_dicts', d, ex) from ex
    return _copy_values(cd) if copy else cd


def kk_dict(*kk, **adict):
    """
    Builds a dict whose values default to their keys.

    Starts from the keyword arguments, then adds each positional item in
    turn: a dict is merged, any other item `k` adds the entry `k: k`. A key
    that is already present raises `ValueError`.

    :param kk:
        Keys (value = key) or dicts to merge.
    :type kk: object | dict

    :param adict:
        Initial keyword entries.

    :return:
        The keyword dict.
    :rtype: dict

    Example::

        >>> kk_dict('p', {'q': 'r'}, s='t')
        {'s': 't', 'p': 'p', 'q': 'r'}
        >>> kk_dict('p', 'p')
        Traceback (most recent call last):
        ...
        ValueError: keyword argument repeated (p)
        >>> kk_dict({'y': 1, 'x': 2}, x=0, y=0)
        Traceback (most recent call last):
        ...
        ValueError: keyword argument repeated (x, y)
    """
    for k in kk:
        if isinstance(k, dict):
            common = adict.keys() & k.keys()
            if common:
                try:
                    common = sorted(common)
                except TypeError:  # Keys of mixed types: order by text.
                    common = sorted(common, key=str)
                raise ValueError('keyword argument repeated (%s)' % ', '.join(
                    map(str, common)
                ))
            adict.update(k)
        elif k in adict:
            raise ValueError('keyword argument repeated (%s)' % k)
        else:
            adict[k] = k
    return adict


def bypass(*inputs, copy=False):
    """
    Returns the same arguments: one argument as is, several as a tuple.

    :param inputs:
        Inputs values.
    :type inputs: T

    :param copy:
        If True, returns a deep copy of the result (of the whole tuple, so
        objects shared among the inputs stay shared in the copy).
    :type copy: bool, optional

    :return:
        The single input, or the tuple of inputs (`()` if none).
    :rtype: (T) | T

    Example::

        >>> bypass(), bypass(7), bypass(7, 8)
        ((), 7, (7, 8))
        >>> x = [1]; bypass(x) is x, bypass(x, copy=True) is x
        (True, False)
    """
    if len(inputs) == 1:
        inputs = inputs[0]
    return _deepcopy(inputs) if copy else inputs


def summation(*inputs):
    """
    Sums the inputs left to right (`((a + b) + c) + ...`).

    Works with any `+` (numbers, strings, lists, ...). One input is returned
    as is; no input raises `TypeError`.

    :param inputs:
        Inputs values.
    :type inputs: object

    :return:
        The sum of the inputs.
    :rtype: object

    Example::

        >>> summation(1, 2.5, 3), summation('a', 'b'), summation([1], [2])
        (6.5, 'ab', [1, 2])
    """
    return functools.reduce(operator.add, inputs)


def _rename(key_map, d, fname):
    # New dict in `d` order with keys renamed by `key_map` (later key wins).
    try:
        get = key_map.get
    except AttributeError:
        raise _no_attr(fname, key_map, 'get', 'a dict as key_map') from None
    try:
        items = d.items()
    except AttributeError:
        raise _no_attr(fname, d, 'items') from None
    return {get(k, k): v for k, v in items}


def _to_base(d, copy, base):
    # Same as `combine_dicts(d, copy=copy, base=base)` for a fresh dict `d`.
    if base is not None:
        if d:
            base.update(d)
        d = base
    return _copy_values(d) if copy else d


def map_dict(key_map, *dicts, copy=False, base=None):
    """
    Returns a dict with new key values.

    The dicts are merged as by :func:`combine_dicts`, then every key found in
    `key_map` is renamed (others kept; if two keys get the same name the
    later one in the merged order wins); the result is passed through
    :func:`combine_dicts` with the given `copy` and `base`.

    .. note:: A non-mapping dict or `key_map` raises `AttributeError` (as in
       1.2.0) with a message naming the object.

    :param key_map:
        Map of old keys to new keys.
    :type key_map: dict

    :param dicts:
        Dicts to map.
    :type dicts: dict

    :param copy:
        If True, returns a deep copy of the values.
    :type copy: bool, optional

    :param base:
        Dict where the renamed items are written (and returned).
    :type base: dict, optional

    :return:
        A unique dict with new key values.
    :rtype: dict

    Example::

        >>> map_dict({'x': 'X', 'y': 'Y'}, {'x': 1, 'z': 3}, {'y': 2})
        {'X': 1, 'z': 3, 'Y': 2}
        >>> map_dict({'p': 'q', 'q': 'p'}, {'p': 1, 'q': 2})
        {'q': 1, 'p': 2}
        >>> map_dict({'a': 'b'}, {'a': 1, 'b': 2})
        {'b': 2}
        >>> map_dict({'a': 'b'}, {'b': 2, 'a': 1})
        {'b': 1}
    """
    # A single dict is only read: no need to copy it first.
    d = dicts[0] if len(dicts) == 1 else _merge(dicts, 'map_dict')
    return _to_base(_rename(key_map, d, 'map_dict'), copy, base)


def map_list(key_map, *inputs, copy=False, base=None):
    """
    Returns a new dict mapping positional inputs to the keys of `key_map`.

    `key_map` and `inputs` are paired by `zip` (extra items ignored). For
    each pair `(m, v)`: a dict `m` renames the dict `v` (as :func:`map_dict`),
    a list `m` maps the items of `v` recursively, anything else sets `m: v`.
    Everything is written into `base` (returned unless `copy`) or a new dict.

    .. note:: A non-mapping `v` for a dict `m` raises `AttributeError`, a
       non-iterable `v` for a list `m` raises `TypeError` (as in 1.2.0); the
       messages name the offending value.

    :param key_map:
        List of keys (or nested key maps) for the inputs.
    :type key_map: list[str | dict | list]

    :param inputs:
        Values to map.
    :type inputs: object

    :param copy:
        If True, returns a deep copy of the values.
    :type copy: bool, optional

    :param base:
        Dict where the items are written.
    :type base: dict, optional

    :return:
        The mapped inputs.
    :rtype: dict

    Example::

        >>> map_list(['a', 'b'], 1, 2, 3), map_list(['a', 'b', 'c'], 1)
        ({'a': 1, 'b': 2}, {'a': 1})
        >>> map_list([{'x': 'X'}, ['p', ['q', 'r']]], {'x': 1, 'y': 2},
        ...          (10, (20, 30)))
        {'X': 1, 'y': 2, 'p': 10, 'q': 20, 'r': 30}
        >>> b = {}; map_list(['k'], 0, base=b) is b
        True
    """
    d = {} if base is None else base
    for m, v in zip(key_map, inputs):
        if isinstance(m, dict):
            d.update(_rename(m, v, 'map_list'))
        elif isinstance(m, list):
            try:
                v = iter(v)
            except TypeError:
                raise TypeError(
                    'Value after * must be an iterable, not %s: map_list() '
                    'needs an iterable for the key map %s, got %s' % (
                        type(v).__name__, _short_repr(m), _short_repr(v)
                    )
                ) from None
            map_list(m, *v, base=d)
        else:
            d[m] = v
    return _copy_values(d) if copy else d


def selector(keys, dictionary, copy=False, output_type='dict',
             allow_miss=False):
    """
    Selects the chosen keys from a dictionary.

    :param keys:
        Keys to select, in order (a string is iterated per character).
    :type keys: list, tuple, set

    :param dictionary:
        A dictionary.
    :type dictionary: dict

    :param copy:
        If True, the output contains deep copies of the values.
    :type copy: bool, optional

    :param output_type:
        Type of the output: `'list'` (list of values), `'values'` (values
        collapsed as by :func:`bypass`) or anything else for a dict.
    :type output_type: str, optional

    :param allow_miss:
        If True, missing keys are skipped instead of raising `KeyError`.
    :type allow_miss: bool, optional

    :return:
        The selected items.
    :rtype: dict | list | object

    Example::

        >>> d = {'a': 1, 'b': [2], 'c': 3}
        >>> selector(['b', 'a'], d)
        {'b': [2], 'a': 1}
        >>> selector(('b', 'a'), d, output_type='list')
        [[2], 1]
        >>> selector(['b'], d, output_type='values')
        [2]
        >>> selector(['a', 'zz'], d, allow_miss=True, output_type='values')
        1
        >>> selector(['b'], d, copy=True)['b'] is d['b']
        False
        >>> selector(['a', 'zz'], d)
        Traceback (most recent call last):
        ...
        KeyError: 'zz'
    """
    # Plain loops: faster than comprehensions on the dispatch hot path.
    if allow_miss:
        keys = [k for k in keys if k in dictionary]
    if output_type == 'list' or output_type == 'values':
        res = []
        for k in keys:
            res.append(dictionary[k])
        if output_type == 'values':  # Collapsed as by `bypass`.
            res = res[0] if len(res) == 1 else tuple(res)
    else:
        res = {}
        for k in keys:
            res[k] = dictionary[k]
    return _deepcopy(res) if copy else res


def replicate_value(value, n=2, copy=True):
    """
    Replicates `n` times the input value.

    Same as :func:`bypass` with `n` repetitions of `value`. By default the
    result is deep-copied as a whole: the replicas are copies of `value` but
    the same object as each other.

    :param value:
        Value to be replicated.
    :type value: T

    :param n:
        Number of replications.
    :type n: int

    :param copy:
        If True, the result is deep-copied.
    :type copy: bool, optional

    :return:
        The replicas (a single value if `n` is 1, `()` if `n` is 0).
    :rtype: (T) | T

    Example::

        >>> v = [0]
        >>> r = replicate_value(v); r, r[0] is v, r[0] is r[1]
        (([0], [0]), False, True)
        >>> r = replicate_value(v, 3, copy=False); r[2] is v
        True
        >>> replicate_value(v, 1)
        [0]
    """
    return bypass(*(value,) * n, copy=copy)


# ---------------------------------------------------------------------------
# Function wrappers.
# ---------------------------------------------------------------------------
def parent_func(func, input_id=None):
    """
    Returns the innermost callable wrapped by :class:`add_args` and
    :func:`partial` layers.

    When `input_id` (a positional index of `func`) is given, it is mapped too:
    each :class:`add_args` subtracts its `n`, each :func:`partial` adds the
    number of its bound positional arguments. Anything else (including a
    `SubDispatch` or a `Blueprint`) ends the unwrapping.

    :param func:
        Wrapped callable.
    :type func: callable

    :param input_id:
        Index of an argument of `func`.
    :type input_id: int, optional

    :return:
        The innermost callable or, with `input_id`, the pair (callable, index
        in its own positional parameters; negative if the argument is
        swallowed by :class:`add_args`).
    :rtype: callable | (callable, int)

    Example::

        >>> def f(a, b, c=3): return a + b + c
        >>> w = add_args(partial(f, 10), 2)
        >>> parent_func(w) is f
        True
        >>> parent_func(w, 0)[1], parent_func(w, 2)[1], parent_func(f, 4)[1]
        (-1, 1, 4)
    """
    while True:
        if isinstance(func, add_args):
            if input_id is not None:
                input_id -= func.n
        elif isinstance(func, partial):
            if input_id is not None:
                input_id += len(func.args)
        else:
            break
        func = func.func
    return func if input_id is None else (func, input_id)


def _get_signature(func, n=1):
    """
    Returns the signature of `func` with `n` leading dummy parameters.

    Each dummy is a `POSITIONAL_OR_KEYWORD` parameter named by a new
    `Token('none')`, so they are distinct from each other and from `'none'`
    (parameter validation is skipped to allow the duplicated names). With
    `n=0` it is just `inspect.signature(func)` (which honours a
    `__signature__` attribute).

    Example::

        >>> def f(a, b=2): pass
        >>> sig = _get_signature(f, 2); str(sig)
        '(none, none, a, b=2)'
        >>> p = list(sig.parameters); p[0] == p[1], p[0] == 'none'
        (False, False)
    """
    import inspect
    sig = inspect.signature(func)
    if not n:
        return sig
    kind = inspect.Parameter.POSITIONAL_OR_KEYWORD
    pars = [inspect.Parameter(Token('none'), kind) for _ in range(n)]
    pars.extend(sig.parameters.values())
    return inspect.Signature(
        pars, return_annotation=sig.return_annotation,
        __validate_parameters__=False
    )


def _get_par_args(func, exl_kw=False):
    """
    Yields the names of the leading positional parameters of `func`.

    It stops at the first `*args`, keyword-only or `**kwargs` parameter and,
    if `exl_kw` is true, at the first parameter with a default.

    Example::

        >>> def g(a, b=1, *args, c=2, **kw): pass
        >>> list(_get_par_args(g)), list(_get_par_args(g, True))
        (['a', 'b'], ['a'])
    """
    for k, p in _get_signature(func, 0).parameters.items():
        if p.kind >= p.VAR_POSITIONAL or (exl_kw and p.default is not p.empty):
            break
        yield k


class add_args:
    """
    Wraps a callable to accept (and ignore) `n` extra leading positional
    arguments.

    The wrapped `func` is called without the first `n` positional arguments
    (keywords are all passed on); if `callback` is given, it is then called
    with the result followed by **all** the original arguments. `__name__`
    and `__doc__` are those of `func` (or, when `func` has none, of the
    callable unwrapped by :func:`parent_func`; else None). The signature
    prepends `n` parameters, each named by a distinct `Token('none')`.

    :param func:
        Function to wrap.
    :type func: callable

    :param n:
        Number of leading arguments to ignore.
    :type n: int

    :param callback:
        Callback `callback(result, *args, **kwargs)` called after `func`.
    :type callback: callable, optional

    Example::

        >>> import inspect
        >>> def f(a, b, c=3):
        ...     "Sum."
        ...     return a + b + c
        >>> w = add_args(partial(f, 10), 2)
        >>> w.__name__, w.__doc__, w.n, w.func.func is f
        ('f', 'Sum.', 2, True)
        >>> str(inspect.signature(w)), w('x', 'y', 1), w('x', 'y', 1, c=0)
        ('(none, none, b, c=3)', 14, 11)
        >>> log = []
        >>> def callback(res, *args, **kwargs):
        ...     log.append((res, args, kwargs))
        >>> cb = add_args(f, callback=callback)
        >>> cb('skip', 1, 2, c=5), log
        (8, [(8, ('skip', 1, 2), {'c': 5})])
    """
    # Class default as in 1.2.0. (1.2.0 also sets the class `__doc__` to None;
    # we keep the class docstring for the documentation: instances always get
    # their own `__doc__` in `__init__`.)
    __name__ = None

    def __init__(self, func, n=1, callback=None):
        self.n = n
        self.callback = callback
        self.func = func
        try:
            name, doc = func.__name__, func.__doc__
        except AttributeError:
            try:  # Once more with the unwrapped callable (e.g. a partial).
                f = parent_func(func)
                name, doc = f.__name__, f.__doc__
            except AttributeError:
                name = doc = None
        self.__name__, self.__doc__ = name, doc

    @property
    def __signature__(self):
        return _get_signature(self.func, self.n)

    def __call__(self, *args, **kwargs):
        res = self.func(*args[self.n:], **kwargs)
        if self.callback:
            self.callback(res, *args, **kwargs)
        return res


# ---------------------------------------------------------------------------
# Nested dicts.
# ---------------------------------------------------------------------------
def stack_nested_keys(nested_dict, key=(), depth=-1):
    """
    Flattens nested mappings into `(key path, value)` pairs, depth-first.

    Any object with an `items` attribute is descended into while the
    remaining `depth` is not 0 (negative = unlimited); empty mappings yield
    nothing.

    :param nested_dict:
        Nested dictionary.
    :type nested_dict: dict

    :param key:
        Initial key path.
    :type key: tuple, optional

    :param depth:
        Maximum depth (-1 for unlimited).
    :type depth: int, optional

    :return:
        The (key path, value) pairs.
    :rtype: collections.abc.Iterator[(tuple, object)]

    Example::

        >>> d = {'x': {'y': 1, 'z': {'w': 2}}, 'v': 3, 'e': {}}
        >>> list(stack_nested_keys(d))
        [(('x', 'y'), 1), (('x', 'z', 'w'), 2), (('v',), 3)]
        >>> list(stack_nested_keys(d, key=('r',), depth=2))
        [(('r', 'x', 'y'), 1), (('r', 'x', 'z'), {'w': 2}), (('r', 'v'), 3)]
        >>> list(stack_nested_keys(5))
        [((), 5)]
    """
    if depth != 0 and hasattr(nested_dict, 'items'):
        depth -= 1
        for k, v in nested_dict.items():
            yield from stack_nested_keys(v, key + (k,), depth)
    else:
        yield key, nested_dict


def get_nested_dicts(nested_dict, *keys, default=None, init_nesting=dict):
    """
    Returns the value at the end of a path of nested dicts, creating the
    missing ones.

    A missing last key is set to `default()` (`init_nesting()` when `default`
    is falsy), a missing intermediate key to `init_nesting()`. Existing values
    are never replaced.

    :param nested_dict:
        Nested dictionary.
    :type nested_dict: dict

    :param keys:
        Nested keys.
    :type keys: object

    :param default:
        Factory of the value of a missing last key.
    :type default: callable, optional

    :param init_nesting:
        Factory of the missing intermediate dicts.
    :type init_nesting: callable, optional

    :return:
        The value of the nested dict at the path (`nested_dict` if no key).
    :rtype: object

    Example::

        >>> import collections
        >>> n = {}
        >>> get_nested_dicts(n, 'a', 'b'), n
        ({}, {'a': {'b': {}}})
        >>> get_nested_dicts(n, 'a', 'c', default=list), n
        ([], {'a': {'b': {}, 'c': []}})
        >>> get_nested_dicts(n, 'q', 'r', default=set,
        ...                  init_nesting=collections.OrderedDict)
        set()
        >>> type(n['q']).__name__
        'OrderedDict'
    """
    if not keys:
        return nested_dict
    for k in keys[:-1]:
        if k in nested_dict:
            nested_dict = nested_dict[k]
        else:
            nested_dict[k] = nested_dict = init_nesting()
    k = keys[-1]
    if k in nested_dict:
        return nested_dict[k]
    nested_dict[k] = value = (default or init_nesting)()
    return value


def are_in_nested_dicts(nested_dict, *keys):
    """
    Tells whether `nested_dict[k0][k1]...` succeeds (any error means no).

    :param nested_dict:
        Nested dictionary.
    :type nested_dict: dict

    :param keys:
        Nested keys.
    :type keys: object

    :return:
        True if the path exists (always True with no keys).
    :rtype: bool

    Example::

        >>> d = {'x': {'z': {'w': 2}}, 's': 'abc'}
        >>> are_in_nested_dicts(d, 'x', 'z', 'w')
        True
        >>> are_in_nested_dicts(d, 'x', 'q')
        False
        >>> are_in_nested_dicts(d, 's', 0)  # Plain indexing: sequences too.
        True
    """
    try:
        for k in keys:
            nested_dict = nested_dict[k]
    except Exception:
        return False
    return True


def combine_nested_dicts(*nested_dicts, depth=-1, base=None):
    """
    Deep-merges nested dicts into `base` (a new dict if None).

    Every leaf of each input (as given by :func:`stack_nested_keys` with the
    same `depth`) is set at its path in `base`. When a non-dict value of
    `base` is in the way, the input's own sub-dict at the shortest failing
    path is put in instead (by reference, not copied). Later inputs win at
    the leaves; empty sub-dicts are dropped.

    :param nested_dicts:
        Nested dictionaries.
    :type nested_dicts: dict

    :param depth:
        Maximum depth of the merge (-1 for unlimited).
    :type depth: int, optional

    :param base:
        Dict where the others are merged.
    :type base: dict, optional

    :return:
        The combined nested dict (`base`).
    :rtype: dict

    Example::

        >>> a = {'p': {'q': 1, 'r': {'s': 2}}, 'k': 0}
        >>> b = {'p': {'r': 5, 't': {}}, 'k': {'m': 1}}
        >>> combine_nested_dicts(a, b)
        {'p': {'q': 1, 'r': 5}, 'k': {'m': 1}}
        >>> combine_nested_dicts(a, b, depth=1)
        {'p': {'r': 5, 't': {}}, 'k': {'m': 1}}
        >>> base = {'p': 'leaf'}; src = {'p': {'x': 1}}
        >>> out = combine_nested_dicts(src, base=base)
        >>> out is base, out['p'] is src['p']
        (True, True)
    """
    if base is None:
        base = {}
    for nested_dict in nested_dicts:
        for path, value in stack_nested_keys(nested_dict, depth=depth):
            while path:
                try:
                    get_nested_dicts(base, *path[:-1])[path[-1]] = value
                    break
                except Exception:
                    # Something in `base` is in the way: put the parent.
                    path = path[:-1]
                    value = get_nested_dicts(nested_dict, *path)
    return base


def add_function(dsp, inputs_kwargs=False, inputs_defaults=False, **kw):
    """
    Decorator to add a function to a dispatcher.

    The decorated function is added with `dsp.add_func` and returned
    unchanged, so decorators can be stacked (each adds another node).

    :param dsp:
        A dispatcher (the node is added at once) or a blue dispatcher (the
        call is recorded).
    :type dsp: schedula.Dispatcher | schedula.BlueDispatcher

    :param inputs_kwargs:
        Do you want to include kwargs as inputs?
    :type inputs_kwargs: bool

    :param inputs_defaults:
        Do you want to set default values?
    :type inputs_defaults: bool

    :param kw:
        See :meth:`~schedula.dispatcher.Dispatcher.add_func`.
    :type kw: dict

    :return:
        Decorator.
    :rtype: callable

    Example::

        >>> import schedula as sh
        >>> dsp = sh.Dispatcher(name='deco')
        >>> @add_function(dsp, outputs=['s'])
        ... @add_function(dsp, True, True, outputs=['t'], function_id='tot2')
        ... def total(x, y, z=10):
        ...     return x + y + z
        >>> total(1, 2), dsp.nodes['total']['inputs']
        (13, ('x', 'y'))
        >>> dsp.nodes['tot2']['inputs']
        ('x', 'y', 'z')
        >>> dsp.default_values
        {'z': {'value': 10, 'initial_dist': 0.0}}
    """

    def decorator(f):
        dsp.add_func(
            f, inputs_kwargs=inputs_kwargs, inputs_defaults=inputs_defaults,
            **kw
        )
        return f

    return decorator


# ---------------------------------------------------------------------------
# Two-level distances.
# ---------------------------------------------------------------------------
_new = tuple.__new__
_t_eq, _t_ne = tuple.__eq__, tuple.__ne__
_t_lt, _t_le, _t_gt, _t_ge = tuple.__lt__, tuple.__le__, tuple.__gt__, \
    tuple.__ge__


class inf(collections.namedtuple('_inf', ['inf', 'num'])):
    """
    Class to model infinite numbers for workflow distance.

    `inf(i, n)` stands for `i * infinity + n`: the first component dominates
    comparisons. A non-`inf` operand `o` counts as `(0, o)` in comparisons,
    `+` and `-`, and as `(o, o)` in `*`, `/`, `//`, `%` and `**`. Instances
    are unhashable.

    Example::

        >>> import math
        >>> x = inf(1, 2.5)
        >>> x, inf(0, 3), [inf(0, 1), inf(2, 0)], inf.format(4)
        (inf(inf=1, num=2.5), 3, [1, inf(inf=2, num=0)], 4)
        >>> x + 1, 1 + x, x + inf(1, 1), 10 - x, x - inf(1, 0.5)
        (inf(inf=1, num=3.5), inf(inf=1, num=3.5), inf(inf=2, num=3.5),
         inf(inf=-1, num=7.5), 2.0)
        >>> x * 2, 5 / inf(1, 2), 7 // inf(2, 3), 7 % inf(2, 3), 2 ** inf(1, 3)
        (inf(inf=2, num=5.0), inf(inf=5.0, num=2.5), inf(inf=3, num=2),
         inf(inf=1, num=1), inf(inf=2, num=8))
        >>> -x, abs(inf(-1, -2)), math.ceil(inf(1.5, 2.5))
        (inf(inf=-1, num=-2.5), inf(inf=1, num=2), inf(inf=2, num=3))
        >>> round(inf(1.26, 2.44), 1)
        inf(inf=1.3, num=2.4)
        >>> x > 100, inf(0, 3) == 3, 3 == inf(0, 3), inf(0, 1) == (0, 1)
        (True, True, True, False)
        >>> sorted([inf(1, 0), 5, inf(0, 7), 2])
        [2, 5, 7, inf(inf=1, num=0)]
    """
    __slots__ = ()

    # The methods below are on the dispatch hot path: they build the result
    # with `tuple.__new__` (skipping the namedtuple `__new__`) and compare
    # through the C tuple comparisons.

    @staticmethod
    def format(val):
        """
        Converts a value into an :class:`inf` (a tuple gives the components).

        Example::

            >>> inf.format(4), inf.format((2, 3))
            (4, inf(inf=2, num=3))
        """
        if isinstance(val, tuple):
            return inf(*val)  # Checks the number of components.
        return _new(inf, (0, val))

    def __repr__(self):
        i, n = self
        if i == 0:
            return str(n)
        return 'inf(inf=%s, num=%s)' % (str(i), str(n))

    # `+` and `-`: a scalar is `(0, o)`.
    def __add__(self, o):
        if isinstance(o, inf):
            return _new(inf, (self[0] + o[0], self[1] + o[1]))
        return _new(inf, (self[0], self[1] + o))

    __radd__ = __add__

    def __sub__(self, o):
        if isinstance(o, inf):
            return _new(inf, (self[0] - o[0], self[1] - o[1]))
        return _new(inf, (self[0] - 0, self[1] - o))

    def __rsub__(self, o):
        if isinstance(o, inf):
            return _new(inf, (o[0] - self[0], o[1] - self[1]))
        return _new(inf, (0 - self[0], o - self[1]))

    # `*`, `/`, `//`, `%`, `**`: a scalar is `(o, o)`.
    def __mul__(self, o):
        if isinstance(o, inf):
            return _new(inf, (self[0] * o[0], self[1] * o[1]))
        return _new(inf, (self[0] * o, self[1] * o))

    __rmul__ = __mul__

    def __truediv__(self, o):
        j, m = o if isinstance(o, inf) else (o, o)
        return _new(inf, (self[0] / j, self[1] / m))

    def __rtruediv__(self, o):
        j, m = o if isinstance(o, inf) else (o, o)
        return _new(inf, (j / self[0], m / self[1]))

    def __pow__(self, o):
        j, m = o if isinstance(o, inf) else (o, o)
        return _new(inf, (self[0] ** j, self[1] ** m))

    def __rpow__(self, o):
        j, m = o if isinstance(o, inf) else (o, o)
        return _new(inf, (j ** self[0], m ** self[1]))

    def __mod__(self, o):
        j, m = o if isinstance(o, inf) else (o, o)
        return _new(inf, (self[0] % j, self[1] % m))

    def __rmod__(self, o):
        j, m = o if isinstance(o, inf) else (o, o)
        return _new(inf, (j % self[0], m % self[1]))

    def __floordiv__(self, o):
        j, m = o if isinstance(o, inf) else (o, o)
        return _new(inf, (self[0] // j, self[1] // m))

    def __rfloordiv__(self, o):
        j, m = o if isinstance(o, inf) else (o, o)
        return _new(inf, (j // self[0], m // self[1]))

    # Unary operations: component-wise.
    def __neg__(self):
        return _new(inf, (-self[0], -self[1]))

    def __pos__(self):
        return _new(inf, (+self[0], +self[1]))

    def __abs__(self):
        return _new(inf, (abs(self[0]), abs(self[1])))

    def __trunc__(self):
        return _new(inf, (math.trunc(self[0]), math.trunc(self[1])))

    def __floor__(self):
        return _new(inf, (math.floor(self[0]), math.floor(self[1])))

    def __ceil__(self):
        return _new(inf, (math.ceil(self[0]), math.ceil(self[1])))

    def __round__(self, n=None):
        return _new(inf, (round(self[0], n), round(self[1], n)))

    # Comparisons: tuple order against `o` (an inf) or `(0, o)`. Defining
    # `__eq__` also makes instances unhashable, as in 1.2.0.
    def __lt__(self, o):
        return _t_lt(self, o if isinstance(o, inf) else (0, o))

    def __le__(self, o):
        return _t_le(self, o if isinstance(o, inf) else (0, o))

    def __gt__(self, o):
        return _t_gt(self, o if isinstance(o, inf) else (0, o))

    def __ge__(self, o):
        return _t_ge(self, o if isinstance(o, inf) else (0, o))

    def __eq__(self, o):
        return _t_eq(self, o if isinstance(o, inf) else (0, o))

    def __ne__(self, o):
        return _t_ne(self, o if isinstance(o, inf) else (0, o))


def _plus(d, length):
    """Distance `d` plus an edge `length` (a number or a distance)."""
    if isinstance(length, tuple):
        return d[0] + length[0], d[1] + length[1]
    return d[0], d[1] + length


class NoSub:
    """Marker of the wrappers whose solution is not a sub-solution."""
    __module__ = 'schedula.utils.dsp'  # Public there (with `DispatchPipe`).


def _is(obj, marker):
    """
    True if the class of `obj` carries the class marker `marker` (e.g.
    ``'_is_solution'``): an ``isinstance`` for the modules that would close
    an import circle by importing the class itself.

    Example::

        >>> from schedula import Dispatcher
        >>> _is(Dispatcher(), '_is_dispatcher'), _is(abs, '_is_dispatcher')
        (True, False)
    """
    return getattr(type(obj), marker, False) is True

