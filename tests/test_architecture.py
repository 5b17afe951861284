"""Layering: the core and headless commands never import Qt or reportlab."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FORBIDDEN = ("PySide6", "shiboken6", "reportlab")


def _imports(file: Path) -> list[str]:
    tree = ast.parse(file.read_text(), str(file))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            names.append(node.module or "")
    return names


def test_records_layer_imports_no_qt() -> None:
    files = sorted((ROOT / "thresholds_app" / "records").rglob("*.py"))
    assert len(files) >= 5
    for file in files:
        assert not [n for n in _imports(file) if n.startswith(("PySide6", "shiboken6"))], file.name


def test_opening_a_record_does_not_load_reportlab(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from thresholds_app.records.record import load_record\n"
        "from thresholds_app.records import atomic, form\n"
        "assert not [m for m in sys.modules if m.startswith(('reportlab', 'PySide6'))]\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert proc.returncode == 0, proc.stderr


def test_core_source_imports_no_qt_or_reportlab() -> None:
    files = sorted((ROOT / "thresholds_app" / "core").rglob("*.py"))
    assert len(files) >= 8
    for file in files:
        tree = ast.parse(file.read_text(), str(file))
        for node in ast.walk(tree):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            for name in names:
                assert not name.startswith(FORBIDDEN), f"{file.name} imports {name}"


def test_headless_commands_load_no_qt_or_reportlab() -> None:
    code = (
        "import sys, io\n"
        "import thresholds_app.core.evaluate, thresholds_app.core.explain, thresholds_app.core.casetests\n"
        "from thresholds_app.__main__ import main\n"
        "sys.stdout = io.StringIO()\n"
        "assert main(['check', 'model-four-level']) == 0\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'reportlab')]\n"
        "assert not bad, bad\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert proc.returncode == 0, proc.stderr
