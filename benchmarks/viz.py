"""Measure the interactive network view at full scale: 550 regions, 3,000 links.

Usage (from the repository root)::

    python benchmarks/viz.py                      # 550 regions, 3,000 learning links
    python benchmarks/viz.py --nodes 552 --edges 5000 --keep view.html

Builds a synthetic learning view (real regions and coordinates, random links with one to
five pieces of evidence each, dated 2015-2025, with made-up titles and sentences), writes
it with :func:`sinergi.viz.write_view_html`, then opens it from ``file://`` in headless
Chromium (Debian's ``/usr/bin/chromium``, or ``$SINERGI_CHROMIUM``) with every non-file
request blocked, and prints:

- the Python time to build the page (layouts included) and the file size;
- the time from navigation start to the network's first ``afterDrawing`` event, and to
  the page being interactive (the second frame, after the view is fitted);
- the time one filter change takes (moving the time slider to mid-range, until the next
  frame is drawn);
- requests attempted to anything outside the file (must be none).

The target is "interactive in at most 2 s" in headless Chromium.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import networkx as nx

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from sinergi.reference import load_regions  # noqa: E402
from sinergi.viz import write_view_html  # noqa: E402
from sinergi.viz.views import Evidence, region_node  # noqa: E402
from tests.viz.chromium import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

THEMES = ("perdagangan", "kesehatan", "pendidikan", "kominfo", "pariwisata", "lingkungan-hidup")
WORDS = [
    "pemerintah",
    "daerah",
    "rombongan",
    "studi",
    "banding",
    "program",
    "inovasi",
    "pelayanan",
    "publik",
    "kunjungan",
    "kerja",
    "sama",
    "pengelolaan",
    "sampah",
    "pasar",
    "murah",
    "perizinan",
    "terpadu",
    "digital",
    "desa",
]


def synthetic_view(nodes: int = 550, edges: int = 3000, *, seed: int = 0) -> nx.MultiDiGraph:
    """A learning view graph of ``nodes`` real regions and ``edges`` random links."""
    rng = random.Random(seed)
    codes = sorted(load_regions())[:nodes]
    graph = nx.MultiDiGraph(view="learning", focus=(), description="Synthetic benchmark view.")
    for code in codes:
        graph.add_node(code, **region_node(code))
    pairs: set[tuple[str, str]] = set()
    while len(pairs) < edges:
        u, v = rng.sample(codes, 2)
        pairs.add((u, v))
    start = date(2015, 1, 1)
    article = 0
    for u, v in sorted(pairs):
        evidence = []
        for _ in range(rng.choice((1, 1, 1, 2, 2, 3, 5))):
            article += 1
            when = start + timedelta(days=rng.randrange(11 * 365))
            sentence = " ".join(rng.choice(WORDS) for _ in range(22)).capitalize() + "."
            evidence.append(
                Evidence(
                    statement=f"urn:bench:learning:{article}",
                    kind="learning",
                    date=when.isoformat(),
                    doc=f"bench-{article}",
                    title=f"Artikel uji {article}: studi banding {u} ke {v}",
                    url=f"https://example.org/berita/{article}",
                    sentences=(sentence,),
                    themes=(rng.choice(THEMES),),
                    confidence=0.8,
                )
            )
        evidence.sort(key=lambda e: (e.date or "", e.statement))
        graph.add_edge(u, v, key="learning", kind="learning", directed=True, evidence=evidence)
    return graph


def measure_browser(path: Path) -> dict[str, float | int | list[str]]:
    """Open the page in headless Chromium and time the first draw and a filter change."""
    from playwright.sync_api import sync_playwright

    blocked: list[str] = []
    errors: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 900})

        def route(r):  # type: ignore[no-untyped-def]
            if r.request.url.startswith(("file:", "data:", "blob:")):
                r.continue_()
            else:
                blocked.append(r.request.url)
                r.abort()

        page.route("**/*", route)
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(path.resolve().as_uri())
        page.wait_for_function("() => window.sinergi && window.sinergi.ready", timeout=60_000)
        timing = page.evaluate("() => window.sinergiTiming")
        filter_ms = page.evaluate(
            """() => new Promise(resolve => {
                const slider = document.getElementById('time-to');
                const start = performance.now();
                network.once('afterDrawing', () => resolve(performance.now() - start));
                slider.value = String(Math.round((+slider.min + +slider.max) / 2));
                slider.dispatchEvent(new Event('input'));
            })"""
        )
        shown = page.evaluate(
            "() => [network.body.nodeIndices.length, window.sinergi.visibleEdges.size]"
        )
        browser.close()
    return {
        "first_draw_ms": timing["firstDraw"],
        "ready_ms": timing["ready"],
        "filter_ms": filter_ms,
        "nodes_drawn": shown[0],
        "edges_after_filter": shown[1],
        "blocked": blocked,
        "errors": errors,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--nodes", type=int, default=550)
    parser.add_argument("--edges", type=int, default=3000)
    parser.add_argument("--keep", type=Path, default=None, help="also keep the page here")
    args = parser.parse_args()

    started = time.perf_counter()
    graph = synthetic_view(args.nodes, args.edges)
    built = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        path = args.keep or Path(folder) / "benchmark.html"
        write_view_html(graph, path, title="Benchmark: synthetic learning network")
        written = time.perf_counter()
        size = path.stat().st_size
        evidence = sum(len(d["evidence"]) for _u, _v, d in graph.edges(data=True))
        print(
            f"graph: {graph.number_of_nodes()} regions, {graph.number_of_edges()} links, "
            f"{evidence} pieces of evidence (synthetic, {built - started:.2f} s)"
        )
        print(f"page: {size / 1e6:.2f} MB, written in {written - built:.2f} s (layouts included)")
        if not CHROMIUM.exists():
            print(f"browser: skipped, {CHROMIUM} not found")
            return 0
        try:
            result = measure_browser(path)
        except ImportError:
            print("browser: skipped, playwright (python) is not installed")
            return 0
    print(
        f"browser: first afterDrawing {result['first_draw_ms']:.0f} ms after navigation start, "
        f"interactive {result['ready_ms']:.0f} ms; {result['nodes_drawn']} regions drawn"
    )
    print(
        f"filter: time slider to mid-range redrawn in {result['filter_ms']:.0f} ms "
        f"({result['edges_after_filter']} links left)"
    )
    print(f"requests outside the file: {len(result['blocked'])}; page errors: {result['errors']}")
    ok = result["ready_ms"] <= 2000 and not result["blocked"] and not result["errors"]
    print("target (interactive in <= 2 s, offline): " + ("met" if ok else "NOT met"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
