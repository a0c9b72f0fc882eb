"""`python -m pipeline` is the wasf command line.

Ctrl-C while the modules load (before the command runs, which handles it) ends quietly with 130."""

import os
import signal


def _interrupted_early(*_: object) -> None:
    os.write(2, b"wasf: interrupted\n")
    os._exit(130)


if signal.getsignal(signal.SIGINT) is signal.default_int_handler:  # (not where Ctrl-C is ignored)
    signal.signal(signal.SIGINT, _interrupted_early)

from pipeline.cli import main  # noqa: E402

main(prog_name="wasf")
