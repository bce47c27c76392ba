# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""
Web API of the symmetric cryptography model, ready for deployment.

`api` is the sub-model of the README tutorial (key generation, encryption
and decryption: no access to files) and `app` its web API, a plain Flask app
(``api.web().site().app()``) that any WSGI server can serve, e.g.
``gunicorn 'server:app'`` from this folder.

Run as a script, it serves `app` with Flask's development server::

    python examples/symmetric_cryptography/server.py [--host H] [--port P]

Endpoints (JSON ``POST``, body ``{"args": [...], "kwargs": {...}}``): ``/``
dispatches the model, ``/symmetric_cryptography/<function id>`` calls one of
its functions.
"""
import argparse

import schedula as sh

try:
    from .model import dsp
except ImportError:  # Run as a script: the model is next to this file.
    from model import dsp

#: The nodes published: no function that reads or writes files.
API_NODES = (
    'decrypt_message', 'encrypt_message', 'key', 'encrypted', 'decrypted',
    'generate_key', sh.START
)

api = dsp.register().get_sub_dsp(API_NODES)
app = api.web().site().app()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('--host', default='127.0.0.1')
    parser.add_argument('--port', type=int, default=5000)
    args = parser.parse_args(argv)
    app.run(host=args.host, port=args.port)


if __name__ == '__main__':
    main()
