"""Speed and memory of reading big tables and plan files, each measured in a child process.

Run: python tests/bench/bench_import.py   (not collected by pytest: the name does not start with test_)
Targets (issue 8): a 100,000-row XLSX imports within ~10% of the time it took before formulas were looked
for; importing a 157 MB CSV of 580,000 notes peaks under 600 MB; a plan file with one column of 10,000,000
values is refused without building it. Peak RSS is the measured child's own (os.wait4), and the files are
written by other processes, so that nothing this script holds counts.
Issue 12: importing a 聚光 hourly report of 1,000,000 rows (60 days x 24 hours x 700 creatives of 120 notes) and
a 星河 report of the same notes into a notes table within 2x of bare pandas.read_csv of the same two files
(`--exports`; timed in alternating rounds in one process, so that both see the same page cache).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path[:0] = [str(Path(__file__).resolve().parents[1]), str(Path(__file__).resolve().parent)]

from plans import random_notes  # noqa: E402
from timing import Comparison, best_of, compare  # noqa: E402

BIN = Path(sys.executable).parent
# Titles of 28 Chinese characters: 580,000 notes then take ~159 MB as CSV, as a real export of long titles.
TITLE_WORDS = ("夏日防晒", "春季新品", "早餐推荐", "跑鞋测评", "通勤穿搭", "居家好物", "平价彩妆", "露营装备")


def big_notes(rows: int, seed: int = 0):
    """random_notes with long titles, as the CSV a big account exports."""
    notes = random_notes(rows, seed)
    rng = np.random.default_rng(seed)
    words = np.array(TITLE_WORDS, dtype=object)
    picks = rng.integers(0, len(TITLE_WORDS), size=(rows, 7))
    notes["title"] = [" ".join(row) for row in words[picks]]
    return notes


def child_peak_mb(command: list[str]) -> tuple[float, float, str]:
    """Run `command`; its seconds, its own peak RSS in MB (os.wait4: this child's alone) and the last line it
    printed on stderr or stdout."""
    with tempfile.TemporaryFile() as output:
        start = time.perf_counter()
        child = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT)
        _, _, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        child.returncode = 0  # reaped here; keeps Popen from waiting again
        output.seek(0)
        said = output.read().decode("utf-8", errors="replace").strip().splitlines()
    return seconds, usage.ru_maxrss / 1024, said[-1] if said else "(nothing printed)"


def xlsx_import(folder: Path) -> None:
    """Time read_notes on a 100,000-row XLSX written by XlsxWriter (values, no formulas)."""
    from planner.io.tables import read_notes

    path = folder / "notes.xlsx"
    notes = random_notes(100_000, seed=1)
    notes.to_excel(path, index=False, engine="xlsxwriter")
    seconds = best_of(lambda: read_notes(path), repeat=3)
    print(f"import 100,000-row XLSX ({path.stat().st_size / 1e6:.1f} MB): {seconds:.2f} s (best of 3)")


def write_big_csv(path: Path) -> None:
    big_notes(580_000).to_csv(path, index=False)


def write_long_column_plan(path: Path) -> None:
    document = {"schema_version": 1, "name": "", "params": {"brand_budget": 0.0, "objective": "orders",
                "joint": True, "platform_share": 0.5, "platform_cap": None},
                "lifts": {"rows": [], "samples": {}}, "notes": {"columns": {"note_id": ["n1"]}}}
    text = json.dumps(document).replace('["n1"]', "[" + ",".join(["0.5"] * 10_000_000) + "]")
    path.write_text(text, encoding="utf-8")


def written(maker: str, path: Path) -> Path:
    """`path` written by another process: Linux counts the RSS a child is forked with (the measuring
    process's) in the child's ru_maxrss, so the measuring process must stay small."""
    subprocess.run([sys.executable, __file__, maker, str(path)], check=True)
    return path


def big_csv(folder: Path) -> None:
    """Peak RSS of importing the CSV alone (read_notes, as the CLI starts it)."""
    csv = written("--write-csv", folder / "big.csv")
    read = ("import sys; from planner.heap import keep_freed_memory; keep_freed_memory(); "
            "from planner.io.tables import read_notes; print(len(read_notes(sys.argv[1])), 'notes read')")
    seconds, peak, said = child_peak_mb([sys.executable, "-c", read, str(csv)])
    print(f"read_notes on a {csv.stat().st_size / 1e6:.0f} MB CSV of 580,000 notes: {seconds:.1f} s, peak RSS "
          f"{peak:.0f} MB (target < 600 MB): {said}")


def new_plan_from_csv(folder: Path) -> None:
    """Peak RSS of `planner-cli new`: the import, then the save of the plan."""
    csv = written("--write-csv", folder / "big.csv")
    seconds, peak, said = child_peak_mb([str(BIN / "planner-cli"), "new", "--notes", str(csv),
                                         "-o", str(folder / "big.rcplan")])
    print(f"planner-cli new on a {csv.stat().st_size / 1e6:.0f} MB CSV of 580,000 notes (import, then save): "
          f"{seconds:.1f} s, peak RSS {peak:.0f} MB: {said}")


def long_column_plan(folder: Path) -> None:
    plan = written("--write-plan", folder / "long.rcplan")
    seconds, peak, said = child_peak_mb([str(BIN / "planner-cli"), "estimate", str(plan)])
    print(f"planner-cli estimate on a {plan.stat().st_size / 1e6:.0f} MB plan with a column of 10,000,000 "
          f"values: {seconds:.1f} s, peak RSS {peak:.0f} MB: {said}")


def write_exports(folder: Path) -> None:
    """A 聚光 hourly report of 1,000,000 rows (and its 星河 report), as big accounts download them."""
    import pandas as pd

    rng = np.random.default_rng(12)
    rows, creatives, notes = 1_000_000, 700, 120
    note_ids = np.array([f"{value:024x}" for value in rng.integers(0, 2**62, notes)])
    creative_ids = np.array([f"{value:024x}" for value in rng.integers(0, 2**62, creatives)])
    creative = np.arange(rows) % creatives
    hour = np.arange(rows) // creatives
    times = pd.Timestamp("2025-04-20") + pd.to_timedelta(hour, "h")
    shown = rng.integers(0, 200, rows)
    clicks = rng.binomial(shown, 0.04)
    spend = np.round(shown * rng.uniform(0.03, 0.09, rows), 2)
    parts = {name: rng.binomial(shown, share) for name, share in (("点赞", 0.01), ("评论", 0.002), ("收藏", 0.004),
                                                                   ("关注", 0.001), ("分享", 0.001))}
    juguang = pd.DataFrame({
        "时间": times.strftime("%Y-%m-%d %H:00"), "创意ID": creative_ids[creative],
        "笔记ID": note_ids[creative % notes], "计划名称": np.where(creative % 3 == 0, "618联投-运动户外", "日常种草-美妆护肤"),
        "计划ID": creative // 7 + 10_000_000, "单元名称": "单元-人群包", "单元ID": creative + 20_000_000,
        "消费": spend, "展现量": shown, "点击量": clicks, "点击率": np.round(clicks / np.maximum(shown, 1), 4),
        "平均点击成本": np.round(spend / np.maximum(clicks, 1), 2), "平均千次展示费用": np.round(spend / np.maximum(shown, 1) * 1000, 2),
        **parts, "互动量": parts["点赞"] + parts["评论"] + parts["收藏"] + parts["分享"], "平均互动成本": 0.0,
        "行动按钮点击量": 0, "搜索组件点击量": 0, "搜后阅读量": 0, "新增种草人群": 0, "新增深度种草人群": 0, "小红星站外进店量": 0,
        "小红星站外进店成本": 0.0, "小红星站外进店率": 0.0, "投放位置": "信息流"})
    juguang.to_csv(folder / "juguang.csv", index=False)
    days = pd.date_range("2025-04-20", periods=60).strftime("%Y-%m-%d")
    day, note, window = (grid.ravel() for grid in np.meshgrid(days, note_ids, ["15天", "30天"], indexing="ij"))
    visits = rng.integers(20, 200, len(day))
    buyers = rng.binomial(visits, 0.05)
    xinghe = pd.DataFrame({
        "日期": day, "内容ID": note, "任务ID": "XT1", "流量类型": "全部", "归因口径": window,
        "阅读/播放UV": visits * 4, "互动UV": visits, "内容互动率": "3.00%", "搜索曝光UV": visits, "搜索进店UV": visits // 4,
        "进店UV": visits, "新客进店UV": visits // 2, "商品收藏UV": visits // 6, "商品加购UV": visits // 5,
        "成交UV": buyers, "商家GMV": buyers * 400.0, "订单商品成交GMV": buyers * 300.0, "预售付定GMV": 0.0,
        "预售整单预估GMV": 0.0, "达人昵称": "达人"})
    (folder / "xinghe.csv").write_bytes(b"\xef\xbb\xbf" + xinghe.to_csv(index=False).encode("utf-8"))


def exports_import(folder: Path) -> None:
    """import_exports (notes) against bare pandas.read_csv of the same two files, in alternating rounds."""
    import pandas as pd

    from planner.io.exports import ExportOptions, import_exports

    subprocess.run([sys.executable, __file__, "--write-exports", str(folder)], check=True)
    files = [folder / "juguang.csv", folder / "xinghe.csv"]
    options = ExportOptions(answers={"industry": "sports"})
    result = import_exports(files, options)
    assert result.ready and len(result.table) == 120, (result.unresolved, result.problems)
    rows = sum(1 for _ in open(files[0], "rb")) - 1  # noqa: SIM115 - counted once, before timing
    timed = compare(lambda: import_exports(files, options), lambda: [pd.read_csv(path) for path in files], rounds=5)
    size = sum(path.stat().st_size for path in files) / 1e6
    print(f"import a 聚光 report of {rows:,} rows and a 星河 report ({size:.0f} MB) into 120 notes: "
          f"{Comparison.describe(timed.ours, unit=' s')}; bare pandas.read_csv of both: "
          f"{Comparison.describe(timed.baseline, unit=' s')}; ours / bare {Comparison.describe(timed.ratios)} "
          "(target < 2)")


PARTS = {"--xlsx": xlsx_import, "--csv": big_csv, "--new": new_plan_from_csv, "--plan": long_column_plan,
         "--exports": exports_import}
MAKERS = {"--write-csv": write_big_csv, "--write-plan": write_long_column_plan}


def main() -> None:
    """Each part in a process of its own, so that every peak RSS is one child's alone."""
    if len(sys.argv) == 3 and sys.argv[1] in MAKERS:
        MAKERS[sys.argv[1]](Path(sys.argv[2]))
        return
    if len(sys.argv) == 3 and sys.argv[1] == "--write-exports":
        write_exports(Path(sys.argv[2]))
        return
    chosen = [arg for arg in sys.argv[1:] if arg in PARTS]
    if len(chosen) == 1:
        with tempfile.TemporaryDirectory() as name:
            PARTS[chosen[0]](Path(name))
        return
    print("RedCat Planner import benchmark")
    for part in chosen or PARTS:
        subprocess.run([sys.executable, __file__, part], check=True)


if __name__ == "__main__":
    main()
