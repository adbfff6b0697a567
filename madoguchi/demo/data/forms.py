"""Application forms (申請書) for the demo procedures, as ``formbuilder`` definitions.

Each entry's ``code`` is the ``form_code`` of a procedure in ``procedures.py``. The definitions
follow ``docs/forms.md``; helpers below only build the repeated pieces (the applicant's name and
address from the resident register, the per-copy fee, the declaration) so each form reads as a
list of questions.

書かせない: whatever the city already holds is bound to the resident register with ``prefill``.
The four certificate requests (住民票・課税証明・納税証明・印鑑登録証明) ask nothing to be typed:
every question is a choice, and the number of copies is a choice too (1–10), which the ``fee``
field multiplies.

Rules a definition here keeps, because ``cases`` relies on them:

* a prefilled field never has a ``show_if`` and is never in a conditional step — its answer must
  be present at submission, where ``cases`` checks it against the register again;
* a prefilled field that the register may leave empty (前住所, the household) is not required;
* the number a per-unit fee rule of the procedure reads (``copies``, ``items``, ``hours``) has
  the key the procedure's ``fee_rule.unit_field`` names.

Facility and nursery names are fictional.
"""

from __future__ import annotations

from typing import Any

Field = dict[str, Any]

MAX_COPIES = 10


def _t(ja: str, en: str) -> dict[str, str]:
    return {"ja": ja, "en": en}


def _options(*items: tuple[str, str, str]) -> list[dict[str, Any]]:
    return [{"value": value, "label": _t(ja, en)} for value, ja, en in items]


def _field(
    key: str,
    kind: str,
    ja: str,
    en: str,
    *,
    hint: tuple[str, str] | None = None,
    required: bool = False,
    **options: Any,
) -> Field:
    field: Field = {"key": key, "type": kind, "label": _t(ja, en)}
    if hint:
        field["help"] = _t(*hint)
    if required:
        field["required"] = True
    field.update(options)
    return field


def _choice(
    key: str,
    ja: str,
    en: str,
    options: list[tuple[str, str, str]],
    *,
    widget: str = "radio",
    required: bool = True,
    hint: tuple[str, str] | None = None,
    **extra: Any,
) -> Field:
    return _field(
        key,
        "choice",
        ja,
        en,
        hint=hint,
        required=required,
        widget=widget,
        options=_options(*options),
        **extra,
    )


def _step(key: str, ja: str, en: str, fields: list[Field]) -> dict[str, Any]:
    return {"key": key, "title": _t(ja, en), "fields": fields}


# --- Shared pieces ----------------------------------------------------------------------------

FROM_REGISTER = (
    "住民記録から自動で入力します。誤りがある場合は、申請の前に市民窓口課（0297-64-1111）へお問い合わせください。",
    "Filled in from the resident register. If anything is wrong, please contact the Citizen Services "
    "Division (0297-64-1111) before applying.",
)
# For a person moving in: what 住基ネット brought ahead of them (see registry.models.TransferOut).
FROM_TRANSFER_OUT = (
    "転出元の市区町村から住基ネットで届いた転出証明書情報から自動で入力します。誤りがある場合は、"
    "転出元の市区町村へお問い合わせください。",
    "Filled in from the move-out information your previous municipality sent us through the resident "
    "registry network. If anything is wrong, please contact that municipality.",
)
YES_NO = [("yes", "はい", "Yes"), ("no", "いいえ", "No")]
SEX = [("male", "男", "Male"), ("female", "女", "Female")]
OTHER = ("other", "その他", "Other")
SUBMIT_TO = [
    ("company", "民間の会社・団体（契約など）", "A company or organisation (e.g. a contract)"),
    ("public", "国・県・市町村などの官公署", "A government office"),
    ("court", "裁判所・弁護士など", "A court, lawyer or similar"),
    ("self", "自分で確認・保管する", "To check or keep myself"),
]


def _name(
    key: str = "name", ja: str = "氏名", en: str = "Name", hint: tuple[str, str] = FROM_REGISTER
) -> Field:
    return _field(key, "japanese_name", ja, en, hint=hint, required=True, prefill="full_name")


def _birth_date(key: str = "birth_date") -> Field:
    return _field(
        key,
        "date",
        "生年月日",
        "Date of birth",
        hint=FROM_REGISTER,
        required=True,
        max="today",
        prefill="birth_date",
    )


def _address(
    key: str = "address", ja: str = "住所", en: str = "Address", hint: tuple[str, str] = FROM_REGISTER
) -> Field:
    return _field(key, "address", ja, en, hint=hint, required=True, prefill="address")


def _phone(*, required: bool = True, hint: tuple[str, str] | None = None) -> Field:
    return _field(
        "phone",
        "phone",
        "日中に連絡がとれる電話番号",
        "Daytime phone number",
        hint=hint
        or (
            "内容の確認のためにお電話することがあります。ハイフンはあってもなくても構いません（例：0297-64-1111）。",
            "We may call to check details. With or without hyphens (e.g. 0297-64-1111).",
        ),
        required=required,
    )


def _email() -> Field:
    return _field(
        "email",
        "email",
        "メールアドレス（任意）",
        "E-mail address (optional)",
        hint=(
            "受付や審査結果のお知らせをお送りします。入力しない場合は、マイページでご確認ください。",
            "We send the acknowledgement and the result here. Without it, check your My Page.",
        ),
    )


def _declaration(ja: str, en: str, key: str = "declaration") -> Field:
    return _field(key, "consent", "申請内容の確認", "Declaration", text=_t(ja, en))


def _household(
    key: str,
    prefill: str,
    ja: str,
    en: str,
    hint: tuple[str, str],
    *,
    with_sex: bool = False,
    with_relationship: bool = True,
) -> Field:
    """The household (or its children) from the register, one read-only row per person."""
    rows: list[Field] = [
        _field("name", "japanese_name", "氏名", "Name"),
        _field("birth_date", "date", "生年月日", "Date of birth"),
    ]
    if with_relationship:
        rows.append(_field("relationship", "text", "続柄", "Relationship", max_length=20))
    if with_sex:
        rows.append(_choice("sex", "性別", "Sex", SEX, required=False))
    return _field(key, "group", ja, en, hint=hint, prefill=prefill, fields=rows, max=20)


def _member_picker(key: str, ja: str, en: str, list_label: str, *, with_self: bool, **extra: Any) -> Field:
    """Pick people from the prefilled household list above by their row number (nothing typed)."""
    options = [("self", "申請者本人", "The applicant")] if with_self else []
    options += [
        (f"member_{n}", f"{list_label}の{n}人目の方", f"Person no. {n} in the list above")
        for n in range(1, 7)
    ]
    return _choice(
        key,
        ja,
        en,
        options,
        widget="checkbox",
        hint=(
            f"上の「{list_label}」の順番で選んでください（複数選べます）。",
            "Choose by their order in the list above (you may choose several).",
        ),
        **extra,
    )


def _purpose(options: list[tuple[str, str, str]], **extra: Any) -> list[Field]:
    """使用目的 as a choice; 「その他」 asks where it goes, again as a choice (nothing typed)."""
    purpose = _choice(
        "purpose",
        "使用目的",
        "Purpose",
        [*options, OTHER],
        widget="select",
        hint=(
            "提出先から求められた目的を選んでください。詳しい理由を書いていただく必要はありません。",
            "Choose what the certificate is for. You do not need to explain further.",
        ),
        **extra,
    )
    submit_to = _choice(
        "submit_to",
        "提出先の種類",
        "Where it will be submitted",
        SUBMIT_TO,
        show_if={"field": "purpose", "equals": "other"},
    )
    return [purpose, submit_to]


def _copies(unit_price: int, *, fee_show_if: dict[str, Any] | None = None) -> list[Field]:
    """通数 as a choice of 1–10 (picked, not typed) and the fee that multiplies it."""
    copies = _choice(
        "copies",
        "通数",
        "Number of copies",
        [(str(n), f"{n}通", f"{n} {'copy' if n == 1 else 'copies'}") for n in range(1, MAX_COPIES + 1)],
        widget="select",
        hint=(f"1通{unit_price:,}円です。", f"{unit_price:,} yen a copy."),
    )
    fee = _field(
        "fee",
        "fee",
        "手数料",
        "Fee",
        hint=(
            "通数から計算します。お支払いの方法は受付の後にご案内します。",
            "Calculated from the number of copies. We tell you how to pay after receiving the request.",
        ),
        unit_price=unit_price,
        times="copies",
        **({"show_if": fee_show_if} if fee_show_if else {}),
    )
    return [copies, fee]


def _delivery() -> Field:
    return _choice(
        "delivery",
        "受け取り方法",
        "How to receive it",
        [
            (
                "download",
                "電子証明書（PDF）をダウンロードする",
                "Download a digitally signed certificate (PDF)",
            ),
            ("mail", "住民登録の住所へ郵送する", "Post it to my registered address"),
        ],
        hint=(
            "郵送は住民登録の住所にのみ、転送不要郵便でお送りします（発送まで2開庁日ほど）。",
            "Posted only to your registered address, not forwarded (sent within about 2 business days).",
        ),
    )


def _certificate_applicant(hint_ja: str, hint_en: str) -> dict[str, Any]:
    return _step(
        "applicant",
        "請求者",
        "Applicant",
        [
            _name(hint=(f"{FROM_REGISTER[0]}{hint_ja}", f"{FROM_REGISTER[1]} {hint_en}")),
            _birth_date(),
            _address(),
        ],
    )


FISCAL_YEAR = [
    ("latest", "最新の年度", "The latest year"),
    ("previous", "その前の年度", "The year before"),
    ("two_before", "2年前の年度", "Two years before"),
]


# --- 市民窓口課: 証明書 --------------------------------------------------------------------------

JUMINHYO = {
    "steps": [
        _certificate_applicant(
            "マイナンバーカードでログインしたご本人の請求として受け付けます（代理人の請求は窓口で）。",
            "The request is made by you, signed in with your My Number Card (agents apply at the counter).",
        ),
        _step(
            "request",
            "請求内容",
            "Request",
            [
                _household(
                    "household",
                    "household_members",
                    "同じ世帯の方（住民記録）",
                    "Others in your household (resident register)",
                    (
                        "「世帯全員」を選ぶと、この方々も記載されます。表示のない方はあなたと別の世帯です。",
                        "If you choose the whole household, these people are shown too. Anyone not listed is "
                        "in a different household.",
                    ),
                ),
                _choice(
                    "scope",
                    "記載する人",
                    "Who the copy shows",
                    [
                        ("household", "世帯全員", "The whole household"),
                        ("self", "本人のみ", "Only me"),
                    ],
                    hint=(
                        "提出先に指定がなければ「本人のみ」で足りることが多いです。",
                        "Unless the recipient asks for the whole household, 'only me' is usually enough.",
                    ),
                ),
                _choice(
                    "show_honseki",
                    "本籍・筆頭者の記載",
                    "Registered domicile (honseki) and head of family register",
                    [("no", "なし", "Not shown"), ("yes", "あり", "Shown")],
                    hint=(
                        "パスポートの申請や相続などで求められることがあります。提出先の指示がなければ「なし」を選んでください。",
                        "Sometimes required for passports or inheritance. Choose 'not shown' unless asked.",
                    ),
                ),
                _choice(
                    "show_relationship",
                    "世帯主の氏名・続柄の記載",
                    "Head of household and relationships",
                    [("no", "なし", "Not shown"), ("yes", "あり", "Shown")],
                    hint=(
                        "世帯主の氏名と、世帯主から見た続柄（妻・子など）です。扶養や同居の確認で求められることがあります。",
                        "The head of household's name and each person's relationship to them (wife, child…), "
                        "sometimes asked to prove dependants or living together.",
                    ),
                ),
                _choice(
                    "show_my_number",
                    "個人番号（マイナンバー）の記載",
                    "Individual number (My Number)",
                    [("no", "記載しない", "Not shown")],
                    hint=(
                        "オンラインで請求した写しには個人番号を記載しません。"
                        "個人番号入りの写しが必要な場合は、本人確認書類を持って市民窓口課で請求してください。",
                        "Copies requested online never show the individual number. If you need one with it, "
                        "request it at the Citizen Services Division with photo identification.",
                    ),
                ),
                *_purpose(
                    [
                        ("bank", "金融機関・ローン", "Bank or loan"),
                        ("vehicle", "自動車の登録・車庫証明", "Vehicle registration or parking certificate"),
                        ("work", "就職・勤務先への提出", "Employment"),
                        ("pension", "年金・保険の手続", "Pension or insurance"),
                        ("inheritance", "相続・不動産の登記", "Inheritance or property registration"),
                        ("school", "学校・資格試験", "School or qualification exam"),
                        ("housing", "住宅の賃貸・購入", "Renting or buying a home"),
                    ]
                ),
                _delivery(),
                *_copies(300),
                _declaration(
                    "私は請求する住民票の本人または同じ世帯の者です。記載内容に誤りがないことを確認しました。",
                    "I am the person on this residence record or in the same household, and I have checked "
                    "that the request is correct.",
                ),
            ],
        ),
    ]
}

INKAN_SHOMEI = {
    "steps": [
        _certificate_applicant(
            "印鑑登録をしているご本人のみ請求できます。オンラインでは印鑑登録証（カード）は不要です。",
            "Only the person whose seal is registered may request it. Online, the seal registration card "
            "is not needed.",
        ),
        _step(
            "request",
            "請求内容",
            "Request",
            [
                *_purpose(
                    [
                        ("property", "不動産の登記・売買", "Property registration or sale"),
                        ("vehicle", "自動車の登録・売買", "Vehicle registration or sale"),
                        ("inheritance", "相続の手続", "Inheritance"),
                        ("loan", "金融機関・ローン", "Bank or loan"),
                        ("company", "会社の設立・役員の登記", "Company formation or directors' registration"),
                        ("contract", "各種の契約", "Other contracts"),
                    ]
                ),
                *_copies(300),
                _declaration(
                    "登録している印鑑の証明書を本人として請求します。証明書は住民登録の住所へ郵送されることを確認しました。",
                    "I request a certificate of my own registered seal, and understand it will be posted to "
                    "my "
                    "registered address.",
                ),
            ],
        ),
    ]
}

# --- 税務課・収納課: 税の証明書 ------------------------------------------------------------------

KAZEI_SHOMEI = {
    "steps": [
        _certificate_applicant(
            "証明するのは、その年度の1月1日に龍ヶ崎市に住所があったご本人の所得と税額です。",
            "The certificate covers your income and tax for years in which you lived in Ryugasaki on 1 "
            "January.",
        ),
        _step(
            "request",
            "請求内容",
            "Request",
            [
                _choice(
                    "certificate_type",
                    "証明書の種類",
                    "Type of certificate",
                    [
                        (
                            "kazei",
                            "課税証明書（所得・控除・税額）",
                            "Tax certificate (income, deductions and tax)",
                        ),
                        ("shotoku", "所得証明書（所得のみ）", "Income certificate (income only)"),
                    ],
                    hint=(
                        "保育所・児童手当・公営住宅などでは、税額まで記載した課税証明書を求められることが多いです。",
                        "Nurseries, allowances and public housing usually ask for the tax certificate.",
                    ),
                ),
                _choice(
                    "fiscal_year",
                    "年度",
                    "Fiscal year",
                    FISCAL_YEAR,
                    hint=(
                        "毎年6月1日に新しい年度の証明に切り替わります。たとえば令和8年度の証明は、"
                        "令和7年1月〜12月の所得を証明します。",
                        "Each June the new fiscal year becomes available: the 2026 certificate shows income "
                        "from January to December 2025.",
                    ),
                ),
                *_purpose(
                    [
                        ("nursery", "保育所・幼稚園", "Nursery or kindergarten"),
                        ("allowance", "児童手当・各種手当", "Child or other allowance"),
                        ("housing", "公営住宅", "Public housing"),
                        ("loan", "金融機関・ローン", "Bank or loan"),
                        ("scholarship", "奨学金・学校", "Scholarship or school"),
                        ("welfare", "年金・医療・介護", "Pension, medical or care"),
                        ("residence", "在留資格の手続", "Residence status (immigration)"),
                    ]
                ),
                _delivery(),
                *_copies(300),
                _declaration(
                    "本人の証明書として請求します。記載内容に誤りがないことを確認しました。",
                    "I request my own certificate and have checked that the request is correct.",
                ),
            ],
        ),
    ]
}

NOZEI_SHOMEI = {
    "steps": [
        _certificate_applicant(
            "ご本人の市税の納付状況を証明します。",
            "The certificate shows your own municipal tax payments.",
        ),
        _step(
            "request",
            "請求内容",
            "Request",
            [
                _choice(
                    "certificate_type",
                    "証明書の種類",
                    "Type of certificate",
                    [
                        (
                            "no_arrears",
                            "完納証明（市税に未納がないことの証明）",
                            "No arrears (no unpaid municipal tax)",
                        ),
                        ("by_tax", "税目別の納税証明（税額・納付額）", "Payments by tax (amounts paid)"),
                        (
                            "light_vehicle",
                            "軽自動車税（種別割）納税証明書（継続検査用・無料）",
                            "Light vehicle tax certificate for vehicle inspection (free)",
                        ),
                    ],
                    hint=(
                        "納付した直後は、納付の確認に最大2週間かかります。継続検査用は、ご本人名義の全車両について"
                        "最新年度の納付を証明します（車検時に納付を電子確認できる場合は不要です）。",
                        "A recent payment can take up to two weeks to be confirmed. The inspection "
                        "certificate "
                        "covers all light vehicles in your name for the latest year (not needed where the "
                        "inspection office checks payment electronically).",
                    ),
                ),
                _choice(
                    "taxes",
                    "証明する税目",
                    "Taxes to certify",
                    [
                        ("resident", "市・県民税（個人）", "Municipal and prefectural inhabitant tax"),
                        ("property", "固定資産税・都市計画税", "Fixed asset and city planning tax"),
                        ("light_vehicle", "軽自動車税（種別割）", "Light vehicle tax"),
                        ("nhi", "国民健康保険税", "National Health Insurance tax"),
                    ],
                    widget="checkbox",
                    show_if={"field": "certificate_type", "equals": "by_tax"},
                ),
                _choice(
                    "fiscal_year",
                    "年度",
                    "Fiscal year",
                    FISCAL_YEAR,
                    show_if={"field": "certificate_type", "equals": "by_tax"},
                ),
                *_purpose(
                    [
                        ("loan", "金融機関・ローン", "Bank or loan"),
                        ("bidding", "入札参加資格・許認可", "Tender qualification or licence"),
                        ("residence", "在留資格の手続", "Residence status (immigration)"),
                        ("housing", "公営住宅", "Public housing"),
                    ],
                    show_if={"not": {"field": "certificate_type", "equals": "light_vehicle"}},
                ),
                _delivery(),
                *_copies(300, fee_show_if={"not": {"field": "certificate_type", "equals": "light_vehicle"}}),
                _field(
                    "fee_inspection",
                    "fee",
                    "手数料（継続検査用は無料）",
                    "Fee (free for vehicle inspection)",
                    amount=0,
                    show_if={"field": "certificate_type", "equals": "light_vehicle"},
                ),
                _declaration(
                    "本人の証明書として請求します。記載内容に誤りがないことを確認しました。",
                    "I request my own certificate and have checked that the request is correct.",
                ),
            ],
        ),
    ]
}

# --- 市民窓口課: 住所の異動 ----------------------------------------------------------------------

TENNYU_JIZEN = {
    "steps": [
        _step(
            "person",
            "転入する方",
            "Person moving in",
            [
                _name(hint=FROM_TRANSFER_OUT),
                _field(
                    "birth_date",
                    "date",
                    "生年月日",
                    "Date of birth",
                    hint=FROM_TRANSFER_OUT,
                    required=True,
                    max="today",
                    prefill="birth_date",
                ),
                _choice("sex", "性別", "Sex", SEX, hint=FROM_TRANSFER_OUT, prefill="sex"),
                _field(
                    "relationship",
                    "text",
                    "世帯主との続柄",
                    "Relationship to the head of household",
                    hint=FROM_TRANSFER_OUT,
                    required=True,
                    max_length=20,
                    prefill="relationship",
                ),
                _field(
                    "head_of_household",
                    "japanese_name",
                    "世帯主",
                    "Head of household",
                    hint=(
                        "転出証明書情報で続柄が「世帯主」の方です。",
                        "The person whose relationship is 'head of household' in the move-out information.",
                    ),
                    required=True,
                    prefill="head_of_household",
                ),
                _field(
                    "domicile",
                    "text",
                    "本籍",
                    "Registered domicile (honseki)",
                    hint=(
                        "転出証明書情報に記載された本籍です。外国籍の方は空欄です。",
                        "As in the move-out information. Blank for foreign nationals.",
                    ),
                    max_length=200,
                    prefill="domicile",
                ),
            ],
        ),
        _step(
            "move",
            "住所と日付",
            "Addresses and date",
            [
                _field(
                    "previous_address",
                    "text",
                    "前住所（転出元）",
                    "Previous address",
                    hint=(
                        "転出届を出した市区町村の住所です。",
                        "Your address in the municipality you notified of your move-out.",
                    ),
                    prefill="previous_address",
                ),
                _address(
                    "address",
                    "新しい住所（龍ヶ崎市内）",
                    "New address in Ryugasaki",
                    hint=(
                        "転出届のときに届け出た転入予定地です。実際の住所と違う場合は、来庁のときにお申し出ください。",
                        "The address you gave when notifying your move-out. If it has changed, tell us at "
                        "the "
                        "counter.",
                    ),
                ),
                _field(
                    "moved_on",
                    "date",
                    "転入（予定）日",
                    "Moving date",
                    hint=(
                        "転出証明書情報の転出予定日です。違う日に引っ越す場合は、来庁のときにお申し出ください。"
                        "この日から14日以内に来庁してください。",
                        "The planned moving date in the move-out information; if you move on another day, "
                        "tell us at the counter. Come to City Hall within 14 days of it.",
                    ),
                    required=True,
                    prefill="became_resident_on",
                ),
                _household(
                    "household",
                    "household_members",
                    "一緒に転入する方",
                    "People moving in with you",
                    (
                        "転出証明書情報に記載された、同じ世帯で引っ越す方です。",
                        "The household members listed in the move-out information.",
                    ),
                    with_sex=True,
                ),
            ],
        ),
        _step(
            "contact",
            "連絡先と確認",
            "Contact and declaration",
            [
                _phone(),
                _email(),
                _declaration(
                    "記載内容に誤りがないことを確認しました。事前申請だけでは転入届が完了しないこと、"
                    "引越し後14日以内に世帯全員のマイナンバーカードを持って市民窓口課へ来庁することを理解しました。",
                    "I have checked these details. I understand that this advance notice does not complete "
                    "the "
                    "move-in, and that I must visit the Citizen Services Division within 14 days of moving "
                    "with "
                    "the My Number Cards of everyone moving.",
                ),
            ],
        ),
    ]
}

_MOVERS = [
    ("all", "世帯全員", "The whole household"),
    ("self", "申請者本人のみ", "Only me"),
    ("some", "世帯の一部の方", "Some members of the household"),
]


def _movers(verb_ja: str, verb_en: str) -> list[Field]:
    return [
        _household(
            "household",
            "household_members",
            "同じ世帯の方（住民記録）",
            "Others in your household (resident register)",
            FROM_REGISTER,
        ),
        _choice("movers", f"{verb_ja}する方", f"Who is {verb_en}", _MOVERS),
        _member_picker(
            "movers_list",
            f"一緒に{verb_ja}する方",
            f"Who is {verb_en} with you",
            "同じ世帯の方",
            with_self=True,
            show_if={"field": "movers", "equals": "some"},
        ),
    ]


TENSHUTSU = {
    "steps": [
        _step(
            "applicant",
            "届出人",
            "Person notifying",
            [_name(), _birth_date(), _address(ja="今の住所", en="Current address"), _phone(), _email()],
        ),
        _step(
            "move",
            "転出先と転出する方",
            "New address and who is moving",
            [
                _field(
                    "moved_on",
                    "date",
                    "転出（予定）日",
                    "Moving date",
                    hint=(
                        "引越しのおおむね14日前から、引越し後14日以内まで届け出られます。",
                        "You can notify us from about 14 days before moving until 14 days after.",
                    ),
                    required=True,
                ),
                _field(
                    "new_address",
                    "address",
                    "転出先の住所",
                    "New address",
                    hint=(
                        "郵便番号を入力すると町域まで表示されます。国外へ転出する場合は窓口で届け出てください。",
                        "Enter the postcode to fill in the area. If you are moving abroad, please notify us "
                        "at "
                        "the counter.",
                    ),
                    required=True,
                ),
                *_movers("転出", "moving out"),
                _choice(
                    "new_head",
                    "転出先での世帯主",
                    "Head of household at the new address",
                    [
                        ("self", "申請者本人", "Me"),
                        ("same", "今の世帯主と同じ", "The same as now"),
                        ("other", "その他の方", "Someone else"),
                    ],
                ),
                _field(
                    "new_head_name",
                    "text",
                    "転出先での世帯主の氏名",
                    "Name of the head of household at the new address",
                    required=True,
                    max_length=50,
                    show_if={"field": "new_head", "equals": "other"},
                ),
                _choice(
                    "my_number_card",
                    "マイナンバーカード",
                    "My Number Card",
                    [
                        ("all", "転出する全員が持っている", "Everyone moving has one"),
                        ("not_all", "持っていない方がいる", "Someone moving does not have one"),
                    ],
                    hint=(
                        "カードをお持ちの方は転出証明書が不要です。転入先にカードを持って14日以内に転入届をしてください。"
                        "お持ちでない方の分は転出証明書を郵送します。",
                        "Card holders need no move-out certificate: bring the card to your new municipality "
                        "within "
                        "14 days. For anyone without a card we post a move-out certificate.",
                    ),
                ),
                _choice(
                    "certificate_to",
                    "転出証明書の送付先",
                    "Where to post the move-out certificate",
                    [
                        ("current", "今の住所", "My current address"),
                        ("new", "転出先の住所", "My new address"),
                    ],
                    show_if={"field": "my_number_card", "equals": "not_all"},
                ),
                _choice(
                    "benefits",
                    "受けている給付・加入している制度（任意）",
                    "Benefits and schemes you are in (optional)",
                    [
                        ("nhi", "国民健康保険", "National Health Insurance"),
                        ("child_allowance", "児童手当", "Child allowance"),
                        ("child_medical", "こども医療費助成", "Children's medical subsidy"),
                        (
                            "care",
                            "介護保険・後期高齢者医療",
                            "Long-term care or late-stage elderly insurance",
                        ),
                    ],
                    widget="checkbox",
                    required=False,
                    hint=(
                        "それぞれ別に手続が必要です。受付の後に、必要な手続をご案内します。",
                        "Each needs its own procedure; we will tell you what to do after receiving this "
                        "notice.",
                    ),
                ),
            ],
        ),
        _step(
            "confirm",
            "確認",
            "Declaration",
            [
                _declaration(
                    "記載内容に誤りがないことを確認しました。",
                    "I have checked that the details are correct.",
                )
            ],
        ),
    ]
}

TENKYO = {
    "steps": [
        _step(
            "applicant",
            "届出人",
            "Person notifying",
            [
                _name(),
                _birth_date(),
                _address(ja="転居前の住所", en="Address before the move"),
                _phone(),
                _email(),
            ],
        ),
        _step(
            "move",
            "新しい住所と転居する方",
            "New address and who moved",
            [
                _field(
                    "moved_on",
                    "date",
                    "転居した日",
                    "Date you moved",
                    hint=(
                        "新しい住所に住み始めた日です。引越しの後、14日以内に届け出てください（引越し前には届け出られません）。",
                        "The day you started living at the new address. Notify us within 14 days after "
                        "moving "
                        "(not before).",
                    ),
                    required=True,
                    max="today",
                ),
                _field(
                    "new_address",
                    "address",
                    "新しい住所（龍ヶ崎市内）",
                    "New address in Ryugasaki",
                    hint=(
                        "郵便番号を入力すると町域まで表示されます。番地・建物名・部屋番号まで入力してください。",
                        "Enter the postcode to fill in the area, then the block number, building and room.",
                    ),
                    required=True,
                ),
                *_movers("転居", "moving"),
                _choice(
                    "new_head",
                    "転居後の世帯主",
                    "Head of household after the move",
                    [
                        ("same", "変わらない", "Unchanged"),
                        ("self", "申請者本人", "Me"),
                        ("other", "その他の方", "Someone else"),
                    ],
                ),
                _field(
                    "new_head_name",
                    "text",
                    "転居後の世帯主の氏名",
                    "Name of the head of household after the move",
                    required=True,
                    max_length=50,
                    show_if={"field": "new_head", "equals": "other"},
                ),
                _choice(
                    "school_children",
                    "転居する方に小・中学生はいますか",
                    "Is anyone moving at primary or junior high school?",
                    YES_NO,
                    hint=(
                        "通学区域が変わる場合は、学校教育課から転校の案内をお送りします。",
                        "If the school district changes, the School Education Division will contact you "
                        "about "
                        "transferring.",
                    ),
                ),
            ],
        ),
        _step(
            "confirm",
            "確認",
            "Declaration",
            [
                _declaration(
                    "記載内容に誤りがないことを確認しました。マイナンバーカードの住所変更（券面への追記）は、"
                    "後日カードを持って窓口で行うことを理解しました。",
                    "I have checked that the details are correct, and understand that the address on My "
                    "Number "
                    "Cards is updated later at the counter.",
                )
            ],
        ),
    ]
}

# --- こども政策課・保育課 ------------------------------------------------------------------------

JIDOU_TEATE = {
    "steps": [
        _step(
            "applicant",
            "請求者",
            "Applicant",
            [
                _name(
                    hint=(
                        f"{FROM_REGISTER[0]}原則として、父母のうち所得の高い方が請求者になります。",
                        f"{FROM_REGISTER[1]} Normally the parent with the higher income applies.",
                    )
                ),
                _birth_date(),
                _address(),
                _phone(),
                _email(),
                _choice(
                    "pension",
                    "請求者が加入している年金",
                    "Applicant's pension scheme",
                    [
                        ("employee", "厚生年金（会社員など）", "Employees' Pension (company employees)"),
                        ("national", "国民年金（自営業など）", "National Pension (self-employed etc.)"),
                        ("none", "加入していない", "None"),
                    ],
                    hint=(
                        "公務員の方は、勤務先で請求してください（この申請は使えません）。",
                        "Public servants apply through their employer, not with this form.",
                    ),
                ),
                _choice("spouse", "配偶者（事実婚を含む）", "Spouse (including common-law)", YES_NO),
                _choice(
                    "higher_income",
                    "請求者の所得は配偶者より高いですか",
                    "Is your income higher than your spouse's?",
                    [*YES_NO, ("unknown", "わからない", "Not sure")],
                    show_if={"field": "spouse", "equals": "yes"},
                    hint=(
                        "配偶者の方が高い場合は、配偶者が請求者になります。わからない場合は審査の際に確認します。",
                        "If your spouse earns more, your spouse should apply. If unsure, we check it.",
                    ),
                ),
            ],
        ),
        _step(
            "children",
            "養育している子ども",
            "Children you are raising",
            [
                _household(
                    "children",
                    "household_children",
                    "同じ世帯の子ども（住民記録）",
                    "Children in your household (resident register)",
                    (
                        "住民記録から自動で入力します。高校生年代（18歳になった後の最初の3月31日）までの子どもが対象です。",
                        "Filled in from the resident register. Children up to high-school age (the 31 March "
                        "after their 18th birthday) are eligible.",
                    ),
                ),
                _choice(
                    "children_apart",
                    "別に住んでいる子どもを養育していますか",
                    "Are you raising a child who lives elsewhere?",
                    YES_NO,
                    hint=(
                        "単身赴任や進学などで別に住んでいる高校生年代までの子どもです。",
                        "A child up to high-school age living elsewhere, e.g. for work or school.",
                    ),
                ),
                _field(
                    "children_apart_list",
                    "group",
                    "別に住んでいる子ども",
                    "Children living elsewhere",
                    required=True,
                    show_if={"field": "children_apart", "equals": "yes"},
                    min=1,
                    max=10,
                    fields=[
                        _field("name", "japanese_name", "氏名", "Name", required=True),
                        _field("birth_date", "date", "生年月日", "Date of birth", required=True, max="today"),
                        _field("relationship", "text", "続柄", "Relationship", max_length=20),
                        _field("address", "text", "住所", "Address", required=True, max_length=200),
                    ],
                ),
                _field(
                    "custody_statement",
                    "file",
                    "別居監護の申立書",
                    "Statement of custody for a child living apart",
                    hint=(
                        "市のホームページの様式に記入し、PDFか写真で添付してください。",
                        "Fill in the city's form and attach it as a PDF or photo.",
                    ),
                    required=True,
                    show_if={"field": "children_apart", "equals": "yes"},
                ),
                _choice(
                    "older_children",
                    "大学生年代（22歳になった後の最初の3月31日まで）の子どもを養育していますか",
                    "Are you supporting a child of university age (up to the 31 March after turning 22)?",
                    YES_NO,
                    hint=(
                        "経済的に負担している場合、第3子以降の加算を数えるときの人数に含めます。",
                        "If you support them financially, they count towards the third-child supplement.",
                    ),
                ),
                _field(
                    "older_children_statement",
                    "file",
                    "監護相当・生計費の負担についての確認書",
                    "Statement of support for a university-age child",
                    required=True,
                    show_if={"field": "older_children", "equals": "yes"},
                ),
            ],
        ),
        _step(
            "account",
            "振込先",
            "Bank account",
            [
                _choice(
                    "account_choice",
                    "手当の振込先",
                    "Where to pay the allowance",
                    [
                        (
                            "public_account",
                            "公金受取口座（マイナポータルで登録した口座）",
                            "My registered public benefit account (via Mynaportal)",
                        ),
                        ("other", "別の口座を指定する", "Another account"),
                    ],
                    hint=(
                        "公金受取口座を選ぶと、口座の入力と通帳の添付は不要です。口座は請求者名義に限ります。",
                        "With your public benefit account you need not enter or prove the account. The "
                        "account "
                        "must be in the applicant's name.",
                    ),
                ),
                _field(
                    "bank_name",
                    "text",
                    "金融機関名",
                    "Bank",
                    required=True,
                    max_length=50,
                    show_if={"field": "account_choice", "equals": "other"},
                ),
                _field(
                    "branch_name",
                    "text",
                    "支店名",
                    "Branch",
                    hint=(
                        "ゆうちょ銀行の場合は、振込用の店名（〇一八など）を入力してください。",
                        "For Japan Post Bank, use the branch name for transfers.",
                    ),
                    required=True,
                    max_length=50,
                    show_if={"field": "account_choice", "equals": "other"},
                ),
                _choice(
                    "account_type",
                    "預金の種類",
                    "Account type",
                    [("ordinary", "普通", "Ordinary"), ("current", "当座", "Current")],
                    show_if={"field": "account_choice", "equals": "other"},
                ),
                _field(
                    "account_number",
                    "text",
                    "口座番号（7桁）",
                    "Account number (7 digits)",
                    required=True,
                    max_length=7,
                    show_if={"field": "account_choice", "equals": "other"},
                ),
                _field(
                    "bank_proof",
                    "file",
                    "口座がわかるもの",
                    "Proof of the account",
                    hint=(
                        "通帳の見開き、またはキャッシュカードの写し（口座名義・金融機関・口座番号が見えるもの）。",
                        "The first page of the bankbook or the cash card, showing the holder, bank and "
                        "number.",
                    ),
                    required=True,
                    show_if={"field": "account_choice", "equals": "other"},
                ),
            ],
        ),
        _step(
            "confirm",
            "確認",
            "Declaration",
            [
                _declaration(
                    "記載内容に誤りがないことを確認しました。審査のため、市が世帯の住民記録と所得の情報を確認することに同意します。",
                    "I have checked that the details are correct, and agree that the city checks my "
                    "household's "
                    "resident record and income for the assessment.",
                )
            ],
        ),
    ]
}

KODOMO_IRYOUHI = {
    "steps": [
        _step(
            "guardian",
            "保護者",
            "Parent or guardian",
            [_name(), _birth_date(), _address(), _phone(), _email()],
        ),
        _step(
            "children",
            "助成を受ける子ども",
            "Children covered",
            [
                _household(
                    "children",
                    "household_children",
                    "同じ世帯の子ども（住民記録）",
                    "Children in your household (resident register)",
                    (
                        "住民記録から自動で入力します。高校生年代（18歳になった後の最初の3月31日）までの子どもに、"
                        "受給者証を1人1枚お送りします。",
                        "Filled in from the resident register. Each child up to high-school age (the 31 "
                        "March "
                        "after their 18th birthday) gets a subsidy card by post.",
                    ),
                    with_sex=True,
                ),
                _choice(
                    "reason",
                    "申請の理由",
                    "Reason for applying",
                    [
                        ("birth", "子どもが生まれた", "A child was born"),
                        ("moved_in", "市外から転入した", "We moved to the city"),
                        ("insurance", "健康保険が変わった", "The child's health insurance changed"),
                        OTHER,
                    ],
                    life_event_defaults={"moving-in": "moved_in", "birth": "birth"},
                ),
                _choice(
                    "insurance",
                    "子どもが加入している健康保険",
                    "The child's health insurance",
                    [
                        ("nhi", "龍ヶ崎市の国民健康保険", "Ryugasaki National Health Insurance"),
                        (
                            "employee",
                            "勤務先の健康保険（協会けんぽ・健康保険組合・共済組合）",
                            "An employer's health insurance (Kyokai Kenpo, a health insurance society, "
                            "mutual aid)",
                        ),
                        OTHER,
                    ],
                ),
                _field(
                    "insurer_name",
                    "text",
                    "保険者名",
                    "Insurer",
                    hint=(
                        "資格確認書などに書かれた保険者の名称です。",
                        "The insurer named on the insurance document.",
                    ),
                    required=True,
                    max_length=100,
                    show_if={"field": "insurance", "in": ["employee", "other"]},
                ),
                _field(
                    "insurance_proof",
                    "file",
                    "子どもの健康保険の資格がわかるもの",
                    "Proof of the child's health insurance",
                    hint=(
                        "資格確認書、資格情報のお知らせ、またはマイナポータルの資格情報画面の写しを添付してください。"
                        "龍ヶ崎市の国民健康保険の方は不要です。",
                        "The eligibility certificate, the insurance information notice, or a screenshot of "
                        "Mynaportal. Not needed for Ryugasaki National Health Insurance.",
                    ),
                    required=True,
                    show_if={"field": "insurance", "in": ["employee", "other"]},
                ),
            ],
        ),
        _step(
            "confirm",
            "確認",
            "Declaration",
            [
                _declaration(
                    "記載内容に誤りがないことを確認しました。資格の確認のため、市が子どもの健康保険と世帯の住民記録を"
                    "確認することに同意します。",
                    "I have checked that the details are correct, and agree that the city checks the "
                    "children's "
                    "health insurance and our resident record to confirm eligibility.",
                )
            ],
        ),
    ]
}

NURSERIES = [
    ("chuo", "中央保育所（公立）", "Chuo Nursery (public)"),
    ("nagayama", "長山こども園", "Nagayama Early Childhood Centre"),
    ("shironouchi", "城ノ内保育園", "Shironouchi Nursery"),
    ("matsugaoka", "松ケ丘保育園", "Matsugaoka Nursery"),
    ("naragi", "馴柴こども園", "Naragi Early Childhood Centre"),
    ("sakura", "さくら小規模保育室（0〜2歳）", "Sakura Small Nursery (ages 0–2)"),
]

NEED = [
    ("work", "就労（会社員・パートなど）", "Employed (full- or part-time)"),
    ("self_employed", "自営業・家業の手伝い", "Self-employed or family business"),
    ("job_seeking", "求職中", "Looking for work"),
    ("pregnancy", "妊娠・出産", "Pregnancy or childbirth"),
    ("illness", "病気・障がい", "Illness or disability"),
    ("care", "家族の介護・看護", "Caring for a family member"),
    ("study", "就学・職業訓練", "Study or vocational training"),
]

HOIKUSHO = {
    "steps": [
        _step(
            "guardian",
            "保護者",
            "Parent or guardian",
            [_name(), _birth_date(), _address(), _phone(), _email()],
        ),
        _step(
            "child",
            "入所を希望する子ども",
            "Child to be enrolled",
            [
                _household(
                    "children",
                    "household_children",
                    "同じ世帯の子ども（住民記録）",
                    "Children in your household (resident register)",
                    FROM_REGISTER,
                    with_sex=True,
                ),
                _member_picker(
                    "applying_children",
                    "入所を申し込む子ども",
                    "Children to enrol",
                    "同じ世帯の子ども",
                    with_self=False,
                    required=True,
                ),
                _choice(
                    "child_not_listed",
                    "上の一覧にいない子ども（転入予定など）も申し込みますか",
                    "Are you also applying for a child not in the list (e.g. moving in soon)?",
                    YES_NO,
                ),
                _field(
                    "new_child_name",
                    "japanese_name",
                    "一覧にいない子どもの氏名",
                    "Name of the child not in the list",
                    required=True,
                    show_if={"field": "child_not_listed", "equals": "yes"},
                ),
                _field(
                    "new_child_birth_date",
                    "date",
                    "一覧にいない子どもの生年月日",
                    "Date of birth of the child not in the list",
                    required=True,
                    max="today",
                    show_if={"field": "child_not_listed", "equals": "yes"},
                ),
                _field(
                    "start_month",
                    "date",
                    "入所希望日",
                    "Preferred start date",
                    hint=(
                        "希望する月の1日を入力してください（例：2027年4月1日）。毎月10日までの申込みが、翌月入所の"
                        "利用調整（選考）の対象です。4月入所は前年の秋に一斉に受け付けます。",
                        "Enter the 1st of the month you want (e.g. 1 April 2027). Applications by the 10th "
                        "are "
                        "considered for the following month; April places are taken together the autumn "
                        "before.",
                    ),
                    required=True,
                    min="today",
                ),
                _choice("first_choice", "第1希望の施設", "First choice", NURSERIES, widget="select"),
                _choice(
                    "second_choice",
                    "第2希望の施設（任意）",
                    "Second choice (optional)",
                    NURSERIES,
                    widget="select",
                    required=False,
                ),
                _choice(
                    "third_choice",
                    "第3希望の施設（任意）",
                    "Third choice (optional)",
                    NURSERIES,
                    widget="select",
                    required=False,
                ),
                _choice(
                    "other_facility",
                    "希望の施設に入れない場合、空きのある他の施設を案内してもよいですか",
                    "If your choices are full, may we offer another nursery with a place?",
                    YES_NO,
                ),
                _field(
                    "child_notes",
                    "long_text",
                    "保育にあたって伝えたいこと（任意）",
                    "Anything the nursery should know (optional)",
                    hint=(
                        "アレルギー、持病、発達の様子など。入所の判定には使いません。",
                        "Allergies, medical conditions, development and so on. Not used for selection.",
                    ),
                    max_length=1000,
                ),
            ],
        ),
        _step(
            "need",
            "保育が必要な理由",
            "Why childcare is needed",
            [
                _choice("guardian_need", "申請者の状況", "Your situation", NEED),
                _choice(
                    "partner_need",
                    "配偶者の状況",
                    "Your spouse's situation",
                    [*NEED, ("single", "配偶者はいない（ひとり親）", "No spouse (single parent)")],
                ),
                _field(
                    "guardian_proof",
                    "file",
                    "申請者の保育が必要なことがわかる書類",
                    "Proof of your need for childcare",
                    hint=(
                        "就労証明書、母子健康手帳の出産予定日のページ、診断書など。",
                        "An employment certificate, the due-date page of the maternal and child health "
                        "handbook, a doctor's note, etc.",
                    ),
                    required=True,
                ),
                _field(
                    "partner_proof",
                    "file",
                    "配偶者の保育が必要なことがわかる書類",
                    "Proof of your spouse's need for childcare",
                    required=True,
                    show_if={"not": {"field": "partner_need", "equals": "single"}},
                ),
                _field(
                    "tax_certificate",
                    "file",
                    "課税（所得）証明書（該当する方のみ）",
                    "Tax certificate (only if it applies)",
                    hint=(
                        "1月1日に龍ヶ崎市に住んでいなかった保護者の方は、その時に住んでいた市区町村の証明書を添付してください。",
                        "If a parent did not live in Ryugasaki on 1 January, attach their certificate from "
                        "the "
                        "municipality they lived in then.",
                    ),
                ),
            ],
        ),
        _step(
            "confirm",
            "確認",
            "Declaration",
            [
                _declaration(
                    "記載内容に誤りがないことを確認しました。利用調整と保育料の決定のため、市が世帯の住民記録と税の情報を"
                    "確認することに同意します。",
                    "I have checked that the details are correct, and agree that the city checks our "
                    "resident "
                    "record and tax information to allocate places and set fees.",
                )
            ],
        ),
    ]
}

# --- 国保年金課 --------------------------------------------------------------------------------

KOKUHO = {
    "steps": [
        _step(
            "applicant",
            "届出人（世帯主）",
            "Person notifying (head of household)",
            [_name(), _birth_date(), _address(), _phone(), _email()],
        ),
        _step(
            "change",
            "届出の内容",
            "What is changing",
            [
                _choice(
                    "kind",
                    "届出の種類",
                    "Type of notification",
                    [("join", "加入する", "Join"), ("leave", "脱退する", "Leave")],
                    life_event_defaults={"moving-in": "join", "birth": "join"},
                ),
                _choice(
                    "join_reason",
                    "加入の理由",
                    "Reason for joining",
                    [
                        ("left_employer", "勤務先の健康保険をやめた", "Left an employer's health insurance"),
                        (
                            "dependant_ended",
                            "家族の健康保険の被扶養者でなくなった",
                            "No longer a dependant on a family member's insurance",
                        ),
                        ("moved_in", "市外から転入した", "Moved to the city"),
                        ("welfare_ended", "生活保護を受けなくなった", "Public assistance ended"),
                        ("birth", "子どもが生まれた", "A child was born"),
                        OTHER,
                    ],
                    widget="select",
                    show_if={"field": "kind", "equals": "join"},
                    life_event_defaults={"moving-in": "moved_in", "birth": "birth"},
                ),
                _choice(
                    "leave_reason",
                    "脱退の理由",
                    "Reason for leaving",
                    [
                        (
                            "joined_employer",
                            "勤務先の健康保険に加入した",
                            "Joined an employer's health insurance",
                        ),
                        (
                            "became_dependant",
                            "家族の健康保険の被扶養者になった",
                            "Became a dependant on a family member's insurance",
                        ),
                        ("welfare_started", "生活保護を受け始めた", "Started receiving public assistance"),
                        ("elderly", "後期高齢者医療制度に移る", "Moving to the late-stage elderly scheme"),
                        OTHER,
                    ],
                    widget="select",
                    show_if={"field": "kind", "equals": "leave"},
                    hint=(
                        "市外への転出や死亡による脱退は、転出届・死亡届と一緒に手続します。",
                        "Leaving because of a move out of the city or a death is handled with that "
                        "notification.",
                    ),
                ),
                _household(
                    "household",
                    "household_members",
                    "同じ世帯の方（住民記録）",
                    "Others in your household (resident register)",
                    FROM_REGISTER,
                ),
                _member_picker(
                    "targets",
                    "加入・脱退する方",
                    "Who is joining or leaving",
                    "同じ世帯の方",
                    with_self=True,
                    required=True,
                ),
                _field(
                    "changed_on",
                    "date",
                    "資格を得た日・失った日",
                    "Date of the change",
                    hint=(
                        "加入：勤務先の保険をやめた日の翌日（資格喪失日）や転入日。脱退：新しい保険に加入した日。"
                        "14日を過ぎていても届け出てください。",
                        "Joining: the day after leaving the employer's insurance, or the day you moved in. "
                        "Leaving: the day you joined the new insurance. Please notify us even after 14 days.",
                    ),
                    required=True,
                    same_as=["moved_on"],
                ),
                _field(
                    "new_insurer",
                    "text",
                    "新しい健康保険の保険者名",
                    "New insurer",
                    hint=(
                        "例：全国健康保険協会 茨城支部",
                        "E.g. Japan Health Insurance Association, Ibaraki branch",
                    ),
                    required=True,
                    max_length=100,
                    show_if={"field": "kind", "equals": "leave"},
                ),
                _field(
                    "proof",
                    "file",
                    "健康保険の資格喪失（取得）がわかる書類",
                    "Proof of leaving (or joining) the other insurance",
                    hint=(
                        "加入：前の保険の資格喪失証明書。脱退：新しい保険の資格確認書、資格情報のお知らせ、"
                        "またはマイナポータルの資格情報画面の写し。",
                        "Joining: the certificate of loss of the previous insurance. Leaving: the new "
                        "insurance's eligibility certificate or notice, or a screenshot of Mynaportal.",
                    ),
                    required=True,
                ),
            ],
        ),
        _step(
            "confirm",
            "確認",
            "Declaration",
            [
                _declaration(
                    "記載内容に誤りがないことを確認しました。脱退の場合、国民健康保険の資格確認書を返却します。",
                    "I have checked that the details are correct. If leaving, I will return the National "
                    "Health "
                    "Insurance eligibility certificate.",
                )
            ],
        ),
    ]
}

# --- 生活環境課 -------------------------------------------------------------------------------

BULKY_ITEMS = [
    ("sofa", "ソファ", "Sofa"),
    ("bed", "ベッド（枠）", "Bed frame"),
    ("mattress", "マットレス", "Mattress"),
    ("chest", "タンス・食器棚・本棚", "Chest of drawers, cupboard or bookcase"),
    ("table", "テーブル・机", "Table or desk"),
    ("chair", "いす", "Chair"),
    ("bicycle", "自転車", "Bicycle"),
    ("carpet", "カーペット・じゅうたん", "Carpet or rug"),
    ("futon", "布団・毛布（2枚で1点）", "Futon or blanket (2 count as 1 item)"),
    ("heater", "石油ストーブ・ファンヒーター（灯油を抜いたもの）", "Oil heater (emptied of kerosene)"),
    ("microwave", "電子レンジ", "Microwave oven"),
    OTHER,
]

SODAI_GOMI = {
    "steps": [
        _step(
            "applicant",
            "申込者",
            "Applicant",
            [
                _name(),
                _address(
                    ja="収集にうかがう住所",
                    en="Collection address",
                    hint=(
                        "住民記録の住所から収集します。別の場所からの収集は生活環境課へご相談ください。",
                        "We collect from your registered address. For another place, contact the Living "
                        "Environment Division.",
                    ),
                ),
                _phone(
                    hint=(
                        "収集日の調整や、品物の確認のためにお電話します。",
                        "We call to arrange the day or check the items.",
                    )
                ),
                _email(),
            ],
        ),
        _step(
            "items",
            "出すもの",
            "Items",
            [
                _field(
                    "item_list",
                    "group",
                    "品目",
                    "Items",
                    hint=(
                        "エアコン・テレビ・冷蔵庫（冷凍庫）・洗濯機（衣類乾燥機）とパソコンは収集できません。"
                        "購入した店や製造元のリサイクルをご利用ください。",
                        "Air conditioners, TVs, refrigerators, washing machines and computers cannot be "
                        "collected: use the shop's or the maker's recycling scheme.",
                    ),
                    required=True,
                    min=1,
                    max=10,
                    fields=[
                        _choice("item", "品目", "Item", BULKY_ITEMS, widget="select"),
                        _field("count", "number", "点数", "Number", required=True, min=1, max=10),
                        _field(
                            "detail",
                            "text",
                            "品名・大きさ（その他の場合）",
                            "What it is and its size (if other)",
                            max_length=100,
                        ),
                    ],
                ),
                _field(
                    "items",
                    "number",
                    "合計点数",
                    "Total number of items",
                    hint=(
                        "上の品目の点数の合計を入力してください。手数料は1点1,000円です。1回に20点まで申し込めます。",
                        "The total of the numbers above. 1,000 yen per item; up to 20 items at a time.",
                    ),
                    required=True,
                    min=1,
                    max=20,
                ),
                _field(
                    "fee",
                    "fee",
                    "手数料",
                    "Fee",
                    hint=(
                        "お支払いの方法は、収集日のお知らせと一緒にご案内します。",
                        "We tell you how to pay with the collection date.",
                    ),
                    unit_price=1000,
                    times="items",
                ),
                _field(
                    "preferred_date",
                    "date",
                    "収集の希望日",
                    "Preferred collection date",
                    hint=(
                        "申込みから5開庁日以降の日を選んでください。ご希望に沿えない場合は、収集日をお知らせします。",
                        "Choose a day at least 5 business days ahead. If it is not possible, we tell you the "
                        "day.",
                    ),
                    required=True,
                    min="today",
                ),
                _choice(
                    "place",
                    "出す場所",
                    "Where you will put the items",
                    [
                        ("entrance", "玄関先", "At the front door"),
                        ("gate", "門・敷地の入口", "At the gate"),
                        ("apartment", "集合住宅の指定場所", "The apartment's designated place"),
                        OTHER,
                    ],
                    hint=(
                        "収集日の朝8時30分までに出してください。立ち会いは不要です。",
                        "Put them out by 8:30 on the collection day. You need not be present.",
                    ),
                ),
                _field(
                    "place_detail",
                    "text",
                    "出す場所の詳しい説明",
                    "Details of the place",
                    required=True,
                    max_length=200,
                    show_if={"field": "place", "equals": "other"},
                ),
            ],
        ),
        _step(
            "confirm",
            "確認",
            "Declaration",
            [
                _declaration(
                    "記載内容に誤りがないことを確認しました。家電4品目・パソコンが含まれていないこと、"
                    "収集日の朝8時30分までに出すことを理解しました。",
                    "I have checked the details, confirm that no appliances covered by the recycling law or "
                    "computers are included, and will put the items out by 8:30 on the day.",
                )
            ],
        ),
    ]
}

INU_TOUROKU = {
    "steps": [
        _step(
            "owner",
            "飼い主",
            "Owner",
            [
                _name(),
                _address(),
                _choice(
                    "kept_at",
                    "犬を飼う場所",
                    "Where the dog lives",
                    [
                        ("home", "上の住所と同じ", "At the address above"),
                        ("elsewhere", "別の場所", "Elsewhere"),
                    ],
                ),
                _field(
                    "kept_address",
                    "address",
                    "犬を飼う場所の住所",
                    "Address where the dog lives",
                    required=True,
                    show_if={"field": "kept_at", "equals": "elsewhere"},
                ),
                _phone(),
                _email(),
            ],
        ),
        _step(
            "dog",
            "犬",
            "Dog",
            [
                _field("dog_name", "text", "犬の名前", "Dog's name", required=True, max_length=30),
                _field(
                    "breed",
                    "text",
                    "犬種",
                    "Breed",
                    hint=("雑種の場合は「雑種」と入力してください。", "For a mixed breed, enter 'mixed'."),
                    required=True,
                    max_length=50,
                ),
                _field(
                    "colour",
                    "text",
                    "毛色",
                    "Coat colour",
                    hint=("例：白、茶、黒白", "E.g. white, brown, black and white"),
                    required=True,
                    max_length=30,
                ),
                _choice("dog_sex", "性別", "Sex", [("male", "オス", "Male"), ("female", "メス", "Female")]),
                _choice(
                    "neutered",
                    "不妊・去勢手術",
                    "Spayed or neutered",
                    [
                        ("yes", "済み", "Yes"),
                        ("no", "していない", "No"),
                        ("unknown", "わからない", "Not sure"),
                    ],
                    required=False,
                ),
                _field(
                    "dog_birth_date",
                    "date",
                    "生年月日",
                    "Date of birth",
                    hint=(
                        "正確にわからない場合は、おおよその日で構いません。生後91日以上の犬が登録の対象です。",
                        "An approximate date is fine. Dogs aged 91 days or more must be registered.",
                    ),
                    required=True,
                    max="today",
                ),
                _field(
                    "acquired_on",
                    "date",
                    "飼い始めた日",
                    "Date you got the dog",
                    hint=(
                        "飼い始めた日（生後90日以内に飼い始めた場合は、生後90日を過ぎた日）から30日以内に登録してください。",
                        "Register within 30 days of getting the dog (or of it turning 90 days old).",
                    ),
                    required=True,
                    max="today",
                ),
            ],
        ),
        _step(
            "rabies",
            "狂犬病予防注射",
            "Rabies vaccination",
            [
                _field(
                    "rabies_date",
                    "date",
                    "注射を受けた日",
                    "Date of vaccination",
                    hint=(
                        "今年度（4月1日以降）に受けた注射の日付です。",
                        "The date of this fiscal year's vaccination (from 1 April).",
                    ),
                    required=True,
                    max="today",
                ),
                _field(
                    "clinic",
                    "text",
                    "動物病院名（任意）",
                    "Veterinary clinic (optional)",
                    max_length=100,
                ),
                _field(
                    "rabies_certificate",
                    "file",
                    "狂犬病予防注射済証",
                    "Rabies vaccination certificate",
                    hint=(
                        "動物病院で受け取った注射済証の写真かPDF（10MBまで）。鑑札は郵送します。"
                        "注射済票の交付（550円）が必要な場合は別にご案内します。",
                        "A photo or PDF of the certificate from the vet (up to 10 MB). We post the licence "
                        "tag; "
                        "if a vaccination tag (550 yen) is also needed, we will tell you.",
                    ),
                    required=True,
                    accept=["application/pdf", "image/jpeg", "image/png"],
                    max_size=10 * 1024 * 1024,
                ),
                _field("fee", "fee", "登録手数料", "Registration fee", amount=3000),
                _declaration(
                    "記載内容に誤りがないことを確認しました。登録は犬の一生に一度で、飼い主や住所が変わったときは届け出ることを理解しました。",
                    "I have checked the details, and understand that a dog is registered once in its life "
                    "and "
                    "that changes of owner or address must be notified.",
                ),
            ],
        ),
    ]
}

# --- 生涯学習課・秘書広聴課 ----------------------------------------------------------------------

FACILITIES = [
    ("chuo_hall", "中央公民館 大会議室", "Central Community Centre, main meeting room"),
    ("chuo_washitsu", "中央公民館 和室", "Central Community Centre, Japanese-style room"),
    ("chuo_kitchen", "中央公民館 調理実習室", "Central Community Centre, cooking room"),
    ("nagayama_room", "長山地区公民館 会議室", "Nagayama Community Centre, meeting room"),
    ("shironouchi_hall", "城ノ内地区公民館 多目的ホール", "Shironouchi Community Centre, multi-purpose hall"),
    ("gym_half", "市民体育館 アリーナ（半面）", "City Gymnasium, half of the arena"),
    ("gym_table_tennis", "市民体育館 卓球室", "City Gymnasium, table-tennis room"),
]

SHISETSU = {
    "steps": [
        _step(
            "applicant",
            "申請者",
            "Applicant",
            [
                _name(),
                _address(),
                _field(
                    "group_name",
                    "text",
                    "団体名（任意）",
                    "Group name (optional)",
                    hint=(
                        "個人で使う場合は空欄のままで構いません。",
                        "Leave empty if you use it as an individual.",
                    ),
                    max_length=100,
                ),
                _phone(),
                _email(),
            ],
        ),
        _step(
            "booking",
            "使用内容",
            "Booking",
            [
                _choice("facility", "施設・部屋", "Facility and room", FACILITIES, widget="select"),
                _field(
                    "use_date",
                    "date",
                    "使用日",
                    "Date",
                    hint=(
                        "使用日の2か月前の月の1日から申し込めます。",
                        "Bookings open on the 1st of the month two months ahead.",
                    ),
                    required=True,
                    min="today",
                ),
                _choice(
                    "start_time",
                    "開始時刻",
                    "Start time",
                    [(f"{hour:02d}00", f"{hour}:00", f"{hour}:00") for hour in range(9, 21)],
                    widget="select",
                ),
                _field(
                    "hours",
                    "number",
                    "使用時間",
                    "Hours",
                    hint=(
                        "準備と片付けの時間を含めてください。夜間は21時30分までに退館してください。",
                        "Include setting up and clearing away. In the evening, leave by 21:30.",
                    ),
                    required=True,
                    min=1,
                    max=8,
                ),
                _field(
                    "fee",
                    "fee",
                    "使用料（目安）",
                    "Fee (estimate)",
                    hint=(
                        "1時間500円で計算した目安です。部屋や営利目的かどうかで異なり、許可のときに確定額をお知らせします。",
                        "An estimate at 500 yen an hour; it varies by room and for commercial use. The exact "
                        "fee comes with the approval.",
                    ),
                    unit_price=500,
                    times="hours",
                ),
                _field(
                    "event_name",
                    "text",
                    "催し・活動の名称",
                    "Event or activity",
                    required=True,
                    max_length=100,
                ),
                _field(
                    "activity",
                    "long_text",
                    "活動の内容（任意）",
                    "What you will do (optional)",
                    max_length=1000,
                ),
                _field(
                    "attendees",
                    "number",
                    "参加予定人数",
                    "Expected attendance",
                    required=True,
                    min=1,
                    max=500,
                ),
                _choice(
                    "admission",
                    "入場料・参加費の徴収や営利目的の使用",
                    "Admission charge or commercial use",
                    [("no", "なし", "No"), ("yes", "あり", "Yes")],
                    hint=(
                        "ありの場合、使用料が異なります。物品の販売も含みます。",
                        "If yes, a different fee applies. This includes selling goods.",
                    ),
                ),
                _choice(
                    "equipment",
                    "使用する備品（任意）",
                    "Equipment (optional)",
                    [
                        ("projector", "プロジェクター・スクリーン", "Projector and screen"),
                        ("microphone", "マイク・音響設備", "Microphone and sound system"),
                        ("whiteboard", "ホワイトボード", "Whiteboard"),
                        ("tables", "机・いすの追加", "Extra tables and chairs"),
                    ],
                    widget="checkbox",
                    required=False,
                ),
            ],
        ),
        _step(
            "confirm",
            "確認",
            "Declaration",
            [
                _declaration(
                    "記載内容に誤りがないことを確認しました。使用許可があるまで予約は確定しないこと、施設の使用規則を"
                    "守ることを理解しました。",
                    "I have checked the details, understand that the booking is not confirmed until "
                    "approved, "
                    "and will follow the facility's rules.",
                )
            ],
        ),
    ]
}

SOUDAN = {
    "steps": [
        _step(
            "consultation",
            "相談の内容",
            "Consultation",
            [
                _choice(
                    "consultation_type",
                    "相談の種類",
                    "Type of consultation",
                    [
                        ("legal", "法律相談（弁護士・30分）", "Legal (a lawyer, 30 minutes)"),
                        (
                            "administrative",
                            "行政相談（行政相談委員）",
                            "Administrative (a government counsellor)",
                        ),
                        (
                            "consumer",
                            "消費生活相談（消費生活相談員）",
                            "Consumer affairs (a consumer adviser)",
                        ),
                        (
                            "human_rights",
                            "人権相談（人権擁護委員）",
                            "Human rights (a civil liberties commissioner)",
                        ),
                        (
                            "registration",
                            "登記・相続手続相談（司法書士）",
                            "Registration and inheritance (a judicial scrivener)",
                        ),
                    ],
                    hint=(
                        "相談は無料で、秘密は守られます。急ぎの消費者トラブルは消費者ホットライン188もご利用ください。",
                        "Consultations are free and confidential. For urgent consumer trouble you can also "
                        "call "
                        "the consumer hotline 188.",
                    ),
                ),
                _choice(
                    "legal_topic",
                    "法律相談の分野",
                    "Area of law",
                    [
                        ("inheritance", "相続・遺言", "Inheritance or wills"),
                        ("debt", "借金・債務整理", "Debt"),
                        ("family", "離婚・家族", "Divorce or family"),
                        ("labour", "労働・雇用", "Work or employment"),
                        ("property", "土地・建物・近隣", "Land, buildings or neighbours"),
                        ("accident", "交通事故", "Traffic accident"),
                        OTHER,
                    ],
                    widget="select",
                    show_if={"field": "consultation_type", "equals": "legal"},
                ),
                _choice(
                    "legal_before",
                    "同じ内容の法律相談を今年度すでに受けましたか",
                    "Have you had a legal consultation on the same matter this fiscal year?",
                    YES_NO,
                    show_if={"field": "consultation_type", "equals": "legal"},
                    hint=(
                        "同じ内容の法律相談は年度に1回までです。",
                        "One legal consultation per fiscal year on the same matter.",
                    ),
                ),
                _field(
                    "summary",
                    "long_text",
                    "相談内容の概要",
                    "Outline of your matter",
                    hint=(
                        "相談員が準備するため、差し支えない範囲で簡単に書いてください。契約書などの資料は当日お持ちください。",
                        "A short outline, as much as you are comfortable with, so the adviser can prepare. "
                        "Bring "
                        "contracts or other documents on the day.",
                    ),
                    required=True,
                    max_length=400,
                ),
            ],
        ),
        _step(
            "schedule",
            "希望日時",
            "Preferred dates",
            [
                _field(
                    "preferred_date_1",
                    "date",
                    "第1希望日",
                    "First preferred date",
                    hint=(
                        "相談日は種類ごとに決まっています（法律相談は毎月第2・第4水曜日など）。近い相談日をご案内します。",
                        "Each type has set days (e.g. legal: 2nd and 4th Wednesdays). We offer the nearest "
                        "one.",
                    ),
                    required=True,
                    min="today",
                ),
                _field(
                    "preferred_date_2",
                    "date",
                    "第2希望日（任意）",
                    "Second preferred date (optional)",
                    min="today",
                ),
                _field(
                    "preferred_date_3",
                    "date",
                    "第3希望日（任意）",
                    "Third preferred date (optional)",
                    min="today",
                ),
                _choice(
                    "time_slot",
                    "希望の時間帯",
                    "Preferred time",
                    [
                        ("morning", "午前（9時〜12時）", "Morning (9:00–12:00)"),
                        ("afternoon", "午後（13時〜16時）", "Afternoon (13:00–16:00)"),
                        ("any", "どちらでもよい", "Either"),
                    ],
                ),
            ],
        ),
        _step(
            "contact",
            "連絡先",
            "Contact",
            [
                _name(
                    hint=(
                        "ログインしている方は住民記録から自動で入力します。",
                        "Filled in from the resident register if you are signed in.",
                    )
                ),
                _phone(
                    hint=(
                        "予約日時のご連絡に使います。",
                        "Used to confirm the appointment.",
                    )
                ),
                _email(),
                _choice(
                    "contact_by",
                    "予約確定の連絡方法",
                    "How to confirm the booking",
                    [("phone", "電話", "Phone"), ("email", "メール", "E-mail")],
                ),
                _declaration(
                    "記載内容に誤りがないことを確認しました。相談内容は予約の調整と相談のためだけに使われることを理解しました。",
                    "I have checked the details and understand that what I wrote is used only to arrange and "
                    "hold the consultation.",
                ),
            ],
        ),
    ]
}


FORMS: list[dict[str, Any]] = [
    {
        "code": "juminhyo-utsushi",
        "title": "住民票の写しの交付請求",
        "title_en": "Request a copy of your residence record",
        "definition": JUMINHYO,
    },
    {
        "code": "tennyu-jizen",
        "title": "転入届の事前申請",
        "title_en": "Advance notice of moving in",
        "definition": TENNYU_JIZEN,
    },
    {"code": "tenshutsu", "title": "転出届", "title_en": "Move-out notification", "definition": TENSHUTSU},
    {
        "code": "tenkyo",
        "title": "転居届",
        "title_en": "Change of address within the city",
        "definition": TENKYO,
    },
    {
        "code": "jidou-teate-nintei",
        "title": "児童手当 認定請求書",
        "title_en": "Child allowance application",
        "definition": JIDOU_TEATE,
    },
    {
        "code": "kodomo-iryouhi",
        "title": "こども医療費助成 受給者証交付申請",
        "title_en": "Children's medical expense subsidy application",
        "definition": KODOMO_IRYOUHI,
    },
    {
        "code": "sodai-gomi",
        "title": "粗大ごみ収集の申込み",
        "title_en": "Bulky waste collection booking",
        "definition": SODAI_GOMI,
    },
    {
        "code": "inu-touroku",
        "title": "犬の登録申請",
        "title_en": "Dog registration",
        "definition": INU_TOUROKU,
    },
    {
        "code": "kazei-shomei",
        "title": "課税（所得）証明書の交付請求",
        "title_en": "Request a tax (income) certificate",
        "definition": KAZEI_SHOMEI,
    },
    {
        "code": "nozei-shomei",
        "title": "納税証明書の交付請求",
        "title_en": "Request a tax payment certificate",
        "definition": NOZEI_SHOMEI,
    },
    {
        "code": "inkan-shomei",
        "title": "印鑑登録証明書の交付請求",
        "title_en": "Request a seal registration certificate",
        "definition": INKAN_SHOMEI,
    },
    {
        "code": "hoikusho-moushikomi",
        "title": "保育所等の入所申込み",
        "title_en": "Nursery place application",
        "definition": HOIKUSHO,
    },
    {
        "code": "kokuho-kanyu-dattai",
        "title": "国民健康保険の加入・脱退の届出",
        "title_en": "Joining or leaving National Health Insurance",
        "definition": KOKUHO,
    },
    {
        "code": "shisetsu-shiyou",
        "title": "公共施設の使用申請",
        "title_en": "Public facility booking",
        "definition": SHISETSU,
    },
    {
        "code": "soudan-yoyaku",
        "title": "各種相談の予約",
        "title_en": "Consultation booking",
        "definition": SOUDAN,
    },
]
