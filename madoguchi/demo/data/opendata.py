"""Fictional open data for Ryugasaki: one table per 自治体標準オープンデータセット.

Names and places are invented or generic (「中央公民館」, 「市民体育館」); coordinates are inside the
city (35.88–35.94°N, 140.14–140.24°E) with six decimals, made from a fixed seed so every demo
shows the same points. None of it describes a real facility.
"""

from __future__ import annotations

import random

from madoguchi.demo.data.places import CITY, CITY_NAME_PROSE, LOCAL_GOVERNMENT_CODE, PREFECTURE, TOWNS

CITY_NAME = CITY_NAME_PROSE
_SEED = 82082

# (dataset code, title, department code, groups, tags, frequency)
DATASETS = [
    ("public-facilities", "公共施設一覧", "somu-zaisei", ["kurashi"], ["公共施設"], "ANNUAL"),
    ("evacuation-sites", "指定緊急避難場所一覧", "shimin-bosai", ["bosai"], ["防災", "避難場所"], "ANNUAL"),
    ("aed", "AED設置箇所一覧", "shimin-bosai", ["bosai", "kenko"], ["AED", "救命"], "ANNUAL"),
    (
        "public-wifi",
        "公衆無線LANアクセスポイント一覧",
        "somu-joho",
        ["kurashi", "kanko"],
        ["Wi-Fi", "無線LAN"],
        "IRREG",
    ),
    ("population-by-area-age", "地域・年齢別人口", "shimin-madoguchi", ["tokei"], ["人口"], "MONTHLY"),
    ("childcare-facilities", "子育て施設一覧", "kodomo-hoiku", ["kosodate"], ["保育所", "子育て"], "ANNUAL"),
    ("care-service-providers", "介護サービス事業所一覧", "fukushi-kaigo", ["kenko"], ["介護"], "ANNUAL"),
    ("medical-institutions", "医療機関一覧", "kenko-zoshin", ["kenko"], ["医療機関"], "ANNUAL"),
    ("cultural-properties", "文化財一覧", "kyoiku-shogai", ["kanko"], ["文化財"], "IRREG"),
    ("tourist-facilities", "観光施設一覧", "sangyo-shoko", ["kanko"], ["観光"], "ANNUAL"),
    ("events", "イベント一覧", "sangyo-shoko", ["kanko"], ["イベント"], "MONTHLY"),
    ("public-toilets", "公衆トイレ一覧", "toshi-keikaku", ["kurashi"], ["トイレ"], "ANNUAL"),
    ("fire-water-sources", "消防水利施設一覧", "shimin-bosai", ["bosai"], ["消防水利"], "ANNUAL"),
]

GROUPS = [
    ("bosai", "防災", "Disaster preparedness"),
    ("kurashi", "くらし", "Living"),
    ("kosodate", "子育て", "Child-rearing"),
    ("kenko", "健康・福祉", "Health and welfare"),
    ("kanko", "観光・文化", "Tourism and culture"),
    ("tokei", "統計", "Statistics"),
]

_FACILITY_NAMES = [
    ("中央公民館", "チュウオウコウミンカン", "Central Community Hall"),
    ("市民体育館", "シミンタイイクカン", "Municipal Gymnasium"),
    ("中央図書館", "チュウオウトショカン", "Central Library"),
    ("歴史民俗資料館", "レキシミンゾクシリョウカン", "Museum of History and Folklore"),
    ("文化会館", "ブンカカイカン", "Culture Hall"),
    ("保健センター", "ホケンセンター", "Health Centre"),
    ("福祉会館", "フクシカイカン", "Welfare Hall"),
    ("市民活動センター", "シミンカツドウセンター", "Civic Activity Centre"),
    ("北部公民館", "ホクブコウミンカン", "North Community Hall"),
    ("南部公民館", "ナンブコウミンカン", "South Community Hall"),
    ("東部出張所", "トウブシュッチョウジョ", "East Branch Office"),
    ("西部出張所", "セイブシュッチョウジョ", "West Branch Office"),
]


def _point(rng: random.Random) -> tuple[str, str]:
    return f"{rng.uniform(35.885, 35.935):.6f}", f"{rng.uniform(140.145, 140.235):.6f}"


def _address(rng: random.Random) -> str:
    town = TOWNS[rng.randrange(len(TOWNS))]
    if town.chome:
        block = f"{rng.randint(1, town.chome)}丁目{rng.randint(1, 20)}番{rng.randint(1, 15)}号"
        return f"{PREFECTURE}{CITY}{town.name}{block}"
    return f"{PREFECTURE}{CITY}{town.name}{rng.randint(1, min(town.max_banchi, 3000))}番地"


def _phone(rng: random.Random) -> str:
    return f"0297-{rng.randint(60, 66)}-{rng.randint(1000, 9999)}"


def _common(code: str, index: int) -> list[str]:
    return [LOCAL_GOVERNMENT_CODE, f"{code[:3].upper()}{index:04d}", CITY_NAME]


def table(code: str) -> tuple[list[str], list[list[str]]]:
    """The header (current generation) and rows of the demo table for a standard dataset."""
    from madoguchi.opendata.standards import standard_by_code

    standard = standard_by_code(code)
    header = [item["name"] for item in standard.fields]
    rng = random.Random(f"{_SEED}-{code}")
    rows = [_row(code, header, index, rng) for index in range(1, _ROW_COUNTS.get(code, 8) + 1)]
    return header, rows


_ROW_COUNTS = {"population-by-area-age": 24, "fire-water-sources": 15, "public-wifi": 10}

_VALUES = {
    "childcare-facilities": [
        ("保育所", "ホイクショ"),
        ("認定こども園", "ニンテイコドモエン"),
        ("児童館", "ジドウカン"),
    ],
    "care-service-providers": ["訪問介護", "通所介護", "短期入所生活介護", "居宅介護支援"],
    "medical-institutions": ["病院", "診療所", "歯科診療所"],
    # (名称, 名称_カナ, 名称_英字, 文化財分類, 種類): a cultural property has its own name, not a hall's
    "cultural-properties": [
        ("稲荷神社本殿", "イナリジンジャホンデン", "Main Hall of Inari Shrine", "市指定有形文化財", "建造物"),
        (
            "旧宿場の石造道標",
            "キュウシュクバノセキゾウドウヒョウ",
            "Stone Signpost of the Old Post Town",
            "市指定有形文化財",
            "石造物",
        ),
        ("大池の板碑群", "オオイケノイタビグン", "Stone Stupas of Oike", "市指定史跡", "史跡"),
        ("中町の山車", "ナカマチノダシ", "Festival Float of Nakamachi", "市指定有形民俗文化財", "民俗資料"),
        (
            "夏祭りの綱渡り舞",
            "ナツマツリノツナワタリマイ",
            "Summer Festival Rope Dance",
            "県指定無形民俗文化財",
            "民俗芸能",
        ),
        (
            "旧家の長屋門",
            "キュウカノナガヤモン",
            "Nagaya Gate of the Old House",
            "市指定有形文化財",
            "建造物",
        ),
        ("古墳群", "コフングン", "Burial Mounds", "市指定史跡", "史跡"),
        ("寺の梵鐘", "テラノボンショウ", "Temple Bell", "市指定有形文化財", "工芸品"),
    ],
    "tourist-facilities": [
        ("沼の水辺公園", "ヌマノミズベコウエン", "Lakeside Park"),
        ("市民の森", "シミンノモリ", "Citizens' Forest"),
        ("観光物産センター", "カンコウブッサンセンター", "Tourist and Local Products Centre"),
        ("歴史民俗資料館", "レキシミンゾクシリョウカン", "Museum of History and Folklore"),
        ("城跡公園", "シロアトコウエン", "Castle Ruins Park"),
        ("花の丘", "ハナノオカ", "Flower Hill"),
        ("運動公園", "ウンドウコウエン", "Sports Park"),
        ("農産物直売所", "ノウサンブツチョクバイジョ", "Farmers' Market"),
    ],
    "fire-water-sources": ["消火栓", "防火水槽"],
}


_EVENTS = [
    ("なつまつり", "ナツマツリ"),
    ("市民ウォーキング", "シミンウォーキング"),
    ("図書館おはなし会", "トショカンオハナシカイ"),
    ("防災フェア", "ボウサイフェア"),
]


def _row(code: str, header: list[str], index: int, rng: random.Random) -> list[str]:
    latitude, longitude = _point(rng)
    name, kana, english = _FACILITY_NAMES[(index - 1) % len(_FACILITY_NAMES)]
    values: dict[str, str] = {
        "全国地方公共団体コード": LOCAL_GOVERNMENT_CODE,
        "ID": _common(code, index)[1],
        "地方公共団体名": CITY_NAME,
        "所在地_連結表記": _address(rng),
        "緯度": latitude,
        "経度": longitude,
        "電話番号": _phone(rng),
        "利用可能曜日": "月火水木金",
        "開始時間": "09:00",
        "終了時間": "17:00",
    }
    if code == "public-wifi":
        place = _FACILITY_NAMES[(index - 1) % len(_FACILITY_NAMES)]
        values.update(
            {
                "設置箇所名称": place[0],
                "設置箇所名称_カナ": place[1],
                "設置箇所名称_英字": place[2],
                "設置者": CITY_NAME,
                "SSID": "Ryugasaki_Free_Wi-Fi",
                "認証方法": "メールアドレス登録",
                "対応言語": "日本語、英語、中国語、韓国語",
                "開始時間": "08:30",
                "終了時間": "21:00",
                "利用可能曜日": "月火水木金土日",
            }
        )
    elif code == "population-by-area-age":
        town = TOWNS[(index - 1) // 4 % len(TOWNS)]
        band = ["0-14歳", "15-64歳", "65-74歳", "75歳以上"][(index - 1) % 4]
        men, women = rng.randint(80, 900), rng.randint(80, 900)
        values = {
            "全国地方公共団体コード": LOCAL_GOVERNMENT_CODE,
            "地方公共団体名": CITY_NAME,
            "調査年月日": "2026-04-01",
            "地域コード": town.postal_code,
            "地域名": town.name,
            "年齢階級": band,
            "総数": str(men + women),
            "男": str(men),
            "女": str(women),
        }
    elif code == "events":
        month = (index % 12) + 1
        values.update(
            {
                "イベント名": ["なつまつり", "市民ウォーキング", "図書館おはなし会", "防災フェア"][index % 4],
                "イベント名_カナ": [
                    "ナツマツリ",
                    "シミンウォーキング",
                    "トショカンオハナシカイ",
                    "ボウサイフェア",
                ][index % 4],
                "開始日": f"2026-{month:02d}-{rng.randint(1, 28):02d}",
                "場所名称": name,
                "料金（基本）": "無料",
                "主催者": CITY_NAME,
                "開始時間": "10:00",
                "終了時間": "15:00",
            }
        )
    elif code == "fire-water-sources":
        values.update(
            {
                "種別": _VALUES[code][index % 2],
                "設置主体": CITY_NAME,
                "容量（立方メートル）": "40" if index % 2 else "",
            }
        )
    else:
        prefix = {"aed": "", "public-toilets": "公衆トイレ（", "tourist-facilities": ""}.get(code, "")
        values.update(
            {"名称": f"{prefix}{name}{'）' if prefix else ''}", "名称_カナ": kana, "名称_英字": english}
        )
        if code == "childcare-facilities":
            kind, kind_kana = _VALUES[code][index % 3]
            values.update(
                {
                    "名称": f"{name[:2]}{kind}",
                    "名称_カナ": f"{kana[:4]}{kind_kana}",
                    "種別": kind,
                    "定員": str(rng.randint(4, 18) * 10),
                    "開始時間": "07:30",
                    "終了時間": "19:00",
                }
            )
        elif code == "care-service-providers":
            values.update(
                {
                    "事業所番号": f"08710{rng.randint(10000, 99999)}",
                    "名称": f"ケアステーション{name[:2]}",
                    "名称_カナ": f"ケアステーション{kana[:4]}",
                    "サービス種別": _VALUES[code][index % 4],
                    "定員": str(rng.randint(10, 40)),
                }
            )
        elif code == "medical-institutions":
            values.update(
                {
                    "名称": f"{name[:2]}クリニック",
                    "名称_カナ": f"{kana[:4]}クリニック",
                    "医療機関の種類": _VALUES[code][index % 3],
                    "診療科目": "内科、小児科",
                    "診療曜日": "月火水金土",
                    "診療開始時間": "09:00",
                    "診療終了時間": "18:00",
                }
            )
        elif code == "cultural-properties":
            name, kana, english, category, kind = _VALUES[code][(index - 1) % len(_VALUES[code])]
            values.update(
                {
                    "名称": name,
                    "名称_カナ": kana,
                    "名称_英字": english,
                    "文化財分類": category,
                    "種類": kind,
                    "指定日": f"19{60 + index}-11-03",
                }
            )
        elif code == "tourist-facilities":
            name, kana, english = _VALUES[code][(index - 1) % len(_VALUES[code])]
            values.update({"名称": name, "名称_カナ": kana, "名称_英字": english})
        elif code == "evacuation-sites":
            values.update(
                {
                    "災害種別_洪水": "1" if index % 3 else "",
                    "災害種別_地震": "1",
                    "災害種別_大規模な火事": "1",
                    "想定収容人数": str(rng.randint(2, 20) * 100),
                    "標高": f"{rng.uniform(4, 25):.1f}",
                }
            )
        elif code == "public-toilets":
            values.update({"男性トイレ総数": "2", "女性トイレ総数": "2", "バリアフリートイレ数": "1"})
        elif code == "aed":
            values.update({"設置位置": "1階玄関ホール", "小児対応設備の有無": "有"})
    values.setdefault("URL", "https://www.city.ryugasaki.example/")
    return [values.get(column, "") for column in header]
