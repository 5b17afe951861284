"""Build the standalone app folder: the app, Python, Qt and the bundled rules, forms and resources.

    python3 tools/dev.py build            # dist/thresholds-app/ (thresholds-app.exe on Windows)
    python3 tools/dev.py build --smoke    # then run the built app's 'check' and a start-up, headless

The same command works on Windows, macOS and Linux; each builds for the system it runs on (PyInstaller
cannot cross-build). A council's IT team copies dist/thresholds-app/ anywhere and runs
thresholds-app(.exe) inside it: no Python needed.

PyInstaller, because it is the well-kept packager that knows PySide6, reportlab and jsonschema already
(its hooks collect Qt's plugins and the libraries' data files), builds on all three systems from one
command, and makes a plain folder that IT teams can inspect, virus-scan and deploy as they like.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "dist"
WORK = ROOT / "build" / "pyinstaller"
NAME = "thresholds-app"
PYINSTALLER = "pyinstaller>=6.0,<7"


def executable() -> Path:
    return DIST / NAME / (f"{NAME}.exe" if os.name == "nt" else NAME)


def build() -> None:
    sys.path.insert(0, str(ROOT / "tools"))
    import seal_rulesets

    seal_rulesets.main([])  # the bundled rule sets are checked once, here, not at every start
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        print(f"Installing {PYINSTALLER} (first build only) ...", flush=True)
        subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", PYINSTALLER], check=True)
    WORK.mkdir(parents=True, exist_ok=True)
    entry = WORK / "thresholds_app_main.py"
    entry.write_text("import sys\nfrom thresholds_app.__main__ import main\nsys.exit(main())\n", "utf-8")
    data = [f"--add-data={ROOT / kind}{os.pathsep}thresholds_app/_data/{kind}" for kind in ("rules", "forms",
                                                                                            "resources")]
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level=WARN",
                    f"--name={NAME}", f"--distpath={DIST}", f"--workpath={WORK}", f"--specpath={WORK}",
                    "--collect-data=thresholds_app", "--collect-submodules=thresholds_app",
                    *data, str(entry)], check=True, cwd=ROOT)
    print(f"Built {executable()}")


def smoke() -> int:
    """Run the built app as IT would: its rule-set check, and a start-up that quits when the window shows."""
    app = executable()
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"), "HOME": home,
               "XDG_CONFIG_HOME": str(Path(home) / "config"), "XDG_DATA_HOME": str(Path(home) / "data"),
               "APPDATA": home, "LOCALAPPDATA": home}
        for name in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV"):  # nothing from this checkout's Python
            env.pop(name, None)
        for args in (["check", "model-four-level"], ["--quit-when-ready"]):
            done = subprocess.run([str(app), *args], env=env, cwd=home, capture_output=True, text=True,
                                  timeout=300)
            print(f"$ {app.name} {' '.join(args)}  -> exit {done.returncode}")
            print(done.stdout.strip()[-2000:])
            if done.returncode != 0:
                print(done.stderr.strip()[-4000:], file=sys.stderr)
                return 1
    return 0


def main(argv: list[str]) -> int:
    if shutil.which("ldd") is None and sys.platform.startswith("linux"):
        print("PyInstaller needs 'ldd' (package libc-bin) to find the app's libraries.", file=sys.stderr)
        return 1
    build()
    return smoke() if "--smoke" in argv else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
