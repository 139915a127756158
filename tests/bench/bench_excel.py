"""Speed and memory of the Excel export, beside pandas writing the same notes' raw values in the same run.

Run: python tests/bench/bench_excel.py   (not collected by pytest: the name does not start with test_)
Targets (issue 3): a 10,000-note export in <= 0.5x the time of pandas.DataFrame.to_excel (openpyxl engine)
of the notes' raw values; a 100,000-note export in bounded memory (peak RSS printed, measured in a child
process so that nothing else this script does counts). Issue 11: a 100,000-note plan with all sheets (three
scenarios, a campaign calendar, notes with windows) in <= 5 s; pandas writing its notes' raw values is timed
in the same child, after the export, as the machine's yardstick. Issue 11: reading the edits back from a
100,000-note workbook (apply-excel) in <= 5 s, beside the time of only decompressing the workbook's parts.
"""

from __future__ import annotations

import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd

sys.path[:0] = [str(Path(__file__).resolve().parents[1]), str(Path(__file__).resolve().parent)]

from plans import random_plan  # noqa: E402
from timing import best_of  # noqa: E402

from planner.heap import keep_freed_memory  # noqa: E402
from planner.io.calendars import load_preset  # noqa: E402
from planner.io.excel.export import export_plan  # noqa: E402
from planner.io.excel.read import read_edits  # noqa: E402
from planner.model.plan import Plan  # noqa: E402
from planner.model.scenarios import activate, add_scenario, with_settings  # noqa: E402


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def rss_mb() -> float:
    """The resident set now (Linux), to tell the export's own memory from the plan's."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * resource.getpagesize() / 2**20


def every_sheet_plan(notes: int) -> Plan:
    """A plan with every sheet: three scenarios (other budgets, share and lift scale), the 618 calendar, and
    notes published on some day of it (a third of them active all campaign)."""
    plan = random_plan(notes, seed=1, brand_budget=2e8, platform_cap=3e7)
    calendar, rng = load_preset("618-2025"), np.random.default_rng(2)
    days = pd.date_range(calendar.first_day, calendar.last_day).strftime("%Y-%m-%d").to_numpy()
    published = np.where(rng.random(notes) < 1 / 3, None, days[rng.integers(0, len(days), notes)])
    plan = replace(plan.with_notes(plan.notes.assign(start_date=published)), calendar=calendar)
    first = plan.scenario.name
    for name, scale, share in (("half lifts", 0.5, 0.5), ("share 30%", 1.0, 0.3)):
        plan = activate(add_scenario(plan, name), name)
        budgets = np.round(plan.notes["budget"].to_numpy() * rng.uniform(0.5, 1.5, notes))
        plan = activate(with_settings(plan.with_params(platform_share=share).with_budgets(budgets),
                                      lift_scale=scale), first)
    return plan


def big_export(notes: int) -> None:
    """In a child process: build the plan, export it, print seconds, peak RSS before and after, file size;
    then time pandas writing the notes' raw values."""
    plan = every_sheet_plan(notes)
    before = rss_mb()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "big.xlsx"
        start = time.perf_counter()
        export_plan(plan, path)
        seconds = time.perf_counter() - start
        peak = peak_rss_mb()
        start = time.perf_counter()
        plan.notes.to_excel(Path(folder) / "pandas.xlsx", engine="openpyxl", index=False)
        print(f"{seconds} {before} {peak} {path.stat().st_size / 1e6} {time.perf_counter() - start}")


def decompress(path: Path) -> None:
    """Every part of the archive inflated (and its CRC checked) by zipfile, a MB at a time: what any reader of
    the workbook must do at least."""
    with zipfile.ZipFile(path) as archive:
        for member in archive.infolist():
            with archive.open(member) as stream:
                while stream.read(2**20):
                    pass


def timed(fn: Callable[[], object], repeat: int) -> tuple[float, float]:
    """The best of `repeat` runs: its wall-clock seconds, and the CPU seconds this process spent in it (which
    other work on a loaded machine disturbs far less)."""
    runs = []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        fn()
        runs.append((time.perf_counter() - wall, time.process_time() - cpu))
    return min(runs)


def big_read_back(notes: int) -> None:
    """In a child process: export a plan, then print the seconds (wall and CPU) of reading its edits back and of
    only decompressing the workbook's parts, and the size of its notes sheet's XML."""
    plan = random_plan(notes, seed=3, brand_budget=2e7)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "big.xlsx"
        export_plan(plan, path, "zh")
        baseline = timed(lambda: decompress(path), repeat=3)
        seconds = timed(lambda: read_edits(plan, path), repeat=2)
        with zipfile.ZipFile(path) as archive:
            largest = max(member.file_size for member in archive.infolist())
        print(*seconds, *baseline, largest / 1e6)


def main() -> None:
    keep_freed_memory()  # as planner and planner-cli do at start
    print("RedCat Planner Excel export benchmark (best of 3)")
    plan = random_plan(10_000, seed=1, brand_budget=2e7, platform_cap=3e6)
    with tempfile.TemporaryDirectory() as folder:
        ours_path, pandas_path = Path(folder) / "ours.xlsx", Path(folder) / "pandas.xlsx"
        t_pandas = best_of(lambda: plan.notes.to_excel(pandas_path, engine="openpyxl", index=False), repeat=3)
        t_ours = best_of(lambda: export_plan(plan, ours_path), repeat=3)
        print(f"export 10,000 notes: {t_ours:.2f} s ({ours_path.stat().st_size / 1e6:.1f} MB, 5 sheets, formulas "
              f"with values) vs pandas.DataFrame.to_excel of the raw notes {t_pandas:.2f} s "
              f"({pandas_path.stat().st_size / 1e6:.1f} MB) -> ratio {t_ours / t_pandas:.2f} (target <= 0.5)")
    child = subprocess.run([sys.executable, __file__, "--big", "100000"], capture_output=True, text=True, check=True)
    seconds, before, peak, size, pandas = (float(x) for x in child.stdout.split())
    print(f"export 100,000 notes, every sheet (3 scenarios, daily pacing): {seconds:.1f} s (target <= 5 s), "
          f"{size:.0f} MB file, vs pandas.DataFrame.to_excel of the raw notes {pandas:.1f} s -> ratio "
          f"{seconds / pandas:.2f}; peak RSS of the process {peak:.0f} MB (RSS with the plan built, before the "
          f"export: {before:.0f} MB)")
    child = subprocess.run([sys.executable, __file__, "--read", "100000"], capture_output=True, text=True,
                           check=True)
    seconds, cpu, baseline, baseline_cpu, sheet = (float(x) for x in child.stdout.split())
    print(f"read back 100,000 notes (apply-excel): {seconds:.1f} s, {cpu:.1f} s of CPU (target <= 5 s) vs only "
          f"decompressing the workbook's parts {baseline:.1f} s, {baseline_cpu:.1f} s of CPU (notes sheet "
          f"{sheet:.0f} MB of XML) -> ratio {seconds / baseline:.1f} (of CPU {cpu / baseline_cpu:.1f})")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--big":
        big_export(int(sys.argv[2]))
    elif len(sys.argv) == 3 and sys.argv[1] == "--read":
        big_read_back(int(sys.argv[2]))
    else:
        main()
