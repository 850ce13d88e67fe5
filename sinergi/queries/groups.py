"""Where the ``WHERE`` groups of a SPARQL query are, and which variables each one uses.

``bind_query`` puts a parameter's ``VALUES`` block only into the groups that use the
parameter. A ``VALUES`` block in a group that never mentions its variable still joins
with every row of that group: Oxigraph copies each row once more, which doubled the cost
of scanning a predicate in a sub-select (``docs/query-performance.md``).

The scan is lexical, not a SPARQL parser: IRIs, string literals and comments are blanked
out first, so that a ``#`` inside an IRI, or a brace or ``?name`` in a comment or string,
neither opens a comment nor counts as a use.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_OPAQUE = re.compile(
    r"""<[^<>"{}|^`\\\s]*>"""  # IRI reference
    r'''|"""(?:[^"\\]|\\.|"(?!""))*"""'''  # long string literals
    r"""|'''(?:[^'\\]|\\.|'(?!''))*'''"""
    r'''|"(?:[^"\\\n]|\\.)*"'''  # short string literals
    r"""|'(?:[^'\\\n]|\\.)*'"""
    r"""|\#[^\n]*""",  # comment
    re.DOTALL,
)
_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)
_SELECT = re.compile(r"\bSELECT\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class WhereGroup:
    """One ``WHERE { ... }`` of a query: where its body starts, and the code it scopes.

    ``scope`` is the blanked text from the group's ``SELECT`` (if any) to its closing
    brace, so a variable that a sub-select only projects counts as used there too.
    """

    body_start: int
    scope: str

    def uses(self, variable: str) -> bool:
        """Whether ``?variable`` (or ``$variable``) occurs in the group or its projection."""
        pattern = rf"[?$]{re.escape(variable)}(?![\w\u00b7])"
        return re.search(pattern, self.scope) is not None


def blank_opaque(text: str) -> str:
    """``text`` with IRIs, strings and comments replaced by spaces (offsets unchanged)."""
    return _OPAQUE.sub(lambda match: re.sub(r"[^\n]", " ", match.group(0)), text)


def where_groups(text: str) -> list[WhereGroup]:
    """Every ``WHERE`` group of ``text`` in text order, the query's own one first.

    The query's own group scopes the whole text: a ``CONSTRUCT`` template or an outer
    ``ORDER BY`` may use a variable that only a ``VALUES`` block binds.
    """
    code = blank_opaque(text)
    groups: list[WhereGroup] = []
    for match in _WHERE.finditer(code):
        body_start = match.end()
        depth, position = 1, body_start
        while depth and position < len(code):
            if code[position] == "{":
                depth += 1
            elif code[position] == "}":
                depth -= 1
            position += 1
        if not groups:
            groups.append(WhereGroup(body_start, code))
            continue
        selects = [m.start() for m in _SELECT.finditer(code, 0, match.start())]
        start = selects[-1] if selects else match.start()
        groups.append(WhereGroup(body_start, code[start:position]))
    return groups
