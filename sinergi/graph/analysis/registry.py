"""The registry of analytics: every ``ANALYTIC``/``ANALYTICS`` of the analysis modules.

Looked up when first asked for (the modules import NetworkX and NumPy), by walking this
package, so a new module with an ``ANALYTIC`` needs no entry anywhere else.
"""

from __future__ import annotations

import pkgutil
from functools import cache
from importlib import import_module

import sinergi.graph.analysis as package
from sinergi.errors import SinergiError
from sinergi.graph.analysis.spec import Analytic

__all__ = ["analytics", "get_analytic"]


@cache
def analytics() -> dict[str, Analytic]:
    """Every registered analytic by name, in their ``order``."""
    found: list[Analytic] = []
    for module in pkgutil.iter_modules(package.__path__):
        if module.name in ("registry", "spec"):
            continue
        loaded = import_module(f"{package.__name__}.{module.name}")
        declared = getattr(loaded, "ANALYTICS", ())
        single = getattr(loaded, "ANALYTIC", None)
        found.extend(a for a in (*declared, single) if isinstance(a, Analytic))
    return {a.name: a for a in sorted(found, key=lambda a: (a.order, a.name))}


def get_analytic(name: str) -> Analytic:
    """The analytic called ``name``."""
    registered = analytics()
    if name not in registered:
        choices = ", ".join(registered)
        raise SinergiError(f"unknown analytic {name!r}; choose from {choices}")
    return registered[name]
