"""The wheel carries rules/, forms/ and resources/, and an installed copy finds its bundled rule sets."""

from __future__ import annotations

import os
import re
import site
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                    "-w", str(out), str(ROOT)], check=True, timeout=300)
    (built,) = out.glob("thresholds_app-*.whl")
    return built


@pytest.mark.slow
def test_wheel_contents(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for required in ("thresholds_app/_data/rules/model-four-level/ruleset.yaml",
                     "thresholds_app/_data/rules/model-four-level/domains/01-health.yaml",
                     "thresholds_app/_data/rules/model-four-level/tests/modifiers.yaml",
                     "thresholds_app/_data/rules/compact-five-level.yaml",
                     "thresholds_app/core/schemas/ruleset.schema.json",
                     "thresholds_app/_data/resources/icons/thresholds.svg",
                     "thresholds_app/_data/forms/README.md",
                     "thresholds_app/__main__.py"):
        assert required in names, required
    assert not any(n.startswith(("tests/", "rules/")) for n in names)


@pytest.mark.slow
def test_installed_wheel_loads_bundled_rulesets(wheel: Path, tmp_path: Path) -> None:
    env_dir = tmp_path / "fresh-venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    bindir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    python = bindir / ("python.exe" if os.name == "nt" else "python")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet", "--no-deps",
                    str(wheel)], check=True, timeout=300)
    # Dependencies (PyYAML, jsonschema) come from this test environment, appended after the fresh
    # environment's own site-packages, so the installed wheel, not this checkout, is imported.
    purelib = "import sysconfig; print(sysconfig.get_paths()['purelib'])"
    fresh_site = Path(subprocess.check_output([str(python), "-c", purelib], text=True).strip())
    deps = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"], *site.getsitepackages()}
    (fresh_site / "test-deps.pth").write_text("\n".join(sorted(deps)) + "\n")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    probe = subprocess.run(
        [str(python), "-c", "import thresholds_app, thresholds_app.locations as l; "
                            "print(thresholds_app.__file__); print(l.data_dir('rules'))"],
        cwd=tmp_path, env=env, capture_output=True, text=True, check=True)
    package_file, rules_dir = probe.stdout.splitlines()
    assert Path(package_file).is_relative_to(env_dir)
    assert Path(rules_dir).is_relative_to(env_dir) and Path(rules_dir).name == "rules"
    script = bindir / ("thresholds-app.exe" if os.name == "nt" else "thresholds-app")
    proc = subprocess.run([str(script), "check", "model-four-level", "compact-five-level"], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert re.search(r"model-four-level: .*test cases: \d{2} passed, 0 failed", proc.stdout)
    assert str(env_dir) in proc.stdout
