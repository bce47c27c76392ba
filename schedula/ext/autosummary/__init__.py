# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""
Sphinx's autosummary with stub pages that know schedula's dispatchers.

Add ``'schedula.ext.autosummary'`` to the ``extensions`` of ``conf.py``
(with ``'schedula.ext.dispatcher'`` to document the dispatchers). It sets up
``sphinx.ext.autosummary`` and replaces its stub generator: for every
``autosummary`` directive with a ``:toctree:``, a stub page is written for
each listed object **that has no page yet** (existing pages are never
overwritten), then the new pages are searched in turn (recursion).

A stub is rendered from the first template found among
``autosummary/<objtype>.rst`` and ``autosummary/base.rst``, looked up in the
project's ``templates_path`` first, then in this package's templates, then in
Sphinx's. The object types are ``module``, ``class``, ``exception``,
``function``, ``method``, ``attribute``, ``data`` and ``dispatcher`` (a
:class:`~schedula.dispatcher.Dispatcher`, a ``SubDispatch*`` or a
:class:`~schedula.utils.blue.Blueprint`).

Template namespace: ``fullname``, ``module``, ``objname``, ``name``,
``objtype``, ``underline`` (``=`` as long as the full name) and ``class``
(of methods and attributes); for modules ``members``, ``functions``,
``classes``, ``exceptions`` (defined in the module), ``data`` (a
comma-separated string, for ``:members:``) and ``dispatchers`` (imported
ones too), each also as ``all_<kind>`` with the private names; for classes
``members``, ``methods`` (with ``__init__``) and ``attributes``, also as
``all_<kind>``.

Configuration: ``autosummary_skip_members`` (default ``[]``), full dotted
names of objects to hide: they are left out of those lists, of the tables
of the ``autosummary`` directives and of the stub pages.
"""
import inspect
import os
import os.path as osp

from sphinx.ext import autosummary as sphinx_autosummary
from sphinx.ext.autosummary import generate as sphinx_generate
from sphinx.util import logging, rst
from sphinx.util.template import SphinxTemplateLoader

__all__ = ['Autosummary', 'generate_stubs', 'objtype_of', 'get_members',
           'setup']

logger = logging.getLogger(__name__)

TEMPLATES = osp.join(osp.dirname(osp.abspath(__file__)), 'templates')


def _is_model(obj):
    from ...utils.blue import Blueprint
    from ...utils.dsp import SubDispatch
    from ...dispatcher import Dispatcher
    return isinstance(obj, (Dispatcher, SubDispatch, Blueprint))


def objtype_of(obj, parent=None):
    """
    Returns the autosummary object type of `obj` (an attribute of `parent`).

    Example::

        >>> import schedula as sh, schedula.utils.dsp as mod
        >>> objtype_of(mod), objtype_of(sh.Dispatcher()), objtype_of(sh.stlp)
        ('module', 'dispatcher', 'function')
        >>> objtype_of(sh.Dispatcher), objtype_of(sh.DispatcherError)
        ('class', 'exception')
        >>> objtype_of(sh.Dispatcher.add_data, sh.Dispatcher)
        'method'
        >>> objtype_of(sh.Dispatcher.data_nodes, sh.Dispatcher), objtype_of(1)
        ('attribute', 'data')
    """
    if inspect.ismodule(obj):
        return 'module'
    if _is_model(obj):
        return 'dispatcher'
    if inspect.isclass(obj):
        return 'exception' if issubclass(obj, BaseException) else 'class'
    if inspect.isclass(parent):
        return 'method' if inspect.isroutine(obj) else 'attribute'
    if inspect.isroutine(obj):
        return 'function'
    return 'data'


def _is_skipped(fullname, name, skip, allowed=()):
    return fullname in skip or (name.startswith('_') and name not in allowed)


def _owner(cls, name):
    """The class of the MRO of `cls` that defines `name`."""
    return next((c for c in cls.__mro__ if name in vars(c)), cls)


def _package(obj):
    return (getattr(obj, '__module__', None) or '').split('.')[0]


def get_members(obj, types, skip=(), imported=True, allowed=()):
    """
    Returns the public and all member names of `obj` of the given types.

    :param obj:
        A module or a class.
    :param types:
        Object types (see :func:`objtype_of`) to keep.
    :type types: set[str]
    :param skip:
        Full dotted names to leave out.
    :param imported:
        Keep members defined in other modules? (Members of a class are kept
        when the class or a base of the same package defines them: what comes
        from ``object``, builtins or other libraries is left out.)
    :param allowed:
        Private names that count as public (e.g. ``__init__``).

    :return:
        Public names and all names, sorted.
    :rtype: (list[str], list[str])

    Example::

        >>> import schedula.utils.exc as mod
        >>> get_members(mod, {'exception'}, imported=False)[0]
        ['DispatcherAbort', 'DispatcherError', 'ExecutorShutdown', 'SkipNode']
        >>> public, every = get_members(mod.DispatcherError, {'method'},
        ...                             allowed=('__init__',))
        >>> public
        ['__init__', 'update']
        >>> every
        ['__init__', '__reduce__', '__str__', 'update']
    """
    public, items = [], []
    is_class = inspect.isclass(obj)
    prefix = '%s.%s' % (obj.__module__, obj.__qualname__) if is_class \
        else obj.__name__
    for name in sorted(dir(obj)):
        try:
            value = getattr(obj, name)
        except Exception:
            continue
        if objtype_of(value, obj) not in types:
            continue
        if is_class:
            if _package(_owner(obj, name)) != _package(obj):
                continue
        elif not imported and getattr(value, '__module__', prefix) != prefix:
            continue
        items.append(name)
        if not _is_skipped('%s.%s' % (prefix, name), name, skip, allowed):
            public.append(name)
    return public, items


def _namespace(name, obj, parent, modname, objtype, skip):
    """The template namespace of one stub page."""
    objname = name[len(modname) + 1:] if name.startswith(modname + '.') \
        else name
    ns = {'fullname': name, 'module': modname, 'objname': objname,
          'name': objname.split('.')[-1], 'objtype': objtype,
          'underline': '=' * len(name)}
    if objtype == 'module':
        ns['members'] = dir(obj)
        # Members that the module's docstring already lists get their pages
        # there: listing them again would document them twice.
        listed = {e.name for e in sphinx_generate.find_autosummary_in_lines(
            (obj.__doc__ or '').splitlines(), module=name)}
        skip = set(skip).union(listed)
        for key, types, imported in (
                ('functions', {'function'}, False),
                ('classes', {'class'}, False),
                ('exceptions', {'exception'}, False),
                ('data', {'data'}, True),
                ('dispatchers', {'dispatcher'}, True)):
            ns[key], ns['all_' + key] = get_members(obj, types, skip, imported)
        ns['data'] = ', '.join(ns['data'])
        ns['all_data'] = ', '.join(ns['all_data'])
    elif objtype in ('class', 'exception'):
        ns['members'] = dir(obj)
        ns['methods'], ns['all_methods'] = get_members(
            obj, {'method'}, skip, allowed=('__init__',))
        ns['attributes'], ns['all_attributes'] = get_members(
            obj, {'attribute'}, skip)
    if objtype in ('method', 'attribute'):
        ns['class'] = objname.split('.')[0]
    return ns


class _Renderer:
    """Templates: the project's first, then ours, then Sphinx's."""

    def __init__(self, app):
        from jinja2.sandbox import SandboxedEnvironment
        system = [TEMPLATES, osp.join(osp.dirname(sphinx_autosummary.__file__),
                                      'templates')]
        loader = SphinxTemplateLoader(app.srcdir, app.config.templates_path,
                                      system)
        self.env = SandboxedEnvironment(loader=loader,
                                        keep_trailing_newline=True)
        self.env.filters['escape'] = self.env.filters['e'] = rst.escape
        self.env.filters['underline'] = sphinx_generate._underline

    def render(self, objtype, ns, template=''):
        names = [template] if template else []
        names += ['autosummary/%s.rst' % objtype, 'autosummary/base.rst']
        return self.env.select_template(names).render(ns)


def generate_stubs(app, sources, renderer=None):
    """
    Writes the missing stub pages of the autosummary directives in
    `sources` (and, recursively, in the new pages).

    :return:
        The new pages.
    :rtype: list[str]
    """
    renderer = renderer or _Renderer(app)
    skip = set(app.config.autosummary_skip_members)
    suffix = sphinx_autosummary.get_rst_suffix(app) or '.rst'
    new_files = []
    entries = sphinx_generate.find_autosummary_in_files(sources)
    for entry in sorted(set(entries), key=str):
        if entry.path is None or entry.name in skip:
            continue
        path = osp.join(osp.abspath(entry.path), entry.name + suffix)
        if osp.isfile(path):
            continue
        try:
            name, obj, parent, modname = sphinx_autosummary.import_by_name(
                entry.name)
        except (ImportError, sphinx_autosummary.ImportExceptionGroup) as ex:
            logger.warning('[autosummary] failed to import %s: %s',
                           entry.name, ex)
            continue
        objtype = objtype_of(obj, parent)
        ns = _namespace(name, obj, parent, modname, objtype, skip)
        ns.update(app.config.autosummary_context)
        os.makedirs(osp.dirname(path), exist_ok=True)
        with open(path, 'w', encoding='utf-8') as f:
            f.write(renderer.render(objtype, ns, entry.template))
        new_files.append(path)
    if new_files:
        new_files += generate_stubs(app, new_files, renderer)
    return new_files


class Autosummary(sphinx_autosummary.Autosummary):
    """The ``autosummary`` directive, without `autosummary_skip_members`."""

    def get_items(self, names):
        skip = set(self.config.autosummary_skip_members)
        return [item for item in super().get_items(names)
                if item[3] not in skip]


def process_generate_options(app):
    """``builder-inited``: generates the stubs of the project's documents."""
    genfiles = app.config.autosummary_generate
    if genfiles is True:
        genfiles = [str(app.env.doc2path(d)) for d in app.env.found_docs]
    elif genfiles:
        genfiles = [str(app.srcdir / f) for f in genfiles]
    if genfiles:
        generate_stubs(app, [f for f in genfiles if osp.isfile(f)])


def setup(app):
    """Sets up autosummary with this stub generator."""
    app.setup_extension('sphinx.ext.autosummary')
    app.disconnect(next(
        listener.id for listener in app.events.listeners['builder-inited']
        if listener.handler is sphinx_autosummary.process_generate_options
    ))
    app.connect('builder-inited', process_generate_options)
    app.add_directive('autosummary', Autosummary, override=True)
    app.add_config_value('autosummary_skip_members', [], 'html')
    return {'parallel_read_safe': True}
