"""The demo's guided flows (see ``chatbot/flows.py`` for the format): ごみ分別 and 引っ越し.

The collection areas, days and item list are fictional — typical of a Japanese city, not
Ryugasaki's actual calendar.
"""

from __future__ import annotations

_DAYS = {
    "north": (
        "北竜台地区（長山・久保台・松葉・小柴）",
        "Hokuryudai area",
        "月・木",
        "Mon & Thu",
        "第1水",
        "1st Wed",
        "火",
        "Tue",
        "金",
        "Fri",
    ),
    "south": (
        "龍ヶ岡地区（佐貫・藤ケ丘・松ケ丘・白羽）",
        "Ryugaoka area",
        "火・金",
        "Tue & Fri",
        "第2水",
        "2nd Wed",
        "月",
        "Mon",
        "木",
        "Thu",
    ),
    "center": (
        "中心市街地（寺後・米町・上町・下町）",
        "City centre",
        "月・木",
        "Mon & Thu",
        "第3水",
        "3rd Wed",
        "金",
        "Fri",
        "火",
        "Tue",
    ),
    "rural": (
        "東部・西部地区（川原代・馴馬・大徳・八代）",
        "Eastern and western areas",
        "火・金",
        "Tue & Fri",
        "第4水",
        "4th Wed",
        "木",
        "Thu",
        "月",
        "Mon",
    ),
}


def _area(value: str) -> dict:
    name, name_en, burn, burn_en, nonburn, nonburn_en, cans, cans_en, paper, paper_en = _DAYS[value]
    return {
        "value": value,
        "label": {"ja": name, "en": name_en},
        "vars": {
            "burnable": {"ja": f"毎週{burn}曜日", "en": f"every {burn_en}"},
            "nonburnable": {"ja": f"毎月{nonburn}曜日", "en": f"the {nonburn_en} of each month"},
            "cans": {"ja": f"毎週{cans}曜日", "en": f"every {cans_en}"},
            "pet": {
                "ja": f"毎週{cans}曜日（びん・缶と同じ日）",
                "en": f"every {cans_en} (with cans and bottles)",
            },
            "paper": {"ja": f"毎週{paper}曜日", "en": f"every {paper_en}"},
            "hazardous": {
                "ja": f"毎月{nonburn}曜日（燃やせないごみと同じ日）",
                "en": f"the {nonburn_en} (with non-burnable)",
            },
            "sodai": {
                "ja": "予約制です（粗大ごみ受付へ申し込んでください）",
                "en": "by appointment (apply to the bulky-waste desk)",
            },
            "kaden": {
                "ja": "市では収集しません（購入した店か許可業者へ）",
                "en": "not collected by the city (ask the shop or a licensed collector)",
            },
        },
    }


_CATEGORIES = {
    "burnable": ("燃やせるごみ", "burnable waste"),
    "nonburnable": ("燃やせないごみ", "non-burnable waste"),
    "cans": ("びん・缶", "cans and glass bottles"),
    "pet": ("ペットボトル", "PET bottles"),
    "paper": ("古紙・布類", "paper and textiles"),
    "hazardous": ("有害ごみ", "hazardous waste"),
    "sodai": ("粗大ごみ", "bulky waste"),
    "kaden": ("家電リサイクル品", "recyclable appliances"),
}

# (group, value, Japanese, English, category)
_ITEMS = [
    ("kitchen", "namagomi", "生ごみ", "Food scraps", "burnable"),
    ("kitchen", "tempura-oil", "天ぷら油", "Cooking oil", "burnable"),
    ("kitchen", "plastic-tray", "食品トレー", "Food trays", "burnable"),
    ("kitchen", "pet-bottle", "ペットボトル", "PET bottle", "pet"),
    ("kitchen", "can", "空き缶", "Empty can", "cans"),
    ("kitchen", "bottle", "空きびん", "Glass bottle", "cans"),
    ("kitchen", "pan", "フライパン・なべ", "Frying pan, pot", "nonburnable"),
    ("kitchen", "dishes", "茶わん・皿（陶器）", "Ceramic dishes", "nonburnable"),
    ("home", "newspaper", "新聞・雑誌", "Newspapers, magazines", "paper"),
    ("home", "cardboard", "段ボール", "Cardboard", "paper"),
    ("home", "clothes", "古着", "Old clothes", "paper"),
    ("home", "battery", "乾電池", "Batteries", "hazardous"),
    ("home", "fluorescent", "蛍光灯", "Fluorescent tube", "hazardous"),
    ("home", "spray-can", "スプレー缶", "Spray can", "hazardous"),
    ("home", "umbrella", "傘", "Umbrella", "nonburnable"),
    ("large", "sofa", "ソファー", "Sofa", "sodai"),
    ("large", "bed", "ベッド", "Bed", "sodai"),
    ("large", "bicycle", "自転車", "Bicycle", "sodai"),
    ("large", "futon", "布団", "Futon", "sodai"),
    ("large", "tv", "テレビ", "Television", "kaden"),
    ("large", "fridge", "冷蔵庫", "Refrigerator", "kaden"),
    ("large", "aircon", "エアコン", "Air conditioner", "kaden"),
    ("large", "washer", "洗濯機", "Washing machine", "kaden"),
]

GOMI = {
    "code": "gomi",
    "title": {"ja": "ごみの分け方と収集日", "en": "Sorting rubbish and collection days"},
    "definition": {
        "steps": [
            {
                "name": "area",
                "prompt": {"ja": "お住まいの地区を選んでください。", "en": "Which area do you live in?"},
                "options": [_area(value) for value in _DAYS],
            },
            {
                "name": "group",
                "prompt": {"ja": "何を捨てますか。", "en": "What kind of thing is it?"},
                "options": [
                    {"value": "kitchen", "label": {"ja": "台所のもの", "en": "Kitchen"}},
                    {"value": "home", "label": {"ja": "紙・衣類・日用品", "en": "Paper, clothes, household"}},
                    {"value": "large", "label": {"ja": "大きなもの・家電", "en": "Large items, appliances"}},
                ],
            },
            {
                "name": "item",
                "prompt": {"ja": "捨てるものを選んでください。", "en": "Choose the item."},
                "options": [
                    {
                        "value": value,
                        "label": {"ja": ja, "en": en},
                        "when": {"group": group},
                        "vars": {
                            "category": category,
                            "category_name": {"ja": _CATEGORIES[category][0], "en": _CATEGORIES[category][1]},
                        },
                    }
                    for group, value, ja, en, category in _ITEMS
                ],
            },
        ],
        "results": [
            {
                "when": {"group": "large", "item": ["sofa", "bed", "bicycle", "futon"]},
                "text": {
                    "ja": "「{item}」は{category_name}です。{area}では{*category}。",
                    "en": "{item}: {category_name}. In {area}: {*category}.",
                },
                "procedures": ["sodai-gomi"],
            },
            {
                "text": {
                    "ja": "「{item}」は{category_name}です。{area}の収集日は{*category}です。朝8時30分までに集積所に出してください。",
                    "en": "{item}: {category_name}. Collection in {area}: {*category}. Put it out by 8:30 a.m.",
                },
            },
        ],
    },
}

HIKKOSHI = {
    "code": "hikkoshi",
    "title": {"ja": "引っ越しの手続き案内", "en": "Moving: which procedures"},
    "definition": {
        "steps": [
            {
                "name": "direction",
                "prompt": {"ja": "どのような引っ越しですか。", "en": "What kind of move?"},
                "options": [
                    {"value": "in", "label": {"ja": "他の市町村から龍ケ崎市へ", "en": "Into Ryugasaki"}},
                    {"value": "within", "label": {"ja": "龍ケ崎市内での引っ越し", "en": "Within Ryugasaki"}},
                    {"value": "out", "label": {"ja": "龍ケ崎市から他の市町村へ", "en": "Out of Ryugasaki"}},
                ],
            },
            {
                "name": "origin",
                "prompt": {"ja": "どこから引っ越しますか。", "en": "Where are you moving from?"},
                "options": [
                    {
                        "value": "japan",
                        "label": {"ja": "国内の他の市町村", "en": "Elsewhere in Japan"},
                        "when": {"direction": "in"},
                    },
                    {"value": "abroad", "label": {"ja": "海外", "en": "Abroad"}, "when": {"direction": "in"}},
                    {
                        "value": "here",
                        "label": {"ja": "龍ケ崎市内", "en": "Ryugasaki"},
                        "when": {"direction": ["within", "out"]},
                    },
                ],
            },
            {
                "name": "children",
                "prompt": {
                    "ja": "中学生以下のお子さんはいますか。",
                    "en": "Do you have children of school age or younger?",
                },
                "options": [
                    {"value": "yes", "label": {"ja": "はい", "en": "Yes"}},
                    {"value": "no", "label": {"ja": "いいえ", "en": "No"}},
                ],
            },
        ],
        "results": [
            {
                "when": {"direction": "in", "children": "yes"},
                "text": {
                    "ja": "{origin}からの転入ですね。引っ越した日から14日以内に転入届を出してください。お子さんの手当・医療費助成・転校の手続きも必要です。",
                    "en": "Moving in from {origin}: file the moving-in notification within 14 days. Child allowance, medical-expense aid and school transfer also need procedures.",
                },
                "procedures": [
                    "tennyu",
                    "jidou-teate-nintei",
                    "kodomo-iryouhi",
                    "tennyugaku",
                    "kokuho-kanyu-dattai",
                ],
            },
            {
                "when": {"direction": "in"},
                "text": {
                    "ja": "{origin}からの転入ですね。引っ越した日から14日以内に転入届を出してください。",
                    "en": "Moving in from {origin}: file the moving-in notification within 14 days.",
                },
                "procedures": ["tennyu", "tennyu-jizen", "kokuho-kanyu-dattai", "inu-touroku"],
            },
            {
                "when": {"direction": "within", "children": "yes"},
                "text": {
                    "ja": "市内での引っ越しは転居届です。引っ越した日から14日以内に出してください。学区が変わる場合は転校の手続きも必要です。",
                    "en": "Within the city: file a change of address within 14 days; a new school district also means a school transfer.",
                },
                "procedures": ["tenkyo", "tennyugaku", "jidou-teate-nintei"],
            },
            {
                "when": {"direction": "within"},
                "text": {
                    "ja": "市内での引っ越しは転居届です。引っ越した日から14日以内に出してください。",
                    "en": "Within the city: file a change of address within 14 days.",
                },
                "procedures": ["tenkyo"],
            },
            {
                "text": {
                    "ja": "市外への引っ越しは転出届です。引っ越す日の前後14日以内に出してください。マイナンバーカードがあればオンラインでもできます。",
                    "en": "Moving out: file the moving-out notification within 14 days before or after the move; online with a My Number Card.",
                },
                "procedures": ["tenshutsu", "kokuho-kanyu-dattai", "jidou-teate-nintei"],
            },
        ],
    },
}

FLOWS = [GOMI, HIKKOSHI]
