# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""
The local viewer: the Flask app of a site map (pages made on demand) and
:class:`Site`, a Werkzeug server running it in a daemon thread.
"""
import os
import time
import socket
import weakref
import tempfile
import ipaddress
import threading
import functools

from ._files import write_file

__all__ = ['Site', 'basic_app', 'site_app']

#: Key of the app's ``extensions`` holding the schedula server state.
_EXT = 'schedula'


def _is_loopback(address):
    """
    Return True when `address` is a loopback address (IPv6-mapped IPv4 too).

    Example::

        >>> _is_loopback('127.0.0.1'), _is_loopback('::ffff:127.0.0.1')
        (True, True)
        >>> _is_loopback('10.0.0.1'), _is_loopback(None)
        (False, False)
    """
    try:
        ip = ipaddress.ip_address(address or '')
    except ValueError:
        return False
    # A server bound to '::' sees IPv4 clients as '::ffff:a.b.c.d'.
    return (getattr(ip, 'ipv4_mapped', None) or ip).is_loopback


def _loopback_only(func):
    # DELETE /cleanup and /shutdown: a stranger cannot stop a served model.
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        from flask import request, jsonify
        if not _is_loopback(request.remote_addr):
            response = jsonify(error='Forbidden: %s %s answers only requests '
                                     'from the loopback address.' % (
                                         request.method, request.path))
            response.status_code = 403
            return response
        return func(*args, **kwargs)

    return wrapper


def basic_app(root_path, cleanup=None, shutdown=None, mute=True, **kwargs):
    """
    Returns a Flask app with the ``DELETE /cleanup`` and ``DELETE /shutdown``
    routes (answered only to loopback requests; others get a JSON 403).

    :param root_path:
        Root path of the app (its static folder is ``<root_path>/static``).
    :param cleanup:
        Callable removing the generated files (returns the answer text).
    :param shutdown:
        Callable stopping the server (default: the :class:`Site`'s one).
    :param mute:
        Whether the :class:`Site` server skips the request log.
    :param kwargs:
        Keyword arguments of :class:`flask.Flask`.

    Example::

        >>> app = basic_app(tempfile.mkdtemp())
        >>> client = app.test_client()
        >>> client.delete('/cleanup').get_data(as_text=True)
        'Nothing to cleanup.'
        >>> r = client.delete('/shutdown', environ_base={'REMOTE_ADDR': '1.2.3.4'})
        >>> r.status_code, sorted(r.get_json())
        (403, ['error'])
    """
    from flask import Flask
    app = Flask(root_path, root_path=root_path, **kwargs)
    state = app.extensions[_EXT] = {
        'server': None, 'mute': mute, 'cleanup': cleanup or (
            lambda: 'Nothing to cleanup.'), 'shutdown': shutdown
    }

    @_loopback_only
    def cleanup_view():
        return state['cleanup']()

    @_loopback_only
    def shutdown_view():
        from flask import jsonify
        stop = state['shutdown'] or _server_stopper(state['server'])
        if stop is None:
            response = jsonify(error='Not running with the schedula server.')
            response.status_code = 501
            return response
        threading.Thread(target=stop, daemon=True).start()
        return 'Server shutting down...'

    app.add_url_rule('/cleanup', 'cleanup', cleanup_view, methods=['DELETE'])
    app.add_url_rule('/shutdown', 'shutdown', shutdown_view,
                     methods=['DELETE'])
    return app


def _server_stopper(server):
    return None if server is None else server.shutdown


class _Pages:
    # Generates the site files on demand into the app's static folder.
    def __init__(self, context, static, own_root=None):
        self.context, self.static, self.own_root = context, static, own_root
        self.generated, self.lock = {}, threading.Lock()

    def serve(self, key, path):
        from flask import send_from_directory, abort
        with self.lock:
            if path not in self.generated:
                filepath = write_file(key, path, self.static, self.context)
                if filepath is None:
                    abort(500)
                self.generated[path] = filepath
        directory, name = os.path.split(self.generated[path])
        return send_from_directory(directory, name)

    def cleanup(self):
        with self.lock:
            for filepath in self.generated.values():
                if os.path.isfile(filepath):
                    os.remove(filepath)
            # Now-empty directories go, and the root if we made it.
            _remove_empty_dirs(self.own_root or self.static)
            self.generated.clear()
        return 'Cleaned up generated files by the server.'


def _remove_empty_dirs(root):
    for directory, _, _ in sorted(os.walk(root), reverse=True):
        if not os.listdir(directory):
            os.rmdir(directory)


def site_app(sitemap, root_path=None, depth=-1, index=True, mute=True,
             **kw):
    """
    Returns the Flask app of a site map: ``GET /<path>`` for every page of
    ``sitemap.rules(depth, index)`` (made on demand into
    ``<root_path>/static``), ``/`` for the first one. ``DELETE /cleanup``
    removes the generated files and the directories left empty (with the
    root path, when it is a temporary directory made here).
    """
    own_root = None if root_path else tempfile.mkdtemp()
    root_path = root_path or own_root
    context = sitemap.rules(depth=depth, index=index)
    pages = _Pages(context, os.path.join(root_path, 'static'), own_root)
    # No Flask static route: the pages have their own routes (and a model
    # may be named `static`).
    kw.setdefault('static_folder', None)
    app = basic_app(root_path, cleanup=pages.cleanup, mute=mute, **kw)
    for i, (key, path) in enumerate(context.items()):
        view = functools.partial(pages.serve, key, path)
        app.add_url_rule('/' + path, path, view, methods=['GET'])
        if i == 0:
            app.add_url_rule('/', '/', view, methods=['GET'])
    return app


def _request_handler():
    from werkzeug.serving import WSGIRequestHandler

    class Handler(WSGIRequestHandler):
        def log_request(self, *args, **kwargs):
            state = getattr(self.server.app, 'extensions', {}).get(_EXT, {})
            if not state.get('mute'):
                super().log_request(*args, **kwargs)

    return Handler


def _make_server(host, port, app, **options):
    # Binds first (a busy port raises OSError; Werkzeug would exit).
    from werkzeug.serving import (
        make_server, select_address_family, get_sockaddr
    )
    family = select_address_family(host, port)
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(get_sockaddr(host, int(port), family))
        sock.listen(128)
        options.setdefault('request_handler', _request_handler())
        return make_server(host, port, app, threaded=True,
                           fd=sock.fileno(), **options)
    finally:
        sock.close()  # The server holds its own duplicate.


def _stop(server, thread, app):
    state = app.extensions.get(_EXT, {})
    try:
        state.get('cleanup', lambda: None)()
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
    return True


def _not_running():
    return False


class Site:
    """
    A local server of a site map (a Werkzeug server in a daemon thread).

    :param sitemap:
        The site map (its ``app(**kwargs)`` is served).
    :param host:
        Host name (default ``localhost``).
    :param port:
        Port (0: a free one, picked by :meth:`run`).
    :param delay:
        Seconds between the checks that the server answers.
    :param until:
        Seconds after which :meth:`run` gives up.
    :param run_options:
        Default options of :meth:`run`.

    Example::

        >>> import schedula as sh
        >>> from schedula.utils.drw import SiteMap
        >>> d = sh.Dispatcher(name='main')
        >>> sitemap = SiteMap()
        >>> sitemap.add_items(d)
        main
        >>> site = Site(sitemap, depth=-1, index=True, root_path=None)
        >>> site
        Site(SiteMap([(main, SiteMap())]), host='localhost', port=0, depth=-1, index=True, root_path=None)
        >>> site.shutdown()
        False
        >>> site.run(host='127.0.0.1').url.startswith('http://127.0.0.1:')
        True
        >>> site.is_running, site.shutdown(), site.shutdown(), site.is_running
        (True, True, None, False)
    """

    def __init__(self, sitemap, host='localhost', port=0, delay=0.1,
                 until=30, run_options=None, **kwargs):
        self.sitemap, self.host, self.port = sitemap, host, port
        self.delay, self.until = delay, until
        self.run_options = dict(run_options or {})
        self.kwargs = kwargs
        self.shutdown = _not_running

    def __repr__(self):
        items = [('host', self.host), ('port', self.port)]
        items += sorted(self.kwargs.items())
        return '%s(%r, %s)' % (type(self).__name__, self.sitemap, ', '.join(
            '%s=%r' % kv for kv in items))

    @property
    def url(self):
        return 'http://%s:%s' % (self.host, self.port)

    def app(self):
        """The Flask app served (a new one at each call)."""
        return self.sitemap.app(**self.kwargs)

    def run(self, **options):
        """
        Starts (or restarts) the server; returns the site. ``host`` and
        ``port`` options replace the site's; the others go to
        :func:`werkzeug.serving.make_server`.
        """
        self.shutdown()
        options = dict(self.run_options, **options)
        self.host = options.pop('host', self.host)
        self.port = options.pop('port', self.port)
        app = self.app()
        server = _make_server(self.host, self.port, app, **options)
        app.extensions[_EXT]['server'] = server
        self.port = server.port
        thread = threading.Thread(target=server.serve_forever,
                                  kwargs={'poll_interval': 0.05}, daemon=True,
                                  name='schedula-site-%s' % self.port)
        thread.start()
        self.shutdown = weakref.finalize(self, _stop, server, thread, app)
        self._wait()
        return self

    def _wait(self):
        start = time.monotonic()
        while not self.is_running:
            if time.monotonic() - start > self.until:
                raise ConnectionRefusedError('After %.3fs the server %s is '
                                             'down!' % (self.until, self.url))
            time.sleep(self.delay)

    @property
    def is_running(self):
        """Whether the server accepts TCP connections."""
        try:
            with socket.create_connection((self.host, self.port), timeout=1):
                return True
        except OSError:
            return False

    def _repr_html_(self):
        if not getattr(self.shutdown, 'alive', False):
            self.run()
        template = os.environ.get('SCHEDULA_SITE_REPR_HTML', (
            '<iframe id="{id}" class="sh-box" src="http://{host}:{port}/" '
            'allowfullscreen width="100%" height="500"></iframe>'))
        return template.format(**dict(os.environ, id=id(self), host=self.host,
                                      port=self.port))
