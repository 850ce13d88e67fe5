"""Interactive views of the region networks.

The views are single HTML files that open offline in any browser, so that a researcher can
pass one file around or open it on a machine without network access.
"""

from sinergi.viz.html import ExternalResourceError, assert_self_contained, write_network_html

__all__ = ["ExternalResourceError", "assert_self_contained", "write_network_html"]
