# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""
How a node of a :class:`~schedula.utils.sol.Solution` is evaluated
(private): its domain, its function (through the executor interface of
:mod:`schedula.utils.asy`), its filters and callback, and how a failure is
recorded, logged or raised. Each function is a method of ``Solution``.
"""
import time
import types
import logging
from .cst import NONE
from .exc import DispatcherError, SkipNode
from .asy import async_thread, async_process, await_result, _unwrap
from . import events as _events
from .events import LISTENERS as _listeners

#: The logger of the dispatch (1.2.0's name).
log = logging.getLogger('schedula.utils.sol')

#: Callables that are never wrappers of a SubDispatch.
_PLAIN = {types.FunctionType, types.BuiltinFunctionType, types.MethodType,
          types.BuiltinMethodType, type}


def evaluate(sol, args, node_attr, node_id, skip_func, stopper, executor):
    # Evaluates a node, through the executor when there is one.
    if executor is not False and executor is not sol._sync_spec:
        return async_thread(sol, args, node_attr, node_id, skip_func,
                            stopper=stopper, executor=executor)
    return sol._evaluate_node(args, node_attr, node_id, skip_func, stopper,
                              executor)


def check_function_domain(sol, args, node_attr, node_id):
    if sol.no_domain or 'input_domain' not in node_attr:
        return
    if node_attr.get('await_domain', True):
        args = map(await_result, args)
    args = [a for a in args if a is not NONE]
    ok = bool(node_attr['input_domain'](*args))
    sol.workflow._node[node_id]['solution_domain'] = ok
    if not ok:
        if _listeners:
            _events.rejected(sol, node_id)
        raise SkipNode


def check_sub_dsp_domain(sol, dsp_id, node, arrived, extra):
    # The domain of a sub-dispatcher gets {parent input id: value}.
    if 'input_domain' not in node or sol.no_domain or sol.no_call:
        return None
    try:
        wait = node.get('await_domain', True)
        kw = {k: await_result(v['value']) if wait else v['value']
              for k, v in arrived.items()}
        ok = extra['solution_domain'] = bool(node['input_domain'](kw))
        if not ok and _listeners:
            _events.rejected(sol, dsp_id)
        return ok
    except SkipNode:  # A failed (asynchronous) input: just not entered.
        return False
    except Exception as ex:
        sol._warning("Failed SUB-DSP DOMAIN '%s' due to:\n  %r", dsp_id, ex)
        return False


def evaluate_node(sol, args, node_attr, node_id, skip_func=False,
                  stopper=None, executor=False):
    """Calls the node (function, filters, callback); SkipNode on error."""
    wattr = sol.workflow._node[node_id]
    watch = _listeners and not skip_func and _events.watch(sol, node_id,
                                                           node_attr)
    try:
        if skip_func:
            value = args[0]
        else:
            args = [v for v in args if v is not NONE]
            value = sol._evaluate_function(
                args, node_id, node_attr, wattr, stopper, executor)
        value = sol._apply_filters(
            value, node_id, node_attr, wattr, stopper, executor)
        if 'started' in wattr:
            wattr['duration'] = time.time() - wattr['started']
        if 'callback' in node_attr:
            try:
                node_attr['callback'](value)
            except Exception as ex:
                sol._warning("Failed CALLBACK '%s' due to:\n  %s",
                             node_id, ex)
        if watch:
            watch.end()
        return value
    except Exception as ex:
        if 'started' in wattr:
            wattr['duration'] = time.time() - wattr['started']
        if watch:
            watch.end(ex)
        sol._warning("Failed DISPATCHING '%s' due to:\n  %r", node_id, ex)
        raise SkipNode(ex=ex)


def evaluate_function(sol, args, node_id, node_attr, wattr, stopper=None,
                      executor=False):
    if 'started' not in wattr:
        wattr['started'] = time.time()
    fn = node_attr['function']
    # A non-callable (e.g. None) fails here with Python's TypeError.
    if executor is False and not stopper and (
            fn.__class__ in _PLAIN or not _unwrap(fn)[1]):
        return fn(*args)  # Plain synchronous call.

    def callback(is_sol, obj):
        if is_sol and obj is not None:  # None: a map task keeps no solution.
            wattr['solution'] = obj

    return async_process(
        [fn], *args, executor=executor, sol=sol, callback=callback,
        stopper=stopper, sol_name=sol.full_name + (node_id,))


def apply_filters(sol, value, node_id, node_attr, wattr, stopper=None,
                  executor=False):
    filters = node_attr.get('filters')
    if not filters:
        return value
    if 'started' not in wattr:
        wattr['started'] = time.time()
    steps = wattr['solution_filters'] = [value]

    def callback(is_sol, obj):
        steps.append(obj)

    return async_process(
        filters, value, executor=executor, sol=sol, callback=callback,
        stopper=stopper, sol_name=sol.full_name + (node_id,))


def warning(sol, msg, node_id, ex, *args, **kwargs):
    """Records (and logs or raises) the failure of a node."""
    raises = sol.raises(ex) if callable(sol.raises) else sol.raises
    if raises and isinstance(ex, DispatcherError):
        ex.update(sol)
        raise ex
    sol._errors[node_id] = msg % ((node_id, ex) + args)
    path = '/'.join(map(str, sol.full_name + (node_id,)))
    if raises:
        raise DispatcherError(msg, path, ex, *args, sol=sol, ex=ex, **kwargs)
    elif raises != '':
        kwargs['exc_info'] = kwargs.get('exc_info', 1)
        log.error(msg, path, ex, *args, **kwargs)
