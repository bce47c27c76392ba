# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""
Saves and loads dispatchers, their default values and their maps with
`dill <https://pypi.org/project/dill/>`_ (the ``io`` extra).

``dill`` is imported only when one of these functions is called. Files are
plain ``dill`` pickles, written with its default settings: no compression is
applied, whatever the file name (a ``.gz`` name gives a plain pickle too).

Differences from schedula 1.2.0 (fixes of its accidents):

- ``path`` may also be a binary file object, where 1.2.0 accepted only
  paths (anything with ``read`` for the loaders, ``write`` for the savers);
  it is read or written from its current position and left open.
- A file that is empty, truncated or not a pickle raises the class 1.2.0
  raised (:class:`EOFError` or :class:`pickle.UnpicklingError`) with a message
  naming the file; any other error met while unpickling keeps its class and
  message and gets a note naming the file. A missing path raises
  :class:`FileNotFoundError` (its message names the path) as before.
- A saver pickles the object before opening the path, so an object that
  cannot be pickled leaves an existing file intact (1.2.0 had already
  truncated it); the error keeps its class and gets a note naming the file.

.. currentmodule:: schedula.utils.io

.. autosummary::
    :nosignatures:
    :toctree: toctree/schedula.utils.io

    save_dispatcher
    load_dispatcher
    save_default_values
    load_default_values
    save_map
    load_map
"""
import os
import pickle
import contextlib

__all__ = [
    'save_dispatcher', 'load_dispatcher', 'save_default_values',
    'load_default_values', 'save_map', 'load_map'
]


def _describe(path):
    # How the file is named in error messages.
    is_file = hasattr(path, 'read') or hasattr(path, 'write')
    name = getattr(path, 'name', path) if is_file else path
    if isinstance(name, int):
        return 'file descriptor %d' % name
    if isinstance(name, (str, bytes, os.PathLike)):
        return repr(os.fspath(name))
    return repr(path)


def _open_to_read(path):
    # A file object is used as it is (and left open); anything else goes to
    # `open`, which raises for a missing path as 1.2.0 did.
    if hasattr(path, 'read'):
        return contextlib.nullcontext(path)
    return open(path, 'rb')


def _dump(obj, path, what):
    import dill
    try:
        if hasattr(path, 'write'):
            dill.dump(obj, path)
            return
        # Pickled before opening: a failure leaves an existing file intact.
        data = dill.dumps(obj)
    except Exception as ex:
        ex.add_note('While saving the %s to %s.' % (what, _describe(path)))
        raise
    with open(path, 'wb') as file:
        file.write(data)


def _load(path, what):
    import dill
    with _open_to_read(path) as file:
        try:
            return dill.load(file)
        except (EOFError, pickle.UnpicklingError) as ex:
            problem = 'empty or truncated' if isinstance(ex, EOFError) else \
                'corrupt or not a dill pickle'
            msg = 'Cannot load the %s from %s: the file is %s (%s).' % (
                what, _describe(path), problem, str(ex).rstrip('.'))
            raise type(ex)(msg) from ex
        except Exception as ex:
            # Other classes may need more arguments: keep the exception as it
            # is and name the file in a note.
            ex.add_note('While loading the %s from %s.' % (
                what, _describe(path)))
            raise


def _reinit(dsp, dmap, default_values):
    # 1.2.0 runs the constructor again: name, raises, description, executor,
    # solution and node counter are reset; only the map and defaults are set.
    dsp.__init__(dmap=dmap, default_values=default_values)


def save_dispatcher(dsp, path):
    """
    Writes the dispatcher to a file with ``dill`` (its last solution is not
    saved: an empty one takes its place).

    :param dsp:
        The dispatcher to save.
    :type dsp: schedula.Dispatcher

    :param path:
        A file path (str, path-like or file descriptor) or a binary file
        object open for writing.
    :type path: str | os.PathLike | int | io.BufferedIOBase

    Example::

        >>> import os, tempfile, operator
        >>> from schedula import Dispatcher
        >>> dsp = Dispatcher(name='saved')
        >>> dsp.add_function('neg', operator.neg, ['a'], ['b'])
        'neg'
        >>> tmp = tempfile.TemporaryDirectory()
        >>> path = os.path.join(tmp.name, 'dsp.dill')
        >>> save_dispatcher(dsp, path)
        >>> load_dispatcher(path)({'a': 1})
        Solution([('a', 1), ('b', -1)])
        >>> tmp.cleanup()
    """
    _dump(dsp, path, 'dispatcher')


def load_dispatcher(path):
    """
    Reads a dispatcher written by :func:`save_dispatcher`.

    :param path:
        A file path (str, path-like or file descriptor) or a binary file
        object open for reading.
    :type path: str | os.PathLike | int | io.BufferedIOBase

    :return:
        The loaded dispatcher.
    :rtype: schedula.Dispatcher

    Example::

        >>> import io, math
        >>> from schedula import Dispatcher
        >>> dsp = Dispatcher(name='saved', raises=True)
        >>> dsp.add_data('a', default_value=16, initial_dist=2)
        'a'
        >>> dsp.add_function('sqrt', math.sqrt, ['a'], ['b'])
        'sqrt'
        >>> file = io.BytesIO()
        >>> save_dispatcher(dsp, file)
        >>> _ = file.seek(0)
        >>> loaded = load_dispatcher(file)
        >>> loaded.name, loaded.raises, loaded()
        ('saved', True, Solution([('a', 16), ('b', 4.0)]))
        >>> load_dispatcher(io.BytesIO(b''))
        Traceback (most recent call last):
        ...
        EOFError: Cannot load the dispatcher from <_io.BytesIO object at ...>:
        the file is empty or truncated (Ran out of input).
    """
    return _load(path, 'dispatcher')


def save_default_values(dsp, path):
    """
    Writes the default values of the dispatcher
    (``{data_id: {'value': v, 'initial_dist': d}}``) to a file with ``dill``.

    :param dsp:
        The dispatcher whose default values are saved.
    :type dsp: schedula.Dispatcher

    :param path:
        A file path (str, path-like or file descriptor) or a binary file
        object open for writing.
    :type path: str | os.PathLike | int | io.BufferedIOBase

    Example::

        >>> import io
        >>> from schedula import Dispatcher
        >>> dsp = Dispatcher()
        >>> dsp.add_data('a', default_value=4, initial_dist=2)
        'a'
        >>> file = io.BytesIO()
        >>> save_default_values(dsp, file)
        >>> import dill; dill.loads(file.getvalue())
        {'a': {'value': 4, 'initial_dist': 2}}
    """
    _dump(dsp.default_values, path, 'default values')


def load_default_values(dsp, path):
    """
    Loads default values written by :func:`save_default_values` into the
    dispatcher.

    As in schedula 1.2.0 the dispatcher is **re-initialised** in place: its
    constructor runs again with only its current map and the loaded default
    values, so ``name``, ``description``, ``raises`` and ``executor`` go back
    to their defaults and the node counter restarts at 0. Nothing changes
    when the file cannot be loaded.

    :param dsp:
        The dispatcher that receives the default values.
    :type dsp: schedula.Dispatcher

    :param path:
        A file path (str, path-like or file descriptor) or a binary file
        object open for reading.
    :type path: str | os.PathLike | int | io.BufferedIOBase

    Example::

        >>> import io, operator
        >>> from schedula import Dispatcher
        >>> src = Dispatcher()
        >>> src.add_data('a', default_value=4, initial_dist=2)
        'a'
        >>> file = io.BytesIO()
        >>> save_default_values(src, file)
        >>> dsp = Dispatcher(name='target', raises=True)
        >>> dsp.add_function('neg', operator.neg, ['a'], ['b'])
        'neg'
        >>> _ = file.seek(0)
        >>> load_default_values(dsp, file)
        >>> dsp.name, dsp.raises, dsp.default_values, dsp()
        ('', False, {'a': {'value': 4, 'initial_dist': 2}},
         Solution([('a', 4), ('b', -4)]))
    """
    _reinit(dsp, dsp.dmap, _load(path, 'default values'))


def save_map(dsp, path):
    """
    Writes the map of the dispatcher (``dsp.dmap``, its graph of nodes and
    edges) to a file with ``dill``.

    :param dsp:
        The dispatcher whose map is saved.
    :type dsp: schedula.Dispatcher

    :param path:
        A file path (str, path-like or file descriptor) or a binary file
        object open for writing.
    :type path: str | os.PathLike | int | io.BufferedIOBase

    Example::

        >>> import io, dill, operator
        >>> from schedula import Dispatcher
        >>> dsp = Dispatcher()
        >>> dsp.add_function('neg', operator.neg, ['a'], ['b'])
        'neg'
        >>> file = io.BytesIO()
        >>> save_map(dsp, file)
        >>> sorted(dill.loads(file.getvalue()).edges)
        [('a', 'neg'), ('neg', 'b')]
    """
    _dump(dsp.dmap, path, 'map')


def load_map(dsp, path):
    """
    Loads a map written by :func:`save_map` into the dispatcher.

    As in schedula 1.2.0 the dispatcher is **re-initialised** in place: its
    constructor runs again with only the loaded map and its current default
    values, so ``name``, ``description``, ``raises`` and ``executor`` go back
    to their defaults and the node counter restarts at 0. Nothing changes
    when the file cannot be loaded.

    :param dsp:
        The dispatcher that receives the map.
    :type dsp: schedula.Dispatcher

    :param path:
        A file path (str, path-like or file descriptor) or a binary file
        object open for reading.
    :type path: str | os.PathLike | int | io.BufferedIOBase

    Example::

        >>> import io, operator
        >>> from schedula import Dispatcher
        >>> src = Dispatcher()
        >>> src.add_function('neg', operator.neg, ['a'], ['b'])
        'neg'
        >>> file = io.BytesIO()
        >>> save_map(src, file)
        >>> dsp = Dispatcher(name='target', default_values={
        ...     'a': {'value': 3, 'initial_dist': 0.0}})
        >>> _ = file.seek(0)
        >>> load_map(dsp, file)
        >>> dsp.name, sorted(dsp.nodes), dsp()
        ('', ['a', 'b', 'neg'], Solution([('a', 3), ('b', -3)]))
    """
    _reinit(dsp, _load(path, 'map'), dsp.default_values)
