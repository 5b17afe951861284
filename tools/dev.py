"""Set up a local virtual environment, then launch the app or run the whole test suite.

    python3 tools/dev.py app      # set up (first time) and open the desktop app
    python3 tools/dev.py test     # set up (first time) and run every test, headless
    python3 tools/dev.py seal     # after editing a bundled rule set: list it as checked (faster start)
    python3 tools/dev.py build    # a standalone app folder in dist/ that needs no Python (add --smoke to try it)

Works the same on Windows, macOS and Linux with Python 3.11 or newer. The environment lives in
.venv/ beside this checkout and is refreshed whenever pyproject.toml changes.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
STAMP = VENV / ".thresholds-installed"


def venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def ensure_environment() -> Path:
    if sys.version_info < (3, 11):
        sys.exit(f"Python 3.11 or newer is needed; this is {sys.version.split()[0]}.")
    if not venv_python().exists():
        print(f"Creating a virtual environment in {VENV} ...", flush=True)
        venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if not STAMP.exists() or STAMP.read_text().strip() != wanted:
        print("Installing thresholds-app and its test tools (first run, or pyproject.toml changed) ...", flush=True)
        py = str(venv_python())
        subprocess.run([py, "-m", "pip", "install", "--quiet", "--upgrade", "pip"], check=True)
        subprocess.run([py, "-m", "pip", "install", "--quiet", "-e", f"{ROOT}[test]"], check=True)
        STAMP.write_text(wanted)
    return venv_python()


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("app", "test", "seal", "build"):
        print(__doc__)
        return 2
    python = str(ensure_environment())
    if argv[0] in ("seal", "build"):
        tool = {"seal": "seal_rulesets.py", "build": "build_standalone.py"}[argv[0]]
        return subprocess.call([python, str(ROOT / "tools" / tool), *argv[1:]])
    if argv[0] == "app":
        return subprocess.call([python, "-m", "thresholds_app", *argv[1:]])
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    return subprocess.call([python, "-m", "pytest", *argv[1:]], cwd=ROOT, env=env)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
