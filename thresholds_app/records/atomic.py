"""Atomic, private file writing: a saved file is either the old one or the whole new one."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
import time
from pathlib import Path

#: Temporary files are named so that leftovers can be recognised: ours now, and the older prefix.
TMP_PREFIX = ".thresholds-"
LEFTOVER_PREFIXES = (TMP_PREFIX, ".tmp-")
#: A partial copy older than this is a leftover of a save that was killed, not a save under way.
STALE_SECONDS = 600


def sweep_leftovers(folder: Path) -> int:
    """Remove partial copies (possibly of a child's record) that a killed save left in ``folder``:
    only our own temporary names, only this user's files, only when clearly stale."""
    removed = 0
    now = time.time()
    with contextlib.suppress(OSError), os.scandir(folder) as entries:
        for entry in entries:  # one pass, names only: cheap even beside thousands of records
            if not (entry.name.startswith(LEFTOVER_PREFIXES) and entry.name.endswith(".part")):
                continue
            with contextlib.suppress(OSError):
                info = entry.stat(follow_symlinks=False)
                mine = os.name != "posix" or info.st_uid == os.getuid()
                if stat.S_ISREG(info.st_mode) and mine and now - info.st_mtime > STALE_SECONDS:
                    os.unlink(entry.path)
                    removed += 1
    return removed


def write_atomic(path: Path | str, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically, readable by its owner only (on POSIX).

    The bytes go to a temporary file in the same folder, are flushed to disk, and replace the
    target in one step; if anything fails the target is untouched and the temporary file removed.
    """
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    sweep_leftovers(folder)
    fd, tmp_name = tempfile.mkstemp(prefix=TMP_PREFIX, suffix=".part", dir=folder)  # mode 0600 on POSIX
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise
    if os.name == "posix":
        dir_fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def write_output(path: Path | str, data: bytes) -> None:
    """``write_atomic`` for a file a command was asked to write: a missing folder, a folder given as the
    file, no permission or a full disk is a located error saying what to do, never an internal error."""
    try:
        write_atomic(path, data)
    except OSError as exc:
        from ..core.problems import InputError, Location, Problem

        reason = exc.strerror or type(exc).__name__
        if Path(path).is_dir():
            reason, hint = "this is a folder", "give a file name inside it"
        elif not Path(path).parent.exists():
            hint = "the folder does not exist: create it, or choose another"
        else:
            hint = "check that you may write to this folder and that the disk has room"
        raise InputError([Problem(f"cannot write the file: {reason}", Location(str(path)), hint=hint)]) from None
