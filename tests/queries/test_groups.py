"""WHERE groups and parameter scopes: sinergi.queries.groups, and bind_query that uses it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from sinergi.graph.store import OxigraphStore
from sinergi.queries import bind_query, get_query
from sinergi.queries.groups import blank_opaque, where_groups
from tests.graph.store.fixture_corpus import build_store

# Two sub-selects: one reads the parameter, one does not. Comments, strings and an IRI
# hold braces, "#" and the parameter's name, none of which is code.
SCOPED = """# title: Regions of a province with their names
# param: province (region, required): a province, e.g. 17
PREFIX sg: <https://w3id.org/sinergi/ns#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX schema: <https://schema.org/>
SELECT ?code ?name ?note WHERE {
  # not code: { ?province }
  { SELECT ?region ?code WHERE { ?region skos:notation ?code ; sg:partOf ?province } }
  { SELECT ?region ?name WHERE { ?region schema:name ?name } }
  BIND("} ?province {" AS ?note)
}
ORDER BY ?code
"""


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OxigraphStore]:
    opened = build_store(tmp_path_factory.mktemp("groups"))
    yield opened
    opened.close()


def test_blanking_keeps_offsets_and_iris_and_hides_strings_and_comments() -> None:
    text = 'SELECT ?x WHERE { ?x <http://e/#a> "{ ?y" } # ?z }\n'

    blank = blank_opaque(text)

    assert len(blank) == len(text)
    assert blank.count("{") == 1 and blank.count("}") == 1
    assert "?y" not in blank and "?z" not in blank
    assert "<http://e/#a>" in blank  # its "#" did not start a comment


def test_a_comparison_that_looks_like_an_iri_still_uses_its_variables() -> None:
    (group,) = where_groups("SELECT ?a WHERE { ?a ?p ?v FILTER(?v<?low&&?v>?high) }")

    assert group.uses("low") and group.uses("high")


def test_where_groups_scope_their_own_select() -> None:
    query = get_query("learning")
    groups = where_groups(query.text)

    assert groups[0].uses("theme")  # the query's own group scopes everything
    inner = [group for group in groups[1:] if group.uses("theme")]
    # the learner scan and the theme's sub-select (with its own notation sub-select)
    assert 1 <= len(inner) < len(groups) - 1
    assert not groups[0].uses("them")


def test_values_go_only_where_the_parameter_is_used(store: OxigraphStore, tmp_path: Path) -> None:
    path = tmp_path / "scoped.rq"
    path.write_text(SCOPED, encoding="utf-8")
    query = get_query(str(path))

    bound = bind_query(query, {"province": "17"})

    assert bound.count("VALUES ?province") == 2  # the query's WHERE and the partOf sub-select
    names_select = bound[bound.index("SELECT ?region ?name") :].split("}", 1)[0]
    assert "VALUES" not in names_select
    assert "# not code: { ?province }" in bound and '"} ?province {"' in bound
    rows = store.query(bound).values()
    assert rows and all(row["code"].startswith("17.") for row in rows)
    assert {row["note"] for row in rows} == {"} ?province {"}
