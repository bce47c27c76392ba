# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""
The Sphinx extension driven as code written for Sphinx 2-3 drives it
(issue 12, item 3): the documenter given a plain options object (a
``Struct``) instead of autodoc's ``Options``, and projects built with
``SphinxTestApp`` in one process with autodoc listed before or after the
extension, through ``confoverrides``, or the extension set up late.
"""
import types
from pathlib import Path
from unittest.mock import Mock

import pytest
from docutils.statemachine import StringList, ViewList
from sphinx.ext.autodoc import Options
from sphinx.ext.autodoc.directive import (
    DocumenterBridge, process_documenter_options
)
from sphinx.testing.util import SphinxTestApp
from sphinx.util.docutils import LoggingReporter, docutils_namespace

import schedula.ext.dispatcher as ext_dispatcher
from schedula.ext.dispatcher.documenter import (
    DispatcherDocumenter, as_options, plot_key
)

COMPATMOD = '''
"""Models for the compatibility tests."""
import schedula as sh


def double(a):
    """Doubles `a`."""
    return 2 * a


#: Docs of dsp.
dsp = sh.Dispatcher(name='Model', description='Model description.')
dsp.add_data('a', description='The input.')
dsp.add_function('double', double, ['a'], ['b'])
sub = sh.Dispatcher(name='sub')
sub.add_function('inc', lambda x: x + 1, ['x'], ['y'])
dsp.add_dispatcher(sub, {'b': 'x'}, {'y': 'c'}, dsp_id='S')
'''

AUTODOC = 'sphinx.ext.autodoc'
DISPATCHER = 'schedula.ext.dispatcher'


class Struct:
    """An options object as Sphinx 2-3's tests made them: attributes only."""

    def __init__(self, **kwargs):
        self.__dict__.update(kwargs)


def write_project(src, extensions=(), conf_extra=''):
    (src / 'compatmod.py').write_text(COMPATMOD, encoding='utf-8')
    (src / 'conf.py').write_text(
        'import os, sys\n'
        'sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))\n'
        'extensions = %r\n%s' % (list(extensions), conf_extra),
        encoding='utf-8')
    (src / 'index.rst').write_text(
        'Test\n====\n\n.. automodule:: compatmod\n\n'
        '.. autodispatcher:: compatmod.dsp\n   :data:\n', encoding='utf-8')


@pytest.fixture(scope='module')
def project(tmp_path_factory):
    src = tmp_path_factory.mktemp('compat')
    write_project(src, [AUTODOC, DISPATCHER])
    return src  # Its maps are rendered once, for all the tests.


@pytest.fixture
def app(project):
    """An application on the project, ready to drive documenters."""
    with docutils_namespace():
        app = SphinxTestApp('html', srcdir=project)
        app.env.temp_data['docname'] = 'index'  # As Sphinx 2-3's tests.
        yield app
        app.cleanup()


def struct_rst(app, name, options, content=None):
    """
    The reST generated for `name`, with the directive made as Sphinx 2-3's
    autodoc tests made it: a ``Struct`` whose ``genopt`` is `options`.
    """
    directive = Struct(env=app.env, genopt=options, result=ViewList(),
                       filename_set=set(), state=Mock())
    directive.state.document.settings.tab_width = 8
    documenter = app.registry.documenters['dispatcher'](directive, name)
    documenter.generate(more_content=content)
    return list(directive.result)


def directive_rst(app, name, options, content=None):
    """The reST generated for `name` with the options of a directive."""
    options = process_documenter_options(DispatcherDocumenter, app.config,
                                         dict(options))
    state = Mock()
    state.document.settings.tab_width = 8
    bridge = DocumenterBridge(app.env, LoggingReporter(''), options, 1, state)
    DispatcherDocumenter(bridge, name).generate(more_content=content)
    return list(bridge.result)


def map_lines(opt=None, code='import compatmod\nfrom compatmod import dsp\n'):
    """The ``dsp`` directive of the map of `compatmod.dsp`."""
    opt = dict({'depth': 0, 'view': False}, **(opt or {}))
    return ['.. dsp:: _build/_dispatchers/%s/Model.gv' % plot_key(opt, code),
            '   :graphviz_dot: dot']


HEADER = ['', '.. py:data:: dsp', '   :module: compatmod',
          '   :annotation:  = Model', '']
DESCRIPTION = ['Docs of dsp.', '']
DATA = [".. csv-table:: **dsp's data**", '',
        '   ":obj:`a <>`", "The input."', '   ":obj:`b <>`", ""',
        '   ":obj:`c <>`", ""', '']
FUNCTIONS = [".. csv-table:: **dsp's functions**", '',
             '   ":func:`double <compatmod.double>`", "Doubles `a`."', '']
DISPATCHERS = [".. csv-table:: **dsp's dispatchers**", '',
               '   ":func:`S <>`", "sub"', '']
EVERYTHING = HEADER + DESCRIPTION + map_lines() + [''] + DATA + FUNCTIONS + \
    DISPATCHERS

#: The defaults of the options object of Sphinx 2-3's autodoc tests: each
#: attribute is there, none is given.
SPHINX3_DEFAULTS = dict(
    inherited_members=False, undoc_members=False, private_members=False,
    special_members=False, imported_members=False, show_inheritance=False,
    noindex=False, annotation=None, synopsis='', platform='',
    deprecated=False, members=[], member_order='alphabetical',
    exclude_members=set(), ignore_module_all=False
)

#: (attributes of the options object, the same options of a directive,
#: the reST generated)
CASES = [
    ({}, {}, EVERYTHING),
    (SPHINX3_DEFAULTS, {}, EVERYTHING),
    (dict(SPHINX3_DEFAULTS, des=True), {'description': None},
     HEADER + DESCRIPTION + map_lines() + ['']),
    ({'description': True}, {'description': None},
     HEADER + DESCRIPTION + map_lines() + ['']),
    ({'data': True, 'func': True, 'dsp': False},
     {'data': None, 'func': None},
     HEADER + map_lines() + [''] + DATA + FUNCTIONS),
    ({'opt': {'index': True}, 'height': '300px', 'width': '80%'},
     {'opt': 'index=True', 'height': '300px', 'width': '80%'},
     HEADER + map_lines({'index': True})[:1] + [
         '   :height: 300px', '   :width: 80%', '   :graphviz_dot: dot',
         '   :index: ', '']),
    ({'noindex': True, 'annotation': ' = Other', 'dsp': True},
     {'noindex': None, 'annotation': ' = Other', 'dsp': None},
     HEADER[:2] + ['   :no-index:', '   :module: compatmod',
                   '   :annotation:  = Other', ''] +
     map_lines() + [''] + DISPATCHERS),
]


@pytest.mark.parametrize('attrs, options, rst', CASES)
def test_plain_options_object(app, attrs, options, rst):
    assert struct_rst(app, 'compatmod.dsp', Struct(**attrs)) == rst
    assert directive_rst(app, 'compatmod.dsp', options) == rst
    # Any object with attributes will do; it is read, never changed.
    namespace = types.SimpleNamespace(**attrs)
    assert struct_rst(app, 'compatmod.dsp', namespace) == rst
    assert vars(namespace) == attrs


def test_no_options_object(app):
    assert struct_rst(app, 'compatmod.dsp', None) == EVERYTHING


def test_plain_options_with_code_content(app):
    content = StringList([
        '>>> import schedula as sh',
        ">>> m = sh.Dispatcher(name='Model')",
        ">>> f = m.add_function('f', lambda x: x, ['x'], ['y'])"
    ])
    code = '\n'.join(content)
    rst = [''] + HEADER[-1:] + list(content) + [''] + [
        '.. dsp:: _build/_dispatchers/%s/Model.gv' % plot_key(
            {'depth': 0, 'view': False}, code),
        '   :graphviz_dot: dot', '']
    assert struct_rst(app, 'm', Struct(code=True, des=False), content) == rst
    assert directive_rst(app, 'm', {'code': None}, content) == rst


def test_as_options():
    names = [*DispatcherDocumenter.option_spec, 'des']
    opt = Options({'data': True})
    assert as_options(opt, names) is opt  # Kept: a directive's own.
    assert as_options({'data': True}, names) == opt
    assert type(as_options({'data': True}, names)) is Options
    plain = as_options(Struct(no_index=True, des=1, data=0, code=None,
                              members=['x'], opt={'index': True}), names)
    assert plain == {'no-index': True, 'des': 1, 'opt': {'index': True}}
    assert (plain.no_index, plain.des, plain.data, plain.annotation) == (
        True, 1, None, None)
    assert as_options(None, names) == {}


# --- builds beside sphinx.ext.autodoc -----------------------------------------
def build(src, **kwargs):
    """Builds the project in `src`; returns its warnings and its page."""
    with docutils_namespace():
        app = SphinxTestApp('html', srcdir=src, freshenv=True, **kwargs)
        try:
            app.build()
        finally:
            app.cleanup()
    html = (Path(app.outdir) / 'index.html').read_text(encoding='utf-8')
    return app.warning.getvalue(), html


def assert_documented(html):
    """Both ``automodule`` and ``autodispatcher`` worked."""
    assert 'Models for the compatibility tests.' in html
    assert '<iframe src="_images/dispatcher-' in html and 'The input.' in html


LATE = '''
def setup(app):  # The extension set up while 'config-inited' is emitted.
    app.connect('config-inited',
                lambda app, config: app.setup_extension(%r))
''' % DISPATCHER


@pytest.mark.parametrize('extensions, kwargs, conf_extra', [
    ([AUTODOC, DISPATCHER], {}, ''),
    ([DISPATCHER, AUTODOC], {}, ''),
    ([DISPATCHER], {}, ''),
    ([], {'confoverrides': {'extensions': [DISPATCHER, AUTODOC]}}, ''),
    ([], {'confoverrides': {'extensions': '%s,%s' % (AUTODOC, DISPATCHER)}},
     ''),
    ([DISPATCHER], {}, 'autodoc_use_legacy_class_based = True\n'),
    ([AUTODOC], {}, LATE),
    ([], {}, LATE),
], ids=['autodoc-first', 'autodoc-after', 'dispatcher-only',
        'confoverrides', 'confoverrides-str', 'legacy-autodoc',
        'late-beside-autodoc', 'late-alone'])
def test_builds_do_not_warn(tmp_path_factory, extensions, kwargs, conf_extra):
    src = tmp_path_factory.mktemp('builds')
    write_project(src, extensions, conf_extra)
    for _ in range(2):  # Several applications in one process.
        warnings, html = build(src, **kwargs)
        assert warnings == ''
        assert_documented(html)


def test_builds_in_turn_do_not_warn(tmp_path):
    orders = ([AUTODOC, DISPATCHER], [DISPATCHER, AUTODOC], [DISPATCHER],
              [AUTODOC, DISPATCHER])
    for extensions in orders:
        write_project(tmp_path, extensions)
        warnings, html = build(tmp_path)
        assert 'already registered' not in warnings and warnings == ''
        assert_documented(html)


def test_setup_called_directly(tmp_path):
    # On a ready application, with or without the extension loaded already;
    # a second call changes nothing.
    for extensions in ([], [AUTODOC], [DISPATCHER]):
        write_project(tmp_path, extensions)
        with docutils_namespace():
            app = SphinxTestApp('html', srcdir=tmp_path, freshenv=True)
            try:
                ext_dispatcher.setup(app)
                ext_dispatcher.setup(app)
                app.build()
            finally:
                app.cleanup()
        assert app.warning.getvalue() == ''
        assert_documented((Path(app.outdir) / 'index.html').read_text(
            encoding='utf-8'))
        assert app.config.dispatchers_out_dir == '_build/_dispatchers'
