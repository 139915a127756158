"""Small platform exports written by hand, with figures a test can check on paper (the headers as the
platforms write them; rows built by juguang_row and xinghe_row)."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

JUGUANG = ["时间", "创意ID", "笔记ID", "计划名称", "计划ID", "单元名称", "单元ID", "消费", "展现量", "点击量", "点击率",
           "平均点击成本", "平均千次展示费用", "点赞", "评论", "收藏", "关注", "分享", "互动量", "投放位置"]
XINGHE = ["日期", "内容ID", "任务ID", "流量类型", "归因口径", "阅读/播放UV", "互动UV", "进店UV", "成交UV", "商家GMV",
          "订单商品成交GMV", "预售付定GMV", "预售整单预估GMV", "达人昵称"]
PUGONGYING = ["笔记ID", "博主昵称", "博主粉丝量", "笔记标题", "笔记类型", "笔记发布日期", "博主报价", "服务费金额", "总金额",
              "阅读UV", "自然阅读量", "推广阅读量", "互动率"]
SHUTIAO = ["笔记ID", "被推广者", "实际消耗（元）", "推广总预算（元）", "订单状态", "启动时间", "曝光量", "阅读量"]
XIAOHONGXING = ["笔记ID", "总金额", "蒲公英金额", "广告金额", "抽样比例", "站外店铺行为UV"]


def csv_text(rows: Sequence[Sequence[object]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def juguang_row(time: str, note: str, spend: float, shown: int, clicks: int, likes: int = 0, comments: int = 0,
                collects: int = 0, shares: int = 0, follows: int = 0, plan: str = "日常种草") -> list[object]:
    interactions = likes + comments + collects + shares
    return [time, f"{note}-c", note, plan, "1", "单元", "2", spend, shown, clicks, "", "", "", likes, comments,
            collects, follows, shares, interactions, "信息流"]


def xinghe_row(day: str, note: str, readers: int, visits: int, buyers: int, store_gmv: float, item_gmv: float,
               window: str = "15天", traffic: str = "全部", presale: float = 0.0, creator: str = "") -> list[object]:
    return [day, note, "T1", traffic, window, readers, 0, visits, buyers, store_gmv, item_gmv, presale / 4, presale,
            creator]
