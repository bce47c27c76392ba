# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""
The ``dispatcher`` and ``autodispatcher`` directives.

``.. autodispatcher:: module.name`` documents a model (a
:class:`~schedula.dispatcher.Dispatcher`, a ``SubDispatch*`` wrapper or a
:class:`~schedula.utils.blue.Blueprint`, which is registered first): a
``py:data`` entry, its description, its interactive map (a ``dsp``
directive, see :mod:`.graphviz`) and tables of its data, functions and
sub-dispatchers. ``.. dispatcher:: name`` does the same and may build the
model from its own content, plain Python or doctest examples::

    .. dispatcher:: dsp
       :opt: graph_attr={'ratio': '1'}, index=True
       :code:

        >>> import schedula as sh
        >>> dsp = sh.Dispatcher(name='Model')

Options: ``:opt:`` (arguments of :meth:`~schedula.utils.base.Base.plot`),
``:code:`` (show the content), ``:description:``, ``:data:``, ``:func:``,
``:dsp:`` (show only the parts asked for; with no option at all everything
but the code is shown), ``:height:`` and ``:width:`` of the map's frame,
plus those of ``autodata``.

Maps are rendered once: each goes into
``<dispatchers_out_dir>/dispatcher-<sha1>``, where the hash covers the plot
options and the code (or the import) that gives the model, and is reused by
later builds.

Changes from schedula 1.2.0 (accidents fixed): plain (non-doctest) content
runs whole and is shown as a ``code-block`` (1.2.0 skipped its first line);
the ``:description:`` flag shows the description (1.2.0 read a flag ``des``
that no option sets; ``des`` works too); ``:opt:`` values are accepted (1.2.0
rejected every value on Python 3.9+). As on Sphinx 2-3, the documenter also
takes options as any object with attributes (see :func:`as_options`).
"""
import doctest
import glob
import hashlib
import inspect
import os
import os.path as osp
import shutil
import tempfile
import textwrap
from collections.abc import Mapping

from docutils.parsers.rst import directives
from sphinx.ext.autodoc import DataDocumenter, Options, bool_option
from sphinx.ext.autodoc.directive import (
    AutodocDirective, DocumenterBridge, parse_generated_content,
    process_documenter_options
)
from sphinx.util import logging
from sphinx.util.docutils import is_directive_registered
from sphinx.util.docstrings import prepare_docstring

from ...utils.cst import PLOT

__all__ = ['PLOT', 'DispatcherDocumenter', 'DispatcherDirective', 'setup']

logger = logging.getLogger(__name__)

#: Plot options of every map, before those of ``:opt:``.
DEFAULT_OPT = {'depth': 0, 'view': False}

DOCTEST_FLAGS = doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS


def _plot_signature():
    from ...utils.base import Base
    sig = inspect.signature(Base.plot)
    return sig.replace(parameters=list(sig.parameters.values())[1:])


def dsp2dot_option(arg):
    """
    Parses the ``:opt:`` option: arguments of ``plot`` as Python code.

    :param arg:
        Keyword (or positional) arguments of ``plot``, e.g.
        ``graph_attr={'ratio': '1'}, index=True`` (may span lines).
    :type arg: str | None

    :return:
        The given arguments by name (``PLOT`` when none is given).
    :rtype: dict | str

    Example::

        >>> dsp2dot_option("graph_attr={'ratio': '1'},\\n index=True")
        {'graph_attr': {'ratio': '1'}, 'index': True}
        >>> dsp2dot_option('') is PLOT
        True
        >>> dsp2dot_option('colour=1')
        Traceback (most recent call last):
        ...
        ValueError: invalid plot options 'colour=1': got an unexpected keyword argument 'colour'
    """
    if not (arg or '').strip():
        return PLOT
    sig = _plot_signature()

    def bind(*args, **kwargs):
        return dict(sig.bind(*args, **kwargs).arguments)

    try:
        return eval('bind(%s)' % arg, {'bind': bind, 'PLOT': PLOT})
    except Exception as ex:
        raise ValueError('invalid plot options %r: %s' % (arg, ex)) from None


def as_options(options, names):
    """
    Returns the options of a documenter as autodoc ``Options``.

    Autodoc's own directives give a dict; code written for Sphinx 2-3 may
    give any object with attributes (e.g. a ``Struct``): its attributes
    `names` are read (``-`` as ``_``), and one that is missing, ``None``,
    false or empty counts as not given.

    :param options:
        The options: a mapping or an object with attributes (or ``None``).
    :type options: dict | object

    :param names:
        Names of the options to read from an object.
    :type names: collections.abc.Iterable[str]

    :return:
        `options` itself when it is ``Options`` already, else its copy.
    :rtype: sphinx.ext.autodoc.Options

    Example::

        >>> from types import SimpleNamespace
        >>> opt = as_options(SimpleNamespace(no_index=True, data=False),
        ...                  ['no-index', 'data', 'des'])
        >>> opt, opt.no_index, opt.des
        ({'no-index': True}, True, None)
    """
    if isinstance(options, Options):
        return options
    if isinstance(options, Mapping):
        return Options(options)
    given = ((name, getattr(options, name.replace('-', '_'), None))
             for name in names)
    return Options((name, value) for name, value in given if value)


def _is_model(obj):
    from ...utils.blue import Blueprint
    from ...utils.dsp import SubDispatch
    from ...dispatcher import Dispatcher
    return isinstance(obj, (Dispatcher, SubDispatch, Blueprint))


def _is_doctest(code):
    try:
        compile(code, '<dispatcher>', 'exec')
        return False
    except SyntaxError:
        return any(line.lstrip().startswith('>>>')
                   for line in code.splitlines())


def _document_lines(content):
    """
    Returns the lines of the document that holds `content`, from its start
    to the end of `content` (just `content` when it has no parent document).
    """
    lines, end = content, len(content)
    while getattr(lines, 'parent', None) is not None:
        end += lines.parent_offset
        lines = lines.parent
    return list(lines.data[:end])


def _run_code(code, is_doctest, name, module):
    """
    Runs `code` (doctest examples, or plain Python); returns the namespace,
    pre-loaded with ``from <module> import *`` when a module is known.
    """
    globs = {'__name__': '__dispatcher__'}
    if module:
        exec('from %s import *' % module, globs)
    if is_doctest:
        test = doctest.DocTestParser().get_doctest(code, globs, name, None, 0)
        runner = doctest.DocTestRunner(optionflags=DOCTEST_FLAGS)
        runner.run(test, clear_globs=False)  # Failures are printed.
        globs = test.globs  # A copy made by the parser.
    else:
        exec(compile(code, '<dispatcher %s>' % name, 'exec'), globs)
    return globs


def plot_key(opt, code):
    """
    Returns the name of the cache folder of a map (``dispatcher-<sha1>``).

    :param opt:
        Plot options.
    :type opt: dict

    :param code:
        The code that gives the object (or its import lines).
    :type code: str

    Example::

        >>> plot_key({'depth': 0, 'view': False}, 'import m\\nfrom m import d\\n')
        'dispatcher-2b458c67c9a10320c6e6d480d7ff4015c47f68c5'
    """
    key = '%s\n%s' % (sorted(opt.items()), code)
    return 'dispatcher-%s' % hashlib.sha1(key.encode('utf-8')).hexdigest()


def _csv(text):
    return '"%s"' % text.replace('"', '""')


def _role_id(node_id):
    return str(node_id).replace('<', r'\<').replace('>', r'\>').replace(
        '"', "'")


class DispatcherDocumenter(DataDocumenter):
    """
    Documenter of models: a ``py:data`` header, then the code, the
    description, the map and the tables (see the module's docstring).
    """
    objtype = 'dispatcher'
    directivetype = 'data'
    priority = DataDocumenter.priority + 20
    content_indent = ''
    option_spec = dict(DataDocumenter.option_spec)
    option_spec.update({
        'description': bool_option, 'opt': dsp2dot_option,
        'code': bool_option, 'data': bool_option, 'func': bool_option,
        'dsp': bool_option, 'height': directives.length_or_unitless,
        'width': directives.length_or_percentage_or_unitless
    })
    code = None  # Code text that built the object, when it came from content.
    is_doctest = False
    _blue_memo = {}

    def __init__(self, directive, name, indent=''):
        super().__init__(directive, name, indent)
        # `des`: the description flag that 1.2.0 read (spec 05, 13.4).
        self.options = as_options(self.options, [*self.option_spec, 'des'])

    @classmethod
    def can_document_member(cls, member, membername, isattr, parent):
        return _is_model(member)

    def format_signature(self, **kwargs):
        return ''

    def get_doc(self):
        doc = self.get_attr(self.object, '__doc__', None)
        if doc:
            tab_width = self.directive.state.document.settings.tab_width
            return [prepare_docstring(doc, tab_width)]
        return []

    def _register(self, obj):
        from ...utils.blue import Blueprint
        if isinstance(obj, Blueprint):  # One model per blueprint and process.
            obj = obj.register(memo=self._blue_memo)
        return obj

    # --------------------------------------------------------------- object
    def _import_from_content(self, content):
        """Runs the directive's content; True when it defines the object."""
        code = '\n'.join(content)
        self.is_doctest = _is_doctest(code)
        if self.is_doctest:  # The page's examples so far run first.
            code = textwrap.dedent('\n'.join(_document_lines(content)))
        module = self.modname or self.env.ref_context.get('py:module')
        try:
            obj = _run_code(code, self.is_doctest, self.name, module)[
                self.name]
        except Exception as ex:
            logger.warning('dispatcher %r: its content failed (%r); '
                           'importing it instead', self.name, ex,
                           type='autodoc')
            return False
        self.code, self.object = code, self._register(obj)
        self.modname, self.objpath = module or '', [self.name]
        self.fullname = self.name
        return True

    def import_object(self, raiseerror=False):
        try:
            ok = super().import_object(raiseerror=True)
        except ImportError:
            logger.warning('failed to import dispatcher %r', self.name,
                           type='autodoc')
            return False
        self.object = self._register(self.object)
        return ok

    # ---------------------------------------------------------------- lines
    def add_directive_header(self, sig):
        if not self.options.annotation:
            self.options['annotation'] = ' = %s' % self.object.name
        super().add_directive_header(sig)

    def _add_code(self, content, src):
        if self.is_doctest:
            lines = [line.rstrip() for line in content]
        else:
            lines = ['.. code-block:: python', ''] + [
                '    ' + line.rstrip() for line in content]
        for line in lines + ['']:
            self.add_line(line, src)

    def _add_description(self, src):
        doc = None
        if self.objpath and self.modname and self.code is None:
            doc = self.get_module_comment(self.objpath[-1])
        doc = list(doc or sum(self.get_doc(), []))
        while doc and not doc[-1].strip():
            doc.pop()
        for line in doc + ['']:
            self.add_line(line, src)

    def _plot_key(self, opt):
        if self.code is not None:
            code = self.code
        else:
            code = 'import %s\nfrom %s import %s\n' % (
                self.modname, self.modname, '.'.join(self.objpath))
        return plot_key(opt, code)

    def _out_dir(self):
        path = self.config.dispatchers_out_dir
        return path if osp.isabs(path) else osp.join(self.env.srcdir, path)

    def _render_map(self, opt):
        """Renders the map (unless cached); returns the path of its DOT."""
        dpath = osp.join(self._out_dir(), self._plot_key(opt))
        cached = sorted(glob.glob(osp.join(dpath, '*.gv')))
        if cached:
            return cached[0]
        index = bool(opt.get('index', False))
        sitemap = self.object.plot(**opt)
        folder = next(iter(sitemap))
        context = sitemap.rules(index=index)
        name = '%s.gv' % osp.splitext(context[(folder, None)])[0]
        # Rendered aside and moved in whole: a folder with a DOT file is
        # complete, also for a parallel build rendering the same map.
        os.makedirs(osp.dirname(dpath), exist_ok=True)
        tmp = tempfile.mkdtemp(dir=osp.dirname(dpath), prefix='.tmp-')
        try:
            sitemap.render(directory=tmp, index=index, view=False)
            with open(osp.join(tmp, name), 'w', encoding='utf-8') as f:
                f.write(folder.dot(context).source)
            os.rename(tmp, dpath)
        except OSError:
            if not osp.isfile(osp.join(dpath, name)):
                raise  # Not a parallel build that got there first.
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        return osp.join(dpath, name)

    def _add_map(self, src):
        opt = dict(DEFAULT_OPT)
        if isinstance(self.options.opt, dict):
            opt.update(self.options.opt)
        gv = self._render_map(opt)
        docdir = osp.dirname(self.env.doc2path(self.env.current_document.docname))
        self.add_line('.. dsp:: %s' % osp.relpath(gv, docdir).replace(
            os.sep, '/'), src)
        for k in ('height', 'width'):
            if self.options.get(k):
                self.add_line('   :%s: %s' % (k, self.options[k]), src)
        self.add_line('   :graphviz_dot: %s' % (opt.get('engine') or 'dot'),
                      src)
        if opt.get('index'):
            self.add_line('   :index: ', src)
        self.add_line('', src)

    def _table_name(self):
        name = '.'.join(self.objpath) or self.name
        return "%s'" % name if name.endswith('s') else "%s's" % name

    def _add_table(self, title, rows, src):
        if not rows:
            return
        self.add_line('.. csv-table:: **%s %s**' % (self._table_name(),
                                                     title), src)
        self.add_line('', src)
        for role, node_id, link, text in rows:
            self.add_line('   %s, %s' % (_csv(':%s:`%s <%s>`' % (
                role, _role_id(node_id), link)), _csv(text)), src)
        self.add_line('', src)

    def _rows(self, kind):
        from ...utils.des import search_node_description
        dsp, rows = self.object, []
        dsp = getattr(dsp, 'dsp', dsp)  # SubDispatch* wrap a dispatcher.
        for node_id, attr in sorted(dsp.nodes.items(), key=lambda x: str(
                x[0])):
            fun = attr.get('function')
            if kind == 'data':
                if attr['type'] != 'data':
                    continue
            elif attr['type'] == 'data' or (kind == 'dsp') != _is_model(fun):
                continue
            des, link = search_node_description(node_id, attr, dsp)
            rows.append(('obj' if kind == 'data' else 'func', node_id, link,
                         des))
        return rows

    def generate(self, more_content=None, real_modname=None,
                 check_module=False, all_members=False):
        no_opts = not any(self.options.values())
        if not (more_content and self._import_from_content(more_content)):
            self.code = None
            if not self.parse_name() or not self.import_object():
                return
        src = self.get_sourcename()
        self.add_line('', src)
        if self.code is None:
            self.add_directive_header(self.format_signature())
        self.add_line('', src)
        if self.options.code and more_content:
            self._add_code(more_content, src)
        if no_opts or self.options.description or self.options.des:
            self._add_description(src)
        self._add_map(src)
        for kind, title in (('data', 'data'), ('func', 'functions'),
                            ('dsp', 'dispatchers')):
            if no_opts or self.options.get(kind):
                self._add_table(title, self._rows(kind), src)


class DispatcherDirective(AutodocDirective):
    """
    The ``dispatcher`` and ``autodispatcher`` directives: both run the
    :class:`DispatcherDocumenter` (``dispatcher`` is meant for content).
    """
    def run(self):
        reporter = self.state.document.reporter
        try:
            options = process_documenter_options(
                DispatcherDocumenter, self.config, self.options
            )
        except (KeyError, ValueError, TypeError) as ex:
            logger.error('An option to %s is either unknown or has an invalid '
                         'value: %s', self.name, ex,
                         location=(self.env.current_document.docname,
                                   self.lineno))
            return []
        bridge = DocumenterBridge(self.env, reporter, options, self.lineno,
                                  self.state)
        documenter = DispatcherDocumenter(bridge, self.arguments[0])
        documenter.generate(more_content=self.content)
        if not bridge.result:
            return []
        for fn in bridge.record_dependencies:
            self.state.document.settings.record_dependencies.add(fn)
        return parse_generated_content(self.state, bridge.result, documenter)


def _autodoc_directives(app):
    """Registers autodoc's directives unless registered already."""
    if not is_directive_registered('automodule'):
        from sphinx.ext import autodoc
        autodoc._register_directives(app, app.config)


def _setup_autodoc(app):
    """
    Sets ``sphinx.ext.autodoc`` up. Sphinx 9's autodoc registers its
    directives (``automodule``, ...) at 'config-inited': when this extension
    loads autodoc on an application past that point (its ``setup`` called
    on a ready application, or from a 'config-inited' handler), they are
    registered here instead, once.
    """
    if 'sphinx.ext.autodoc' in app.extensions:
        return
    app.setup_extension('sphinx.ext.autodoc')
    if hasattr(app, 'builder'):  # A ready application.
        _autodoc_directives(app)
    else:  # A no-op when autodoc's own 'config-inited' handler ran.
        app.connect('builder-inited', _autodoc_directives)


def setup(app):
    """Registers the documenter, its directives and ``dispatchers_out_dir``."""
    _setup_autodoc(app)
    app.add_autodocumenter(DispatcherDocumenter)
    app.add_directive('autodispatcher', DispatcherDirective, override=True)
    app.add_directive('dispatcher', DispatcherDirective)
    app.add_config_value('dispatchers_out_dir', '_build/_dispatchers', 'html')
    return {'parallel_read_safe': True}
