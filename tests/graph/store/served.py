"""`sinergi serve` in a child process, as a researcher runs it, for the serve tests."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from sinergi import api

EX = "http://example.org/"
RUNAWAY = "SELECT ?a WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } GROUP BY ?a"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
JSON = {"Accept": "application/sparql-results+json"}


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def literal_store(path: Path) -> Path:
    """The reference graph (about 9,000 triples) and 50 values in three literal kinds.

    Big enough for :data:`RUNAWAY` to run for ever; the three kinds make Oxigraph 0.5.13
    panic on ``ORDER BY`` over them.
    """
    rows = []
    for value in range(50):
        subject = f"<{EX}s{value}>"
        rows += [
            f'{subject} <{EX}plain> "{value}" .',
            f'{subject} <{EX}tagged> "{value}"@id .',
            f"{subject} <{EX}number> {value} .",
        ]
    with api.open_store(path) as graph:
        body = "\n".join(rows)
        graph.update(f"INSERT DATA {{ GRAPH <{EX}g> {{\n{body}\n}} }}")
    return path


class Served:
    """`sinergi serve` on a free port, in a child process, once it has printed its URL."""

    def __init__(self, store: Path, *args: str) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        command = [sys.executable, "-m", "sinergi.cli", "serve", "--store", str(store)]
        self.process = subprocess.Popen(
            [*command, "--port", str(self.port), *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        first = self.process.stdout.readline() if self.process.stdout else ""
        if f"at {self.url}/" not in first:
            self.process.kill()
            raise AssertionError(self.process.stderr.read() if self.process.stderr else first)

    def backends(self) -> list[int]:
        """Process ids of the Oxigraph server(s) running under it now."""
        return children_of(self.process.pid)

    def stop(self) -> int:
        self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout=15)
        finally:
            if self.process.poll() is None:
                self.process.kill()
                self.process.wait(timeout=10)


def children_of(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def wait_gone(pids: list[int], seconds: float = 10) -> bool:
    """Whether all of ``pids`` have exited within ``seconds``."""
    deadline = time.monotonic() + seconds
    while any(alive(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.05)
    return not any(alive(pid) for pid in pids)
