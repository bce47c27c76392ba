# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""Sphinx configuration of the schedula documentation."""
import os
import os.path as osp
import sys

# The repository root: the package and the examples of the tutorial.
ROOT = osp.dirname(osp.dirname(osp.abspath(__file__)))
sys.path.insert(0, ROOT)
os.environ['PYTHONPATH'] = os.pathsep.join(
    [ROOT] + [p for p in [os.environ.get('PYTHONPATH')] if p]
)

import schedula  # noqa: E402

extensions = [
    'sphinx.ext.doctest',
    'sphinx.ext.intersphinx',
    'sphinx.ext.extlinks',
    'sphinx.ext.todo',
    'sphinx.ext.coverage',
    'sphinx.ext.mathjax',
    'sphinx.ext.ifconfig',
    'sphinx.ext.viewcode',
    'schedula.ext.autosummary',
    'schedula.ext.dispatcher',
]

project = 'schedula'
author = schedula.__author__
copyright = schedula.__copyright__.replace('Copyright ', '')
release = schedula.__version__
version = '.'.join(release.split('.')[:2])
language = 'en'

exclude_patterns = ['_build', '**.ipynb_checkpoints']
master_doc = 'index'

# Extensions.
autosummary_generate = True
autosummary_skip_members = [
    'schedula.ext.dispatcher.graphviz.dsp',
]
autodoc_member_order = 'bysource'
graphviz_output_format = 'svg'
dispatchers_out_dir = osp.join('_build', '_dispatchers')
# Links to the Python documentation need its inventory from the network: set
# SCHEDULA_DOCS_ONLINE=1 to fetch it (offline builds must stay warning-free).
intersphinx_mapping = {}
if os.environ.get('SCHEDULA_DOCS_ONLINE'):
    intersphinx_mapping['python'] = ('https://docs.python.org/3', None)
extlinks = {
    'issue': ('https://github.com/vinci1it2000/schedula/issues/%s', '#%s')
}
todo_include_todos = False
doctest_global_setup = 'import schedula as sh'

# HTML output.
html_theme = 'sphinx_rtd_theme'
html_static_path = ['_static']
html_title = 'schedula %s' % release
htmlhelp_basename = 'schedula_doc'


def _skip_api_examples(app, doctree):
    """
    The doctest builder tests the tutorial pages only: the examples of the
    API pages are docstrings, which pytest runs in their own module's
    namespace (``make test``), not in the builder's empty one.
    """
    from docutils import nodes
    if app.builder.name != 'doctest':
        return
    if app.env.current_document.docname.startswith('toctree/'):
        for node in list(doctree.findall(nodes.doctest_block)):
            node.parent.remove(node)


def setup(app):
    app.connect('doctree-read', _skip_api_examples)
