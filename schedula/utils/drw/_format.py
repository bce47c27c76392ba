# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""
Text helpers of the drawing: value formatting, HTML escaping, file names and
relative links.
"""
import re
import html
import pprint
import inspect
import functools
import datetime
import posixpath

from .._helpers import parent_func

_UNSAFE = re.compile(r'[^A-Za-z0-9\-_.() ]')


def format_value(value):
    """
    Returns the text shown for a value in a table cell or a value page.

    Functions show their source code (when available), dates, times and
    durations their ``str``, strings themselves, anything else its compact
    ``pprint`` form (width 200).

    Example::

        >>> import datetime
        >>> format_value('a b'), format_value(datetime.timedelta(seconds=1))
        ('a b', '0:00:01')
        >>> format_value({'b': 1, 'a': [1, 2]})
        "{'a': [1, 2], 'b': 1}"
        >>> def f(x):
        ...     return x
        >>> print(format_value(f))
        def f(x):
            return x
        <BLANKLINE>
    """
    if isinstance(value, str):
        return value
    if isinstance(value, (datetime.date, datetime.time, datetime.timedelta)):
        return str(value)
    func = parent_func(value)
    if inspect.isfunction(func) or inspect.ismethod(func):
        source = _source(func)
        if source is not None:
            return source
    try:
        return pprint.pformat(value, compact=True, width=200)
    except Exception as ex:  # A broken __repr__ must not stop a plot.
        return '<%s object (repr failed: %r)>' % (type(value).__name__, ex)


@functools.lru_cache(maxsize=1024)
def _source(func):
    try:
        return inspect.getsource(func)
    except (OSError, TypeError):
        return None


def is_small(text, max_lines, max_width):
    """
    Returns whether `text` fits in a table cell.

    Example::

        >>> is_small('a\\nb', 5, 200), is_small('a' * 201, 5, 200)
        (True, False)
    """
    lines = text.splitlines() or ['']
    return len(lines) <= max_lines and max(map(len, lines)) <= max_width


def html_text(text):
    """
    Returns `text` escaped for a graphviz HTML-like label: new lines become
    ``<BR/>`` and the indentation of the lines after the first is kept
    (graphviz would drop leading blanks).

    Example::

        >>> html_text("it's <b>\\n  {% x %}")
        'it&#x27;s &lt;b&gt;<BR/>&#160;&#160;{% x %}'
    """
    text = html.escape(str(text))
    if '\n' in text:
        lines = text.splitlines()
        text = '<BR/>'.join(lines[:1] + [_indent(line) for line in lines[1:]])
    return text


def _indent(line):
    stripped = line.lstrip(' ')
    return '&#160;' * (len(line) - len(stripped)) + stripped


def valid_filename(name):
    """
    Returns a file-safe version of `name`: only ASCII letters, digits and
    ``-_.() `` are kept, then spaces become ``_``.

    Example::

        >>> valid_filename('has space/and:chars'), valid_filename('<lambda>')
        ('has_spaceandchars', 'lambda')
    """
    return _UNSAFE.sub('', str(name)).replace(' ', '_')


class UniqueNames:
    """
    Hands out file names unique in one directory: `name` + `ext`, then
    ``name-0`` + `ext`, ``name-1`` + `ext`, ...

    Example::

        >>> names = UniqueNames({'a.html'})
        >>> names('a', '.html'), names('a', '.html'), names('b', '.html')
        ('a-0.html', 'a-1.html', 'b.html')
    """

    def __init__(self, used=()):
        self.used = set(used)
        self._next = {}  # {name + ext: next suffix to try}

    def __call__(self, name, ext):
        filename = name + ext
        if filename in self.used:
            i = self._next.get(filename, 0)
            while '%s-%d%s' % (name, i, ext) in self.used:
                i += 1
            self._next[filename] = i + 1
            filename = '%s-%d%s' % (name, i, ext)
        self.used.add(filename)
        return filename


def relative_link(target, page):
    """
    Returns the link to the path `target` from the page at the path `page`
    (both relative to the site root), starting with ``./``.

    Example::

        >>> relative_link('main/S.html', 'main.html')
        './main/S.html'
        >>> relative_link('Dsp.html', 'Dsp/S.html')
        './../Dsp.html'
    """
    start = posixpath.dirname(page) or '.'
    return './' + posixpath.relpath(target, start)
