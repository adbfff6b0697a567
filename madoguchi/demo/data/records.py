"""The demo file plan (ファイル基準表) and a few files, some already past their retention.

Classes follow the usual 大分類 → 中分類 → 小分類 shape; retention periods are the common ones
for each kind of document (例規 常用, 予算 10年, 照会・回答 1年 …). Files completed long ago are
included so that a year-end disposal can be run in the demo straight away.
"""

from __future__ import annotations

# (code, name, parent code or None, retention years (0 = 常用), expiry action)
FILE_PLAN: list[tuple[str, str, str | None, int, str]] = [
    ("somu", "総務", None, 30, "transfer"),
    ("somu-reiki", "例規", "somu", 0, "transfer"),
    ("somu-reiki-jorei", "条例・規則の制定改廃", "somu-reiki", 0, "transfer"),
    ("somu-bunsho", "文書", "somu", 5, "dispose"),
    ("somu-bunsho-shokai", "照会・回答（軽易なもの）", "somu-bunsho", 1, "dispose"),
    ("somu-bunsho-shuju", "収受文書", "somu-bunsho", 5, "dispose"),
    ("zaimu", "財務", None, 10, "dispose"),
    ("zaimu-yosan", "予算", "zaimu", 10, "dispose"),
    ("zaimu-yosan-yokyu", "予算要求", "zaimu-yosan", 10, "dispose"),
    ("zaimu-keiyaku", "契約", "zaimu", 5, "dispose"),
    ("zaimu-keiyaku-buppin", "物品購入契約", "zaimu-keiyaku", 5, "dispose"),
    ("joho", "情報システム", None, 5, "dispose"),
    ("joho-system", "システム運用", "joho", 5, "dispose"),
    ("joho-system-kiki", "機器の調達・更新", "joho-system", 5, "dispose"),
    ("joho-system-kikaku", "情報化計画", "joho-system", 30, "transfer"),
    ("shimin", "市民生活", None, 5, "dispose"),
    ("shimin-juki", "住民記録", "shimin", 5, "dispose"),
    ("shimin-juki-todoke", "住民異動届", "shimin-juki", 5, "dispose"),
    ("shimin-juki-shinsei", "申請の処分", "shimin-juki", 5, "dispose"),
]

# (file plan code, department code, title, created fiscal year, completed fiscal year or None)
FILES: list[tuple[str, str, str, int, int | None]] = [
    ("joho-system-kiki", "somu-joho", "令和元年度 庁内ネットワーク機器更新", 2019, 2019),
    ("joho-system-kiki", "somu-joho", "令和2年度 端末調達", 2020, 2020),
    ("somu-bunsho-shokai", "somu-joho", "令和6年度 照会・回答綴", 2024, 2024),
    ("joho-system-kikaku", "somu-joho", "第3次龍ケ崎市情報化計画", 2015, 2016),
    ("joho-system-kiki", "somu-joho", "令和8年度 サーバ更新", 2026, None),
    ("shimin-juki-todoke", "shimin-madoguchi", "令和2年度 住民異動届（4月〜9月）", 2020, 2020),
    ("shimin-juki-todoke", "shimin-madoguchi", "令和2年度 住民異動届（10月〜3月）", 2020, 2020),
    ("zaimu-yosan-yokyu", "somu-zaisei", "令和3年度 予算要求資料", 2020, 2021),
]
