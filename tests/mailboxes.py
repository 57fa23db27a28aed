"""Mailboxes the mail-import tests write for themselves, with the traps real exports hold."""

from __future__ import annotations

import base64
import quopri
from dataclasses import dataclass, field

ME = "ana.lopez@example.org"


@dataclass
class Mail:
    """One message, written out as raw RFC 5322 bytes by :meth:`raw`."""

    sender: str
    to: str
    subject: str
    date: str
    message_id: str
    body: str = "Hello"
    cc: str = ""
    in_reply_to: str = ""
    references: str = ""
    labels: str = ""
    extra: dict[str, str] = field(default_factory=dict)
    encoding: str = "8bit"  # or "quoted-printable", "base64"
    html: bool = False
    charset: str = "utf-8"

    def raw(self) -> bytes:
        lines = [
            f"From: {self.sender}",
            f"To: {self.to}",
            f"Subject: {self.subject}",
            f"Date: {self.date}",
            f"Message-ID: <{self.message_id}>",
        ]
        if self.cc:
            lines.append(f"Cc: {self.cc}")
        if self.in_reply_to:
            lines.append(f"In-Reply-To: <{self.in_reply_to}>")
        if self.references:
            lines.append("References: " + " ".join(f"<{r}>" for r in self.references.split()))
        if self.labels:
            lines.append(f"X-Gmail-Labels: {self.labels}")
        lines.extend(f"{name}: {value}" for name, value in self.extra.items())
        kind = "text/html" if self.html else "text/plain"
        lines += ["MIME-Version: 1.0", f'Content-Type: {kind}; charset="{self.charset}"']
        data = self.body.encode(self.charset)
        if self.encoding == "base64":
            lines.append("Content-Transfer-Encoding: base64")
            payload = base64.encodebytes(data)
        elif self.encoding == "quoted-printable":
            lines.append("Content-Transfer-Encoding: quoted-printable")
            payload = quopri.encodestring(data)
        else:
            lines.append("Content-Transfer-Encoding: 8bit")
            payload = data
        head = "\n".join(lines).encode("utf-8")
        return head + b"\n\n" + payload.rstrip(b"\n") + b"\n"


def mbox(mails: list[Mail]) -> bytes:
    """The messages as one mbox (From lines, ">From " quoting), as Takeout writes them."""
    out = []
    for mail in mails:
        body = b"\n".join(
            b">" + line if line.startswith(b"From ") else line for line in mail.raw().split(b"\n")
        )
        out.append(b"From 1690000000000000000@xxx Mon Mar 02 10:00:00 +0000 2026\n" + body + b"\n")
    return b"".join(out)


def job_search() -> list[Mail]:
    """A Takeout-like mailbox: three requests (one followed up, two answered), and the mail that
    must not count: a draft, a newsletter, a group mail, a family thread, a no-reply notice."""
    return [
        # 1. Request to Hana (a contact), followed up, answered in base64 with a quoted reply.
        Mail(
            f"Ana Lopez <{ME}>",
            "=?utf-8?q?Hana_M=C3=B6ri?= <hana@northwind.example>",
            "=?utf-8?b?UXVpY2sgcXVlc3Rpb24gYWJvdXQgRVNHIOKAkyAxNSBtaW51dGVzPw==?=",
            "Mon, 02 Mar 2026 09:00:00 +0100",
            "r1@mail.example.org",
            body="Hi Hana,\nWould you have 15 minutes to talk about ESG reporting?\nAna",
            labels="Sent,Job search",
        ),
        Mail(
            f"Ana Lopez <{ME}>",
            "hana@northwind.example",
            "Re: Quick question about ESG",
            "Mon, 09 Mar 2026 09:00:00 +0100",
            "r1b@mail.example.org",
            in_reply_to="r1@mail.example.org",
            references="r1@mail.example.org",
            body="Just bringing this to the top of your inbox.",
            labels="Sent,Job search",
        ),
        Mail(
            "Hana Mori <hana@northwind.example>",
            f"Ana Lopez <{ME}>",
            "Re: Quick question about ESG",
            "Tue, 10 Mar 2026 23:30:00 -0800",  # the 11th in Ana's time zone, the 10th in Hana's
            "a1@northwind.example",
            in_reply_to="r1b@mail.example.org",
            references="r1@mail.example.org r1b@mail.example.org",
            body="Happy to! Thursday at 10 works.\n\nOn Mon, Ana wrote:\n> Just bringing this",
            encoding="base64",
            labels="Inbox,Job search",
        ),
        # 2. Request to Dana (a new person), Cc a referrer; answered through References only,
        #    in quoted-printable HTML with an out-of-office first.
        Mail(
            f"Ana Lopez <{ME}>",
            '"Pike, Dana" <dana.pike@pinnacle.example>',
            "Referred by Chiara: a short conversation?",
            "Wed, 04 Mar 2026 14:00:00 +0000",
            "r2@mail.example.org",
            cc="Chiara Neri <chiara@northwind.example>",
            body="Dear Dana, Chiara suggested I write. Could we talk for 20 minutes?",
            labels="Sent,Job search",
        ),
        Mail(
            "Dana Pike <dana.pike@pinnacle.example>",
            ME,
            "Automatic reply: Referred by Chiara",
            "Wed, 04 Mar 2026 14:01:00 +0000",
            "ooo@pinnacle.example",
            in_reply_to="r2@mail.example.org",
            extra={"Auto-Submitted": "auto-replied"},
            body="I am out of the office until Monday.",
            labels="Inbox,Job search",
        ),
        Mail(
            "Dana Pike <dana.pike@pinnacle.example>",
            ME,
            "Re: Referred by Chiara: a short conversation?",
            "Mon, 09 Mar 2026 08:15:00 +0000",
            "a2@pinnacle.example",
            references="r2@mail.example.org",
            html=True,
            encoding="quoted-printable",
            body="<html><head><style>p{}</style></head><body><p>Sorry for the delay &ndash; "
            "sure, next week?</p><blockquote>Dear Dana</blockquote></body></html>",
            labels="Inbox,Job search",
        ),
        # 3. Request to Oskar (a contact) without an answer.
        Mail(
            f"Ana Lopez <{ME}>",
            "Oskar Berg <oskar@globex.example>",
            "Your path into data science",
            "Thu, 05 Mar 2026 10:00:00 +0100",
            "r3@mail.example.org",
            body="Hi Oskar, could I ask you about your move into data science?",
            labels="Sent,Job search",
        ),
        # Never requests: a draft, a newsletter, a group mail, a family thread, a no-reply notice.
        Mail(
            f"Ana Lopez <{ME}>",
            "Lena Vogt <lena@initech.example>",
            "Draft: informational interview?",
            "Fri, 06 Mar 2026 10:00:00 +0100",
            "d1@mail.example.org",
            labels="Drafts,Job search",
        ),
        Mail(
            f"Ana Lopez <{ME}>",
            "Oskar Berg <oskar@globex.example>",
            "Newsletter signup",
            "Fri, 06 Mar 2026 11:00:00 +0100",
            "n1@mail.example.org",
            extra={"List-Unsubscribe": "<mailto:leave@list.example>"},
            labels="Sent,Job search",
        ),
        Mail(
            f"Ana Lopez <{ME}>",
            "Hana Mori <hana@northwind.example>, Oskar Berg <oskar@globex.example>",
            "Both of you: coffee?",
            "Sat, 07 Mar 2026 10:00:00 +0100",
            "g1@mail.example.org",
            labels="Sent,Job search",
        ),
        Mail(
            f"Ana Lopez <{ME}>",
            "Mum <mum@family.example>",
            "Sunday lunch",
            "Sat, 07 Mar 2026 12:00:00 +0100",
            "f1@mail.example.org",
            labels="Sent",
        ),
        Mail(
            f"Ana Lopez <{ME}>",
            "no-reply@jobs.example",
            "Unsubscribe",
            "Sat, 07 Mar 2026 13:00:00 +0100",
            "nr1@mail.example.org",
            labels="Sent,Job search",
        ),
    ]
