# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""
Load test of the web API: 8 concurrent clients x 250 requests on 127.0.0.1,
10% of them malformed, in bounded time. Every good request gets its right
answer, every malformed one its JSON 400, and the server none 5xx.
"""
import concurrent.futures
import time

import requests

import schedula as sh

CLIENTS, REQUESTS, MALFORMED_EVERY = 8, 250, 10
MALFORMED = [b'{"args": [1,', b'[1, 2]', b'{"kwargs": 3}', b'{"args": null}']


def _model():
    dsp = sh.Dispatcher(name='model')
    dsp.add_function('add', lambda a, b: a + b, ['a', 'b'], ['c'])
    dsp.add_function('double', lambda c: 2 * c, ['c'], ['d'])
    return dsp


def _request(session, url, client, i):
    """Sends request `i` of `client`; returns (kind, whether it was right)."""
    a, b = client, i
    if i % MALFORMED_EVERY == MALFORMED_EVERY - 1:
        data = MALFORMED[(i // MALFORMED_EVERY) % len(MALFORMED)]
        res = session.post(url + '/model/add', data=data)
        return 'malformed', res.status_code == 400 and \
            res.json()['error'].startswith('400 Bad Request: ')
    if i % 2:
        res = session.post(url + '/model/add', json={'args': [a, b]})
        return 'good', res.status_code == 200 and \
            res.json() == {'return': a + b}
    res = session.post(url, json={'args': [{'a': a, 'b': b}],
                                  'kwargs': {'outputs': ['d']}})
    return 'good', res.status_code == 200 and res.json() == {'return': {
        'a': a, 'b': b, 'c': a + b, 'd': 2 * (a + b)
    }}


def _client(url, client):
    counts, wrong = {'good': 0, 'malformed': 0}, []
    with requests.Session() as session:
        for i in range(REQUESTS):
            kind, right = _request(session, url, client, i)
            counts[kind] += 1
            if not right:
                wrong.append((client, i))
    return counts, wrong


def test_load():
    site = _model().web().site(host='127.0.0.1').run()
    try:
        start = time.perf_counter()
        with concurrent.futures.ThreadPoolExecutor(CLIENTS) as pool:
            results = list(pool.map(_client, [site.url] * CLIENTS,
                                    range(CLIENTS)))
        elapsed = time.perf_counter() - start
        res = requests.post(site.url + '/model/add', json={'args': [1, 2]})
        assert res.json() == {'return': 3}  # Still serving.
    finally:
        assert site.shutdown() is True
    assert [w for _, wrong in results for w in wrong] == []
    assert sum(c['good'] for c, _ in results) == 1800
    assert sum(c['malformed'] for c, _ in results) == 200
    assert elapsed < 30, elapsed  # ~4 s on 2 busy cores.
    print('\nweb load: %d requests in %.2f s (%.0f req/s)' % (
        CLIENTS * REQUESTS, elapsed, CLIENTS * REQUESTS / elapsed))
