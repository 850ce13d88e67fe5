"""``python -m sinergi.cli``: the ``sinergi`` command."""

from sinergi.cli import main

main()
