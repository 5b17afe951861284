"""Before Qt starts on Linux: missing X11 libraries are named with the command that installs them."""

from __future__ import annotations

from pathlib import Path

from thresholds_app.platform_check import XCB_LIBRARIES, uses_xcb, xcb_advice


def test_missing_libraries_are_named_with_the_install_command(tmp_path: Path) -> None:
    for library in XCB_LIBRARIES:
        if library != "libxcb-cursor.so.0":
            (tmp_path / library).touch()
    advice = xcb_advice({}, folders=[str(tmp_path)], platform="linux")
    assert "missing: libxcb-cursor0." in advice and "sudo apt-get install libxcb-cursor0\n" in advice
    (tmp_path / "libxcb-cursor.so.0").touch()
    assert xcb_advice({}, folders=[str(tmp_path)], platform="linux") == ""


def test_no_advice_when_qt_uses_another_platform(tmp_path: Path) -> None:
    assert "sudo apt-get install" in xcb_advice({"QT_QPA_PLATFORM": "xcb"}, [str(tmp_path)], "linux")
    for environ, platform in (({"QT_QPA_PLATFORM": "offscreen"}, "linux"), ({"QT_QPA_PLATFORM": "wayland"}, "linux"),
                              ({}, "win32"), ({}, "darwin")):
        assert xcb_advice(environ, folders=[str(tmp_path)], platform=platform) == ""
    assert uses_xcb({}, platform="linux")


def test_ld_library_path_is_searched_too(tmp_path: Path) -> None:
    for library in XCB_LIBRARIES:
        (tmp_path / library).touch()
    assert xcb_advice({"LD_LIBRARY_PATH": str(tmp_path)}, folders=[], platform="linux") == ""
    assert xcb_advice({}, folders=[], platform="linux") != ""
