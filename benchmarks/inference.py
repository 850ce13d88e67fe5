"""How well does sinergi's NetInf recover a known network from cascades alone?

For each scenario: draw a random directed network (G(n, m)), let cascades spread over it
(:func:`sinergi.graph.inference.simulate_cascades`: a random seed region, each tie passes
the program on with probability ``beta`` after an exponential delay), forget the network,
infer it back with :func:`sinergi.graph.inference.netinf` and print precision and recall
of the recovered edges, with graph sizes and runtime. Two stopping rules: the true number
of edges (``n_edges=m``, as in the NetInf paper) and the Vuong test (``p < 0.05``).

The "days" scenarios round adoption times to whole days with a mean delay of 30 days, as
news dates do: adopters on the same day cannot be linked, which costs some recall.

Run: python benchmarks/inference.py [--seed 7] [--quick]
"""

from __future__ import annotations

import argparse
import time

import networkx as nx

from sinergi.graph.inference import netinf, possible_edges, recovery, simulate_cascades

SCENARIOS = [
    # name, nodes, edges, cascades, rate (per time unit), round to whole units
    ("small", 15, 30, 300, 1.0, False),
    ("medium", 50, 120, 1000, 1.0, False),
    ("regions-days", 50, 120, 1000, 1 / 30, True),
    ("large", 100, 250, 2000, 1.0, False),
]


def run(name: str, n: int, m: int, count: int, rate: float, days: bool, seed: int) -> None:
    graph = nx.gnm_random_graph(n, m, seed=seed, directed=True)
    cascades = simulate_cascades(graph, count, beta=0.5, rate=rate, seed=seed + 1)
    if days:
        cascades = {
            c: {v: float(round(t)) for v, t in nodes.items()} for c, nodes in cascades.items()
        }
    cascades = {c: nodes for c, nodes in cascades.items() if len(nodes) > 1}
    adoptions = sum(len(nodes) for nodes in cascades.values())
    possible = len(possible_edges(cascades))
    print(
        f"{name}: {n} nodes, {m} edges; {len(cascades)} cascades with 2+ adopters, "
        f"{adoptions} adoptions, {possible} possible edges"
    )
    for label, options in (
        (f"n_edges={m}", {"n_edges": m}),
        ("p < 0.05", {"p_value_cutoff": 0.05}),
    ):
        started = time.perf_counter()
        rows = netinf(cascades, **options)
        seconds = time.perf_counter() - started
        score = recovery(rows, graph.edges())
        print(
            f"  {label:<12} inferred {score['inferred']:>4}  correct {score['correct']:>4}  "
            f"precision {score['precision']:.3f}  recall {score['recall']:.3f}  "
            f"F1 {score['f1']:.3f}  {seconds:.2f} s"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--quick", action="store_true", help="Only the small scenarios.")
    args = parser.parse_args()
    for scenario in SCENARIOS:
        if args.quick and scenario[0] == "large":
            continue
        run(*scenario, seed=args.seed)


if __name__ == "__main__":
    main()
