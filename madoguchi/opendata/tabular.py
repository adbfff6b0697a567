"""表形式データの取り込み — decode, convert and validate an uploaded table.

Uploads come from many desks: UTF-8 with or without a BOM, CP932 (Excel's "CSV" on Japanese
Windows), or an Excel workbook. Everything is turned into one form — UTF-8 CSV rows with the
current standard headers — before it is validated, stored or loaded, so the rest of the portal
never guesses an encoding again.

The validation report (検証結果) lists each problem with its row (the line in the file, the
header being row 1) and column, in the editor's language (Japanese by default). Errors block
publishing; warnings do not.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from charset_normalizer import from_bytes
from django.utils.translation import gettext as _

from madoguchi.opendata.standards import StandardDataset
from madoguchi.organization.validators import local_government_check_digit

# A cell starting with one of these is run as a formula by spreadsheet programs (CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"^[+-]?[0-9]+(\.[0-9]+)?$")
_MAX_REPORTED = 200
_JAPANESE_ENCODINGS = {"cp932", "shift_jis", "shift_jis_2004", "shift_jisx0213", "euc_jp", "iso2022_jp"}


class UnreadableTable(Exception):
    """The upload cannot be read as a table at all (binary, unknown encoding, broken workbook)."""


@dataclass
class Table:
    header: list[str]
    rows: list[list[str]]
    encoding: str = "utf-8"
    warnings: list[dict] = field(default_factory=list)


@dataclass
class Report:
    errors: list[dict] = field(default_factory=list)
    warnings: list[dict] = field(default_factory=list)
    encoding: str = ""
    row_count: int = 0
    columns: list[str] = field(default_factory=list)
    truncated: bool = False

    def error(self, row: int | None, column: str, message: str) -> None:
        if len(self.errors) >= _MAX_REPORTED:
            self.truncated = True
            return
        self.errors.append({"row": row, "column": column, "message": message})

    def warn(self, row: int | None, column: str, message: str) -> None:
        if len(self.warnings) < _MAX_REPORTED:
            self.warnings.append({"row": row, "column": column, "message": message})

    def as_dict(self) -> dict:
        return {
            "errors": self.errors,
            "warnings": self.warnings,
            "encoding": self.encoding,
            "row_count": self.row_count,
            "columns": self.columns,
            "truncated": self.truncated,
        }


def is_formula(value: str) -> bool:
    """A cell a spreadsheet would evaluate; a plain negative number (-12.5) is not one."""
    return bool(value) and value.startswith(FORMULA_PREFIXES) and not _NUMBER.match(value)


def neutralise(value: str) -> str:
    """Make a formula cell inert for spreadsheets (OWASP: prefix with a single quote)."""
    return f"'{value}" if is_formula(value) else value


def decode(data: bytes) -> tuple[str, str]:
    """The text of an upload and the encoding it was in: ``utf-8``, ``utf-8-sig`` or ``cp932``.

    Shift_JIS files are decoded as CP932, its Windows superset (①, ㈱, NEC special characters),
    which is what Japanese Excel writes.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp932"), "cp932"
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None or best.encoding not in _JAPANESE_ENCODINGS:
        raise UnreadableTable(_("文字コードを判別できません。UTF-8 または Shift_JIS で保存してください。"))
    return str(best), best.encoding


def read_csv(data: bytes) -> Table:
    text, encoding = decode(data)
    if "\x00" in text:
        raise UnreadableTable(_("表形式のファイルではありません（バイナリデータを含みます）。"))
    rows = list(csv.reader(io.StringIO(text, newline="")))
    while rows and not any(cell.strip() for cell in rows[-1]):
        rows.pop()
    if not rows:
        raise UnreadableTable(_("ファイルが空です。"))
    return Table(header=[cell.strip() for cell in rows[0]], rows=rows[1:], encoding=encoding)


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(timespec="minutes")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def read_excel(data: bytes) -> Table:
    """The first worksheet as a table, with warnings for what is not machine-readable.

    Merged cells, title rows above the header, several sheets and notes written into cells are
    what keeps a workbook from being "machine-readable" in the Digital Agency's guide.
    """
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), data_only=True)
    except Exception as exc:  # openpyxl raises many types for a broken or foreign file
        raise UnreadableTable(_("Excelファイルとして読み込めません。")) from exc
    sheet = workbook.worksheets[0]
    warnings: list[dict] = []
    if len(workbook.worksheets) > 1:
        warnings.append(
            {
                "row": None,
                "column": "",
                "message": _("シートが複数あります。最初のシート「%(name)s」だけを取り込みました。")
                % {"name": sheet.title},
            }
        )
    for merged in sheet.merged_cells.ranges:
        warnings.append(
            {
                "row": merged.min_row,
                "column": merged.coord,
                "message": _(
                    "セルが結合されています（%(range)s）。結合を解除し、各セルに値を入れてください。"
                )
                % {"range": merged.coord},
            }
        )
    rows = [[_cell_text(value) for value in row] for row in sheet.iter_rows(values_only=True)]
    while rows and not any(cell.strip() for cell in rows[-1]):
        rows.pop()
    # Title rows: rows above the header with a single filled cell (「○○一覧（令和7年4月1日現在）」).
    skipped = 0
    while rows and sum(1 for cell in rows[0] if cell.strip()) <= 1 and len(rows) > 1:
        skipped += 1
        rows.pop(0)
    if skipped:
        warnings.append(
            {
                "row": skipped,
                "column": "",
                "message": _("表の上に見出しなどの行が %(count)s 行あります。1行目を項目名にしてください。")
                % {"count": skipped},
            }
        )
    if not rows:
        raise UnreadableTable(_("ファイルが空です。"))
    width = max(len(row) for row in rows)
    while width and not any(len(row) >= width and row[width - 1].strip() for row in rows):
        width -= 1
    table = [row[:width] + [""] * (width - len(row)) for row in rows]
    for index, row in enumerate(table[1:], start=skipped + 2):
        for column, cell in enumerate(row):
            if "\n" in cell:
                warnings.append(
                    {
                        "row": index,
                        "column": table[0][column],
                        "message": _("セルの中で改行しています。注記は備考の列に書いてください。"),
                    }
                )
    return Table(
        header=[cell.strip() for cell in table[0]], rows=table[1:], encoding="xlsx", warnings=warnings
    )


def read_table(filename: str, data: bytes) -> Table:
    if filename.lower().endswith((".xlsx", ".xlsm")):
        return read_excel(data)
    return read_csv(data)


def map_headers(header: list[str], standard: StandardDataset | None) -> tuple[list[str], list[dict]]:
    """Rename older 推奨データセット headers to the current ones; returns the header and notes."""
    if standard is None:
        return header, []
    current = {item["name"] for item in standard.fields}
    aliases = {
        alias: item["name"] for item in standard.fields for alias in item.get("x-madoguchi-aliases", [])
    }
    mapped: list[str] = []
    notes: list[dict] = []
    for name in header:
        if name not in current and name in aliases and aliases[name] not in header:
            notes.append(
                {
                    "row": 1,
                    "column": name,
                    "message": _("旧い項目名「%(old)s」を「%(new)s」として読み込みました。")
                    % {"old": name, "new": aliases[name]},
                }
            )
            mapped.append(aliases[name])
        else:
            mapped.append(name)
    return mapped, notes


def _check_value(report: Report, row: int, spec: dict, value: str) -> None:
    column = spec["name"]
    constraints = spec.get("constraints", {})
    if value == "":
        if constraints.get("required"):
            report.error(row, column, _("必須項目が空です。"))
        return
    kind = spec.get("type", "string")
    if kind in {"integer", "number"}:
        try:
            number = Decimal(value)
        except InvalidOperation:
            report.error(row, column, _("数値ではありません：「%(value)s」") % {"value": value[:40]})
            return
        if kind == "integer" and number != number.to_integral_value():
            report.error(row, column, _("整数で入力してください：「%(value)s」") % {"value": value[:40]})
            return
        if "minimum" in constraints and number < Decimal(str(constraints["minimum"])):
            report.error(row, column, _("%(minimum)s 以上の値にしてください。") % constraints)
        if "maximum" in constraints and number > Decimal(str(constraints["maximum"])):
            report.error(row, column, _("%(maximum)s 以下の値にしてください。") % constraints)
    elif kind == "date":
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            report.error(
                row,
                column,
                _("日付は YYYY-MM-DD の形式で入力してください：「%(value)s」") % {"value": value[:40]},
            )
    if "pattern" in constraints and not re.fullmatch(constraints["pattern"], value):
        report.error(row, column, _pattern_message(spec, value))
    if "enum" in constraints and value not in constraints["enum"]:
        report.error(
            row,
            column,
            _("「%(value)s」は使えません。次のいずれかにしてください：%(choices)s")
            % {"value": value[:40], "choices": "、".join(constraints["enum"])},
        )
    rule = spec.get("x-madoguchi-rule")
    if rule == "local_government_code" and re.fullmatch(r"[0-9]{6}", value):
        if local_government_check_digit(value[:5]) != int(value[5]):
            report.error(row, column, _("全国地方公共団体コードの検査数字が正しくありません。"))
    elif rule == "coordinate" and _NUMBER.match(value):
        decimals = len(value.split(".")[1]) if "." in value else 0
        if decimals != 6:
            report.warn(row, column, _("小数点以下6桁で入力してください：「%(value)s」") % {"value": value})


def _pattern_message(spec: dict, value: str) -> str:
    title = spec.get("title", "")
    shown = value[:40]
    if spec["name"].endswith("_カナ"):
        return _("全角カタカナで入力してください：「%(value)s」") % {"value": shown}
    if title == "hh:mm" or spec["name"].endswith("時間"):
        return _("時刻は hh:mm（例 08:30）で入力してください：「%(value)s」") % {"value": shown}
    if spec["name"] == "URL":
        return _("URLは http:// または https:// で始めてください：「%(value)s」") % {"value": shown}
    if "曜日" in spec["name"]:
        return _("曜日は「月火水木金」のように月火水木金土日祝で入力してください：「%(value)s」") % {
            "value": shown
        }
    return _("形式が正しくありません：「%(value)s」") % {"value": shown}


def validate(table: Table, standard: StandardDataset | None) -> tuple[list[str], Report]:
    """Check a table: its shape and cells always, and the standard's rules when one applies.

    Returns the (mapped) header and the report. A ragged row, a formula cell or a broken rule is
    an error; a column the standard does not know is a warning.
    """
    report = Report(encoding=table.encoding, row_count=len(table.rows))
    for item in table.warnings:
        report.warn(item["row"], item["column"], item["message"])
    header, notes = map_headers(table.header, standard)
    report.columns = header
    for note in notes:
        report.warn(note["row"], note["column"], note["message"])
    seen: set[str] = set()
    for position, name in enumerate(header, start=1):
        if not name:
            report.error(1, str(position), _("%(position)s列目の項目名が空です。") % {"position": position})
        elif name in seen:
            report.error(1, name, _("項目名「%(name)s」が重複しています。") % {"name": name})
        seen.add(name)
    specs: dict[str, dict] = {}
    if standard is not None:
        specs = {item["name"]: item for item in standard.fields}
        for item in standard.fields:
            if item.get("constraints", {}).get("required") and item["name"] not in header:
                report.error(
                    1, item["name"], _("必須の項目「%(name)s」がありません。") % {"name": item["name"]}
                )
        for name in header:
            if name and name not in specs:
                report.warn(1, name, _("標準にない項目「%(name)s」です。") % {"name": name})
    width = len(header)
    for index, row in enumerate(table.rows, start=2):
        if len(row) != width:
            report.error(
                index,
                "",
                _("列の数が項目名と合いません（項目 %(expected)s 列、この行 %(actual)s 列）。")
                % {"expected": width, "actual": len(row)},
            )
            continue
        for name, value in zip(header, row, strict=True):
            if is_formula(value):
                report.error(
                    index,
                    name,
                    _("数式として実行されるおそれのある値です：「%(value)s」") % {"value": value[:40]},
                )
                continue
            spec = specs.get(name)
            if spec is not None:
                _check_value(report, index, spec, value.strip())
    return header, report


def to_csv(header: list[str], rows: list[list[str]]) -> bytes:
    """UTF-8 CSV (no BOM) with CRLF line ends, as the government's CSV guide asks."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")
