# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""
Symmetric cryptography model: the model of the README tutorial.

`dsp` is a :class:`~schedula.utils.blue.BlueDispatcher` (a blueprint):
``dsp.register()`` builds a new :class:`~schedula.dispatcher.Dispatcher` each
time it is called, so every user gets a model of their own.

The model knows two ways to get the key (generate a new one, or read it from
`key_fpath` when that file exists; generating is heavier, weight 2, so an
existing key wins) and how to encrypt and decrypt a message with it
(`cryptography`'s Fernet). Messages and keys can be read from and written to
files; reading happens only from files that exist (the functions' domain).

Needs ``pip install cryptography``.
"""
import os.path as osp

import schedula as sh
from cryptography.fernet import Fernet

dsp = sh.BlueDispatcher(name='symmetric_cryptography')


@sh.add_function(dsp, outputs=['key'], weight=2)
def generate_key():
    """
    Generates a new Fernet key.

    :return:
        A URL-safe base64-encoded 32-byte key.
    :rtype: str
    """
    return Fernet.generate_key().decode()


@sh.add_function(dsp)
def write_key(key_fpath, key):
    """
    Writes a text to a file.

    :param key_fpath:
        Path of the file to write.
    :type key_fpath: str

    :param key:
        Text to write.
    :type key: str
    """
    with open(key_fpath, 'w') as f:
        f.write(key)


@sh.add_function(dsp, outputs=['key'], input_domain=osp.isfile)
def read_key(key_fpath):
    """
    Reads a text from a file.

    :param key_fpath:
        Path of an existing file.
    :type key_fpath: str

    :return:
        The file content.
    :rtype: str
    """
    with open(key_fpath) as f:
        return f.read()


@sh.add_function(dsp, outputs=['encrypted'])
def encrypt_message(key, decrypted):
    """
    Encrypts a message.

    :param key:
        Fernet key.
    :type key: str

    :param decrypted:
        Message to encrypt.
    :type decrypted: str

    :return:
        Encrypted message (a Fernet token).
    :rtype: str
    """
    return Fernet(key.encode()).encrypt(decrypted.encode()).decode()


@sh.add_function(dsp, outputs=['decrypted'])
def decrypt_message(key, encrypted):
    """
    Decrypts a message.

    :param key:
        Fernet key.
    :type key: str

    :param encrypted:
        Encrypted message (a Fernet token).
    :type encrypted: str

    :return:
        Decrypted message.
    :rtype: str
    """
    return Fernet(key.encode()).decrypt(encrypted.encode()).decode()


# The same two file functions serve the messages too: only the node ids,
# inputs and outputs change. Reading needs an existing file.
dsp.add_function(
    'read_decrypted', read_key, ['decrypted_fpath'], ['decrypted'],
    input_domain=osp.isfile
)
dsp.add_function(
    'read_encrypted', read_key, ['encrypted_fpath'], ['encrypted'],
    input_domain=osp.isfile
)
dsp.add_function('write_decrypted', write_key, ['decrypted_fpath', 'decrypted'])
dsp.add_function('write_encrypted', write_key, ['encrypted_fpath', 'encrypted'])


if __name__ == '__main__':
    import tempfile

    model = dsp.register()
    folder = tempfile.mkdtemp()
    message = 'secret message'
    sol = model({
        'decrypted': message,
        'encrypted_fpath': osp.join(folder, 'data.secret'),
        'key_fpath': osp.join(folder, 'key.key')
    })
    print('Encrypted %r into %s' % (message, sol['encrypted_fpath']))
    decrypted = model(
        sh.selector(('encrypted_fpath', 'key_fpath'), sol),
        outputs=['decrypted']
    )['decrypted']
    print('Decrypted again: %r' % decrypted)
