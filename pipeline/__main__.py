"""`python -m pipeline` is the `wasf` command."""

from pipeline.cli import main

main(prog_name="wasf")
