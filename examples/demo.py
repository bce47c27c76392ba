# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""
The README tutorial, end to end (``make demo``).

1. dispatch the symmetric cryptography model: no key file exists yet, so a
   key is generated, saved, and the message is encrypted and saved;
2. dispatch it again to decrypt the saved message (now the key is read);
3. extract the sub-model without file access;
4. serve it as a web API on 127.0.0.1 and call it over HTTP;
5. write the interactive map of the first solution (with its index page)
   into a folder, and print where.

Run it from the repository root::

    python examples/demo.py [FOLDER]

FOLDER (default: a new temporary folder) receives the data files and the
map. Needs the ``plot`` and ``web`` extras and ``cryptography``.
"""
import json
import logging
import os
import os.path as osp
import sys
import tempfile
import urllib.request

import schedula as sh

try:
    from .symmetric_cryptography.model import dsp as blueprint
    from .symmetric_cryptography.server import API_NODES
except ImportError:  # Run as a script: the examples are next to this file.
    from symmetric_cryptography.model import dsp as blueprint
    from symmetric_cryptography.server import API_NODES


def post(url, body):
    """POSTs `body` as JSON; returns the HTTP status and the JSON answer."""
    request = urllib.request.Request(
        url, data=json.dumps(body).encode(), method='POST',
        headers={'Content-Type': 'application/json'}
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as ex:  # JSON errors come with a status.
        return ex.code, json.load(ex)


def dispatch(dsp, folder, message):
    print('1. Dispatch: encrypt %r and save key and message' % message)
    sol = dsp({
        'decrypted': message,
        'encrypted_fpath': osp.join(folder, 'data.secret'),
        'key_fpath': osp.join(folder, 'key.key')
    })
    print('   computed: %s' % ', '.join(sol))
    print('   the key came from: %s (read_key failed its domain: no file)'
          % ', '.join(sol.workflow.pred['key']))
    print('   files written: %s' % ', '.join(sorted(os.listdir(folder))))
    return sol


def decrypt(dsp, sol):
    print('2. Dispatch again: decrypt the saved message')
    sol2 = dsp(sh.selector(('encrypted_fpath', 'key_fpath'), sol),
               outputs=['decrypted'])
    print('   decrypted: %r (the key came from: %s)' % (
        sol2['decrypted'], ', '.join(sol2.workflow.pred['key'])))
    return sol2


def serve(api, message):
    print('4. Web API of the sub-model')
    server = api.web().site(host='127.0.0.1').run()
    try:
        print('   serving on %s' % server.url)
        status, res = post(server.url + '/', {'args': [{'decrypted': message}]})
        print('   POST /  -> %d, keys of "return": %s' % (
            status, ', '.join(sorted(res['return']))))
        url = server.url + '/symmetric_cryptography/decrypt_message'
        status, res = post(url + '?data=input,return', {
            'kwargs': sh.selector(('key', 'encrypted'), res['return'])
        })
        print('   POST /symmetric_cryptography/decrypt_message -> %d, '
              'return: %r' % (status, res['return']))
        status, res = post(url, {'kwargs': {}})
        print('   the same without arguments -> %d, error: %r' % (
            status, res['error']))
    finally:
        print('   server stopped: %s' % server.shutdown())


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    logging.getLogger('werkzeug').setLevel(logging.WARNING)  # Quiet server.
    folder = argv[0] if argv else tempfile.mkdtemp(prefix='schedula-demo-')
    os.makedirs(folder, exist_ok=True)
    message = 'secret message'
    dsp = blueprint.register()
    sol = dispatch(dsp, folder, message)
    decrypt(dsp, sol)
    api = dsp.get_sub_dsp(API_NODES)
    print('3. Sub-model without file access: %s' % ', '.join(
        sorted(api.function_nodes)))
    serve(api, message)
    site = osp.join(folder, 'site')
    index = sol.plot(view=False).render(directory=site, index=True)
    print('5. The map of the first solution is in %s' % site)
    print('   open %s in a browser' % index)
    return index


if __name__ == '__main__':
    main()
