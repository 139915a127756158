"""What the commands print and write for the demo plan stays as recorded: a restructuring changes no output.

The records in tests/cli/golden/ were made by `python tests/cli/test_golden.py --record`; a deliberate change
of output (new wording, a new JSON field, another workbook cell) records them again in the same commit.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

import openpyxl
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from commands import run_cli  # noqa: E402
from planner.resources import resource_path  # noqa: E402

GOLDEN = Path(__file__).parent / "golden"


def _estimate_text() -> str:
    return _ok(run_cli("estimate", "--demo"))


def _estimate_json() -> str:
    return _ok(run_cli("estimate", "--demo", "--json"))


def _optimised_json() -> str:
    with tempfile.TemporaryDirectory() as folder:
        plan = Path(folder) / "optimised.rcplan"
        said = _ok(run_cli("optimize", "--demo", "--objective", "gmv", "-o", plan)).replace(str(plan), "OUT")
        return said + _ok(run_cli("estimate", plan, "--json"))


def _fit_lifts() -> str:
    with tempfile.TemporaryDirectory() as folder:
        lifts = Path(folder) / "lifts.csv"
        said = _ok(run_cli("fit-lifts", resource_path("demo_history.csv"), "-o", lifts, "--json"))
        return said + lifts.read_text(encoding="utf-8")


def _workbook(lang: str) -> str:
    """Every cell the exported demo holds, as a value (formulas as their stored results) or formula text."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"demo-{lang}.xlsx"
        _ok(run_cli("export", "--demo", "-o", path, "--lang", lang))
        cells: dict[str, dict[str, object]] = {}
        for data_only in (True, False):
            book = openpyxl.load_workbook(path, data_only=data_only)
            for sheet in book.worksheets:
                held = cells.setdefault(f"{sheet.title}{'' if data_only else ' (formulas)'}", {})
                for row in sheet.iter_rows():
                    for cell in row:
                        if cell.value is not None:
                            held[cell.coordinate] = _plain(cell.value)
            book.close()
        return json.dumps(cells, ensure_ascii=False, indent=0, sort_keys=True) + "\n"


def _plain(value: object) -> object:
    """A cell as JSON: numbers to 12 significant digits (the last digits of a stored double are noise)."""
    if isinstance(value, float):
        return float(f"{value:.12g}")
    if isinstance(value, int | str | bool):
        return value
    formula = getattr(value, "text", None)  # an array formula: its text, the range it fills
    return f"{{{formula}}} {value.ref}" if formula is not None else str(value)  # type: ignore[attr-defined]


def _ok(run) -> str:  # type: ignore[no-untyped-def]
    assert run.returncode == 0, run.stderr
    return run.stdout


OUTPUTS = {
    "estimate.txt": _estimate_text, "estimate.json": _estimate_json, "optimise_gmv.txt": _optimised_json,
    "fit_lifts.txt": _fit_lifts, "workbook_zh.json": lambda: _workbook("zh"),
    "workbook_en.json": lambda: _workbook("en"),
}


@pytest.mark.parametrize("name", sorted(OUTPUTS))
def test_the_output_for_the_demo_plan_is_as_recorded(name: str) -> None:
    assert OUTPUTS[name]() == (GOLDEN / name).read_text(encoding="utf-8")


if __name__ == "__main__" and sys.argv[1:] == ["--record"]:
    for record, make in OUTPUTS.items():
        (GOLDEN / record).write_text(make(), encoding="utf-8")
        print(f"recorded {record}")
