"""The query library gives the same answers on Apache Jena as on Oxigraph.

Researchers point sinergi at other SPARQL servers; the library must not depend on
Oxigraph's spellings. The demo graph is exported as N-Quads, loaded into a Jena TDB2 store
(Debian's ``libapache-jena-java``, installed by ``.ci/run``) and every library query, with
the parameters of its documented example, runs on both with the union of the named graphs
as the default graph. Rows are compared as multisets of plain values (numbers compared as
numbers, so "1.0E0" and "1" agree). Skips without Java or Jena.
"""

from __future__ import annotations

import json
import shlex
import shutil
import subprocess
import zipfile
from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest

from sinergi import api
from sinergi.queries import load_queries

JAVA = Path("/usr/share/java")
# The jars of Debian's libapache-jena-java and of the packages it depends on.
JARS = [
    "jena-arq", "jena-base", "jena-cmds", "jena-core", "jena-dboe-base", "jena-dboe-index",
    "jena-dboe-storage", "jena-dboe-trans-data", "jena-dboe-transaction", "jena-iri",
    "jena-rdfconnection", "jena-shacl", "jena-shex", "jena-tdb", "jena-tdb2",
    "commons-cli", "commons-codec", "commons-compress", "commons-csv", "commons-io",
    "commons-lang3", "dexx.collection", "gson", "guava", "httpclient", "httpcore",
    "commons-logging", "jackson-core", "jackson-databind", "jackson-annotations",
    "jsonld-java", "jakarta.json-api", "protobuf", "thrift", "titanium-json-ld",
    "caffeine", "slf4j-api",
]  # fmt: skip

NUMERIC = {
    "http://www.w3.org/2001/XMLSchema#" + t
    for t in ("integer", "decimal", "double", "float", "long", "int")
}


def classpath(folder: Path) -> str | None:
    """Jena's classpath, plus the resource fix its Debian packaging needs, or None.

    Debian relocates Jena's shaded Xerces classes to ``xerces.*`` but leaves their
    message files under ``org/apache/jena/ext/xerces``: without a copy at the relocated
    path, Jena fails to start ("internal error" in XSSimpleTypeDecl).
    """
    if shutil.which("java") is None or not (JAVA / "jena-arq.jar").exists():
        return None
    jars = [str(JAVA / f"{name}.jar") for name in JARS if (JAVA / f"{name}.jar").exists()]
    fix = folder / "jena-xerces-resources.jar"
    prefix = "org/apache/jena/ext/xerces/"
    with zipfile.ZipFile(JAVA / "jena-core.jar") as core, zipfile.ZipFile(fix, "w") as out:
        for item in core.namelist():
            if item.startswith(prefix) and item.endswith(".properties"):
                out.writestr("xerces/" + item[len(prefix) :], core.read(item))
    return ":".join([*jars, str(fix)])


def jena(cp: str, *args: str) -> str:
    result = subprocess.run(
        # quick start-up flags: each query is one short-lived JVM
        ["java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", cp, *args],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


@pytest.fixture(scope="module")
def stores(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, Path]:
    root = tmp_path_factory.mktemp("jena")
    cp = classpath(root)
    if cp is None:
        pytest.skip("Java and Debian's libapache-jena-java are needed")
    api.run_demo(root / "demo")
    store = root / "demo" / "store"
    dump = root / "demo.nq"
    with api.open_store(store, read_only=True) as graph:
        api.export_graph(graph, "nquads", dump)
    tdb = root / "tdb2"
    jena(cp, "tdb2.tdbloader", "--loc", str(tdb), str(dump))
    return store, cp, tdb


def example_params(example: str) -> dict[str, str]:
    words = shlex.split(example)
    return dict(
        words[i + 1].split("=", 1) for i, word in enumerate(words) if word in {"--param", "-p"}
    )


def normal(value: object, datatype: str | None = None) -> object:
    if value is None:
        return None
    if datatype in NUMERIC or isinstance(value, int | float | Decimal):
        return round(float(value), 6)
    return str(value)


def jena_rows(cp: str, tdb: Path, sparql: str, folder: Path) -> list[tuple]:
    query = folder / "query.rq"
    query.write_text(sparql, encoding="utf-8")
    out = jena(
        cp, "tdb2.tdbquery", "--loc", str(tdb), "--set", "tdb:unionDefaultGraph=true",
        "--results", "JSON", "--query", str(query),
    )  # fmt: skip
    data = json.loads(out)
    names = data["head"]["vars"]
    rows = []
    for binding in data["results"]["bindings"]:
        cells = [binding.get(name) for name in names]
        rows.append(tuple(normal(c["value"], c.get("datatype")) if c else None for c in cells))
    return sorted(rows, key=repr)


@cache
def library() -> list[str]:
    return sorted(load_queries())


@pytest.mark.parametrize("name", library())
def test_query_answers_the_same_on_jena(
    stores: tuple[Path, str, Path], name: str, tmp_path: Path
) -> None:
    store, cp, tdb = stores
    query = load_queries()[name]
    sparql = api.bind_query(api.get_query(name), example_params(query.example))
    with api.open_store(store, read_only=True) as graph:
        result = graph.query(sparql)
    ours = sorted(
        (tuple(normal(row[v]) for v in result.variables) for row in result.values()), key=repr
    )
    assert ours == jena_rows(cp, tdb, sparql, tmp_path), name
