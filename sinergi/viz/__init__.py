"""Interactive views of the region networks.

The views are single HTML files that open offline in any browser, so that a researcher can
pass one file around or open it on a machine without network access. The data of a view
comes from :mod:`sinergi.viz.views`; :func:`write_view_html` turns it into the page.
"""

from sinergi.viz.html import (
    COLOUR_BY,
    SIZE_BY,
    ExternalResourceError,
    assert_self_contained,
    render_view_html,
    view_payload,
    write_view_html,
)

__all__ = [
    "COLOUR_BY",
    "SIZE_BY",
    "ExternalResourceError",
    "assert_self_contained",
    "render_view_html",
    "view_payload",
    "write_view_html",
]
