"""A fictional but typical organisation chart for the 龍ケ崎市 city hall, with demo staff.

Modelled on the structure common to Japanese cities of 50,000–100,000 people (部 → 課 → 係
under a mayor, deputy mayor and the board of education), not on any one city's actual chart.
Divisions, extensions and staff are invented; only the main switchboard number
(``MAIN_PHONE``) is the real city hall's, so that demo pages look right.

Every person in ``STAFF`` is fictional; any resemblance to a real person is coincidental.

Codes: every 部, 課 and 係 has a short ASCII slug (``somu``, ``somu-joho``,
``somu-joho-system``). Codes are unique across all three levels, so a post in ``STAFF`` may
name a unit at any level. A 課's code starts with its 部's code and a 係's with its 課's.
The order of the lists is the display order.
"""

from __future__ import annotations

from typing import TypedDict

MAIN_PHONE: str = "0297-64-1111"


class Unit(TypedDict):
    """係 — the smallest unit, led by a 係長."""

    code: str
    name: str
    name_en: str


class Section(TypedDict):
    """課 — a division, led by a 課長; ``phone`` is the switchboard plus an extension."""

    code: str
    name: str
    name_en: str
    phone: str
    units: list[Unit]


class Department(TypedDict):
    """部 — a department, led by a 部長."""

    code: str
    name: str
    name_en: str
    sections: list[Section]


class StaffMember(TypedDict):
    """A staff member. ``posts`` are ``(unit code, position code)``; the first is the 本務
    (main post) and any further ones are 兼務 (concurrent posts)."""

    username: str
    family_name: str
    given_name: str
    family_name_kana: str
    given_name_kana: str
    posts: list[tuple[str, str]]


DEPARTMENTS: list[Department] = [
    {
        "code": "koshitsu",
        "name": "市長公室",
        "name_en": "Mayor's Office",
        "sections": [
            {
                "code": "koshitsu-hisho",
                "name": "秘書広聴課",
                "name_en": "Secretarial and Public Hearing Division",
                "phone": "0297-64-1111 内線111",
                "units": [
                    {"code": "koshitsu-hisho-hisho", "name": "秘書係", "name_en": "Secretarial Section"},
                    {"code": "koshitsu-hisho-kocho", "name": "広聴係", "name_en": "Public Hearing Section"},
                ],
            },
            {
                "code": "koshitsu-kikaku",
                "name": "企画政策課",
                "name_en": "Planning and Policy Division",
                "phone": "0297-64-1111 内線121",
                "units": [
                    {"code": "koshitsu-kikaku-chosei", "name": "企画調整係", "name_en": "Planning Section"},
                    {
                        "code": "koshitsu-kikaku-suishin",
                        "name": "政策推進係",
                        "name_en": "Policy Promotion Section",
                    },
                ],
            },
            {
                "code": "koshitsu-citysales",
                "name": "シティセールス課",
                "name_en": "City Promotion Division",
                "phone": "0297-64-1111 内線131",
                "units": [
                    {
                        "code": "koshitsu-citysales-koho",
                        "name": "広報係",
                        "name_en": "Public Relations Section",
                    },
                    {
                        "code": "koshitsu-citysales-sales",
                        "name": "シティセールス係",
                        "name_en": "City Promotion Section",
                    },
                ],
            },
        ],
    },
    {
        "code": "somu",
        "name": "総務部",
        "name_en": "General Affairs Department",
        "sections": [
            {
                "code": "somu-somu",
                "name": "総務課",
                "name_en": "General Affairs Division",
                "phone": "0297-64-1111 内線211",
                "units": [
                    {"code": "somu-somu-gyosei", "name": "行政係", "name_en": "Administration Section"},
                    {
                        "code": "somu-somu-bunsho",
                        "name": "文書法制係",
                        "name_en": "Documents and Legal Affairs Section",
                    },
                ],
            },
            {
                "code": "somu-jinji",
                "name": "人事課",
                "name_en": "Personnel Division",
                "phone": "0297-64-1111 内線221",
                "units": [
                    {"code": "somu-jinji-jinji", "name": "人事係", "name_en": "Personnel Section"},
                    {
                        "code": "somu-jinji-kyuyo",
                        "name": "給与厚生係",
                        "name_en": "Salaries and Employee Welfare Section",
                    },
                ],
            },
            {
                "code": "somu-joho",
                "name": "情報管理課",
                "name_en": "Information Management Division",
                "phone": "0297-64-1111 内線231",
                "units": [
                    {
                        "code": "somu-joho-system",
                        "name": "情報システム係",
                        "name_en": "Information Systems Section",
                    },
                    {
                        "code": "somu-joho-dx",
                        "name": "DX推進係",
                        "name_en": "Digital Transformation Section",
                    },
                ],
            },
            {
                "code": "somu-zaisei",
                "name": "財政課",
                "name_en": "Finance Division",
                "phone": "0297-64-1111 内線241",
                "units": [
                    {"code": "somu-zaisei-zaisei", "name": "財政係", "name_en": "Budget Section"},
                    {
                        "code": "somu-zaisei-kanzai",
                        "name": "管財係",
                        "name_en": "Property Management Section",
                    },
                ],
            },
            {
                "code": "somu-zeimu",
                "name": "税務課",
                "name_en": "Taxation Division",
                "phone": "0297-64-1111 内線251",
                "units": [
                    {
                        "code": "somu-zeimu-shiminzei",
                        "name": "市民税係",
                        "name_en": "Municipal Inhabitant Tax Section",
                    },
                    {"code": "somu-zeimu-shisanzei", "name": "資産税係", "name_en": "Property Tax Section"},
                ],
            },
            {
                "code": "somu-shuno",
                "name": "収納課",
                "name_en": "Tax Collection Division",
                "phone": "0297-64-1111 内線261",
                "units": [
                    {"code": "somu-shuno-shuno", "name": "収納係", "name_en": "Receipts Section"},
                    {
                        "code": "somu-shuno-taisaku",
                        "name": "納税対策係",
                        "name_en": "Delinquent Tax Section",
                    },
                ],
            },
            {
                "code": "somu-keiyaku",
                "name": "契約検査課",
                "name_en": "Contracts and Inspection Division",
                "phone": "0297-64-1111 内線271",
                "units": [
                    {"code": "somu-keiyaku-keiyaku", "name": "契約係", "name_en": "Contracts Section"},
                ],
            },
        ],
    },
    {
        "code": "shimin",
        "name": "市民生活部",
        "name_en": "Citizen Life Department",
        "sections": [
            {
                "code": "shimin-madoguchi",
                "name": "市民窓口課",
                "name_en": "Citizen Services Division",
                "phone": "0297-64-1111 内線311",
                "units": [
                    {
                        "code": "shimin-madoguchi-juki",
                        "name": "住民記録係",
                        "name_en": "Resident Registration Section",
                    },
                    {
                        "code": "shimin-madoguchi-koseki",
                        "name": "戸籍係",
                        "name_en": "Family Register Section",
                    },
                ],
            },
            {
                "code": "shimin-kokuho",
                "name": "国保年金課",
                "name_en": "National Health Insurance and Pension Division",
                "phone": "0297-64-1111 内線321",
                "units": [
                    {
                        "code": "shimin-kokuho-kokuho",
                        "name": "国保係",
                        "name_en": "National Health Insurance Section",
                    },
                    {
                        "code": "shimin-kokuho-koki",
                        "name": "高齢者医療係",
                        "name_en": "Late-Stage Elderly Medical Care Section",
                    },
                    {"code": "shimin-kokuho-nenkin", "name": "年金係", "name_en": "National Pension Section"},
                ],
            },
            {
                "code": "shimin-kankyo",
                "name": "生活環境課",
                "name_en": "Living Environment Division",
                "phone": "0297-64-1111 内線331",
                "units": [
                    {
                        "code": "shimin-kankyo-taisaku",
                        "name": "環境対策係",
                        "name_en": "Environmental Protection Section",
                    },
                    {
                        "code": "shimin-kankyo-haikibutsu",
                        "name": "廃棄物対策係",
                        "name_en": "Waste Management Section",
                    },
                ],
            },
            {
                "code": "shimin-bosai",
                "name": "交通防災課",
                "name_en": "Traffic Safety and Disaster Prevention Division",
                "phone": "0297-64-1111 内線341",
                "units": [
                    {
                        "code": "shimin-bosai-bosai",
                        "name": "防災係",
                        "name_en": "Disaster Prevention Section",
                    },
                    {"code": "shimin-bosai-kotsu", "name": "交通安全係", "name_en": "Traffic Safety Section"},
                ],
            },
            {
                "code": "shimin-kyodo",
                "name": "市民協働課",
                "name_en": "Community Partnership Division",
                "phone": "0297-64-1111 内線351",
                "units": [
                    {
                        "code": "shimin-kyodo-kyodo",
                        "name": "市民協働係",
                        "name_en": "Community Partnership Section",
                    },
                ],
            },
        ],
    },
    {
        "code": "kenko",
        "name": "健康スポーツ部",
        "name_en": "Health and Sports Department",
        "sections": [
            {
                "code": "kenko-zoshin",
                "name": "健康増進課",
                "name_en": "Health Promotion Division",
                "phone": "0297-64-1111 内線411",
                "units": [
                    {"code": "kenko-zoshin-seijin", "name": "成人保健係", "name_en": "Adult Health Section"},
                    {"code": "kenko-zoshin-yobo", "name": "予防係", "name_en": "Disease Prevention Section"},
                ],
            },
            {
                "code": "kenko-sports",
                "name": "スポーツ推進課",
                "name_en": "Sports Promotion Division",
                "phone": "0297-64-1111 内線421",
                "units": [
                    {
                        "code": "kenko-sports-suishin",
                        "name": "スポーツ推進係",
                        "name_en": "Sports Promotion Section",
                    },
                ],
            },
        ],
    },
    {
        "code": "fukushi",
        "name": "福祉部",
        "name_en": "Welfare Department",
        "sections": [
            {
                "code": "fukushi-shakai",
                "name": "社会福祉課",
                "name_en": "Social Welfare Division",
                "phone": "0297-64-1111 内線511",
                "units": [
                    {
                        "code": "fukushi-shakai-chiiki",
                        "name": "地域福祉係",
                        "name_en": "Community Welfare Section",
                    },
                    {"code": "fukushi-shakai-hogo", "name": "保護係", "name_en": "Public Assistance Section"},
                ],
            },
            {
                "code": "fukushi-shogai",
                "name": "障がい福祉課",
                "name_en": "Disability Welfare Division",
                "phone": "0297-64-1111 内線521",
                "units": [
                    {
                        "code": "fukushi-shogai-fukushi",
                        "name": "障がい福祉係",
                        "name_en": "Disability Services Section",
                    },
                ],
            },
            {
                "code": "fukushi-korei",
                "name": "高齢福祉課",
                "name_en": "Elderly Welfare Division",
                "phone": "0297-64-1111 内線531",
                "units": [
                    {
                        "code": "fukushi-korei-fukushi",
                        "name": "高齢福祉係",
                        "name_en": "Elderly Services Section",
                    },
                    {
                        "code": "fukushi-korei-hokatsu",
                        "name": "地域包括支援係",
                        "name_en": "Community-Based Integrated Care Section",
                    },
                ],
            },
            {
                "code": "fukushi-kaigo",
                "name": "介護保険課",
                "name_en": "Long-Term Care Insurance Division",
                "phone": "0297-64-1111 内線541",
                "units": [
                    {
                        "code": "fukushi-kaigo-nintei",
                        "name": "認定係",
                        "name_en": "Care Needs Certification Section",
                    },
                    {"code": "fukushi-kaigo-kyufu", "name": "給付係", "name_en": "Care Benefits Section"},
                    {"code": "fukushi-kaigo-hokenryo", "name": "保険料係", "name_en": "Premiums Section"},
                ],
            },
        ],
    },
    {
        "code": "kodomo",
        "name": "こども部",
        "name_en": "Children's Affairs Department",
        "sections": [
            {
                "code": "kodomo-katei",
                "name": "こども家庭課",
                "name_en": "Children and Families Division",
                "phone": "0297-64-1111 内線611",
                "units": [
                    {
                        "code": "kodomo-katei-shien",
                        "name": "子育て支援係",
                        "name_en": "Child-Rearing Support Section",
                    },
                    {
                        "code": "kodomo-katei-sodan",
                        "name": "家庭相談係",
                        "name_en": "Family Counseling Section",
                    },
                ],
            },
            {
                "code": "kodomo-hoiku",
                "name": "保育課",
                "name_en": "Childcare Division",
                "phone": "0297-64-1111 内線621",
                "units": [
                    {"code": "kodomo-hoiku-hoiku", "name": "保育係", "name_en": "Nursery Admissions Section"},
                    {
                        "code": "kodomo-hoiku-yoji",
                        "name": "幼児教育係",
                        "name_en": "Early Childhood Education Section",
                    },
                ],
            },
            {
                "code": "kodomo-seisaku",
                "name": "こども政策課",
                "name_en": "Child Policy Division",
                "phone": "0297-64-1111 内線631",
                "units": [
                    {"code": "kodomo-seisaku-seisaku", "name": "政策係", "name_en": "Policy Section"},
                    {
                        "code": "kodomo-seisaku-teate",
                        "name": "手当医療係",
                        "name_en": "Child Allowances and Medical Subsidies Section",
                    },
                ],
            },
        ],
    },
    {
        "code": "toshi",
        "name": "都市環境部",
        "name_en": "Urban Environment Department",
        "sections": [
            {
                "code": "toshi-keikaku",
                "name": "都市計画課",
                "name_en": "Urban Planning Division",
                "phone": "0297-64-1111 内線711",
                "units": [
                    {
                        "code": "toshi-keikaku-keikaku",
                        "name": "都市計画係",
                        "name_en": "Urban Planning Section",
                    },
                    {
                        "code": "toshi-keikaku-kaihatsu",
                        "name": "開発指導係",
                        "name_en": "Development Permits Section",
                    },
                ],
            },
            {
                "code": "toshi-doro",
                "name": "道路整備課",
                "name_en": "Road Development Division",
                "phone": "0297-64-1111 内線721",
                "units": [
                    {"code": "toshi-doro-kanri", "name": "道路管理係", "name_en": "Road Management Section"},
                    {
                        "code": "toshi-doro-kensetsu",
                        "name": "道路建設係",
                        "name_en": "Road Construction Section",
                    },
                ],
            },
            {
                "code": "toshi-gesuido",
                "name": "下水道課",
                "name_en": "Sewerage Division",
                "phone": "0297-64-1111 内線731",
                "units": [
                    {"code": "toshi-gesuido-kanri", "name": "業務係", "name_en": "Sewerage Services Section"},
                    {"code": "toshi-gesuido-komu", "name": "工務係", "name_en": "Sewerage Works Section"},
                ],
            },
        ],
    },
    {
        "code": "sangyo",
        "name": "産業経済部",
        "name_en": "Industry and Economy Department",
        "sections": [
            {
                "code": "sangyo-shoko",
                "name": "商工観光課",
                "name_en": "Commerce, Industry and Tourism Division",
                "phone": "0297-64-1111 内線811",
                "units": [
                    {
                        "code": "sangyo-shoko-shoko",
                        "name": "商工係",
                        "name_en": "Commerce and Industry Section",
                    },
                    {
                        "code": "sangyo-shoko-kanko",
                        "name": "観光物産係",
                        "name_en": "Tourism and Local Products Section",
                    },
                ],
            },
            {
                "code": "sangyo-nogyo",
                "name": "農業政策課",
                "name_en": "Agricultural Policy Division",
                "phone": "0297-64-1111 内線821",
                "units": [
                    {
                        "code": "sangyo-nogyo-nosei",
                        "name": "農政係",
                        "name_en": "Agricultural Administration Section",
                    },
                    {
                        "code": "sangyo-nogyo-seibi",
                        "name": "農地整備係",
                        "name_en": "Farmland Improvement Section",
                    },
                ],
            },
        ],
    },
    {
        # 教育部 is the secretariat of the board of education (教育委員会事務局), led by the 教育長
        # rather than the mayor; its 部長 is still a 部長.
        "code": "kyoiku",
        "name": "教育部",
        "name_en": "Education Department (Board of Education Secretariat)",
        "sections": [
            {
                "code": "kyoiku-somu",
                "name": "教育総務課",
                "name_en": "Education General Affairs Division",
                "phone": "0297-64-1111 内線911",
                "units": [
                    {"code": "kyoiku-somu-somu", "name": "総務係", "name_en": "General Affairs Section"},
                    {
                        "code": "kyoiku-somu-shisetsu",
                        "name": "施設係",
                        "name_en": "School Facilities Section",
                    },
                ],
            },
            {
                "code": "kyoiku-gakko",
                "name": "学校教育課",
                "name_en": "School Education Division",
                "phone": "0297-64-1111 内線921",
                "units": [
                    {"code": "kyoiku-gakko-gakumu", "name": "学務係", "name_en": "School Affairs Section"},
                    {"code": "kyoiku-gakko-shido", "name": "指導係", "name_en": "Instruction Section"},
                ],
            },
            {
                "code": "kyoiku-shogai",
                "name": "生涯学習課",
                "name_en": "Lifelong Learning Division",
                "phone": "0297-64-1111 内線931",
                "units": [
                    {
                        "code": "kyoiku-shogai-gakushu",
                        "name": "生涯学習係",
                        "name_en": "Lifelong Learning Section",
                    },
                    {
                        "code": "kyoiku-shogai-bunkazai",
                        "name": "文化財係",
                        "name_en": "Cultural Properties Section",
                    },
                ],
            },
        ],
    },
    {
        # 会計課 belongs to no 部: it serves the 会計管理者, the statutory treasurer (地方自治法
        # 第168条) who is independent of the mayor's line departments for payments and receipts.
        # We model it as a pseudo-部 so the tree stays three levels deep; its head is a 部長-level
        # post (held below with the "bucho" position), in practice called 会計管理者.
        "code": "kaikei",
        "name": "会計管理者",
        "name_en": "Accountant",
        "sections": [
            {
                "code": "kaikei-kaikei",
                "name": "会計課",
                "name_en": "Accounting Division",
                "phone": "0297-64-1111 内線281",
                "units": [
                    {"code": "kaikei-kaikei-shinsa", "name": "審査係", "name_en": "Payment Audit Section"},
                    {"code": "kaikei-kaikei-suito", "name": "出納係", "name_en": "Cashier Section"},
                ],
            },
        ],
    },
    {
        # The council secretariat serves the city council, not the mayor; modelled like 会計管理者.
        "code": "gikai",
        "name": "議会事務局",
        "name_en": "City Council Secretariat",
        "sections": [
            {
                "code": "gikai-giji",
                "name": "議事課",
                "name_en": "Council Proceedings Division",
                "phone": "0297-64-1111 内線191",
                "units": [
                    {"code": "gikai-giji-giji", "name": "議事係", "name_en": "Proceedings Section"},
                    {"code": "gikai-giji-chosa", "name": "調査係", "name_en": "Research Section"},
                ],
            },
        ],
    },
]

# (code, name, name_en, rank) — smaller rank is more senior. 係長 and 主査 are the same grade
# in many cities; 係長 leads a 係 while 主査 is a specialist, so 係長 is ranked first.
# 会計年度任用職員 are the part-time / fixed-term staff appointed for one fiscal year at a time
# (since 2020), who do much of the counter work.
POSITIONS: list[tuple[str, str, str, int]] = [
    ("shicho", "市長", "Mayor", 1),
    ("fukushicho", "副市長", "Deputy Mayor", 2),
    ("kyoikucho", "教育長", "Superintendent of Education", 3),
    ("bucho", "部長", "Director", 4),
    ("jicho", "次長", "Deputy Director", 5),
    ("kacho", "課長", "Division Manager", 6),
    ("kacho-hosa", "課長補佐", "Assistant Division Manager", 7),
    ("kakaricho", "係長", "Section Chief", 8),
    ("shusa", "主査", "Senior Specialist", 9),
    ("shunin", "主任", "Senior Staff", 10),
    ("shuji", "主事", "Staff", 11),
    ("kaikei-nendo", "会計年度任用職員", "Fiscal Year Appointed Staff", 12),
]

# Demo staff. The first post of each is their 本務; a second post is a 兼務.
STAFF: list[StaffMember] = [
    # 部長 (and the two 部長-level heads of the pseudo-部).
    {
        "username": "nemoto.a",
        "family_name": "根本",
        "given_name": "昭彦",
        "family_name_kana": "ネモト",
        "given_name_kana": "アキヒコ",
        "posts": [("koshitsu", "bucho")],
    },
    {
        "username": "ebihara.m",
        "family_name": "海老原",
        "given_name": "正樹",
        "family_name_kana": "エビハラ",
        "given_name_kana": "マサキ",
        "posts": [("somu", "bucho")],
    },
    {
        "username": "otake.k",
        "family_name": "大竹",
        "given_name": "和彦",
        "family_name_kana": "オオタケ",
        "given_name_kana": "カズヒコ",
        "posts": [("shimin", "bucho")],
    },
    {
        "username": "iida.k",
        "family_name": "飯田",
        "given_name": "恵子",
        "family_name_kana": "イイダ",
        "given_name_kana": "ケイコ",
        "posts": [("kenko", "bucho")],
    },
    {
        "username": "tsukamoto.t",
        "family_name": "塚本",
        "given_name": "隆",
        "family_name_kana": "ツカモト",
        "given_name_kana": "タカシ",
        "posts": [("fukushi", "bucho")],
    },
    {
        "username": "komatsuzaki.y",
        "family_name": "小松崎",
        "given_name": "陽子",
        "family_name_kana": "コマツザキ",
        "given_name_kana": "ヨウコ",
        "posts": [("kodomo", "bucho")],
    },
    {
        "username": "kamoshida.h",
        "family_name": "鴨志田",
        "given_name": "博之",
        "family_name_kana": "カモシダ",
        "given_name_kana": "ヒロユキ",
        "posts": [("toshi", "bucho")],
    },
    {
        "username": "watahiki.k",
        "family_name": "綿引",
        "given_name": "浩二",
        "family_name_kana": "ワタヒキ",
        "given_name_kana": "コウジ",
        "posts": [("sangyo", "bucho")],
    },
    {
        "username": "kuramochi.y",
        "family_name": "倉持",
        "given_name": "康弘",
        "family_name_kana": "クラモチ",
        "given_name_kana": "ヤスヒロ",
        "posts": [("kyoiku", "bucho")],
    },
    {
        "username": "someya.n",
        "family_name": "染谷",
        "given_name": "直美",
        "family_name_kana": "ソメヤ",
        "given_name_kana": "ナオミ",
        "posts": [("kaikei", "bucho")],
    },
    {
        "username": "itoga.o",
        "family_name": "糸賀",
        "given_name": "修",
        "family_name_kana": "イトガ",
        "given_name_kana": "オサム",
        "posts": [("gikai", "bucho")],
    },
    # 総務部: the deputy director doubles as 人事課長 (the 兼務 example).
    {
        "username": "owada.t",
        "family_name": "大和田",
        "given_name": "哲也",
        "family_name_kana": "オオワダ",
        "given_name_kana": "テツヤ",
        "posts": [("somu", "jicho"), ("somu-jinji", "kacho")],
    },
    {
        "username": "gunji.m",
        "family_name": "軍司",
        "given_name": "誠",
        "family_name_kana": "グンジ",
        "given_name_kana": "マコト",
        "posts": [("somu-somu", "kacho")],
    },
    {
        "username": "ishizuka.m",
        "family_name": "石塚",
        "given_name": "雅人",
        "family_name_kana": "イシヅカ",
        "given_name_kana": "マサト",
        "posts": [("somu-zaisei", "kacho")],
    },
    {
        "username": "iizuka.m",
        "family_name": "飯塚",
        "given_name": "美穂",
        "family_name_kana": "イイヅカ",
        "given_name_kana": "ミホ",
        "posts": [("somu-zeimu-shiminzei", "kakaricho")],
    },
    {
        "username": "noguchi.k",
        "family_name": "野口",
        "given_name": "健太",
        "family_name_kana": "ノグチ",
        "given_name_kana": "ケンタ",
        "posts": [("somu-shuno-shuno", "shunin")],
    },
    # 総務部情報管理課: 課長, 係長 and two 主事, one of whom administers the system.
    {
        "username": "terakado.s",
        "family_name": "寺門",
        "given_name": "聡",
        "family_name_kana": "テラカド",
        "given_name_kana": "サトシ",
        "posts": [("somu-joho", "kacho")],
    },
    {
        "username": "sugaya.t",
        "family_name": "菅谷",
        "given_name": "智之",
        "family_name_kana": "スガヤ",
        "given_name_kana": "トモユキ",
        "posts": [("somu-joho-system", "kakaricho")],
    },
    {
        "username": "admin.joho",
        "family_name": "会沢",
        "given_name": "翔太",
        "family_name_kana": "アイザワ",
        "given_name_kana": "ショウタ",
        "posts": [("somu-joho-system", "shuji")],
    },
    {
        "username": "terunuma.a",
        "family_name": "照沼",
        "given_name": "彩",
        "family_name_kana": "テルヌマ",
        "given_name_kana": "アヤ",
        "posts": [("somu-joho-dx", "shuji")],
    },
    # 市民生活部市民窓口課: the counter.
    {
        "username": "sakamoto.m",
        "family_name": "坂本",
        "given_name": "真由美",
        "family_name_kana": "サカモト",
        "given_name_kana": "マユミ",
        "posts": [("shimin-madoguchi", "kacho")],
    },
    {
        "username": "konuma.d",
        "family_name": "小沼",
        "given_name": "大輔",
        "family_name_kana": "コヌマ",
        "given_name_kana": "ダイスケ",
        "posts": [("shimin-madoguchi-juki", "kakaricho")],
    },
    {
        "username": "numajiri.k",
        "family_name": "沼尻",
        "given_name": "香織",
        "family_name_kana": "ヌマジリ",
        "given_name_kana": "カオリ",
        "posts": [("shimin-madoguchi-koseki", "kakaricho")],
    },
    {
        "username": "miyamoto.k",
        "family_name": "宮本",
        "given_name": "香織",
        "family_name_kana": "ミヤモト",
        "given_name_kana": "カオリ",
        "posts": [("shimin-madoguchi-juki", "shunin")],
    },
    {
        "username": "nakajima.y",
        "family_name": "中島",
        "given_name": "悠真",
        "family_name_kana": "ナカジマ",
        "given_name_kana": "ユウマ",
        "posts": [("shimin-madoguchi-juki", "shuji")],
    },
    {
        "username": "okano.y",
        "family_name": "岡野",
        "given_name": "結衣",
        "family_name_kana": "オカノ",
        "given_name_kana": "ユイ",
        "posts": [("shimin-madoguchi-koseki", "shuji")],
    },
    {
        "username": "kimura.k",
        "family_name": "木村",
        "given_name": "和代",
        "family_name_kana": "キムラ",
        "given_name_kana": "カズヨ",
        "posts": [("shimin-madoguchi-juki", "kaikei-nendo")],
    },
    {
        "username": "ikeda.a",
        "family_name": "池田",
        "given_name": "明美",
        "family_name_kana": "イケダ",
        "given_name_kana": "アケミ",
        "posts": [("shimin-madoguchi-juki", "kaikei-nendo")],
    },
    # Other divisions.
    {
        "username": "suzuki.r",
        "family_name": "鈴木",
        "given_name": "陸",
        "family_name_kana": "スズキ",
        "given_name_kana": "リク",
        "posts": [("shimin-kokuho-kokuho", "shuji")],
    },
    {
        "username": "nagashima.t",
        "family_name": "長島",
        "given_name": "剛",
        "family_name_kana": "ナガシマ",
        "given_name_kana": "ツヨシ",
        "posts": [("shimin-bosai-bosai", "shunin")],
    },
    {
        "username": "seki.y",
        "family_name": "関",
        "given_name": "由美",
        "family_name_kana": "セキ",
        "given_name_kana": "ユミ",
        "posts": [("fukushi-shakai", "kacho")],
    },
    {
        "username": "iwase.n",
        "family_name": "岩瀬",
        "given_name": "直樹",
        "family_name_kana": "イワセ",
        "given_name_kana": "ナオキ",
        "posts": [("fukushi-korei-hokatsu", "shusa")],
    },
    {
        "username": "fujita.c",
        "family_name": "藤田",
        "given_name": "千尋",
        "family_name_kana": "フジタ",
        "given_name_kana": "チヒロ",
        "posts": [("kodomo-hoiku-hoiku", "kakaricho")],
    },
    {
        "username": "furuya.r",
        "family_name": "古谷",
        "given_name": "亮",
        "family_name_kana": "フルヤ",
        "given_name_kana": "リョウ",
        "posts": [("kyoiku-gakko-gakumu", "shusa")],
    },
    {
        "username": "kawamura.y",
        "family_name": "川村",
        "given_name": "裕子",
        "family_name_kana": "カワムラ",
        "given_name_kana": "ユウコ",
        "posts": [("kaikei-kaikei", "kacho")],
    },
]
