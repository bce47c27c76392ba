# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""
The HTML pages of a site: Jinja2 templates and static assets shipped as
package data (read through :mod:`importlib.resources`), and the syntax
highlighting of value pages.
"""
import functools
import importlib.resources

__all__ = ['render_page', 'render_template', 'highlight', 'code_page',
           'asset_files']

_PACKAGE = 'schedula.utils.drw'


def _resource(*parts):
    return importlib.resources.files(_PACKAGE).joinpath(*parts)


@functools.lru_cache()
def _environment():
    import jinja2
    return jinja2.Environment(
        loader=jinja2.PackageLoader(_PACKAGE, 'templates'), autoescape=True,
        keep_trailing_newline=True)


def render_template(name, **context):
    """
    Returns the template `name` (of the package folder ``templates``)
    rendered with `context`.
    """
    return _environment().get_template(name).render(**context)


def render_page(title, content, kind='graph', fit=False):
    """
    Returns a self-contained HTML page (``templates/render.html``) holding
    `content` (an SVG graph or highlighted code; trusted HTML); with `fit`
    a graph starts fitted to the window width.

    Example::

        >>> html = render_page('main', '<svg id="graph0"></svg>')
        >>> '<title>main</title>' in html, '<svg id="graph0"></svg>' in html
        (True, True)
    """
    from markupsafe import Markup
    return render_template('render.html', title=title, kind=kind, fit=fit,
                           content=Markup(content))


@functools.lru_cache(maxsize=256)
def code_page(title, text):
    """
    Returns the value page (the same for equal values: cached) showing
    `text` highlighted.

    Example::

        >>> 'def' in code_page('f', 'def f(): pass')
        True
    """
    return render_page(title, highlight(text), kind='code')


@functools.lru_cache(maxsize=256)
def highlight(text):
    """
    Returns `text` highlighted as Python with inline styles (Pygments).

    Example::

        >>> 'style="' in highlight('x = 1'), '<pre' in highlight('x = 1')
        (True, True)
    """
    from pygments import highlight as _highlight
    from pygments.lexers import PythonLexer
    from pygments.formatters import HtmlFormatter
    return _highlight(text, PythonLexer(), HtmlFormatter(
        noclasses=True, nobackground=True))


def asset_files(*folders):
    """
    Returns ``{relative path: source path}`` of the files in the package
    folders `folders` (e.g. ``index/css``).

    Example::

        >>> sorted(asset_files('index/css'))
        ['css/index.css']
    """
    return dict(_asset_files(folders))


@functools.lru_cache()
def _asset_files(folders):
    files = {}
    for folder in folders:
        root = _resource(*folder.split('/'))
        for entry in sorted(root.iterdir(), key=lambda e: e.name):
            if entry.is_file():
                rel = '%s/%s' % (folder.split('/', 1)[-1], entry.name)
                files[rel] = entry
    return files
