"""`python -m generator` is the same as the `kinu-brief` command."""

from generator.cli import run

run()
