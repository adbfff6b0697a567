"""Households moving into 龍ケ崎市 whose 転出証明書情報 has arrived (the 住基ネット sandbox).

Each is what the municipality the household leaves would send ahead under the マイナンバーカード
転出・転入手続のワンストップ化: who moves (世帯主 first), their 続柄 and 本籍, the address they
leave and the planned address here. They are not in the demo registry: they sign in with the
sandbox card (their card still shows the address they leave) and start the 引っ越し（転入）
life event, which is prefilled from this information. All people and addresses are fictional;
the addresses left are those of city halls.
"""

from __future__ import annotations

from typing import Any

# (notice number, municipality left, address left, postal code, planned address here,
#  days from today to the planned move, persons: (code, 氏, 名, セイ, メイ, age, sex, 続柄, 本籍))
MOVING_IN_HOUSEHOLDS: list[dict[str, Any]] = [
    {
        "notice_number": "TN-2026-000101",
        "from_municipality": "千葉県柏市",
        "previous_address": "千葉県柏市柏5丁目10番1号",
        "planned_postal_code": "3010042",
        "planned_address": "茨城県龍ケ崎市長山4丁目12番3号",
        "days_ahead": 7,
        "persons": [
            (
                "70000000101",
                "森田",
                "健一",
                "モリタ",
                "ケンイチ",
                38,
                "male",
                "世帯主",
                "千葉県柏市柏五丁目10番",
            ),
            ("70000000102", "森田", "由美", "モリタ", "ユミ", 36, "female", "妻", "千葉県柏市柏五丁目10番"),
            ("70000000103", "森田", "大翔", "モリタ", "ヒロト", 7, "male", "子", "千葉県柏市柏五丁目10番"),
            ("70000000104", "森田", "結衣", "モリタ", "ユイ", 3, "female", "子", "千葉県柏市柏五丁目10番"),
        ],
    },
    {
        "notice_number": "TN-2026-000102",
        "from_municipality": "東京都江戸川区",
        "previous_address": "東京都江戸川区中央1丁目4番1号",
        "planned_postal_code": "3010044",
        "planned_address": "茨城県龍ケ崎市小柴2丁目5番8号",
        "days_ahead": 10,
        "persons": [
            (
                "70000000201",
                "岡本",
                "沙織",
                "オカモト",
                "サオリ",
                29,
                "female",
                "世帯主",
                "茨城県土浦市大和町9番",
            ),
        ],
    },
]
