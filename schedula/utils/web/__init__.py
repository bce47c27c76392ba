# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""
The web API of a model: the model, its functions and its sub-models as JSON
POST endpoints of a Flask app.

A :class:`WebMap` is the site map of the endpoints: ``/<dsp name>`` (also
``/``) dispatches the model, ``/<dsp name>/<function id>`` calls a function,
``/<dsp name>/<sub-dispatcher id>`` dispatches a sub-model (whose functions
are below it), and with ``node_data=('+set_value',)`` ``/<dsp name>/<data
id>`` sets a data node's default value. Each endpoint calls its object with
the body's ``args`` and ``kwargs`` (the protocol of
:mod:`~schedula.utils.web.service`). ``dsp.web().site().app()`` is a plain
Flask app that any WSGI server can serve.

A call that fails is answered with its HTTP status and a JSON ``error``
(the exception text, as 1.2.0 gave it); ``app(error_status=False)`` (also
``site(error_status=False)``) gives 1.2.0's status 200 instead (see
:mod:`~schedula.utils.web.service`). Request bodies are not limited unless
the ``max_content_length`` keyword of :meth:`WebMap.app` (or Flask's
``MAX_CONTENT_LENGTH``) sets a limit. ``DELETE /cleanup`` and
``DELETE /shutdown`` answer only requests from the loopback address.

Needs the ``web`` extra (Flask and graphviz; the ``dot`` program is not
needed).

Example::

    >>> import schedula as sh
    >>> dsp = sh.Dispatcher(name='model')
    >>> dsp.add_function('add', lambda a, b: a + b, ['a', 'b'], ['c'])
    'add'
    >>> webmap = dsp.web()
    >>> webmap
    WebMap([(model, WebMap())])
    >>> client = webmap.app().test_client()
    >>> client.post('/model/add', json={'args': [1, 2]}).json
    {'return': 3}
    >>> client.post('/', json={'args': [{'a': 1, 'b': 2}]}).json
    {'return': {'a': 1, 'b': 2, 'c': 3}}
    >>> r = client.post('/model/add', json={'args': [1]})
    >>> r.status_code, r.json
    (422, {'error': "<lambda>() missing 1 required positional argument: 'b'"})
    >>> client.post('/', json={'args': [{'a': 1}]}).status_code  # No limit.
    200
    >>> client = webmap.app(max_content_length=16).test_client()
    >>> client.post('/', json={'args': [{'a': 1}]}).status_code
    413
    >>> client = webmap.app(error_status=False).test_client()
    >>> client.post('/model/add', json={'args': [1]}).status_code  # 1.2.0's.
    200

Sub-modules:

.. currentmodule:: schedula.utils.web

.. autosummary::
    :nosignatures:
    :toctree: web/

    service
"""
import functools
import tempfile
import threading

from .._helpers import parent_func, _is
from ..drw import SiteMap, SiteFolder, SiteNode, FolderNode, basic_app
from .service import setup_json_api, add_endpoint

__all__ = ['WebMap', 'WebFolder', 'WebNode', 'FolderNodeWeb']


class FolderNodeWeb(FolderNode):
    """
    A node of a :class:`WebFolder`: its linked values are its endpoints.

    Getters: ``function`` (key ``''`` for a function node, ``'function'``
    for a sub-dispatcher node; the node's function) and ``set_value``
    (opt-in with ``node_data=('+set_value',)``: key ``''``, a callable
    setting the data node's default value in the folder's dispatcher).

    Example::

        >>> import schedula as sh
        >>> d = sh.Dispatcher(name='d')
        >>> d.add_function('f', abs, ['a'], ['b'])
        'f'
        >>> folder = WebFolder(d, d, d.dmap, d, node_data=('+set_value',))
        >>> list(folder.node('f').items())
        [('', <built-in function abs>)]
        >>> [(k, v.func.__name__, v.args) for k, v in folder.node('a').items()]
        [('', 'set_default_value', ('a',))]
    """
    node_data = ()
    node_function = ('+function',)
    edge_data = ()

    def _function(self):
        if self.type in ('function', 'dispatcher'):
            key = 'function' if self.type == 'dispatcher' else ''
            yield key, self.attr['function']

    def _set_value(self):
        dsp = self.folder.dsp
        if self.type == 'data' and self.node_id in dsp.nodes:
            yield '', functools.partial(dsp.set_default_value, self.node_id)


class WebFolder(SiteFolder):
    """
    A model of a :class:`WebMap`: its endpoint (no extension) calls the
    plotted object (a dispatcher dispatches, a ``SubDispatch*`` is called).

    Example::

        >>> import schedula as sh
        >>> d = sh.Dispatcher(name='d')
        >>> folder = WebFolder(d, d, d.dmap, d)
        >>> folder, folder.ext, folder.item is d
        (d, '', True)
    """
    folder_node = FolderNodeWeb
    ext = ''


class WebNode(SiteNode):
    """
    A function (or set-value callable) of a :class:`WebMap`: its endpoint,
    named after the node id (no extension), calls it.

    Example::

        >>> page = WebNode(None, '<lambda>', lambda x: x, None, '<lambda>')
        >>> page, page.ext, page.item(3)
        (<lambda>, '', 3)
    """
    ext = ''

    def __init__(self, folder, node_id, item, obj, dsp_node_id):
        super().__init__(folder, node_id, item, obj, dsp_node_id)
        self.name = str(node_id)


def _runs_a_pipe(obj, seen=None):
    # Whether calling `obj` may run a SubDispatchPipe (or DispatchPipe):
    # those keep their running solution on the instance, so concurrent
    # requests reaching one must take turns.
    obj, seen = parent_func(obj), set() if seen is None else seen
    if _is(obj, '_is_pipe'):
        return True
    dsp = obj.dsp if _is(obj, '_is_sub_dispatch') else obj
    if not _is(dsp, '_is_dispatcher') or id(dsp) in seen:
        return False
    seen.add(id(dsp))
    return any(_runs_a_pipe(node['function'], seen)
               for node in dsp.nodes.values() if 'function' in node)


def _one_at_a_time(obj, lock):
    @functools.wraps(obj)
    def call(*args, **kwargs):
        with lock:
            return obj(*args, **kwargs)

    return call


class WebMap(SiteMap):
    """
    The endpoints of a model's web API (see :mod:`schedula.utils.web`).

    Example::

        >>> import schedula as sh
        >>> d = sh.Dispatcher(name='main')
        >>> d.add_function('<lambda>', lambda x: x + 1, ['x'], ['y'])
        '<lambda>'
        >>> webmap = WebMap()
        >>> webmap.add_items(d)
        main
        >>> list(webmap.rules(index=False).values())
        ['main', 'main/lambda']
    """
    site_folder = WebFolder
    site_node = WebNode
    site_index = None
    include_folders_as_filenames = False

    def _view(self, filepath, format):
        pass  # A web API is served, never opened in a browser.

    def _repr_svg_(self):
        raise NotImplementedError('A WebMap is not drawn.')

    def render(self, *args, **kwargs):
        """Not available: a web API is served (:meth:`app`), not written."""
        raise NotImplementedError('A WebMap is served with app() or site(), '
                                  'not rendered.')

    def app(self, root_path=None, depth=-1, index=False, mute=False,
            max_content_length=None, error_status=True, **kw):
        """
        Returns the Flask app of the web API: a POST endpoint per rule (``/``
        is the top model), ``DELETE /cleanup`` and ``DELETE /shutdown`` for
        loopback requests.

        :param root_path:
            Root path of the app (default: a new temporary directory).
        :type root_path: str

        :param depth:
            Levels of sub-models with their own endpoints (-1: all).
        :type depth: int

        :param index:
            Ignored (a web API has no index page).
        :type index: bool

        :param mute:
            Skip the request log of the :class:`~schedula.utils.drw.Site`
            server.
        :type mute: bool

        :param max_content_length:
            Largest request body in bytes (``None`` = unlimited).
        :type max_content_length: int | None

        :param error_status:
            Answer failures with their HTTP status (400, 413, 422); False
            gives 1.2.0's protocol (status 200 and the ``error`` key).
        :type error_status: bool

        :param kw:
            Keywords of :class:`flask.Flask`.

        :return:
            The app.
        :rtype: flask.Flask

        Example::

            >>> import schedula as sh
            >>> d = sh.Dispatcher(name='main')
            >>> d.add_function('f', abs, ['a'], ['b'])
            'f'
            >>> app = d.web().app()
            >>> sorted(r.rule for r in app.url_map.iter_rules()
            ...        if 'POST' in r.methods)
            ['/', '/main', '/main/f']
        """
        # No static folder: an API serves no files (and a model may be
        # named `static`); the root path is then never written.
        kw.setdefault('static_folder', None)
        app = basic_app(root_path or tempfile.gettempdir(), mute=mute, **kw)
        setup_json_api(app, max_content_length, error_status)
        rules = self.rules(depth=depth, index=False)
        pipe_lock = threading.Lock()  # One: a pipe may be in many endpoints.
        for i, ((page, _), rule) in enumerate(rules.items()):
            obj = page.item
            if _runs_a_pipe(obj):
                obj = _one_at_a_time(obj, pipe_lock)
            # A model named like a control route (`cleanup`, `shutdown`)
            # shares its path, for POST only, under another endpoint name.
            endpoint = 'POST /%s' % rule if rule in app.view_functions \
                else rule
            add_endpoint(app, rule, obj, endpoint)
            if i == 0:
                add_endpoint(app, '', obj)
        return app
