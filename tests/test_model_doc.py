"""docs/model.md: its diagram is the generated one, and each worked example's SPARQL finds
the example in its own Turtle, with exactly the result table the page shows."""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path
from types import ModuleType

import pytest
from rdflib import Graph

from sinergi.graph.store.validate import load_shapes
from sinergi.namespace import OA
from sinergi.ontology import load_ontology
from tests.conftest import REPO


def _script(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, REPO / "scripts" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


mermaid_class_diagram = _script("model_diagram").mermaid_class_diagram

DOC = REPO / "docs" / "model.md"
TEXT = DOC.read_text(encoding="utf-8")
SECTIONS = re.split(r"^### ", TEXT, flags=re.MULTILINE)[1:]
FENCE = re.compile(r"```(\w+)\n(.*?)\n```", re.DOTALL)


def blocks(section: str, language: str) -> list[str]:
    return [body for lang, body in FENCE.findall(section) if lang == language]


def table(section: str) -> list[list[str]]:
    rows = [line for line in section.splitlines() if line.startswith("| ")]
    return [
        [cell.strip().replace("\\|", "|") for cell in row.strip("| ").split(" | ")] for row in rows
    ]


def cell(value: object) -> str:
    return "" if value is None else str(value)


def test_three_worked_examples() -> None:
    assert [s.split("\n", 1)[0].split(":")[0] for s in SECTIONS] == [
        "Example 1",
        "Example 2",
        "Example 3",
    ]


@pytest.mark.parametrize("section", SECTIONS, ids=lambda s: s.split(":")[0])
def test_example_query_finds_the_example(section: str) -> None:
    [turtle] = blocks(section, "turtle")
    [sparql] = blocks(section, "sparql")
    graph = Graph().parse(data=turtle, format="turtle")

    result = graph.query(sparql)

    header, *rows = table(section)
    assert header == [str(v) for v in result.vars]
    found = [[cell(row[v]) for v in result.vars] for row in result]
    assert found, "the query finds nothing in its example"
    assert found == rows


def test_examples_are_real_sinergi_output() -> None:
    """Each excerpt has the provenance the mapping writes: article, evidence, quote."""
    for section in SECTIONS:
        [turtle] = blocks(section, "turtle")
        graph = Graph().parse(data=turtle, format="turtle")
        quotes = list(graph.objects(None, OA.exact))
        assert quotes
        assert "sgid:" not in turtle  # full IRIs, no escaped slashes


def test_diagram_is_generated_from_the_ontology_and_shapes() -> None:
    [diagram] = blocks(TEXT.split("<!-- END generated: diagram -->")[0], "mermaid")
    assert diagram + "\n" == mermaid_class_diagram(load_ontology(), load_shapes()), (
        "run: python scripts/build_model_doc.py"
    )
    for name in ("sg_Visit", "org_Membership", "time_Interval", "sgsh_ProvenanceShape"):
        assert f"class {name}[" in diagram


@pytest.mark.shared
def test_example_texts_are_not_taken_from_the_corpus(shared: Path) -> None:
    quotes = []
    for section in SECTIONS:
        [turtle] = blocks(section, "turtle")
        graph = Graph().parse(data=turtle, format="turtle")
        quotes += [str(q) for q in graph.objects(None, OA.exact)]
    corpus = [
        p.read_text(encoding="utf-8") for p in (shared / "corpus" / "seeds" / "text").iterdir()
    ]
    with open(shared / "corpus" / "dev" / "docs.jsonl", encoding="utf-8") as lines:
        corpus += [json.loads(line).get("text", "") for line in lines if line.strip()]
    for quote in quotes:
        assert not any(quote in text for text in corpus), quote
