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
import datetime
import posixpath

from ..dsp import parent_func

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
        try:
            return inspect.getsource(func)
        except (OSError, TypeError):
            pass
    try:
        return pprint.pformat(value, compact=True, width=200)
    except Exception as ex:  # A broken __repr__ must not stop a plot.
        return '<%s object (repr failed: %r)>' % (type(value).__name__, ex)


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
    Returns `text` escaped for a graphviz HTML-like label (new lines become
    ``<BR/>``).

    Example::

        >>> html_text("it's <b>\\n{% x %}")
        'it&#x27;s &lt;b&gt;<BR/>{% x %}'
    """
    text = html.escape(str(text))
    if '\n' in text:
        text = '<BR/>'.join(text.splitlines())
    return text


def valid_filename(name):
    """
    Returns a file-safe version of `name`: only ASCII letters, digits and
    ``-_.() `` are kept, then spaces become ``_``.

    Example::

        >>> valid_filename('has space/and:chars'), valid_filename('<lambda>')
        ('has_spaceandchars', 'lambda')
    """
    return _UNSAFE.sub('', str(name)).replace(' ', '_')


def unique_name(name, ext, used):
    """
    Returns `name` + `ext`, or the first free ``name-<i>`` + `ext`, and marks
    it as used.

    Example::

        >>> used = {'a.html'}
        >>> unique_name('a', '.html', used), unique_name('a', '.html', used)
        ('a-0.html', 'a-1.html')
    """
    filename, i = name + ext, 0
    while filename in used:
        filename, i = '%s-%d%s' % (name, i, ext), i + 1
    used.add(filename)
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
