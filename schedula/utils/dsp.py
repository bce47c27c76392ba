# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""
Helper functions to build and use dispatcher models: dict and tuple plumbing
(:func:`combine_dicts`, :func:`selector`, :func:`bypass`, ...), function
wrappers (:func:`partial`, :class:`add_args`, :func:`parent_func`), nested
dicts utilities, the :func:`add_function` decorator, the two-level distance
:class:`inf` and the dispatcher-as-function wrappers.

Several helpers (:func:`stlp`, :func:`bypass`, :func:`selector`,
:func:`combine_dicts`, :class:`inf`) run inside the dispatch loop: keep them
lean.
"""
from functools import partial  # noqa: F401 (public here since 1.2.0)

# The helpers live in a private module below every other schedula module (so
# the engine, the wrappers, the drawing and the web code import them without
# a circle); this module publishes them under their public name.
from ._helpers import (  # noqa: F401
    _short_repr, _no_attr, _bad_update, _merge, _copy_values, stlp,
    combine_dicts, kk_dict, bypass, summation, _rename, _to_base, map_dict,
    map_list, selector, replicate_value, parent_func, _get_signature,
    _get_par_args, add_args, stack_nested_keys, get_nested_dicts,
    are_in_nested_dicts, combine_nested_dicts, add_function, inf, _plus
)
from ._helpers import NoSub  # noqa: F401 (an empty marker class)
from .wrappers import (  # noqa: F401
    SubDispatch, SubDispatchFunction, SubDispatchPipe, DispatchPipe
)
from ._map import MapDispatch  # noqa: F401


def _publish(namespace):
    # Defined in `_helpers`, documented, pickled and doctested as ours (the
    # methods too: doctest looks at each method's own `__module__`).
    private = '%s._helpers' % __package__
    for obj in list(namespace.values()):
        if getattr(obj, '__module__', None) == private:
            obj.__module__ = __name__
            for attr in vars(obj).values() if isinstance(obj, type) else ():
                attr = getattr(attr, '__func__', attr)
                if getattr(attr, '__module__', None) == private:
                    attr.__module__ = __name__


_publish(globals())
del _publish
