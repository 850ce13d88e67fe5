"""Diffusion ties inferred from adoption times alone: NetInf (exponential model).

NetInf (Gomez-Rodriguez, Leskovec & Krause, KDD 2010) looks for the directed network whose
cascade trees best explain when each node adopted. This is the greedy algorithm of R
``NetworkInference::netinf`` (``desmarais-lab/NetworkInference``, ``src/netinf.cpp``),
written again for NetworkX-sized problems:

* transmission density ``f(d) = lambda * exp(-lambda * d)`` for a delay ``d > 0``;
* each adopter's parent in a cascade is the best strictly earlier adopter; before any
  edge is chosen every such link is weighted ``log(epsilon * f)`` (``epsilon = 1e-9``),
  a link along a chosen edge ``log(beta * f)`` (``beta = 0.5``); the first adopter(s) of a
  cascade have no parent and no score;
* an edge ``u -> v`` is possible if ``u`` adopted strictly before ``v`` in some cascade; the
  greedy step adds the possible edge whose use raises the summed tree scores most (lazy
  evaluation, exact because the gains only shrink), ties going to the smallest (origin,
  destination);
* after each step a Vuong-style test compares the per-cascade tree scores before and after
  (the new ones penalised by 1/number of cascades): ``p = 1 - Phi(sum(d) / (sd(d) *
  sqrt(n)))``.

Differences from the R package: the default ``lambda`` is R's (the mean of 1/mean
time-since-first-adoption and 1/mean time-since-previous-adoption); with
``p_value_cutoff`` the edge whose p-value reaches the cutoff is *not* returned (R returns
it); the search also stops when no edge improves the fit.
"""

from __future__ import annotations

import heapq
import math
import random
import statistics
from collections.abc import Hashable, Iterable, Mapping
from itertools import pairwise

import networkx as nx

from sinergi.errors import SinergiError

__all__ = [
    "compare_ties",
    "default_lambda",
    "netinf",
    "possible_edges",
    "recovery",
    "simulate_cascades",
]

Cascades = Mapping[str, Mapping[Hashable, float]]

BETA = 0.5
EPSILON = 1e-9


def _sorted(cascades: Cascades) -> dict[str, list[tuple[float, Hashable]]]:
    return {
        str(cid): sorted(((float(t), n) for n, t in nodes.items()), key=lambda x: (x[0], str(x[1])))
        for cid, nodes in cascades.items()
    }


def default_lambda(cascades: Cascades) -> float:
    """R ``netinf``'s default rate: mean of 1/mean(t - t_first) and 1/mean(t - t_previous).

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
    return (1 / first + 1 / previous) / 2


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


def _log_weight(delay: float, rate: float, scale: float) -> float:
    return math.log(scale * rate) - rate * delay


def _vuong(before: list[float], after: list[float]) -> float | None:
    n = len(after)
    if n < 2:
        return None
    diffs = [(a - 1 / n) - b for a, b in zip(after, before, strict=True)]
    total = math.fsum(diffs)
    mean = total / n
    sd = math.sqrt(math.fsum((d - mean) ** 2 for d in diffs) / (n - 1))
    if sd == 0:
        return 0.0 if total > 0 else 1.0
    stat = total / (sd * math.sqrt(n))
    return 1 - 0.5 * (1 + math.erf(stat / math.sqrt(2)))


def netinf(
    cascades: Cascades,
    *,
    n_edges: int | None = None,
    p_value_cutoff: float | None = None,
    rate: float | None = None,
    trees: bool = False,
) -> list[dict[str, object]] | tuple[list[dict[str, object]], list[dict[str, object]]]:
    """Infer diffusion ties from cascades with greedy NetInf (exponential model).

    Parameters
    ----------
    cascades : mapping
        ``cascade_id -> {node: time}`` with numeric times (day numbers from
        :func:`sinergi.graph.cascades.cascades_from_rows`); nodes with equal times cannot
        infect each other.
    n_edges : int, optional
        Number of edges to infer (fewer if no further edge improves the fit).
    p_value_cutoff : float, optional
        Instead of ``n_edges``: add edges while the Vuong test's p-value stays below it.
        Default 0.05 when neither is given.
    rate : float, optional
        ``lambda`` of the exponential model, per time unit; default
        :func:`default_lambda`.
    trees : bool
        Also return each cascade's inferred tree.

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
        If both ``n_edges`` and ``p_value_cutoff`` are given, or either is out of range.

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
    if rate <= 0:
        raise SinergiError("the transmission rate must be positive")
    ordered = _sorted(cascades)
    names = sorted(ordered)
    times = {cid: {n: t for t, n in ordered[cid]} for cid in names}
    # current parent score (None: first adopter, no parent possible) and parent per node
    score: dict[str, dict[Hashable, float | None]] = {}
    parent: dict[str, dict[Hashable, Hashable | None]] = {}
    for cid in names:
        score[cid], parent[cid] = {}, {}
        latest: float | None = None  # latest adoption time strictly before the current one
        previous: float | None = None
        for t, node in ordered[cid]:
            if previous is not None and previous < t:
                latest = previous
            previous = t
            score[cid][node] = None if latest is None else _log_weight(t - latest, rate, EPSILON)
            parent[cid][node] = None
    tree_score = {cid: sum(s for s in score[cid].values() if s is not None) for cid in names}
    candidates = possible_edges(cascades)
    # the weight of each possible link along edge u -> v, per cascade, computed once
    links = {
        edge: [
            (cid, _log_weight(times[cid][edge[1]] - times[cid][edge[0]], rate, BETA))
            for cid in cids
        ]
        for edge, cids in candidates.items()
    }

    def gain(edge: tuple[Hashable, Hashable]) -> tuple[float, list[tuple[str, float]]]:
        v = edge[1]
        total, used = 0.0, []
        for cid, new in links[edge]:
            current = score[cid][v]
            if current is not None and new > current:
                total += new - current
                used.append((cid, new))
        return total, used

    heap = [(-gain(edge)[0], str(edge[0]), str(edge[1]), edge) for edge in candidates]
    heapq.heapify(heap)
    chosen: list[dict[str, object]] = []
    limit = n_edges if n_edges is not None else len(candidates)
    while heap and len(chosen) < limit:
        _, _, _, edge = heapq.heappop(heap)
        improvement, used = gain(edge)
        if heap and improvement < -heap[0][0]:
            heapq.heappush(heap, (-improvement, str(edge[0]), str(edge[1]), edge))
            continue
        if improvement <= 0:
            break
        before = [tree_score[cid] for cid in names]
        for cid, new in used:
            tree_score[cid] += new - float(score[cid][edge[1]])  # type: ignore[arg-type]
            score[cid][edge[1]] = new
            parent[cid][edge[1]] = edge[0]
        p_value = _vuong(before, [tree_score[cid] for cid in names])
        if p_value_cutoff is not None and (p_value is None or p_value >= p_value_cutoff):
            break
        chosen.append(
            {
                "origin_node": edge[0],
                "destination_node": edge[1],
                "improvement": improvement,
                "p_value": p_value,
                "cascades": len(used),
            }
        )
    if not trees:
        return chosen
    tree_rows = [
        {
            "cascade_id": cid,
            "child": node,
            "parent": parent[cid][node],
            "log_score": score[cid][node],
        }
        for cid in names
        for _, node in ordered[cid]
        if score[cid][node] is not None
    ]
    return chosen, tree_rows


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
) -> list[dict[str, object]]:
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
