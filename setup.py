# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""
Packaging of schedula.

Install the package with ``python -m pip install .`` (add extras as needed,
e.g. ``.[all]``) or in development mode with ``make install``.
"""
import os.path as osp
import re

from setuptools import find_packages, setup

name = 'schedula'
mydir = osp.dirname(osp.abspath(__file__))


def read_project_metadata(key):
    """Return the value of `key` defined in ``schedula/_version.py``."""
    fglobals = {}
    with open(osp.join(mydir, name, '_version.py'), encoding='utf-8') as f:
        exec(f.read(), fglobals)  # Avoids importing the package itself.
    return fglobals[key]


def read_project_version():
    """Return the release string defined in ``schedula/_version.py``."""
    return read_project_metadata('__version__')


def read_long_description():
    """
    Return the README as plain reStructuredText for the package index.

    Sphinx cross-reference roles (``:class:``, ``:func:``, ``:obj:``, ...) are
    unknown to plain docutils, so they are turned into inline literals
    (a leading ``~`` keeps only the last dotted component, as Sphinx does).
    """
    with open(osp.join(mydir, 'README.rst'), encoding='utf-8') as f:
        text = f.read()

    def literal(match):
        short, target = match.groups()
        return '``%s``' % (target.rsplit('.', 1)[-1] if short else target)

    return re.sub(r':(?:[a-z]+:)?[a-z]+:`(~?)([^`]+)`', literal, text)


proj_ver = read_project_version()
url = 'https://github.com/vinci1it2000/%s' % name
download_url = '%s/tarball/v%s' % (url, proj_ver)
project_urls = {
    'Documentation': 'https://%s.readthedocs.io' % name,
    'Issue tracker': '%s/issues' % url,
}

extras = {
    'io': ['dill!=0.2.7'],
    'web': ['flask>=3', 'graphviz>=0.20', 'regex'],
    'parallel': ['multiprocess', 'dill'],
    'dask': ['distributed'],
    'progress': ['tqdm'],
    'plot': [
        'graphviz>=0.20', 'regex', 'flask>=3', 'Pygments', 'jinja2',
        'docutils'
    ],
}
extras['sphinx'] = ['sphinx>=8'] + extras['plot']
extras['all'] = sorted(set().union(*extras.values()))
extras['dev'] = extras['all'] + [
    'pytest', 'requests', 'cryptography', 'sphinx_rtd_theme', 'build', 'wheel'
]
extras['test'] = [
    'pytest', 'requests', 'cryptography', 'dill', 'sphinx_rtd_theme',
    'selenium', 'tqdm'
]
# What the examples need on top of schedula (not part of `all`).
extras['examples'] = ['numpy', 'scipy', 'pandas', 'openpyxl']
# The libraries `python -m benchmarks peers` compares schedula with.
extras['bench'] = ['pipefunc', 'apache-hamilton']

if __name__ == '__main__':
    setup(
        name=name,
        version=proj_ver,
        packages=find_packages(
            exclude=[
                'doc', 'doc.*', 'tests', 'tests.*', 'examples', 'examples.*',
                'benchmarks', 'benchmarks.*'
            ]
        ),
        url=url,
        project_urls=project_urls,
        download_url=download_url,
        license='EUPL 1.1+',
        author=read_project_metadata('__author__'),
        description='Produce a plan that dispatches calls based on a graph of '
                    'functions, satisfying data dependencies.',
        long_description=read_long_description(),
        long_description_content_type='text/x-rst',
        keywords=[
            'flow-based programming', 'dataflow', 'parallel', 'async',
            'scheduling', 'dispatch', 'functional programming',
            'dataflow programming',
        ],
        classifiers=[
            'Development Status :: 5 - Production/Stable',
            'Natural Language :: English',
            'Intended Audience :: Developers',
            'Intended Audience :: Science/Research',
            'License :: OSI Approved :: European Union Public Licence 1.1 '
            '(EUPL 1.1)',
            'Operating System :: OS Independent',
            'Programming Language :: Python',
            'Programming Language :: Python :: 3',
            'Programming Language :: Python :: 3 :: Only',
            'Programming Language :: Python :: 3.11',
            'Programming Language :: Python :: 3.12',
            'Programming Language :: Python :: 3.13',
            'Programming Language :: Python :: Implementation :: CPython',
            'Topic :: Scientific/Engineering',
            'Topic :: Software Development :: Libraries :: Python Modules',
        ],
        python_requires='>=3.11',
        install_requires=['networkx>=3'],
        extras_require=extras,
        package_data={
            'schedula.ext.autosummary': ['templates/autosummary/*.rst'],
            'schedula.utils.drw': [
                'templates/*', 'index/js/*', 'index/css/*'
            ]
        },
        license_files=['LICENSE.txt'],
        include_package_data=True,
    )
