"""Regenerate the sample platform exports of the demo brand: resources/samples/*.

Run `python resources/make_samples.py` from the repository root (after make_demo.py: it reads demo.rcplan). It
writes, deterministically (fixed seed, fixed workbook dates), the exports a planner of the demo brand would
download after a 30-day campaign (2025-05-20 to 2025-06-18) in which each note spent its demo budget:

    juguang.csv       聚光 daily creative report, UTF-8: 2 creatives per note and day
    xinghe.csv        种草星河 content report, UTF-8 with BOM: a row per note, day and attribution window
    pugongying.xlsx   蒲公英 order export of the ad notes, the header on the third row
    shutiao.csv       薯条 orders of a few notes that are not ad notes, GB18030 as Chinese Excel saves it
    xiaohongxing.xlsx 小红星 figures of the notes with a Taobao link, sampled

Their totals agree with the demo plan: per note, 聚光 and 薯条 spend add up to its budget, and the counts are
the demo's rates applied to them and rounded to whole numbers (clicks = round(impressions x ctr), store visits
= round(clicks x entry_rate), buyers = round(store visits x cvr), GMV = buyers x aov), so that importing the
samples gives the demo's rates back within the rounding of whole counts (at most 0.5 / the denominator).
"""

from __future__ import annotations

import io
from datetime import date, datetime, timedelta
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
OUT = HERE / "samples"
SEED = 12
FIRST_DAY, DAYS = date(2025, 5, 20), 30
SHUTIAO_SHARE = 0.2  # of a boosted non-ad note's budget, spent on 薯条 orders
WINDOW_EXTRA = 1.12  # the 30-day window finds this many times the 15-day window's store visits


def split(total: int, weights: np.ndarray) -> np.ndarray:
    """`total` whole units in proportion to `weights`, summing to `total` exactly (largest remainders)."""
    share = weights / weights.sum() * total
    whole = np.floor(share).astype(np.int64)
    rest = int(total - whole.sum())
    whole[np.argsort(-(share - whole), kind="stable")[:rest]] += 1
    return whole


def demo_notes() -> pd.DataFrame:
    from planner.io.planfile import load_plan

    return load_plan(HERE / "demo.rcplan").notes


def note_totals(notes: pd.DataFrame) -> pd.DataFrame:
    """Per note: spend in fen (聚光 and 薯条), impressions, clicks, interactions, store visits, buyers, GMV."""
    rng = np.random.default_rng(SEED)
    totals = pd.DataFrame({"note_id": notes["note_id"]})
    budget_fen = np.round(notes["budget"].to_numpy() * 100).astype(np.int64)
    shutiao = (~notes["is_ad"].to_numpy()) & (np.arange(len(notes)) % 3 == 0)
    totals["shutiao_fen"] = np.where(shutiao, np.round(budget_fen * SHUTIAO_SHARE), 0).astype(np.int64)
    totals["juguang_fen"] = budget_fen - totals["shutiao_fen"]
    cpm = notes["cpm"].to_numpy()
    for part in ("juguang", "shutiao"):
        shown = np.round(totals[f"{part}_fen"].to_numpy() / 100 * 1000 / cpm).astype(np.int64)
        totals[f"{part}_impressions"] = shown
        totals[f"{part}_clicks"] = np.round(shown * notes["ctr"].to_numpy()).astype(np.int64)
    impressions = totals["juguang_impressions"] + totals["shutiao_impressions"]
    clicks = totals["juguang_clicks"] + totals["shutiao_clicks"]
    totals["interactions"] = np.round(totals["juguang_impressions"] * notes["interaction_rate"]).astype(np.int64)
    totals["store_visits"] = np.round(clicks * notes["entry_rate"]).astype(np.int64)
    totals["buyers"] = np.maximum(1, np.round(totals["store_visits"] * notes["cvr"])).astype(np.int64)
    totals["aov"] = notes["aov"].to_numpy()
    totals["readers"] = np.round(clicks * rng.uniform(0.85, 0.97, len(notes))).astype(np.int64)
    totals["impressions"] = impressions
    return totals


def days() -> list[date]:
    return [FIRST_DAY + timedelta(days=k) for k in range(DAYS)]


def juguang(notes: pd.DataFrame, totals: pd.DataFrame) -> pd.DataFrame:
    """A daily creative report: each note's totals spread over 2 creatives x 30 days (its daily clicks are kept
    in `totals.attrs`, so that no day of 星河 has more store visits than clicks)."""
    from planner.model.fields import industry_label

    rng = np.random.default_rng(SEED + 1)
    rows = []
    for i, note in notes.iterrows():
        total = totals.loc[i]
        weights = rng.uniform(0.3, 1.7, 2 * DAYS)
        spend = split(int(total["juguang_fen"]), weights)
        shown = split(int(total["juguang_impressions"]), weights)
        clicks = split(int(total["juguang_clicks"]), weights)
        parts = split(int(total["interactions"]), weights)
        likes = np.round(parts * 0.55).astype(np.int64)
        comments = np.round(parts * 0.1).astype(np.int64)
        collects = np.round(parts * 0.25).astype(np.int64)
        shares = parts - likes - comments - collects
        daily = clicks[:DAYS] + clicks[DAYS:]
        if total["shutiao_clicks"]:
            daily[i % DAYS] += int(total["shutiao_clicks"])  # the 薯条 order's day (shutiao below)
        totals.attrs.setdefault("daily_clicks", {})[note["note_id"]] = daily
        plan = f"618种草-{industry_label(note['industry'], 'zh')}"
        for k in range(2 * DAYS):
            creative, day = divmod(k, DAYS)
            yuan = spend[k] / 100
            rows.append({
                "时间": (FIRST_DAY + timedelta(days=day)).isoformat(),
                "创意ID": f"{note['note_id']}-C{creative + 1}", "笔记ID": note["note_id"], "计划名称": plan,
                "计划ID": 880000 + i, "单元名称": f"{plan}-单元{creative + 1}", "单元ID": 990000 + 2 * i + creative,
                "消费": f"{yuan:.2f}", "展现量": shown[k], "点击量": clicks[k],
                "点击率": f"{clicks[k] / shown[k] * 100:.2f}%" if shown[k] else "0.00%",
                "平均点击成本": f"{yuan / clicks[k]:.2f}" if clicks[k] else "0.00",
                "平均千次展示费用": f"{yuan / shown[k] * 1000:.2f}" if shown[k] else "0.00",
                "点赞": likes[k], "评论": comments[k], "收藏": collects[k], "关注": int(rng.integers(0, 3)),
                "分享": shares[k], "互动量": parts[k],
                "平均互动成本": f"{yuan / parts[k]:.2f}" if parts[k] else "0.00",
                "行动按钮点击量": 0, "搜索组件点击量": int(clicks[k] // 20), "搜后阅读量": int(clicks[k] // 25),
                "新增种草人群": int(parts[k] // 3), "新增深度种草人群": int(parts[k] // 9),
                "小红星站外进店量": 0, "小红星站外进店成本": "0.00", "小红星站外进店率": "0.00%",
                "投放位置": "信息流" if creative == 0 else "搜索"})
    return pd.DataFrame(rows)


def xinghe(notes: pd.DataFrame, totals: pd.DataFrame) -> pd.DataFrame:
    """The content report: per note and day, a 15-day and a 30-day attribution row for all traffic."""
    rows = []
    for i, note in notes.iterrows():
        total = totals.loc[i]
        clicks = totals.attrs["daily_clicks"][note["note_id"]].astype(float)
        for window, extra in (("15天", 1.0), ("30天", WINDOW_EXTRA)):
            # Visits follow the day's clicks, buyers the day's visits: no day holds more of a stage than of its source.
            visits = split(int(round(total["store_visits"] * extra)), clicks + 1e-9)
            buyers = split(int(round(total["buyers"] * extra)), visits + 1e-9)
            readers = split(int(total["readers"]), clicks + 1e-9)
            for k, day in enumerate(days()):
                item_gmv = buyers[k] * total["aov"]
                rows.append({
                    "日期": day.isoformat(), "内容ID": note["note_id"],
                    "任务ID": f"XT{202505000 + i}" if note["taobao_link"] else "", "流量类型": "全部",
                    "归因口径": window, "阅读/播放UV": readers[k], "互动UV": int(readers[k] * 0.3),
                    "内容互动率": f"{0.3 * 100:.2f}%", "搜索曝光UV": int(readers[k] * 0.5),
                    "搜索进店UV": int(visits[k] // 4), "进店UV": visits[k], "新客进店UV": int(visits[k] * 0.6),
                    "商品收藏UV": int(visits[k] // 6), "商品加购UV": int(visits[k] // 5), "成交UV": buyers[k],
                    "商家GMV": f"{item_gmv * 1.35:.2f}", "订单商品成交GMV": f"{item_gmv:.2f}",
                    "预售付定GMV": f"{item_gmv * 0.1:.2f}" if day < date(2025, 6, 1) else "0.00",
                    "预售整单预估GMV": f"{item_gmv * 0.4:.2f}" if day < date(2025, 6, 1) else "0.00",
                    "达人昵称": note["creator"]})
    return pd.DataFrame(rows)


def pugongying(notes: pd.DataFrame, totals: pd.DataFrame) -> pd.DataFrame:
    """One creator order per ad note: the creator's quote and the platform's 10% service fee."""
    rng = np.random.default_rng(SEED + 3)
    rows = []
    for i, note in notes[notes["is_ad"]].iterrows():
        followers = int(rng.integers(8, 400)) * 1000
        quote = float(round(followers * rng.uniform(0.05, 0.12), -2))
        fee = round(quote * 0.1, 2)
        reads = int(totals.loc[i, "readers"])
        rows.append({
            "笔记ID": note["note_id"], "博主昵称": note["creator"], "博主粉丝量": followers,
            "笔记标题": note["title"], "笔记类型": "视频" if note["format"] == "video" else "图文",
            "笔记发布日期": (FIRST_DAY - timedelta(days=int(rng.integers(1, 8)))).isoformat(),
            "博主报价": quote, "服务费金额": fee, "总金额": quote + fee, "阅读UV": reads,
            "自然阅读量": int(reads * 0.6), "推广阅读量": reads - int(reads * 0.6),
            "互动率": f"{note['interaction_rate'] * 100:.2f}%"})
    return pd.DataFrame(rows)


def shutiao(notes: pd.DataFrame, totals: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for i, note in notes.iterrows():
        total = totals.loc[i]
        if total["shutiao_fen"] == 0:
            continue
        spent = total["shutiao_fen"] / 100
        rows.append({
            "笔记ID": note["note_id"], "被推广者": note["creator"], "实际消耗（元）": f"{spent:.2f}",
            "推广总预算（元）": f"{np.ceil(spent / 100) * 100:.2f}", "订单状态": "已完成",
            "启动时间": f"{(FIRST_DAY + timedelta(days=i % DAYS)).isoformat()} 10:30",
            "曝光量": int(total["shutiao_impressions"]), "阅读量": int(total["shutiao_clicks"])})
    return pd.DataFrame(rows)


def xiaohongxing(notes: pd.DataFrame, totals: pd.DataFrame) -> pd.DataFrame:
    """The linked notes' 小红星 figures: store-behaviour UVs sampled at 10% or 20%."""
    rows = []
    for i, note in notes[notes["taobao_link"]].iterrows():
        share = 0.1 if i % 2 else 0.2
        rows.append({
            "笔记ID": note["note_id"], "总金额": 0.0, "蒲公英金额": 0.0, "广告金额": 0.0,
            "抽样比例": f"{share:.0%}", "站外店铺行为UV": int(round(totals.loc[i, "store_visits"] * share))})
    return pd.DataFrame(rows)


def write_xlsx(frame: pd.DataFrame, path: Path, title_rows: list[str]) -> None:
    """A workbook with `title_rows` above the header, as 蒲公英 exports it; fixed dates (same bytes each run)."""
    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    book.set_properties({"created": datetime(2025, 6, 20, 10, 0)})
    sheet = book.add_worksheet("Sheet1")
    for row, text in enumerate(title_rows):
        sheet.write_string(row, 0, text)
    top = len(title_rows)
    for column, name in enumerate(frame.columns):
        sheet.write_string(top, column, str(name))
    for row, values in enumerate(frame.itertuples(index=False), top + 1):
        for column, value in enumerate(values):
            if isinstance(value, str):
                sheet.write_string(row, column, value)
            else:
                sheet.write_number(row, column, float(value))
    book.close()
    path.write_bytes(buffer.getvalue())


def write_samples(out: Path = OUT) -> None:
    """Every sample export into `out`."""
    notes = demo_notes()
    totals = note_totals(notes)
    out.mkdir(exist_ok=True)
    (out / "juguang.csv").write_bytes(juguang(notes, totals).to_csv(index=False, lineterminator="\n").encode("utf-8"))
    (out / "xinghe.csv").write_bytes(
        b"\xef\xbb\xbf" + xinghe(notes, totals).to_csv(index=False, lineterminator="\n").encode("utf-8"))
    (out / "shutiao.csv").write_bytes(
        shutiao(notes, totals).to_csv(index=False, lineterminator="\r\n").encode("gb18030"))
    write_xlsx(pugongying(notes, totals), out / "pugongying.xlsx", ["蒲公英订单导出", "导出时间：2025-06-20 10:00"])
    write_xlsx(xiaohongxing(notes, totals), out / "xiaohongxing.xlsx", [])


def main() -> None:
    write_samples()
    print(f"wrote the sample exports of the demo's notes to {OUT}")


if __name__ == "__main__":
    main()
