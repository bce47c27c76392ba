# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""
A small reader of the DOT source that graphviz's ``Digraph`` writes, for the
drawing tests: what a page really draws, independent of the drawing code.
"""
import re

__all__ = ['parse_dot']

_TOKEN = re.compile(r'''
    (?P<space>\s+|//[^\n]*)
  | (?P<arrow>->)
  | (?P<punct>[\[\]{}=;,])
  | (?P<quoted>"(?:\\.|[^"\\])*")
  | (?P<html><)
  | (?P<id>[^\s\[\]{}=;,"<>-]+|-?[0-9.]+)
''', re.VERBOSE | re.DOTALL)


def _html(text, pos):
    # An HTML string `<...>` with nested angle brackets.
    depth = 0
    for i in range(pos, len(text)):
        depth += {'<': 1, '>': -1}.get(text[i], 0)
        if not depth:
            return text[pos + 1:i], i + 1
    raise ValueError('unclosed HTML string at %d' % pos)


def _tokens(text):
    pos = 0
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if not match:
            raise ValueError('bad DOT at %d: %r' % (pos, text[pos:pos + 30]))
        kind = match.lastgroup
        if kind == 'html':
            value, pos = _html(text, pos)
            yield 'id', value
            continue
        pos = match.end()
        if kind == 'space':
            continue
        value = match.group()
        if kind == 'quoted':
            value, kind = re.sub(r'\\(.)', r'\1', value[1:-1]), 'id'
        yield kind, value


def parse_dot(source):
    """
    Returns the nodes ``[(dot id, attrs)]`` and the edges ``[(u, v, attrs)]``
    of a DOT source, in the order they are written (node statements in
    sub-graphs included; ``graph``/``node``/``edge`` defaults skipped).

    Example::

        >>> parse_dot('digraph G { a [label=<<b>x</b>>]\\n a -> "b c" }')
        ([('a', {'label': '<b>x</b>'})], [('a', 'b c', {})])
    """
    tokens = list(_tokens(source))
    nodes, edges, i = [], [], 0
    while i < len(tokens):
        kind, value = tokens[i]
        if kind != 'id' or value in ('digraph', 'graph', 'subgraph',
                                     'node', 'edge', 'strict'):
            if kind == 'id' and value in ('graph', 'node', 'edge') and \
                    tokens[i + 1][1] == '[':
                i = _attrs(tokens, i + 1)[1]
                continue
            named = value in ('digraph', 'subgraph') and \
                tokens[i + 1][0] == 'id'
            i += 2 if named else 1  # Skips the graph's name.
            continue
        if tokens[i + 1][0] == 'punct' and tokens[i + 1][1] == '=':
            i += 3  # A graph setting `key = value`.
            continue
        if tokens[i + 1][0] == 'arrow':
            attrs, j = _attrs(tokens, i + 3)
            edges.append((value, tokens[i + 2][1], attrs))
        else:
            attrs, j = _attrs(tokens, i + 1)
            nodes.append((value, attrs))
        i = j
    return nodes, edges


def _attrs(tokens, i):
    attrs = {}
    if i >= len(tokens) or tokens[i][1] != '[':
        return attrs, i
    i += 1
    while tokens[i][1] != ']':
        if tokens[i][1] in (',', ';'):
            i += 1
            continue
        attrs[tokens[i][1]] = tokens[i + 2][1]
        i += 3
    return attrs, i + 1
