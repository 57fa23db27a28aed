"""Reading a tracking spreadsheet (CSV or XLSX) into rows of known fields, strictly, and a
one-column sheet of organisation names (:func:`read_names`) the same way.

Headers are recognised by their usual names ("Contact Name", "Organisation", "Date
contacted", ...) or mapped explicitly; values are parsed per field and every cell that
cannot be read is reported with its row and column. Dates like 03/02/2026 are read in the
day/month order the column proves (a 25 in the first place means day first); a column
that proves nothing raises :class:`DateOrderNeeded` unless the caller says ``dmy`` or ``mdy``.
Only a name is required: a row without sent_on is a person to ask (a people list), and any
request or meeting field filled on such a row is reported, as it has no request to belong to.
"""

from __future__ import annotations

import csv
import io
import os
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import IO, Any

from coach.importers.common import DateOrderNeeded, ImportProblem, Rejection, where
from coach.importers.common import read_source as common_read_source
from coach.importers.unzip import Refused, check_entries
from coach.vocabulary import CHANNELS, OUTCOMES, SOURCES, WARMTHS, either

FIELDS = (
    "name",
    "first_name",
    "last_name",
    "company",
    "position",
    "email",
    "profile_url",
    "warmth",
    "source",
    "referred_by",
    "channel",
    "sent_on",
    "followed_up_on",
    "responded_on",
    "outcome",
    "meeting_on",
    "career_option",
    "fit",
    "thank_you_on",
    "notes",
)
DATE_FIELDS = ("sent_on", "followed_up_on", "responded_on", "meeting_on", "thank_you_on")
# The fields of a request and of the meeting it led to, each with why it needs the request: a row
# without sent_on adds or updates its contact only, so any of these filled there is rejected.
REQUEST_FIELDS = {
    "channel": "the channel is how a request was sent",
    "followed_up_on": "a follow-up nudges a request",
    "responded_on": "an answer replies to a request",
    "outcome": "an outcome is how a request was answered",
    "referred_by": "a referral is dated by the request it led to",
    "meeting_on": "a sheet's meeting is imported with the request that led to it",
    "fit": "fit rates a meeting, and a sheet's meeting is imported with its request",
    "thank_you_on": "a thank-you follows a meeting, and a sheet's meeting is imported with its request",
}
HEADER_SCAN_ROWS = 20
ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
OLE_MAGIC = b"\xd0\xcf\x11\xe0"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
# Far more than anyone tracks by hand; a longer file is refused before it fills memory.
MAX_ROWS = 50_000
# A workbook's parts are XML that openpyxl reads slowly (20 MB of shared strings take seconds):
# one packed more than 100 to 1 is refused from 10 MB on, not only from 100 MB.
WORKBOOK_RATIO_CHECKED_ABOVE = 10_000_000

# Other headers people use, normalised (lower case, words separated by one space).
SYNONYMS = {
    "name": (
        "name",
        "contact",
        "contact name",
        "full name",
        "person",
        "who",
        "contact person",
        "interviewee",
    ),
    "first_name": ("first name", "first", "given name", "firstname", "forename"),
    "last_name": ("last name", "last", "surname", "family name", "lastname"),
    "company": ("company", "organisation", "organization", "org", "employer", "firm", "company name"),
    "position": ("position", "title", "job title", "role", "job"),
    "email": ("email", "e mail", "email address", "e mail address", "mail"),
    "profile_url": (
        "profile url",
        "linkedin",
        "linkedin url",
        "linkedin profile",
        "profile",
        "url",
        "linkedin profile url",
    ),
    "warmth": ("warmth", "relationship", "connection type", "tie", "connection strength"),
    "source": ("source", "found via", "found through", "how found", "where found", "lead source"),
    "referred_by": (
        "referred by",
        "referrer",
        "referral from",
        "introduced by",
        "intro from",
        "referred from",
    ),
    "channel": ("channel", "via", "method", "medium", "contact method", "how contacted", "outreach channel"),
    "sent_on": (
        "sent on",
        "sent",
        "date sent",
        "date contacted",
        "contacted on",
        "contacted",
        "outreach date",
        "request date",
        "asked on",
        "date",
        "first contact",
        "reached out",
        "date reached out",
        "sent date",
    ),
    "followed_up_on": (
        "followed up on",
        "follow up",
        "follow up date",
        "followed up",
        "follow up on",
        "nudged on",
        "nudge date",
        "follow up sent",
    ),
    "responded_on": (
        "responded on",
        "response date",
        "replied on",
        "date replied",
        "reply date",
        "answered on",
        "responded",
        "replied",
        "date responded",
    ),
    "outcome": ("outcome", "result", "response", "status", "answer"),
    "meeting_on": (
        "meeting on",
        "meeting date",
        "interview date",
        "met on",
        "meeting",
        "call date",
        "informational interview date",
        "chat date",
        "meeting day",
    ),
    "career_option": ("career option", "career path", "option", "path", "field", "career"),
    "fit": ("fit", "fit rating", "rating", "score", "fit score"),
    "thank_you_on": (
        "thank you on",
        "thank you sent",
        "thank you date",
        "thanked on",
        "thank you",
        "ty sent",
        "thank you note sent",
        "thank you sent on",
    ),
    "notes": ("notes", "note", "comments", "comment", "remarks"),
}
HEADER_FIELDS = {synonym: name for name, synonyms in SYNONYMS.items() for synonym in synonyms} | {
    name.replace("_", " "): name for name in FIELDS
}

# Values people write, normalised (lower case, words joined by "_"), to the stored value.
WARMTH = {
    "inner_circle": "inner_circle",
    "inner": "inner_circle",
    "close": "inner_circle",
    "friend": "inner_circle",
    "friends": "inner_circle",
    "family": "inner_circle",
    "friends_and_family": "inner_circle",
    "shared_affiliation": "shared_affiliation",
    "shared": "shared_affiliation",
    "affiliation": "shared_affiliation",
    "alumni": "shared_affiliation",
    "alum": "shared_affiliation",
    "alumnus": "shared_affiliation",
    "alumna": "shared_affiliation",
    "referral": "referral",
    "referred": "referral",
    "intro": "referral",
    "introduction": "referral",
    "cold": "cold",
    "stranger": "cold",
    "unknown": "unknown",
}
CHANNEL = {
    "email": "email",
    "e_mail": "email",
    "mail": "email",
    "gmail": "email",
    "linkedin": "linkedin",
    "li": "linkedin",
    "linked_in": "linkedin",
    "inmail": "linkedin",
    "linkedin_message": "linkedin",
    "linkedin_inmail": "linkedin",
    "phone": "phone",
    "call": "phone",
    "telephone": "phone",
    "tel": "phone",
    "phone_call": "phone",
    "letter": "letter",
    "post": "letter",
    "postal": "letter",
    "in_person": "in_person",
    "inperson": "in_person",
    "face_to_face": "in_person",
    "f2f": "in_person",
    "other": "other",
}
SOURCE = {
    "linkedin": "linkedin",
    "li": "linkedin",
    "alumni": "alumni",
    "alum": "alumni",
    "alumni_directory": "alumni",
    "association": "association",
    "professional_association": "association",
    "event": "event",
    "conference": "event",
    "meetup": "event",
    "career_fair": "event",
    "referral": "referral",
    "referred": "referral",
    "other": "other",
}
OUTCOME: dict[str, str | None] = {
    "agreed": "agreed",
    "yes": "agreed",
    "y": "agreed",
    "accepted": "agreed",
    "agree": "agreed",
    "declined": "declined",
    "no": "declined",
    "n": "declined",
    "decline": "declined",
    "rejected": "declined",
    "refused": "declined",
    "replied": "replied",
    "responded": "replied",
    "reply": "replied",
    "answered": "replied",
    "none": None,
    "pending": None,
    "waiting": None,
    "no_response": None,
    "no_reply": None,
    "n_a": None,
    "na": None,
}
MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
_ISO = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")
_NUMERIC = re.compile(r"^(\d{1,2})([/.\-])(\d{1,2})\2(\d{4}|\d{2})$")
_DAY_MONTH = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?[ \-.]+([a-z]+)\.?,?[ \-.]+(\d{4}|\d{2})$")
_MONTH_DAY = re.compile(r"^([a-z]+)\.?[ \-.]+(\d{1,2})(?:st|nd|rd|th)?,?[ \-.]+(\d{4}|\d{2})$")


@dataclass
class Sheet:
    """A spreadsheet's rows under a recognised header."""

    file: str
    header_row: int
    columns: dict[str, int]
    headers: dict[str, str]
    ignored: list[str]
    rows: list[tuple[int, list[Any]]]
    rejected: list[Rejection] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    # Cells (row, column index) holding a formula with no saved value, and the formula.
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)

    def column(self, name: str) -> str:
        """The header of a field as written in the file."""
        return self.headers.get(name, name)


@dataclass
class Row:
    """One spreadsheet row with its values parsed."""

    line: int
    values: dict[str, Any]

    def get(self, name: str) -> Any:
        """A field's value, or None."""
        return self.values.get(name)


# --- reading -----------------------------------------------------------------


def read_source(
    source: str | os.PathLike[str] | bytes | bytearray | IO[bytes], file_name: str | None
) -> tuple[str, bytes]:
    """The spreadsheet's name and bytes, from a path, bytes or a binary file object."""
    return common_read_source(source, file_name, what="the spreadsheet file")


def read_sheet(
    label: str, data: bytes, mapping: dict[str, str | None] | None, *, sheet: str | None = None
) -> Sheet:
    """The rows under the header of a CSV or XLSX file.

    In a workbook, ``sheet`` names the sheet to read; by default the first sheet with a header
    row is read, and a note says which.
    """
    if _is_workbook(label, data, sheet=sheet):
        return _xlsx_sheet(label, data, mapping, sheet)
    return _csv_sheet(label, data, mapping)


def _is_workbook(label: str, data: bytes, *, sheet: str | None) -> bool:
    """Whether the file is an Excel workbook (else CSV text); a file that is neither, or a sheet
    asked of a CSV file, is refused saying what it is instead."""
    if not data.strip():
        raise ImportProblem(f"{label} is empty.", file=label)
    if data[:4] in ZIP_MAGIC:
        return True
    if data.startswith(OLE_MAGIC):
        raise ImportProblem(
            f"{label} is an old Excel file (.xls); save it as .xlsx or CSV and import that.", file=label
        )
    if data.startswith(UTF16_BOMS):
        raise ImportProblem(
            f"{label} is saved as UTF-16 text; save it as CSV UTF-8 (or .xlsx) and import it again.",
            file=label,
        )
    if label.lower().endswith((".xlsx", ".xlsm")):
        raise ImportProblem(
            f"{label} is not an Excel workbook: it does not start like one. Was it renamed, or saved by "
            "another program?",
            file=label,
        )
    if b"\x00" in data[:4096]:
        raise ImportProblem(
            f"{label} is not a CSV or Excel file (it holds binary data); is it a file of another program?",
            file=label,
        )
    if sheet is not None:
        raise ImportProblem(f"{label} is a CSV file: it has no sheets to choose from.", file=label)
    return False


def sheet_names(label: str, data: bytes) -> list[str]:
    """The names of a workbook's sheets in order; [] for a file that is not a readable workbook."""
    if data[:4] not in ZIP_MAGIC:
        return []
    try:
        book = _open_workbook(label, data, data_only=True)
    except ImportProblem:
        return []
    try:
        return list(book.sheetnames)
    finally:
        book.close()


def _csv_rows(
    label: str, text: str, delimiter: str, *, too_long: Callable[[str], ImportProblem]
) -> tuple[list[tuple[int, list[Any]]], list[Rejection]]:
    """A CSV text's records by line number, and a rejection for each line that is not valid CSV.

    :param too_long: the problem raised past MAX_ROWS lines (its words depend on what is read).
    """
    rows: list[tuple[int, list[Any]]] = []
    rejected: list[Rejection] = []
    for line, record, error in _records(text, delimiter):
        if line > MAX_ROWS:
            raise too_long(label)
        if error:
            rejected.append(Rejection(label, line, None, f"is not valid CSV ({error})"))
        else:
            rows.append((line, list(record)))
    return rows, rejected


def _csv_sheet(label: str, data: bytes, mapping: dict[str, str | None] | None) -> Sheet:
    text = _csv_text(label, data)
    first = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = max((",", ";", "\t"), key=lambda d: (_known(_split(first, d), mapping), d == ","))
    rows, rejected = _csv_rows(label, text, delimiter, too_long=_too_long)
    sheet = _under_header(label, rows, mapping)
    sheet.rejected = [r for r in rejected if r.line is not None and r.line > sheet.header_row]
    return sheet


def _csv_text(label: str, data: bytes) -> str:
    """A CSV file's text; one that is not UTF-8 text is refused, naming the row."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        row = data[: exc.start].count(b"\n") + 1
        raise ImportProblem(
            f"{where(label, row)}: the file is not UTF-8 text ({exc.reason}). Save it as CSV UTF-8 "
            "(or .xlsx) and import it again.",
            file=label,
            row=row,
        ) from exc
    if "\x00" in text:
        raise ImportProblem(f"{label} is not a text (CSV) file; is it a file of another program?", file=label)
    return text


def _too_long(label: str) -> ImportProblem:
    return ImportProblem(
        f"{label} has more than {MAX_ROWS:,} rows. A tracking spreadsheet holds one row per request "
        "sent or person to ask, kept by hand: is this the right file? If it is, split it and import the "
        "parts.",
        file=label,
    )


def _records(text: str, delimiter: str) -> Iterator[tuple[int, list[str], str | None]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    line = 0
    while True:
        line += 1
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield line, [], str(exc)
            continue
        yield line, record, None


def _split(line: str, delimiter: str) -> list[str]:
    try:
        return next(csv.reader([line], delimiter=delimiter), [])
    except csv.Error:
        return []


def _open_workbook(label: str, data: bytes, *, data_only: bool) -> Any:
    """The workbook in read-only mode, after its parts' sizes are checked (nothing too large is read)."""
    import openpyxl

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = {n.lower() for n in archive.namelist()}
            if "xl/workbook.xml" not in names:
                hint = (
                    " It looks like a LinkedIn export: import it with the LinkedIn importer."
                    if any(n.endswith("connections.csv") or n.endswith("messages.csv") for n in names)
                    else ""
                )
                raise ImportProblem(
                    f"{label} is a zip archive, not an Excel workbook (.xlsx).{hint}", file=label
                )
            check_entries(label, archive, "part", ratio_above=WORKBOOK_RATIO_CHECKED_ABOVE)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise ImportProblem(f"{label} is a damaged zip or Excel file ({exc}).", file=label) from exc
    try:
        return openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=data_only)
    except Exception as exc:  # openpyxl raises many kinds of error for a damaged or foreign file
        raise _unreadable(label, exc) from exc


def _unreadable(label: str, exc: Exception) -> ImportProblem:
    """What to say of a workbook openpyxl cannot read."""
    if isinstance(exc, zipfile.BadZipFile) and "CRC" in str(exc):
        part = str(exc).rsplit(" ", 1)[-1].strip("'\"")
        return Refused(
            f"{label}: its part {part} does not match what the zip says of it (its checksum differs): the "
            "file is damaged or was changed. Open it in Excel and save it again.",
            file=label,
        )
    return ImportProblem(
        f"{label} is not a readable Excel workbook ({type(exc).__name__}: {exc}).", file=label
    )


def _xlsx_sheet(label: str, data: bytes, mapping: dict[str, str | None] | None, wanted: str | None) -> Sheet:
    book = _open_workbook(label, data, data_only=True)
    problem: ImportProblem | None = None
    try:
        titles = list(book.sheetnames)
        if wanted is not None and wanted not in titles:
            shown = ", ".join(f'"{t}"' for t in titles)
            raise ImportProblem(f'{label} has no sheet "{wanted}"; its sheets are {shown}.', file=label)
        for title in [wanted] if wanted is not None else titles:
            rows = _worksheet_rows(f"{label} ({title})", book[title])
            try:
                sheet = _under_header(f"{label} ({title})", rows, mapping)
            except ImportProblem as exc:
                if wanted is not None:
                    raise
                problem = problem or exc
                continue
            others = ", ".join(f'"{t}"' for t in titles if t != title)
            if others:
                sheet.notes.append(f'Read the sheet "{title}" of {label}; not read: {others}.')
            if _has_formulas(data, book[title]):
                sheet.formulas = _formulas_without_values(label, data, title, sheet)
            return sheet
    except ImportProblem:
        raise
    except Exception as exc:  # openpyxl raises many kinds of error for a damaged or foreign file
        raise _unreadable(label, exc) from exc
    finally:
        book.close()
    raise problem or ImportProblem(f"{label} has no worksheet.", file=label)


def _worksheet_rows(
    label: str, worksheet: Any, too_long: Callable[[str], ImportProblem] | None = None
) -> list[tuple[int, list[Any]]]:
    rows = []
    for i, values in enumerate(worksheet.iter_rows(values_only=True), start=1):
        if i > MAX_ROWS:
            raise (too_long or _too_long)(label)
        rows.append((i, list(values)))
    return rows


_FORMULA_TAG = re.compile(rb"<(?:\w+:)?f[\s>/]")


def _has_formulas(data: bytes, worksheet: Any) -> bool:
    """Whether a worksheet's part may hold formulas (a quick look; True when it cannot tell)."""
    part = getattr(worksheet, "_worksheet_path", None)
    if not isinstance(part, str):
        return True
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return _FORMULA_TAG.search(archive.read(part.lstrip("/"))) is not None
    except (KeyError, zipfile.BadZipFile, OSError, ValueError):
        return True


def _formulas_without_values(label: str, data: bytes, title: str, sheet: Sheet) -> dict[tuple[int, int], str]:
    """The cells of the sheet's read columns, under its header, whose formula has no saved value.

    openpyxl gives such a cell as empty when reading values, and as its formula otherwise: the
    sheet is read a second time for the formulas, in step with the values already read.
    """
    wanted = set(sheet.columns.values())
    values = dict(sheet.rows)
    book = _open_workbook(label, data, data_only=False)
    found: dict[tuple[int, int], str] = {}
    try:
        for line, cells in enumerate(book[title].iter_rows(values_only=True), start=1):
            if line <= sheet.header_row or line not in values:
                continue
            shown = values[line]
            for index in wanted:
                formula = cells[index] if index < len(cells) else None
                value = shown[index] if index < len(shown) else None
                if value is None and isinstance(formula, str) and formula.startswith("="):
                    found[(line, index)] = formula
    finally:
        book.close()
    return found


# --- header ------------------------------------------------------------------


def normalise_header(text: Any) -> str:
    """A header as compared: lower case, words of letters and digits separated by one space."""
    return " ".join(re.sub(r"[^0-9a-z]+", " ", str(text or "").casefold()).split())


def _field_of(header: Any, mapping: dict[str, str | None] | None) -> str | None:
    """The field a header stands for; "" if the mapping ignores it, None if unknown."""
    text = str(header or "").strip()
    if mapping:
        for key, value in mapping.items():
            if key.strip() == text or normalise_header(key) == normalise_header(text):
                return value or ""
    return HEADER_FIELDS.get(normalise_header(text))


def _known(header: list[Any], mapping: dict[str, str | None] | None) -> int:
    return sum(1 for h in header if _field_of(h, mapping))


def _under_header(
    label: str, rows: list[tuple[int, list[Any]]], mapping: dict[str, str | None] | None
) -> Sheet:
    """Find the header row among the first rows and keep the rows under it."""
    _check_mapping(label, mapping)
    for index, (line, cells) in enumerate(rows[:HEADER_SCAN_ROWS]):
        fields = [_field_of(cell, mapping) for cell in cells]
        found = {f for f in fields if f}
        if len(found) >= 2 and found & {"name", "first_name", "sent_on"}:
            return _sheet(label, line, cells, fields, rows[index + 1 :])
    first = next((cells for _, cells in rows if any(c not in (None, "") for c in cells)), [])
    shown = ", ".join(repr(str(c)) for c in first if c not in (None, ""))[:200]
    raise ImportProblem(
        f"{label}: no header row found (first row: {shown or 'empty'}). Expected columns such as name, "
        "company, channel, sent_on; map your headers to these fields if they have other names.",
        file=label,
    )


def _check_mapping(label: str, mapping: dict[str, str | None] | None) -> None:
    for key, value in (mapping or {}).items():
        if value and value not in FIELDS:
            raise ImportProblem(
                f"The column mapping sends {key!r} to {value!r}, which is not a field. "
                f"Fields: {', '.join(FIELDS)}.",
                file=label,
            )


def _sheet(
    label: str, line: int, cells: list[Any], fields: list[str | None], rest: list[tuple[int, list[Any]]]
) -> Sheet:
    columns: dict[str, int] = {}
    headers: dict[str, str] = {}
    ignored = []
    for index, (cell, name) in enumerate(zip(cells, fields, strict=True)):
        text = str(cell).strip() if cell is not None else ""
        if not name:
            if text and name is None:
                ignored.append(text)
            continue
        if name in columns:
            raise ImportProblem(
                f"{where(label, line)}: columns {headers[name]!r} and {text!r} both mean {name}; "
                "map one of them to another field (or to nothing).",
                file=label,
                row=line,
                column=text,
            )
        columns[name] = index
        headers[name] = text
    seen = ", ".join(repr(str(c)) for c in cells if c not in (None, ""))
    # Connections.csv has names but no request date: it belongs to the LinkedIn importer, unless its
    # "Connected On" column is mapped (to nothing, say) to read it as a list of people.
    connected = next(
        (str(c).strip() for c, f in zip(cells, fields, strict=True) if f is None and _connected_on(c)), None
    )
    if not {"name", "first_name", "last_name"} & columns.keys():
        hint = (
            " This looks like LinkedIn's Connections.csv: import it with the LinkedIn importer."
            if connected
            else " Map the header that holds it, e.g. mapping={'Who': 'name'}."
        )
        raise ImportProblem(
            f"{where(label, line)}: missing required column name (headers: {seen}).{hint}",
            file=label,
            row=line,
            column="name",
        )
    if connected and "sent_on" not in columns:
        raise ImportProblem(
            f"{where(label, line)}: this looks like the Connections.csv of a LinkedIn export "
            f"(headers: {seen}): import it with the LinkedIn importer. To read it as a list of people "
            f"anyway, map {connected!r} to nothing.",
            file=label,
            row=line,
            column=connected,
        )
    return Sheet(label, line, columns, headers, ignored, rest)


def _connected_on(header: Any) -> bool:
    """Whether a header is LinkedIn's "Connected On"."""
    return normalise_header(header) == "connected on"


# --- values ------------------------------------------------------------------


def parse_rows(sheet: Sheet, *, date_order: str | None, today: date) -> tuple[list[Row], list[Rejection]]:
    """Every non-blank row with its values parsed; cells that cannot be read, as rejections."""
    if date_order not in (None, "dmy", "mdy"):
        raise ImportProblem(f"date_order must be 'dmy' or 'mdy', not {date_order!r}.", file=sheet.file)
    orders = _date_orders(sheet, date_order)
    parsed: list[Row] = []
    rejected = list(sheet.rejected)
    for line, cells in sheet.rows:
        raw = {name: _cell(cells, index) for name, index in sheet.columns.items()}
        unknown = [
            (name, _no_value(line, index, sheet.formulas[(line, index)]))
            for name, index in sheet.columns.items()
            if (line, index) in sheet.formulas
        ]
        if unknown:
            rejected += [Rejection(sheet.file, line, sheet.column(name), reason) for name, reason in unknown]
            continue
        if all(value is None for value in raw.values()):
            continue
        values, problems = _values(raw, orders, today)
        if problems:
            rejected += [Rejection(sheet.file, line, sheet.column(name), reason) for name, reason in problems]
        else:
            parsed.append(Row(line, values))
    return parsed, rejected


def _no_value(line: int, index: int, formula: str) -> str:
    """Why a formula cell without a saved value cannot be read."""
    from openpyxl.utils import get_column_letter

    shown = formula if len(formula) <= 60 else formula[:57] + "..."
    return (
        f"cell {get_column_letter(index + 1)}{line} holds a formula ({shown}) with no saved value; open the "
        "file in Excel, save it, and import it again"
    )


def _cell(cells: list[Any], index: int) -> Any:
    value = cells[index] if index < len(cells) else None
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


def _values(
    raw: dict[str, Any], orders: dict[str, str | None], today: date
) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    values: dict[str, Any] = {}
    problems: list[tuple[str, str]] = []
    for name, value in raw.items():
        if value is None:
            continue
        try:
            values[name] = _value(name, value, orders.get(name))
        except ValueError as exc:
            problems.append((name, str(exc)))
    name = values.get("name") or " ".join(
        str(values[n]) for n in ("first_name", "last_name") if values.get(n)
    )
    if not name:
        problems.append(
            ("name" if "name" in raw else "first_name", "is empty; every row needs the person's name")
        )
    values["name"] = name
    if "sent_on" in values or any(n == "sent_on" for n, _ in problems):
        problems += _cross_checks(values, today)
    else:
        problems += _without_request(values)
    return values, problems


def _without_request(values: dict[str, Any]) -> list[tuple[str, str]]:
    """The request and meeting fields a row without sent_on fills: it adds its contact only."""
    return [
        (name, f"needs a sent_on date: {why}, and a row without sent_on adds the contact only")
        for name, why in REQUEST_FIELDS.items()
        if values.get(name) is not None
    ]


def _cross_checks(values: dict[str, Any], today: date) -> list[tuple[str, str]]:
    problems = []
    sent = values.get("sent_on")
    for name in ("followed_up_on", "responded_on", "meeting_on"):
        if sent and values.get(name) and values[name] < sent:
            problems.append(
                (name, f"{values[name].isoformat()} is before the request was sent ({sent.isoformat()})")
            )
    meeting = values.get("meeting_on")
    if values.get("thank_you_on") and not meeting:
        problems.append(("thank_you_on", "needs a meeting_on date: a thank-you follows a meeting"))
    elif meeting and values.get("thank_you_on") and values["thank_you_on"] < meeting:
        problems.append(("thank_you_on", f"{values['thank_you_on'].isoformat()} is before the meeting"))
    if values.get("fit") is not None and not meeting:
        problems.append(("fit", "needs a meeting_on date: fit rates a meeting"))
    elif values.get("fit") is not None and meeting and meeting > today:
        problems.append(("fit", f"rates a meeting on {meeting.isoformat()}, which has not happened yet"))
    return problems


def _value(name: str, value: Any, order: str | None) -> Any:
    """One cell's value for a field, or ValueError saying what is wrong with it."""
    if name in DATE_FIELDS:
        return parse_date(value, order)
    if name == "fit":
        return _fit(value)
    text = _text(value)
    if name == "warmth":
        return _choice(text, WARMTH, either([*(w for w in WARMTHS if w != "unknown"), "blank"]))
    if name == "channel":
        return _choice(text, CHANNEL, either(CHANNELS))
    if name == "source":
        return _choice(text, SOURCE, either(SOURCES))
    if name == "outcome":
        return _choice(text, OUTCOME, either([*OUTCOMES, "blank"]))
    if name == "email" and ("@" not in text or any(ch.isspace() for ch in text)):
        raise ValueError(f"{text!r} is not an e-mail address")
    return text


def _text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return str(value).strip()


def _choice(text: str, choices: dict[str, Any], allowed: str) -> Any:
    key = "_".join(re.sub(r"[^0-9a-z]+", " ", text.casefold()).split())
    if key not in choices:
        raise ValueError(f"{text!r} is not one of {allowed}")
    return choices[key]


def _fit(value: Any) -> int:
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not a fit rating from 1 to 5")
    text = _text(value)
    match = re.fullmatch(r"(\d+)(?:\.0+)?(?:\s*/\s*5)?", text)
    if not match or not 1 <= int(match.group(1)) <= 5:
        raise ValueError(f"{text!r} is not a fit rating from 1 to 5")
    return int(match.group(1))


def parse_date(value: Any, order: str | None) -> date:
    """A date from a cell: a date, ISO text, '2 Mar 2026', 'Mar 2, 2026' or '03/02/2026' in ``order``."""
    if isinstance(value, datetime):
        found = value.date()
    elif isinstance(value, date):
        found = value
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        raise ValueError(f"{_text(value)!r} is a number, not a date (format the column as dates)")
    else:
        found = _date_text(str(value).strip(), order)
    if not date(1900, 1, 1) <= found <= date(2100, 12, 31):
        raise ValueError(f"{found.isoformat()} is outside 1900-2100")
    return found


def _date_text(text: str, order: str | None) -> date:
    lower = text.casefold()
    try:
        if match := _ISO.match(lower):
            return date(int(match[1]), int(match[2]), int(match[3]))
        if match := _NUMERIC.match(lower):
            first, second, year = int(match[1]), int(match[3]), _year(match[4])
            if order is None and first != second:
                raise ValueError(f"{text!r} could be day/month or month/day; say which order the file uses")
            day, month = (first, second) if order != "mdy" else (second, first)
            return date(year, month, day)
        if (match := _DAY_MONTH.match(lower)) and match[2] in MONTHS:
            return date(_year(match[3]), MONTHS[match[2]], int(match[1]))
        if (match := _MONTH_DAY.match(lower)) and match[1] in MONTHS:
            return date(_year(match[3]), MONTHS[match[1]], int(match[2]))
    except ValueError as exc:
        if "could be" in str(exc):
            raise
        raise ValueError(f"{text!r} is not a valid date") from exc
    raise ValueError(f"{text!r} is not a date like 2026-03-02, 2 Mar 2026 or 03/02/2026")


def _year(text: str) -> int:
    year = int(text)
    if len(text) == 2:
        return year + (2000 if year < 69 else 1900)
    return year


def _date_orders(sheet: Sheet, date_order: str | None) -> dict[str, str | None]:
    """The day/month order of each date column: the caller's, else what its values prove."""
    orders: dict[str, str | None] = {}
    unclear: list[str] = []
    examples: list[str] = []
    for name in DATE_FIELDS:
        if name not in sheet.columns:
            continue
        index = sheet.columns[name]
        pairs = []
        for _, cells in sheet.rows:
            value = _cell(cells, index)
            match = _NUMERIC.match(value) if isinstance(value, str) else None
            if match:
                pairs.append((int(match[1]), int(match[3]), value))
        day_first = any(a > 12 >= b for a, b, _ in pairs)
        month_first = any(b > 12 >= a for a, b, _ in pairs)
        if date_order is not None:
            orders[name] = date_order
        elif day_first != month_first:
            orders[name] = "dmy" if day_first else "mdy"
        elif any(a != b for a, b, _ in pairs):
            unclear.append(sheet.column(name))
            examples += [text for a, b, text in pairs if a != b][:2]
        else:
            orders[name] = None
    if unclear:
        raise DateOrderNeeded(
            f"{sheet.file}: dates such as {examples[0]!r} in {'column' if len(unclear) == 1 else 'columns'} "
            f"{', '.join(repr(c) for c in unclear)} "
            "could be day/month/year or month/day/year. Say which order the file uses (dmy or mdy).",
            file=sheet.file,
            columns=unclear,
            examples=examples[:3],
        )
    return orders


# --- a one-column list of organisations ------------------------------------------

# Headers a one-column list of organisations may start with, normalised (its first row is read as
# a name unless it is one of these).
NAME_LIST_HEADERS = frozenset(
    {
        *SYNONYMS["company"],
        "organisations",
        "organizations",
        "companies",
        "employers",
        "organisation name",
        "organization name",
        "name",
        "names",
        "target",
        "targets",
        "target organisation",
        "target organization",
        "target organisations",
        "target organizations",
        "target companies",
    }
)


def _too_many_names(label: str) -> ImportProblem:
    return ImportProblem(
        f"{label} has more than {MAX_ROWS:,} rows: far more organisations than anyone aims at. Is this "
        "the right file?",
        file=label,
    )


def read_names(
    source: str | os.PathLike[str] | bytes | bytearray | IO[bytes],
    file_name: str | None = None,
    *,
    sheet: str | None = None,
) -> list[tuple[int, str]]:
    """The organisation names of a one-column CSV or XLSX file, each with its row, in file order.

    A first row naming the column ("Organisation", "Company", ...) is a header and left out; blank
    rows are passed over; each name is trimmed. Nothing is returned from a file with a bad row (a
    second filled column, a line that is not valid CSV, a formula with no saved value): the
    :class:`ImportProblem` names the file and row of each (the first five).

    :param sheet: the sheet of a workbook to read (default: its first).
    """
    label, data = read_source(source, file_name)
    problems: list[Rejection] = []
    formulas: dict[tuple[int, int], str] = {}
    if _is_workbook(label, data, sheet=sheet):
        shown, rows, formulas = _workbook_names(label, data, sheet)
    else:
        shown = label
        rows, problems = _csv_rows(label, _csv_text(label, data), ",", too_long=_too_many_names)
    names: list[tuple[int, str]] = []
    for line, cells in rows:
        unknown = sorted((index, formula) for (row, index), formula in formulas.items() if row == line)
        if unknown:
            problems.append(Rejection(shown, line, None, _no_value(line, *unknown[0])))
            continue
        filled = [text for text in (_text(cell) for cell in cells if cell is not None) if text]
        if len(filled) > 1:
            listed = ", ".join(repr(text) for text in filled[:3])
            problems.append(
                Rejection(
                    shown,
                    line,
                    None,
                    f"holds {len(filled)} filled cells ({listed}); the file should hold one organisation "
                    "per row, in one column (a name with a comma in it goes in quotes)",
                )
            )
        elif filled:
            names.append((line, filled[0]))
    if problems:
        problems.sort(key=lambda problem: problem.line or 0)
        listed = "; ".join(str(problem) for problem in problems[:5])
        more = f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""
        raise ImportProblem(
            f"{listed}{more}. Nothing was imported: fix the file and import it again.",
            file=shown,
            row=problems[0].line,
        )
    if names and normalise_header(names[0][1]) in NAME_LIST_HEADERS:
        names = names[1:]
    return names


def _workbook_names(
    label: str, data: bytes, wanted: str | None
) -> tuple[str, list[tuple[int, list[Any]]], dict[tuple[int, int], str]]:
    """A workbook's sheet as (its label, its rows, its formula cells with no saved value)."""
    book = _open_workbook(label, data, data_only=True)
    try:
        titles = list(book.sheetnames)
        if not titles:
            raise ImportProblem(f"{label} has no worksheet.", file=label)
        if wanted is not None and wanted not in titles:
            shown = ", ".join(f'"{t}"' for t in titles)
            raise ImportProblem(f'{label} has no sheet "{wanted}"; its sheets are {shown}.', file=label)
        title = wanted or titles[0]
        shown = f"{label} ({title})" if len(titles) > 1 else label
        rows = _worksheet_rows(shown, book[title], _too_many_names)
        formulas: dict[tuple[int, int], str] = {}
        if _has_formulas(data, book[title]):
            width = max((len(cells) for _, cells in rows), default=0)
            every = Sheet(label, 0, {str(index): index for index in range(width)}, {}, [], rows)
            formulas = _formulas_without_values(label, data, title, every)
    except ImportProblem:
        raise
    except Exception as exc:  # openpyxl raises many kinds of error for a damaged or foreign file
        raise _unreadable(label, exc) from exc
    finally:
        book.close()
    return shown, rows, formulas
