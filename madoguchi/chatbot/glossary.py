"""用語集 — city-hall words in Portuguese and Vietnamese with their English, for searching the
English FAQs with a question written in those languages.

Only some FAQs are written in Portuguese or Vietnamese, so such a question is also searched in
the English index (``selectors._search_languages``), where its words would otherwise meet
nothing. The question is searched there with the English words of the terms it contains added
(``english_gloss``): a small curated glossary of what residents ask the city about, not a
translation. Words that only say where the resident will go (prefeitura, tòa thị chính: city
hall) are left out: they would pull every question towards the FAQs about City Hall itself.
Entries are regular expressions matched at the start of a word on the NFKC, case-folded text.
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
# fmt: on

_PATTERNS = {
    lang: [(re.compile(r"\b(?:" + pattern + ")"), english) for pattern, english in entries]
    for lang, entries in GLOSSARY.items()
}


def english_gloss(text: str, lang: str) -> str:
    """``text`` followed by the English of the glossary terms it contains ("" added if none)."""
    patterns = _PATTERNS.get(lang)
    if not patterns:
        return text
    folded = unicodedata.normalize("NFKC", text).casefold()
    found = [english for pattern, english in patterns if pattern.search(folded)]
    return " ".join([text, *found])
