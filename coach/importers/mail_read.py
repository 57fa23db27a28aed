"""Reading mail files as the mail import needs them: an mbox, a saved ``.eml`` message, or a folder.

A mailbox is streamed: each message's headers are parsed as it goes by, and only where its
body lies in the file is kept (:class:`Header`), so a Takeout mbox of hundreds of megabytes
costs the memory of its headers. :func:`body_text` reads one message again, whole, for the
few threads an import keeps. Names and subjects in RFC 2047 words are decoded, bodies in
quoted-printable or base64 and any charset are turned into text, an HTML-only message into
its plain words, and headers that cannot be read are read as blank rather than stopping the
import. :func:`threads` groups messages by Message-ID, In-Reply-To and References, and by
subject only as a last resort.
"""

from __future__ import annotations

import html
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from email import message_from_bytes, policy
from email.header import decode_header, make_header
from email.message import EmailMessage, Message
from email.parser import BytesHeaderParser
from email.utils import parsedate_to_datetime
from html.parser import HTMLParser
from io import BytesIO
from pathlib import Path
from typing import ClassVar

from coach.importers.addresses import parse_addresses
from coach.importers.common import ImportProblem

MAIL_SUFFIXES = (".mbox", ".mbx", ".eml")
_HEADERS = BytesHeaderParser()
_ID = re.compile(rb"<[^<>\s]+>|[^<>\s,]+@[^<>\s,]+")
_REPLY_PREFIX = re.compile(r"^\s*((re|fw|fwd|aw|wg|sv|vs|tr|rif|antw)\s*(\[\d+\])?\s*:\s*)+", re.IGNORECASE)
_NO_REPLY = re.compile(
    r"^(no[-_.]?reply|do[-_.]?not[-_.]?reply|mailer-daemon|postmaster|notifications?)([+@]|$)"
)
_AUTO_SUBJECT = re.compile(
    r"^\s*(auto(matic)?[ -]?reply|out of (the )?office|abwesenheit|réponse automatique|autosvar|"
    r"respuesta automática|undeliverable|delivery status notification)",
    re.IGNORECASE,
)
_FROM_LINE = b"From "
# A "From " line that starts a message even without a blank line before it: sender, then a weekday.
_ENVELOPE = re.compile(rb"^From \S+ +(Mon|Tue|Wed|Thu|Fri|Sat|Sun) ")


@dataclass
class Header:
    """One message's headers as the mail import reads them, and where its whole text lies."""

    number: int  # 1-based, in the order of the source
    source: str  # the file it is in, as messages name it
    path: Path | None
    start: int  # byte offset of the message in its file (after the mbox "From " line)
    end: int
    message_id: str
    parents: list[str]  # In-Reply-To, then References, nearest first
    subject: str
    sender: tuple[str, str] | None  # (display name, address key)
    to: list[tuple[str, str]]
    cc: list[tuple[str, str]]
    sent_at: datetime | None
    labels: frozenset[str]  # Gmail's labels, lower-cased
    automatic: bool  # an auto-reply or out-of-office notice
    bulk: bool  # a mailing list, newsletter or bulk mail
    draft: bool
    cut_off: bool = False  # the file ends inside its headers

    @property
    def day(self) -> date | None:
        """The day it was sent, in the sender's own time zone."""
        return self.sent_at.date() if self.sent_at is not None else None

    def day_in(self, zone: Header) -> date | None:
        """The day it was sent, in the time zone ``zone`` was sent from (a thread's days are the owner's)."""
        if self.sent_at is None:
            return None
        if zone.sent_at is None or zone.sent_at.tzinfo is None or self.sent_at.tzinfo is None:
            return self.sent_at.date()
        return self.sent_at.astimezone(zone.sent_at.tzinfo).date()

    def where(self) -> str:
        """'message 12 (<id@example.org>)' for messages."""
        shown = (
            f" ({self.message_id})" if self.message_id and not self.message_id.startswith("<none:") else ""
        )
        return f"message {self.number}{shown}"


@dataclass
class Source:
    """Mail to read: files on disk or one upload, with the name messages call it by."""

    label: str
    paths: list[Path] = field(default_factory=list)
    data: bytes | None = None
    problems: list[str] = field(default_factory=list)  # files of a folder that are not mail, and why


def open_source(source: str | Path | bytes | bytearray, file_name: str | None) -> Source:
    """Where the mail is: a file, a folder of .mbox/.eml files, or an upload's bytes."""
    if isinstance(source, (bytes, bytearray)):
        return Source(file_name or "upload", data=bytes(source))
    path = Path(source)
    label = file_name or path.name
    if path.is_dir():
        files = sorted(
            p
            for p in path.rglob("*")
            if p.is_file() and (p.suffix.lower() in MAIL_SUFFIXES or p.name == "mbox")  # Apple Mail's
        )
        if not files:
            raise ImportProblem(f"{label} holds no .mbox or .eml file.", file=label)
        return Source(label, paths=files)
    if not path.exists():
        raise ImportProblem(f"{label} does not exist.", file=label)
    return Source(label, paths=[path])


def read_headers(source: Source) -> Iterator[Header]:
    """Every message's headers in the source, in order; raises ImportProblem for a file that is not mail."""
    number = 0
    if source.data is not None:
        for header in _read_one(source.label, None, source.data):
            number += 1
            header.number = number
            yield header
        return
    for path in source.paths:
        name = source.label if len(source.paths) == 1 else path.name
        try:
            for header in _read_file(name, path):
                number += 1
                header.number = number
                yield header
        except ImportProblem as problem:
            if len(source.paths) == 1:
                raise
            source.problems.append(str(problem))  # one bad file of a folder does not stop the others
        except OSError as exc:
            raise ImportProblem(f"{name} could not be read: {exc}", file=name) from exc


def _read_file(name: str, path: Path) -> Iterator[Header]:
    with path.open("rb") as handle:
        head = handle.read(4096)
        _refuse_non_mail(name, head, is_eml=path.suffix.lower() == ".eml")
        handle.seek(0)
        if head.startswith(_FROM_LINE):
            yield from _split_mbox(name, path, handle)
        else:
            yield _one_message(name, path, handle.read())


def _read_one(name: str, path: Path | None, data: bytes) -> Iterator[Header]:
    _refuse_non_mail(name, data[:4096], is_eml=name.lower().endswith(".eml"))
    if data.startswith(_FROM_LINE):
        yield from _split_mbox(name, path, BytesIO(data))
    else:
        yield _one_message(name, path, data)


def _one_message(name: str, path: Path | None, data: bytes) -> Header:
    """A file holding one message (an .eml): its headers, cut off if no blank line ends them."""
    cut = b"\n\n" not in data.replace(b"\r\n", b"\n")
    return _parse_headers(name, path, 0, len(data), _head_of(data), cut_off=cut)


def _refuse_non_mail(name: str, head: bytes, *, is_eml: bool) -> None:
    """A one-line ImportProblem for what cannot be mail: empty, a zip, a calendar, binary or plain text."""
    head = _without_lead(head)
    if not head.strip():
        raise ImportProblem(f"{name} is empty.", file=name)
    if head.startswith(b"PK\x03\x04"):
        raise ImportProblem(
            f"{name} is a zip archive: unzip it and import the .mbox inside (Takeout puts it under Mail).",
            file=name,
        )
    if head.lstrip().upper().startswith(b"BEGIN:VCALENDAR"):
        raise ImportProblem(f"{name} is a calendar, not mail: import it as a calendar.", file=name)
    if head.startswith(_FROM_LINE):
        return
    first = head.replace(b"\r\n", b"\n").split(b"\n", 1)[0]
    if b"\x00" in head or not re.match(rb"^[!-9;-~]+:", first):
        kind = "an .eml message" if is_eml else "an mbox or .eml file"
        raise ImportProblem(f"{name} is not mail: it does not start as {kind} does.", file=name)


def _split_mbox(name: str, path: Path | None, handle: object) -> Iterator[Header]:
    """The messages of an mbox: each starts at a "From " line at the start of the file or after a
    blank line; only the header lines are kept while the body is skipped."""
    offset = 0
    start = -1
    head: list[bytes] = []
    in_head = False
    previous_blank = True
    for line in handle:  # type: ignore[attr-defined]
        size = len(line)
        if line.startswith(_FROM_LINE) and (previous_blank or _ENVELOPE.match(line)):
            if start >= 0:
                yield _parse_headers(name, path, start, offset, b"".join(head), cut_off=in_head)
            start = offset + size
            head = []
            in_head = True
        elif in_head:
            if line in (b"\n", b"\r\n"):
                in_head = False
            else:
                head.append(line)
        previous_blank = line in (b"\n", b"\r\n")
        offset += size
    if start >= 0:
        yield _parse_headers(name, path, start, offset, b"".join(head), cut_off=in_head)


def _without_lead(data: bytes) -> bytes:
    """A message's bytes without a byte-order mark or blank lines before its first header."""
    return data.removeprefix(b"\xef\xbb\xbf").lstrip(b"\r\n")


def _head_of(data: bytes) -> bytes:
    """The header lines of one message's bytes."""
    normal = _without_lead(data).replace(b"\r\n", b"\n")
    return normal.split(b"\n\n", 1)[0] + b"\n"


def _parse_headers(
    name: str, path: Path | None, start: int, end: int, head: bytes, *, cut_off: bool
) -> Header:
    message = _HEADERS.parsebytes(head)
    labels = frozenset(
        label.strip().strip('"').lower()
        for label in _text(message, "X-Gmail-Labels").split(",")
        if label.strip()
    )
    senders = _addresses(message, "From")
    message_id = _ids(message.get("Message-ID"))
    in_reply = _ids(message.get("In-Reply-To"))
    references = list(reversed(_ids(message.get("References"))))
    parents = list(dict.fromkeys([*in_reply, *references]))
    subject = _text(message, "Subject")
    own_id = message_id[0] if message_id else _made_id(path, start, head)
    auto = message.get("Auto-Submitted", "no").strip().lower()
    flags = str(message.get("X-Status", "")) + str(message.get("Status", ""))
    return Header(
        number=0,
        source=name,
        path=path,
        start=start,
        end=end,
        message_id=own_id,
        parents=[p for p in parents if p != own_id],
        subject=subject,
        sender=senders[0] if senders else None,
        to=_addresses(message, "To"),
        cc=_addresses(message, "Cc"),
        sent_at=_date(message.get("Date")),
        labels=labels,
        automatic=(auto not in ("", "no"))
        or message.get("X-Autoreply") is not None
        or message.get("X-Autorespond") is not None
        or bool(_AUTO_SUBJECT.match(subject)),
        bulk=message.get("List-Unsubscribe") is not None
        or message.get("List-Id") is not None
        or str(message.get("Precedence", "")).strip().lower() in ("bulk", "list", "junk"),
        draft="draft" in labels
        or "drafts" in labels
        or "T" in flags
        or message.get("X-Unsent", "").strip() == "1"
        or message.get("X-Mozilla-Draft-Info") is not None,
        cut_off=cut_off,
    )


def _made_id(path: Path | None, start: int, head: bytes) -> str:
    """A stand-in Message-ID for a message without one: from its headers alone, so a later export that
    holds more mail gives it the same one."""
    return f"<none:{zlib.crc32(head):08x}>"


def _addresses(message: Message, name: str) -> list[tuple[str, str]]:
    """(decoded display name, address key) in a header: split into addresses as written, then each name
    decoded, so an encoded name holding a comma or brackets stays one name."""
    raw = [str(value) for value in message.get_all(name) or []]
    return [(_decoded(display), address) for display, address in parse_addresses(*raw)]


def _ids(value: object) -> list[str]:
    """The message ids in a header, as "<id@host>", lower-cased; [] for none."""
    if value is None:
        return []
    raw = str(value).encode("utf-8", "replace")
    found = []
    for match in _ID.findall(raw):
        text = match.decode("utf-8", "replace").strip("<>").lower()
        if "@" in text:
            found.append(f"<{text}>")
    return found


def _text(message: Message, name: str) -> str:
    """A header decoded from RFC 2047 words into one line of text; "" when absent or unreadable."""
    values = _all_text(message, name)
    return values[0] if values else ""


def _all_text(message: Message, name: str) -> list[str]:
    found = []
    for value in message.get_all(name) or []:
        found.append(_decoded(value))
    return found


def _decoded(value: object) -> str:
    try:
        text = str(make_header(decode_header(str(value))))
    except (LookupError, UnicodeError, ValueError, TypeError, AssertionError):
        text = str(value)
    return " ".join(text.split())


def _date(value: object) -> datetime | None:
    if value is None:
        return None
    try:
        return parsedate_to_datetime(str(value))
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def is_no_reply(address: str) -> bool:
    """An address nobody reads answers at (no-reply@, mailer-daemon@, notifications@)."""
    return bool(_NO_REPLY.match(address.split("@", 1)[0] + "@"))


def base_subject(subject: str) -> str:
    """A subject without its Re:/Fwd: prefixes, case-folded and with its spaces collapsed."""
    return " ".join(_REPLY_PREFIX.sub("", subject).split()).casefold()


# --- threads ---------------------------------------------------------------------------------


def threads(headers: list[Header]) -> list[list[Header]]:
    """The messages grouped into conversations, each in the order sent (undated ones last).

    Two messages are one thread when one names the other (or a message both name) in
    In-Reply-To or References. A reply that names no message at all ("Re: ..." with no such
    headers) joins the earliest thread with the same subject and the same people.
    """
    parent: dict[str, str] = {}

    def find(key: str) -> str:
        root = key
        while parent.get(root, root) != root:
            root = parent[root]
        while parent.get(key, key) != root:
            parent[key], key = root, parent[key]
        return root

    def union(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[rb] = ra

    for header in headers:
        parent.setdefault(header.message_id, header.message_id)
        for ref in header.parents:
            parent.setdefault(ref, ref)
            union(ref, header.message_id)
    by_subject: dict[tuple[str, frozenset[str]], str] = {}
    for header in sorted(headers, key=_order):
        key = (base_subject(header.subject), _people(header))
        if not key[0]:
            continue
        if header.parents or not _REPLY_PREFIX.match(header.subject):
            by_subject[key] = header.message_id  # the latest thread so far with this subject and people
        elif key in by_subject:
            union(by_subject[key], header.message_id)
        else:
            by_subject[key] = header.message_id
    grouped: dict[str, list[Header]] = {}
    for header in headers:
        grouped.setdefault(find(header.message_id), []).append(header)
    return [sorted(group, key=_order) for group in grouped.values()]


def _order(header: Header) -> tuple[int, float, int]:
    stamp = header.sent_at.timestamp() if header.sent_at is not None else 0.0
    return (header.sent_at is None, stamp, header.number)


def _people(header: Header) -> frozenset[str]:
    everyone = [a for _, a in header.to] + ([header.sender[1]] if header.sender else [])
    return frozenset(everyone)


# --- bodies ----------------------------------------------------------------------------------


def body_text(header: Header, data: bytes | None = None) -> str:
    """The message's text: its plain part, else its HTML part's words; "" when it has none."""
    raw = _raw(header, data)
    if raw.startswith(_FROM_LINE):
        raw = raw.split(b"\n", 1)[1] if b"\n" in raw else b""
    raw = re.sub(rb"(?m)^>(>*From )", rb"\1", raw)
    try:
        message = message_from_bytes(raw, policy=policy.default)
        assert isinstance(message, EmailMessage)
        part = _body_part(message)
        if part is None:
            return ""
        text = _content(part)
        if part.get_content_type() == "text/html":
            text = html_text(text)
    except Exception:
        return ""
    return text.replace("\r\n", "\n").strip()


def _body_part(message: Message) -> Message | None:
    """The message's own text: its first plain-text part that is no attached file, else its first HTML
    part; None if it has neither."""
    found: dict[str, Message] = {}
    for part in message.walk():
        if part.is_multipart() or part.get_filename() or part.get_content_disposition() == "attachment":
            continue
        kind = part.get_content_type()
        if kind in ("text/plain", "text/html"):
            found.setdefault(kind, part)
    return found.get("text/plain") or found.get("text/html")


def _raw(header: Header, data: bytes | None) -> bytes:
    if data is not None:
        return data[header.start : header.end]
    if header.path is None:
        return b""
    with header.path.open("rb") as handle:
        handle.seek(header.start)
        return handle.read(header.end - header.start)


def _content(part: Message) -> str:
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        return str(part.get_payload())
    charset = part.get_content_charset() or "utf-8"
    try:
        return payload.decode(charset, "replace")
    except LookupError:
        return payload.decode("utf-8", "replace")


class _Words(HTMLParser):
    """An HTML body's text: tags dropped, blocks on lines of their own, scripts and styles left out."""

    BLOCKS: ClassVar[frozenset[str]] = frozenset(
        {"p", "div", "br", "tr", "li", "h1", "h2", "h3", "h4", "blockquote", "table"}
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "head"):
            self.hidden += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "head"):
            self.hidden = max(self.hidden - 1, 0)
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def html_text(markup: str) -> str:
    """The words of an HTML body, one block a line."""
    words = _Words()
    try:
        words.feed(markup)
        words.close()
    except (AssertionError, ValueError):
        return html.unescape(re.sub(r"<[^>]*>", " ", markup))
    lines = (" ".join(line.split()) for line in "".join(words.parts).split("\n"))
    return "\n".join(line for line in lines if line)


def first_line(text: str) -> str:
    """An answer's first line of its own words: quoted lines, greetings' blank lines and the
    "On … wrote:" line before a quote left out."""
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith(">"):
            continue
        if re.match(
            r"^(on .+ wrote:|am .+ schrieb .+:|le .+ a écrit ?:|-----original message-----)$", stripped, re.I
        ):
            break
        return stripped[:300]
    return ""
