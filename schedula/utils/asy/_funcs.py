# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""
The chain runner: calls a chain of functions (each receiving the previous
result) where an executor sends it, in this process or shipped to a worker.
"""
from ..exc import DispatcherAbort, DispatcherError
from .._helpers import parent_func, NoSub, _is
from .factory import EXECUTORS, _worker


def _unwrap(func):
    # The innermost callable and whether it is a SubDispatch / a NoSub.
    func = parent_func(func)
    return func, _is(func, '_is_sub_dispatch'), isinstance(func, NoSub)


def _shippable(funcs):
    # True when no function of the chain is a SubDispatch (a NoSub is fine).
    for func in funcs:
        _, is_sub, is_nosub = _unwrap(func)
        if is_sub and not is_nosub:
            return False
    return True


def _process_funcs(exe_id, funcs, executor, *args, stopper=None,
                   sol_name=None, **kw):
    # Calls the chain `funcs`; returns records {'res', ['sol'], ['err']}.
    records = []
    for func in funcs:
        if stopper and stopper.is_set():
            raise DispatcherAbort
        inner, is_sub, is_nosub = _unwrap(func)
        record = {}
        if is_sub:
            try:
                record['res'] = func(*args, _stopper=stopper,
                                     _executor=executor, _sol_name=sol_name,
                                     **kw)
            except DispatcherError as ex:
                if is_nosub:
                    raise
                record['err'] = ex
            record['sol'] = inner.solution
        else:
            exe = EXECUTORS.get_executor(exe_id)
            if exe is None:
                record['res'] = func(*args, **kw)
            else:
                record['res'] = exe.process(exe_id[-1], func, *args, **kw)
        records.append(record)
        if 'err' in record:
            break
        args, kw = (record['res'],), {}
    return records


def _remote_process_funcs(*args, **kwargs):
    # `_process_funcs` shipped to a worker: the executor names that the
    # worker does not know mean synchronous there.
    previous, _worker.active = getattr(_worker, 'active', False), True
    try:
        return _process_funcs(*args, **kwargs)
    finally:
        _worker.active = previous
