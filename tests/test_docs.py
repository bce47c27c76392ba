# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""
The documentation (``doc/``) builds with warnings as errors, its maps are
embedded, its API pages are generated and its doctests pass.

Each build works on a copy of ``doc/`` in a temporary folder (the stub pages
of the API are written next to the sources), beside links to the files it
includes; the two builders run at the same time.
"""
import os
import os.path as osp
import re
import shutil
import subprocess
import sys

import pytest

ROOT = osp.dirname(osp.dirname(osp.abspath(__file__)))
INCLUDED = ('README.rst', 'CHANGELOG.rst', 'CONTRIBUTING.rst', 'examples')


def copy_docs(folder):
    """A copy of the documentation sources in `folder`; returns its path."""
    for name in INCLUDED:
        os.symlink(osp.join(ROOT, name), osp.join(folder, name))
    src = osp.join(folder, 'doc')
    shutil.copytree(osp.join(ROOT, 'doc'), src,
                    ignore=shutil.ignore_patterns('_build', 'toctree'))
    return src


def start_build(folder, builder):
    src = copy_docs(folder)
    out = osp.join(folder, 'out')
    env = dict(os.environ)
    env['PYTHONPATH'] = os.pathsep.join(
        [ROOT] + [p for p in [os.environ.get('PYTHONPATH')] if p]
    )
    env.pop('SCHEDULA_DOCS_ONLINE', None)
    proc = subprocess.Popen(
        [sys.executable, '-m', 'sphinx', '-W', '--keep-going', '-q', '-b',
         builder, src, out], cwd=folder, env=env, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True
    )
    return proc, src, out


@pytest.fixture(scope='module')
def builds(tmp_path_factory):
    html = start_build(str(tmp_path_factory.mktemp('html')), 'html')
    doctest = start_build(str(tmp_path_factory.mktemp('doctest')), 'doctest')
    results = {}
    for name, (proc, src, out) in (('html', html), ('doctest', doctest)):
        stdout, stderr = proc.communicate(timeout=600)
        results[name] = (proc.returncode, stdout, stderr, src, out)
    return results


def test_html_build_has_no_warnings(builds):
    code, _, stderr, _, _ = builds['html']
    assert (code, stderr) == (0, '')


def test_html_pages_embed_the_maps(builds):
    _, _, _, src, out = builds['html']
    with open(osp.join(out, 'tutorial.html'), encoding='utf-8') as f:
        html = f.read()
    frames = re.findall(r'<iframe src="([^"?]+)(?:\?controls=true)?" '
                        r'width="100%" height="(\w+)"', html)
    assert [(osp.basename(p), h) for p, h in frames] == [
        ('symmetric_cryptography.html', '600px'), ('index.html', '500px'),
        ('index.html', '500px'), ('symmetric_cryptography.html', '500px')
    ]
    for path, _ in frames:
        assert osp.isfile(osp.join(out, path))
    # The workflow map of the solution: the domain of read_key failed.
    folder = osp.dirname(osp.join(out, frames[1][0]))
    with open(osp.join(folder, 'symmetric_cryptography.html'),
              encoding='utf-8') as f:
        assert 'read_key' in f.read()


def test_html_api_reference(builds):
    _, _, _, src, out = builds['html']
    pages = {osp.relpath(osp.join(d, f), out)
             for d, _, files in os.walk(out) for f in files}
    for page in ('api.html', 'toctree/schedula/schedula.dispatcher.html',
                 'toctree/schedula/dispatcher/schedula.dispatcher.'
                 'Dispatcher.html',
                 'toctree/schedula/utils/schedula.utils.sol.html',
                 'change.html', 'contrib.html', 'about.html', 'install.html',
                 'async.html', 'index.html'):
        assert page in pages, page
    with open(osp.join(out, 'change.html'), encoding='utf-8') as f:
        assert 'Fixed (1.2.0 accidents not replicated)' in f.read()
    with open(osp.join(out, 'toctree/schedula/schedula.dispatcher.html'),
              encoding='utf-8') as f:
        assert 'Dispatcher' in f.read()


def test_doctests_pass(builds):
    code, stdout, stderr, _, out = builds['doctest']
    # stderr holds the log of the tutorial's web server (and of Dask).
    assert code == 0 and 'WARNING' not in stderr and 'ERROR' not in stderr
    with open(osp.join(out, 'output.txt'), encoding='utf-8') as f:
        report = f.read()
    summary = re.search(r'Doctest summary\n=+\n\s+(\d+) tests?\n'
                        r'\s+(\d+) failures? in tests', report)
    tests, failures = map(int, summary.groups())
    assert failures == 0 and tests >= 20
