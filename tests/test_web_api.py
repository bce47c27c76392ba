# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""
The web API of models (schedula.utils.web, Base.web) served over real HTTP on
127.0.0.1: endpoint naming, calls, set_value, ?data=, bad requests, control
routes, the seed README's tutorial (Fernet encryption) and a plain WSGI
server.
"""
import concurrent.futures
import contextlib
import os.path as osp
import socket
import threading
import time
import wsgiref.simple_server

import flask
import pytest
import requests
from cryptography.fernet import Fernet

import schedula as sh
from schedula.utils.web import WebMap, WebFolder, WebNode, FolderNodeWeb


def crypto_model():
    """The seed README's `symmetric_cryptography` model."""
    dsp = sh.Dispatcher(name='symmetric_cryptography')

    @sh.add_function(dsp, outputs=['key'], weight=2)
    def generate_key():
        return Fernet.generate_key().decode()

    @sh.add_function(dsp)
    def write_key(key_fpath, key):
        with open(key_fpath, 'w') as f:
            f.write(key)

    @sh.add_function(dsp, outputs=['key'], input_domain=osp.isfile)
    def read_key(key_fpath):
        with open(key_fpath) as f:
            return f.read()

    @sh.add_function(dsp, outputs=['encrypted'])
    def encrypt_message(key, decrypted):
        return Fernet(key.encode()).encrypt(decrypted.encode()).decode()

    @sh.add_function(dsp, outputs=['decrypted'])
    def decrypt_message(key, encrypted):
        return Fernet(key.encode()).decrypt(encrypted.encode()).decode()

    dsp.add_function('read_decrypted', read_key, ['decrypted_fpath'],
                     ['decrypted'])
    dsp.add_function('read_encrypted', read_key, ['encrypted_fpath'],
                     ['encrypted'], input_domain=osp.isfile)
    dsp.add_function('write_decrypted', write_key,
                     ['decrypted_fpath', 'decrypted'], input_domain=osp.isfile)
    dsp.add_function('write_encrypted', write_key,
                     ['encrypted_fpath', 'encrypted'])
    return dsp


def crypto_api():
    """The README's sub-model without the read/write functions."""
    return crypto_model().get_sub_dsp((
        'decrypt_message', 'encrypt_message', 'key', 'encrypted',
        'decrypted', 'generate_key', sh.START
    ))


def free_port():
    with socket.socket() as sock:
        sock.bind(('127.0.0.1', 0))
        return sock.getsockname()[1]


def rules(webmap, **kw):
    return list(webmap.rules(**kw).values())


@contextlib.contextmanager
def running(webmap, **kw):
    site = webmap.site(host='127.0.0.1', **kw).run()
    try:
        yield site
    finally:
        assert site.shutdown() is True


def test_readme_tutorial():
    api = crypto_api()
    port = free_port()
    server = api.web().site(host='127.0.0.1', port=port).run()
    try:
        url = server.url
        assert url == 'http://127.0.0.1:%d' % port
        res = requests.post(
            '%s/' % url, json={'args': [{'decrypted': 'message'}]}
        ).json()
        assert sorted(res) == ['return']
        sol = res['return']
        assert sorted(sol) == ['decrypted', 'encrypted', 'key']
        assert sol['decrypted'] == 'message'
        fernet = Fernet(sol['key'].encode())
        assert fernet.decrypt(sol['encrypted'].encode()) == b'message'

        res = requests.post(
            '%s/symmetric_cryptography/decrypt_message?data=input,return' %
            url, json={'kwargs': sh.selector(('key', 'encrypted'), sol)}
        ).json()
        assert sorted(res) == ['input', 'return']
        assert res['return'] == 'message'
        assert res['input'] == {'kwargs': {
            'key': sol['key'], 'encrypted': sol['encrypted']
        }}

        key = requests.post(url + '/symmetric_cryptography/generate_key',
                            json={}).json()['return']
        encrypted = requests.post(
            url + '/symmetric_cryptography/encrypt_message',
            json={'args': [key, 'another']}
        ).json()['return']
        assert Fernet(key.encode()).decrypt(encrypted.encode()) == b'another'
        res = requests.post(url + '/symmetric_cryptography', json={
            'args': [{'key': key, 'encrypted': encrypted}],
            'kwargs': {'outputs': ['decrypted']}
        })
        assert res.json() == {'return': {
            'decrypted': 'another', 'encrypted': encrypted, 'key': key
        }}
    finally:
        assert server.shutdown() is True
    assert not server.shutdown()
    assert not server.is_running


def test_endpoint_naming():
    webmap = crypto_api().web()
    assert repr(webmap) == 'WebMap([(symmetric_cryptography, WebMap())])'
    assert rules(webmap) == [
        'symmetric_cryptography',
        'symmetric_cryptography/decrypt_message',
        'symmetric_cryptography/encrypt_message',
        'symmetric_cryptography/generate_key',
    ]
    assert rules(webmap, index=False) == rules(webmap)
    app = webmap.app()
    assert isinstance(app, flask.Flask)
    post = sorted(r.rule for r in app.url_map.iter_rules()
                  if 'POST' in r.methods)
    assert post == ['/'] + ['/' + r for r in rules(webmap)]
    delete = sorted(r.rule for r in app.url_map.iter_rules()
                    if 'DELETE' in r.methods)
    assert delete == ['/cleanup', '/shutdown']


def nested_model():
    sub = sh.Dispatcher(name='sub')
    sub.add_function('g', lambda x: x * 10, ['x'], ['y'])
    sub.add_function('<lambda>', lambda y: y + 1, ['y'], ['z'])
    inner = sh.Dispatcher(name='inner')
    inner.add_function('h', lambda p: p - 1, ['p'], ['q'])
    sdf = sh.SubDispatchFunction(inner, 'sdf', ['p'], ['q'])
    sub.add_function('sdf', sdf, ['z'], ['w'])
    dsp = sh.Dispatcher(name='main model')
    dsp.add_function('<lambda>', lambda a: a * 2, ['a'], ['b'])
    dsp.add_function('has space/and:chars', lambda b: -b, ['b'], ['c'])
    dsp.add_dispatcher(sub, {'c': 'x'}, {'z': 'd', 'w': 'e'}, 'S')
    pipe = sh.SubDispatchPipe(inner, 'pipe', ['p'], ['q'])
    dsp.add_function('pipe', pipe, ['e'], ['f'])
    return dsp


NESTED_RULES = [
    'main_model',
    'main_model/has_spaceandchars',
    'main_model/lambda',
    'main_model/S',
    'main_model/S/g',
    'main_model/S/lambda',
    'main_model/S/sdf',
    'main_model/S/sdf/h',
    'main_model/pipe',
    'main_model/pipe/h',
]


def test_nested_naming_and_calls():
    dsp = nested_model()
    webmap = dsp.web()
    assert sorted(rules(webmap)) == sorted(NESTED_RULES)
    assert rules(webmap)[0] == 'main_model'
    expected = dsp({'a': 3})
    assert dict(expected) == {
        'a': 3, 'b': 6, 'c': -6, 'd': -59, 'e': -60, 'f': -61
    }
    calls = [
        ('', {'args': [{'a': 3}]}, dict(expected)),
        ('main_model', {'args': [{'a': 3}], 'kwargs': {'outputs': ['c']}},
         {'a': 3, 'b': 6, 'c': -6}),
        ('main_model/lambda', {'args': [4]}, 8),
        ('main_model/has_spaceandchars', {'kwargs': {'b': 4}}, -4),
        ('main_model/S', {'args': [{'x': 2}]},
         {'x': 2, 'y': 20, 'z': 21, 'w': 20}),
        ('main_model/S/g', {'args': [2]}, 20),
        ('main_model/S/lambda', {'args': [2]}, 3),
        ('main_model/S/sdf', {'args': [5]}, 4),
        ('main_model/S/sdf/h', {'args': [5]}, 4),
        ('main_model/pipe', {'args': [5]}, 4),
        ('main_model/pipe/h', {'args': [7]}, 6),
    ]
    with running(webmap) as site:
        for rule, body, result in calls:
            res = requests.post('%s/%s' % (site.url, rule), json=body)
            assert (res.status_code, res.json()) == (
                200, {'return': result}
            ), rule


def test_depth_one():
    webmap = nested_model().web(depth=1)
    assert sorted(rules(webmap)) == [
        'main_model', 'main_model/S-function', 'main_model/has_spaceandchars',
        'main_model/lambda', 'main_model/pipe'
    ]
    assert rules(nested_model().web(depth=0)) == rules(webmap)
    with running(webmap) as site:
        res = requests.post(site.url + '/main_model/S-function',
                            json={'args': [{'x': 1}], 'kwargs': {
                                'outputs': ['y']}})
        assert res.json() == {'return': {'x': 1, 'y': 10}}


def test_duplicate_names():
    dsp = sh.Dispatcher(name='d')
    dsp.add_function('f?', lambda a: a + 1, ['a'], ['b'])
    dsp.add_function('f!', lambda a: a + 2, ['a'], ['c'])
    webmap = dsp.web()
    assert rules(webmap) == ['d', 'd/f', 'd/f-0']
    with running(webmap) as site:
        got = {requests.post(site.url + '/d/' + name,
                             json={'args': [1]}).json()['return']
               for name in ('f', 'f-0')}
    assert got == {2, 3}


def test_set_value():
    dsp = sh.Dispatcher(name='main')
    dsp.add_data('a', 1)
    dsp.add_function('f', lambda a: a * 100, ['a'], ['b'])
    sites = set()
    webmap = dsp.web(node_data=('+set_value',), run=True, sites=sites)
    assert rules(webmap) == ['main', 'main/a', 'main/b', 'main/f']
    site, = sites
    try:
        assert site.is_running and site.url.startswith('http://localhost:')
        url = site.url
        assert requests.post(url, json={}).json() == {
            'return': {'a': 1, 'b': 100}
        }
        res = requests.post(url + '/main/a', json={'args': (2,)})
        assert (res.status_code, res.json()) == (200, {'return': None})
        assert dsp.default_values['a']['value'] == 2
        assert requests.post(url, json={}).json() == {
            'return': {'a': 2, 'b': 200}
        }
        res = requests.post(url + '/main/b?data=input,return',
                            json={'args': [7]})
        assert res.json() == {'input': {'args': [7]}, 'return': None}
        assert requests.post(url, json={}).json() == {
            'return': {'a': 2, 'b': 7}  # b's default wins (distance 0).
        }
        requests.post(url + '/main/b', json={})  # No value: no default.
        assert requests.post(url, json={}).json() == {
            'return': {'a': 2, 'b': 200}
        }
    finally:
        assert site.shutdown() is True


def test_web_of_solution_and_sub_dispatch():
    dsp = crypto_api()
    sol = dsp({'decrypted': 'x'})
    assert rules(sol.web()) == rules(dsp.web())
    sub = sh.SubDispatch(dsp, ['key', 'encrypted'], output_type='list')
    assert rules(sh.Dispatcher(name='w').web()) == ['w']
    webmap = WebMap()
    folder = webmap.add_items(sub)
    assert isinstance(folder, WebFolder) and folder.item is sub
    with running(webmap) as site:
        res = requests.post(site.url, json={'args': [{'decrypted': 'y'}]})
        key, encrypted = res.json()['return']
        assert Fernet(key.encode()).decrypt(encrypted.encode()) == b'y'


def test_classes():
    assert issubclass(WebMap, sh.utils.drw.SiteMap)
    assert issubclass(WebFolder, sh.utils.drw.SiteFolder)
    assert issubclass(WebNode, sh.utils.drw.SiteNode)
    assert issubclass(FolderNodeWeb, sh.utils.drw.FolderNode)
    assert WebMap().index is None
    assert FolderNodeWeb.node_data == () and FolderNodeWeb.edge_data == ()
    assert FolderNodeWeb.node_function == ('+function',)
    webmap = crypto_api().web()
    with pytest.raises(NotImplementedError,
                       match=r'^A WebMap is served with app\(\) or site\(\), '
                             r'not rendered\.$'):
        webmap.render()
    with pytest.raises(NotImplementedError,
                       match=r'^A WebMap is not drawn\.$'):
        webmap._repr_svg_()
    assert webmap._view('x', 'html') is None
    site = webmap.site()
    assert repr(site) == (
        "Site(WebMap([(symmetric_cryptography, WebMap())]), host='localhost',"
        " port=0, depth=-1, index=True, root_path=None)"
    )


def _check_good(url):
    res = requests.post(url + '/main/add', json={'args': [1, 2]})
    assert (res.status_code, res.json()) == (200, {'return': 3})


def add(a, b):
    return a + b


@pytest.fixture(scope='module')
def served():
    dsp = sh.Dispatcher(name='main')
    dsp.add_function('add', add, ['a', 'b'], ['c'])
    dsp.add_function('unencodable', lambda c: {c}, ['c'], ['s'])
    with running(dsp.web(), max_content_length=1024,
                 error_status=True) as site:
        yield site.url


@pytest.mark.parametrize('path, kw, status, error', [
    ('/main/add', {'data': '{"args": [1'}, 400, '400 Bad Request: the '
     'request body is not valid JSON: Expecting \',\' delimiter: line 1 '
     'column 12 (char 11).'),
    ('/main/add', {'data': 'null'}, 400, '400 Bad Request: the request body '
     'must be an object, not null.'),
    ('/main/add', {'json': {'args': 1}}, 400, "400 Bad Request: 'args' must "
     "be an array, not a number."),
    ('/main/add', {'json': {'kwargs': [1]}}, 400, "400 Bad Request: 'kwargs' "
     "must be an object, not an array."),
    ('/main/nothing', {'json': {}}, 404, '404 Not Found: The requested URL '
     'was not found on the server. If you entered the URL manually please '
     'check your spelling and try again.'),
    ('/main/add', {'data': '{"args": [%s1]}' % ('1, ' * 400)}, 413,
     '413 Request Entity Too Large: The data value transmitted exceeds the '
     'capacity limit.'),
    ('/main/add', {'json': {'args': [1]}}, 422, "add() missing 1 required "
     "positional argument: 'b'"),
    ('/main/add', {'json': {'args': [1, 'x']}}, 422, "unsupported operand "
     "type(s) for +: 'int' and 'str'"),
    ('/main/unencodable', {'json': {'args': [1]}}, 500, '500 Internal Server '
     'Error: the return value (set) cannot be encoded as JSON: Object of '
     'type set is not JSON serializable'),
])
def test_bad_requests(served, path, kw, status, error):
    res = requests.post(served + path, **kw)
    assert res.status_code == status
    assert res.headers['Content-Type'] == 'application/json'
    assert res.json() == {'error': error}
    _check_good(served)


def test_get_is_405(served):
    for path in ('/', '/main', '/main/add'):
        res = requests.get(served + path)
        assert res.status_code == 405
        assert res.json() == {'error': '405 Method Not Allowed: The method is '
                                       'not allowed for the requested URL.'}
    _check_good(served)


def test_failing_dispatch_is_422(served):
    res = requests.post(served + '/main?data=input,return',
                        json={'args': [{'a': 1}], 'kwargs': {'bad': 1}})
    assert res.status_code == 422
    assert res.json() == {
        'error': "Dispatcher.dispatch() got an unexpected keyword argument "
                 "'bad'",
        'input': {'args': [{'a': 1}], 'kwargs': {'bad': 1}}
    }
    _check_good(served)


def test_failures_answer_200_as_in_1_2_0():
    # 05 §8.4 with error_status=False: "always HTTP 200", the error under
    # `error` (hidden by ?data=input,return), bodies of any size.
    dsp = sh.Dispatcher(name='main')
    dsp.add_function('add', add, ['a', 'b'], ['c'])
    with running(dsp.web(), error_status=False) as site:
        url = site.url
        for path, kw, expected in [
            ('/main/add', {'json': {'args': [1]}}, {
                'error': "add() missing 1 required positional argument: "
                         "'b'"}),
            ('/main/add?data=input,return', {'json': {'args': [1]}},
             {'input': {'args': [1]}}),
            ('/main/add', {'data': 'null'},
             {'error': "'NoneType' object has no attribute 'get'"}),
            ('/main/add', {'json': {'args': 'xy'}}, {'return': 'xy'}),
            ('/main/add', {'data': '{"args": [1'}, {
                'error': "400 Bad Request: the request body is not valid "
                         "JSON: Expecting ',' delimiter: line 1 column 12 "
                         "(char 11)."}),
            ('/main?data=input,error', {'json': {'kwargs': {'bad': 1}}}, {
                'error': "Dispatcher.dispatch() got an unexpected keyword "
                         "argument 'bad'", 'input': {'kwargs': {'bad': 1}}}),
            ('/main/add', {'data': '{"args": ["%s", "!"]}' % ('x' * 2 ** 25)},
             {'return': 'x' * 2 ** 25 + '!'}),  # 32 MB: no limit.
        ]:
            res = requests.post(url + path, **kw)
            assert (res.status_code, res.json()) == (200, expected), path
        res = requests.post(url + '/main/nothing', json={})
        assert res.status_code == 404 and 'error' in res.json()
        _check_good(url)


def test_control_routes():
    dsp = sh.Dispatcher(name='main')
    with running(dsp.web()) as site:
        res = requests.delete(site.url + '/cleanup')
        assert (res.status_code, res.text) == (200, 'Nothing to cleanup.')
        res = requests.delete(site.url + '/shutdown')
        assert (res.status_code, res.text) == (200, 'Server shutting down...')
        for _ in range(100):
            if not site.is_running:
                break
            time.sleep(0.05)
        assert not site.is_running
    # From a stranger (the remote address as a proxy would set it):
    client = dsp.web().app().test_client()
    for path in ('/cleanup', '/shutdown'):
        res = client.delete(path, environ_base={'REMOTE_ADDR': '10.2.3.4'})
        assert res.status_code == 403 and 'error' in res.get_json()


def test_plain_wsgi_app():
    dsp = crypto_api()
    app = dsp.web().site().app()
    assert isinstance(app, flask.Flask)
    server = wsgiref.simple_server.make_server(
        '127.0.0.1', 0, app, handler_class=_QuietHandler
    )
    thread = threading.Thread(target=server.serve_forever, args=(0.05,),
                              daemon=True)
    thread.start()
    try:
        url = 'http://127.0.0.1:%d' % server.server_port
        res = requests.post(url + '/symmetric_cryptography/encrypt_message',
                            json={'args': [Fernet.generate_key().decode(),
                                           'm']})
        assert res.status_code == 200 and list(res.json()) == ['return']
        res = requests.post(url + '/symmetric_cryptography/nothing', json={})
        assert res.status_code == 404 and 'error' in res.json()
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


class _QuietHandler(wsgiref.simple_server.WSGIRequestHandler):
    def log_message(self, *args):
        pass


def test_concurrent_pipe_calls():
    def h(p):
        time.sleep(0.001)  # Lets another request run mid-pipe.
        return p - 1

    inner = sh.Dispatcher(name='inner')
    inner.add_function('h', h, ['p'], ['q'])
    inner.add_function('k', lambda q: q * 3, ['q'], ['r'])
    sub = sh.Dispatcher(name='sub')
    sub.add_function('dpipe', sh.DispatchPipe(inner, 'dpipe', ['p'], ['r']),
                     ['x'], ['y'])
    dsp = sh.Dispatcher(name='main')
    dsp.add_function('pipe', sh.SubDispatchPipe(inner, 'pipe', ['p'], ['r']),
                     ['a'], ['b'])
    dsp.add_dispatcher(sub, {'a': 'x'}, {'y': 'c'}, 'S')
    dsp.add_function('plain', lambda a: a, ['a'], ['d'])
    requests_of = {
        'main/pipe': lambda i: ({'args': [i]}, (i - 1) * 3),
        'main/S/dpipe': lambda i: ({'args': [i]}, (i - 1) * 3),
        '': lambda i: ({'args': [{'a': i}], 'kwargs': {'outputs': ['b']}},
                       {'a': i, 'b': (i - 1) * 3}),
        'main/S': lambda i: ({'args': [{'x': i}]},
                             {'x': i, 'y': (i - 1) * 3}),
    }

    def client(url, name):
        wrong = []
        with requests.Session() as session:
            for i in range(40):
                body, expected = requests_of[name](i)
                res = session.post('%s/%s' % (url, name), json=body).json()
                if res != {'return': expected}:
                    wrong.append((name, i, res))
        return wrong

    webmap = dsp.web()
    app = webmap.app()
    wrapped = {r.rule: hasattr(app.view_functions[r.endpoint].args[0],
                               '__wrapped__')
               for r in app.url_map.iter_rules() if 'POST' in r.methods}
    assert wrapped == {'/': True, '/main': True, '/main/pipe': True,
                       '/main/pipe/h': False, '/main/pipe/k': False,
                       '/main/plain': False, '/main/S': True,
                       '/main/S/dpipe': True, '/main/S/dpipe/h': False,
                       '/main/S/dpipe/k': False}
    with running(webmap, mute=True) as site:
        with concurrent.futures.ThreadPoolExecutor(8) as pool:
            wrong = pool.map(client, [site.url] * 8, list(requests_of) * 2)
            assert [w for ws in wrong for w in ws] == []


def test_web_sites_not_run(tmp_path):
    dsp = sh.Dispatcher(name='main')
    dsp.add_function('f', abs, ['a'], ['b'])
    sites = set()
    webmap = dsp.web(sites=sites, run=False, directory=str(tmp_path))
    site, = sites
    assert site.sitemap is webmap and site.kwargs['root_path'] == str(
        tmp_path)
    assert not site.is_running and site.shutdown() is False
    site.run(host='127.0.0.1')
    try:
        res = requests.post(site.url + '/main/f', json={'args': [-3]})
        assert res.json() == {'return': 3}
    finally:
        assert site.shutdown() is True


@pytest.mark.parametrize('name', ['shutdown', 'cleanup', 'static'])
def test_model_named_like_a_route(name):
    dsp = sh.Dispatcher(name=name)
    dsp.add_function('f', abs, ['a'], ['b'])
    app = dsp.web().app()
    assert app.static_folder is None
    with running(dsp.web()) as site:
        res = requests.post(site.url + '/' + name, json={'args': [{'a': -2}]})
        assert res.json() == {'return': {'a': -2, 'b': 2}}
        res = requests.post(site.url + '/%s/f' % name, json={'args': [-1]})
        assert res.json() == {'return': 1}
        res = requests.delete(site.url + '/cleanup')
        assert (res.status_code, res.text) == (200, 'Nothing to cleanup.')
        assert requests.get(site.url + '/static/x').status_code == 404
