# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""
The JSON protocol of the web API: POST endpoints that call Python objects.

A request body is a JSON object with two optional keys, ``args`` (a list) and
``kwargs`` (an object); the endpoint calls its object as
``obj(*args, **kwargs)`` and answers the JSON object
``{"input": <body>, "return": <result>}`` restricted to the keys named by the
query parameter ``data`` (comma separated, default ``return,error``). Keys are
sorted and tuples become lists (Flask's JSON provider), a
:class:`~schedula.utils.sol.Solution` becomes an object.

Every request that schedula 1.2.0 answered with a result gets the same
result: ``args`` may be any JSON value Python can unpack (``"ab"`` gives two
arguments, an object its keys) and bodies have no size limit. A failure gets
the HTTP status that says what went wrong, and its JSON body always has the
``error`` key (the exception text, as 1.2.0 gave it; the traceback is logged
at DEBUG level, logger ``schedula.utils.web.service``):

- 400: malformed JSON, a body that is not an object, ``args`` that Python
  cannot unpack (``null``, a number, a boolean), ``kwargs`` not an object;
- 413: a body larger than the ``max_content_length`` limit (none by default;
  :data:`MAX_CONTENT_LENGTH` is a suggested one);
- 422: the called object raises (e.g. a missing argument).

``error_status=False`` gives 1.2.0's protocol for clients written against
it: those failures are answered with status 200 (``{"error": ...}``, plus
``input`` once the body is read) and ``data`` selects among those keys too
(``?data=input,return`` hides the error). In both modes the errors of the
server itself are JSON answers with their status: 404 (unknown endpoint), 405 (a method other than POST), 500 (a return
value that JSON cannot encode). HTTP-level errors read ``"<code> <name>:
<description>"`` (as Werkzeug words them).
"""
import functools
import logging

from flask import Flask, current_app, request
from werkzeug.exceptions import (
    BadRequest, HTTPException, InternalServerError, RequestEntityTooLarge
)

__all__ = [
    'MAX_CONTENT_LENGTH', 'json_api', 'setup_json_api', 'add_endpoint',
    'call_endpoint'
]

log = logging.getLogger(__name__)

#: A suggested limit of a request body, in bytes (none by default, as in
#: 1.2.0): ``json_api(..., max_content_length=MAX_CONTENT_LENGTH)``.
MAX_CONTENT_LENGTH = 16 * 1024 * 1024

#: The app config key of the ``error_status`` mode.
_ERROR_STATUS = 'SCHEDULA_ERROR_STATUS'


def json_api(endpoints=(), import_name='schedula', max_content_length=None,
             error_status=True, **kwargs):
    """
    Returns a Flask app serving `endpoints` with the JSON protocol.

    :param endpoints:
        Pairs ``(rule, obj)``: a POST route ``/<rule>`` (endpoint name
        `rule`) that calls `obj`.
    :type endpoints: collections.abc.Iterable

    :param import_name:
        Import name of the Flask app.
    :type import_name: str

    :param max_content_length:
        Largest accepted request body in bytes (``None`` = unlimited).
    :type max_content_length: int | None

    :param error_status:
        Answer failures with their HTTP status (400, 413, 422); False gives
        1.2.0's protocol (status 200 and the ``error`` key).
    :type error_status: bool

    :param kwargs:
        Keywords of :class:`flask.Flask`.

    :return:
        The app (a plain WSGI application).
    :rtype: flask.Flask

    Example::

        >>> app = json_api([('add', lambda a, b: a + b)])
        >>> client = app.test_client()
        >>> client.post('/add', json={'args': [1, 2]}).get_json()
        {'return': 3}
        >>> client.post('/add?data=input,return', json={'args': 'ab'}).json
        {'input': {'args': 'ab'}, 'return': 'ab'}
        >>> r = client.post('/add?data=input,return', json={'args': [1]})
        >>> r.status_code, r.get_json()
        (422, {'error': "<lambda>() missing 1 required positional argument: 'b'", 'input': {'args': [1]}})
        >>> r = client.post('/add', data='[1, 2]')
        >>> r.status_code, r.get_json()['error']
        (400, '400 Bad Request: the request body must be an object, not an array.')
        >>> client = json_api([('add', lambda a, b: a + b)],
        ...                   error_status=False).test_client()  # 1.2.0's.
        >>> r = client.post('/add', json={'args': [1]})
        >>> r.status_code, r.get_json()
        (200, {'error': "<lambda>() missing 1 required positional argument: 'b'"})
    """
    app = setup_json_api(Flask(import_name, **kwargs), max_content_length,
                         error_status)
    for rule, obj in endpoints:
        add_endpoint(app, rule, obj)
    return app


def setup_json_api(app, max_content_length=None, error_status=True):
    """
    Makes every HTTP error of `app` a JSON answer, limits request bodies and
    sets the error mode of its endpoints.

    :param app:
        Flask app.
    :type app: flask.Flask

    :param max_content_length:
        Largest accepted request body in bytes (``None`` = unlimited).
    :type max_content_length: int | None

    :param error_status:
        Answer failures with their HTTP status (see the module).
    :type error_status: bool

    :return:
        The same app.
    :rtype: flask.Flask

    Example::

        >>> from flask import Flask
        >>> app = setup_json_api(Flask('demo'), max_content_length=4)
        >>> r = app.test_client().get('/missing')
        >>> r.status_code, r.get_json()['error'][:13]
        (404, '404 Not Found')
        >>> app.config['MAX_CONTENT_LENGTH']
        4
    """
    app.config['MAX_CONTENT_LENGTH'] = max_content_length
    app.config[_ERROR_STATUS] = error_status
    app.register_error_handler(HTTPException, _http_error)
    return app


def add_endpoint(app, rule, obj, endpoint=None):
    """
    Adds to `app` the POST route ``/<rule>`` (endpoint name `endpoint`,
    default `rule`) calling `obj` with the JSON protocol (see
    :func:`call_endpoint`).

    :param app:
        Flask app.
    :type app: flask.Flask

    :param rule:
        Route path without the leading ``/`` (``''`` is the root).
    :type rule: str

    :param obj:
        Callable object.
    :type obj: collections.abc.Callable

    :param endpoint:
        Endpoint name (default: `rule`).
    :type endpoint: str

    Example::

        >>> from flask import Flask
        >>> app = setup_json_api(Flask('demo'))
        >>> add_endpoint(app, 'neg', lambda x: -x)
        >>> app.test_client().post('/neg', json={'kwargs': {'x': 2}}).json
        {'return': -2}
        >>> app.test_client().get('/neg').status_code
        405
    """
    view = functools.partial(call_endpoint, obj)
    endpoint = rule if endpoint is None else endpoint
    app.add_url_rule('/%s' % rule, endpoint, view, methods=['POST'])


def call_endpoint(obj):
    """
    Answers the current request by calling `obj` with the body's ``args``
    and ``kwargs`` (a Flask view, see :func:`add_endpoint`).

    :param obj:
        Callable object.
    :type obj: collections.abc.Callable

    :return:
        JSON response: 200 with the result or the error (``error_status``:
        400/413 for a bad body, 422 if `obj` raised).
    :rtype: flask.Response

    Example::

        >>> app = json_api()
        >>> with app.test_request_context('/', method='POST',
        ...                               json={'args': [[3, 1, 2]]}):
        ...     call_endpoint(sorted).get_json()
        {'return': [1, 2, 3]}
    """
    error_status = current_app.config.get(_ERROR_STATUS, True)
    try:
        body = _read_body(error_status)
    except HTTPException as ex:
        if error_status:
            raise
        return _reply({'error': str(ex)})  # 1.2.0: 200 all the same.
    try:  # 1.2.0's call: a body that is not an object fails here.
        result = obj(*body.get('args', ()), **body.get('kwargs', {}))
    except Exception as ex:  # The caller's fault (bad arguments) or the model's.
        log.debug('POST %s raised:', request.path, exc_info=True)
        return _reply({'input': body, 'error': str(ex)},
                      422 if error_status else 200)
    return _reply({'input': body, 'return': result})


def _read_body(check_types):
    # Parsed whatever the Content-Type, as 1.2.0 did. get_data() enforces
    # MAX_CONTENT_LENGTH (413) on a declared Content-Length but silently cuts a
    # chunked body at the limit: a chunked body reaching it is too large.
    data, limit = request.get_data(), request.max_content_length
    if request.content_length is None and limit is not None and \
            len(data) >= limit:
        raise RequestEntityTooLarge()
    try:
        body = current_app.json.loads(data)
    except (ValueError, RecursionError) as ex:  # Incl. UnicodeDecodeError.
        raise BadRequest('the request body is not valid JSON: %s.' % ex)
    if not check_types:
        return body
    if not isinstance(body, dict):
        raise BadRequest('the request body must be an object, not %s.' %
                         _json_type(body))
    # What 1.2.0 could call with: `args` unpacked as Python does (an array,
    # a string's characters, an object's keys), `kwargs` an object.
    for key, kinds in (('args', (list, str, dict)), ('kwargs', (dict,))):
        if key in body and not isinstance(body[key], kinds):
            raise BadRequest('%r must be %s, not %s.' % (
                key, _json_type(kinds[0]()), _json_type(body[key])
            ))
    return body


def _json_type(value):
    if value is None:
        return 'null'
    names = {dict: 'an object', list: 'an array', str: 'a string',
             bool: 'a boolean'}
    return names.get(type(value), 'a number')


def _selected_keys():
    keys = request.args.get('data', 'return,error').split(',')
    return {k.strip() for k in keys}


def _reply(content, status=200):
    keys = _selected_keys()
    if status != 200:
        keys.add('error')  # An error answer always says what went wrong.
    content = {k: v for k, v in content.items() if k in keys}
    try:  # Flask's provider: sorted keys, tuples as lists.
        response = current_app.json.response(content)
    except (TypeError, ValueError, RecursionError) as ex:
        raise InternalServerError(
            'the return value (%s) cannot be encoded as JSON: %s' % (
                type(content.get('return')).__name__, ex
            )
        )
    response.status_code = status
    return response


def _http_error(error):
    response = current_app.json.response({'error': str(error)})
    response.status_code = error.code or 500
    for name, value in error.get_headers():  # E.g. 405's Allow header.
        if name.lower() != 'content-type':
            response.headers[name] = value
    return response
