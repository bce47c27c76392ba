# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""
Generators of unique values: the node-index :func:`counter` and :class:`Token`.
"""
import sys
import importlib

__all__ = ['counter', 'Token']


class counter:
    """
    A zero-argument callable returning `start`, `start + step`, ... in turn.

    Unlike ``itertools.count``, it survives copying and pickling with its
    position (a copied :class:`~schedula.dispatcher.Dispatcher` goes on
    numbering its nodes from where the original was).

    :param start:
        First value returned.
    :type start: int | float

    :param step:
        Increment between two calls.
    :type step: int | float

    Example::

        >>> c = counter(5, 0.5)
        >>> c(), c(), c()
        (5, 5.5, 6.0)
        >>> import copy
        >>> d = copy.deepcopy(c)
        >>> c(), d(), d()
        (6.5, 6.5, 7.0)
    """
    __slots__ = ('value', 'step')

    def __init__(self, start=0, step=1):
        self.value, self.step = start, step

    def __call__(self):
        value = self.value
        self.value = value + self.step
        return value

    def __reduce__(self):
        return counter, (self.value, self.step)

    def __repr__(self):
        return 'counter(%r, %r)' % (self.value, self.step)


class _Token:
    __slots__ = ()

    def __eq__(self, other):
        return self is other

    def __ne__(self, other):
        return self is not other

    def __hash__(self):
        return id(self)

    def __repr__(self):
        return self

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self

    def __reduce__(self):
        name = _global_name(self)
        if name is not None:
            # Module-level tokens come back as the very same singleton.
            return _get_global, (self.module_name, name)
        # Any other token comes back as a new token with the same text and
        # attributes (`module_name`, an own `__doc__`).
        return Token, (str(self),), dict(vars(self))


_Token.__doc__ = None


def _global_name(token):
    module = sys.modules.get(token.module_name or '')
    if module is None and token.module_name:
        try:
            module = importlib.import_module(token.module_name)
        except ImportError:
            return None
    if module is None:
        return None
    for name, value in vars(module).items():
        if value is token:
            return name
    return None


def _get_global(module_name, name):
    return getattr(importlib.import_module(module_name), name)


class Token(_Token, str):
    """
    A unique string constant: equal only to itself, printed without quotes.

    It can be used wherever a node id (a string) is expected, but it never
    clashes with a user's string of the same text.

    A token bound to a global name of the module that created it pickles by
    reference (``pickle`` and ``dill`` give back the very same object; 1.2.0
    needed ``dill``); any other token comes back as a new token with the same
    text.

    Example::

        >>> a = Token('a')
        >>> a, a == 'a', a == Token('a'), a == a, a >= 'a'
        (a, False, False, True, True)
        >>> type(a + 'x'), str(a)
        (<class 'str'>, 'a')
        >>> import pickle
        >>> from schedula.utils.cst import SINK
        >>> pickle.loads(pickle.dumps(SINK)) is SINK
        True
    """

    def __init__(self, *args):
        try:
            frame = sys._getframe(1)
            self.module_name = frame.f_globals.get('__name__')
        except (AttributeError, ValueError):  # No frames available.
            self.module_name = None

    def __str__(self):
        return str.__str__(self)
