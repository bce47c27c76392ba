# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""
The ``dsp`` directive: an interactive map rendered by :meth:`Base.plot`.

``.. dsp:: <path of a .gv file>`` is Sphinx's ``graphviz`` directive for a
DOT file that sits in the folder of a rendered site map (the ``dispatcher``
directive writes both). The HTML builder copies that folder once into
``_images/`` and embeds its page in an ``<iframe>``; the other builders draw
the DOT file as ``graphviz`` does.
"""
import os
import os.path as osp
import shutil

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.ext import graphviz as sphinx_graphviz

__all__ = ['dsp', 'DispatcherSphinxDirective', 'html_visit_dsp', 'setup']

IFRAME = ('<iframe src="{src}" width="{width}" height="{height}" '
          'frameborder="0" allowfullscreen></iframe>\n')


class dsp(sphinx_graphviz.graphviz):
    """Doctree node of a rendered dispatcher map."""


class DispatcherSphinxDirective(sphinx_graphviz.Graphviz):
    """
    The ``dsp`` directive: its argument is the path of a map's DOT file;
    its options are those of ``graphviz`` plus ``:index:`` (open the site's
    index page), ``:height:`` and ``:width:`` (of the frame: 500px and 100%
    by default).
    """
    required_arguments = 1
    optional_arguments = 0
    has_content = False
    option_spec = dict(
        sphinx_graphviz.Graphviz.option_spec, index=directives.flag,
        height=directives.length_or_unitless,
        width=directives.length_or_percentage_or_unitless
    )

    def run(self):
        result = super().run()
        for i, node in enumerate(result):
            if isinstance(node, sphinx_graphviz.graphviz):
                result[i] = node = self._dsp_node(node)
            else:  # A figure (with caption) or a warning.
                for gv in list(node.findall(sphinx_graphviz.graphviz)):
                    gv.replace_self(self._dsp_node(gv))
        return result

    def _dsp_node(self, graphviz_node):
        node = dsp(graphviz_node.rawsource, *graphviz_node.children,
                   **graphviz_node.attributes)
        node['img_opt'] = {k: self.options[k] for k in ('height', 'width')
                           if k in self.options}
        node['index'] = 'index' in self.options
        filename = self.env.relfn2path(self.arguments[0])[1]
        node['dirpath'] = osp.dirname(filename)
        node['gvname'] = osp.splitext(osp.basename(filename))[0]
        return node


def _copy_site_once(builder, dirpath):
    """Copies the site folder into the images folder (once per build)."""
    copied = builder.__dict__.setdefault('_schedula_dsp_copied', set())
    dirname = osp.basename(dirpath)
    if dirname not in copied:
        dst = osp.join(builder.outdir, builder.imagedir, dirname)
        os.makedirs(osp.dirname(dst), exist_ok=True)
        shutil.copytree(dirpath, dst, dirs_exist_ok=True)
        copied.add(dirname)
    return dirname


def html_visit_dsp(self, node):
    """HTML: the site's page in an ``<iframe>``."""
    dirname = _copy_site_once(self.builder, node['dirpath'])
    page = 'index.html' if node['index'] else \
        '%s.html?controls=true' % node['gvname']
    attrs = {'width': '100%', 'height': '500px'}
    attrs.update(node['img_opt'])
    src = '/'.join(p for p in (self.builder.imgpath, dirname, page) if p)
    self.body.append(IFRAME.format(src=src, **attrs))
    raise nodes.SkipNode


def setup(app):
    """Registers the ``dsp`` node and directive (needs sphinx.ext.graphviz)."""
    app.setup_extension('sphinx.ext.graphviz')
    app.add_node(
        dsp,
        html=(html_visit_dsp, None),
        latex=(sphinx_graphviz.latex_visit_graphviz, None),
        texinfo=(sphinx_graphviz.texinfo_visit_graphviz, None),
        text=(sphinx_graphviz.text_visit_graphviz, None),
        man=(sphinx_graphviz.man_visit_graphviz, None)
    )
    app.add_directive('dsp', DispatcherSphinxDirective)
    return {'parallel_read_safe': True, 'parallel_write_safe': True}
