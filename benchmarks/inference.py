"""Does sinergi's NetInf give R NetworkInference's results, and recover a known network?

First the comparison with R NetworkInference 1.2.5 on the reference in
``../shared/reference/netinf`` (SPID ``policies``: 50 states, 728 policies; skipped when
absent): for each of the three settings there, the edges sinergi and R have in common,
how many sit at the same position, and the largest relative difference of improvement
and p-value over the common edges (1e-15 is floating-point noise; parity means 100% in
the same position and differences below 1e-6).

For each scenario: draw a random directed network (G(n, m)), let cascades spread over it
(:func:`sinergi.graph.analysis.inference.simulate_cascades`: a random seed region, each tie passes
the program on with probability ``beta`` after an exponential delay), forget the network,
infer it back with :func:`sinergi.graph.analysis.inference.netinf` and print precision and recall
of the recovered edges, with graph sizes and runtime. Two stopping rules: the true number
of edges (``n_edges=m``, as in the NetInf paper) and the Vuong test (``p < 0.05``).

The "days" scenarios round adoption times to whole days with a mean delay of 30 days, as
news dates do: adopters on the same day cannot be linked, which costs some recall.

Run: python benchmarks/inference.py [--seed 7] [--quick] [--reference-only]
"""

from __future__ import annotations

import argparse
import csv
import time
from pathlib import Path

import networkx as nx

from sinergi.graph.analysis.inference import (
    default_lambda,
    netinf,
    possible_edges,
    read_cascades,
    recovery,
    simulate_cascades,
)

REFERENCE = Path(__file__).resolve().parent.parent.parent / "shared" / "reference" / "netinf"
# R's output file, its netinf() arguments, the same for sinergi's netinf
R_SETTINGS = [
    ("netinf_exp_n100.csv", "n_edges=100", {"n_edges": 100}),
    ("netinf_exp_p05.csv", "p_value_cutoff=0.05", {"p_value_cutoff": 0.05}),
    ("netinf_exp_n50_lambda05.csv", "n_edges=50, params=0.5", {"n_edges": 50, "rate": 0.5}),
]

SCENARIOS = [
    # name, nodes, edges, cascades, rate (per time unit), round to whole units
    ("small", 15, 30, 300, 1.0, False),
    ("medium", 50, 120, 1000, 1.0, False),
    ("regions-days", 50, 120, 1000, 1 / 30, True),
    ("large", 100, 250, 2000, 1.0, False),
]


def _relative(a: float, b: float) -> float:
    return 0.0 if a == b else abs(a - b) / max(abs(a), abs(b))


def compare_with_r(folder: Path = REFERENCE) -> None:
    """Print, per reference setting, how far sinergi's edges are from R's."""
    if not (folder / "policies_cascades.csv").is_file():
        print(f"R reference: {folder} is absent, skipped")
        return
    cascades, nodes = read_cascades(folder / "policies_cascades.csv")
    print(
        f"R NetworkInference reference: {len(cascades)} cascades, {len(nodes)} nodes, "
        f"{len(possible_edges(cascades))} possible edges, lambda {default_lambda(cascades):.6f}"
    )
    for name, label, options in R_SETTINGS:
        with (folder / name).open(encoding="utf-8") as handle:
            expected = {
                (r["origin_node"], r["destination_node"]): (
                    i,
                    float(r["improvement"]),
                    float(r["p_value"]),
                )
                for i, r in enumerate(csv.DictReader(handle))
            }
        started = time.perf_counter()
        rows = netinf(cascades, node_order=nodes, **options)  # type: ignore[arg-type]
        seconds = time.perf_counter() - started
        common = same = 0
        improvement = p_value = 0.0
        for i, row in enumerate(rows):
            found = expected.get((str(row["origin_node"]), str(row["destination_node"])))
            if found is None:
                continue
            common += 1
            same += found[0] == i
            improvement = max(improvement, _relative(float(row["improvement"]), found[1]))
            p_value = max(p_value, _relative(float(row["p_value"]), found[2]))  # type: ignore[arg-type]
        print(
            f"  {label:<22} R {len(expected):>4} edges, sinergi {len(rows):>4}  "
            f"common {common:>4}  same position {same:>4}  "
            f"max rel. diff improvement {improvement:.1e}  p-value {p_value:.1e}  "
            f"{seconds:.2f} s"
        )


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
    parser.add_argument("--reference-only", action="store_true", help="Only the comparison with R.")
    args = parser.parse_args()
    compare_with_r()
    if args.reference_only:
        return
    for scenario in SCENARIOS:
        if args.quick and scenario[0] == "large":
            continue
        run(*scenario, seed=args.seed)


if __name__ == "__main__":
    main()
