"""The demo authority matrix (専決規程) and the two elected/appointed heads who decide at the top.

Modelled on the usual shape of a city's 事務決裁規程: routine matters are decided by the 課長,
matters of a department by the 部長, and important ones by the 副市長 or the 市長, with the
divisions that must agree consulted (合議) first — 財政課 on spending, 総務課 (the 文書主管課)
on anything the mayor signs. The people are fictional.
"""

from __future__ import annotations

from madoguchi.demo.data.organization import StaffMember

# (code, name, name_en, decider position code, consulted division codes)
MATTER_CLASSES: list[tuple[str, str, str, str, list[str]]] = [
    (
        "kakari-routine",
        "係長専決（軽易な事項）",
        "Decided by the section chief (minor matters)",
        "kakaricho",
        [],
    ),
    (
        "ka-routine",
        "課長専決（定例的な事項）",
        "Decided by the division manager (routine matters)",
        "kacho",
        [],
    ),
    (
        "bu-matter",
        "部長専決（部の方針に関する事項）",
        "Decided by the director (departmental matters)",
        "bucho",
        [],
    ),
    (
        "spending",
        "部長専決（50万円以上の支出負担行為）",
        "Decided by the director (commitments of 500,000 yen or more)",
        "bucho",
        ["somu-zaisei"],
    ),
    (
        "fukushicho",
        "副市長決裁（重要な事項）",
        "Decided by the deputy mayor (important matters)",
        "fukushicho",
        ["somu-somu"],
    ),
    (
        "shicho",
        "市長決裁（特に重要な事項）",
        "Decided by the mayor (most important matters)",
        "shicho",
        ["somu-somu", "somu-zaisei"],
    ),
    (
        # The division's 課長 decides on its own files; 総務課, the 文書主管課, is consulted on every
        # disposal so that nothing leaves the city's records without the records division agreeing.
        "records-disposal",
        "文書の廃棄・移管（課長専決・文書主管課合議）",
        "Disposal or transfer of records (division manager, with the records division)",
        "kacho",
        ["somu-somu"],
    ),
    (
        "case-decision",
        "申請に対する処分（課長専決）",
        "Decision on an application (division manager)",
        "kacho",
        [],
    ),
]

# The mayor and deputy mayor are appointed to the 市長公室, which serves them.
TOP_STAFF: list[StaffMember] = [
    {
        "username": "tsuboi.k",
        "family_name": "坪井",
        "given_name": "一郎",
        "family_name_kana": "ツボイ",
        "given_name_kana": "イチロウ",
        "posts": [("koshitsu", "shicho")],
    },
    {
        "username": "hirose.s",
        "family_name": "廣瀬",
        "given_name": "貞夫",
        "family_name_kana": "ヒロセ",
        "given_name_kana": "サダオ",
        "posts": [("koshitsu", "fukushicho")],
    },
]
