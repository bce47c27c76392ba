# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""The local viewer: Site, its Werkzeug server and the Flask app."""
import os
import gc
import socket

import pytest
import requests

import schedula as sh
from schedula.utils.drw import SiteMap, Site, basic_app


pytestmark = pytest.mark.usefixtures('no_viewer', 'temp_dirs')


def test_plot_view_with_sites_serves_over_http(no_viewer, make_model):
    d = make_model()
    sol = d.dispatch({'a': 1})
    sites = set()
    sitemap = sol.plot(view=True, sites=sites, index=True)
    assert isinstance(sitemap, SiteMap) and len(sites) == 1
    site = sites.pop()
    try:
        assert no_viewer == [(site.url, 'html')]
        assert site.url.startswith('http://localhost:')
        assert site.is_running
        index = requests.get(site.url + '/', timeout=10)
        assert index.status_code == 200 and 'sh-tree' in index.text
        page = requests.get(site.url + '/main.html', timeout=10)
        assert page.status_code == 200 and '<svg' in page.text
        assert 'href="./main/S.html"' in page.text
        sub = requests.get(site.url + '/main/S.html', timeout=10)
        assert sub.status_code == 200 and '<svg' in sub.text
        css = requests.get(site.url + '/index/css/index.css', timeout=10)
        assert css.status_code == 200 and 'sh-navbar' in css.text
        assert requests.get(site.url + '/nothing.html',
                            timeout=10).status_code == 404
    finally:
        assert site.shutdown() is True
    assert not site.shutdown()
    assert not site.is_running


def test_site_repr_and_run_options(tmp_path, make_model):
    sitemap = make_model().plot(view=False)
    site = Site(sitemap, depth=-1, index=True, root_path=None)
    assert repr(site) == (
        "Site(SiteMap([(main, SiteMap([(S, SiteMap())]))]), host='localhost',"
        " port=0, depth=-1, index=True, root_path=None)")
    assert site.shutdown() is False
    site = Site(sitemap, root_path=str(tmp_path))
    assert site.run(host='127.0.0.1') is site
    try:
        assert site.host == '127.0.0.1' and site.port > 0
        assert site.url == 'http://127.0.0.1:%d' % site.port
        assert requests.get(site.url + '/main.html', timeout=10).ok
        generated = os.path.join(str(tmp_path), 'static', 'main.html')
        assert os.path.isfile(generated)
        # A busy fixed port raises OSError.
        with pytest.raises(OSError, match=r'Address already in use'):
            Site(sitemap, host='127.0.0.1', port=site.port).run()
    finally:
        assert site.shutdown() is True
    # The first shutdown cleans the generated files up.
    assert not os.path.exists(generated)


def test_shutdown_on_garbage_collection(make_model):
    site = Site(make_model().plot(view=False), host='127.0.0.1').run()
    host, port = site.host, site.port
    finalizer = site.shutdown
    del site
    gc.collect()
    assert not finalizer.alive
    with pytest.raises(OSError, match=r'Connection refused'):
        socket.create_connection((host, port), timeout=1).close()


def test_delete_endpoints_over_http(make_model):
    site = Site(make_model().plot(view=False), host='127.0.0.1').run()
    try:
        requests.get(site.url + '/main.html', timeout=10)
        r = requests.delete(site.url + '/cleanup', timeout=10)
        assert r.status_code == 200
        assert r.text == 'Cleaned up generated files by the server.'
        r = requests.delete(site.url + '/shutdown', timeout=10)
        assert r.status_code == 200 and r.text == 'Server shutting down...'
    finally:
        assert site.shutdown() is True
    assert not site.is_running


def test_delete_answers_only_loopback(make_model):
    app = make_model().plot(view=False).app()
    client = app.test_client()
    stranger = {'REMOTE_ADDR': '203.0.113.9'}
    for path in ('/cleanup', '/shutdown'):
        r = client.delete(path, environ_base=stranger)
        assert r.status_code == 403 and r.is_json
        assert 'loopback' in r.get_json()['error']
    r = client.delete('/cleanup', environ_base={'REMOTE_ADDR': '::1'})
    assert r.status_code == 200
    # A server bound to '::' sees local IPv4 clients as mapped addresses.
    mapped = {'REMOTE_ADDR': '::ffff:127.0.0.1'}
    assert client.delete('/cleanup', environ_base=mapped).status_code == 200
    assert client.delete(
        '/cleanup', environ_base={'REMOTE_ADDR': '::ffff:203.0.113.9'}
    ).status_code == 403
    assert r.get_data(as_text=True) == \
        'Cleaned up generated files by the server.'
    # Without a server of ours, /shutdown says so (JSON 501).
    r = client.delete('/shutdown')
    assert r.status_code == 501 and 'error' in r.get_json()


def test_app_routes(make_model):
    app = make_model().plot(view=False).app(index=False)
    client = app.test_client()
    with client.get('/') as root:
        assert root.status_code == 200
        assert '<svg' in root.get_data(as_text=True)
    for method, path, status in (('get', '/main/S.html', 200),
                                 ('get', '/index.html', 404),
                                 ('post', '/main.html', 405)):
        with getattr(client, method)(path) as response:
            assert response.status_code == status
    assert basic_app(os.getcwd()).test_client().delete(
        '/cleanup').get_data(as_text=True) == 'Nothing to cleanup.'


def test_repr_html(monkeypatch, make_model):
    site = Site(make_model().plot(view=False), host='127.0.0.1')
    try:
        text = site._repr_html_()
        assert 'class="sh-box"' in text
        assert 'src="http://127.0.0.1:%d/"' % site.port in text
        monkeypatch.setenv('SCHEDULA_SITE_REPR_HTML', '{host}|{port}|{PATH}')
        assert site._repr_html_() == '127.0.0.1|%d|%s' % (
            site.port, os.environ['PATH'])
    finally:
        site.shutdown()


def test_run_gives_up_after_until(monkeypatch, make_model):
    site = Site(make_model().plot(view=False), host='127.0.0.1', delay=0.01,
                until=0.05)
    monkeypatch.setattr(Site, 'is_running', property(lambda self: False))
    try:
        with pytest.raises(ConnectionRefusedError,
                           match=r'^After 0\.050s the server http://127\.0'
                                 r'\.0\.1:\d+ is down!$'):
            site.run()
    finally:
        monkeypatch.undo()
        assert site.shutdown() is True


def test_server_stopped_at_exit():
    code = (
        'import atexit, weakref, schedula as sh\n'
        'd = sh.Dispatcher(name="x")\n'
        'site = d.plot(view=False).site(host="127.0.0.1")\n'
        'atexit.register(lambda: print("closed", not site.is_running))\n'
        'site.run()\n'
        'print(site.port, site.is_running, flush=True)\n')
    import subprocess
    import sys
    out = subprocess.run([sys.executable, '-c', code], capture_output=True,
                         text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.split('\n')
    assert lines[0].endswith(' True')
    # The finalizer ran at exit (atexit calls run in reverse order).
    assert lines[1] == 'closed True'


def test_model_named_static_and_cleanup_of_own_root(temp_dirs):
    d = sh.Dispatcher(name='static')
    d.add_function('f', lambda a: a, ['a'], ['b'])
    site = Site(d.plot(view=False), host='127.0.0.1').run()
    try:
        r = requests.get(site.url + '/static/lambda.html', timeout=10)
        assert r.status_code == 200 and 'lambda' in r.text
        assert requests.get(site.url + '/static.html', timeout=10).ok
        assert os.path.isdir(str(temp_dirs[-1]))
    finally:
        assert site.shutdown() is True
    assert not os.path.exists(str(temp_dirs[-1]))  # Made by the app.
