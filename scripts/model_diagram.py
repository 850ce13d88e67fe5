"""Print the Mermaid class diagram of sinergi's model (ontology + SHACL shapes).

    python scripts/model_diagram.py > model.mmd

``scripts/build_model_doc.py`` embeds the same text in ``docs/model.md``.
"""

from __future__ import annotations

import sys

from sinergi.graph.validate import load_shapes
from sinergi.ontology import load_ontology
from sinergi.ontology.diagram import mermaid_class_diagram


def main() -> int:
    sys.stdout.write(mermaid_class_diagram(load_ontology(), load_shapes()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
