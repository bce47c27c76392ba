# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""
Blueprints: deferred construction of dispatchers and of the objects that wrap
them.

A :class:`Blueprint` records *how* to build an object (the constructor
arguments and a list of method calls) so that it can be built later, several
times, pickled cheaply or merged into other blueprints and dispatchers.
:class:`BlueDispatcher` is the blueprint of a
:class:`~schedula.dispatcher.Dispatcher`: it records the model-building calls.

A ``memo`` dict shared by the calls of one build makes a blueprint used in
several places be built once (it maps blueprint -> object); when blueprints
are made from objects (``Dispatcher.blue``) it maps object -> blueprint.

This module imports :mod:`schedula.dispatcher` and :mod:`schedula.utils.dsp`
only inside functions: they use it too.
"""
from functools import partial

from .cst import EMPTY
from ._helpers import add_args, _is

__all__ = ['Blueprint', 'BlueDispatcher']


def _init(obj, memo=None):
    """
    Returns what `obj` builds (``obj.register(memo=memo)``) when it is a
    :class:`Blueprint`, else `obj` itself.

    Example::

        >>> _init(3), type(_init(BlueDispatcher(name='x'))).__name__
        (3, 'Dispatcher')
    """
    return obj.register(memo=memo) if isinstance(obj, Blueprint) else obj


def _call(fn, args, kwargs, memo):
    # Only top-level values are converted: blueprints nested in lists or
    # dicts are left to the called method.
    # (`_init` inlined: a deferred call has a dozen arguments.)
    return fn(*[v.register(memo=memo) if isinstance(v, Blueprint) else v
                for v in args],
              **{k: v.register(memo=memo) if isinstance(v, Blueprint) else v
                 for k, v in kwargs.items()})


def _safe_call(fn, /, *args, memo=None, **kwargs):
    """
    Calls `fn` with every positional and keyword argument converted as by
    :func:`_init` (same `memo`).

    Example::

        >>> b = BlueDispatcher(name='n')
        >>> _safe_call(lambda d, k: (d.name, k), b, k=[b]) == ('n', [b])
        True
    """
    return _call(fn, args, kwargs, memo)


def _parent_blue(func, memo=None):
    """
    Returns the blueprint form of a node function.

    A :func:`~functools.partial` or an
    :class:`~schedula.utils.dsp.add_args` is rebuilt (same class) around the
    blueprint forms of its contents, a
    :class:`~schedula.dispatcher.Dispatcher` or a
    :class:`~schedula.utils.dsp.SubDispatch` becomes its ``blue(memo)``,
    anything else is returned unchanged.

    Example::

        >>> from schedula import Dispatcher
        >>> w = partial(max, Dispatcher(name='d'), k=1)
        >>> b = _parent_blue(w); type(b).__name__, type(b.args[0]).__name__
        ('partial', 'BlueDispatcher')
        >>> b.func is max, b.keywords, _parent_blue(len) is len
        (True, {'k': 1}, True)
    """
    memo = {} if memo is None else memo
    if isinstance(func, partial):
        return func.__class__(
            *(_parent_blue(v, memo) for v in (func.func,) + func.args),
            **{k: _parent_blue(v, memo) for k, v in func.keywords.items()}
        )
    if isinstance(func, add_args):
        return func.__class__(*(_parent_blue(v, memo) for v in (
            func.func, func.n, func.callback
        )))
    if _is(func, '_is_dispatcher') or _is(func, '_is_sub_dispatch'):
        return func.blue(memo)  # They convert themselves.
    return func


class _DispatcherClass:
    # Default `Blueprint.cls`: `Dispatcher`, looked up on access because
    # `schedula.dispatcher` imports this module. Instances override it.
    def __get__(self, instance, owner=None):
        from ..dispatcher import Dispatcher
        return Dispatcher


class Blueprint:
    """
    Base class of the blueprints: a deferred construction of an object.

    It stores the constructor arguments (`args`, `kwargs`) and a list of
    method calls `deferred` (``(method_name, kwargs)`` pairs) to replay on
    the built object. The class to build is `cls`
    (:class:`~schedula.dispatcher.Dispatcher` unless set with
    :meth:`_set_cls`). Arguments that are blueprints are built first.

    Only `args`, `kwargs`, `deferred` and an instance `cls` are pickled.

    Example::

        >>> import schedula as sh
        >>> b = Blueprint(name='built')
        >>> b.cls is sh.Dispatcher, b.args, b.kwargs, b.deferred
        (True, (), {'name': 'built'}, [])
        >>> d = b.register(); type(d).__name__, d.name
        ('Dispatcher', 'built')
        >>> Blueprint(3, 4)._set_cls(divmod).register()
        (0, 3)
    """

    cls = _DispatcherClass()

    def __init__(self, *args, **kwargs):
        self.args = args
        self.kwargs = kwargs
        self.deferred = []

    def __getstate__(self):
        keys = ('args', 'kwargs', 'deferred', 'cls')
        return {k: v for k, v in self.__dict__.items() if k in keys}

    def _set_cls(self, cls):
        """
        Sets the class to build and returns the blueprint.

        Example::

            >>> b = Blueprint([1, 2])._set_cls(tuple)
            >>> b.cls, b.register()
            (<class 'tuple'>, (1, 2))
        """
        self.cls = cls
        return self

    def register(self, obj=None, memo=None):
        """
        Builds the object (or completes `obj`) and returns it.

        The object is ``cls(*args, **kwargs)`` (blueprint arguments are built
        first, sharing `memo`); then the deferred calls are replayed on it in
        order. Passing `obj` replays them on that existing object instead.

        :param obj:
            An object to replay the deferred calls on (instead of building a
            new one).
        :type obj: object

        :param memo:
            Blueprint -> object map shared by a build: a blueprint already in
            a non-empty `memo` is not built again; every blueprint built is
            stored in it (when it is not None).
        :type memo: dict

        :return:
            The built object.
        :rtype: object

        Example::

            >>> import schedula as sh
            >>> sub = sh.BlueDispatcher(name='sub').add_function(
            ...     function=abs, inputs=['x'], outputs=['y'])
            >>> top = sh.BlueDispatcher().add_dispatcher(
            ...     sub, ['x'], ['y'], dsp_id='s1').add_dispatcher(
            ...     sub, {'x2': 'x'}, {'y': 'y2'}, dsp_id='s2')
            >>> d = top.register(); n = d.nodes
            >>> n['s1']['function'] is n['s2']['function']
            False
            >>> memo = {}; d = top.register(memo=memo); n = d.nodes
            >>> n['s1']['function'] is n['s2']['function'] is memo[sub]
            True
            >>> top.register(memo=memo) is d
            True
        """
        if memo and self in memo:
            obj = memo[self]
            if obj is not None:
                return obj
        if obj is None:
            obj = _call(self.cls, self.args, self.kwargs, memo)
        for method, kwargs in self.deferred:
            _call(getattr(obj, method), (), kwargs, memo)
        if memo is not None:
            memo[self] = obj
        return obj

    def extend(self, *blues, memo=None):
        """
        Appends the deferred calls of other blueprints (or dispatchers, first
        converted with their ``blue(memo)``) to this one, and returns it.

        :param blues:
            Blueprints or dispatchers to merge, in order.
        :type blues: Blueprint | schedula.dispatcher.Dispatcher

        :param memo:
            Object -> blueprint map for the conversion (default: a new dict).
        :type memo: dict

        :return:
            This blueprint.
        :rtype: Blueprint

        Example::

            >>> import schedula as sh
            >>> d = sh.Dispatcher()
            >>> d.add_function('f', max, ['a', 'b'], ['c'])
            'f'
            >>> b = sh.BlueDispatcher().add_data('z').extend(d)
            >>> [(m, kw.get('data_id', kw.get('function_id')))
            ...  for m, kw in b.deferred]
            [('add_data', 'z'), ('add_function', 'f'), ('add_data', 'a'),
             ('add_data', 'b'), ('add_data', 'c')]
        """
        memo = {} if memo is None else memo
        for blue in blues:
            if _is(blue, '_is_dispatcher'):
                blue = blue.blue(memo=memo)
            for method, kwargs in _deferred(blue):
                getattr(self, method)(**kwargs)
        return self

    def __call__(self, *args, **kwargs):
        """
        Builds a new object (with a new memo) and calls it.

        Example::

            >>> import schedula as sh
            >>> sh.BlueDispatcher().add_function(
            ...     function=len, inputs=['s'], outputs=['n'])({'s': 'abc'})
            Solution([('s', 'abc'), ('n', 3)])
        """
        return self.register(memo={})(*args, **kwargs)


def _deferred(blue):
    # 1.2.0 failed here with a bare AttributeError: keep the class and its
    # text, and say what can be merged.
    try:
        return blue.deferred
    except AttributeError as ex:
        raise AttributeError(
            '%s: only Dispatcher and Blueprint objects can be merged.' % ex
        ) from None


class BlueDispatcher(Blueprint):
    """
    Blueprint of a :class:`~schedula.dispatcher.Dispatcher`.

    It takes the parameters of the dispatcher's constructor and records the
    model-building calls (:meth:`add_data`, :meth:`add_function`,
    :meth:`add_func`, :meth:`add_dispatcher`, :meth:`add_from_lists`,
    :meth:`set_default_value`) with every parameter's value: each returns the
    blueprint (so calls can be chained). :meth:`register` builds the
    dispatcher; calling the blueprint builds a new one and dispatches it.

    :param dmap:
        The graph (a new empty one when None).
    :type dmap: schedula.utils.graph.DiGraph

    :param name:
        The dispatcher's name.
    :type name: str

    :param default_values:
        Default values: ``{data_id: {'value': v, 'initial_dist': d}}``.
    :type default_values: dict

    :param raises:
        What to do when a node fails (see the dispatcher).
    :type raises: bool | str | callable

    :param description:
        The dispatcher's description.
    :type description: str

    :param executor:
        The executor name used by ``dispatch(executor=True)``.
    :type executor: str

    Example::

        >>> import schedula as sh
        >>> b = sh.BlueDispatcher(name='B', raises=True)
        >>> b.add_data('a', default_value=1).add_function(
        ...     function=max, inputs=['a', 'b'], outputs=['c']) is b
        True
        >>> b.set_default_value('b', 5) is b, b.args, b.kwargs['name']
        (True, (), 'B')
        >>> b.deferred[0]
        ('add_data', {'data_id': 'a', 'filters': None, 'wait_inputs': False,
                      'wildcard': None, 'function': None, 'callback': None,
                      'initial_dist': 0.0, 'default_value': 1,
                      'description': None, 'await_result': None})
        >>> dsp = b.register(); type(dsp).__name__, dsp.name, dsp.raises
        ('Dispatcher', 'B', True)
        >>> b(), b({'a': 10})
        (Solution([('a', 1), ('b', 5), ('c', 5)]),
         Solution([('a', 10), ('b', 5), ('c', 10)]))
    """

    def __init__(self, dmap=None, name='', default_values=None, raises=False,
                 description='', executor=None):
        super().__init__(
            dmap=dmap, name=name, default_values=default_values,
            raises=raises, description=description, executor=executor
        )

    def _record(self, method, kwargs, named):
        # Extra keywords first, then the named parameters (1.2.0 key order).
        kwargs.update(named)
        self.deferred.append((method, kwargs))
        return self

    def add_data(self, data_id=None, default_value=EMPTY, initial_dist=0.0,
                 wait_inputs=False, wildcard=None, function=None,
                 callback=None, description=None, filters=None,
                 await_result=None, **kwargs):
        """
        Records a :meth:`~schedula.dispatcher.Dispatcher.add_data` call.

        :return:
            The blueprint.
        :rtype: BlueDispatcher

        Example::

            >>> b = BlueDispatcher().add_data('a', 3, custom=1)
            >>> b.deferred[-1]
            ('add_data', {'custom': 1, 'data_id': 'a', 'filters': None,
                          'wait_inputs': False, 'wildcard': None,
                          'function': None, 'callback': None,
                          'initial_dist': 0.0, 'default_value': 3,
                          'description': None, 'await_result': None})
        """
        return self._record('add_data', kwargs, {
            'data_id': data_id, 'filters': filters, 'wait_inputs': wait_inputs,
            'wildcard': wildcard, 'function': function, 'callback': callback,
            'initial_dist': initial_dist, 'default_value': default_value,
            'description': description, 'await_result': await_result
        })

    def add_function(self, function_id=None, function=None, inputs=None,
                     outputs=None, input_domain=None, weight=None,
                     inp_weight=None, out_weight=None, description=None,
                     filters=None, await_domain=None, await_result=None,
                     **kwargs):
        """
        Records a :meth:`~schedula.dispatcher.Dispatcher.add_function` call.

        :return:
            The blueprint.
        :rtype: BlueDispatcher

        Example::

            >>> b = BlueDispatcher().add_function('f', max, ['a'], ['b'])
            >>> b.deferred[-1]
            ('add_function', {'function_id': 'f', 'inputs': ['a'],
                              'function': <built-in function max>,
                              'weight': None, 'input_domain': None,
                              'filters': None, 'await_result': None,
                              'await_domain': None, 'out_weight': None,
                              'description': None, 'outputs': ['b'],
                              'inp_weight': None})
        """
        return self._record('add_function', kwargs, {
            'function_id': function_id, 'inputs': inputs,
            'function': function, 'weight': weight,
            'input_domain': input_domain, 'filters': filters,
            'await_result': await_result, 'await_domain': await_domain,
            'out_weight': out_weight, 'description': description,
            'outputs': outputs, 'inp_weight': inp_weight
        })

    def add_func(self, function, outputs=None, weight=None,
                 inputs_kwargs=False, inputs_defaults=False, filters=None,
                 input_domain=None, await_domain=None, await_result=None,
                 inp_weight=None, out_weight=None, description=None,
                 inputs=None, function_id=None, **kwargs):
        """
        Records a :meth:`~schedula.dispatcher.Dispatcher.add_func` call.

        :return:
            The blueprint.
        :rtype: BlueDispatcher

        Example::

            >>> b = BlueDispatcher().add_func(len, ['n'])
            >>> list(b.deferred[-1][1])
            ['function_id', 'inputs', 'function', 'weight', 'input_domain',
             'filters', 'inputs_kwargs', 'inputs_defaults', 'await_result',
             'await_domain', 'out_weight', 'description', 'outputs',
             'inp_weight']
            >>> sorted(b.register().nodes)
            ['len', 'n', 'obj']
        """
        return self._record('add_func', kwargs, {
            'function_id': function_id, 'inputs': inputs,
            'function': function, 'weight': weight,
            'input_domain': input_domain, 'filters': filters,
            'inputs_kwargs': inputs_kwargs, 'inputs_defaults': inputs_defaults,
            'await_result': await_result, 'await_domain': await_domain,
            'out_weight': out_weight, 'description': description,
            'outputs': outputs, 'inp_weight': inp_weight
        })

    def add_dispatcher(self, dsp, inputs, outputs, dsp_id=None,
                       input_domain=None, weight=None, inp_weight=None,
                       description=None, include_defaults=False,
                       await_domain=None, **kwargs):
        """
        Records a :meth:`~schedula.dispatcher.Dispatcher.add_dispatcher`
        call.

        :return:
            The blueprint.
        :rtype: BlueDispatcher

        Example::

            >>> sub = BlueDispatcher(name='sub')
            >>> b = BlueDispatcher().add_dispatcher(sub, ['a'], ['b'])
            >>> list(b.deferred[-1][1])
            ['include_defaults', 'await_domain', 'weight', 'input_domain',
             'dsp_id', 'description', 'outputs', 'inputs', 'inp_weight',
             'dsp']
            >>> b.deferred[-1][1]['dsp'] is sub, list(b.register().nodes)
            (True, ['sub', 'a', 'b'])
        """
        return self._record('add_dispatcher', kwargs, {
            'include_defaults': include_defaults, 'await_domain': await_domain,
            'weight': weight, 'input_domain': input_domain, 'dsp_id': dsp_id,
            'description': description, 'outputs': outputs, 'inputs': inputs,
            'inp_weight': inp_weight, 'dsp': dsp
        })

    def add_from_lists(self, data_list=None, fun_list=None, dsp_list=None):
        """
        Records a :meth:`~schedula.dispatcher.Dispatcher.add_from_lists`
        call.

        :return:
            The blueprint.
        :rtype: BlueDispatcher

        Example::

            >>> b = BlueDispatcher().add_from_lists([{'data_id': 'a'}])
            >>> b.deferred[-1]
            ('add_from_lists', {'data_list': [{'data_id': 'a'}],
                                'fun_list': None, 'dsp_list': None})
            >>> list(b.register().nodes)
            ['a']
        """
        return self._record('add_from_lists', {}, {
            'data_list': data_list, 'fun_list': fun_list, 'dsp_list': dsp_list
        })

    def set_default_value(self, data_id, value=EMPTY, initial_dist=0.0):
        """
        Records a :meth:`~schedula.dispatcher.Dispatcher.set_default_value`
        call.

        :return:
            The blueprint.
        :rtype: BlueDispatcher

        Example::

            >>> b = BlueDispatcher().add_data('a').set_default_value('a', 2)
            >>> b.deferred[-1], b.register().default_values
            (('set_default_value', {'data_id': 'a', 'value': 2,
                                    'initial_dist': 0.0}),
             {'a': {'value': 2, 'initial_dist': 0.0}})
        """
        return self._record('set_default_value', {}, {
            'data_id': data_id, 'value': value, 'initial_dist': initial_dist
        })
