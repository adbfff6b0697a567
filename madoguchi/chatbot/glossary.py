"""用語集 — city-hall words in Portuguese and Vietnamese with their English, and in Chinese with
their Japanese, for searching the FAQs of another language with a question written in these.

Only some FAQs are written in Portuguese or Vietnamese, so such a question is also searched in
the English index (``selectors._search_languages``), where its words would otherwise meet
nothing. The question is searched there with the English words of the terms it contains added
(``english_gloss``): a small curated glossary of what residents ask the city about, not a
translation. Words that only say where the resident will go (prefeitura, tòa thị chính: city
hall) are left out: they would pull every question towards the FAQs about City Hall itself.
Entries are regular expressions matched at the start of a word on the NFKC, case-folded text.

A Chinese question is searched among the Japanese FAQs too, in Japanese character forms; where
the Japanese word is another word (迁入 is 転入, 户口 is 戸籍), ``japanese_gloss`` adds it.
"""

from __future__ import annotations

import re
import unicodedata

# Packed, not one entry per line: a glossary reads better so.
# fmt: off
GLOSSARY: dict[str, tuple[tuple[str, str], ...]] = {
    "pt": (
        (r"lixo", "garbage"), (r"colet|recolh", "collection"), (r"recicl", "recycling"),
        (r"grande porte|sofá|móve", "bulky furniture"),
        (r"mudan[çc]a|mude[iu]|mudar|mudo\b", "move"), (r"endereço", "address"),
        (r"regist", "register"), (r"imposto", "tax"), (r"seguro", "insurance"),
        (r"saúde", "health"), (r"pensão|aposentadoria", "pension"), (r"bebê", "baby"),
        (r"nascimento|nasc", "birth"), (r"creche", "daycare nursery"), (r"escola", "school"),
        (r"filh|crian[çc]a", "child"), (r"casamento|casar", "marriage"), (r"divórcio", "divorce"),
        (r"óbito|morreu|falec", "death"), (r"abrigo|refúgio|evacua", "evacuation shelter"),
        (r"terremoto", "earthquake"), (r"enchente", "flood"), (r"cartão", "card"),
        (r"atestado|certidão|certificado", "certificate"), (r"carimbo", "seal"),
        (r"vacina", "vaccination"), (r"grávida|gravidez", "pregnancy"), (r"cachorro|cão\b", "dog"),
        (r"biblioteca", "library"), (r"água", "water"), (r"eleição|votar|voto", "election vote"),
        (r"estacionamento", "parking"), (r"advogado", "lawyer"), (r"golpe|fraude", "scam"),
        (r"emprego|trabalho", "job"), (r"desempregad", "unemployed"),
        (r"auxílio|benefício|ajuda de custo", "allowance benefit"), (r"moradia|habitação", "housing"),
        (r"pag", "pay"), (r"débito automático", "direct debit"), (r"conveniência", "convenience store"),
        (r"senha", "pin password"), (r"voltar pr|voltar para|sair do japão", "leaving japan"),
        (r"estrangeir", "foreign"),
    ),
    "vi": (
        (r"rác", "garbage"), (r"chuyển nhà|chuyển đến", "move"), (r"nghỉ việc", "quit job"),
        (r"địa chỉ", "address"), (r"cư trú", "resident"), (r"đăng ký", "register"), (r"thuế", "tax"),
        (r"bảo hiểm", "insurance"), (r"y tế", "health"), (r"lương hưu|hưu trí", "pension"),
        (r"em bé|\bbé\b", "baby"), (r"\bsinh\b", "birth"), (r"nhà trẻ|mẫu giáo", "daycare nursery"),
        (r"trường", "school"), (r"\bcon\b", "child"), (r"kết hôn", "marriage"), (r"ly hôn", "divorce"),
        (r"qua đời|\bchết\b", "death"), (r"sơ tán|lánh nạn", "evacuation shelter"),
        (r"động đất", "earthquake"), (r"\blũ\b|ngập", "flood"), (r"thẻ", "card"),
        (r"giấy chứng nhận", "certificate"), (r"con dấu", "seal"), (r"tiêm|vắc xin", "vaccination"),
        (r"mang thai|có thai|có bầu", "pregnancy"), (r"\bchó\b", "dog"), (r"thư viện", "library"),
        (r"bầu cử", "election"), (r"bãi đỗ xe", "parking"), (r"luật sư", "lawyer"),
        (r"lừa đảo", "scam"), (r"việc làm|công việc", "job"), (r"trợ cấp", "allowance"),
        (r"nhà ở", "housing"), (r"thanh toán|\btrả\b", "pay"), (r"cửa hàng tiện lợi", "convenience store"),
        (r"mật khẩu|mã pin", "pin password"), (r"về nước", "leaving japan"), (r"người nước ngoài", "foreign"),
    ),
}
# Chinese city-hall words whose Japanese is another word, not only other character forms
# (迁入 is 転入, not 遷入): a Chinese question is searched among the Japanese FAQs in Japanese
# character forms (``textsearch.analysis.chinese_as_japanese``) with these words' Japanese added.
# Matched as substrings of the (simplified) question; Chinese has no spaces between words.
CHINESE: tuple[tuple[str, str], ...] = (
    ("迁入", "転入"), ("搬来", "転入"), ("迁出", "転出"), ("搬走", "転出"), ("搬家", "引っ越し"),
    ("市内搬家", "転居"), ("户籍", "戸籍"), ("户口", "戸籍"), ("印章", "印鑑"), ("印鉴", "印鑑"),
    ("个人编号卡", "マイナンバーカード"), ("个人编号", "個人番号"), ("便利店", "コンビニ"),
    ("结婚", "婚姻"), ("儿童补贴", "児童手当"), ("儿童津贴", "児童手当"), ("看病", "医療費"),
    ("医疗费", "医療費"), ("托儿所", "保育所"), ("幼儿园", "保育所"), ("转学", "転校"),
    ("上小学", "入学"), ("疫苗", "予防接種"), ("打针", "予防接種"), ("体检", "健診"),
    ("怀孕", "妊娠"), ("母子手册", "母子健康手帳"), ("养老金", "年金"), ("护理", "介護"),
    ("残疾", "障害"), ("低保", "生活保護"), ("生活困难", "生活困窮"), ("居民税", "住民税"),
    ("房产税", "固定資産税"), ("轻型车", "軽自動車"), ("摩托车", "軽自動車"), ("纳税证明", "納税証明書"),
    ("自动扣款", "口座振替"), ("银行扣款", "口座振替"), ("垃圾", "ごみ"), ("大件", "粗大ごみ"),
    ("回收", "資源"), ("狗", "犬"), ("避难", "避難所"), ("公营住宅", "市営住宅"),
    ("选举", "選挙"), ("投票", "選挙"), ("停车", "駐車場"), ("诈骗", "詐欺"), ("律师", "弁護士"),
    ("在留卡", "在留カード"), ("无线网", "Wi-Fi"), ("周末", "土日"), ("下班", "閉庁"),
)
# fmt: on

_PATTERNS = {
    lang: [(re.compile(r"\b(?:" + pattern + ")"), english) for pattern, english in entries]
    for lang, entries in GLOSSARY.items()
}


def japanese_gloss(text: str) -> str:
    """The Japanese of the city-hall words a Chinese ``text`` contains, space-separated ("" if none)."""
    return " ".join(dict.fromkeys(japanese for chinese, japanese in CHINESE if chinese in text))


def english_gloss(text: str, lang: str) -> str:
    """``text`` followed by the English of the glossary terms it contains ("" added if none)."""
    patterns = _PATTERNS.get(lang)
    if not patterns:
        return text
    folded = unicodedata.normalize("NFKC", text).casefold()
    found = [english for pattern, english in patterns if pattern.search(folded)]
    return " ".join([text, *found])
