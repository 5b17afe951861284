"""Benchmark the record layer: import cost, and rendering typical and 20-page records to PDF.

    python benchmarks/bench_records.py

Figures to read, not pass/fail tests. The first render in a process includes importing reportlab
and pypdf and loading the fonts; later renders show the steady cost.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.records_helpers import make_record
from thresholds_app.core.loader import load_ruleset
from thresholds_app.locations import bundled_rulesets


def fresh(code: str, runs: int = 5) -> float:
    values = [float(subprocess.check_output([sys.executable, "-c", code], text=True)) for _ in range(runs)]
    return statistics.median(values)


#: The floor for ``thresholds-app print``: a new Python process that imports reportlab and writes a one-page
#: document. Both run with compiled bytecode in a temporary folder, as an installed app has it.
MINIMAL_PDF = ("import sys\n"
               "from reportlab.lib.styles import getSampleStyleSheet\n"
               "from reportlab.platypus import Paragraph, SimpleDocTemplate\n"
               "SimpleDocTemplate(sys.argv[1]).build([Paragraph('One page', getSampleStyleSheet()['Normal'])])\n")


def new_process(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL, timeout=120)
    return time.perf_counter() - started


def print_against_floor(typical: object) -> None:
    from thresholds_app.records.record import save_record

    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "PYTHONPYCACHEPREFIX": str(Path(tmp) / "bytecode")}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        record = Path(tmp) / "record.json"
        save_record(typical, record)  # type: ignore[arg-type]
        commands = {"floor": [sys.executable, "-c", MINIMAL_PDF, str(Path(tmp) / "minimal.pdf")],
                    "print": [sys.executable, "-m", "thresholds_app", "print", str(record), "-o",
                              str(Path(tmp) / "record.pdf")],
                    "grid": [sys.executable, "-m", "thresholds_app", "grid", "model-four-level", "-o",
                             str(Path(tmp) / "grid.pdf")]}
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _name, command in commands.items():
            new_process(command, env)  # compile the bytecode, warm the file cache
        for _ in range(5):
            for name, command in commands.items():
                times[name].append(new_process(command, env))
    floor = statistics.median(times["floor"])
    print(f"New process: one-page reportlab document (the floor)  {floor * 1e3:7.1f} ms")
    for name, label in (("print", "thresholds-app print (3 pages)"), ("grid", "thresholds-app grid")):
        value = statistics.median(times[name])
        print(f"New process: {label:<40}  {value * 1e3:7.1f} ms   {value / floor:4.2f}x the floor")


def main() -> None:
    imports = fresh("import time; t = time.perf_counter(); import thresholds_app.records.record, "
                    "thresholds_app.records.form; print(time.perf_counter() - t)")
    reportlab = fresh("import time; t = time.perf_counter(); import reportlab.platypus, pypdf; "
                      "print(time.perf_counter() - t)")
    print(f"Import the record layer (fresh process, no reportlab)   {imports * 1e3:7.1f} ms")
    print(f"Import reportlab.platypus + pypdf (kept off start-up)    {reportlab * 1e3:7.1f} ms")

    from thresholds_app.records.pdf import render_record

    rs = load_ruleset(bundled_rulesets()["model-four-level"])
    typical = make_record(rs)
    paragraph = ("At the visit the child said that nobody had made breakfast again and that the heating has been "
                 "off all week; she was wearing the same clothes as on Tuesday. ")
    long = make_record(rs, worry="\n".join(f"{n}. " + paragraph * 4 for n in range(1, 80)))
    long = type(long)(**{**vars(long), "working_well": "\n".join(f"{n}. " + paragraph * 2 for n in range(1, 70)),
                         "record_hash": ""})

    started = time.perf_counter()
    first = render_record(typical)
    first_time = time.perf_counter() - started
    times = []
    for _ in range(7):
        started = time.perf_counter()
        render_record(typical)
        times.append(time.perf_counter() - started)
    long_times = []
    for _ in range(3):
        started = time.perf_counter()
        result = render_record(long)
        long_times.append(time.perf_counter() - started)
    print(f"Typical record, first render in a process ({first.pages} pages)   {first_time * 1e3:7.1f} ms")
    print(f"Typical record, later renders (median of 7)          {statistics.median(times) * 1e3:7.1f} ms"
          f"   {len(first.pdf) / 1024:.0f} KiB")
    print(f"Long record, {result.pages} pages (median of 3)                 "
          f"{statistics.median(long_times) * 1e3:7.1f} ms   {len(result.pdf) / 1024:.0f} KiB")
    print_against_floor(typical)


if __name__ == "__main__":
    main()
