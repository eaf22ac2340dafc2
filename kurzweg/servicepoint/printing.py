"""Printing a ticket: the texts of the receipt (German, and the visitor's language), the QR code
to the live ticket page, and the byte stream for networked thermal receipt printers.

Service points print on 80 mm thermal printers that speak ESC/POS over raw TCP (port 9100).
`escpos_ticket` builds the whole byte stream as a pure function of a `Receipt`; `send` opens a
connection and writes it. The choices:

- **Commands.** Only the common core of ESC/POS that Epson, Star (in ESC/POS mode), Bixolon,
  Citizen and the no-name printers share: ESC @ (initialise), ESC t n (code page), ESC a n
  (alignment), ESC E n (bold), GS ! n (character size), the QR code by GS ( k (model 2, module
  size 6 dots, error correction M, stored then printed), ESC d n (feed) and GS V 66 n (feed to the
  cutter and cut partially, so the receipt hangs on until taken).
- **Code pages.** Receipt printers have no Unicode; each block of text is encoded in the first of
  these code pages that holds all of it, and selected with ESC t (Epson's numbering, which the
  others follow): CP858 (19: Western European with €, for German, English, Leichte Sprache),
  CP852 (18: Central European, for Polish, Hungarian, Romanian), CP857 (13: Turkish), CP866
  (17: Cyrillic, for Russian, Bulgarian, Ukrainian). Before encoding, Romanian ș ț (comma below)
  become ş ţ (cedilla, what CP852 has and what Romanian printed for decades), Ukrainian і ї є
  keep their look (і → Latin i, which is the same glyph), ґ becomes г, and typographic quotes and
  dashes become plain ones.
- **Scripts no code page holds.** Arabic and Persian need shaping and right-to-left layout that
  these printers do not do. Their receipt is printed in German only, with a note (in German and
  English) that the live ticket page behind the QR code is in the visitor's language; the browser
  print page prints them properly.
- **Width.** 48 characters per line (font A on 72 mm of print width); text is wrapped at word
  boundaries, double-size text at 24.
- **No name.** A receipt can be lost: it carries the ticket number, the concerns, the time and
  the link to the live ticket page, never a name.
"""

from __future__ import annotations

import datetime as dt
import socket
import textwrap
from dataclasses import dataclass, field

import segno
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kurzweg.languages import newcomer_language

from .models import Visit

ESC = b"\x1b"
GS = b"\x1d"
LF = b"\n"

LINE_WIDTH = 48  # characters of font A on an 80 mm printer (576 dots)

# Epson's code page numbers for ESC t n, tried in this order; the first that holds a whole
# block of text is used for it.
CODE_PAGES: tuple[tuple[str, int], ...] = (("cp858", 19), ("cp852", 18), ("cp857", 13), ("cp866", 17))
GERMAN_CODE_PAGE = ("cp858", 19)

# Letters a code page lacks, replaced by ones that look the same or as a reader expects.
SUBSTITUTES = str.maketrans(
    {
        "ș": "ş",
        "Ș": "Ş",
        "ț": "ţ",
        "Ț": "Ţ",
        "і": "i",
        "І": "I",
        "ґ": "г",
        "Ґ": "Г",
        "–": "-",
        "—": "-",
        "‘": "'",
        "’": "'",
        "‚": ",",
        "„": '"',
        "“": '"',
        "”": '"',
        "«": '"',
        "»": '"',
        "…": "...",
        "\u00a0": " ",
        "\u202f": " ",
    }
)


class PrinterError(Exception):
    """The receipt printer could not be reached or did not take the receipt; the message is
    for the user."""


# --- What the receipt says ----------------------------------------------------------------


@dataclass(frozen=True)
class ReceiptBlock:
    """The receipt's text in one language."""

    language: str
    rtl: bool
    number_label: str
    concerns_label: str
    concerns: list[str]
    wait: str
    hint: str
    qr_hint: str


@dataclass(frozen=True)
class Receipt:
    ticket: str
    place: str
    issued_at: dt.datetime
    url: str
    blocks: list[ReceiptBlock] = field(default_factory=list)

    @property
    def when(self) -> str:
        return timezone.localtime(self.issued_at).strftime("%d.%m.%Y %H:%M")


def _block(visit: Visit, language: str) -> ReceiptBlock:
    with translation.override(language):
        minutes = visit.estimated_wait_minutes
        if minutes is None:
            wait = _("Waiting time: shown on your ticket page as soon as a desk is open.")
        else:
            wait = ngettext(
                "Estimated waiting time: about %(minutes)d minute",
                "Estimated waiting time: about %(minutes)d minutes",
                minutes,
            ) % {"minutes": minutes}
        return ReceiptBlock(
            language=language,
            rtl=newcomer_language(language).rtl,
            number_label=_("Your number"),
            concerns_label=_("Your concerns"),
            concerns=[c.service.name_in(language) for c in visit.concerns.all()],
            wait=wait,
            hint=_("Please wait in the waiting area. Your number will be shown on the screen."),
            qr_hint=_("Scan the code to see your place in the queue on your phone."),
        )


def receipt_for(visit: Visit, url: str) -> Receipt:
    """The receipt of a visit: German first, then the visitor's language (unless German).
    `url` is the absolute address of the live ticket page."""
    blocks = [_block(visit, "de")]
    if visit.language != "de":
        blocks.append(_block(visit, visit.language))
    return Receipt(
        ticket=visit.ticket, place=visit.service_point.name, issued_at=visit.issued_at, url=url, blocks=blocks
    )


def qr_svg(url: str, label: str) -> SafeString:
    """The QR code as inline SVG that scales with its container (no width or height)."""
    svg = segno.make(url, error="m").svg_inline(scale=1, border=2, omitsize=True, svgclass="kurzweg-qr")
    return mark_safe(svg.replace("<svg ", f'<svg role="img" aria-label="{escape(label)}" ', 1))  # noqa: S308


def render_receipt(request: HttpRequest, visit: Visit, *, back_url: str) -> HttpResponse:
    """The 80 mm print page (staff and kiosk alike). German is the page's language; the
    visitor's block carries its own `lang` and `dir`. It opens the print dialog by itself
    unless `?noprint=1`."""
    url = request.build_absolute_uri(f"/t/{visit.token}/")
    with translation.override("de"):
        return render(
            request,
            "servicepoint/print/receipt.html",
            {
                "receipt": receipt_for(visit, url),
                "qr": qr_svg(url, _("QR code: link to the live ticket page")),
                "autoprint": request.GET.get("noprint") != "1",
                "back_url": back_url,
            },
        )


# --- ESC/POS ------------------------------------------------------------------------------


def encode(text: str) -> tuple[int, bytes] | None:
    """The text in the first code page that holds all of it: (ESC t number, bytes), or None."""
    text = text.translate(SUBSTITUTES)
    for codec, number in CODE_PAGES:
        try:
            return number, text.encode(codec)
        except UnicodeEncodeError:
            continue
    return None


def _wrap(text: str, width: int = LINE_WIDTH) -> list[str]:
    return textwrap.wrap(text, width) or [""]


def _qr(data: bytes) -> bytes:
    def command(fn: int, payload: bytes) -> bytes:
        size = len(payload) + 2
        return GS + b"(k" + bytes([size % 256, size // 256, 49, fn]) + payload

    return (
        command(65, b"\x32\x00")  # model 2
        + command(67, b"\x06")  # module size: 6 dots
        + command(69, b"\x31")  # error correction M (15 %)
        + command(80, b"\x30" + data)  # store the data
        + command(81, b"\x30")  # print it
    )


def _select(code_page: int) -> bytes:
    return ESC + b"t" + bytes([code_page])


def _german(text: str) -> bytes:
    """German text (and names from the catalogue) in CP858; a letter it lacks prints as '?'."""
    return text.translate(SUBSTITUTES).encode(GERMAN_CODE_PAGE[0], "replace")


def _body(block: ReceiptBlock) -> list[str]:
    lines = [block.concerns_label + ":"]
    for concern in block.concerns:
        lines += [("- " if i == 0 else "  ") + line for i, line in enumerate(_wrap(concern, LINE_WIDTH - 2))]
    return [*lines, "", *_wrap(block.wait), "", *_wrap(block.hint)]


def _unprintable_note() -> list[str]:
    lines = []
    for language in ("de", "en"):
        with translation.override(language):
            lines += _wrap(_("Scan the code: your ticket page is shown in your language."))
    return lines


CENTRE, LEFT = ESC + b"a\x01", ESC + b"a\x00"
BIG, NORMAL = ESC + b"E\x01" + GS + b"!\x11", GS + b"!\x00" + ESC + b"E\x00"  # bold double size / plain


def escpos_ticket(receipt: Receipt) -> bytes:
    """The byte stream that prints the receipt and cuts it off."""
    german, *others = receipt.blocks
    out = bytearray(ESC + b"@")  # initialise: forget what the last job set
    out += _select(GERMAN_CODE_PAGE[1]) + CENTRE
    out += _german(receipt.place) + LF + _german(receipt.when) + LF + LF
    out += _german(german.number_label) + LF
    out += BIG + receipt.ticket.encode("ascii", "replace") + LF + NORMAL + LF
    out += LEFT + _german("\n".join(_body(german))) + LF
    for block in others:
        out += LF + b"-" * LINE_WIDTH + LF
        encoded = encode("\n".join([f"{block.number_label}: {receipt.ticket}", "", *_body(block)]))
        if encoded is None:
            out += _german("\n".join(_unprintable_note())) + LF
        else:
            out += _select(encoded[0]) + encoded[1] + LF + _select(GERMAN_CODE_PAGE[1])
    out += LF + CENTRE + _qr(receipt.url.encode("ascii")) + LF
    for block in receipt.blocks:
        encoded = encode("\n".join(_wrap(block.qr_hint)))
        if encoded is not None:
            out += _select(encoded[0]) + encoded[1] + LF
    out += LEFT + ESC + b"d\x03"  # feed three lines
    out += GS + b"VB\x03"  # feed to the cutter and cut partially
    return bytes(out)


def send(host: str, port: int, data: bytes, *, timeout: float = 3.0) -> None:
    """Writes the bytes to the printer over raw TCP. Raises PrinterError with a message for
    the user when the printer cannot be reached or the connection breaks."""
    try:
        with socket.create_connection((host, port), timeout=timeout) as connection:
            connection.sendall(data)
    except TimeoutError as error:
        raise PrinterError(
            _("The receipt printer at %(address)s did not answer within %(seconds)s seconds.")
            % {"address": f"{host}:{port}", "seconds": f"{timeout:g}"}
        ) from error
    except OSError as error:
        reason = error.strerror or str(error) or error.__class__.__name__
        raise PrinterError(
            _("The receipt printer at %(address)s could not be reached: %(reason)s.")
            % {"address": f"{host}:{port}", "reason": reason}
        ) from error
