"""自治体標準オープンデータセット — the Digital Agency's standard municipal datasets as Table Schemas.

Each standard dataset is described as a Frictionless Table Schema (``schema(code)`` returns the
JSON-ready dict, served at ``/opendata/schemas/<code>.json``). The rules the standard states are
constraints: ``required``, ``pattern`` (katakana 名称_カナ, hh:mm times, 月火水木金土日 weekday
lists, http(s) URLs), ``minimum``/``maximum`` for 緯度/経度 inside Japan; two rules a pattern
cannot say — the 全国地方公共団体コード check digit and "six decimals" for coordinates — are named
in the custom property ``x-madoguchi-rule`` and applied by ``validation.py``.

Two header generations are in use: the older 推奨データセット (2019–2021: 住所, 方書, 名称_通称 …)
and the current standard (所在地_連結表記, 所在地_方書 …). A field lists its older names in
``x-madoguchi-aliases``; uploads with either generation are mapped to the current one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

KATAKANA = r"^[ァ-ヶー・ 　（）()０-９0-9Ａ-Ｚa-zA-Z]*$"
TIME = r"^([01][0-9]|2[0-3]):[0-5][0-9]$"
WEEKDAYS = r"^([月火水木金土日祝](・|,|、)?)*$"
URL = r"^https?://\S+$"
PHONE = r"^[0-9０-９\-()（） ]*$"

# Japan's extent, generously: 20°N–46°N, 122°E–154°E.
LATITUDE_RANGE = (20.0, 46.0)
LONGITUDE_RANGE = (122.0, 154.0)


def _f(name: str, title: str = "", *, type_: str = "string", required: bool = False, **extra: Any) -> dict:
    item: dict[str, Any] = {"name": name, "type": type_}
    if title:
        item["title"] = title
    constraints: dict[str, Any] = {}
    if required:
        constraints["required"] = True
    for key in ("pattern", "minimum", "maximum", "enum"):
        if key in extra:
            constraints[key] = extra.pop(key)
    if constraints:
        item["constraints"] = constraints
    item.update(extra)
    return item


def _code() -> dict:
    return _f(
        "全国地方公共団体コード",
        "6桁の全国地方公共団体コード（検査数字付き）",
        required=True,
        pattern=r"^[0-9]{6}$",
        **{"x-madoguchi-rule": "local_government_code"},
    )


def _id() -> dict:
    return _f("ID", "データの識別子", required=True)


def _city() -> dict:
    return _f("地方公共団体名", required=True)


def _name(base: str = "名称", *, aliases: tuple[str, ...] = ()) -> list[dict]:
    return [
        _f(base, required=True, **({"x-madoguchi-aliases": list(aliases)} if aliases else {})),
        _f(f"{base}_カナ", "全角カタカナ", pattern=KATAKANA),
        _f(f"{base}_英字"),
    ]


def _address() -> list[dict]:
    return [
        _f("所在地_連結表記", required=True, **{"x-madoguchi-aliases": ["住所", "所在地"]}),
        _f("所在地_方書", **{"x-madoguchi-aliases": ["方書"]}),
        _f(
            "緯度",
            "世界測地系・10進数・小数点以下6桁",
            type_="number",
            required=True,
            minimum=LATITUDE_RANGE[0],
            maximum=LATITUDE_RANGE[1],
            **{"x-madoguchi-rule": "coordinate"},
        ),
        _f(
            "経度",
            "世界測地系・10進数・小数点以下6桁",
            type_="number",
            required=True,
            minimum=LONGITUDE_RANGE[0],
            maximum=LONGITUDE_RANGE[1],
            **{"x-madoguchi-rule": "coordinate"},
        ),
    ]


def _phone() -> list[dict]:
    return [_f("電話番号", pattern=PHONE), _f("内線番号")]


def _hours() -> list[dict]:
    return [
        _f("利用可能曜日", "月火水木金土日祝の組合せ", pattern=WEEKDAYS),
        _f("開始時間", "hh:mm", pattern=TIME),
        _f("終了時間", "hh:mm", pattern=TIME),
        _f("利用可能日時特記事項"),
    ]


def _tail() -> list[dict]:
    return [_f("URL", "http(s)で始まるURL", pattern=URL), _f("備考")]


@dataclass(frozen=True)
class StandardDataset:
    code: str
    title: str
    title_en: str
    fields: list[dict] = field(default_factory=list)
    located: bool = True

    def schema(self) -> dict:
        return {
            "name": self.code,
            "title": self.title,
            "fields": self.fields,
            "missingValues": [""],
            "primaryKey": ["ID"] if any(item["name"] == "ID" for item in self.fields) else [],
        }


_DISASTERS = (
    "洪水",
    "崖崩れ、土石流及び地滑り",
    "高潮",
    "地震",
    "津波",
    "大規模な火事",
    "内水氾濫",
    "火山現象",
)

STANDARD_DATASETS: tuple[StandardDataset, ...] = (
    StandardDataset(
        "public-facilities",
        "公共施設一覧",
        "Public facilities",
        [
            _code(),
            _id(),
            _city(),
            *_name(aliases=("施設名",)),
            _f("POIコード"),
            *_address(),
            *_phone(),
            _f("法人番号", pattern=r"^([0-9]{13})?$"),
            _f("団体名"),
            *_hours(),
            _f("説明"),
            _f("バリアフリー情報"),
            *_tail(),
        ],
    ),
    StandardDataset(
        "evacuation-sites",
        "指定緊急避難場所一覧",
        "Designated emergency evacuation sites",
        [
            _code(),
            _id(),
            _city(),
            *_name(),
            *_address(),
            _f("標高", type_="number"),
            *_phone(),
            *[
                _f(
                    f"災害種別_{kind}",
                    "1（対応）または空欄",
                    pattern=r"^1?$",
                    **{"x-madoguchi-aliases": [kind]},
                )
                for kind in _DISASTERS
            ],
            _f("指定避難所との住所同一", pattern=r"^1?$"),
            _f("想定収容人数", type_="integer", minimum=0),
            _f("対象となる町会・自治会"),
            *_tail(),
        ],
    ),
    StandardDataset(
        "aed",
        "AED設置箇所一覧",
        "AED locations",
        [
            _code(),
            _id(),
            _city(),
            *_name(),
            *_address(),
            _f("設置位置", **{"x-madoguchi-aliases": ["設置場所"]}),
            *_phone(),
            _f("法人番号", pattern=r"^([0-9]{13})?$"),
            _f("団体名"),
            *_hours(),
            _f("小児対応設備の有無", pattern=r"^(有|無)?$"),
            *_tail(),
        ],
    ),
    StandardDataset(
        "public-wifi",
        "公衆無線LANアクセスポイント一覧",
        "Public Wi-Fi access points",
        [
            _code(),
            _id(),
            _city(),
            *_name("設置箇所名称", aliases=("名称",)),
            *_address(),
            _f("設置者"),
            *_phone(),
            _f("SSID", required=True),
            _f("認証方法"),
            _f("対応言語"),
            *_hours(),
            *_tail(),
        ],
    ),
    StandardDataset(
        "population-by-area-age",
        "地域・年齢別人口",
        "Population by area and age",
        [
            _code(),
            _city(),
            _f("調査年月日", type_="date", required=True),
            _f("地域コード", required=True),
            _f("地域名", required=True, **{"x-madoguchi-aliases": ["町丁字名"]}),
            _f("年齢階級", required=True, **{"x-madoguchi-aliases": ["年齢"]}),
            _f("総数", type_="integer", required=True, minimum=0),
            _f("男", type_="integer", minimum=0, **{"x-madoguchi-aliases": ["男性"]}),
            _f("女", type_="integer", minimum=0, **{"x-madoguchi-aliases": ["女性"]}),
            _f("備考"),
        ],
        located=False,
    ),
    StandardDataset(
        "childcare-facilities",
        "子育て施設一覧",
        "Childcare facilities",
        [
            _code(),
            _id(),
            _city(),
            *_name(),
            _f("種別", required=True, **{"x-madoguchi-aliases": ["施設種別"]}),
            *_address(),
            *_phone(),
            _f("定員", type_="integer", minimum=0),
            _f("対象年齢"),
            *_hours(),
            _f("一時預かりの有無", pattern=r"^(有|無)?$"),
            *_tail(),
        ],
    ),
    StandardDataset(
        "care-service-providers",
        "介護サービス事業所一覧",
        "Long-term care service providers",
        [
            _code(),
            _id(),
            _city(),
            _f("事業所番号", pattern=r"^([0-9]{10})?$"),
            *_name(aliases=("事業所名",)),
            _f("サービス種別", required=True),
            *_address(),
            *_phone(),
            _f("FAX番号", pattern=PHONE),
            _f("法人番号", pattern=r"^([0-9]{13})?$"),
            _f("法人名"),
            *_hours(),
            _f("定員", type_="integer", minimum=0),
            *_tail(),
        ],
    ),
    StandardDataset(
        "medical-institutions",
        "医療機関一覧",
        "Medical institutions",
        [
            _code(),
            _id(),
            _city(),
            *_name(),
            _f("医療機関の種類", required=True, enum=["病院", "診療所", "歯科診療所", "助産所"]),
            *_address(),
            *_phone(),
            _f("診療科目"),
            _f("診療曜日", pattern=WEEKDAYS),
            _f("診療開始時間", pattern=TIME),
            _f("診療終了時間", pattern=TIME),
            _f("病床数", type_="integer", minimum=0),
            *_tail(),
        ],
    ),
    StandardDataset(
        "cultural-properties",
        "文化財一覧",
        "Cultural properties",
        [
            _code(),
            _id(),
            _city(),
            *_name(),
            _f("文化財分類", required=True, **{"x-madoguchi-aliases": ["指定区分"]}),
            _f("種類"),
            _f("場所名称"),
            *_address(),
            _f("所有者等"),
            _f("指定日", type_="date"),
            _f("説明"),
            *_tail(),
        ],
    ),
    StandardDataset(
        "tourist-facilities",
        "観光施設一覧",
        "Tourist facilities",
        [
            _code(),
            _id(),
            _city(),
            *_name(),
            _f("分類"),
            *_address(),
            *_phone(),
            *_hours(),
            _f("料金（基本）"),
            _f("駐車場情報"),
            _f("説明"),
            *_tail(),
        ],
    ),
    StandardDataset(
        "events",
        "イベント一覧",
        "Events",
        [
            _code(),
            _id(),
            _city(),
            *_name("イベント名"),
            _f("開始日", type_="date", required=True),
            _f("終了日", type_="date"),
            _f("開始時間", pattern=TIME),
            _f("終了時間", pattern=TIME),
            _f("場所名称"),
            *_address(),
            _f("料金（基本）"),
            _f("概要", **{"x-madoguchi-aliases": ["説明"]}),
            _f("主催者"),
            *_phone(),
            *_tail(),
        ],
    ),
    StandardDataset(
        "public-toilets",
        "公衆トイレ一覧",
        "Public toilets",
        [
            _code(),
            _id(),
            _city(),
            *_name(),
            *_address(),
            _f("設置位置"),
            _f("男性トイレ総数", type_="integer", minimum=0),
            _f("女性トイレ総数", type_="integer", minimum=0),
            _f(
                "バリアフリートイレ数",
                type_="integer",
                minimum=0,
                **{"x-madoguchi-aliases": ["多機能トイレ数"]},
            ),
            *_hours(),
            *_tail(),
        ],
    ),
    StandardDataset(
        "fire-water-sources",
        "消防水利施設一覧",
        "Fire-fighting water sources",
        [
            _code(),
            _id(),
            _city(),
            _f("種別", required=True, enum=["消火栓", "防火水槽", "プール", "自然水利", "その他"]),
            *_address(),
            _f("設置主体"),
            _f("容量（立方メートル）", type_="number", minimum=0),
            _f("備考"),
        ],
    ),
)

_BY_CODE = {item.code: item for item in STANDARD_DATASETS}


def standard_by_code(code: str) -> StandardDataset | None:
    return _BY_CODE.get(code)


def schema(code: str) -> dict | None:
    standard = standard_by_code(code)
    return standard.schema() if standard else None
