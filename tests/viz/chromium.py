"""Where headless Chromium is and how to start it, for the view benchmark and browser tests.

Debian's ``/usr/bin/chromium`` by default (``$SINERGI_CHROMIUM`` elsewhere); the flags keep
it from reaching for the network or updating itself, which this machine would refuse.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["CHROMIUM", "CHROMIUM_ARGS"]

CHROMIUM = Path(os.environ.get("SINERGI_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
