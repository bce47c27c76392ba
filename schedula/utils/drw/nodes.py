# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""
Nodes and edges of a drawing: their HTML-like labels, styles and links.

A :class:`FolderNode` reads which rows to show from a small attribute
specification language (``node_data``, ``node_function``, ``edge_data``):
each entry is ``[prefix]name[|alt]``, where the prefix says how the values
are shown (see :class:`FolderNode`).
"""
import re
import datetime
import functools

import graphviz

from ..cst import START, END, EMPTY, SINK, SELF, PLOT, NONE
from .._helpers import parent_func, _is
from .._explain import has_errors
from ._format import format_value, html_text, is_small, relative_link
from ._styles import merge_styles, DEFAULT_STYLES

__all__ = ['FolderNode', '_DspPlot', '_Table', '_Tr', '_Td']

_SPECIAL_IDS = (START, END, EMPTY, SINK, SELF, PLOT)
_ENTRY = re.compile(r'^([.*+!]?)((?>[\w ]+))(?:\|((?>[\w ]+)))?$')


class _DspPlot(graphviz.Digraph):
    """
    A graphviz ``Digraph`` that knows the :class:`SiteMap` it belongs to.

    Example::

        >>> _DspPlot('map').sitemap is None
        True
    """

    def __init__(self, *args, sitemap=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.sitemap = sitemap


class _Td:
    """
    A cell of a graphviz HTML-like table.

    Example::

        >>> str(_Td('a<b', href='./x.html', align='LEFT', border='1'))
        '<TD align="LEFT" border="1" href="./x.html">a&lt;b</TD>'
    """

    def __init__(self, text, href=None, **attrs):
        self.text, self.attrs = text, attrs
        if href is not None:
            self.attrs['href'] = href
        if '\n' in str(text) and 'align' in attrs:
            self.attrs['balign'] = attrs['align']  # Of every line.

    def __str__(self):
        attrs = ''.join(' %s="%s"' % (k, html_text(v))
                        for k, v in self.attrs.items())
        return '<TD%s>%s</TD>' % (attrs, html_text(self.text))


class _Tr(list):
    """A row of :class:`_Td` cells."""

    def __str__(self):
        return '<TR>%s</TR>' % ''.join(map(str, self))


class _Table(list):
    """
    A graphviz HTML-like table of :class:`_Tr` rows, as a label (``<…>``).

    Example::

        >>> str(_Table([_Tr([_Td('t', border='0', colspan='2')])]))
        '<<TABLE border="0" cellspacing="0"><TR><TD border="0" colspan="2">t</TD></TR></TABLE>>'
    """

    def __str__(self):
        return '<<TABLE border="0" cellspacing="0">%s</TABLE>>' % ''.join(
            map(str, self))


@functools.lru_cache(maxsize=256)
def _parse_entry(entry):
    if entry in ('-', '?'):
        return entry, None, None
    match = _ENTRY.match(entry)
    if not match:
        raise ValueError('Invalid attribute specification %r: expected '
                         '"[prefix]name[|alt]" with prefix one of ". * + !", '
                         'or "-" or "?".' % (entry,))
    return match.groups()


class _RemoteLink:
    # A cell linking a node of another folder (remote links of sub-models).
    def __init__(self, folder, node_id, text):
        self.folder, self.node_id, self.text = folder, node_id, text

    def href(self, context, page):
        path = context.get((self.folder, None))
        if path is None:
            return None
        index = self.folder.dsp.nodes[self.node_id]['index'][-1]
        return '%s?id=%s' % (relative_link(path, page), index)


class FolderNode:
    """
    A node (or an edge) of a :class:`~schedula.utils.drw.SiteFolder`: its
    label, style and linked values.

    Attribute specification entries (``node_data``, ``node_function``,
    ``edge_data``) are ``[prefix]name[|alt]``; in workflow mode `alt` is used
    when the node has a getter or an attribute of that name. A name resolves
    to a getter, the method ``_<name>`` yielding ``(key, value)`` pairs, or
    else to the node attribute of that name. Prefixes: none = table rows,
    ``+`` = rows linking to a page of the value (or a sub-folder), ``!`` =
    inline rows when small else links, ``.`` = graphviz attributes, ``*`` =
    the title links to the value's page; ``-`` alone is the title row, ``?``
    the title row when there are other rows.

    Example::

        >>> import schedula as sh
        >>> from schedula.utils.drw import SiteFolder
        >>> d = sh.Dispatcher(name='d')
        >>> d.add_data('a', 1)
        'a'
        >>> d.add_data('b', 'x' * 300)  # Too big for a cell: own page.
        'b'
        >>> folder = SiteFolder(d, d, d.dmap, d)
        >>> a, b = folder.node('a'), folder.node('b')
        >>> a.title, a.state, list(a.items()), [k for k, _ in b.items()]
        ('a', 'info', [], ['default'])
        >>> print(a.dot_attrs({}, 'd.html')['label'])
        <<TABLE border="0" cellspacing="0"><TR><TD border="0" colspan="2">a</TD></TR><TR><TD align="RIGHT" border="1">default</TD><TD align="LEFT" border="1">1</TD></TR></TABLE>>
    """
    node_data = (
        '-', '.tooltip', '!default_values', 'wait_inputs', 'await_result',
        '+function|solution', 'weight', 'remote_links',
        '+filters|solution_filters', 'distance', '!error', '*output'
    )
    node_function = (
        '-', '.tooltip', 'await_domain', 'await_result',
        '+input_domain|solution_domain', 'weight', '+filters|solution_filters',
        'missing_inputs_outputs', 'distance', 'started', 'duration', '!error',
        '*function|solution'
    )
    edge_data = ('?', '+wildcard', 'inp_id', 'out_id', 'weight')
    node_styles = DEFAULT_STYLES
    max_lines = 5
    max_width = 200

    def __init__(self, folder, node_id, attr, **options):
        self.folder, self.node_id, self.attr = folder, node_id, attr
        self.dot_id = None  # Set by the folder.
        self.links = {}  # {attribute key: page or sub-folder}
        if 'node_styles' in options:
            options['node_styles'] = merge_styles(options['node_styles'])
        for k, v in options.items():
            setattr(self, k, v)
        self.type = attr.get('type', 'edge')
        if self.type == 'edge':
            u, v = node_id
            self.title = attr.get('wildcard', '%s --> %s' % (u, v))
            entries = self.edge_data
        else:
            self.title = str(node_id)
            entries = self.node_data if self.type == 'data' else \
                self.node_function
        self.title = str(attr.get('title', self.title))
        self.entries = [self._resolve(_parse_entry(e)) for e in entries]

    def __repr__(self):
        return self.title

    def _resolve(self, parsed):
        prefix, name, alt = parsed
        if alt and self.folder.workflow and self._has(alt):
            name = alt
        return prefix, name

    def _has(self, name):
        return callable(getattr(self, '_' + name, None)) or name in self.attr

    def _values(self, name):
        getter = getattr(self, '_' + name, None)
        if callable(getter):
            return list(getter())
        if name in self.attr:
            return [(name, self.attr[name])]
        return []

    # ---------------------------------------------------------------- state
    @property
    def kind(self):
        """Style kind: special id, ``data``, ``edge`` or a function kind."""
        if self.type == 'edge':
            return 'edge'
        if self.node_id in _SPECIAL_IDS:
            return self.node_id
        if self.type == 'data':
            return 'data'
        func = parent_func(self.attr.get('function'))
        name = type(func).__name__.lower()
        styles = self.node_styles['info'][NONE]
        return name if name in styles else 'function'

    @property
    def state(self):
        """
        ``error``, ``failed_inside`` (a sub-dispatcher or ``SubDispatch*``
        whose solution recorded errors), ``warning`` (missing inputs or
        outputs) or ``info``.
        """
        if 'error' in self.attr:
            return 'error'
        inner = self.attr.get('solution')
        if self.type != 'data' and _is(inner, '_is_solution') and \
                has_errors(inner):
            return 'failed_inside'
        if self.type != 'edge' and any(self._missing_inputs_outputs()):
            return 'warning'
        return 'info'

    def style(self):
        """The graphviz attributes of the node's kind and state."""
        kind, styles = self.kind, self.node_styles[self.state]
        if kind in _SPECIAL_IDS:
            return dict(styles.get(kind, {}))
        return dict(styles[NONE].get(kind, {}))

    # -------------------------------------------------------------- linking
    def _is_link(self, prefix, value):
        return prefix in ('*', '+') or prefix == '!' and not is_small(
            format_value(value), self.max_lines, self.max_width)

    def items(self):
        """
        Yields the ``(key, value)`` pairs that get their own page (or
        sub-folder): ``*`` and ``+`` entries, and big ``!`` values.
        """
        for prefix, name in self.entries:
            if prefix and prefix in '*+!':
                for key, value in self._values(name):
                    if self._is_link(prefix, value):
                        yield key, value

    def _href(self, key, context, page):
        target = self.links.get(key)
        path = context.get((target, None)) if target is not None else None
        return None if path is None else relative_link(path, page)

    # ---------------------------------------------------------------- label
    def dot_attrs(self, context, page):
        """
        Returns the graphviz attributes (all ``str``) of the node or edge on
        the page at the path `page` of the site `context` (``{(page object,
        extra): path}``).
        """
        attrs = self.style()
        rows, title, title_href = [], None, None
        for prefix, name in self.entries:
            if prefix in ('-', '?'):
                title = prefix, len(rows)
                continue
            for key, value in self._values(name):
                if prefix == '.':
                    attrs[key] = value
                elif prefix == '*':
                    title_href = self._href(key, context, page)
                elif self._is_link(prefix, value):
                    rows.append(self._link_row(key, context, page))
                else:
                    rows.append(self._row(key, value, context, page))
        if 'label' not in attrs:
            table = _Table(rows)
            if title and (title[0] == '-' or rows):
                cell = _Td(self.title, title_href, border='0', colspan='2')
                table.insert(title[1], _Tr([cell]))
            if table:
                key = self.attr.get('label_type', 'xlabel' if self.type ==
                                    'edge' else 'label')
                attrs[key] = str(table)
        attrs.update(self.attr.get('graphviz', {}))
        return {k: str(v) for k, v in attrs.items()}

    def _row(self, key, value, context, page):
        href = None
        if isinstance(value, _RemoteLink):
            href, value = value.href(context, page), value.text
        else:
            value = format_value(value)
        return _Tr([_Td(key, align='RIGHT', border='1'),
                    _Td(value, href, align='LEFT', border='1')])

    def _link_row(self, key, context, page):
        target = self.links.get(key)
        text = getattr(target, 'title', key)
        return _Tr([_Td(key, align='RIGHT', border='1'),
                    _Td(text, self._href(key, context, page), align='LEFT',
                        border='1')])

    # -------------------------------------------------------------- getters
    def _tooltip(self):
        yield 'tooltip', self.folder.description(self).replace('"', "'")

    def _default_values(self):
        defaults = self.folder.dsp.default_values
        if self.type == 'data' and self.node_id in defaults:
            default = defaults[self.node_id]
            yield 'default', default['value']
            if default.get('initial_dist'):
                yield 'initial_dist', default['initial_dist']

    def _wait_inputs(self):
        if self.type == 'data' and self.attr.get('wait_inputs'):
            yield 'wait_inputs', True

    def _filters(self):
        for i, func in enumerate(self.attr.get('filters') or ()):
            yield 'filter %d' % i, func

    def _solution_filters(self):
        steps = self.attr.get('solution_filters') or ()
        for i in range(len(steps) - 1):
            yield 'input_filter %d' % i, steps[i]
            yield 'output_filter %d' % i, steps[i + 1]

    def _remote_links(self):
        if self.type == 'data':
            yield from self.folder.remote_links(self.node_id)

    def _output(self):
        sol = self.folder.solution
        if sol is not None and self.node_id not in (START, SINK, SELF, END) \
                and self.node_id in sol:
            yield 'output', sol[self.node_id]

    def _distance(self):
        sol = self.folder.solution
        dist = getattr(sol, 'dist', {})
        if self.type != 'edge' and self.node_id in dist:
            yield 'distance', dist[self.node_id]
        elif 'distance' in self.attr:
            yield 'distance', self.attr['distance']

    def _started(self):
        started = self.attr.get('started')
        if isinstance(started, float):
            started = datetime.datetime.fromtimestamp(started).isoformat()
        if started is not None:
            yield 'started', started

    def _duration(self):
        duration = self.attr.get('duration')
        if isinstance(duration, (float, int)):
            duration = datetime.timedelta(seconds=duration)
        if duration is not None:
            yield 'duration', duration

    def _weight(self):
        if 'weight' not in self.attr:
            return
        weight = self.attr['weight']
        if self.type == 'edge':
            into_dsp = self.folder.node_type(self.node_id[1]) == 'dispatcher'
            if weight == 1 and not into_dsp or weight == 0 and into_dsp:
                return
        yield 'weight', weight

    def _missing_inputs_outputs(self):
        if self.type == 'edge' or not self.attr.get('wait_inputs'):
            return
        if self.type == 'data':
            return
        graph = self.folder.graph
        pred = graph._pred.get(self.node_id, {})
        succ = graph._succ.get(self.node_id, {})
        missing = tuple(k for k in self.attr.get('inputs', ()) if k not in
                        pred)
        if missing:
            yield 'M_inputs', missing
        missing = tuple(k for k in self.attr.get('outputs', ()) if k not in
                        succ)
        if missing:
            yield 'M_outputs', missing

    def _wildcard(self):
        if self.type == 'edge' and self.folder.workflow and \
                'wildcard' in self.attr:
            yield 'wildcard', self.attr.get('value')
