"""質問の意図 — what a resident wants to know *about* a topic: when, where, how much, by proxy …

The words of a topic (住民票, 転入届) dominate a BM25 score, so two FAQs of one topic — 住民票
をどこで取るか and 住民票を代理で取れるか — score almost alike, and the words that tell them
apart (どこ, 代わりに) weigh little. The chatbot therefore recognises a handful of intents in the
question and in each candidate FAQ's Japanese question, from a curated lexicon per language, and reranks
the candidates by whether their intents agree (see ``selectors.find_answers``).

The lexicon is matched on the NFKC, case-folded text. Japanese, Chinese and Korean entries match
anywhere in the text with spaces removed (so やさしい日本語's spaced words still match); entries
in Latin script match at the start of a word and are regular expressions, so ``late\\b`` does
not match "later". Every language's entries are tried on every text: the scripts hardly overlap,
and a question that mixes languages is still read.
"""

from __future__ import annotations

import re
import unicodedata

# intent → words that ask for it. Keep each word specific: one that appears in most questions
# (手続き, how, apply) tells no intent apart and only adds noise.
# Packed, not one word per line: a word list reads better so.
# fmt: off
LEXICON: dict[str, dict[str, tuple[str, ...]]] = {
    "when": {
        "cjk": (
            "いつ", "期限", "何日", "なんにち", "期間", "締め切", "締切", "しめきり", "日程", "時期",
            "何月", "以内", "什么时候", "几天", "截止", "何时", "多久", "日期", "언제", "기한", "며칠",
            "기간", "일정",
        ),
        "latin": (
            r"when\b", r"deadline", r"how many days", r"how long do", r"by when", r"due\b", r"schedule",
            r"time limit", r"quando", r"prazo", r"khi nào", r"bao giờ", r"thời hạn", r"lúc nào",
            r"mấy ngày", r"hạn chót",
        ),
    },
    "where": {
        "cjk": (
            "どこ", "場所", "ばしょ", "どちら", "哪里", "哪儿", "在哪", "地点", "什么地方", "어디",
            "장소",
        ),
        "latin": (
            r"where", r"which office", r"location", r"onde\b", r"ở đâu", r"chỗ nào", r"đâu\b",
        ),
    },
    "money": {
        "cjk": (
            "いくら", "ひよう", "費用", "手数料", "料金", "金額", "値段", "お金", "何円", "無料",
            "有料", "負担", "多少钱", "费用", "免费", "收费", "价格", "手续费", "钱", "얼마", "비용",
            "수수료", "무료", "요금",
        ),
        "latin": (
            r"how much", r"cost", r"fee\b", r"fees\b", r"price", r"free\b", r"charge", r"money",
            r"quanto", r"custa", r"preço", r"taxa\b", r"grátis", r"gratuito", r"dinheiro", r"valor",
            r"bao nhiêu tiền", r"phí\b", r"miễn phí", r"tiền\b", r"giá\b",
        ),
    },
    "proxy": {
        "cjk": (
            "代理", "だいり", "代わり", "かわりに", "委任", "本人以外", "行ってもらう",
            "行ってもらって", "出してもらう", "出してもらって", "頼んで", "頼む", "代办", "委托",
            "别人", "替我", "대리", "대신", "위임",
        ),
        "latin": (
            r"behalf", r"proxy", r"someone else", r"instead of", r"representative", r"authori[sz]",
            r"procuração", r"outra pessoa", r"no meu lugar", r"thay\b", r"ủy quyền", r"người khác",
        ),
    },
    "mail": {
        "cjk": (
            "郵送", "郵便", "ゆうそう", "ゆうびん", "送って", "送付", "取り寄せ", "遠方", "邮寄",
            "邮送", "우편", "우송",
        ),
        "latin": (
            r"mail", r"by post", r"postal", r"correio", r"bưu điện", r"gửi qua",
        ),
    },
    "bring": {
        "cjk": (
            "持ち物", "もちもの", "必要なもの", "必要書類", "何が必要", "なにがひつよう", "何がいる",
            "なにがいる", "何が要る", "何を持って", "持って行", "もっていく", "持参", "いりますか",
            "要りますか", "带什么", "需要什么", "材料", "证件", "준비물", "서류", "가져가",
        ),
        "latin": (
            r"bring", r"documents?\b", r"paperwork", r"what to take", r"levar", r"documentos",
            r"mang\b", r"giấy tờ gì", r"cần những gì",
        ),
    },
    "online": {
        "cjk": (
            "オンライン", "ネット", "スマホ", "スマートフォン", "電子申請", "マイナポータル", "ウェブ",
            "パソコン", "网上", "在线", "网络", "手机", "线上", "온라인", "인터넷", "스마트폰",
        ),
        "latin": (
            r"online", r"internet", r"website", r"app\b", r"smartphone", r"web\b", r"trực tuyến",
        ),
    },
    "lost": {
        "cjk": (
            "なくし", "無くし", "紛失", "失くし", "落とした", "落として", "なくなっ", "無くなっ",
            "盗まれ", "盗難", "丢", "遗失", "잃어버", "분실", "도난",
        ),
        "latin": (
            r"lost\b", r"lose\b", r"missing", r"stolen", r"perdi\b", r"perder", r"perdido", r"roubad",
            r"mất\b",
        ),
    },
    "late": {
        "cjk": (
            "遅れ", "おくれ", "過ぎ", "間に合わ", "晚了", "超过", "忘了", "逾期", "늦", "지났", "잊어",
        ),
        "latin": (
            r"late\b", r"missed", r"overdue", r"atrasad", r"atraso", r"esqueci", r"quá hạn", r"trễ",
            r"muộn", r"quên",
        ),
    },
    "renew": {
        "cjk": (
            "更新", "こうしん", "期限切れ", "有効期限", "切れる", "切れた", "过期", "到期", "갱신",
            "만료",
        ),
        "latin": (
            r"renew", r"expir", r"renovar", r"vencid", r"gia hạn", r"hết hạn",
        ),
    },
    "hours": {
        "cjk": (
            "何時", "なんじ", "開庁", "時間", "土日", "土曜", "日曜", "休日", "祝日", "夕方", "閉ま",
            "開いて", "几点", "周末", "开门", "下班", "营业", "몇시", "주말", "토요일", "시간",
        ),
        "latin": (
            r"hours?\b", r"open\b", r"close", r"what time", r"weekend", r"saturday", r"sunday",
            r"horário", r"abre\b", r"fecha\b", r"sábado", r"domingo", r"fim de semana", r"mấy giờ",
            r"cuối tuần", r"thứ bảy", r"chủ nhật",
        ),
    },
    "cancel": {
        "cjk": (
            "取り消", "取消", "とりけし", "キャンセル", "取りやめ", "中止", "辞退", "解約", "취소",
        ),
        "latin": (
            r"cancel", r"withdraw", r"hủy",
        ),
    },
    # Not a question word but the resident's situation: several topics have an FAQ for foreign
    # nationals beside the general one (出生届, 国民健康保険, 転入届, 婚姻届, 就学 …). 外国語 is
    # a language, not a nationality, and is left out.
    "foreign": {
        "cjk": (
            "外国人", "外国籍", "がいこくじん", "在留", "ざいりゅう", "留学生", "技能実習", "国籍", "母国",
            "外籍", "외국인", "국적", "유학생",
        ),
        "latin": (
            r"foreign", r"international student", r"nationality", r"not japanese", r"estrangeir",
            r"nacionalidade", r"nước ngoài", r"quốc tịch", r"du học sinh",
        ),
    },
    "who": {
        "cjk": (
            "誰", "だれ", "対象", "条件", "資格", "所得制限", "谁", "资格", "누가", "누구", "대상",
            "자격",
        ),
        "latin": (
            r"who\b", r"eligib", r"qualify", r"quem\b", r"direito", r"ai\b", r"đối tượng", r"điều kiện",
        ),
    },
}
# fmt: on


def _compile(words: dict[str, tuple[str, ...]]) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
    cjk = re.compile("|".join(map(re.escape, words["cjk"]))) if words.get("cjk") else None
    latin = re.compile(r"\b(?:" + "|".join(words["latin"]) + ")") if words.get("latin") else None
    return cjk, latin


_PATTERNS = {intent: _compile(words) for intent, words in LEXICON.items()}


def intents_of(text: str) -> frozenset[str]:
    """The intents asked in ``text`` (any language)."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    unspaced = "".join(folded.split())
    return frozenset(
        intent
        for intent, (cjk, latin) in _PATTERNS.items()
        if (cjk is not None and cjk.search(unspaced)) or (latin is not None and latin.search(folded))
    )
