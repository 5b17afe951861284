"""Before Qt starts on Linux: the system libraries its X11 platform plugin needs, and how to install them.

Without them Qt stops with its own message ("could not load the Qt platform plugin xcb ...
xcb-cursor0 or libxcb-cursor0 is needed") and nothing from us, and a newcomer does not know which
packages to install. This looks for the libraries by file name in the usual library folders (no
subprocess, so start-up does not wait) and says which Debian/Ubuntu packages provide the missing
ones. It only warns: a library in an unusual place must not stop an app that would start.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path

#: Library file -> the Debian/Ubuntu package that provides it (what Qt 6's xcb plugin loads).
XCB_LIBRARIES: Mapping[str, str] = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libEGL.so.1": "libegl1",
    "libfontconfig.so.1": "libfontconfig1",
    "libdbus-1.so.3": "libdbus-1-3",
}

LIBRARY_FOLDERS = ("/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/lib/x86_64-linux-gnu",
                   "/lib/aarch64-linux-gnu", "/usr/lib64", "/lib64", "/usr/lib", "/lib", "/usr/local/lib")


def uses_xcb(environ: Mapping[str, str], platform: str = sys.platform) -> bool:
    """Whether Qt will use its X11 (xcb) plugin: on Linux, unless another platform is chosen."""
    chosen = environ.get("QT_QPA_PLATFORM", "")
    return platform.startswith("linux") and (not chosen or chosen.startswith("xcb"))


def missing_packages(folders: Iterable[str] | None = None, environ: Mapping[str, str] = os.environ) -> list[str]:
    """The packages whose libraries are in none of the library folders (or LD_LIBRARY_PATH)."""
    search = [*(p for p in environ.get("LD_LIBRARY_PATH", "").split(":") if p),
              *(LIBRARY_FOLDERS if folders is None else folders)]
    return [package for library, package in XCB_LIBRARIES.items()
            if not any((Path(folder) / library).exists() for folder in search)]


def xcb_advice(environ: Mapping[str, str] = os.environ, folders: Iterable[str] | None = None,
               platform: str = sys.platform) -> str:
    """What to tell the person before Qt starts ("" when nothing seems missing, or xcb is not used)."""
    if not uses_xcb(environ, platform):
        return ""
    missing = missing_packages(folders, environ)
    if not missing:
        return ""
    return ("thresholds-app: the desktop app needs system libraries for Qt's X11 support that seem to be "
            f"missing: {', '.join(missing)}.\nOn Debian or Ubuntu, install them with:\n"
            f"    sudo apt-get install {' '.join(missing)}\n"
            "(On other systems, install the packages that provide these libraries.) Trying to start anyway.")
