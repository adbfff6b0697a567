"""Text analysis (形態素解析) — turning text into the index terms that documents and queries share.

Japanese goes through SudachiPy with the ``core`` dictionary. For each content word it yields:

* the **normalised form** (正規化表記) of the long split (mode C), so 引越し/引っ越し/引越,
  申込/申し込み and こども/子ども/子供 become one term;
* the normalised forms of the short split (mode A) when mode C kept a compound whole, so a
  question about 転入 finds 転入届 and 暗証番号 meets 番号;
* Sudachi's **synonym-group ids** (同義語グループ) as ``#s<id>`` terms, so スマホ/スマートフォン
  and コンビニ/コンビニエンスストア meet although their normalised forms differ;
* the **reading** (読み) as ``#r<カタカナ>`` for every content word of a document, and for a
  query's words unknown to the dictionary — so ぐりーんかーど or a misspelt katakana loan word
  still meets the document that writes it in kanji or katakana.

A query word yields as few terms as it can (its normalised form, its first synonym group, no
reading when the dictionary knows it): BM25 adds up the terms, so a word with many expansions
would otherwise outweigh the topic word beside it.

A short table of city-hall abbreviations Sudachi does not know (``DOMAIN_SYNONYMS``: マイナ →
マイナンバーカード …) is applied to the normalised forms.

Other languages take a light path: NFKC, lower case, accents removed, a small stop-word list and
the Snowball (Porter2) stemmer for English and Portuguese; Chinese and Korean text (no spaces between words,
or particles glued to them) also yields character bigrams.

Analysis is deterministic and does not touch the database: the same function analyses the stored
documents and the queries, which is what makes them meet.
"""

from __future__ import annotations

import functools
import re
import threading
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

import opencc
import snowballstemmer
from sudachipy import Dictionary, Morpheme, SplitMode

READING_PREFIX = "#r"
SYNONYM_PREFIX = "#s"

# Parts of speech (品詞) whose words carry meaning for retrieval. Particles, auxiliaries, symbols
# and blanks are dropped. 代名詞 stays: どこ/いつ/いくら tell "where" questions from "when" ones.
_CONTENT_POS = {"名詞", "動詞", "形容詞", "形状詞", "副詞", "代名詞", "接頭辞", "接尾辞", "連体詞"}
# Blanks, punctuation and symbols end a stretch of words (``query_phrases``).
_SEPARATOR_POS = {"空白", "補助記号", "記号"}
_FUNCTION_POS = {"助詞", "助動詞"}
# Light verbs and formal nouns that appear in almost every question and answer.
_JA_STOP = {
    "する",
    "ある",
    "居る",
    "いる",
    "成る",
    "なる",
    "出来る",
    "こと",
    "事",
    "もの",
    "物",
    "為",
    "ため",
    "様",
    "よう",
    "方",
    "所",
    "ところ",
    "れる",
    "られる",
    "御",
    "お",
    "ご",
    "さん",
    "くださる",
    "下さる",
    "頂く",
    "いただく",
    "思う",
    "良い",
    "いい",
    "教える",
    "知る",
    "分かる",
    "わかる",
    "為る",
    "遣る",
    "貰う",
    "伺う",
    "際",
    "自分",
}

# City-hall vocabulary Sudachi's synonym groups do not join: abbreviations (マイナ), everyday words
# for the same thing (代わりに / 代理人, いくら / 手数料, ネット / オンライン). Each group is
# canonical term → the normalised forms (or, for other languages, the stems) that mean it; a
# text containing a variant is indexed under both the variant and the canonical term.
SYNONYM_GROUPS: dict[str, tuple[str, ...]] = {
    # Japanese (Sudachi normalised forms)
    "マイナンバーカード": ("マイナ", "マイナカード", "個人番号カード"),
    "住民基本台帳": ("住基",),
    "国民健康保険": ("国保",),
    "後期高齢者医療": ("後期高齢",),
    "防災マップ": ("ハザードマップ",),
    "無線LAN": ("wifi", "wi-fi"),
    "放課後児童クラブ": ("学童",),
    "保育所": ("保育園",),
    # Not 転居: a move inside the city is a procedure of its own (転居届), beside 転入届 and 転出届.
    "引っ越し": ("引越", "住所変更"),
    # Sudachi normalises a lone ごみ/ゴミ to 塵 but keeps ごみ inside 粗大ごみ's short split.
    "塵": ("ごみ",),
    "代理": ("代わり", "代理人", "委任", "委任状"),
    "手数料": ("幾ら", "料金", "費用", "値段", "金額"),
    "オンライン": ("ネット", "インターネット", "ウェブ", "電子申請"),
    "郵送": ("郵便", "取り寄せ", "取り寄せる"),
    "処分": ("捨てる", "廃棄"),
    "持ち物": ("持参", "持って行く", "必要書類"),
    "紛失": ("なくす", "無くす", "失くす", "無くなる"),
    "遅れる": ("過ぎる", "遅延", "期限切れ"),
    "原動機付自転車": ("原付き", "原チャ", "原付"),
    "妻": ("嫁", "奥さん", "家内"),
    "夫": ("旦那", "主人"),
    # English (Porter2 stems)
    "garbag": ("trash", "rubbish", "wast", "bin", "dump", "junk"),
    "fee": ("cost", "price", "charg", "much"),
    "onlin": ("internet", "web", "websit", "smartphon"),
    "mail": ("post", "postal"),
    "proxi": ("behalf", "repres", "represent", "someon", "friend", "famili", "relat"),
    "bring": ("document", "paperwork", "requir"),
    "lost": ("lose",),
    "forgot": ("forget", "forgotten"),
    "deadlin": ("due", "limit", "late"),
    "certif": ("copi", "proof"),
    "regist": ("registr",),
    "move": ("reloc",),
    "dispos": ("rid", "throw"),
    "pin": ("password", "passcod"),
    "child": ("kid", "children", "babi", "infant", "toddler", "newborn"),
    "death": ("die", "dead", "deceas"),
    "daycar": ("nurseri", "preschool", "kindergarten"),
    "lawyer": ("attorney", "legal"),
    "complaint": ("complain", "scam", "fraud"),
    "allow": ("benefit", "subsidi", "grant"),
    "pay": ("payment", "paid"),
    "appli": ("applic", "sign", "enrol"),
    "marriag": ("marri", "wed"),
    "popul": ("peopl", "inhabit"),
    "bulki": ("furnitur", "sofa", "bed", "mattress", "couch", "wardrob"),
    "welfar": ("assist",),
    "pregnanc": ("pregnant",),
    "vaccin": ("shot", "immun", "jab"),
    "abroad": ("oversea",),
    "medic": ("doctor", "hospit", "clinic"),
    "quit": ("unemploy", "jobless", "resign"),
    "hour": ("close", "open"),
}
# City-hall words as residents write them in hiragana (やさしい日本語, or without an IME), with
# their usual spelling. Sudachi cuts a hiragana word it does not know into words it does —
# ぜいきん → 行く, じゅうみんひょう → じゅう・見る・ひょう, てんきょ → 天気 — which then meet
# unrelated documents; written in kanji they are read as the words they are. Only words of
# three kana or more, and none that reads two ways in a city hall (ちゅうしゃ: 注射 or 駐車); the
# longest match wins, so ほけんじょ is 保健所 and ほけんセンター 保健センター, not 保険 + ….
# Packed, not one entry per line: a word list reads better so.
# fmt: off
KANA_WORDS: dict[str, str] = {
    "じゅうみんひょう": "住民票", "じゅうみんぜい": "住民税", "ぜいきん": "税金", "いんかん": "印鑑",
    "ほけんしょう": "保険証", "ほけんじょ": "保健所", "ほけんセンター": "保健センター",
    "ほけんせんたー": "保健センター", "ほけん": "保険", "ほいくえん": "保育園",
    "ほいくしょ": "保育所", "こせき": "戸籍", "とうほん": "謄本", "しょうほん": "抄本",
    "てんにゅう": "転入", "てんしゅつ": "転出", "てんきょ": "転居", "しゅっしょう": "出生",
    "しぼう": "死亡", "こんいん": "婚姻", "よぼうせっしゅ": "予防接種", "じどうてあて": "児童手当",
    "がくどう": "学童", "しやくしょ": "市役所", "ひなんじょ": "避難所", "ざいりゅうかーど": "在留カード",
    "まいなんばー": "マイナンバー", "しょうめいしょ": "証明書", "しょうめい": "証明", "しんせい": "申請",
    "てすうりょう": "手数料", "こくほ": "国保", "こくみんけんこうほけん": "国民健康保険", "かいご": "介護",
    "としょかん": "図書館", "すいどう": "水道", "せんきょ": "選挙", "とうひょう": "投票",
    "けいじどうしゃ": "軽自動車", "しょうがっこう": "小学校", "べんごし": "弁護士", "どようび": "土曜日",
    "にちようび": "日曜日", "とどけで": "届出", "とどけ": "届", "おかね": "お金", "けんしん": "健診",
}
# fmt: on
_KANA_WORD = re.compile("|".join(sorted(map(re.escape, KANA_WORDS), key=len, reverse=True)))
DOMAIN_SYNONYMS: dict[str, str] = {
    variant: canonical for canonical, variants in SYNONYM_GROUPS.items() for variant in variants
}
_STEMMERS = {"en": snowballstemmer.stemmer("english"), "pt": snowballstemmer.stemmer("portuguese")}

# Function words of English and Portuguese questions, dropped from the light path. Question
# words (where, when, onde, quando) stay: they tell a "where" question from a "when" one.
_EN_STOP = frozenset(
    (  # noqa: SIM905 — a word list reads better as text than as a hundred quoted items
        "a an the and or of to in on at for with by from is are was were be been am do does did can could "
        "i you he she it we they my your our their me us them this that these those what which who whom "
        "why please would should will shall may might must have has had there here as "
        "if not no so than too very just about into out up get want need also any some o os as um uma "
        "de do da dos das em no na para por com como que e eu meu minha"
    ).split()
)

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_KANA = re.compile(r"^[\u3041-\u309f\u30a0-\u30ffー]+$")
_KANA_RUN = re.compile(r"[\u3041-\u3096\u30a1-\u30faー]{3,}")
_HAN_OR_HANGUL = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf\uac00-\ud7af]")
_JAPANESE_KANA = re.compile(r"[\u3041-\u309f\u30a0-\u30ff]")

_local = threading.local()


@functools.cache
def _dictionary() -> Dictionary:
    # Loading the dictionary takes a few hundred milliseconds; it is shared, read-only.
    return Dictionary(dict="core")


def _tokenizer():
    # A Sudachi tokenizer is not safe to share between threads; a dictionary is.
    tokenizer = getattr(_local, "tokenizer", None)
    if tokenizer is None:
        tokenizer = _local.tokenizer = _dictionary().tokenizer(mode=SplitMode.C)
    return tokenizer


def _katakana(text: str) -> str:
    return "".join(chr(ord(c) + 0x60) if "\u3041" <= c <= "\u3096" else c for c in text)


def _strip_accents(text: str) -> str:
    # Only for Latin-script words: NFD would also take Hangul syllables apart.
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def _bigrams(run: str) -> list[str]:
    if len(run) == 1:
        return [run]
    return [run[i : i + 2] for i in range(len(run) - 1)]


@functools.lru_cache(maxsize=100_000)
def _light_word(word: str, lang: str, is_query: bool = False) -> tuple[str, ...]:
    """The terms of one (case-folded) word on the light path; cached, as stemming is pure Python."""
    if _HAN_OR_HANGUL.search(word):
        grams = _bigrams(word)
        return (*grams, word) if len(word) <= 4 else tuple(grams)
    if not word.isascii():
        word = _strip_accents(word)
    if word in _EN_STOP or (len(word) < 2 and not word.isdigit()):
        return ()
    stemmer = _STEMMERS.get(lang)
    return tuple(_with_synonym(stemmer.stemWord(word) if stemmer else word, is_query))


def _light_terms(text: str, lang: str = "en", is_query: bool = False) -> list[str]:
    found: list[str] = []
    for word in _WORD.findall(unicodedata.normalize("NFKC", text).casefold()):
        found.extend(_light_word(word, lang, is_query))
    return found


def _with_synonym(term: str, is_query: bool = False) -> list[str]:
    """A document indexes a variant under itself and its canonical term; a query asks for the
    canonical term alone — every document holding the variant holds it too, and the variant's
    own rarity (kids, once in all the FAQs) would otherwise outweigh the rest of the question."""
    canonical = DOMAIN_SYNONYMS.get(term)
    if canonical is None:
        return [term]
    return [canonical] if is_query else [term, canonical]


def _morpheme_terms(morpheme, surface: str, is_query: bool) -> list[str]:
    pos = morpheme.part_of_speech()[0]
    normal = morpheme.normalized_form()
    if pos == "名詞" and morpheme.part_of_speech()[1] == "数詞":
        return [normal]
    if pos not in _CONTENT_POS or normal in _JA_STOP or morpheme.dictionary_form() in _JA_STOP:
        return (
            _light_terms(surface, is_query=is_query) if _WORD.fullmatch(surface) and surface.isascii() else []
        )
    if surface.isascii():
        return _light_terms(surface, is_query=is_query)
    found = _with_synonym(normal, is_query)
    groups = morpheme.synonym_group_ids()
    # A query word is counted once per term it yields: with every synonym group of a word such as
    # キャンセル (two groups) it outweighed the topic word beside it, so a query keeps the first.
    found.extend(f"{SYNONYM_PREFIX}{group}" for group in (groups[:1] if is_query else groups))
    parts = morpheme.split(SplitMode.A)
    if len(parts) > 1:
        for part in parts:
            part_normal = part.normalized_form()
            if part_normal not in _JA_STOP and part.part_of_speech()[0] in _CONTENT_POS:
                found.extend(_with_synonym(part_normal, is_query))
                if not is_query and part.reading_form():
                    found.append(f"{READING_PREFIX}{_katakana(part.reading_form())}")
    reading = morpheme.reading_form()
    # In a query only unknown words (a misspelt loan word, a kana spelling Sudachi does not know)
    # are widened to their reading; a known word is already matched by its normalised form, and
    # its reading as well would count it twice against the words beside it.
    if reading and (not is_query or morpheme.is_oov()):
        found.append(f"{READING_PREFIX}{_katakana(reading)}")
    return found


# The terms of a dictionary word depend only on the word and its surface: remembering them saves
# most of the Python work when a whole namespace is rebuilt. Bounded; cleared when full.
_TERMS_BY_WORD: dict[tuple[int, str, bool], list[str]] = {}
_TERMS_BY_WORD_LIMIT = 200_000


def _japanese_words(text: str, *, is_query: bool) -> Iterator[tuple[Morpheme, list[str]]]:
    """Each morpheme of ``text`` with its index terms (see ``_morpheme_terms``)."""
    text = _KANA_WORD.sub(lambda match: KANA_WORDS[match.group()], unicodedata.normalize("NFKC", text))
    for morpheme in _tokenizer().tokenize(text):
        surface = morpheme.surface()
        if morpheme.is_oov():
            yield morpheme, _morpheme_terms(morpheme, surface, is_query)
            continue
        key = (morpheme.word_id(), surface, is_query)
        cached = _TERMS_BY_WORD.get(key)
        if cached is None:
            if len(_TERMS_BY_WORD) >= _TERMS_BY_WORD_LIMIT:
                _TERMS_BY_WORD.clear()
            cached = _TERMS_BY_WORD[key] = _morpheme_terms(morpheme, surface, is_query)
        yield morpheme, cached


def _japanese_terms(text: str, *, is_query: bool) -> list[str]:
    return [term for _morpheme, found in _japanese_words(text, is_query=is_query) for term in found]


@dataclass(frozen=True)
class QueryWord:
    """A word of a Japanese query: what was written, how it reads (カタカナ), its index terms,
    and whether it is a function word: a particle or auxiliary (を, たい, です), or a light verb or
    formal noun the index leaves out (いる, する, こと)."""

    surface: str
    reading: str
    terms: tuple[str, ...]
    function: bool


def query_phrases(text: str, lang: str = "ja") -> list[list[QueryWord]]:
    """A Japanese query's words, in stretches between blanks, symbols and punctuation; ``[]``
    for a query the light path analyses.

    The search reads a stretch aloud to recognise a word misspelt with the wrong kanji or half in
    kana (在流カード, 戸籍とう本): Sudachi cuts such a word into pieces, but the pieces together
    read as the word the index knows (see ``selectors._homophones``).
    """
    if not text or not (lang in {"ja", "easy_ja"} or _JAPANESE_KANA.search(text)):
        return []
    phrases: list[list[QueryWord]] = [[]]
    for morpheme, found in _japanese_words(text, is_query=True):
        if morpheme.part_of_speech()[0] in _SEPARATOR_POS:
            if phrases[-1]:
                phrases.append([])
            continue
        reading = _katakana(morpheme.reading_form() or morpheme.surface())
        function = (
            morpheme.part_of_speech()[0] in _FUNCTION_POS
            or morpheme.normalized_form() in _JA_STOP
            or morpheme.dictionary_form() in _JA_STOP
        )
        phrases[-1].append(QueryWord(morpheme.surface(), reading, tuple(found), function))
    return [phrase for phrase in phrases if phrase]


def kana_runs(text: str) -> list[str]:
    """Stretches of a query written only in kana (three characters or more), in katakana.

    Sudachi cannot segment a long hiragana run such as てんにゅうとどけ reliably; the search
    matches these runs against the readings stored in the index instead (see
    ``selectors.search``).
    """
    return [_katakana(run) for run in _KANA_RUN.findall(unicodedata.normalize("NFKC", text))]


@functools.cache
def _converters() -> tuple[opencc.OpenCC, opencc.OpenCC]:
    return opencc.OpenCC("s2t"), opencc.OpenCC("t2jp")


def chinese_as_japanese(text: str) -> str:
    """Simplified Chinese text written with the Japanese forms of its characters (个人编号卡 →
    個人編号卡, 儿童 → 児童), so a Chinese question can be analysed against Japanese documents.

    OpenCC converts simplified to traditional characters, then traditional to Japanese shinjitai
    (新字体) — a character-form mapping only, so words that differ between the languages stay
    as they are (免费 is not turned into 無料).
    """
    to_traditional, to_japanese = _converters()
    return to_japanese.convert(to_traditional.convert(text))


def terms(text: str, lang: str = "ja", *, is_query: bool = False) -> list[str]:
    """The index terms of ``text``, in order, with repetitions (they are term frequencies).

    ``lang`` picks the analyser: ``ja`` and ``easy_ja`` (やさしい日本語) use Sudachi; any other
    code uses the light path — unless the text is written in Japanese kana, which only Japanese
    uses, so a Japanese question sent with ``lang="en"`` is still understood. ``is_query`` keeps
    reading terms to kana-only or unknown words, so a kanji query is not widened to homophones.
    """
    if not text:
        return []
    if lang in {"ja", "easy_ja"} or _JAPANESE_KANA.search(text):
        return _japanese_terms(text, is_query=is_query)
    return _light_terms(text, lang, is_query)


def japanese_morphemes(text: str) -> list[tuple[str, tuple[str, ...]]]:
    """(surface, part of speech) of each word in ``text``, for callers that classify words —
    the chatbot finds personal names (固有名詞・人名) this way without a tokenizer of its own."""
    return [(m.surface(), tuple(m.part_of_speech())) for m in _tokenizer().tokenize(text)]
