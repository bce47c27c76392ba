# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""
:class:`SiteIndex`: the index page of a site (searchable tree of the pages,
execution-time sunburst of solutions, legend).
"""
import html
import json
import threading
import functools

from .._helpers import parent_func, _is
from ._sitemap import SiteNode

__all__ = ['SiteIndex']

#: Order of the node types in the tree (others come last).
_PRIORITY = ('dispatcher', 'subdispatch', 'subdispatchfunction',
             'subdispatchpipe', 'dispatchpipe', 'function', 'data')


def _priority(entry):
    kind = entry['type']
    return _PRIORITY.index(kind) if kind in _PRIORITY else len(_PRIORITY)


def _folder_type(folder):
    item = parent_func(folder.item)
    return 'dispatcher' if _is(item, '_is_solution') else \
        type(item).__name__.lower()


class SiteIndex(SiteNode):
    """
    The index page (``index.html``) of a :class:`SiteMap`, with its assets
    (``index/css/*``, ``index/js/*``, ``index/html/legend.html``).

    Example::

        >>> import schedula as sh
        >>> from schedula.utils.drw import SiteMap
        >>> sitemap = SiteMap()
        >>> sitemap.add_items(sh.Dispatcher(name='main'))
        main
        >>> list(sitemap.rules().values())[:2]
        ['index.html', 'index/css/index.css']
        >>> sitemap.index.tree(sitemap.rules())
        [{'text': 'main', 'url': 'main.html', 'type': 'dispatcher', 'nodes': []}]
    """

    def __init__(self, sitemap, node_id='index'):
        super().__init__(None, node_id, sitemap, sitemap, node_id)
        self.sitemap = sitemap
        from ._pages import asset_files
        self.extra_files = asset_files('index/css', 'index/js')
        self.extra_files['html/legend.html'] = _legend_page

    def rules(self):
        """The index page and its assets ``{(self, extra): path}``."""
        stem = self.name
        rules = {(self, None): stem + self.ext}
        for extra in self.extra_files:
            rules[(self, extra)] = '%s/%s' % (stem, extra)
        return rules

    def render(self, context=None, page=None):
        from ._pages import render_template
        context = context or self.rules()
        return render_template(
            'index.html', title='schedula', folder=self.name,
            tree=_script_json(self.tree(context)),
            icicle=_script_json(self.icicle(context)),
            pid=threading.get_ident())

    # ---------------------------------------------------------------- tree
    def tree(self, context, sitemap=None):
        """The page tree (JSON-able) of the pages in `context`."""
        sitemap = self.sitemap if sitemap is None else sitemap
        tree = []
        for folder, child in sitemap.items():
            path = context.get((folder, None))
            if path is not None:
                tree.append({
                    'text': html.escape(folder.title), 'url': path,
                    'type': _folder_type(folder),
                    'nodes': self._children(folder, child, context, path)
                })
        return tree

    def _children(self, folder, child, context, path):
        entries = []
        for node in folder.nodes:
            if node.node_id not in folder.dsp.nodes:
                continue
            entry = {'text': html.escape(str(node.node_id)),
                     'url': '%s?id=%s' % (path, folder._svg_id(node)),
                     'type': node.kind}
            sub = []
            for key, target in node.links.items():
                url = context.get((target, None))
                if url is None:
                    continue
                if target in child:  # A sub-folder.
                    sub.append({'text': '-' + _folder_type(target),
                                'url': url, 'type': _folder_type(target)})
                    sub.extend(self._children(target, child[target],
                                              context, url))
                else:
                    sub.append({'text': '-' + key, 'url': url,
                                'type': 'value'})
            if sub:
                entry['nodes'] = sub
            entries.append(entry)
        entries.sort(key=_priority)
        return entries

    # -------------------------------------------------------------- icicle
    def icicle(self, context):
        """
        The execution times of the solutions in the site, for the sunburst
        chart (``{}`` when there is none).
        """
        children = []
        for folder in self.sitemap:
            sol = folder.solution
            if sol is None or not hasattr(sol, 'pipe') or \
                    (folder, None) not in context:
                continue
            steps = _pipe_steps(sol.pipe)
            if steps:
                children.append({
                    'name': folder.name, 'value': 0,
                    'duration': sum(s['duration'] for s in steps),
                    'children': steps
                })
        if not children:
            return {}
        return {'name': 'main', 'children': children,
                'duration': sum(c['duration'] for c in children)}


def _script_json(obj):
    # JSON safe inside a <script> element.
    from markupsafe import Markup
    text = json.dumps(obj)
    for char in '<>&':
        text = text.replace(char, '\\u%04x' % ord(char))
    return Markup(text)


def _pipe_steps(pipe):
    steps = []
    for path, item in pipe.items():
        node_id, sol = item['task'][-1]
        wf = sol.workflow._node.get(node_id, {})
        step = {'name': ' \u2192 '.join(map(str, sol.full_name + (node_id,)))}
        children = _pipe_steps(item['sub_pipe']) if 'sub_pipe' in item \
            else []
        inner = sum(c['duration'] for c in children)
        duration = wf.get('duration')
        step['duration'] = inner if duration is None else duration
        step['value'] = max(step['duration'] - inner, 0)
        if children:
            step['children'] = children
        if step['duration'] or children:
            steps.append(step)
    return steps


@functools.lru_cache()
def _legend_svg():
    from ._legend import legend_svg
    return legend_svg()


def _legend_page(context=None):
    from ._pages import render_page
    return render_page('Legend', _legend_svg(), kind='graph', fit=True)
