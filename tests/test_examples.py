# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""
The examples: each runs as a script, and its model gives exact results.
"""
import doctest
import os
import os.path as osp
import subprocess
import sys

import pytest

import schedula as sh

ROOT = osp.dirname(osp.dirname(osp.abspath(__file__)))


def run_script(*args, timeout=120):
    """Run a script of the repository as a user would; return its stdout."""
    env = dict(os.environ)
    env['PYTHONPATH'] = os.pathsep.join(
        [ROOT] + [p for p in [os.environ.get('PYTHONPATH')] if p]
    )
    res = subprocess.run(
        [sys.executable] + list(args), cwd=ROOT, env=env,
        capture_output=True, text=True, timeout=timeout
    )
    assert res.returncode == 0, res.stderr
    return res.stdout


# --- symmetric_cryptography ---------------------------------------------------
@pytest.fixture
def crypto():
    from examples.symmetric_cryptography.model import dsp
    return dsp


def test_crypto_blueprint_registers_new_models(crypto):
    assert isinstance(crypto, sh.BlueDispatcher)
    first, second = crypto.register(), crypto.register()
    assert first is not second and first.name == 'symmetric_cryptography'
    assert sorted(first.function_nodes) == [
        'decrypt_message', 'encrypt_message', 'generate_key', 'read_decrypted',
        'read_encrypted', 'read_key', 'write_decrypted', 'write_encrypted',
        'write_key'
    ]
    nodes = first.nodes
    assert nodes['generate_key']['weight'] == 2
    for fid in ('read_key', 'read_decrypted', 'read_encrypted'):
        assert nodes[fid]['input_domain'] is osp.isfile
    for fid in ('write_key', 'write_decrypted', 'write_encrypted'):
        assert 'input_domain' not in nodes[fid]
    assert nodes['read_encrypted']['inputs'] == ['encrypted_fpath']
    assert nodes['write_decrypted']['inputs'] == ['decrypted_fpath',
                                                  'decrypted']


def test_crypto_dispatch_takes_the_alternative_path(crypto, tmp_path):
    model = crypto.register()
    key_fpath, enc_fpath = str(tmp_path / 'k.key'), str(tmp_path / 'm.enc')
    sol = model({'decrypted': 'hi', 'encrypted_fpath': enc_fpath,
                 'key_fpath': key_fpath})
    # No key file: read_key's domain fails, so the key is generated.
    assert list(sol) == ['decrypted', 'encrypted_fpath', 'key_fpath', 'key',
                         'encrypted']
    # read_key and read_encrypted were tried: their domains failed.
    assert sol.workflow.succ['read_key'] == {}
    assert sol.workflow.succ['read_encrypted'] == {}
    assert set(sol.workflow.pred['key']) == {'generate_key'}
    assert sol.dist['key'] == 4.0  # START -> generate_key (weight 2) -> key.
    with open(key_fpath) as f:
        assert f.read() == sol['key']
    with open(enc_fpath) as f:
        assert f.read() == sol['encrypted']
    # Now the files exist: reading wins, and only the decryption runs.
    again = model(sh.selector(('encrypted_fpath', 'key_fpath'), sol),
                  outputs=['decrypted'])
    assert again['decrypted'] == 'hi' and again['key'] == sol['key']
    assert set(again.workflow.pred['key']) == {'read_key'}
    assert 'generate_key' not in again.workflow.nodes


def test_crypto_model_script():
    out = run_script('examples/symmetric_cryptography/model.py')
    assert "Encrypted 'secret message' into " in out
    assert out.endswith("Decrypted again: 'secret message'\n")


# --- length_converter ---------------------------------------------------------
def test_length_converter_every_unit_once():
    from examples.length_converter.converter import LengthConverter, convert
    sol = convert(1, 'leagues')
    assert list(sol)[0] == 'leagues' and len(sol) == 13
    assert (sol['miles'], sol['furlongs'], sol['chains'], sol['yards'],
            sol['feet'], sol['inches'], sol['thou']) == (
        3, 24, 240, 5280, 15840, 190080, 190080000)
    assert sol['cm'] == pytest.approx(482803.2)
    assert sol['km'] == pytest.approx(4.828032)
    # Cycles stop: the given unit keeps its value.
    assert sol['leagues'] == 1
    sol = convert(254, 'mm')
    assert sol['inches'] == pytest.approx(10) and sol['km'] == 0.000254
    model = LengthConverter.register()
    assert model.get_node('inch2cm', node_attr='description')[0] == \
        'Converts inches into centimetres.'


def test_length_converter_rejects_unknown_units():
    from examples.length_converter.converter import convert
    with pytest.raises(ValueError) as info:
        convert(1, 'parsec')
    assert str(info.value).startswith("Unknown unit 'parsec': choose one of")


def test_length_converter_doctests_and_script():
    from examples.length_converter import converter
    assert doctest.testmod(converter).failed == 0
    out = run_script('examples/length_converter/converter.py', '2', 'feet')
    lines = out.splitlines()
    assert lines[0].split() == ['2', 'feet'] and ['24', 'inches'] in [
        line.split() for line in lines]


# --- processing_chain ---------------------------------------------------------
def test_processing_chain_script(tmp_path):
    import numpy as np
    import pandas as pd
    out_fpath = str(tmp_path / 'out.xlsx')
    out = run_script('examples/processing_chain/process.py',
                     'examples/processing_chain/files/inp.xlsx', out_fpath)
    assert out.splitlines() == [
        'Read 41 samples from examples/processing_chain/files/inp.xlsx',
        'Distance travelled: 225.0 m',
        'Peak acceleration: 2.00 m/s2',
        'Results written to %s' % out_fpath
    ]
    df = pd.read_excel(out_fpath)
    assert list(df.columns) == ['time', 'velocity', 'acceleration',
                                'distance']
    assert df['distance'].iloc[0] == 0
    # 0-10 s at 2 m/s2 (100 m), then 10-20 s from 20 m/s at -1.5 m/s2 (125 m).
    assert df['distance'].iloc[20] == pytest.approx(100)
    assert df['distance'].iloc[-1] == pytest.approx(225)
    assert np.allclose(df['acceleration'][1:19], 2)


def test_processing_chain_model():
    import numpy as np
    from examples.processing_chain.model import dsp
    sol = dsp.register()({'time': np.array([0., 1, 2, 3]),
                          'velocity': np.array([0., 1, 4, 9])})
    assert list(sol) == ['time', 'velocity', 'acceleration', 'distance']
    assert sol['acceleration'].tolist() == [1, 2, 4, 5]
    assert sol['distance'].tolist() == [0, 0.5, 3, 9.5]


def test_crypto_server_app():
    from examples.symmetric_cryptography.server import api, app
    assert sorted(api.function_nodes) == [
        'decrypt_message', 'encrypt_message', 'generate_key']
    client = app.test_client()
    sol = client.post('/', json={'args': [{'decrypted': 'hi'}]}).json[
        'return']
    assert sorted(sol) == ['decrypted', 'encrypted', 'key']
    res = client.post('/symmetric_cryptography/decrypt_message', json={
        'kwargs': sh.selector(('key', 'encrypted'), sol)})
    assert (res.status_code, res.json) == (200, {'return': 'hi'})
    # No file access through the API.
    assert client.post('/symmetric_cryptography/read_key',
                       json={}).status_code == 404


def test_crypto_server_script():
    import socket
    import time
    import requests
    with socket.socket() as sock:
        sock.bind(('127.0.0.1', 0))
        port = sock.getsockname()[1]
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(
        [ROOT] + [p for p in [os.environ.get('PYTHONPATH')] if p]))
    proc = subprocess.Popen(
        [sys.executable, 'examples/symmetric_cryptography/server.py',
         '--port', str(port)], cwd=ROOT, env=env,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    url = 'http://127.0.0.1:%d' % port
    try:
        for _ in range(300):  # Up to 30 s for the server to start.
            try:
                res = requests.post(url + '/symmetric_cryptography/'
                                    'generate_key', json={}, timeout=5)
                break
            except requests.ConnectionError:
                assert proc.poll() is None, 'the server died'
                time.sleep(0.1)
        key = res.json()['return']
        res = requests.post(url, json={'args': [{'key': key,
                                                 'decrypted': 'x'}]})
        assert res.json()['return']['key'] == key
    finally:
        proc.terminate()
        proc.wait(timeout=30)


# --- make demo -----------------------------------------------------------------
def test_demo_runs_the_tutorial(tmp_path):
    out = run_script('examples/demo.py', str(tmp_path))
    lines = out.splitlines()
    assert lines[:7] == [
        "1. Dispatch: encrypt 'secret message' and save key and message",
        '   computed: decrypted, encrypted_fpath, key_fpath, key, encrypted',
        '   the key came from: generate_key (read_key failed its domain: '
        'no file)',
        '   files written: data.secret, key.key',
        '2. Dispatch again: decrypt the saved message',
        "   decrypted: 'secret message' (the key came from: read_key)",
        '3. Sub-model without file access: decrypt_message, encrypt_message, '
        'generate_key'
    ]
    assert lines[7] == '4. Web API of the sub-model'
    assert lines[8].startswith('   serving on http://127.0.0.1:')
    assert lines[9:13] == [
        '   POST /  -> 200, keys of "return": decrypted, encrypted, key',
        "   POST /symmetric_cryptography/decrypt_message -> 200, return: "
        "'secret message'",
        '   the same without arguments -> 422, error: "decrypt_message() '
        'missing 2 required positional arguments: \'key\' and \'encrypted\'"',
        '   server stopped: True'
    ]
    site = str(tmp_path / 'site')
    assert lines[13:] == [
        '5. The map of the first solution is in %s' % site,
        '   open %s in a browser' % osp.join(site, 'index.html')
    ]
    with open(osp.join(site, 'index.html'), encoding='utf-8') as f:
        assert 'symmetric_cryptography' in f.read()
    with open(osp.join(site, 'symmetric_cryptography.html'),
              encoding='utf-8') as f:
        page = f.read()
    assert '<svg' in page and 'generate_key' in page


def test_trip_example():
    out = run_script('examples/trip.py')
    assert out.startswith(
        '1. Estimated fuel (no tank levels), default fuel price\n')
    assert "   solution: Solution([('consumption', 6.4), ('distance', 250)," \
        " ('fuel_price', 1.8), ('fuel_used', 16.0), ('cost', 28.8)])" in out


def test_processing_chain_plot_data():
    import doctest
    import numpy as np
    from examples.processing_chain.model import dsp
    from examples.processing_chain.utils import plot
    assert doctest.testmod(plot).failed == 0
    sol = dsp.register()({'time': np.array([0., 1, 2]),
                          'velocity': np.array([0., 1, 4])})
    fig = plot.define_plot_data(sol)
    assert [(t['name'], t['yaxis'], t['x'], t['y']) for t in fig['data']] == [
        ('velocity', 'y', [0, 1, 2], [0, 1, 4]),
        ('acceleration', 'y2', [0, 1, 2], [1, 2, 3]),
        ('distance', 'y3', [0, 1, 2], [0, 0.5, 3])
    ]
    assert fig['layout'] == {
        'xaxis': {'title': 'time [s]'},
        'yaxis': {'title': 'velocity [m/s]'},
        'yaxis2': {'title': 'acceleration [m/s2]', 'overlaying': 'y',
                   'side': 'right', 'anchor': 'free', 'position': 1},
        'yaxis3': {'title': 'distance [m]', 'overlaying': 'y',
                   'side': 'right', 'anchor': 'free', 'position': 0.92}
    }
