# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""
Throughput of the web API: concurrent clients POSTing to a served model on
127.0.0.1 (needs the ``web`` extra and ``requests``)::

    $ python -m benchmarks.web_load                  # 8 clients x 250
    $ python -m benchmarks.web_load --clients 4 --requests 1000

Half the requests dispatch the model (``/``), half call one function; the
figures are requests per second and latency percentiles in milliseconds.
"""
import argparse
import concurrent.futures
import statistics
import time

import requests

import schedula as sh


def _model():
    dsp = sh.Dispatcher(name='model')
    dsp.add_function('add', lambda a, b: a + b, ['a', 'b'], ['c'])
    dsp.add_function('double', lambda c: 2 * c, ['c'], ['d'])
    return dsp


def _client(url, count):
    latencies = []
    with requests.Session() as session:
        for i in range(count):
            start = time.perf_counter()
            if i % 2:
                res = session.post(url + '/model/add', json={'args': [i, 1]})
            else:
                res = session.post(url, json={'args': [{'a': i, 'b': 1}]})
            res.raise_for_status()
            latencies.append(time.perf_counter() - start)
    return latencies


def main(argv=None):
    """Runs the benchmark; prints its figures."""
    parser = argparse.ArgumentParser(prog='python -m benchmarks.web_load')
    parser.add_argument('--clients', type=int, default=8)
    parser.add_argument('--requests', type=int, default=250,
                        help='requests per client')
    args = parser.parse_args(argv)
    site = _model().web().site(host='127.0.0.1', mute=True).run()
    try:
        start = time.perf_counter()
        with concurrent.futures.ThreadPoolExecutor(args.clients) as pool:
            runs = pool.map(_client, [site.url] * args.clients,
                            [args.requests] * args.clients)
            latencies = sorted(t for run in runs for t in run)
        elapsed = time.perf_counter() - start
    finally:
        site.shutdown()
    total = len(latencies)
    cuts = statistics.quantiles(latencies, n=100)
    print('%d clients x %d requests: %.2f s, %.0f req/s; latency ms: '
          'p50 %.1f, p90 %.1f, p99 %.1f, max %.1f' % (
              args.clients, args.requests, elapsed, total / elapsed,
              1e3 * cuts[49], 1e3 * cuts[89], 1e3 * cuts[98],
              1e3 * latencies[-1]))


if __name__ == '__main__':
    main()
