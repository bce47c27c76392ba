# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""
:class:`SiteMap` (the tree of graph pages) and :class:`SiteNode` (a value
page).
"""
import os
import posixpath
import collections

from .._helpers import parent_func, NoSub, _is
from ._format import format_value, valid_filename, UniqueNames
from ._folder import SiteFolder
from ._files import write_file

__all__ = ['SiteMap', 'SiteNode']


class SiteNode:
    """
    A page showing one value (the source code of a function, a default
    value, an output, ...).

    :param folder:
        The folder of the node holding the value.
    :param node_id:
        Page id (``<node title>-<attribute key>``).
    :param item:
        The value.
    :param obj:
        The folder's dispatcher or solution.
    :param dsp_node_id:
        The id of the node holding the value.

    Example::

        >>> page = SiteNode(None, 'f-function', abs, None, 'f')
        >>> page.name, page.title, SiteNode(None, 'a-default', 1, None, 'a')
        ('abs', 'abs', a-default)
    """
    ext = '.html'

    def __init__(self, folder, node_id, item, obj, dsp_node_id):
        self.folder, self.node_id, self.item = folder, node_id, item
        self.obj, self.dsp_node_id = obj, dsp_node_id
        name = getattr(parent_func(item), '__name__', None)
        self.name = name if isinstance(name, str) and name else str(node_id)
        #: ``{destination: source path or callable returning the text}``.
        self.extra_files = {}

    @property
    def title(self):
        return self.name

    def __repr__(self):
        return self.title

    def render(self, context=None, page=None):
        """Returns the HTML page."""
        from ._pages import code_page
        return code_page(self.title, format_value(self.item))

    def view(self, filepath, context=None, page=None):
        """Writes the page to `filepath`; returns it."""
        with open(filepath, 'w', encoding='utf-8') as file:
            file.write(self.render(context, page))
        return filepath


#: The class markers of what a node can open as a folder of its own.
_MODEL_KINDS = ('_is_dispatcher', '_is_sub_dispatch', '_is_solution')


def _is_model(value):
    value = parent_func(value)
    return any(_is(value, kind) for kind in _MODEL_KINDS)


def _open_default(filepath, format=None):
    # Opens a file or URL with the default application of the system.
    import webbrowser
    if '://' not in filepath:
        filepath = 'file://' + os.path.abspath(filepath)
    webbrowser.open(filepath)


class SiteMap(collections.OrderedDict):
    """
    The tree of the pages of a site: ``{SiteFolder: child SiteMap}`` plus
    the value pages (:attr:`nodes`) of the level.

    Subclasses (e.g. the web API's ``WebMap``) change the class attributes:
    ``site_folder``/``site_node``/``site_index`` (the page classes; their
    ``ext`` is the file extension and ``SiteFolder.folder_node`` the node
    class), ``include_folders_as_filenames`` (folder pages take their names
    before the value pages of their directory) and ``_view`` (what opens a
    rendered page or a served URL: ``self._view(path, 'html')``).

    Example::

        >>> import schedula as sh
        >>> d = sh.Dispatcher(name='main')
        >>> s = sh.Dispatcher(name='S')
        >>> s.add_function('g', lambda x: x, ['x'], ['y'])
        'g'
        >>> d.add_dispatcher(s, {'a': 'x'}, {'y': 'b'}, 'S')
        'S'
        >>> sitemap = SiteMap()
        >>> sitemap.add_items(d)
        main
        >>> sitemap
        SiteMap([(main, SiteMap([(S, SiteMap())]))])
        >>> [p for _, p in sitemap.rules(index=False).items()]
        ['main.html', 'main/S.html', 'main/S/lambda.html']
    """
    site_folder = SiteFolder
    site_node = SiteNode
    site_index = None  # Set in the package's `__init__` (SiteIndex).
    include_folders_as_filenames = True
    options = {'digraph', 'node_styles', 'node_data', 'node_function',
               'edge_data', 'max_lines', 'max_width'}
    _view = None
    #: Names reserved at the top of the site by the index page.
    index_names = ('index', 'index.html')

    def __init__(self):
        super().__init__()
        self.foldername = ''
        self._nodes = []
        self._foldernames = UniqueNames(self.index_names)
        self.index = self.site_index(self) if self.site_index else None
        if type(self)._view is None:
            self._view = _open_default

    def __setitem__(self, key, value):
        value.foldername = self._foldernames(valid_filename(key.title), '')
        super().__setitem__(key, value)

    def __repr__(self):
        name = type(self).__name__
        if not self:
            return '%s()' % name
        return '%s([%s])' % (name, ', '.join(
            '(%r, %r)' % kv for kv in self.items()))

    @property
    def nodes(self):
        """The value pages of this level, sorted by title."""
        return sorted(self._nodes, key=lambda n: n.title)

    def _default_options(self):
        return {k: getattr(self, k) for k in self.options if k in vars(self)}

    def _repr_svg_(self):
        folder = next(reversed(self))
        return folder.dot().pipe(format='svg', encoding='utf-8')

    # ------------------------------------------------------------ building
    def _folder_args(self, item, workflow):
        is_sol = _is(item, '_is_solution')
        is_sub = _is(item, '_is_sub_dispatch')
        if isinstance(item, NoSub):
            workflow = False
        if workflow:
            if is_sol:
                obj = item
            elif is_sub or _is(item, '_is_dispatcher'):
                obj = item.solution
            else:
                raise ValueError('Type %s not supported.' %
                                 type(item).__name__)
            return obj.dsp, obj.workflow, obj, workflow
        if is_sol or is_sub:
            obj = item.dsp
        elif _is(item, '_is_dispatcher'):
            obj = item
        else:
            raise ValueError('Type %s not supported.' % type(item).__name__)
        return obj, obj.dmap, obj, workflow

    def add_items(self, item, workflow=False, depth=-1, folder=None,
                  **options):
        """
        Adds a model (or a solution's workflow) to the map, with a page per
        linked value and a sub-folder per linked sub-model.

        :param item:
            A dispatcher, a solution or a sub-dispatch wrapper.
        :param workflow:
            Plot the workflow of the (latest) solution instead of the dmap.
        :param depth:
            Levels of sub-models drawn as folders (-1: all; 0 and 1: only
            the top one).
        :param folder:
            Parent folder.
        :param options:
            Options of the folder (``name``, ``digraph``, ``node_data``...).
        :return:
            The new folder.
        :rtype: SiteFolder
        """
        options = dict(self._default_options(), **options)
        item = parent_func(item)
        if folder is not None and isinstance(getattr(item, 'parent', None),
                                             NoSub):
            item = item.parent  # The solution of a DispatchPipe: its dmap.
        dsp, graph, obj, workflow = self._folder_args(item, workflow)
        new = self.site_folder(item, dsp, graph, obj, workflow=workflow,
                               parent=folder, **options)
        new.sitemap = self  # Carried by its graphviz digraph.
        self[new] = child = self.__class__()
        options.pop('name', None)
        if depth > 0:
            depth -= 1
        for node in new.nodes + new.edges:
            for key, value in node.items():
                if depth == 0 or node.type in ('data', 'edge') or \
                        not _is_model(value):
                    page_id = '%s-%s' % (node.title, key) if key else \
                        node.title
                    page = child.site_node(new, page_id, value, obj,
                                           node.node_id)
                    child._nodes.append(page)
                else:
                    page = child.add_items(
                        value, workflow=workflow, depth=depth, folder=new,
                        name=node.node_id, **options)
                node.links[key] = page
        return new

    # --------------------------------------------------------------- rules
    def rules(self, depth=-1, index=True):
        """
        Returns the site's files ``{(page object, extra): relative path}``
        (``extra``: ``None`` for the page itself, else the destination of
        an auxiliary file); the first entry is the entry page.
        """
        rules = {}
        if index and self.index is not None:
            rules.update(self.index.rules())
        self._rules(rules, '', depth, UniqueNames(self.index_names))
        return rules

    def _rules(self, rules, directory, depth, names):
        # The folder pages of this level share `directory` with its value
        # pages: they get their names first (SiteMap) and come after them.
        join, files = posixpath.join, {}
        if depth != 0 and self.include_folders_as_filenames:
            names.used.update(child.foldername for child in self.values())
            for folder, child in self.items():
                files[folder] = names(child.foldername, folder.ext)
        for page in sorted(self._nodes, key=lambda n: n.title):
            name = names(valid_filename(page.name), page.ext)
            rules[(page, None)] = join(directory, name)
        if depth == 0:
            return
        for folder, child in self.items():
            name = files.get(folder, child.foldername + folder.ext)
            rules[(folder, None)] = join(directory, name)
            child._rules(rules, join(directory, child.foldername), depth - 1,
                         UniqueNames())

    # -------------------------------------------------------------- render
    def render(self, depth=-1, directory='static', view=False, index=True):
        """
        Writes the site into `directory`; returns the path of its entry page
        (``None`` when there is no page), opened with `view`.
        """
        context, written = self.rules(depth=depth, index=index), {}
        for key, path in context.items():
            write_file(key, path, directory, context, written)
        if not context:
            return None
        first = os.path.join(directory, *next(iter(context.values())).split(
            '/'))
        if view:
            self._view(first, 'html')
        return first

    def site(self, root_path=None, depth=-1, index=True, view=False, **kw):
        """
        Returns a :class:`~schedula.utils.drw.Site` serving this map (started
        and opened with `view`).
        """
        from ._site import Site
        site = Site(self, root_path=root_path, depth=depth, index=index, **kw)
        if view:
            self._view(site.run().url, 'html')
        return site

    def app(self, root_path=None, depth=-1, index=True, mute=True, **kw):
        """Returns the Flask app serving the site (pages made on demand)."""
        from ._site import site_app
        return site_app(self, root_path, depth, index, mute, **kw)

