"""Where the ``WHERE`` groups of a SPARQL query are, and which variables each one uses.

``bind_query`` puts a parameter's ``VALUES`` block only into the groups that use the
parameter. A ``VALUES`` block in a group that never mentions its variable still joins
with every row of that group: Oxigraph copies each row once more, which doubled the cost
of scanning a predicate in a sub-select (``docs/query-performance.md``).

The scan is lexical, not a SPARQL parser: string literals and comments are blanked out
first, so that a brace or ``?name`` in them neither opens a group nor counts as a use, and
IRIs are skipped so that the ``#`` in ``<...XMLSchema#date>`` does not start a comment.
IRIs are kept, not blanked: ``?a<?b&&?c>1`` reads like an IRI to a lexer, and a
variable wrongly taken for a use costs a redundant ``VALUES`` block, whereas one wrongly
hidden would leave a parameter unbound.
"""

from __future__ import annotations

import bisect
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


def _blank(match: re.Match[str]) -> str:
    token = match.group(0)
    return token if token.startswith("<") else re.sub(r"[^\n]", " ", token)


def blank_opaque(text: str) -> str:
    """``text`` with strings and comments replaced by spaces (offsets unchanged)."""
    return _OPAQUE.sub(_blank, text)


def where_groups(text: str) -> list[WhereGroup]:
    """Every ``WHERE`` group of ``text`` in text order, the query's own one first.

    The query's own group scopes the whole text: a ``CONSTRUCT`` template or an outer
    ``ORDER BY`` may use a variable that only a ``VALUES`` block binds.
    """
    code = blank_opaque(text)
    selects = [match.start() for match in _SELECT.finditer(code)]
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
        # the last SELECT before this WHERE is the group's own (a projection holds none)
        before = bisect.bisect_left(selects, match.start())
        start = selects[before - 1] if before else match.start()
        groups.append(WhereGroup(body_start, code[start:position]))
    return groups
