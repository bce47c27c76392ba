# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""
The base class of dispatchers, solutions and sub-dispatch wrappers: deep
copies, node look-up, plotting and web front-ends.
"""
import copy
from .cst import NONE

__all__ = ['Base']


class Base:
    """
    Base class of :class:`~schedula.dispatcher.Dispatcher`,
    :class:`~schedula.utils.sol.Solution` and
    :class:`~schedula.utils.dsp.SubDispatch`: deep copies that copy the
    instance attributes only, :meth:`get_node`, :meth:`plot` and :meth:`web`.

    Example::

        >>> import copy, schedula as sh
        >>> d = sh.Dispatcher(name='d')
        >>> d.add_data('a', 1)
        'a'
        >>> c = copy.deepcopy(d)
        >>> isinstance(c, Base), c.nodes == d.nodes, c.solution.dsp is c
        (True, True, True)
    """

    #: Class markers, set True by the classes they name (a Solution, a
    #: Dispatcher, the `SubDispatch` family and its pipes), so that the
    #: modules below them check a kind without importing it (import circle).
    _is_solution = False
    _is_dispatcher = False
    _is_sub_dispatch = False
    _is_sub_dispatch_function = False
    _is_pipe = False

    def __new__(cls, *args, **kwargs):
        return super().__new__(cls)

    def __deepcopy__(self, memo):
        cls = self.__class__
        memo[id(self)] = result = cls.__new__(cls)
        for k, v in self.__dict__.items():
            setattr(result, k, copy.deepcopy(v, memo))
        return result

    def web(self, depth=-1, node_data=NONE, node_function=NONE, directory=None,
            sites=None, run=True):
        """
        Returns the web API (a :class:`~schedula.utils.web.WebMap`) of the
        model (of its dispatcher, for a solution). With `sites`, a local
        server of it is added to that set (started when `run` is true).

        :param depth:
            Levels of sub-models with their own endpoints (-1: all; 0 and 1:
            sub-dispatchers are plain ``<id>-function`` endpoints).
        :type depth: int

        :param node_data:
            Endpoints of data nodes: ``('+set_value',)`` adds one per data
            node setting its default value.
        :type node_data: tuple[str]

        :param node_function:
            Endpoints of function nodes (default ``('+function',)``).
        :type node_function: tuple[str]

        :param directory:
            Root path of the server's app (default: a new temporary one).
        :type directory: str

        :param sites:
            A set that receives the :class:`~schedula.utils.drw.Site` of
            the web API.
        :type sites: set

        :param run:
            Start the server of `sites`.
        :type run: bool

        :return:
            The endpoints of the web API.
        :rtype: schedula.utils.web.WebMap

        Example::

            >>> import schedula as sh, requests
            >>> dsp = sh.Dispatcher(name='model')
            >>> dsp.add_function('add', lambda a, b: a + b, ['a', 'b'], ['c'])
            'add'
            >>> sites = set()
            >>> dsp.web(sites=sites)
            WebMap([(model, WebMap())])
            >>> site = sites.pop()
            >>> requests.post(site.url + '/model/add',
            ...               json={'args': [1, 2]}).json()
            {'return': 3}
            >>> site.shutdown()
            True
        """
        import tempfile
        from .web import WebMap
        options = {'node_data': node_data, 'node_function': node_function}
        options = {k: v for k, v in options.items() if v is not NONE}
        webmap = WebMap()
        webmap.add_items(getattr(self, 'dsp', self), workflow=False,
                         depth=depth, **options)
        if sites is not None:
            sites.add(webmap.site(directory or tempfile.mkdtemp(), view=run))
        return webmap

    def plot(self, workflow=None, view=True, depth=-1, name=NONE, comment=NONE,
             format=NONE, engine=NONE, encoding=NONE, graph_attr=NONE,
             node_attr=NONE, edge_attr=NONE, body=NONE, node_styles=NONE,
             node_data=NONE, node_function=NONE, edge_data=NONE,
             max_lines=NONE, max_width=NONE, directory=None, sites=None,
             index=False):
        """
        Plots the model (or the workflow of a solution) as an interactive
        site map (:class:`~schedula.utils.drw.SiteMap`) and, with `view`,
        renders it (or serves it, with `sites`) and opens it.

        `workflow` (default: true for a solution) plots the workflow of the
        (latest) solution; `depth` limits the sub-models drawn as graphs
        (-1: all); `name` ... `body` are graphviz settings (`graph_attr`,
        `node_attr`, `edge_attr` and `body` replace the defaults); the
        attribute specifications `node_data`, `node_function`, `edge_data`,
        `node_styles` (merged into the defaults), `max_lines` and
        `max_width` shape the labels (see
        :class:`~schedula.utils.drw.FolderNode`). With `view`, the site is
        rendered into `directory` (default: a new temporary one) and opened
        or, with a set `sites`, served by a new
        :class:`~schedula.utils.drw.Site` added to it; `index` adds the
        index page.

        Example::

            >>> import schedula as sh
            >>> dsp = sh.Dispatcher(name='Dispatcher')
            >>> dsp.add_function('f', lambda x: x + 1, ['x'], ['y'])
            'f'
            >>> dsp.plot(view=False, graph_attr={'ratio': '1'})
            SiteMap([(Dispatcher, SiteMap())])
        """
        import tempfile
        from .drw import SiteMap
        digraph = dict(name=name, comment=comment, format=format,
                       engine=engine, encoding=encoding, graph_attr=graph_attr,
                       node_attr=node_attr, edge_attr=edge_attr, body=body)
        digraph = {k: v for k, v in digraph.items() if v is not NONE}
        options = dict(node_styles=node_styles, node_data=node_data,
                       node_function=node_function, edge_data=edge_data,
                       max_lines=max_lines, max_width=max_width)
        options = {k: v for k, v in options.items() if v is not NONE}
        if digraph:
            options['digraph'] = digraph
        if workflow is None:  # A solution plots its workflow.
            workflow = self._is_solution
        sitemap = SiteMap()
        sitemap.add_items(self, workflow=bool(workflow), depth=depth,
                          **options)
        if view:
            directory = directory or tempfile.mkdtemp()
            if sites is None:
                sitemap.render(directory=directory, view=True, index=index)
            else:
                sites.add(sitemap.site(directory, view=True, index=index))
        return sitemap

    def get_node(self, *node_ids, node_attr=NONE):
        """
        Returns a node (or one of its attributes) and its resolved path.

        :param node_ids:
            Node ids, one per level of sub-dispatchers (fuzzy matched: when
            the id is not a node, the first node id in ``str`` order that
            contains it is used).
        :type node_ids: str

        :param node_attr:
            What to return: 'auto' (the value if computed, the function of a
            function node, else the attribute dict), 'output', 'description',
            'value_type', 'default_value', 'dsp', 'sol' or an attribute name.
            Default: 'output' for a solution, 'auto' otherwise.
        :type node_attr: str | None

        :return:
            The node value or attribute and the resolved path.
        :rtype: (object, tuple)

        Example::

            >>> import schedula as sh
            >>> d = sh.Dispatcher(name='d')
            >>> d.add_function('plus', lambda a, b: a + b, ['a', 'b'], ['c'])
            'plus'
            >>> d.get_node('a')
            ({'type': 'data', 'wait_inputs': False, 'index': (1,)}, ('a',))
            >>> sol = d.dispatch({'a': 1, 'b': 2})
            >>> d.get_node('c'), sol.get_node('c')
            ((3, ('c',)), (3, ('c',)))
        """
        from .alg import get_sub_node
        kw = {}
        if self._is_solution:  # Its own values.
            kw['solution'] = self
            if node_attr is NONE:
                node_attr = 'output'
        elif node_attr is NONE:
            node_attr = 'auto'
        dsp = getattr(self, 'dsp', self)  # Its last solution by default.
        return get_sub_node(dsp, node_ids, node_attr=node_attr, **kw)
