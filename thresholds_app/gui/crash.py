"""The last line of defence: an unexpected error keeps the user's work and says so, without detail.

The dialog and the log show the kind of error and where in the code it happened, never the error's
message or any value: those can contain a child's details.
"""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable
from types import TracebackType

log = logging.getLogger("thresholds_app")


def safe_summary(exc_type: type[BaseException], tb: TracebackType | None) -> str:
    """Where it happened (file, line, function) and the exception's type: no messages, no values."""
    frames = traceback.extract_tb(tb)[-6:]
    lines = [f"  {frame.filename.rsplit('/', 1)[-1]}:{frame.lineno} in {frame.name}" for frame in frames]
    return f"{exc_type.__name__}\n" + "\n".join(lines)


def install(keep_work: Callable[[], str], tell_user: Callable[[str], None]) -> None:
    """Route unhandled exceptions (including those in Qt slots) to a work-keeping handler."""

    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        log.error("unhandled error: %s", safe_summary(exc_type, tb))
        try:
            kept = keep_work()
        except Exception:  # saving the draft must not raise from inside the error handler
            kept = "failed"
        note = {"kept": "Your answers have been kept as a draft and will be offered when you next open the app.",
                "nothing": "Nothing you had not saved was lost."}.get(
                    kept, "Your answers could not be kept as a draft; please note them down.")
        tell_user(f"Something went wrong ({exc_type.__name__}). {note}\n\nIf it happens again, please report "
                  "what you were doing. No personal information is included in this message.")

    sys.excepthook = hook
