# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""
:class:`SiteFolder`: one graph page of a site (a dispatcher's dmap or a
solution's workflow) and its DOT source.
"""
import copy
import logging

from ..cst import START, END, EMPTY, SINK
from .._helpers import stlp, parent_func, _is
from .nodes import FolderNode, _DspPlot, _RemoteLink
from ._styles import merge_styles

__all__ = ['SiteFolder']

log = logging.getLogger('schedula.utils.drw')


def _inputs(item):
    obj = getattr(item, 'parent', item) if _is_solution(item) else item
    return tuple(getattr(obj, 'inputs', None) or ())


def _outputs(item):
    obj = getattr(item, 'parent', item) if _is_solution(item) else item
    if _is(obj, '_is_sub_dispatch') and obj.output_type != 'all':
        return tuple(obj.outputs or ())
    return ()


def _is_solution(obj):
    return _is(obj, '_is_solution')


def _declared_wildcards(func):
    # The inputs of a SubDispatchFunction/Pipe that are also its outputs.
    if not getattr(func, 'wildcard', False) or not _is(
            func, '_is_sub_dispatch'):
        return ()
    inputs, outputs = getattr(func, 'inputs', None), func.outputs
    if not inputs or not outputs:
        return ()
    nodes = func.dsp.nodes
    return {k for k in inputs if k in outputs and k in nodes and
            nodes[k].get('wildcard', True)}


class SiteFolder:
    """
    A graph page: the nodes and edges of `graph` (the dmap of `dsp` or the
    workflow of a solution) drawn with graphviz.

    :param item:
        The plotted object (dispatcher, solution or sub-dispatch wrapper).
    :param dsp:
        Its dispatcher.
    :param graph:
        ``dsp.dmap`` or the solution's ``workflow``.
    :param obj:
        The solution (workflow mode) or the dispatcher (dmap mode).
    :param name:
        Page name (default: the dispatcher's name).
    :param workflow:
        Whether `graph` is a workflow.
    :param digraph:
        Graphviz settings (``name``, ``graph_attr``, ``body``, ...) replacing
        the defaults key by key.
    :param parent:
        The folder linking to this one.
    :param options:
        Options of every :class:`FolderNode` (``node_data``, ...).

    Example::

        >>> import schedula as sh
        >>> d = sh.Dispatcher(name='d')
        >>> d.add_function('f', abs, ['a'], ['b'])
        'f'
        >>> folder = SiteFolder(d, d, d.dmap, d)
        >>> folder, folder.label_name, [n.title for n in folder.nodes]
        (d, 'dmap', ['a', 'b', 'f'])
        >>> [e.title for e in folder.edges]
        ['f --> b', 'a --> f']
    """
    folder_node = FolderNode
    ext = '.html'
    sitemap = None  # The SiteMap holding the folder (set by add_items).
    #: Above this many nodes the default `splines` is graphviz's own, not
    #: `ortho` (whose routing time grows much faster than the graph).
    ortho_max_nodes = 500

    def __init__(self, item, dsp, graph, obj, name='', workflow=False,
                 digraph=None, parent=None, **options):
        self.item, self.dsp, self.graph, self.obj = item, dsp, graph, obj
        if 'node_styles' in options:  # Merged once for all the nodes.
            options['node_styles'] = merge_styles(options['node_styles'])
        self.workflow, self.parent, self.options = workflow, parent, options
        self._name = name
        self._given_digraph = set(digraph or ())
        self.solution = item if _is_solution(item) else (
            obj if _is_solution(obj) else None)
        # A workflow shows the inputs/outputs of the solution it draws (a
        # never-run one has none), not those of the plotted wrapper.
        shown = self.solution if workflow and self.solution is not None \
            else item
        self.inputs, self.outputs = _inputs(shown), _outputs(shown)
        self.digraph = self._digraph(digraph or {})
        self._build()

    @property
    def name(self):
        dsp = self.dsp
        return str(self._name or getattr(dsp, 'name', '') or '%s %d' % (
            type(dsp).__name__, id(dsp)))

    @property
    def title(self):
        return self.name

    @property
    def label_name(self):
        return 'workflow' if self.workflow else 'dmap'

    def __repr__(self):
        return self.title

    def _digraph(self, digraph):
        default = {
            'node_attr': {'style': 'filled'},
            'graph_attr': {'bgcolor': 'transparent'},
            'edge_attr': {},
            'body': {'splines': 'ortho', 'style': 'filled'},
            'format': 'svg'
        }
        default.update(copy.deepcopy(digraph))
        return default

    # ---------------------------------------------------------------- graph
    def _build(self):
        dsp_nodes, graph = self.dsp.nodes, self.graph
        errors = getattr(self.item, '_errors', None) or getattr(
            self.solution, '_errors', None) or {}
        # The inputs/outputs drawn (a workflow may not reach an output).
        inputs = [k for k in self.inputs if k in dsp_nodes and k in graph]
        outputs = [k for k in self.outputs if k in dsp_nodes and k in graph]
        specials = []
        if not dsp_nodes or not (graph._succ and any(
                graph._succ.values())) and not inputs and not outputs:
            specials.append(EMPTY)
        if START in graph._node or inputs:
            specials.append(START)
        if outputs and END not in graph._node:
            specials.append(END)
        # START may be a real node (of a function without inputs): once.
        ids = [k for k in graph._node if k in dsp_nodes and (
            k is not SINK or graph._pred[k] or graph._succ[k]) and
            k not in specials]
        ids.sort(key=str)
        self.nodes, self._nodes = [], {}
        for k in specials + ids:
            attr = dict(dsp_nodes.get(k, {'type': str(k)}))
            attr.update(graph._node.get(k, {}))
            if k in errors:
                attr['error'] = errors[k]
            self._add_node(k, attr)
        self.edges = []
        for (u, v), attr in self._edges(inputs, outputs):
            if u in self._nodes and v in self._nodes:
                self._add_edge(u, v, attr)

    def _add_node(self, node_id, attr):
        node = self.folder_node(self, node_id, attr, **self.options)
        node.dot_id = str(len(self._nodes))
        self.nodes.append(node)
        self._nodes[node_id] = node

    def _add_edge(self, u, v, attr):
        edge = self.folder_node(self, (u, v), attr, **self.options)
        self.edges.append(edge)

    def _edges(self, inputs, outputs):
        # {(u, v): attributes}: each edge once.
        succ = self.graph._succ
        # START -> k, of the graph (no self-loop) or of the inputs.
        fed = {k: a for k, a in succ.get(START, {}).items() if k != START}
        for i, k in enumerate(inputs):
            fed.setdefault(k, {'inp_id': i})
        wildcards = self._wildcards()
        wildcards = [k for k in fed if k in wildcards]
        edges = {(START, k): attr for k, attr in fed.items()
                 if k not in wildcards}
        for w in wildcards:  # START -> w -> v is drawn as START -> v.
            for v in succ.get(w, ()):
                if v is END or v == w:
                    continue
                edge = edges.setdefault((START, v), dict(
                    fed[w], wildcard=w, label_type='label'))
                if edge.get('wildcard', w) != w:  # Fed by several.
                    edge['title'] = '%s, %s' % (
                        edge.get('title', edge['wildcard']), w)
        for u, nbrs in succ.items():
            if u is START:
                continue
            for v, attr in nbrs.items():
                if u != v and not (u in wildcards and v is not END):
                    edges[u, v] = attr
        for i, k in enumerate(outputs):
            edges[k, END] = dict(edges.get((k, END), {}), out_id=i)
        return edges.items()

    def _wildcards(self):
        sol = self.solution if self.workflow else None
        found = set(getattr(sol, '_wildcards', ()) or ())
        func = parent_func(self.item)
        inner = getattr(func, 'solution', None)
        found.update(getattr(inner, '_wildcards', ()) or ())
        if not self.workflow:  # The ones of every call of a wrapper.
            found.update(_declared_wildcards(func))
        return found

    def node(self, node_id):
        """Returns the :class:`FolderNode` of `node_id`."""
        return self._nodes[node_id]

    def node_type(self, node_id):
        """Returns the type of a shown node (``None`` if not shown)."""
        node = self._nodes.get(node_id)
        return node and node.type

    def description(self, node):
        """Returns the tooltip text of a node."""
        from ..des import search_node_description
        node_id = node.node_id
        if node.type != 'edge' and node_id in self.dsp.nodes:
            try:
                text = search_node_description(
                    node_id, self.dsp.nodes[node_id], self.dsp)[0]
            except Exception:  # A broken docstring must not stop a plot.
                text = ''
            if text:
                return text
        return getattr(node_id, '__doc__', None) if node_id in (
            START, SINK) else node.title

    def remote_links(self, node_id):
        """
        Yields the ``remote parent i``/``remote child i`` rows of a data node
        of a sub-dispatcher folder (links to the parent's data nodes).
        """
        parent = self.parent
        node = parent and parent.dsp.nodes.get(self._name)
        if not node or node.get('type') != 'dispatcher':
            return
        i = 0
        for pid, cids in node.get('inputs', {}).items():
            if node_id in stlp(cids):
                yield 'remote parent %d' % i, _RemoteLink(
                    parent, pid, _remote_text(pid))
                i += 1
        if node_id in node.get('outputs', {}):
            pids = node['outputs'][node_id]
            first = stlp(pids)[0]
            yield 'remote child 0', _RemoteLink(
                parent, first, _remote_text(pids))

    # ------------------------------------------------------------------ dot
    def dot(self, context=None, page=None):
        """
        Returns the graphviz ``Digraph`` of the page.

        :param context:
            The site rules ``{(page object, extra): path}`` (links go to the
            pages it contains).
        :param page:
            This page's path (default: its path in `context`).
        """
        return self._dot(context, page)

    def _dot(self, context=None, page=None, ortho=True):
        context = context or {}
        page = page or context.get((self, None), self.name + self.ext)
        opts = self.digraph
        kw = {k: opts[k] for k in ('comment', 'engine', 'encoding')
              if k in opts}
        dot = _DspPlot(name=str(opts.get('name', self.label_name)),
                       graph_attr=_str_dict(opts.get('graph_attr')),
                       node_attr=_str_dict(opts.get('node_attr')),
                       edge_attr=_str_dict(opts.get('edge_attr')),
                       format='svg', sitemap=self.sitemap, **kw)
        body = dict(opts.get('body') or {})
        if len(self.nodes) > self.ortho_max_nodes and \
                'body' not in self._given_digraph:
            body.pop('splines', None)
        if not ortho and body.get('splines') == 'ortho':
            del body['splines']  # Graphviz's own routing instead.
        body.setdefault('label', '<%s>' % self.label_name)
        dot.body.extend('\t%s = %s\n' % (k, _quote(v))
                        for k, v in sorted(body.items()))
        clusters = {}
        for node in self.nodes:
            attrs = node.dot_attrs(context, page)
            attrs['id'] = self._svg_id(node)
            self._cluster(dot, clusters, node).node(node.dot_id, **attrs)
        for sub, _ in clusters.values():
            dot.subgraph(sub)
        nodes = self._nodes
        for edge in self.edges:
            u, v = edge.node_id
            dot.edge(nodes[u].dot_id, nodes[v].dot_id,
                     **edge.dot_attrs(context, page))
        return dot

    @staticmethod
    def _svg_id(node):
        if node.node_id in (START, END, EMPTY):
            return str(node.node_id)
        return str(node.attr.get('index', (node.dot_id,))[-1])

    def _cluster(self, dot, clusters, node):
        spec = node.attr.get('clusters')
        if not spec:
            return dot
        for c in (spec if isinstance(spec, list) else [spec]):
            if isinstance(c, dict):
                label = str(c.get('body', {}).get('label', ''))
                key = label[1:-1] if label.startswith('<') and \
                    label.endswith('>') else label
            else:
                key, c = str(c), {'body': {'label': str(c)}}
            if key not in clusters:
                sub = _DspPlot(name='cluster_%d' % len(clusters))
                cbody = dict(c.get('body', {}))
                sub.body.extend('\t%s = %s\n' % (k, _quote(v))
                                for k, v in sorted(cbody.items()))
                sub.graph_attr.update(_str_dict(c.get('graph_attr')))
                sub.node_attr.update(_str_dict(c.get('node_attr')))
                clusters[key] = sub, c
            dot = clusters[key][0]
        return dot

    # ----------------------------------------------------------------- page
    def svg(self, context=None, page=None):
        """
        Returns the SVG of the page (``None``, logging the error, when
        graphviz fails). A graph that graphviz's orthogonal routing
        (``splines=ortho``) cannot draw is drawn again without it, logging
        a warning.
        """
        dot = self._dot(context, page)
        try:
            return _svg(dot)
        except Exception as ex:
            if 'splines = ortho' not in dot.source:
                log.error('dot could not render %s due to:\n %r',
                          self.name, ex)
                return None
            # Graphviz's orthogonal router aborts on some graphs (maze.c).
            log.warning('dot could not render %s with splines=ortho due '
                        'to:\n %r\nrendered without it.', self.name, ex)
        try:
            return _svg(self._dot(context, page, ortho=False))
        except Exception as ex:
            log.error('dot could not render %s due to:\n %r', self.name, ex)
            return None

    def render(self, context=None, page=None):
        """Returns the HTML page (``None`` when graphviz fails)."""
        svg = self.svg(context, page)
        if svg is None:
            return None
        from ._pages import render_page
        return render_page(self.title, svg, kind='graph')

    def view(self, filepath, context=None, page=None):
        """Writes the page to `filepath`; returns it (``None`` on failure)."""
        text = self.render(context, page)
        if text is None:
            return None
        with open(filepath, 'w', encoding='utf-8') as file:
            file.write(text)
        return filepath


def _svg(dot):
    svg = dot.pipe(format='svg', encoding='utf-8')
    return svg[svg.find('<svg'):]


def _remote_text(parent_ids):
    # `(x1)` for one parent node, a tuple repr for several.
    if isinstance(parent_ids, (list, tuple)):
        return repr(tuple(parent_ids)) if len(parent_ids) > 1 else \
            '(%s)' % (parent_ids[0],)
    return '(%s)' % (parent_ids,)


def _quote(value):
    from graphviz.quoting import quote
    return quote(str(value))


def _str_dict(d):
    return {str(k): str(v) for k, v in (d or {}).items()}
