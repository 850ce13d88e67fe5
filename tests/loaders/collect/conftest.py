"""Fixtures: the fictional portal on loopback, and how the tests run ``sinergi collect``."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.loaders.collect.site import Portal, build_portal, serve

#: A User-Agent as the README asks for: the project and a contact.
USER_AGENT = "sinergi-test/0.1 (+mailto:peneliti@example.org)"
#: Options that keep the tests fast: the politeness is the same, the numbers smaller. The
#: timeout stays generous, so that a loaded test machine does not turn pages into timeouts.
FAST = ["--rate", "50", "--timeout", "5", "--retries", "1", "--backoff", "0.05", "-q"]


@pytest.fixture
def portal() -> Iterator[Portal]:
    """A fresh fixture portal on 127.0.0.1 (its ``base`` URL is set)."""
    served = build_portal()
    server, _ = serve(served)
    yield served
    server.shutdown()
    server.server_close()
