"""Run a SPARQL query where a crash of the engine cannot take the caller down; page it.

Oxigraph 0.5.13 *aborts the process* on some read-only queries: ``SELECT DISTINCT ?o
WHERE { ?s ?p ?o } ORDER BY DESC(?o)`` over a mix of plain strings, language-tagged
strings and integers panics in Rust's sort ("user-provided comparison function does not
correctly implement a total order"), and pyoxigraph turns that panic into ``abort()``:
exit 134 and a Rust stack trace, which no ``try`` in Python can catch (measured: 150
triples, 50 values of each kind, crash it every time). So a query nobody has tested, a
user's ``.rq`` file, is evaluated in a child process by :func:`run_isolated`: the child
opens the store read-only, evaluates the query and streams the solutions back as SPARQL
TSV (terms in N-Triples syntax, so nothing is lost); an abort there becomes one
:class:`~sinergi.errors.QueryError` here. The library queries are tested and run in
process: a child costs about 0.2 s (Python, pyoxigraph, opening the store). A library
query cannot be "retried isolated" after it crashed, since the crash is an abort of the
very process that would retry; ``sinergi query --isolated`` runs one isolated up front.

:func:`paged` applies ``--limit``/``--offset`` to a SELECT query's text.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sinergi.errors import QueryError, StoreError

if TYPE_CHECKING:
    from sinergi.graph.store import QueryResult

__all__ = ["paged", "run_isolated"]

#: Marks the child's own one-line errors on its stderr, as opposed to a crash report.
_ERROR_MARK = "sinergi-isolated-error"
_IRI = re.compile(r"""<[^<>"{}|^`\\\s]*>""")
_PROLOGUE = re.compile(r"\s*(?:(?:BASE\s+<[^>]*>|PREFIX\s+[^\s:]*:\s*<[^>]*>)\s*)*", re.IGNORECASE)
_FORM = re.compile(r"\s*(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE)
_TOP_KEYWORD = re.compile(r"\b(?:LIMIT|OFFSET|VALUES)\b", re.IGNORECASE)


def paged(sparql: str, limit: int | None = None, offset: int | None = None) -> str:
    """``sparql`` returning at most ``limit`` rows after skipping ``offset``.

    A query with no ``LIMIT``, ``OFFSET`` or trailing ``VALUES`` of its own gets the
    modifiers appended; otherwise it becomes a sub-select of ``SELECT * WHERE { ... }``,
    so that its own limit is applied first and the page is cut from that. Oxigraph keeps
    the sub-select's ``ORDER BY`` and column order, so pages of an ordered query are
    stable; a query without ``ORDER BY`` has no defined row order to page through.
    """
    if limit is None and offset is None:
        return sparql
    modifiers = " ".join(
        f"{word} {value}"
        for word, value in (("LIMIT", limit), ("OFFSET", offset))
        if value is not None
    )
    from sinergi.queries.groups import blank_opaque  # imports rdflib: not in the child

    # Strings and comments blanked, IRIs too (an IRI may spell LIMIT): offsets unchanged.
    code = _IRI.sub(lambda m: " " * len(m.group(0)), blank_opaque(sparql))
    prologue = _PROLOGUE.match(blank_opaque(sparql))
    start = prologue.end() if prologue else 0
    form = _FORM.match(code, start)
    if form is None or form.group(1).upper() != "SELECT":
        raise QueryError("`limit` and `offset` apply to SELECT queries only")
    if not _TOP_KEYWORD.search(_top_level(code)):
        return f"{sparql.rstrip()}\n{modifiers}\n"
    body = sparql[start:].rstrip()
    return f"{sparql[:start]}SELECT * WHERE {{\n{body}\n}}\n{modifiers}\n"


def _top_level(code: str) -> str:
    """``code`` with everything inside braces blanked: what the query itself says.

    A ``LIMIT`` of a sub-select or a ``VALUES`` block inside the pattern does not stop
    appending; one at the top level does (a ``VALUES`` clause must come last).
    """
    out, depth = [], 0
    for char in code:
        if char == "{":
            depth += 1
        out.append(char if depth == 0 else " ")
        if char == "}":
            depth = max(0, depth - 1)
    return "".join(out)


def run_isolated(location: str | Path, sparql: str) -> QueryResult:
    """The rows of SELECT ``sparql`` over the store at ``location``, from a child process.

    Raises :class:`QueryError` for a bad or crashing query (the one-line reason, the
    panic message when the engine aborted) and :class:`StoreError` when the store cannot
    be opened.
    """
    import pyoxigraph as ox

    from sinergi.graph.store import QueryResult, from_ox

    env = {**os.environ, "RUST_BACKTRACE": "0"}  # the panic message, not 40 frames
    with tempfile.TemporaryFile() as errors:
        child = subprocess.Popen(
            [sys.executable, "-m", "sinergi.graph.store.isolation", str(location)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=errors,
            env=env,
        )
        assert child.stdin is not None and child.stdout is not None
        try:
            child.stdin.write(sparql.encode("utf-8"))
            child.stdin.close()
            try:
                solutions = ox.parse_query_results(child.stdout, ox.QueryResultsFormat.TSV)
                if not isinstance(solutions, ox.QuerySolutions):
                    raise ValueError("expected SELECT solutions")  # TSV holds no ASK boolean
                variables = [v.value for v in solutions.variables]
                rows = [{name: from_ox(s[name]) for name in variables} for s in solutions]
            except (SyntaxError, OSError, ValueError):
                variables, rows = [], []  # cut short: the exit status says why
            code = child.wait()
        finally:
            if child.poll() is None:
                child.kill()
                child.wait()
            child.stdout.close()
        if code == 0:
            return QueryResult(variables, rows)
        errors.seek(0)
        raise _failure(code, errors.read().decode("utf-8", errors="replace"))


def _failure(code: int, stderr: str) -> QueryError | StoreError:
    """The error for a child that exited with ``code`` after printing ``stderr``."""
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    for line in lines:
        if line.startswith(_ERROR_MARK):
            kind, _, message = line[len(_ERROR_MARK) + 1 :].partition(": ")
            return StoreError(message) if kind == "store" else QueryError(message)
    panic = next((i for i, line in enumerate(lines) if "panicked at" in line), None)
    if panic is not None and panic + 1 < len(lines) and not lines[panic + 1].startswith("note:"):
        reason = f"Oxigraph panicked: {lines[panic + 1]}"
    elif code < 0:
        reason = f"killed by signal {-code}"
    else:
        reason = f"exit code {code}"
    return QueryError(
        f"the query crashed the SPARQL engine ({reason}); Oxigraph 0.5 does so on ORDER BY "
        "over a mix of plain strings, language-tagged strings and numbers: order by "
        "STR(?x) instead"
    )


def _child(location: str) -> int:
    """Evaluate the query on stdin over the store at ``location``; SPARQL TSV on stdout."""
    import pyoxigraph as ox

    def fail(kind: str, message: str) -> int:
        one_line = " ".join(message.split())
        sys.stderr.write(f"{_ERROR_MARK} {kind}: {one_line}\n")
        return 1

    sparql = sys.stdin.buffer.read().decode("utf-8")
    try:
        store = _open(ox, Path(location))
    except StoreError as exc:
        return fail("store", str(exc))
    try:
        solutions = store.query(sparql, use_default_graph_as_union=True)
    except SyntaxError as exc:
        return fail("query", f"invalid SPARQL: {exc}")
    except Exception as exc:  # an evaluation error: one line for the parent
        return fail("query", str(exc))
    if not isinstance(solutions, ox.QuerySolutions):
        return fail("query", "only SELECT queries return rows; use ask() for ASK")
    try:
        solutions.serialize(sys.stdout.buffer, ox.QueryResultsFormat.TSV)
        sys.stdout.buffer.flush()
    except BrokenPipeError:
        return 1  # the parent went away (Ctrl-C): nobody to tell
    except Exception as exc:  # evaluation is lazy: its errors surface while writing
        return fail("query", str(exc))
    return 0


def _open(ox: Any, path: Path) -> Any:
    """``path`` opened read-only as :class:`~sinergi.graph.store.OxigraphStore` does.

    Not through that class: :mod:`sinergi.graph.store` imports rdflib, which would
    double the child's start-up (0.4 s against 0.1 s measured) for terms it never
    builds, since the solutions go out as TSV straight from pyoxigraph.
    """
    if not (path / "CURRENT").is_file():
        raise StoreError(f"no store at {path}: ingest something into it first")
    for attempt in range(20):  # a writer may replace files while we read their list
        try:
            return ox.Store.read_only(str(path))
        except (OSError, RuntimeError) as exc:
            if "No such file or directory" not in str(exc) or attempt == 19:
                raise StoreError(f"cannot open store {path}: {exc}") from exc
        time.sleep(0.05)
    raise AssertionError("unreachable")


if __name__ == "__main__":
    sys.exit(_child(sys.argv[1]))
