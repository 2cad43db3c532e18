"""``python -m cleanup.cli``: the same as the ``cleanup`` command."""

from . import main

main()
