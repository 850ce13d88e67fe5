"""Diffusion ties inferred from adoption times alone: NetInf (exponential model).

NetInf (Gomez-Rodriguez, Leskovec & Krause, KDD 2010) looks for the directed network whose
cascade trees best explain when each node adopted. :func:`netinf` reproduces R
``NetworkInference::netinf(trans_mod = "exponential")`` 1.2.5 (``desmarais-lab/
NetworkInference``, ``src/netinf.cpp``, ``spanning_tree.cpp``, ``vuong_test.cpp``): the same
edges in the same order with the same improvements and p-values, so that researchers can
move between R and sinergi without the results changing. What that takes, all from the R
source:

* transmission density ``f(d) = lambda * exp(-lambda * d)`` for a delay ``d > 0``; a link
  outside the network scores ``log(1e-10 * f(d))`` (R's ``epsilon``), a link along an
  inferred edge ``log(0.5 * f(d))``, each computed as R does (product first, then log);
* before any edge is chosen each adopter's parent is its best strictly earlier adopter at
  the ``epsilon`` score; the first adopter(s) of a cascade have no parent and no score;
* an edge ``u -> v`` is possible if ``u`` adopted strictly before ``v`` in some cascade; its
  improvement is the sum, over those cascades in cascade order, of how much ``log(0.5 *
  f)`` beats ``v``'s current score there. Each step takes the largest improvement; R scans
  its ``std::map`` keyed (destination id, origin id) with ``>=``, so **ties go to the
  largest destination id, then the largest origin id**, where a node's id is its position
  in ``node_names`` -- by default the order in which nodes first appear in the data
  (``as_cascade_long``), not alphabetical order. Cascades are taken in sorted id order
  (R's ``split``), which fixes the order of the floating-point sums that ties depend on;
* after each step a Vuong-type test compares the per-cascade tree scores before and after,
  the new ones penalised by ``1/n`` computed in single precision as R's C++ does: ``p = 1 -
  Phi(sum(d) / (sd(d) * sqrt(n)))`` with R's Abramowitz-Stegun approximation of ``Phi``
  (error 1.5e-7), which is what makes small p-values agree;
* with ``p_value_cutoff`` the edge whose p-value reaches the cutoff is the last one
  returned, as in R (filter on ``p_value`` to drop it). R's test has a quirk that is
  reproduced: its C++ subtracts the penalty from the tree scores in place, so a cascade
  carries the penalties of every step since it was last re-scored and gets them back
  when it is -- the p-values are smaller than the textbook test's;
* the default ``lambda`` is R's: the mean of 1/mean(time since the cascade's first
  adoption) and 1/mean(time since the previous adoption).

Deliberate differences, none of which the reference data reach: the search stops when no
edge improves the fit (R goes on adding zero-improvement edges picked by node order alone,
and errors when ``n_edges`` exceeds the possible edges); with fewer than two cascades
p-values are None (R: NaN) and a cutoff stops after the first edge; trees
report no parent for an adopter until an inferred edge explains it (R reports the best
``epsilon`` link). The greedy search is the same but uses a heap with lazy updates (only
the edges into the node that just gained a parent change), so the SPID reference (50
states, 728 policies) runs in about a second. ``tests/graph/test_netinf_reference.py``
checks parity on that reference (``../shared/reference/netinf``); ``benchmarks/
inference.py`` prints it.
"""

from __future__ import annotations

import csv
import datetime as dt
import heapq
import math
import random
import statistics
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any, Literal, overload

import networkx as nx
import numpy as np

from sinergi.errors import InputError, SinergiError
from sinergi.graph.analysis.cascades import cascade_times, day_number
from sinergi.graph.analysis.networks import region_attributes
from sinergi.graph.analysis.projections import adoption_network, learning_projection
from sinergi.graph.analysis.spec import Analytic, Parameter
from sinergi.graph.store import GraphStore

__all__ = [
    "CASCADE_COLUMNS",
    "compare_ties",
    "default_lambda",
    "netinf",
    "possible_edges",
    "read_cascades",
    "recovery",
    "simulate_cascades",
]

# Cascade id -> node -> adoption time. Any keys: Mapping is invariant in its key type, and
# callers pass str or int nodes.
Cascades = Mapping[str, Mapping[Any, float]]

BETA = 0.5
EPSILON = 1e-10
CASCADE_COLUMNS = ("node_name", "event_time", "cascade_id")


def _sorted(cascades: Cascades) -> dict[str, list[tuple[float, Hashable]]]:
    """Each cascade's (time, node) in adoption order; equal times keep the input order,
    as R's ``order()`` does."""
    return {
        str(cid): sorted(((float(t), n) for n, t in nodes.items()), key=lambda x: x[0])
        for cid, nodes in cascades.items()
    }


def default_lambda(cascades: Cascades) -> float:
    """R ``netinf``'s default rate: mean of 1/mean(t - t_first) and 1/mean(t - t_previous).

    Both means include the zero delays of tied adopters, as R's do. Means are exactly
    rounded (R accumulates them in long double).

    Examples
    --------
    >>> default_lambda({"c": {"A": 0, "B": 1, "C": 3}})  # means 2 and 1.5
    0.5833333333333333
    """
    since_first: list[float] = []
    since_previous: list[float] = []
    for ordered in _sorted(cascades).values():
        times = [t for t, _ in ordered]
        since_first += [t - times[0] for t in times[1:]]
        since_previous += [b - a for a, b in pairwise(times)]
    first = statistics.fmean(since_first) if since_first else 0.0
    previous = statistics.fmean(since_previous) if since_previous else 0.0
    if first <= 0 or previous <= 0:
        return 1.0
    return statistics.fmean([1 / previous, 1 / first])


def possible_edges(cascades: Cascades) -> dict[tuple[Hashable, Hashable], list[str]]:
    """Every edge ``u -> v`` with ``u`` strictly before ``v`` in a cascade, and those cascades.

    ``len(possible_edges(c))`` is R's ``count_possible_edges(c)``.
    """
    edges: dict[tuple[Hashable, Hashable], list[str]] = {}
    for cid, ordered in _sorted(cascades).items():
        for i, (tu, u) in enumerate(ordered):
            for tv, v in ordered[i + 1 :]:
                if tu < tv:
                    edges.setdefault((u, v), []).append(cid)
    return edges


def _log_score(delay: float, rate: float, scale: float) -> float:
    """``log(scale * f(delay))`` evaluated in R's order, so the bits (and ties) agree."""
    value = scale * (rate * math.exp(-rate * delay))
    return math.log(value) if value > 0 else -math.inf


def _add(values: Iterable[float]) -> float:
    """Left-to-right double sum, as R's C++ loops add (the built-in ``sum`` compensates
    from Python 3.12 on, which would change the last bits and so break R's ties)."""
    total = 0.0
    for value in values:
        total += value
    return total


def _normal_cdf(x: float) -> float:
    """R NetworkInference's Phi: Abramowitz & Stegun 7.1.26 (absolute error 1.5e-7)."""
    sign = -1.0 if x < 0 else 1.0
    x = abs(x) / math.sqrt(2.0)
    t = 1.0 / (1.0 + 0.3275911 * x)
    poly = ((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t
    y = 1.0 - (poly + 0.254829592) * t * math.exp(-x * x)
    return 0.5 * (1.0 + sign * y)


def _penalty(n: int) -> float:
    """R's per-cascade penalty ``1 / float(n)``: single precision, as its C++ computes it."""
    return float(np.float32(1) / np.float32(n))


def _vuong(before: np.ndarray, after: np.ndarray) -> float | None:
    """R's ``vuong_test``: one-sided test that the new trees fit better than the old ones.

    ``after`` already carries the penalty (see :func:`netinf`). Sums run left to right
    (``cumsum``) as Rcpp's ``sum`` and ``sd`` do, whose mean is accumulated in long double
    (here exactly rounded); ``sqrt(float(n))`` ends up in double precision (C's
    ``sqrt``). Those details fix the last bits, which matter for p-values near 0.
    """
    n = len(after)
    if n < 2:
        return None
    diffs = after - before
    deviations = diffs - math.fsum(diffs.tolist()) / n
    sd = math.sqrt(float(np.cumsum(deviations * deviations)[-1]) / (n - 1))
    total = float(np.cumsum(diffs)[-1])
    if sd == 0:
        return 0.0 if total > 0 else 1.0
    return 1 - _normal_cdf(total / (sd * math.sqrt(n)))


def _node_ids(cascades: Cascades, node_order: Iterable[Hashable] | None) -> dict[Hashable, int]:
    ids: dict[Hashable, int] = {}
    for node in node_order if node_order is not None else ():
        ids.setdefault(node, len(ids))
    for nodes in cascades.values():
        for node in nodes:
            if node not in ids:
                if node_order is not None:
                    raise SinergiError(f"node {node!r} is in the cascades but not in node_order")
                ids[node] = len(ids)
    return ids


class _EdgesInto:
    """The possible edges into one node, as padded arrays.

    Choosing an edge changes only its destination's scores, so only the edges into that
    node need new improvements; they are recomputed together. Each improvement is summed
    left to right over the edge's cascades with ``cumsum`` (padding adds exact zeros),
    the order and rounding of R's loop, on which its choice between equal-looking
    improvements depends.
    """

    def __init__(
        self,
        origins: Mapping[int, tuple[list[int], list[float]]],
        score: Sequence[Mapping[int, float | None]],
        node: int,
    ) -> None:
        n_cascades = len(score)
        width = max(len(cs) for cs, _ in origins.values())
        self.origins = np.fromiter(origins, dtype=np.int64, count=len(origins))
        # padding points at an extra cascade whose score +inf no link beats
        self.cascades = np.full((len(origins), width), n_cascades, dtype=np.int64)
        self.scores = np.full((len(origins), width), -np.inf)
        for row, (cs, news) in enumerate(origins.values()):
            self.cascades[row, : len(cs)] = cs
            self.scores[row, : len(cs)] = news
        self.current = np.full(n_cascades + 1, np.inf)
        for c in np.unique(self.cascades[self.cascades < n_cascades]).tolist():
            self.current[c] = score[c][node]
        self.active = np.ones(len(origins), dtype=bool)

    def gains(self) -> np.ndarray:
        """Every edge's improvement over the current scores of the destination."""
        current = self.current[self.cascades]
        terms = np.where(self.scores > current, self.scores - current, 0.0)
        return np.cumsum(terms, axis=1)[:, -1]

    def use(self, row: int) -> list[int]:
        """Take edge ``row`` into the trees; the cascades where it became the parent link."""
        self.active[row] = False
        cs, news = self.cascades[row], self.scores[row]
        better = (cs < len(self.current) - 1) & (news > self.current[cs])
        used = cs[better]
        self.current[used] = news[better]
        return used.tolist()


@overload
def netinf(
    cascades: Cascades,
    *,
    n_edges: int | None = None,
    p_value_cutoff: float | None = None,
    rate: float | None = None,
    trees: Literal[False] = False,
    node_order: Iterable[Hashable] | None = None,
) -> list[dict[str, object]]: ...
@overload
def netinf(
    cascades: Cascades,
    *,
    n_edges: int | None = None,
    p_value_cutoff: float | None = None,
    rate: float | None = None,
    trees: Literal[True],
    node_order: Iterable[Hashable] | None = None,
) -> tuple[list[dict[str, object]], list[dict[str, object]]]: ...
def netinf(
    cascades: Cascades,
    *,
    n_edges: int | None = None,
    p_value_cutoff: float | None = None,
    rate: float | None = None,
    trees: bool = False,
    node_order: Iterable[Hashable] | None = None,
) -> list[dict[str, object]] | tuple[list[dict[str, object]], list[dict[str, object]]]:
    """Infer diffusion ties from cascades with greedy NetInf, as R NetworkInference does.

    Parameters
    ----------
    cascades : mapping
        ``cascade_id -> {node: time}`` with numeric times (day numbers from
        :func:`sinergi.graph.analysis.cascades.cascades_from_rows`, years, ...); nodes with equal
        times cannot infect each other.
    n_edges : int, optional
        Number of edges to infer (fewer if no further edge improves the fit).
    p_value_cutoff : float, optional
        Instead of ``n_edges``: add edges until the Vuong test's p-value reaches it; that
        last edge is returned too, as R does. Default 0.05 when neither is given.
    rate : float, optional
        ``lambda`` of the exponential model, per time unit (R's ``params``); default
        :func:`default_lambda`.
    trees : bool
        Also return each cascade's inferred tree.
    node_order : iterable, optional
        R's ``node_names``: the node ids that break ties between equal improvements (the
        later node wins). Default: the order in which nodes first appear in ``cascades``,
        as ``as_cascade_long`` takes them from the data's rows.

    Returns
    -------
    list of dict
        One row per inferred edge in the order chosen: ``origin_node``,
        ``destination_node``, ``improvement`` (gain in summed log-likelihood),
        ``p_value`` (None with fewer than two cascades) and ``cascades`` (in how many
        cascades the edge became the parent link when it was added). With
        ``trees=True`` a pair ``(edges, tree_rows)`` whose tree rows have ``cascade_id``,
        ``child``, ``parent`` and ``log_score`` for every non-first adopter (its parent
        is None until an inferred edge explains it).

    Raises
    ------
    SinergiError
        If both ``n_edges`` and ``p_value_cutoff`` are given, either is out of range, the
        rate is not positive, ``node_order`` misses a node, or an adoption delay has zero
        likelihood under the rate (R's "Consider adjusting lambda").

    Examples
    --------
    >>> cascades = {"c1": {"A": 0, "B": 1, "C": 2}, "c2": {"A": 0, "B": 1},
    ...             "c3": {"A": 0, "B": 1, "C": 2}}
    >>> [(r["origin_node"], r["destination_node"]) for r in netinf(cascades, n_edges=2)]
    [('A', 'B'), ('B', 'C')]
    """
    if n_edges is not None and p_value_cutoff is not None:
        raise SinergiError("give n_edges or p_value_cutoff, not both")
    if n_edges is None and p_value_cutoff is None:
        p_value_cutoff = 0.05
    if n_edges is not None and n_edges < 1:
        raise SinergiError("n_edges must be at least 1")
    if p_value_cutoff is not None and not 0 < p_value_cutoff <= 1:
        raise SinergiError("p_value_cutoff must be in (0, 1]")
    rate = default_lambda(cascades) if rate is None else float(rate)
    if not rate > 0 or math.isinf(rate):
        raise SinergiError("the transmission rate must be positive and finite")
    ids = _node_ids(cascades, node_order)
    ordered = _sorted(cascades)
    names = sorted(ordered)
    # per cascade (in R's order): adopters as (id, time) in adoption order, each adopter's
    # current parent score (None: no earlier adopter) and parent
    adopters = [[(ids[node], t) for t, node in ordered[cid]] for cid in names]
    score: list[dict[int, float | None]] = []
    parent: list[dict[int, int | None]] = []
    for members in adopters:
        scores: dict[int, float | None] = {}
        latest: float | None = None  # latest adoption time strictly before the current one
        previous: float | None = None
        for node, t in members:
            if previous is not None and previous < t:
                latest = previous
            previous = t
            if latest is None:
                scores[node] = None
                continue
            scores[node] = _log_score(t - latest, rate, EPSILON)
            if scores[node] == -math.inf:
                raise SinergiError(
                    f"a delay of {t - latest:g} has zero likelihood at rate {rate:g}; "
                    "use a smaller rate"
                )
        score.append(scores)
        parent.append(dict.fromkeys(scores))
    tree_score = np.array([_add(s for s in sc.values() if s is not None) for sc in score])
    # possible edges by destination: origin -> (cascades in increasing order, as R's
    # possible-edge map stores them, and the tied-link score in each)
    links: dict[int, dict[int, tuple[list[int], list[float]]]] = {}
    for c, members in enumerate(adopters):
        for i, (u, tu) in enumerate(members):
            for v, tv in members[i + 1 :]:
                if tu < tv:
                    cs, news = links.setdefault(v, {}).setdefault(u, ([], []))
                    cs.append(c)
                    news.append(_log_score(tv - tu, rate, BETA))
    into = {v: _EdgesInto(origins, score, v) for v, origins in links.items()}
    # heap order = R's choice: largest improvement, then largest destination id, then
    # largest origin id; an entry is stale once its destination's version has moved on
    version = dict.fromkeys(into, 0)
    heap = [
        (-gain, -v, -int(edges.origins[row]), 0, row)
        for v, edges in into.items()
        for row, gain in enumerate(edges.gains().tolist())
    ]
    heapq.heapify(heap)
    node_of = {i: node for node, i in ids.items()}
    n_possible = sum(len(origins) for origins in links.values())
    limit = n_possible if n_edges is None else min(n_edges, n_possible)
    penalty = _penalty(len(names)) if names else 0.0
    chosen: list[dict[str, object]] = []
    while len(chosen) < limit:
        neg_gain, neg_v, neg_u, seen, row = heapq.heappop(heap)
        u, v = -neg_u, -neg_v
        edges = into[v]
        if seen != version[v]:
            continue  # a fresh entry for this edge is in the heap
        if neg_gain >= 0:
            break  # nothing left improves the fit (R would go on, by node order alone)
        before = tree_score.copy()
        used = edges.use(row)
        for c in used:
            score[c][v], parent[c][v] = float(edges.current[c]), u
            tree_score[c] = _add(s for s in score[c].values() if s is not None)
        if used:
            version[v] += 1
            gains = edges.gains().tolist()
            for other in np.flatnonzero(edges.active).tolist():
                heapq.heappush(
                    heap, (-gains[other], -v, -int(edges.origins[other]), version[v], other)
                )
        # R's vuong_test subtracts the penalty from the tree scores in place (Rcpp
        # vectors share memory), so a cascade not re-scored since carries the penalties of
        # earlier steps, and re-scoring it credits them back in the test. That is what
        # R's p-values are, so it is reproduced here.
        tree_score -= penalty
        p_value = _vuong(before, tree_score)
        chosen.append(
            {
                "origin_node": node_of[u],
                "destination_node": node_of[v],
                "improvement": -neg_gain,
                "p_value": p_value,
                "cascades": len(used),
            }
        )
        if p_value_cutoff is not None and (p_value is None or p_value >= p_value_cutoff):
            break
    if not trees:
        return chosen
    tree_rows = []
    for c, cid in enumerate(names):
        for _, member in ordered[cid]:
            i = ids[member]
            if score[c][i] is not None:
                up = parent[c][i]
                tree_rows.append(
                    {
                        "cascade_id": cid,
                        "child": member,
                        "parent": None if up is None else node_of[up],
                        "log_score": score[c][i],
                    }
                )
    return chosen, tree_rows


def _event_time(text: str) -> tuple[float, str]:
    """A CSV event time: a number, or an ISO date as days since 1970-01-01 (R's
    ``as.numeric(as.Date(x))``, and what ``sinergi analyze cascades --time iso`` writes)."""
    try:
        value = float(text)
    except ValueError:
        try:
            day = dt.date.fromisoformat(text.strip())
        except ValueError:
            message = f"event_time {text!r} is neither a number nor a YYYY-MM-DD date"
            raise ValueError(message) from None
        return float((day - dt.date(1970, 1, 1)).days), "date"
    if not math.isfinite(value):
        raise ValueError(f"event_time {text!r} is not a finite number")
    return value, "number"


def read_cascades(path: str | Path) -> tuple[dict[str, dict[str, float]], list[str]]:
    """Cascades from a NetworkInference long-format CSV, with R's node order.

    Columns ``node_name``, ``event_time``, ``cascade_id`` (others are ignored), one row per
    adoption, as R's ``as_cascade_long`` reads them and ``sinergi analyze cascades``
    writes them. Event times are numbers in any unit or ISO dates (then days since
    1970-01-01), not both in one file.

    Returns
    -------
    tuple
        ``(cascades, node_names)``: ``cascade_id -> {node: time}`` and the nodes in order
        of first appearance in the rows, which is R's default ``node_names`` and so the
        ``node_order`` that makes :func:`netinf` break ties as R does.

    Raises
    ------
    InputError
        One line naming the file (and row) for a missing file or column, an empty or bad
        value, or a node listed twice in one cascade.
    """
    path = Path(path)
    cascades: dict[str, dict[str, float]] = {}
    nodes: dict[str, None] = {}
    kinds: set[str] = set()
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in CASCADE_COLUMNS if c not in (reader.fieldnames or [])]
            if missing:
                raise InputError(
                    f"{path}: missing column {', '.join(missing)} "
                    f"(need {', '.join(CASCADE_COLUMNS)})"
                )
            for line, row in enumerate(reader, start=2):
                values = [str(row.get(c) or "").strip() for c in CASCADE_COLUMNS]
                if empty := [c for c, x in zip(CASCADE_COLUMNS, values, strict=True) if not x]:
                    raise InputError(f"{path} line {line}: empty {', '.join(empty)}")
                node, time, cid = values
                try:
                    value, kind = _event_time(time)
                except ValueError as exc:
                    raise InputError(f"{path} line {line}: {exc}") from None
                kinds.add(kind)
                if len(kinds) > 1:
                    raise InputError(f"{path} line {line}: event_time mixes numbers and dates")
                members = cascades.setdefault(cid, {})
                if node in members:
                    raise InputError(f"{path} line {line}: {node} is twice in cascade {cid}")
                members[node] = value
                nodes.setdefault(node)
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None
    except (UnicodeDecodeError, csv.Error) as exc:
        raise InputError(f"{path}: not a UTF-8 CSV file ({exc})") from None
    if not cascades:
        raise InputError(f"{path}: no adoptions (need rows of {', '.join(CASCADE_COLUMNS)})")
    return cascades, list(nodes)


def simulate_cascades(
    G: nx.DiGraph,
    n_cascades: int,
    *,
    beta: float = 0.5,
    rate: float = 1.0,
    horizon: float | None = None,
    seed: int | random.Random | None = None,
) -> dict[str, dict[Hashable, float]]:
    """Cascades spreading over a known network (continuous-time independent cascades).

    Each cascade starts at one node chosen uniformly at time 0; every adopter ``u``
    transmits along each out-edge ``u -> v`` with probability ``beta`` after an
    exponential delay of rate ``rate``; ``v`` adopts at its earliest transmission.
    Adoptions after ``horizon`` are not observed.

    Returns
    -------
    dict
        ``"c<i>" -> {node: time}``; cascades of a single node are kept.
    """
    rng = seed if isinstance(seed, random.Random) else random.Random(seed)
    nodes = sorted(G.nodes, key=str)
    cascades: dict[str, dict[Hashable, float]] = {}
    for i in range(n_cascades):
        seed_node = rng.choice(nodes)
        adopted: dict[Hashable, float] = {}
        queue = [(0.0, 0, seed_node)]
        counter = 1
        while queue:
            t, _, node = heapq.heappop(queue)
            if node in adopted or (horizon is not None and t > horizon):
                continue
            adopted[node] = t
            for nxt in sorted(G.successors(node), key=str):
                if nxt not in adopted and rng.random() < beta:
                    heapq.heappush(queue, (t + rng.expovariate(rate), counter, nxt))
                    counter += 1
        cascades[f"c{i}"] = adopted
    return cascades


def recovery(
    inferred: Iterable[Mapping[str, object]], true_edges: Iterable[tuple[Hashable, Hashable]]
) -> dict[str, float]:
    """Precision, recall and F1 of inferred edges against the true ones.

    Examples
    --------
    >>> recovery([{"origin_node": "A", "destination_node": "B"},
    ...           {"origin_node": "B", "destination_node": "C"}], [("A", "B"), ("A", "C")])
    {'inferred': 2, 'true': 2, 'correct': 1, 'precision': 0.5, 'recall': 0.5, 'f1': 0.5}
    """
    found = {(row["origin_node"], row["destination_node"]) for row in inferred}
    truth = set(true_edges)
    correct = len(found & truth)
    precision = correct / len(found) if found else 0.0
    recall = correct / len(truth) if truth else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "inferred": len(found),
        "true": len(truth),
        "correct": correct,
        "precision": precision,
        "recall": recall,
        "f1": f1,
    }


def compare_ties(
    inferred: Iterable[Mapping[str, object]], observed: nx.DiGraph
) -> list[dict[str, Any]]:
    """Inferred ties with what the news says about them.

    Adds to each row ``observed`` (1 if the learning network has the edge ``origin ->
    destination``, i.e. the destination is reported learning from the origin),
    ``observed_evidence`` (its evidence count, 0 if none) and ``observed_reverse`` (1 if
    only the opposite direction is reported).
    """
    rows = []
    for row in inferred:
        u, v = row["origin_node"], row["destination_node"]
        data = observed.get_edge_data(u, v) or {}
        rows.append(
            {
                **row,
                "observed": int(bool(data)),
                "observed_evidence": int(data.get("weight", 0)),
                "observed_reverse": int(not data and observed.has_edge(v, u)),
            }
        )
    return rows


# --------------------------------------------------------------------------------------
# The analytic: NetInf on the store's cascades, checked against the news
# --------------------------------------------------------------------------------------


@dataclass(slots=True)
class InferenceReport:
    """What :func:`infer_ties` did: the tie rows and the numbers behind them."""

    rows: list[dict[str, object]]
    cascades: int
    adoptions: int
    possible_edges: int
    rate: float
    observed_edges: int
    observed_inferred: int
    trees: list[dict[str, object]] = field(default_factory=list)


def _name(code: object) -> str:
    return str(region_attributes(str(code))["label"])


def infer_ties(
    store: GraphStore,
    *,
    by: str = "theme",
    programs: Iterable[str] = (),
    n_edges: int | None = None,
    p_value_cutoff: float | None = None,
    rate: float | None = None,
    **filters: Any,
) -> InferenceReport:
    """NetInf ties inferred from the store's cascades, compared with observed learning ties.

    Times are day numbers, so ``rate`` is per day. Rows are :func:`netinf` rows plus
    ``origin_name``, ``destination_name`` and the :func:`compare_ties` columns.
    """
    graph = adoption_network(store, **filters)
    times = cascade_times(graph, by, programs=programs)
    cascades = {
        cid: {n: float(day_number(t)) for n, t in nodes.items()} for cid, nodes in times.items()
    }
    learning = learning_projection(store, **filters)
    possible = possible_edges(cascades)
    if not possible:
        return InferenceReport([], len(cascades), 0, 0, 0.0, learning.number_of_edges(), 0)
    used_rate = default_lambda(cascades) if rate is None else rate
    edges, trees = netinf(
        cascades, n_edges=n_edges, p_value_cutoff=p_value_cutoff, rate=used_rate, trees=True
    )
    rows = [
        {
            **row,
            "origin_name": _name(row["origin_node"]),
            "destination_name": _name(row["destination_node"]),
        }
        for row in compare_ties(edges, learning)
    ]
    return InferenceReport(
        rows=rows,
        cascades=len(cascades),
        adoptions=sum(len(nodes) for nodes in cascades.values()),
        possible_edges=len(possible),
        rate=used_rate,
        observed_edges=learning.number_of_edges(),
        observed_inferred=sum(int(row["observed"]) for row in rows),
        trees=trees,
    )


def _infer_rows(store: GraphStore, **options: Any) -> list[dict[str, object]]:
    return infer_ties(store, **options).rows


ANALYTIC = Analytic(
    name="infer",
    summary="Diffusion ties inferred from cascades alone (NetInf), checked against the news.",
    description="Columns origin_node, destination_node, improvement, p_value (as R "
    "NetworkInference), then cascades, observed (1 if the news reports the destination "
    "learning from the origin), observed_evidence, observed_reverse and the region names.",
    run=_infer_rows,
    columns={
        "infer": (
            "origin_node",
            "destination_node",
            "improvement",
            "p_value",
            "cascades",
            "observed",
            "observed_evidence",
            "observed_reverse",
            "origin_name",
            "destination_name",
        ),
        "infer-trees": ("cascade_id", "child", "parent", "log_score"),
    },
    parameters=(
        Parameter("n_edges", "Infer this many ties.", type=int),
        Parameter(
            "p_value_cutoff",
            "Add ties while the Vuong test p-value stays below this (default 0.05).",
            type=float,
            option="--p-value",
        ),
        Parameter(
            "rate", "Exponential transmission rate per day (default: R netinf's estimate).",
            type=float,
        ),
    ),
    cascades=True,
    what="ties",
    example="sinergi analyze infer --n-edges 10 --out ties.csv",
    own_command=True,
    order=3,
)
