"""A fictional but typical procedure catalogue (手続) and life-event guides for the demo city.

Written for a Japanese city of about 76,000 people from the procedures every such city handles,
not copied from any one city's site. Fees follow the common 手数料条例 amounts (住民票の写し and
税の証明書 300円 a copy, 戸籍謄抄本 450円 as set nationally, 犬の登録 3,000円); floors, counter
numbers and processing periods are invented but plausible.

``department`` is a 課 code from ``organization.py``. ``form_code`` is set where the
``formbuilder`` app has (or will have) an online form with that code. Codes are stable: other
apps, the chatbot and outside links refer to them.

``processing_days`` counts business days (開庁日) after receipt; ``None`` means same day or no
fixed period. Fee and life-event rule shapes are documented in ``madoguchi/procedures/rules.py``.
"""

from __future__ import annotations

from typing import Any, NotRequired, TypedDict


class ProcedureData(TypedDict):
    code: str
    department: str
    category: str
    title: str
    title_en: str
    summary: str
    summary_en: str
    description: str
    description_en: str
    applicant_types: list[str]
    sign_in_level: str
    fee_rule: dict[str, Any]
    channel: str
    processing_days: int | None
    legal_basis: str
    required_attachments: NotRequired[list[dict[str, Any]]]
    counter_place: NotRequired[str]
    counter_place_en: NotRequired[str]
    counter_bring: NotRequired[str]
    counter_bring_en: NotRequired[str]
    counter_hours: NotRequired[str]
    counter_hours_en: NotRequired[str]
    form_code: NotRequired[str]


class LifeEventData(TypedDict):
    code: str
    title: str
    title_en: str
    summary: str
    summary_en: str
    questions: list[dict[str, Any]]
    rules: list[dict[str, Any]]


HOURS = "平日 8:30〜17:15（土日祝日・年末年始を除く）"
HOURS_EN = "Weekdays 8:30–17:15 (closed on weekends, national holidays and 29 December–3 January)"
ID = "本人確認書類（マイナンバーカード、運転免許証、パスポートなど）"
ID_EN = "Photo identification (My Number Card, driver's licence, passport, etc.)"
PROXY = "代理人の場合は委任状と代理人の本人確認書類"
PROXY_EN = "If you are an agent: a letter of authorisation and your own identification"


def _counter(floor: str, division: str, floor_en: str, division_en: str) -> dict[str, str]:
    return {
        "counter_place": f"市役所本庁舎{floor} {division}",
        "counter_place_en": f"{division_en}, {floor_en}, City Hall main building",
        "counter_hours": HOURS,
        "counter_hours_en": HOURS_EN,
    }


MADOGUCHI = _counter(
    "1階", "市民窓口課（1番〜4番窓口）", "1st floor", "Citizen Services Division (counters 1–4)"
)
KOSEKI = _counter("1階", "市民窓口課 戸籍係（5番窓口）", "1st floor", "Family Register Section (counter 5)")
KOKUHO = _counter(
    "1階", "国保年金課（8番〜10番窓口）", "1st floor", "National Health Insurance and Pension Division"
)
ZEIMU = _counter("2階", "税務課", "2nd floor", "Taxation Division")
SHUNO = _counter("2階", "収納課", "2nd floor", "Tax Collection Division")
KANKYO = _counter("3階", "生活環境課", "3rd floor", "Living Environment Division")
KODOMO_SEISAKU = _counter(
    "1階", "こども政策課（12番窓口）", "1st floor", "Child Policy Division (counter 12)"
)
KODOMO_KATEI = _counter(
    "1階", "こども家庭課（13番窓口）", "1st floor", "Children and Families Division (counter 13)"
)
HOIKU = _counter("1階", "保育課（14番窓口）", "1st floor", "Childcare Division (counter 14)")
GAKKO = _counter("4階", "教育委員会 学校教育課", "4th floor", "School Education Division, Board of Education")
FUKUSHI = _counter("1階", "社会福祉課", "1st floor", "Social Welfare Division")
SHOGAI = _counter("1階", "障がい福祉課（16番窓口）", "1st floor", "Disability Welfare Division (counter 16)")
KAIGO = _counter(
    "1階", "介護保険課（17番窓口）", "1st floor", "Long-Term Care Insurance Division (counter 17)"
)
KOREI = _counter("1階", "高齢福祉課（18番窓口）", "1st floor", "Elderly Welfare Division (counter 18)")
TOSHI = _counter("3階", "都市計画課", "3rd floor", "Urban Planning Division")
HOKEN_CENTER = {
    "counter_place": "保健センター（市役所本庁舎となり） 健康増進課",
    "counter_place_en": "Health Promotion Division, Health Centre (next to City Hall)",
    "counter_hours": HOURS,
    "counter_hours_en": HOURS_EN,
}

FREE: dict[str, Any] = {"type": "free"}


def _per_copy(price: int) -> dict[str, Any]:
    return {
        "type": "per_unit",
        "unit_price": price,
        "unit_field": "copies",
        "unit_label": "通",
        "unit_label_en": "copy",
        # Certificates are paid for online before the request is received (and before issue).
        "payment": "before_submission",
    }


def _attachment(name: str, name_en: str, *, required: bool = True) -> dict[str, Any]:
    return {"name": name, "name_en": name_en, "required": required}


POWER_OF_ATTORNEY = _attachment(
    "委任状（代理人が申請する場合）", "Letter of authorisation (if an agent applies)", required=False
)

PROCEDURES: list[ProcedureData] = [
    # --- 届出・登録 / 証明書: 市民窓口課 ---------------------------------------------------------
    {
        "code": "juminhyo-utsushi",
        "department": "shimin-madoguchi",
        "category": "certificates",
        "title": "住民票の写しの交付請求",
        "title_en": "Request a copy of your residence record (juminhyo)",
        "summary": (
            "住民票の写しを請求できます。オンラインで請求すると、電子署名付きの証明書をダウンロードできます。"
        ),
        "summary_en": (
            "Request a certified copy of your residence record. Online requests get a digitally signed "
            "certificate to download."
        ),
        "description": (
            "本人または同じ世帯の方が請求できます。それ以外の方は委任状が必要です。\n\n本籍・筆頭者や続柄、"
            "個人番号の記載が必要な場合は、請求時に選んでください。"
            "個人番号入りの写しは郵送またはダウンロードでのみお渡しします。"
        ),
        "description_en": (
            "You or a member of your household may request it; anyone else needs a letter of authorisation."
            "\n\nChoose at the time of the request whether the copy should show your registered domicile, "
            "relationships or individual number."
        ),
        "applicant_types": ["self", "agent"],
        "sign_in_level": "mynumber_card",
        "fee_rule": _per_copy(300),
        "required_attachments": [POWER_OF_ATTORNEY],
        "processing_days": 2,
        "channel": "online_and_counter",
        **MADOGUCHI,
        "counter_bring": f"{ID}\n{PROXY}",
        "counter_bring_en": f"{ID_EN}\n{PROXY_EN}",
        "legal_basis": "住民基本台帳法第12条、市手数料条例",
        "form_code": "juminhyo-utsushi",
    },
    {
        "code": "tennyu-jizen",
        "department": "shimin-madoguchi",
        "category": "registration",
        "title": "転入届の事前申請",
        "title_en": "Notify your move-in in advance",
        "summary": (
            "市外から引っ越してくる方が、来庁前に転入の内容をオンラインで届け出ておくと、"
            "窓口での手続が短く済みます。"
        ),
        "summary_en": (
            "If you are moving to the city, send your move-in details online before you come, and the "
            "counter visit will be short."
        ),
        "description": (
            "転出元の市区町村に転出届を出した後（マイナンバーカードで転出届をした場合を含みます）、"
            "新しい住所・引越し日・世帯の方の情報を入力してください。\n\n"
            "事前申請だけでは転入届は完了しません。引越し後14日以内に、"
            "マイナンバーカードを持って市民窓口課へお越しください。"
        ),
        "description_en": (
            "After you have notified your previous municipality of your move-out, enter your new address, "
            "moving date and household details.\n\nThe advance notice does not complete your move-in: "
            "within 14 days of moving, visit the Citizen Services Division with your My Number Card."
        ),
        "applicant_types": ["self"],
        "sign_in_level": "mynumber_card",
        "fee_rule": FREE,
        "processing_days": None,
        "channel": "online",
        "legal_basis": "住民基本台帳法第22条、第24条の2",
        "form_code": "tennyu-jizen",
    },
    {
        "code": "tennyu",
        "department": "shimin-madoguchi",
        "category": "registration",
        "title": "転入届",
        "title_en": "Move-in notification",
        "summary": "市外から引っ越してきたときは、住み始めた日から14日以内に窓口で届け出てください。",
        "summary_en": (
            "When you move to the city from another municipality, notify us at the counter within 14 days "
            "of moving in."
        ),
        "description": (
            "転入届は窓口でのみ受け付けます。事前申請をしておくと、待ち時間と記入の手間が減ります。\n\n"
            "マイナンバーカードをお持ちの方は、"
            "転入届と同時にカードの継続利用の手続をしてください（暗証番号が必要です）。"
        ),
        "description_en": (
            "Move-in notifications are accepted at the counter only. Sending an advance notice online "
            "shortens your visit.\n\nIf you have a My Number Card, bring it to keep it valid at your new "
            "address (you will need its PIN)."
        ),
        "applicant_types": ["self", "agent"],
        "sign_in_level": "none",
        "fee_rule": FREE,
        "processing_days": None,
        "channel": "counter_only",
        **MADOGUCHI,
        "counter_bring": (
            f"転出証明書（マイナンバーカードで転出届をした方は不要）\n世帯全員のマイナンバーカード\n{ID}\n"
            f"{PROXY}"
        ),
        "counter_bring_en": (
            "Move-out certificate (not needed if you moved out using your My Number Card)\nMy Number Cards "
            f"of everyone in the household\n{ID_EN}\n{PROXY_EN}"
        ),
        "legal_basis": "住民基本台帳法第22条",
    },
    {
        "code": "tenshutsu",
        "department": "shimin-madoguchi",
        "category": "registration",
        "title": "転出届",
        "title_en": "Move-out notification",
        "summary": (
            "市外へ引っ越すときの届出です。マイナンバーカードがあればオンラインで届け出られ、"
            "転出証明書を受け取りに来る必要がありません。"
        ),
        "summary_en": (
            "Notify us when you move out of the city. With a My Number Card you can do it online and need "
            "not collect a move-out certificate."
        ),
        "description": (
            "引越しの予定日のおおむね14日前から届け出られます。引越し後の届出も、"
            "引越し日から14日以内であれば受け付けます。\n\n国民健康保険や児童手当などを受けている方は、"
            "別に手続が必要です。"
        ),
        "description_en": (
            "You can notify us from about 14 days before your planned move, or within 14 days after moving."
            "\n\nIf you receive National Health Insurance, child allowance or similar, separate procedures "
            "are needed."
        ),
        "applicant_types": ["self", "agent"],
        "sign_in_level": "mynumber_card",
        "fee_rule": FREE,
        "processing_days": 1,
        "channel": "online_and_counter",
        **MADOGUCHI,
        "counter_bring": f"{ID}\n国民健康保険証（加入している方）\n{PROXY}",
        "counter_bring_en": f"{ID_EN}\nNational Health Insurance card (if you have one)\n{PROXY_EN}",
        "legal_basis": "住民基本台帳法第24条",
        "form_code": "tenshutsu",
    },
    {
        "code": "tenkyo",
        "department": "shimin-madoguchi",
        "category": "registration",
        "title": "転居届（市内での引越し）",
        "title_en": "Change of address within the city",
        "summary": "市内で住所が変わったときの届出です。引越し後14日以内に届け出てください。",
        "summary_en": "Notify us when you move to another address within the city, within 14 days of moving.",
        "description": (
            "オンラインで届け出た場合、マイナンバーカードの住所変更（券面の追記）は後日窓口で行います。\n\n"
            "学校の区域が変わる場合は、学校教育課から転校の案内をお送りします。"
        ),
        "description_en": (
            "If you notify us online, the address on your My Number Card is updated later at the counter.\n"
            "\nIf your children's school district changes, the School Education Division will contact you "
            "about transferring."
        ),
        "applicant_types": ["self", "agent"],
        "sign_in_level": "mynumber_card",
        "fee_rule": FREE,
        "processing_days": 1,
        "channel": "online_and_counter",
        **MADOGUCHI,
        "counter_bring": f"{ID}\n世帯全員のマイナンバーカード\n{PROXY}",
        "counter_bring_en": f"{ID_EN}\nMy Number Cards of everyone in the household\n{PROXY_EN}",
        "legal_basis": "住民基本台帳法第23条",
        "form_code": "tenkyo",
    },
    {
        "code": "shussei",
        "department": "shimin-madoguchi",
        "category": "registration",
        "title": "出生届",
        "title_en": "Birth registration",
        "summary": "子どもが生まれたら、生まれた日を含めて14日以内に届け出てください。",
        "summary_en": "Register a birth within 14 days, counting the day of birth.",
        "description": (
            "届出人は原則として父または母です。届書の右側（出生証明書）"
            "は出産に立ち会った医師または助産師が記入します。\n\n戸籍の届出のため、窓口でのみ受け付けます。"
            "時間外・休日は本庁舎の守衛室でお預かりし、翌開庁日に審査します。"
        ),
        "description_en": (
            "The father or mother normally registers the birth. The doctor or midwife who attended "
            "completes the birth certificate on the form.\n\nFamily register notifications are accepted at "
            "the counter only; outside opening hours the security office keeps them until the next business "
            "day."
        ),
        "applicant_types": ["self", "agent"],
        "sign_in_level": "none",
        "fee_rule": FREE,
        "processing_days": None,
        "channel": "counter_only",
        **KOSEKI,
        "counter_bring": f"出生届（出生証明書の記入済みのもの）\n母子健康手帳\n届出に来る方の{ID}",
        "counter_bring_en": (
            "Birth registration form with the birth certificate completed\nMaternal and Child Health "
            f"Handbook\n{ID_EN} of the person visiting"
        ),
        "legal_basis": "戸籍法第49条、第52条",
    },
    {
        "code": "konin",
        "department": "shimin-madoguchi",
        "category": "registration",
        "title": "婚姻届",
        "title_en": "Marriage registration",
        "summary": "婚姻は届け出た日に成立します。成年の証人2人の署名が必要です。",
        "summary_en": (
            "A marriage takes effect on the day it is registered. Two adult witnesses must sign the form."
        ),
        "description": (
            "届書は窓口でお渡しするほか、法務省の様式を印刷して使えます。氏が変わる方は、"
            "印鑑登録やマイナンバーカードの記載事項変更もあわせて行ってください。\n\n戸籍の届出のため、"
            "窓口でのみ受け付けます。時間外・休日は守衛室でお預かりします。"
        ),
        "description_en": (
            "Forms are available at the counter or can be printed from the Ministry of Justice template. If "
            "your surname changes, also update your seal registration and My Number Card.\n\nAccepted at "
            "the counter only; outside opening hours the security office keeps the form."
        ),
        "applicant_types": ["self"],
        "sign_in_level": "none",
        "fee_rule": FREE,
        "processing_days": None,
        "channel": "counter_only",
        **KOSEKI,
        "counter_bring": f"婚姻届（証人2人の署名のあるもの）\n届出に来る方の{ID}",
        "counter_bring_en": (
            f"Marriage registration form signed by two witnesses\n{ID_EN} of the person visiting"
        ),
        "legal_basis": "民法第739条、戸籍法第74条",
    },
    {
        "code": "shibou",
        "department": "shimin-madoguchi",
        "category": "registration",
        "title": "死亡届",
        "title_en": "Death registration",
        "summary": (
            "亡くなったことを知った日から7日以内に届け出てください。多くの場合、"
            "葬祭業者が代わりに届け出ます。"
        ),
        "summary_en": (
            "Register a death within 7 days of learning of it. Funeral directors often do this on the "
            "family's behalf."
        ),
        "description": (
            "届書の右側（死亡診断書）は医師が記入します。届出と同時に火葬許可証を交付します。\n\n"
            "時間外・休日も本庁舎の守衛室で受け付けます。"
        ),
        "description_en": (
            "The doctor completes the death certificate on the form. The cremation permit is issued at the "
            "same time.\n\nOutside opening hours the security office at the main building accepts it."
        ),
        "applicant_types": ["self", "agent"],
        "sign_in_level": "none",
        "fee_rule": FREE,
        "processing_days": None,
        "channel": "counter_only",
        **KOSEKI,
        "counter_hours": "平日 8:30〜17:15。時間外・休日は本庁舎守衛室で受け付けます。",
        "counter_hours_en": (
            "Weekdays 8:30–17:15; at other times the security office at the main building accepts it."
        ),
        "counter_bring": f"死亡届（死亡診断書の記入済みのもの）\n届出に来る方の{ID}",
        "counter_bring_en": (
            f"Death registration form with the death certificate completed\n{ID_EN} of the person visiting"
        ),
        "legal_basis": "戸籍法第86条",
    },
    {
        "code": "maisou-kyoka",
        "department": "shimin-madoguchi",
        "category": "registration",
        "title": "火葬（埋葬）許可申請",
        "title_en": "Cremation or burial permit",
        "summary": "火葬や埋葬には許可証が必要です。通常は死亡届と同時に申請します。",
        "summary_en": (
            "Cremation or burial needs a permit, normally requested together with the death registration."
        ),
        "description": (
            "火葬場の予約は葬祭業者を通じて行います。火葬後、"
            "火葬済みの証印を押した許可証が埋葬許可証になります。"
        ),
        "description_en": (
            "Book the crematorium through your funeral director. After cremation, the stamped permit serves "
            "as the burial permit."
        ),
        "applicant_types": ["self", "agent"],
        "sign_in_level": "none",
        "fee_rule": FREE,
        "processing_days": None,
        "channel": "counter_only",
        **KOSEKI,
        "counter_bring": f"死亡届と同時に申請する場合は不要\n{ID}",
        "counter_bring_en": f"Nothing extra if requested with the death registration\n{ID_EN}",
        "legal_basis": "墓地、埋葬等に関する法律第5条",
    },
    {
        "code": "inkan-touroku",
        "department": "shimin-madoguchi",
        "category": "registration",
        "title": "印鑑登録",
        "title_en": "Seal (inkan) registration",
        "summary": "実印として使う印鑑を登録し、印鑑登録証（カード）を受け取ります。",
        "summary_en": (
            "Register the seal you will use as your official seal and receive a seal registration card."
        ),
        "description": (
            "15歳以上で市に住民登録のある方が登録できます。"
            "本人が顔写真付きの本人確認書類を持って来庁すれば即日登録できます。\n\n"
            "代理人の場合や顔写真付きの書類がない場合は、照会書を郵送してからの登録になります。"
        ),
        "description_en": (
            "Anyone aged 15 or over registered as a resident can register. Registration is immediate if you "
            "come in person with photo identification.\n\nOtherwise we mail an inquiry letter to your "
            "address first."
        ),
        "applicant_types": ["self", "agent"],
        "sign_in_level": "none",
        "fee_rule": {"type": "fixed", "amount": 300},
        "processing_days": None,
        "channel": "counter_only",
        **MADOGUCHI,
        "counter_bring": f"登録する印鑑\n顔写真付きの{ID}\n{PROXY}",
        "counter_bring_en": f"The seal to register\nPhoto identification\n{PROXY_EN}",
        "legal_basis": "市印鑑条例",
    },
    {
        "code": "inkan-shomei",
        "department": "shimin-madoguchi",
        "category": "certificates",
        "title": "印鑑登録証明書の交付請求",
        "title_en": "Request a seal registration certificate",
        "summary": "登録した印鑑の証明書を請求できます。オンライン請求にはマイナンバーカードが必要です。",
        "summary_en": "Request a certificate of your registered seal. Online requests need a My Number Card.",
        "description": (
            "窓口では印鑑登録証（カード）が必要です。印鑑そのものは不要です。"
            "オンライン請求の証明書は郵送します。"
        ),
        "description_en": (
            "At the counter you need your seal registration card, not the seal itself. Certificates "
            "requested online are mailed."
        ),
        "applicant_types": ["self", "agent"],
        "sign_in_level": "mynumber_card",
        "fee_rule": _per_copy(300),
        "processing_days": 2,
        "channel": "online_and_counter",
        **MADOGUCHI,
        "counter_bring": "印鑑登録証（カード）\n請求する方の本人確認書類",
        "counter_bring_en": "Seal registration card\nIdentification of the person requesting",
        "legal_basis": "市印鑑条例、市手数料条例",
        "form_code": "inkan-shomei",
    },
    {
        "code": "koseki-shomei",
        "department": "shimin-madoguchi",
        "category": "certificates",
        "title": "戸籍謄本・抄本の交付請求",
        "title_en": "Request a copy of a family register (koseki)",
        "summary": (
            "戸籍の全部事項証明（謄本）・個人事項証明（抄本）を請求できます。"
            "本籍地が他の市区町村でも窓口で請求できます。"
        ),
        "summary_en": (
            "Request a full or individual certificate of a family register, also for registers held by "
            "other municipalities."
        ),
        "description": (
            "本籍地以外の市区町村の戸籍は、"
            "本人・配偶者・直系の親族が窓口で請求する場合に限り交付できます（広域交付）。"
        ),
        "description_en": (
            "Registers held elsewhere can be issued only to you, your spouse or lineal relatives requesting "
            "in person."
        ),
        "applicant_types": ["self", "agent"],
        "sign_in_level": "mynumber_card",
        "fee_rule": _per_copy(450),
        "required_attachments": [POWER_OF_ATTORNEY],
        "processing_days": 3,
        "channel": "online_and_counter",
        **KOSEKI,
        "counter_bring": f"{ID}\n{PROXY}",
        "counter_bring_en": f"{ID_EN}\n{PROXY_EN}",
        "legal_basis": "戸籍法第10条、第120条の2、戸籍手数料令",
    },
    {
        "code": "mynumber-card",
        "department": "shimin-madoguchi",
        "category": "registration",
        "title": "マイナンバーカードの受け取り",
        "title_en": "Collect your My Number Card",
        "summary": "交付通知書が届いたら、予約のうえ本人が受け取りに来てください。初回の交付は無料です。",
        "summary_en": (
            "When the notice arrives, book a time and collect the card in person. The first card is free."
        ),
        "description": "受け取りの際に暗証番号を設定します。15歳未満の方は法定代理人と一緒にお越しください。",
        "description_en": (
            "You set the card's PINs when collecting it. Children under 15 come with a legal guardian."
        ),
        "applicant_types": ["self"],
        "sign_in_level": "none",
        "fee_rule": FREE,
        "processing_days": None,
        "channel": "counter_only",
        **MADOGUCHI,
        "counter_bring": f"交付通知書\n{ID}\n通知カード（お持ちの方）",
        "counter_bring_en": f"The collection notice\n{ID_EN}\nNotification card (if you have one)",
        "legal_basis": "行政手続における特定の個人を識別するための番号の利用等に関する法律第17条",
    },
    {
        "code": "karinanbaa",
        "department": "shimin-madoguchi",
        "category": "registration",
        "title": "臨時運行許可（仮ナンバー）の申請",
        "title_en": "Temporary vehicle operation permit",
        "summary": "車検切れの自動車を検査場などへ運ぶための仮ナンバーを貸し出します。",
        "summary_en": (
            "Borrow temporary number plates to drive an uninspected vehicle to an inspection station."
        ),
        "description": (
            "許可期間は必要最小限（原則5日以内）です。期限から5日以内に番号標と許可証を返してください。"
        ),
        "description_en": (
            "Permits cover the shortest necessary period (normally up to 5 days). Return the plates and "
            "permit within 5 days of expiry."
        ),
        "applicant_types": ["self", "agent", "corporation"],
        "sign_in_level": "none",
        "fee_rule": {"type": "fixed", "amount": 750},
        "processing_days": None,
        "channel": "counter_only",
        **MADOGUCHI,
        "counter_bring": f"自動車検査証または抹消登録証明書\n有効期間内の自賠責保険証明書\n{ID}",
        "counter_bring_en": (
            "Vehicle inspection certificate or deregistration certificate\nValid compulsory automobile "
            f"liability insurance certificate\n{ID_EN}"
        ),
        "legal_basis": "道路運送車両法第34条",
    },
    # --- 税 -------------------------------------------------------------------------------
    {
        "code": "kazei-shomei",
        "department": "somu-zeimu",
        "category": "certificates",
        "title": "課税（所得）証明書の交付請求",
        "title_en": "Request a tax (income) certificate",
        "summary": "市・県民税の所得と税額の証明書です。児童手当や保育所、各種ローンの手続で使います。",
        "summary_en": (
            "Certificate of your income and municipal and prefectural tax, used for allowances, nursery "
            "applications and loans."
        ),
        "description": (
            "その年の1月1日に市内に住所があった方の証明を発行します。新年度の証明は6月から発行できます。"
        ),
        "description_en": (
            "Issued for those living in the city on 1 January of the year. Certificates for the new fiscal "
            "year are available from June."
        ),
        "applicant_types": ["self", "agent"],
        "sign_in_level": "mynumber_card",
        "fee_rule": _per_copy(300),
        "required_attachments": [POWER_OF_ATTORNEY],
        "processing_days": 2,
        "channel": "online_and_counter",
        **ZEIMU,
        "counter_bring": f"{ID}\n{PROXY}",
        "counter_bring_en": f"{ID_EN}\n{PROXY_EN}",
        "legal_basis": "地方税法第20条の10、市手数料条例",
        "form_code": "kazei-shomei",
    },
    {
        "code": "nozei-shomei",
        "department": "somu-shuno",
        "category": "certificates",
        "title": "納税証明書の交付請求",
        "title_en": "Request a tax payment certificate",
        "summary": "市税を納めたことや未納がないことの証明書です。軽自動車の継続検査用の証明書は無料です。",
        "summary_en": (
            "Certificate that municipal taxes have been paid. The certificate for light vehicle inspection "
            "is free."
        ),
        "description": "納付直後は納付の確認に最大2週間かかります。急ぐ場合は領収証書をお持ちください。",
        "description_en": "Payments can take up to two weeks to be confirmed; if urgent, bring your receipt.",
        "applicant_types": ["self", "agent", "corporation"],
        "sign_in_level": "mynumber_card",
        "fee_rule": _per_copy(300),
        "required_attachments": [POWER_OF_ATTORNEY],
        "processing_days": 2,
        "channel": "online_and_counter",
        **SHUNO,
        "counter_bring": f"{ID}\n{PROXY}",
        "counter_bring_en": f"{ID_EN}\n{PROXY_EN}",
        "legal_basis": "地方税法第20条の10、市手数料条例",
        "form_code": "nozei-shomei",
    },
    {
        "code": "hyoka-shomei",
        "department": "somu-zeimu",
        "category": "certificates",
        "title": "固定資産評価証明書の交付請求",
        "title_en": "Request a fixed-asset valuation certificate",
        "summary": "土地・家屋の評価額の証明書です。登記や相続の手続で使います。",
        "summary_en": (
            "Certificate of the assessed value of land and buildings, used for registration and inheritance."
        ),
        "description": (
            "所有者本人、相続人、借地・借家人などが請求できます。"
            "相続人の場合は相続関係がわかる戸籍が必要です。"
        ),
        "description_en": (
            "Owners, heirs and tenants may request it. Heirs need family-register documents showing the "
            "relationship."
        ),
        "applicant_types": ["self", "agent", "corporation"],
        "sign_in_level": "mynumber_card",
        "fee_rule": _per_copy(300),
        "required_attachments": [
            POWER_OF_ATTORNEY,
            _attachment(
                "相続関係がわかる戸籍（相続人の場合）",
                "Family register showing inheritance (for heirs)",
                required=False,
            ),
        ],
        "processing_days": 3,
        "channel": "online_and_counter",
        **ZEIMU,
        "counter_bring": f"{ID}\n{PROXY}",
        "counter_bring_en": f"{ID_EN}\n{PROXY_EN}",
        "legal_basis": "地方税法第382条の3、市手数料条例",
    },
    {
        "code": "keijidosha-haisha",
        "department": "somu-zeimu",
        "category": "tax",
        "title": "原動機付自転車・小型特殊自動車の廃車申告",
        "title_en": "Deregister a moped or small special vehicle",
        "summary": "原付バイクなどを廃車・譲渡するときは、ナンバープレートを返して申告してください。",
        "summary_en": (
            "When you scrap or transfer a moped, return its number plate and file a deregistration."
        ),
        "description": (
            "4月1日時点で登録がある車両に、その年度の軽自動車税がかかります。"
            "3月中に廃車すると翌年度は課税されません。"
        ),
        "description_en": (
            "Light vehicle tax is charged for vehicles registered on 1 April; deregister by March to avoid "
            "next year's tax."
        ),
        "applicant_types": ["self", "agent", "corporation"],
        "sign_in_level": "none",
        "fee_rule": FREE,
        "processing_days": None,
        "channel": "counter_only",
        **ZEIMU,
        "counter_bring": f"ナンバープレート\n標識交付証明書\n{ID}",
        "counter_bring_en": f"Number plate\nPlate issue certificate\n{ID_EN}",
        "legal_basis": "地方税法第463条の17、市税条例",
    },
    {
        "code": "shiminzei-shinkoku",
        "department": "somu-zeimu",
        "category": "tax",
        "title": "市・県民税の申告",
        "title_en": "Municipal and prefectural tax return",
        "summary": (
            "確定申告をしない方で、給与以外の所得がある方などは、"
            "3月15日までに市・県民税の申告をしてください。"
        ),
        "summary_en": (
            "If you do not file a national tax return but have income other than salary, file a municipal "
            "tax return by 15 March."
        ),
        "description": (
            "所得がなかった方も、国民健康保険料の軽減や各種手当の判定のため申告が必要な場合があります。"
        ),
        "description_en": (
            "Even with no income, a return may be needed to qualify for insurance reductions and allowances."
        ),
        "applicant_types": ["self", "agent"],
        "sign_in_level": "mynumber_card",
        "fee_rule": FREE,
        "required_attachments": [
            _attachment("収入がわかる書類（源泉徴収票など）", "Proof of income (e.g. withholding slip)"),
            _attachment(
                "控除を受ける書類（保険料の証明など）",
                "Proof of deductions (e.g. insurance premiums)",
                required=False,
            ),
        ],
        "processing_days": None,
        "channel": "online_and_counter",
        **ZEIMU,
        "counter_bring": f"{ID}\n収入と控除がわかる書類",
        "counter_bring_en": f"{ID_EN}\nProof of income and deductions",
        "legal_basis": "地方税法第317条の2、市税条例",
    },
    {
        "code": "koza-furikae",
        "department": "somu-shuno",
        "category": "tax",
        "title": "市税等の口座振替の申込み",
        "title_en": "Pay municipal taxes by direct debit",
        "summary": "市・県民税、固定資産税、軽自動車税、国民健康保険税を口座から自動で納められます。",
        "summary_en": (
            "Pay municipal, property, light vehicle and health insurance taxes automatically from your bank "
            "account."
        ),
        "description": (
            "オンラインではキャッシュカードで金融機関の認証を行います。振替開始まで1〜2か月かかります。"
        ),
        "description_en": (
            "Online, your bank authenticates you with your cash card. Direct debit starts one to two months "
            "later."
        ),
        "applicant_types": ["self", "corporation"],
        "sign_in_level": "account",
        "fee_rule": FREE,
        "processing_days": None,
        "channel": "online_and_counter",
        **SHUNO,
        "counter_bring": "通帳とお届け印（金融機関の窓口でも申し込めます）",
        "counter_bring_en": "Bankbook and the seal registered with the bank (you can also apply at the bank)",
        "legal_basis": "市税条例",
    },
    # --- 子育て・教育 ------------------------------------------------------------------------
    {
        "code": "jidou-teate-nintei",
        "requires_decision": True,
        "department": "kodomo-seisaku",
        "category": "children",
        "title": "児童手当 認定請求",
        "title_en": "Apply for child allowance",
        "summary": (
            "高校生年代までの子どもを養育している方が受け取れる手当です。"
            "出生や転入の翌日から15日以内に請求してください。"
        ),
        "summary_en": (
            "An allowance for those raising children up to high-school age. Apply within 15 days of a birth "
            "or move-in."
        ),
        "description": (
            "原則として、所得が高い方の親が請求者になります。公務員の方は勤務先で請求します。\n\n"
            "請求が遅れると、遅れた月の分は受け取れません。"
        ),
        "description_en": (
            "The parent with the higher income normally applies. Public servants apply through their "
            "employer.\n\nLate applications lose the months before the application."
        ),
        "applicant_types": ["self"],
        "sign_in_level": "mynumber_card",
        "fee_rule": FREE,
        "required_attachments": [
            _attachment(
                "請求者名義の振込先口座がわかるもの", "Details of a bank account in the applicant's name"
            ),
            _attachment(
                "別居している子どもの監護の申立書（該当する方）",
                "Statement of custody for a child living apart (if any)",
                required=False,
            ),
        ],
        "processing_days": 10,
        "channel": "online_and_counter",
        **KODOMO_SEISAKU,
        "counter_bring": f"{ID}\n請求者名義の通帳またはキャッシュカード",
        "counter_bring_en": f"{ID_EN}\nBankbook or cash card in the applicant's name",
        "legal_basis": "児童手当法第7条",
        "form_code": "jidou-teate-nintei",
    },
    {
        "code": "jidou-fuyou-teate",
        "department": "kodomo-seisaku",
        "category": "children",
        "title": "児童扶養手当 認定請求",
        "title_en": "Apply for child-rearing allowance (single parents)",
        "summary": (
            "ひとり親家庭などの生活の安定のための手当です。事情をうかがうため、"
            "窓口で相談のうえ請求してください。"
        ),
        "summary_en": (
            "An allowance to support single-parent families. Please apply at the counter after a "
            "consultation."
        ),
        "description": (
            "所得や公的年金の受給状況によって手当額が決まります。予約をすると待たずに相談できます。"
        ),
        "description_en": (
            "The amount depends on income and any public pension. Book an appointment to avoid waiting."
        ),
        "applicant_types": ["self"],
        "sign_in_level": "none",
        "fee_rule": FREE,
        "processing_days": 30,
        "channel": "counter_only",
        **KODOMO_SEISAKU,
        "counter_bring": f"{ID}\n請求者と子どもの戸籍謄本\n請求者名義の通帳",
        "counter_bring_en": (
            f"{ID_EN}\nFamily register of the applicant and children\nBankbook in the applicant's name"
        ),
        "legal_basis": "児童扶養手当法第6条",
    },
    {
        "code": "kodomo-iryouhi",
        "department": "kodomo-seisaku",
        "category": "children",
        "title": "こども医療費助成（受給者証）の申請",
        "title_en": "Apply for children's medical expense subsidy",
        "summary": (
            "高校生年代までの子どもの医療費の自己負担を助成します。受給者証を医療機関に見せてください。"
        ),
        "summary_en": (
            "Subsidises medical costs for children up to high-school age. Show the subsidy card at the "
            "clinic."
        ),
        "description": "出生・転入のときに申請してください。受給者証は郵送します。",
        "description_en": "Apply at birth or when you move in. The subsidy card is mailed to you.",
        "applicant_types": ["self"],
        "sign_in_level": "mynumber_card",
        "fee_rule": FREE,
        "required_attachments": [
            _attachment("子どもの健康保険の資格がわかるもの", "Proof of the child's health insurance")
        ],
        "processing_days": 7,
        "channel": "online_and_counter",
        **KODOMO_SEISAKU,
        "counter_bring": f"{ID}\n子どもの健康保険の資格確認書など",
        "counter_bring_en": f"{ID_EN}\nProof of the child's health insurance",
        "legal_basis": "市こども医療費助成条例",
        "form_code": "kodomo-iryouhi",
    },
    {
        "code": "hoikusho-moushikomi",
        "department": "kodomo-hoiku",
        "category": "children",
        "title": "保育所等の入所申込み",
        "title_en": "Apply for a nursery place",
        "summary": (
            "保護者の就労や病気などで家庭で保育できないとき、保育所・認定こども園などの利用を申し込めます。"
        ),
        "summary_en": (
            "Apply for a place at a nursery or early-childhood centre when you cannot look after your child "
            "at home."
        ),
        "description": (
            "毎月10日までの申込みを翌月の入所の利用調整（選考）に使います。"
            "4月入所は前年の秋に一斉受付をします。\n\n結果は利用調整の後に郵送でお知らせします。"
        ),
        "description_en": (
            "Applications received by the 10th are considered for the following month. April admissions are "
            "taken together in the autumn before.\n\nResults are mailed after selection."
        ),
        "applicant_types": ["self"],
        "sign_in_level": "mynumber_card",
        "fee_rule": FREE,
        "required_attachments": [
            _attachment(
                "保育が必要なことがわかる書類（就労証明書など）",
                "Proof of need for childcare (e.g. employment certificate)",
            ),
            _attachment(
                "課税（所得）証明書（1月1日に市外に住んでいた方）",
                "Tax certificate (if you lived elsewhere on 1 January)",
                required=False,
            ),
        ],
        "processing_days": None,
        "channel": "online_and_counter",
        **HOIKU,
        "counter_bring": f"{ID}\n就労証明書など保育が必要なことがわかる書類",
        "counter_bring_en": f"{ID_EN}\nProof of need for childcare",
        "legal_basis": "子ども・子育て支援法第20条、児童福祉法第24条",
        "form_code": "hoikusho-moushikomi",
    },
    {
        "code": "gakudo",
        "department": "kodomo-katei",
        "category": "children",
        "title": "放課後児童クラブ（学童保育）の利用申込み",
        "title_en": "Apply for after-school childcare",
        "summary": "保護者が昼間家庭にいない小学生を、放課後や長期休業中に預かります。",
        "summary_en": (
            "After-school and holiday care for primary-school children whose parents are out during the day."
        ),
        "description": "利用料（月額）がかかります。4月からの利用は1月に一斉受付をします。",
        "description_en": "A monthly fee applies. Applications for April are taken together in January.",
        "applicant_types": ["self"],
        "sign_in_level": "account",
        "fee_rule": FREE,
        "required_attachments": [_attachment("就労証明書など", "Employment certificate or similar")],
        "processing_days": 15,
        "channel": "online_and_counter",
        **KODOMO_KATEI,
        "counter_bring": f"{ID}\n就労証明書",
        "counter_bring_en": f"{ID_EN}\nEmployment certificate",
        "legal_basis": "児童福祉法第6条の3第2項、市放課後児童健全育成事業条例",
    },
    {
        "code": "tennyugaku",
        "department": "kyoiku-gakko",
        "category": "children",
        "title": "市立小・中学校の入学・転校の手続",
        "title_en": "Enrol in or transfer to a city primary or junior high school",
        "summary": (
            "転入・転居で市立小・中学校に入学・転校するときは、"
            "住所の届出の後に学校教育課で通知書を受け取ってください。"
        ),
        "summary_en": (
            "After notifying your new address, collect the school admission notice from the School "
            "Education Division."
        ),
        "description": "前の学校でもらった在学証明書と教科書給与証明書を、新しい学校に持って行ってください。",
        "description_en": (
            "Take the certificate of enrolment and textbook certificate from the previous school to the new "
            "one."
        ),
        "applicant_types": ["self"],
        "sign_in_level": "none",
        "fee_rule": FREE,
        "processing_days": None,
        "channel": "counter_only",
        **GAKKO,
        "counter_bring": "在学証明書と教科書給与証明書（市外から転校する場合）\n保護者の本人確認書類",
        "counter_bring_en": (
            "Certificate of enrolment and textbook certificate (if transferring from outside the city)\n"
            "Parent's identification"
        ),
        "legal_basis": "学校教育法施行令第5条、第12条",
    },
    {
        "code": "shugaku-enjo",
        "requires_decision": True,
        "department": "kyoiku-gakko",
        "category": "children",
        "title": "就学援助の申請",
        "title_en": "Apply for school expense assistance",
        "summary": "経済的な理由でお困りの家庭に、学用品費や給食費などを援助します。",
        "summary_en": (
            "Help with school supplies, lunches and other school costs for families with financial "
            "difficulties."
        ),
        "description": "所得の基準があります。年度の途中でも申請できます。",
        "description_en": "Income limits apply. You can apply at any time during the school year.",
        "applicant_types": ["self"],
        "sign_in_level": "mynumber_card",
        "fee_rule": FREE,
        "processing_days": 20,
        "channel": "online_and_counter",
        **GAKKO,
        "counter_bring": f"{ID}\n保護者名義の通帳",
        "counter_bring_en": f"{ID_EN}\nBankbook in the parent's name",
        "legal_basis": "学校教育法第19条",
    },
    # --- 健康・保険・年金 --------------------------------------------------------------------
    {
        "code": "ninshin-todoke",
        "department": "kenko-zoshin",
        "category": "health",
        "title": "妊娠届（母子健康手帳の交付）",
        "title_en": "Pregnancy notification and Maternal and Child Health Handbook",
        "summary": (
            "妊娠がわかったら届け出てください。保健師との面談のうえ、"
            "母子健康手帳と妊婦健診の受診票をお渡しします。"
        ),
        "summary_en": (
            "Notify us of your pregnancy. After a talk with a public health nurse you receive the handbook "
            "and check-up vouchers."
        ),
        "description": "面談に30分ほどかかります。予約をおすすめします。",
        "description_en": "The interview takes about 30 minutes; booking is recommended.",
        "applicant_types": ["self", "agent"],
        "sign_in_level": "none",
        "fee_rule": FREE,
        "processing_days": None,
        "channel": "counter_only",
        **HOKEN_CENTER,
        "counter_bring": f"妊婦のマイナンバーがわかるもの\n{ID}",
        "counter_bring_en": f"Proof of the expectant mother's individual number\n{ID_EN}",
        "legal_basis": "母子保健法第15条、第16条",
    },
    {
        "code": "yobou-sesshu",
        "department": "kenko-zoshin",
        "category": "health",
        "title": "予防接種予診票の交付申請",
        "title_en": "Request vaccination forms",
        "summary": "転入した方や予診票をなくした方に、定期予防接種の予診票を送ります。",
        "summary_en": "We send routine vaccination forms to new residents and to anyone who has lost them.",
        "description": "転入前に受けた接種の記録がわかるよう、母子健康手帳の接種記録を入力してください。",
        "description_en": (
            "Enter the vaccinations already given, from the Maternal and Child Health Handbook."
        ),
        "applicant_types": ["self"],
        "sign_in_level": "account",
        "fee_rule": FREE,
        "processing_days": 5,
        "channel": "online_and_counter",
        **HOKEN_CENTER,
        "counter_bring": "母子健康手帳",
        "counter_bring_en": "Maternal and Child Health Handbook",
        "legal_basis": "予防接種法第5条",
    },
    {
        "code": "kokuho-kanyu-dattai",
        "department": "shimin-kokuho",
        "category": "health",
        "title": "国民健康保険の加入・脱退",
        "title_en": "Join or leave National Health Insurance",
        "summary": (
            "会社の健康保険をやめたときや転入したときは加入、"
            "会社の健康保険に入ったときは脱退の届出をしてください。14日以内に届け出てください。"
        ),
        "summary_en": (
            "Join when you leave an employer's insurance or move in; leave when you join an employer's "
            "insurance. Notify us within 14 days."
        ),
        "description": (
            "加入の届出が遅れても、保険税は資格を得た月までさかのぼって納めることになります。"
            "脱退の届出をしないと、保険税が二重にかかることがあります。"
        ),
        "description_en": (
            "Late joiners still pay premiums back to the month they became eligible. Without a leaving "
            "notice you may pay twice."
        ),
        "applicant_types": ["self", "agent"],
        "sign_in_level": "mynumber_card",
        "fee_rule": FREE,
        "required_attachments": [
            _attachment(
                "健康保険の資格喪失（取得）がわかる書類",
                "Proof of leaving (or joining) an employer's health insurance",
            ),
        ],
        "processing_days": 5,
        "channel": "online_and_counter",
        **KOKUHO,
        "counter_bring": (
            f"{ID}\n健康保険の資格喪失証明書（加入の場合）または新しい保険の資格確認書（脱退の場合）"
        ),
        "counter_bring_en": (
            f"{ID_EN}\nCertificate of loss of insurance (to join) or proof of new insurance (to leave)"
        ),
        "legal_basis": "国民健康保険法第9条",
        "form_code": "kokuho-kanyu-dattai",
    },
    {
        "code": "kogaku-ryoyohi",
        "department": "shimin-kokuho",
        "category": "health",
        "title": "国民健康保険 高額療養費の支給申請",
        "title_en": "Claim high-cost medical expense benefit (National Health Insurance)",
        "summary": (
            "1か月の医療費の自己負担が限度額を超えたとき、超えた分を支給します。"
            "対象の方には申請書をお送りします。"
        ),
        "summary_en": (
            "Refunds the part of a month's medical costs above the limit. Eligible people receive a claim "
            "form."
        ),
        "description": "診療を受けた月の翌月の初日から2年で時効になります。",
        "description_en": "Claims expire two years after the first day of the month following treatment.",
        "applicant_types": ["self", "agent"],
        "sign_in_level": "mynumber_card",
        "fee_rule": FREE,
        "required_attachments": [_attachment("医療機関の領収書", "Receipts from the medical institutions")],
        "processing_days": 40,
        "channel": "online_and_counter",
        **KOKUHO,
        "counter_bring": f"{ID}\n医療機関の領収書\n世帯主名義の通帳",
        "counter_bring_en": f"{ID_EN}\nMedical receipts\nBankbook of the head of household",
        "legal_basis": "国民健康保険法第57条の2",
    },
    {
        "code": "koki-korei",
        "department": "shimin-kokuho",
        "category": "health",
        "title": "後期高齢者医療の届出",
        "title_en": "Late-stage elderly medical care notifications",
        "summary": (
            "75歳以上の方（一定の障がいがある65歳以上の方）の医療保険です。"
            "転入・転出・死亡のときに届出が必要です。"
        ),
        "summary_en": (
            "Medical insurance for people aged 75 and over. Notify us when moving in or out, or on death."
        ),
        "description": (
            "75歳になる方は手続不要で、誕生月に資格確認書をお送りします。"
            "亡くなった方の葬祭費の申請もここで受け付けます。"
        ),
        "description_en": (
            "No action is needed on turning 75. Funeral expense claims for the deceased are also handled "
            "here."
        ),
        "applicant_types": ["self", "agent"],
        "sign_in_level": "none",
        "fee_rule": FREE,
        "processing_days": None,
        "channel": "counter_only",
        **KOKUHO,
        "counter_bring": f"{ID}\n資格確認書\n負担区分等証明書（県外から転入した方）",
        "counter_bring_en": (
            f"{ID_EN}\nEligibility certificate\nCertificate of co-payment category (if moving from another "
            "prefecture)"
        ),
        "legal_basis": "高齢者の医療の確保に関する法律第52条、第54条",
    },
    {
        "code": "kokumin-nenkin",
        "department": "shimin-kokuho",
        "category": "health",
        "title": "国民年金の加入・種別変更",
        "title_en": "Join the National Pension or change category",
        "summary": (
            "20歳以上60歳未満で、会社をやめた方や自営業の方は国民年金の第1号被保険者の届出をしてください。"
        ),
        "summary_en": (
            "People aged 20–59 who leave an employer or are self-employed must register as category 1 "
            "National Pension members."
        ),
        "description": "保険料の納付が難しい方は、免除・納付猶予も申請できます。",
        "description_en": (
            "If paying contributions is difficult, you can also apply for exemption or postponement."
        ),
        "applicant_types": ["self", "agent"],
        "sign_in_level": "mynumber_card",
        "fee_rule": FREE,
        "required_attachments": [
            _attachment("退職日がわかる書類", "Proof of the date you left your job", required=False)
        ],
        "processing_days": None,
        "channel": "online_and_counter",
        **KOKUHO,
        "counter_bring": f"{ID}\n基礎年金番号がわかるもの",
        "counter_bring_en": f"{ID_EN}\nYour basic pension number",
        "legal_basis": "国民年金法第12条",
    },
    # --- 福祉・介護 ----------------------------------------------------------------------------
    {
        "code": "kaigo-nintei",
        "department": "fukushi-kaigo",
        "category": "welfare",
        "title": "介護保険 要介護・要支援認定の申請",
        "title_en": "Apply for long-term care need certification",
        "summary": (
            "介護サービスを使うには、要介護（要支援）認定が必要です。"
            "本人・家族・ケアマネジャーが申請できます。"
        ),
        "summary_en": (
            "Long-term care services need a care-level certification. The person, family or a care manager "
            "may apply."
        ),
        "description": (
            "申請後、調査員が訪問して心身の状況を調べ、主治医の意見書とあわせて審査します。"
            "結果は原則30日以内にお知らせします。"
        ),
        "description_en": (
            "An assessor visits, and the results are reviewed with your doctor's opinion. You are normally "
            "told within 30 days."
        ),
        "applicant_types": ["self", "agent"],
        "sign_in_level": "mynumber_card",
        "fee_rule": FREE,
        "required_attachments": [
            _attachment("介護保険被保険者証", "Long-term care insurance card"),
            _attachment(
                "医療保険の資格確認書（40〜64歳の方）", "Health insurance card (ages 40–64)", required=False
            ),
        ],
        "processing_days": 22,
        "channel": "online_and_counter",
        **KAIGO,
        "counter_bring": f"介護保険被保険者証\n{ID}\n主治医の氏名と医療機関がわかるもの",
        "counter_bring_en": f"Long-term care insurance card\n{ID_EN}\nName and clinic of your regular doctor",
        "legal_basis": "介護保険法第27条、第32条",
    },
    {
        "code": "shogai-service",
        "department": "fukushi-shogai",
        "category": "welfare",
        "title": "障がい福祉サービスの利用申請",
        "title_en": "Apply for disability welfare services",
        "summary": "居宅介護、就労支援、短期入所などの障がい福祉サービスを使うための申請です。",
        "summary_en": (
            "Apply to use disability services such as home help, employment support and short stays."
        ),
        "description": (
            "申請の後、聞き取り調査とサービス等利用計画の作成を経て支給を決定します。まずはご相談ください。"
        ),
        "description_en": (
            "After an interview and a service plan, we decide the services provided. Please consult us first."
        ),
        "applicant_types": ["self", "agent"],
        "sign_in_level": "none",
        "fee_rule": FREE,
        "processing_days": 30,
        "channel": "counter_only",
        **SHOGAI,
        "counter_bring": f"障害者手帳（お持ちの方）\n{ID}",
        "counter_bring_en": f"Disability certificate (if you have one)\n{ID_EN}",
        "legal_basis": "障害者の日常生活及び社会生活を総合的に支援するための法律第20条",
    },
    {
        "code": "shintai-techo",
        "department": "fukushi-shogai",
        "category": "welfare",
        "title": "身体障害者手帳の交付申請",
        "title_en": "Apply for a physical disability certificate",
        "summary": "身体に障がいのある方が、各種の福祉サービスや減免を受けるための手帳です。",
        "summary_en": (
            "A certificate giving access to welfare services and reductions for people with physical "
            "disabilities."
        ),
        "description": "指定医の診断書が必要です。県の審査を経て交付するため、1〜2か月かかります。",
        "description_en": (
            "A designated doctor's report is required. The prefecture reviews it, so issuing takes one to "
            "two months."
        ),
        "applicant_types": ["self", "agent"],
        "sign_in_level": "none",
        "fee_rule": FREE,
        "processing_days": 40,
        "channel": "counter_only",
        **SHOGAI,
        "counter_bring": f"指定医の診断書・意見書\n顔写真（縦4cm×横3cm）\n{ID}",
        "counter_bring_en": f"Designated doctor's report\nPhoto (4 cm × 3 cm)\n{ID_EN}",
        "legal_basis": "身体障害者福祉法第15条",
    },
    {
        "code": "seikatsu-hogo",
        "department": "fukushi-shakai",
        "category": "welfare",
        "title": "生活保護の相談・申請",
        "title_en": "Public assistance (seikatsu hogo)",
        "summary": "生活に困ったときは、まずご相談ください。申請は誰でもできます。",
        "summary_en": "If you are struggling to make ends meet, talk to us first. Anyone may apply.",
        "description": (
            "申請から原則14日以内（調査に日数がかかる場合は30日以内）に決定します。"
            "相談の内容は秘密を守ります。"
        ),
        "description_en": (
            "A decision is normally made within 14 days of application (30 days if investigation takes "
            "longer). Consultations are confidential."
        ),
        "applicant_types": ["self", "agent"],
        "sign_in_level": "none",
        "fee_rule": FREE,
        "processing_days": 10,
        "channel": "counter_only",
        **FUKUSHI,
        "counter_bring": "本人確認書類（なくても相談できます）\n通帳、収入がわかるもの（お持ちの方）",
        "counter_bring_en": (
            "Identification (you can consult without it)\nBankbooks and proof of income (if available)"
        ),
        "legal_basis": "生活保護法第7条、第24条",
    },
    {
        "code": "kinkyu-tsuho",
        "department": "fukushi-korei",
        "category": "welfare",
        "title": "高齢者緊急通報システムの利用申請",
        "title_en": "Emergency alarm service for older people",
        "summary": "ひとり暮らしの高齢者の自宅に、ボタンひとつで通報できる装置を設置します。",
        "summary_en": "A push-button alarm installed at home for older people living alone.",
        "description": (
            "65歳以上のひとり暮らしの方などが対象です。協力員（近所の方など）2人の登録が必要です。"
        ),
        "description_en": (
            "For people aged 65 and over living alone. Two neighbours or friends must agree to be contacts."
        ),
        "applicant_types": ["self", "agent"],
        "sign_in_level": "account",
        "fee_rule": FREE,
        "processing_days": 15,
        "channel": "online_and_counter",
        **KOREI,
        "counter_bring": f"{ID}\n協力員の氏名と連絡先",
        "counter_bring_en": f"{ID_EN}\nNames and contact details of the two contacts",
        "legal_basis": "老人福祉法第10条の3",
    },
    # --- くらし・ごみ -------------------------------------------------------------------------
    {
        "code": "sodai-gomi",
        "department": "shimin-kankyo",
        "category": "living",
        "title": "粗大ごみ収集の申込み",
        "title_en": "Book a bulky waste collection",
        "summary": (
            "家具や自転車など、指定袋に入らない大きなごみの戸別収集を申し込めます。1点につき1,000円です。"
        ),
        "summary_en": (
            "Book a collection at your door for furniture, bicycles and other large items. 1,000 yen per "
            "item."
        ),
        "description": (
            "申込みの後、収集日をお知らせします。収集日の朝8時30分までに、"
            "玄関先など指定の場所に出してください。\n\n"
            "エアコン・テレビ・冷蔵庫・洗濯機は家電リサイクル法の対象のため収集できません。"
        ),
        "description_en": (
            "After booking, we tell you the collection date. Put the items out by 8:30 on that morning.\n\n"
            "Air conditioners, TVs, refrigerators and washing machines are covered by the appliance "
            "recycling law and cannot be collected."
        ),
        "applicant_types": ["self", "agent"],
        "sign_in_level": "account",
        "fee_rule": {
            "type": "per_unit",
            "unit_price": 1000,
            "unit_field": "items",
            "unit_label": "点",
            "unit_label_en": "item",
        },
        "processing_days": 5,
        "channel": "online",
        "legal_basis": "廃棄物の処理及び清掃に関する法律第6条の2、市廃棄物の処理及び清掃に関する条例",
        "form_code": "sodai-gomi",
    },
    {
        "code": "inu-touroku",
        "department": "shimin-kankyo",
        "category": "living",
        "title": "犬の登録",
        "title_en": "Register a dog",
        "summary": "生後91日以上の犬を飼い始めたら、30日以内に登録してください。登録は犬の一生に一度です。",
        "summary_en": (
            "Register a dog aged 91 days or more within 30 days of getting it. A dog is registered once in "
            "its life."
        ),
        "description": (
            "登録すると鑑札を交付します。市外で登録済みの犬を連れて転入した場合は、"
            "所在地の変更の届出をしてください（手数料はかかりません）。"
        ),
        "description_en": (
            "A licence tag is issued on registration. If you move in with a dog registered elsewhere, "
            "notify the change of location (no fee)."
        ),
        "applicant_types": ["self", "corporation"],
        "sign_in_level": "account",
        "fee_rule": {"type": "fixed", "amount": 3000},
        "required_attachments": [_attachment("狂犬病予防注射済証", "Rabies vaccination certificate")],
        "processing_days": 5,
        "channel": "online_and_counter",
        **KANKYO,
        "counter_bring": "狂犬病予防注射済証\n前の市区町村の鑑札（転入の場合）",
        "counter_bring_en": "Rabies vaccination certificate\nPrevious licence tag (if moving in)",
        "legal_basis": "狂犬病予防法第4条",
        "form_code": "inu-touroku",
    },
    {
        "code": "kyokenbyo-chusha",
        "department": "shimin-kankyo",
        "category": "living",
        "title": "狂犬病予防注射済票の交付",
        "title_en": "Rabies vaccination tag",
        "summary": (
            "毎年度1回の狂犬病予防注射の後、注射済票を交付します。市内の協力動物病院でも受け取れます。"
        ),
        "summary_en": (
            "After the yearly rabies vaccination we issue a tag; partner veterinary clinics in the city can "
            "issue it too."
        ),
        "description": "4月〜6月の集合注射の会場では、注射と同時に注射済票を交付します。",
        "description_en": "At the group vaccinations in April–June, the tag is issued on the spot.",
        "applicant_types": ["self", "corporation"],
        "sign_in_level": "none",
        "fee_rule": {"type": "fixed", "amount": 550},
        "processing_days": None,
        "channel": "counter_only",
        **KANKYO,
        "counter_bring": "動物病院が発行した狂犬病予防注射済証",
        "counter_bring_en": "Rabies vaccination certificate from the veterinary clinic",
        "legal_basis": "狂犬病予防法第5条",
    },
    {
        "code": "inu-shibou",
        "department": "shimin-kankyo",
        "category": "living",
        "title": "犬の死亡届",
        "title_en": "Report the death of a dog",
        "summary": "登録している犬が死亡したときは、30日以内に届け出てください。",
        "summary_en": "Report the death of a registered dog within 30 days.",
        "description": "鑑札と注射済票の返却は不要です。",
        "description_en": "You need not return the licence tag or vaccination tag.",
        "applicant_types": ["self", "corporation"],
        "sign_in_level": "account",
        "fee_rule": FREE,
        "processing_days": None,
        "channel": "online",
        "legal_basis": "狂犬病予防法第4条第4項、狂犬病予防法施行令第5条",
    },
    {
        "code": "gesuido-shiyou",
        "department": "toshi-gesuido",
        "category": "living",
        "title": "公共下水道の使用開始・中止の届出",
        "title_en": "Start or stop using the public sewer",
        "summary": (
            "引越しなどで下水道の使用を始めるとき・やめるときに届け出てください。"
            "使用料は水道の使用量をもとに計算します。"
        ),
        "summary_en": (
            "Notify us when you start or stop using the sewer, for example when moving. Charges follow your "
            "water use."
        ),
        "description": "水道の開栓・閉栓は水道事業者に別に連絡してください。",
        "description_en": "Contact the water utility separately to turn the water supply on or off.",
        "applicant_types": ["self", "corporation"],
        "sign_in_level": "account",
        "fee_rule": FREE,
        "processing_days": None,
        "channel": "online",
        "legal_basis": "下水道法第11条の2、市下水道条例",
    },
    {
        "code": "doro-furyai",
        "department": "toshi-doro",
        "category": "living",
        "title": "道路・街灯の不具合の連絡",
        "title_en": "Report a road or streetlight problem",
        "summary": "道路の穴・段差、カーブミラーの破損、街灯の不点灯などを、場所と写真で知らせてください。",
        "summary_en": (
            "Report potholes, damaged mirrors, broken streetlights and similar, with the location and a "
            "photo."
        ),
        "description": (
            "ログインせずに連絡できます。国道・県道の場合は管理者に引き継ぎます。"
            "危険が迫っている場合は電話でご連絡ください。"
        ),
        "description_en": (
            "No sign-in needed. Problems on national or prefectural roads are passed to their managers. If "
            "there is immediate danger, please phone."
        ),
        "applicant_types": ["self", "agent", "corporation"],
        "sign_in_level": "none",
        "fee_rule": FREE,
        "required_attachments": [_attachment("現場の写真", "Photo of the site", required=False)],
        "processing_days": None,
        "channel": "online",
        "legal_basis": "道路法第42条",
    },
    {
        "code": "risai-shomei",
        "department": "shimin-bosai",
        "category": "certificates",
        "title": "罹災証明書の交付申請",
        "title_en": "Apply for a disaster damage certificate",
        "summary": (
            "台風・大雨・地震などで住まいが被害を受けたとき、被害の程度を証明します。"
            "支援金や保険の手続に使います。"
        ),
        "summary_en": (
            "Certifies the extent of damage to your home from typhoons, floods or earthquakes, for support "
            "payments and insurance."
        ),
        "description": "片付けの前に、被害の状況を写真に撮っておいてください。現地調査の後に交付します。",
        "description_en": (
            "Photograph the damage before clearing up. The certificate is issued after an on-site survey."
        ),
        "applicant_types": ["self", "agent"],
        "sign_in_level": "mynumber_card",
        "fee_rule": FREE,
        "required_attachments": [_attachment("被害状況の写真", "Photos of the damage")],
        "processing_days": 20,
        "channel": "online_and_counter",
        **_counter("2階", "交通防災課", "2nd floor", "Traffic Safety and Disaster Prevention Division"),
        "counter_bring": f"{ID}\n被害状況の写真",
        "counter_bring_en": f"{ID_EN}\nPhotos of the damage",
        "legal_basis": "災害対策基本法第90条の2",
    },
    {
        "code": "shiei-jutaku",
        "department": "toshi-keikaku",
        "category": "living",
        "title": "市営住宅の入居申込み",
        "title_en": "Apply for municipal housing",
        "summary": (
            "住宅に困っている所得の低い方向けの市営住宅です。空き住戸があるとき、募集期間に申し込めます。"
        ),
        "summary_en": (
            "Municipal housing for low-income households in housing need. Apply during an advertised "
            "application period."
        ),
        "description": "募集は年4回です。申込みが多い場合は抽選で入居者を決めます。",
        "description_en": (
            "Vacancies are advertised four times a year; a lottery decides when there are more applicants "
            "than homes."
        ),
        "applicant_types": ["self"],
        "sign_in_level": "none",
        "fee_rule": FREE,
        "processing_days": None,
        "channel": "counter_only",
        **TOSHI,
        "counter_bring": f"入居申込書\n世帯全員の住民票の写し\n課税（所得）証明書\n{ID}",
        "counter_bring_en": (
            f"Application form\nResidence records of all household members\nTax (income) certificate\n{ID_EN}"
        ),
        "legal_basis": "公営住宅法第25条、市営住宅条例",
    },
    # --- 施設・予約 / 相談 ----------------------------------------------------------------------
    {
        "code": "toshokan-touroku",
        "department": "kyoiku-shogai",
        "category": "facilities",
        "title": "図書館の利用登録",
        "title_en": "Library registration",
        "summary": (
            "市内に住む・通勤・通学する方は、図書館の利用カードを作れます。オンラインで仮登録し、"
            "初回来館時にカードを受け取ります。"
        ),
        "summary_en": (
            "Anyone living, working or studying in the city can get a library card. Pre-register online and "
            "collect it on your first visit."
        ),
        "description": "カードの有効期間は3年です。住所が変わったときはお知らせください。",
        "description_en": "Cards are valid for three years. Please tell us when your address changes.",
        "applicant_types": ["self"],
        "sign_in_level": "none",
        "fee_rule": FREE,
        "processing_days": None,
        "channel": "online_and_counter",
        "counter_place": "市立中央図書館 カウンター",
        "counter_place_en": "Central Library counter",
        "counter_hours": "火〜日曜 9:30〜19:00（月曜・館内整理日・年末年始は休館）",
        "counter_hours_en": (
            "Tuesday–Sunday 9:30–19:00 (closed on Mondays, stock-taking days and over the New Year)"
        ),
        "counter_bring": "住所が確認できる本人確認書類",
        "counter_bring_en": "Identification showing your address",
        "legal_basis": "図書館法第17条、市立図書館条例",
    },
    {
        "code": "shisetsu-shiyou",
        "department": "kyoiku-shogai",
        "category": "facilities",
        "title": "公共施設（公民館・体育館等）の使用申請",
        "title_en": "Book a public facility (community centre, gym, etc.)",
        "summary": (
            "公民館の会議室や体育館を、空き状況を見て予約できます。"
            "使用料は1時間につき500円です（部屋により異なります）。"
        ),
        "summary_en": (
            "Book community centre rooms or gyms when available. 500 yen per hour (varies by room)."
        ),
        "description": (
            "使用日の2か月前の1日から申し込めます。営利目的の使用は料金が異なります。\n\n使用許可の後、"
            "使用日の前日までに使用料を納めてください。"
        ),
        "description_en": (
            "Bookings open on the 1st of the month two months ahead. Commercial use is charged differently."
            "\n\nPay the fee by the day before once the booking is approved."
        ),
        "applicant_types": ["self", "corporation"],
        "sign_in_level": "account",
        "fee_rule": {
            "type": "per_unit",
            "unit_price": 500,
            "unit_field": "hours",
            "unit_label": "時間",
            "unit_label_en": "hour",
        },
        "processing_days": 3,
        "channel": "online_and_counter",
        "counter_place": "各公民館の事務室、または市役所本庁舎4階 生涯学習課",
        "counter_place_en": (
            "The office of each community centre, or the Lifelong Learning Division, 4th floor, City Hall"
        ),
        "counter_hours": "9:00〜17:00（施設の休館日を除く）",
        "counter_hours_en": "9:00–17:00 (except the facility's closing days)",
        "counter_bring": "団体で使う場合は団体登録証",
        "counter_bring_en": "Group registration card (for groups)",
        "legal_basis": "地方自治法第244条、第244条の2、市公民館条例",
        "form_code": "shisetsu-shiyou",
    },
    {
        "code": "soudan-yoyaku",
        "department": "koshitsu-hisho",
        "category": "consultation",
        "title": "各種相談の予約（法律・行政・消費生活）",
        "title_en": "Book a consultation (legal, administrative, consumer)",
        "summary": (
            "弁護士による法律相談、行政相談、消費生活相談などを予約できます。相談は無料で、秘密は守られます。"
        ),
        "summary_en": (
            "Book a free, confidential consultation with a lawyer, an administrative counsellor or a "
            "consumer adviser."
        ),
        "description": "法律相談は1回30分、同じ内容の相談は年1回までです。",
        "description_en": "Legal consultations last 30 minutes; one per year on the same matter.",
        "applicant_types": ["self"],
        "sign_in_level": "none",
        "fee_rule": FREE,
        "processing_days": None,
        "channel": "online_and_counter",
        **_counter(
            "2階",
            "秘書広聴課（市民相談室）",
            "2nd floor",
            "Public Hearing Section (citizens' consultation room)",
        ),
        "counter_bring": "相談内容がわかる資料（契約書など）",
        "counter_bring_en": "Documents about your matter (contracts, etc.)",
        "legal_basis": "",
        "form_code": "soudan-yoyaku",
    },
]

_YES_NO = [["yes", "はい", "Yes"], ["no", "いいえ", "No"]]


def _yes_no(key: str, text: str, text_en: str) -> dict[str, Any]:
    return {"key": key, "text": text, "text_en": text_en, "choices": _YES_NO}


LIFE_EVENTS: list[LifeEventData] = [
    {
        "code": "moving-in",
        "title": "市外から引っ越してきたとき",
        "title_en": "Moving to the city",
        "summary": "転入届と、あわせて必要な保険・子育て・ペットの手続です。",
        "summary_en": (
            "The move-in notification and the insurance, childcare and pet procedures that go with it."
        ),
        "questions": [
            _yes_no(
                "has_children",
                "高校生年代までのお子さんと一緒に引っ越しますか",
                "Are you moving with children up to high-school age?",
            ),
            _yes_no(
                "joins_kokuho",
                "会社などの健康保険に加入していない方がいますか",
                "Is anyone in your household without an employer's health insurance?",
            ),
            _yes_no("has_dog", "犬を飼っていますか", "Do you keep a dog?"),
        ],
        "rules": [
            {"procedure": "tennyu-jizen"},
            {"procedure": "tennyu"},
            {"procedure": "gesuido-shiyou"},
            {"procedure": "kokuho-kanyu-dattai", "when": {"joins_kokuho": "yes"}},
            {"procedure": "kokumin-nenkin", "when": {"joins_kokuho": "yes"}},
            {"procedure": "jidou-teate-nintei", "when": {"has_children": "yes"}},
            {"procedure": "kodomo-iryouhi", "when": {"has_children": "yes"}},
            {"procedure": "tennyugaku", "when": {"has_children": "yes"}},
            {"procedure": "yobou-sesshu", "when": {"has_children": "yes"}},
            {"procedure": "hoikusho-moushikomi", "when": {"has_children": "yes"}},
            {"procedure": "inu-touroku", "when": {"has_dog": "yes"}},
        ],
    },
    {
        "code": "moving-out",
        "title": "市外へ引っ越すとき",
        "title_en": "Moving out of the city",
        "summary": "転出届と、やめる・変える必要のある手続です。",
        "summary_en": "The move-out notification and what you need to stop or change.",
        "questions": [
            _yes_no(
                "has_kokuho",
                "国民健康保険に加入していますか",
                "Are you insured with National Health Insurance?",
            ),
            _yes_no(
                "has_children",
                "小・中学生のお子さんがいますか",
                "Do you have children at primary or junior high school?",
            ),
        ],
        "rules": [
            {"procedure": "tenshutsu"},
            {"procedure": "gesuido-shiyou"},
            {"procedure": "kokuho-kanyu-dattai", "when": {"has_kokuho": "yes"}},
            {"procedure": "tennyugaku", "when": {"has_children": "yes"}},
        ],
    },
    {
        "code": "moving-within",
        "title": "市内で引っ越すとき",
        "title_en": "Moving within the city",
        "summary": "転居届と、住所が変わることで必要になる手続です。",
        "summary_en": "The change-of-address notification and what follows from it.",
        "questions": [
            _yes_no(
                "has_children",
                "小・中学生のお子さんがいますか",
                "Do you have children at primary or junior high school?",
            ),
            _yes_no("has_dog", "犬を飼っていますか", "Do you keep a dog?"),
        ],
        "rules": [
            {"procedure": "tenkyo"},
            {"procedure": "gesuido-shiyou"},
            {"procedure": "tennyugaku", "when": {"has_children": "yes"}},
            {"procedure": "inu-touroku", "when": {"has_dog": "yes"}},
        ],
    },
    {
        "code": "birth",
        "title": "子どもが生まれたとき",
        "title_en": "Having a baby",
        "summary": "出生届と、手当・医療費助成・予防接種・保育の手続です。",
        "summary_en": "Birth registration, allowances, medical subsidies, vaccinations and childcare.",
        "questions": [
            _yes_no(
                "has_kokuho",
                "保護者が国民健康保険に加入していますか",
                "Is the parent insured with National Health Insurance?",
            ),
            _yes_no(
                "needs_nursery", "保育所などの利用を考えていますか", "Are you thinking of using a nursery?"
            ),
            _yes_no("single_parent", "ひとり親家庭ですか", "Are you a single parent?"),
        ],
        "rules": [
            {"procedure": "shussei"},
            {"procedure": "jidou-teate-nintei"},
            {"procedure": "kodomo-iryouhi"},
            {"procedure": "yobou-sesshu"},
            {"procedure": "kokuho-kanyu-dattai", "when": {"has_kokuho": "yes"}},
            {"procedure": "hoikusho-moushikomi", "when": {"needs_nursery": "yes"}},
            {"procedure": "jidou-fuyou-teate", "when": {"single_parent": "yes"}},
        ],
    },
    {
        "code": "marriage",
        "title": "結婚するとき",
        "title_en": "Getting married",
        "summary": "婚姻届と、住所や氏が変わるときの手続です。",
        "summary_en": "Marriage registration and what to do when your address or surname changes.",
        "questions": [
            {
                "key": "moving",
                "text": "結婚にあわせて引っ越しますか",
                "text_en": "Are you moving when you marry?",
                "choices": [
                    ["into", "市外から市内へ", "Into the city from elsewhere"],
                    ["within", "市内で", "Within the city"],
                    ["none", "引っ越さない", "Not moving"],
                ],
            },
            _yes_no("changes_name", "氏（名字）が変わりますか", "Will your surname change?"),
            _yes_no(
                "has_kokuho",
                "国民健康保険の加入・脱退がありますか",
                "Will you join or leave National Health Insurance?",
            ),
        ],
        "rules": [
            {"procedure": "konin"},
            {"procedure": "tennyu-jizen", "when": {"moving": "into"}},
            {"procedure": "tennyu", "when": {"moving": "into"}},
            {"procedure": "tenkyo", "when": {"moving": "within"}},
            {"procedure": "inkan-touroku", "when": {"changes_name": "yes"}},
            {"procedure": "kokuho-kanyu-dattai", "when": {"has_kokuho": "yes"}},
        ],
    },
    {
        "code": "bereavement",
        "title": "家族が亡くなったとき",
        "title_en": "When a family member dies",
        "summary": "死亡届・火葬許可と、保険や年金などの手続です。",
        "summary_en": "Death registration, the cremation permit and the insurance and pension procedures.",
        "questions": [
            {
                "key": "insurance",
                "text": "亡くなった方の健康保険はどれですか",
                "text_en": "Which health insurance did the deceased have?",
                "choices": [
                    ["kokuho", "国民健康保険", "National Health Insurance"],
                    ["koki", "後期高齢者医療", "Late-stage elderly medical care"],
                    ["other", "会社などの健康保険・わからない", "An employer's insurance, or not sure"],
                ],
            },
        ],
        "rules": [
            {"procedure": "shibou"},
            {"procedure": "maisou-kyoka"},
            {"procedure": "kokuho-kanyu-dattai", "when": {"insurance": "kokuho"}},
            {"procedure": "koki-korei", "when": {"insurance": "koki"}},
            {"procedure": "hyoka-shomei"},
        ],
    },
    {
        "code": "school",
        "title": "入学・転校するとき",
        "title_en": "Starting or changing school",
        "summary": "市立小・中学校の入学・転校と、学童保育や就学援助の手続です。",
        "summary_en": "Enrolling at a city school, after-school care and school expense assistance.",
        "questions": [
            _yes_no(
                "needs_after_school",
                "放課後の預かり（学童保育）が必要ですか",
                "Do you need after-school care?",
            ),
            _yes_no(
                "needs_help", "学用品費や給食費の援助を希望しますか", "Would you like help with school costs?"
            ),
        ],
        "rules": [
            {"procedure": "tennyugaku"},
            {"procedure": "gakudo", "when": {"needs_after_school": "yes"}},
            {"procedure": "shugaku-enjo", "when": {"needs_help": "yes"}},
        ],
    },
    {
        "code": "care",
        "title": "介護が必要になったとき",
        "title_en": "When care is needed",
        "summary": "介護保険の認定と、障がい福祉や見守りのサービスです。",
        "summary_en": "Long-term care certification, disability services and home alarms.",
        "questions": [
            _yes_no("has_disability", "障がいのある方ですか", "Does the person have a disability?"),
            _yes_no("lives_alone", "ひとり暮らしですか", "Does the person live alone?"),
        ],
        "rules": [
            {"procedure": "kaigo-nintei"},
            {"procedure": "shogai-service", "when": {"has_disability": "yes"}},
            {"procedure": "shintai-techo", "when": {"has_disability": "yes"}},
            {"procedure": "kinkyu-tsuho", "when": {"lives_alone": "yes"}},
        ],
    },
]
