# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""
Why a value is (not) in a solution (private): the engine of
:meth:`schedula.utils.sol.Solution.explain`.

Everything is read from what the solution recorded (``workflow``, ``dist``,
``_errors``, ``inputs``, the sub-solutions) and from its model: no function
is called again.
"""
import difflib
from .cst import START, NONE
from .exc import DispatcherError
from ._helpers import stlp, inf, _plus

__all__ = ['Explanation', 'explain']

#: The kinds of explanation of a data node that has a value.
PRESENT = frozenset(('input', 'default', 'outside', 'computed',
                     'sub-dispatcher'))


class Explanation:
    """
    Why a node of a solution has (or has not) a value: one cause, with the
    causes behind it.

    :ivar node_id: The node explained (None for the requested outputs).
    :ivar path: Its path from the explained solution (ids of sub-dispatchers
        first).
    :ivar kind: What happened: for a value that is there 'input', 'default',
        'outside' (an input that is not a node), 'computed',
        'sub-dispatcher' (brought out of one); for a function or
        sub-dispatcher 'called', 'dispatched', 'raised', 'rejected' (by its
        domain), 'waiting' (for inputs that never came), 'not needed',
        'farther' (its value lost against a closer one), 'no value',
        'cutoff', 'stopped', 'failed inside', 'not delivered' (a sub-dispatcher), 'not reached'; for a missing
        value 'unknown' (not a node), 'no producer', 'missing', 'raised',
        'no value', 'wildcard', 'cutoff', 'stopped', 'waiting', 'not
        needed'; 'see above' for a cause already explained; 'outputs' for
        the requested outputs.
    :ivar solution: The (sub-)solution the node belongs to.
    :ivar distance: The distance of the node (None when not reached).
    :ivar by: The producer used ('computed', 'sub-dispatcher').
    :ivar inputs: The inputs used by the producer.
    :ivar missing: The inputs that never came ('waiting').
    :ivar error: The recorded error message ('raised').
    :ivar closest: The closest existing ids ('unknown').
    :ivar causes: The explanations behind this one.
    :ivar text: The reason, in words.
    """

    def __init__(self, sol, path, kind, text, **kw):
        self.solution, self.path, self.kind, self.text = sol, path, kind, text
        self.node_id = path[-1] if path else None
        self.distance = self.by = self.error = None
        self.inputs = self.missing = self.closest = ()
        self.causes = []
        for k, v in kw.items():
            setattr(self, k, v)

    @property
    def present(self):
        """True if the node is a data node with a value."""
        return self.kind in PRESENT

    def walk(self):
        """Yields this explanation and all those behind it, depth first."""
        yield self
        for cause in self.causes:
            yield from cause.walk()

    def lines(self, indent=0):
        """The text form, one cause per line."""
        head = '' if self.node_id is None else '%r: ' % (self.node_id,)
        yield '  ' * indent + head + self.text
        for cause in self.causes:
            yield from cause.lines(indent + 1)

    def __str__(self):
        return '\n'.join(self.lines())

    def __repr__(self):
        return '<Explanation %r: %s>' % (self.path, self.kind)


def _dist(d):
    return repr(d if isinstance(d, inf) else inf(*d))


def _ids(ids):
    return ', '.join(map(repr, ids))


def _reason(msg):
    # The recorded error message, on one line, without its node id.
    head, _, why = msg.partition(' due to:\n  ')
    what = {'Failed CALLBACK': 'its callback raised: ',
            'Failed SUB-DSP DOMAIN': 'its domain raised: '}
    return what.get(head.rsplit(' ', 1)[0], 'raised: ') + why.replace(
        '\n', ' ')


class _Context:
    """The state of one explanation: what was already explained."""

    def __init__(self):
        self.done = {}  # (id(sol), node_id) -> Explanation (or None: busy).

    def node(self, sol, prefix, node_id, deep=True):
        if _node(sol, node_id) is None:
            return _unknown(sol, prefix + (node_id,), node_id)
        key = (id(sol), node_id)
        if deep and key in self.done:
            return Explanation(sol, prefix + (node_id,), 'see above',
                               '(see above)')
        if not deep:  # A shallow look (an alternative): not remembered.
            return _explain_node(self, sol, prefix, node_id, False)
        self.done[key] = None
        expl = self.done[key] = _explain_node(self, sol, prefix, node_id,
                                              True)
        return expl


def explain(sol, node_ids):
    """The :class:`Explanation` of the path `node_ids` in `sol`."""
    ctx, prefix = _Context(), ()
    if not node_ids:
        return _outputs(ctx, sol)
    for node_id in node_ids[:-1]:
        node = _node(sol, node_id)
        if node is None or node['type'] == 'data':
            return ctx.node(sol, prefix, node_id)
        child = sol.workflow._node.get(node_id, {}).get('solution')
        if child is None:  # Never run: say why.
            return ctx.node(sol, prefix, node_id)
        sol, prefix = child, prefix + (node_id,)
    return ctx.node(sol, prefix, node_ids[-1])


def check_outputs(sol):
    """
    Raises a :class:`DispatcherError` saying which requested outputs of the
    finished dispatch `sol` are missing and why, when its `raises` says so.
    """
    missing = sorted((k for k in sol.outputs if k not in sol), key=str)
    if not missing:
        return
    why = '\n'.join(str(e) for e in explain(sol, ()).causes if not e.present)
    ex = DispatcherError('Requested outputs not computed: %s\n%s',
                         _ids(missing), why, sol=sol)
    if not callable(sol.raises) or sol.raises(ex):
        raise ex


def _node(sol, node_id):
    try:
        return sol.nodes.get(node_id)
    except TypeError:  # Unhashable.
        return None


def _outputs(ctx, sol):
    outputs = sorted(sol.outputs, key=str)
    if not outputs:
        raise ValueError('explain() needs a node id: the solution has no '
                         'requested outputs.')
    causes = [ctx.node(sol, (), k) for k in outputs]
    missing = [e.node_id for e in causes if not e.present]
    text = 'requested outputs %s: %s' % (
        _ids(outputs), 'missing %s' % _ids(missing) if missing else
        'all computed')
    return Explanation(sol, (), 'outputs', text, causes=causes,
                       missing=tuple(missing))


def _explain_node(ctx, sol, prefix, node_id, deep):
    path, node = prefix + (node_id,), sol.nodes[node_id]
    if node_id is START:
        return Explanation(sol, path, 'input', 'the start node: where the '
                           'inputs enter the workflow')
    root = _root(sol)
    if root.fringe is not None and not root._pipe:
        return Explanation(sol, path, 'not reached', 'not reached: the '
                           'solution was never run')
    if node['type'] == 'data':
        if node_id in sol:
            return _present(ctx, sol, prefix, node_id, deep)
        return _missing(ctx, sol, prefix, node_id, deep)
    return _producer(ctx, sol, prefix, node_id, None, deep)


def _unknown(sol, path, node_id):
    try:
        given = node_id in sol
    except TypeError:  # Unhashable: not an id.
        given = False
    if given:  # An input that is not a node of the model.
        return Explanation(sol, path, 'outside',
                           'given as input (not a node of the model)')
    names = {str(k): k for k in sol.nodes if k is not START}
    closest = tuple(names[k] for k in difflib.get_close_matches(
        str(node_id), list(names), n=3, cutoff=0.5))
    text = 'not a node of the model'
    if sol.outputs and not sol.no_call and len(sol.index) == 1:
        text += ' run (pruned to what the requested outputs need)'
    if closest:
        text += ' (closest: %s)' % _ids(closest)
    return Explanation(sol, path, 'unknown', text, closest=closest)


# ------------------------------------------------------------ present values
def _present(ctx, sol, prefix, node_id, deep):
    path, wf_pred = prefix + (node_id,), sol.workflow._pred.get(node_id, {})
    producers = [k for k in wf_pred if k is not START]
    d = sol.dist.get(node_id)
    kw = {'distance': d}
    node = sol.nodes[node_id]
    if node.get('wait_inputs') or 'function' in node and producers:
        text = 'computed by its own function from %s' % _ids(producers)
        if START in wf_pred:
            text += (' and ' if producers else '') + 'its given value'
        expl = Explanation(sol, path, 'computed', text, by=node_id,
                           inputs=tuple(wf_pred), **kw)
    elif producers:
        by = producers[0]
        if sol.nodes[by]['type'] == 'dispatcher':
            child_id = _child_id(sol, by, node_id)
            text = 'brought out of sub-dispatcher %r (its %r, distance %s)' % (
                by, child_id, _dist(d))
            expl = Explanation(sol, path, 'sub-dispatcher', text, by=by,
                               inputs=(child_id,), **kw)
            child = _child(sol, by)
            if deep and child is not None:
                expl.causes.append(ctx.node(child, path[:-1] + (by,),
                                            child_id, False))
        else:
            inputs = tuple(sol.nodes[by]['inputs'])
            text = 'computed by %r' % (by,)
            if inputs and inputs != (START,):
                text += ' from %s' % _ids(inputs)
            expl = Explanation(sol, path, 'computed', text, by=by,
                               inputs=inputs, **kw)
    elif START in wf_pred or node_id in sol.inputs:
        kind, text = _given(sol, node_id)
        expl = Explanation(sol, path, kind, text, **kw)
    else:  # Stored by hand.
        return Explanation(sol, path, 'input', 'given (no record of how)')
    if d is not None and expl.kind != 'sub-dispatcher':
        expl.text += ' (distance %s)' % _dist(d)
    for p in sol._pred.get(node_id, ()):
        if p not in producers and p is not START:
            expl.causes.append(_alternative(ctx, sol, prefix, p, node_id,
                                            producers))
    return expl


def _given(sol, node_id):
    dfl = sol.dsp.default_values.get(node_id)
    if dfl is not None and node_id in sol.inputs_dist and \
            sol.inputs.get(node_id, NONE) is dfl['value']:
        return 'default', 'default value of the model'
    if len(sol.index) > 1:
        return 'input', 'given by the parent dispatcher'
    return 'input', 'given as input'


def _alternative(ctx, sol, prefix, p, node_id, producers):
    # Why the producer `p` was not the one used for the value of `node_id`.
    expl = _producer(ctx, sol, prefix, p, node_id, False)
    if expl.kind == 'called' and not producers:
        expl.kind, expl.text = 'not needed', 'not needed: %r was given' % (
            node_id,)
    return expl


def _child_id(sol, dsp_id, node_id):
    for k, v in sol.nodes[dsp_id]['outputs'].items():
        if node_id in stlp(v):
            return k


def _child(sol, dsp_id):
    child = sol.workflow._node.get(dsp_id, {}).get('solution')
    if child is None:
        child = sol.sub_sol.get(sol.index + sol.nodes[dsp_id]['index'])
    return child


# ------------------------------------------------------------ missing values
def _missing(ctx, sol, prefix, node_id, deep):
    path = prefix + (node_id,)
    wf_pred = sol.workflow._pred.get(node_id, {})
    producers = [p for p in sol._pred[node_id] if p is not START]
    if node_id in sol._errors:
        return Explanation(sol, path, 'raised', _reason(sol._errors[node_id]),
                           error=sol._errors[node_id],
                           distance=sol.dist.get(node_id))
    if node_id in sol.dist:  # Visited: NONE, or a producer failed (async).
        expl = Explanation(sol, path, 'no value', 'its value was NONE',
                           distance=sol.dist[node_id])
        causes = [_failed(ctx, sol, prefix, p) for p in wf_pred
                  if p is not START]
        expl.causes = [c for c in causes if c is not None]
        if expl.causes:
            expl.kind, expl.text = 'missing', 'its value failed:'
        return expl
    if node_id in sol._wildcards:
        expl = Explanation(sol, path, 'wildcard', 'a wildcard input: it fed '
                           'its successors but was not computed again')
    elif node_id in sol.inputs and START not in wf_pred and _cutoff(sol):
        return Explanation(sol, path, 'cutoff', 'given as input beyond the '
                           'cutoff (distance %s > %s)' % (
                               _dist(_plus((0, 0.0), sol.inputs_dist.get(
                                   node_id, 0.0))), sol.cutoff))
    elif not producers:
        return Explanation(sol, path, 'no producer', 'not computed: nothing '
                           'produces it and it was not given')
    elif wf_pred and not _waits(sol, node_id):  # Reached, never visited.
        return _unreached(sol, path)
    elif wf_pred:  # It waits for all its producers.
        missing = tuple(p for p in producers if p not in wf_pred)
        expl = Explanation(sol, path, 'waiting', 'waited for all its '
                           'producers; %s never delivered:' % _ids(missing),
                           missing=missing)
        producers = missing
    else:
        expl = Explanation(sol, path, 'missing', 'not computed:')
    if deep or expl.kind != 'missing':
        expl.causes.extend(_producer(ctx, sol, prefix, p, node_id, deep)
                           for p in producers)
    else:
        expl.text = 'not computed'
    return expl


def _failed(ctx, sol, prefix, p):
    # Why the producer `p` of a visited node gave no value: it raised, or
    # (asynchronously) one of its inputs failed. None if neither.
    if p in sol._errors:
        return ctx.node(sol, prefix, p)
    node = sol.nodes[p]
    if node['type'] != 'function':
        return None
    failed = tuple(k for k in node['inputs'] if k in sol.dist and
                   k not in sol and sol.nodes[k]['type'] == 'data')
    if not failed:
        return None
    expl = Explanation(sol, prefix + (p,), 'no value', 'got no value: its '
                       'input %s failed:' % _ids(failed), missing=failed,
                       distance=sol.dist.get(p))
    expl.causes = [ctx.node(sol, prefix, k) for k in failed]
    return expl


def _waits(sol, node_id):
    wait_in = sol._wait_in
    if wait_in and node_id in wait_in:
        return wait_in[node_id]
    return sol.nodes[node_id]['wait_inputs']


def _root(sol):
    return sol.sub_sol.get(sol.index[:1], sol)


def _cutoff(sol):
    return _root(sol)._cutoff


def _beyond(sol, d):
    cutoff = _cutoff(sol)
    return cutoff is not None and tuple(d) > cutoff


def _stop_reason(sol):
    # Why the nodes of `sol` left unvisited were not reached, or None.
    root = _root(sol)
    if root.fringe is not None and root._pipe:
        return 'not reached: the dispatch was stopped'
    if sol.outputs and not sol._targets:
        if sol is root:
            return 'not reached: the dispatch stopped once its requested ' \
                   'outputs were computed'
        return 'not reached: the sub-dispatcher stopped once its outputs ' \
               'were computed'
    if sol is not root:
        parent = sol.sub_sol.get(sol.index[:-1])
        for k, n in parent.nodes.items():
            if n['type'] == 'dispatcher' and n['index'] == sol.index[-1:] and \
                    all(o in parent.dist for o in parent._succ[k]):
                return 'not reached: the sub-dispatcher stopped once its ' \
                       'outputs were all computed'
        return _stop_reason(parent)
    return None


def _unreached(sol, path):
    why = _stop_reason(sol)
    return Explanation(sol, path, 'stopped' if why else 'not reached',
                       why or 'not reached')


# ---------------------------------------------------------------- producers
def _producer(ctx, sol, prefix, p, for_id, deep):
    """Why the function or sub-dispatcher `p` did (not) deliver `for_id`."""
    path, node = prefix + (p,), sol.nodes[p]
    wattr = sol.workflow._node.get(p)
    d = sol.dist.get(p)
    if node['type'] == 'dispatcher':
        return _dispatcher(ctx, sol, prefix, p, for_id, deep)
    if node['type'] != 'function':  # A data node fed by another data node.
        return ctx.node(sol, prefix, p, deep)
    if p in sol._errors:
        expl = Explanation(sol, path, 'raised', _reason(sol._errors[p]),
                           error=sol._errors[p], distance=d)
        _inside(ctx, expl, wattr, path, deep)
        return expl
    if wattr is not None and wattr.get('solution_domain') is False:
        return Explanation(sol, path, 'rejected', 'its domain rejected its '
                           'inputs', distance=d)
    if d is not None:
        return _ran(sol, path, p, for_id, wattr, d)
    return _not_run(ctx, sol, prefix, p, deep)


def _inside(ctx, expl, wattr, path, deep):
    # The missing outputs of the solution of a SubDispatch* that raised.
    inner = (wattr or {}).get('solution')
    if deep and inner is not None and hasattr(inner, 'outputs'):
        for k in sorted(inner.outputs, key=str):
            if k not in inner:
                expl.causes.append(ctx.node(inner, path, k))


def _ran(sol, path, p, for_id, wattr, d):
    kw = {'distance': d}
    if wattr is not None and 'results' not in wattr and \
            'solution_domain' not in wattr and _root(sol).fringe is not None:
        return Explanation(sol, path, 'stopped', 'stopped while it was '
                           'called: the dispatch was stopped', **kw)
    if wattr is None:  # Dropped from the workflow when popped.
        what = 'its outputs were' if for_id is None else '%r was' % (for_id,)
        return Explanation(sol, path, 'not needed', 'not needed: %s already '
                           'computed when it was reached' % what, **kw)
    out = sol.workflow._succ[p]
    if for_id is None or for_id in out:
        text = 'called (distance %s)' % _dist(d)
        if out:
            text += ', gave %s' % _ids(out)
        return Explanation(sol, path, 'called', text, **kw)
    order = list(sol.dist)
    if for_id in sol.dist and order.index(for_id) < order.index(p):
        return Explanation(sol, path, 'not needed', 'not needed: %r was '
                           'already computed when it ran' % (for_id,), **kw)
    if 'results' not in wattr:  # Called asynchronously, no result (yet).
        return Explanation(sol, path, 'no value', 'gave no value for %r' % (
            for_id,), **kw)
    arrive = _plus(d, sol._edge_length(sol.dmap[p][for_id],
                                       sol.nodes[for_id]))
    if _beyond(sol, arrive):
        return Explanation(sol, path, 'cutoff', 'its value for %r was beyond '
                           'the cutoff (distance %s > %s)' % (
                               for_id, _dist(arrive), _root(sol).cutoff), **kw)
    if for_id in sol.dist and for_id in sol:
        won = sol.dist[for_id]
        wf_pred = [k for k in sol.workflow._pred[for_id] if k is not START]
        if wf_pred:
            best = _plus(sol.dist[wf_pred[0]], sol._edge_length(
                sol.dmap[wf_pred[0]][for_id], sol.nodes[for_id]))
            if tuple(arrive) == tuple(best):
                return Explanation(sol, path, 'farther', 'called, but lost '
                                   'the tie with %r (same distance %s)' % (
                                       wf_pred[0], _dist(arrive)), **kw)
        return Explanation(sol, path, 'farther', 'called, but its value was '
                           'farther (distance %s > %s)' % (
                               _dist(arrive), _dist(won)), **kw)
    return Explanation(sol, path, 'no value', 'called, but gave no value for '
                       '%r' % (for_id,), **kw)


def _not_run(ctx, sol, prefix, p, deep):
    path = prefix + (p,)
    arrived = sol.workflow._pred.get(p, {})
    missing = tuple(k for k in sol._pred[p] if k not in arrived)
    if missing and _waits(sol, p):
        expl = Explanation(sol, path, 'waiting', 'waited for %s, which never '
                           'came' % _ids(missing), missing=missing)
        if deep:
            expl.causes.extend(_input_cause(ctx, sol, prefix, k, p)
                               for k in missing)
        return expl
    meet = sol._meet.get(p)
    if meet is not None and _beyond(sol, meet):
        return Explanation(sol, path, 'cutoff', 'beyond the cutoff')
    return _unreached(sol, path)


def _input_cause(ctx, sol, prefix, k, p):
    # Why the input `k` never reached `p`.
    if k in sol.dist and (k in sol or sol.nodes[k]['type'] != 'data'):
        arrive = _plus(sol.dist[k], sol._edge_length(sol.dmap[k][p],
                                                     sol.nodes[p]))
        if _beyond(sol, arrive):
            text = 'reached it beyond the cutoff (distance %s > %s)' % (
                _dist(arrive), _root(sol).cutoff)
            return Explanation(sol, prefix + (k,), 'cutoff', text,
                               distance=sol.dist[k])
        return Explanation(sol, prefix + (k,), 'not reached', 'computed, but '
                           'not passed on (a wildcard computed again)',
                           distance=sol.dist[k])
    return ctx.node(sol, prefix, k)


def _dispatcher(ctx, sol, prefix, s, for_id, deep):
    path, node = prefix + (s,), sol.nodes[s]
    wattr = sol.workflow._node.get(s) or {}
    if s in sol._errors:
        return Explanation(sol, path, 'raised', _reason(sol._errors[s]),
                           error=sol._errors[s])
    if s not in sol.dist or 'solution' not in wattr:
        arrived = sol.workflow._pred.get(s, {})
        if wattr.get('solution_domain') is False or arrived and \
                'input_domain' in node:  # Its domain said no at each arrival.
            return Explanation(sol, path, 'rejected', 'its domain rejected '
                               'its inputs')
        missing = tuple(k for k in sol._pred[s] if k not in arrived)
        expl = Explanation(sol, path, 'waiting', 'no input reached it (%s)' %
                           _ids(missing), missing=missing)
        if deep:
            expl.causes.extend(_input_cause(ctx, sol, prefix, k, s)
                               for k in missing)
        return expl
    child, d = wattr['solution'], sol.dist[s]
    out = sol.workflow._succ.get(s, {})
    if for_id is not None and for_id not in out and for_id in sol.dist and \
            list(sol.dist).index(for_id) < list(sol.dist).index(s):
        return Explanation(sol, path, 'not needed', 'not needed: %r was '
                           'already computed' % (for_id,), distance=d)
    wanted = [for_id] if for_id is not None else [
        o for o in sol._succ[s] if o not in out]
    inside = [(o, _child_id(sol, s, o)) for o in wanted if o not in out]
    inside = [(o, c) for o, c in inside if c is not None and c not in child]
    failed = has_errors(child)
    if inside or for_id is None and failed:
        kind = 'failed inside' if failed else 'not delivered'
        text = 'did not deliver %s:' % _ids(o for o, _ in inside)
        if failed:
            text = 'failed inside, ' + text if inside else 'failed inside:'
        expl = Explanation(sol, path, kind, text, distance=d)
        if deep:
            expl.causes = [ctx.node(child, path, c) for c in [
                c for _, c in inside] or child._errors]
        return expl
    text = 'dispatched (distance %s)' % _dist(d)
    if out:
        text += ', gave %s' % _ids(out)
    return Explanation(sol, path, 'dispatched', text, distance=d)


def has_errors(sol):
    """True if `sol` or one of its sub-solutions recorded an error."""
    if sol._errors:
        return True
    for n in sol.workflow._node.values():
        child = n.get('solution')
        if child is not None and hasattr(child, '_errors') and \
                child is not sol and has_errors(child):
            return True
    return False
