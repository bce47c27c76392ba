# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""
The JSON protocol of the web API (schedula.utils.web.service) over real HTTP
on 127.0.0.1: good answers, every bad request's status and JSON body, the
server still answering afterwards.
"""
import contextlib
import functools
import logging
import threading

import pytest
import requests
from werkzeug.serving import make_server

import schedula as sh
from schedula.utils.web.service import (
    MAX_CONTENT_LENGTH, add_endpoint, json_api
)


@contextlib.contextmanager
def serving(app):
    """Serves `app` on a free port of 127.0.0.1; yields its base url."""
    server = make_server('127.0.0.1', 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,),
                              daemon=True)
    thread.start()
    try:
        yield 'http://127.0.0.1:%d' % server.server_port
    finally:
        server.shutdown()
        thread.join(5)
        server.server_close()
    assert not thread.is_alive()


def _fail(x):
    raise ValueError('bad x: %r' % x)


def _circular():
    loop = []
    loop.append(loop)
    return loop


def _model():
    dsp = sh.Dispatcher(name='model')
    dsp.add_function('add', lambda a, b: a + b, ['a', 'b'], ['c'])
    dsp.add_function('double', lambda c: 2 * c, ['c'], ['d'])
    return dsp


ENDPOINTS = [
    ('', _model()),
    ('add', lambda a, b: a + b),
    ('pair', lambda *args: tuple(args)),
    ('fail', _fail),
    ('unencodable', lambda: {1, 2}),
    ('mixed_keys', lambda: {1: 'a', 'b': 2}),
    ('circular', lambda: _circular()),
    ('deep', lambda: functools.reduce(lambda x, _: [x], range(10 ** 5), [])),
    ('nested/name', lambda **kw: {'got': kw}),
]


NOT_FOUND = (
    '404 Not Found: The requested URL was not found on the server. If you '
    'entered the URL manually please check your spelling and try again.'
)


def _python_error(rule, args, kwargs):
    """The text of what Python raises for obj(*args, **kwargs)."""
    try:
        dict(ENDPOINTS)[rule](*args, **kwargs)
    except TypeError as ex:
        assert 'after *' in str(ex)
        return str(ex)


@pytest.fixture(scope='module')
def url():
    with serving(json_api(ENDPOINTS, max_content_length=4096,
                          error_status=True)) as base:
        yield base


@pytest.fixture(scope='module')
def url_120():
    """1.2.0's protocol (always 200, no size limit): error_status=False."""
    with serving(json_api(ENDPOINTS, error_status=False)) as base:
        yield base


def _check_good(url):
    res = requests.post(url + '/add', json={'args': [1], 'kwargs': {'b': 2}})
    assert (res.status_code, res.json()) == (200, {'return': 3})


def _check_error(res, status, error):
    assert res.status_code == status
    assert res.headers['Content-Type'] == 'application/json'
    body = res.json()
    assert body['error'] == error, body
    return body


class TestGoodRequests:
    def test_call(self, url):
        res = requests.post(url + '/add', json={'args': [1, 2]})
        assert res.status_code == 200
        assert res.headers['Content-Type'] == 'application/json'
        assert res.text == '{"return":3}\n'  # Flask's compact encoding.

    def test_tuples_become_lists_and_keys_sorted(self, url):
        res = requests.post(url + '/pair', json={'args': [2, 'x']})
        assert res.json() == {'return': [2, 'x']}
        res = requests.post(url + '/nested/name?data=input,return',
                            json={'kwargs': {'z': 1, 'a': (1, 2)}})
        assert res.text == (
            '{"input":{"kwargs":{"a":[1,2],"z":1}},'
            '"return":{"got":{"a":[1,2],"z":1}}}\n'
        )

    def test_solution_is_an_object(self, url):
        res = requests.post(url + '/', json={'args': [{'a': 1, 'b': 2}]})
        assert res.status_code == 200
        assert res.json() == {'return': {'a': 1, 'b': 2, 'c': 3, 'd': 6}}
        res = requests.post(url, json={
            'args': [{'a': 1, 'b': 2}], 'kwargs': {'outputs': ['c']}
        })
        assert res.json() == {'return': {'a': 1, 'b': 2, 'c': 3}}
        res = requests.post(url + '/', json={})  # Nothing to compute.
        assert res.json() == {'return': {}}

    def test_data_selects_keys(self, url):
        body = {'args': [1, 2]}
        for data, expected in [
            ('input,return', {'input': body, 'return': 3}),
            (' input , return ', {'input': body, 'return': 3}),
            ('input', {'input': body}),
            ('', {}),
            ('return,unknown', {'return': 3}),
        ]:
            res = requests.post(url + '/add', params={'data': data},
                                json=body)
            assert (res.status_code, res.json()) == (200, expected), data

    def test_content_type_is_not_needed(self, url):
        res = requests.post(url + '/add', data='{"args": [3, 4]}',
                            headers={'Content-Type': 'text/plain'})
        assert res.json() == {'return': 7}


class TestProtocolOf120:
    """05 §8.4: failures answer 200 with the exception text."""

    @pytest.mark.parametrize('path, data, expected', [
        ('/add', b'{"args": [1,', {'error': (
            '400 Bad Request: the request body is not valid JSON: Expecting '
            'value: line 1 column 13 (char 12).')}),
        ('/add', b'null', {
            'error': "'NoneType' object has no attribute 'get'"}),
        ('/add', b'[1, 2]', {
            'error': "'list' object has no attribute 'get'"}),
        ('/add?data=input,error', b'3', {
            'input': 3, 'error': "'int' object has no attribute 'get'"}),
        # `args` unpacked as Python does: a string, an object's keys.
        ('/pair', b'{"args": "ab"}', {'return': ['a', 'b']}),
        ('/pair', b'{"args": {"k": 1, "j": 2}}', {'return': ['k', 'j']}),
        ('/pair', b'{"args": null}', {'error': _python_error(
            'pair', None, {})}),
        ('/nested/name', b'{"kwargs": [1]}', {'error': _python_error(
            'nested/name', (), [1])}),
        ('/add', b'{"args": [1]}', {
            'error': "<lambda>() missing 1 required positional argument: "
                     "'b'"}),
        ('/add?data=input,return', b'{"args": [1]}', {
            'input': {'args': [1]}}),  # The error is not selected.
        ('/fail?data=', b'{"args": [1]}', {}),
    ])
    def test_200(self, url_120, path, data, expected):
        res = requests.post(url_120 + path, data=data)
        assert res.headers['Content-Type'] == 'application/json'
        assert (res.status_code, res.json()) == (200, expected)
        _check_good(url_120)

    def test_no_size_limit(self, url_120):
        big = '{"args": ["%s", "!"]}' % ('x' * (MAX_CONTENT_LENGTH + 10))
        res = requests.post(url_120 + '/add', data=big)
        assert (res.status_code, len(res.json()['return'])) == (
            200, MAX_CONTENT_LENGTH + 11)

    def test_server_errors_keep_their_status(self, url_120):
        _check_error(requests.post(url_120 + '/missing', json={}), 404,
                     NOT_FOUND)
        res = requests.post(url_120 + '/unencodable', json={})
        assert res.status_code == 500 and res.json()['error'].startswith(
            '500 Internal Server Error: the return value (set)')
        _check_good(url_120)


def test_args_unpacked_as_python_does(url):
    """What 1.2.0 computed is computed (status 200) with the HTTP statuses."""
    for data, expected in [(b'{"args": "ab"}', ['a', 'b']),
                           (b'{"args": {"k": 1, "j": 2}}', ['k', 'j'])]:
        res = requests.post(url + '/pair', data=data)
        assert (res.status_code, res.json()) == (200, {'return': expected})


class TestBadRequests:
    @pytest.mark.parametrize('data, error', [
        (b'{"args": [1,', 'the request body is not valid JSON: Expecting '
                          'value: line 1 column 13 (char 12).'),
        (b'', 'the request body is not valid JSON: Expecting value: line 1 '
              'column 1 (char 0).'),
        (b'\xff\xfe{', None),
        pytest.param(b'{"args": %s}' % (b'[' * 1500 + b']' * 1500), None,
                     id='too-deep'),
        (b'null', 'the request body must be an object, not null.'),
        (b'[1, 2]', 'the request body must be an object, not an array.'),
        (b'"args"', 'the request body must be an object, not a string.'),
        (b'3', 'the request body must be an object, not a number.'),
        (b'{"args": null}', "'args' must be an array, not null."),
        (b'{"args": 12}', "'args' must be an array, not a number."),
        (b'{"kwargs": [1, 2]}', "'kwargs' must be an object, not an array."),
        (b'{"args": [1, 2], "kwargs": true}',
         "'kwargs' must be an object, not a boolean."),
    ])
    def test_400(self, url, data, error):
        res = requests.post(url + '/add', data=data)
        body = res.json()
        assert res.status_code == 400
        assert set(body) == {'error'}
        if error is None:  # Invalid UTF-8, too deep: the decoder's words.
            assert body['error'].startswith(
                '400 Bad Request: the request body is not valid JSON:'
            )
        else:
            assert body['error'] == '400 Bad Request: ' + error
        _check_good(url)

    def test_404(self, url):
        for path in ('/missing', '/add/more', '/nested'):
            _check_error(requests.post(url + path, json={}), 404, NOT_FOUND)
        _check_good(url)

    @pytest.mark.parametrize('method', ['GET', 'PUT', 'DELETE'])
    def test_405(self, url, method):
        res = requests.request(method, url + '/add')
        _check_error(res, 405, (
            '405 Method Not Allowed: The method is not allowed for the '
            'requested URL.'
        ))
        assert set(res.headers['Allow'].split(', ')) == {'POST', 'OPTIONS'}
        _check_good(url)

    def test_413(self, url):
        too_large = '{"args": ["%s"]}' % ('x' * 4096)
        error = ('413 Request Entity Too Large: The data value transmitted '
                 'exceeds the capacity limit.')
        _check_error(requests.post(url + '/add', data=too_large), 413, error)
        _check_good(url)
        chunks = iter([too_large[:10].encode(), too_large[10:].encode()])
        res = requests.post(url + '/add', data=chunks)  # Chunked: no length.
        assert 'Content-Length' not in res.request.headers
        _check_error(res, 413, error)
        _check_good(url)
        res = requests.post(url + '/pair', data=iter([b'{"args"', b': [1]}']))
        assert res.json() == {'return': [1]}  # A small chunked body is fine.

    def test_422_missing_argument(self, url):
        res = requests.post(url + '/add?data=input,return',
                            json={'args': [1]})
        body = _check_error(res, 422, (
            "<lambda>() missing 1 required positional argument: 'b'"
        ))
        assert body == {'error': body['error'], 'input': {'args': [1]}}
        _check_good(url)

    def test_422_failing_function(self, url, caplog):
        caplog.set_level(logging.DEBUG, logger='schedula.utils.web.service')
        res = requests.post(url + '/fail', json={'args': ['y']})
        assert _check_error(res, 422, "bad x: 'y'") == {'error': "bad x: 'y'"}
        record, = [r for r in caplog.records if r.name.endswith('service')]
        assert record.getMessage() == 'POST /fail raised:'
        assert record.exc_info[0] is ValueError
        res = requests.post(url + '/fail', json={'kwargs': {'z': 1}})
        _check_error(res, 422, "_fail() got an unexpected keyword argument 'z'")
        _check_good(url)

    def test_422_failing_dispatch(self, url):
        res = requests.post(url, json={'kwargs': {'outputs': 3}})
        assert res.status_code == 422 and set(res.json()) == {'error'}
        _check_good(url)

    def test_500_unencodable_return(self, url):
        res = requests.post(url + '/unencodable', json={})
        _check_error(res, 500, (
            '500 Internal Server Error: the return value (set) cannot be '
            'encoded as JSON: Object of type set is not JSON serializable'
        ))
        _check_good(url)
        res = requests.post(url + '/mixed_keys', json={})
        _check_error(res, 500, (
            '500 Internal Server Error: the return value (dict) cannot be '
            "encoded as JSON: '<' not supported between instances of 'str' "
            "and 'int'"
        ))
        _check_good(url)
        res = requests.post(url + '/circular', json={})
        _check_error(res, 500, (
            '500 Internal Server Error: the return value (list) cannot be '
            'encoded as JSON: Circular reference detected'
        ))
        res = requests.post(url + '/deep', json={})
        assert res.status_code == 500 and res.json()['error'].startswith(
            '500 Internal Server Error: the return value (list) cannot be '
            'encoded as JSON: maximum recursion depth exceeded'
        )
        _check_good(url)
        res = requests.post(url + '/unencodable?data=input', json={})
        assert (res.status_code, res.json()) == (200, {'input': {}})


class TestApp:
    def test_default_limit(self):
        app = json_api()
        assert app.config['MAX_CONTENT_LENGTH'] is None  # As 1.2.0.
        assert MAX_CONTENT_LENGTH == 16 * 1024 * 1024
        assert json_api(max_content_length=MAX_CONTENT_LENGTH).config[
            'MAX_CONTENT_LENGTH'] == MAX_CONTENT_LENGTH

    def test_suggested_limit_over_http(self):
        app = json_api([('size', lambda s: len(s))],
                       max_content_length=MAX_CONTENT_LENGTH,
                       error_status=True)
        just_in = '{"args": ["%s"]}' % ('x' * (MAX_CONTENT_LENGTH - 14))
        with serving(app) as base:
            res = requests.post(base + '/size', data=just_in)
            assert res.json() == {'return': MAX_CONTENT_LENGTH - 14}
            res = requests.post(base + '/size', data=just_in + ' ')
            assert res.status_code == 413
            assert res.json()['error'].startswith('413 ')

    def test_add_endpoint_to_any_app(self):
        import flask
        app = flask.Flask('other')
        add_endpoint(app, 'x/y', lambda: 'z')
        with serving(app) as base:
            assert requests.post(base + '/x/y', json={}).json() == {
                'return': 'z'
            }
