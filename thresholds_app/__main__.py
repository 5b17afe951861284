"""Entry point: ``thresholds-app`` and ``python -m thresholds_app``. No command opens the desktop app."""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    if getattr(sys, "frozen", False):  # the standalone build: audit worker processes start through here
        import multiprocessing

        multiprocessing.freeze_support()
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in ("gui", "--quit-when-ready"):
        from .gui.app import run_gui  # imported only when needed: headless commands never load Qt

        return run_gui(args[1:] if args and args[0] == "gui" else args)
    from .cli import run

    return run(args)


if __name__ == "__main__":
    sys.exit(main())
