"""The receipt for thermal printers (ESC/POS over TCP) and the QR code."""

from __future__ import annotations

import datetime as dt
import socket
import threading

import pytest

from kurzweg.servicepoint import printing, queue
from kurzweg.servicepoint.models import ServiceName
from kurzweg.servicepoint.printing import Receipt, ReceiptBlock
from tests.servicepoint.conftest import service

URL = "https://kurzweg.example/t/Zq3x9Kp2Lm8Rt4Vw6Yb1Nc/"
WHEN = dt.datetime(2026, 11, 21, 9, 5, tzinfo=dt.UTC)


def block(language: str, concerns: list[str], **texts: str) -> ReceiptBlock:
    defaults = {
        "number_label": "Ihre Nummer",
        "concerns_label": "Ihre Anliegen",
        "wait": "Wartezeit: etwa 12 Minuten",
        "hint": "Bitte warten Sie im Wartebereich.",
        "qr_hint": "Code scannen",
    }
    return ReceiptBlock(language=language, rtl=language in ("ar", "fa"), concerns=concerns, **(defaults | texts))


def receipt(*blocks: ReceiptBlock) -> Receipt:
    return Receipt(ticket="B-047", place="Haus der kurzen Wege", issued_at=WHEN, url=URL, blocks=list(blocks))


GERMAN = block("de", ["Aufenthaltserlaubnis beantragen oder verlängern", "Bürgergeld beantragen"])


def test_the_stream_initialises_prints_the_number_large_and_centred_and_cuts():
    data = printing.escpos_ticket(receipt(GERMAN))
    assert data.startswith(b"\x1b@"), "ESC @ resets what the last job left"
    centre, double, number = b"\x1ba\x01", b"\x1d!\x11", b"B-047"
    assert centre in data and double + number in data
    assert data.index(centre) < data.index(double + number)
    assert data.endswith(b"\x1dVB\x03"), "feed to the cutter and cut partially"
    assert "- Bürgergeld beantragen\n".encode("cp858") in data
    long_name = "- Aufenthaltserlaubnis beantragen oder\n  verlängern\n"
    assert long_name.encode("cp858") in data, "wrapped at 48 characters, indented under its dash"
    assert b"\x1bt\x13" in data, "CP858 (ESC t 19) for German"


def test_the_qr_code_carries_the_live_ticket_address():
    data = printing.escpos_ticket(receipt(GERMAN))
    stored = URL.encode()
    length = len(stored) + 3
    store = b"\x1d(k" + bytes([length % 256, length // 256]) + b"\x31\x50\x30" + stored
    assert store in data
    assert b"\x1d(k\x03\x00\x31\x51\x30" in data, "and prints it"
    assert data.index(b"\x1d(k\x04\x00\x31\x41\x32\x00") < data.index(store), "model 2 is selected first"


def test_no_name_is_printed(house, agency, receptionist_at_house):
    visit = queue.issue_ticket(
        house, [service(agency, "abh-fiktion")], actor=receptionist_at_house, first_name="Zainab", language="en"
    )
    data = printing.escpos_ticket(printing.receipt_for(visit, URL))
    assert b"Zainab" not in data
    assert visit.ticket.encode() in data


def test_cyrillic_is_printed_in_cp866():
    russian = block(
        "ru", ["Вид на жительство"], number_label="Ваш номер", concerns_label="Ваши вопросы", wait="Около 12 минут"
    )
    data = printing.escpos_ticket(receipt(GERMAN, russian))
    assert b"\x1bt\x11" + "Ваш номер: B-047".encode("cp866") in data
    assert "Вид на жительство".encode("cp866") in data


def test_ukrainian_i_is_printed_with_the_latin_letter_of_the_same_shape():
    ukrainian = block("uk", ["Посвідка на проживання"], number_label="Ваш номер")
    data = printing.escpos_ticket(receipt(GERMAN, ukrainian))
    assert "Посвiдка на проживання".encode("cp866") in data


def test_polish_and_romanian_are_printed_in_cp852():
    polish = block("pl", ["Zezwolenie na pobyt"], number_label="Twój numer", wait="Około 12 minut, proszę czekać")
    data = printing.escpos_ticket(receipt(GERMAN, polish))
    assert b"\x1bt\x12" + "Twój numer: B-047".encode("cp852") in data
    assert "Około 12 minut, proszę czekać".encode("cp852") in data

    romanian = block("ro", ["Permis de ședere"], number_label="Numărul dumneavoastră")
    data = printing.escpos_ticket(receipt(GERMAN, romanian))
    assert "Permis de şedere".encode("cp852") in data, "ș (comma below) printed as ş, which CP852 has"


def test_turkish_is_printed_in_cp857():
    turkish = block("tr", ["Oturma izni"], number_label="Sıra numaranız", wait="Yaklaşık 12 dakika")
    data = printing.escpos_ticket(receipt(GERMAN, turkish))
    assert b"\x1bt\x0d" + "Sıra numaranız: B-047".encode("cp857") in data


def test_arabic_cannot_be_printed_so_the_receipt_says_the_ticket_page_is_in_their_language():
    arabic = block("ar", ["تصريح الإقامة"], number_label="رقمك")
    data = printing.escpos_ticket(receipt(GERMAN, arabic))
    assert b"?" * 4 not in data, "no row of question marks instead of Arabic"
    assert b"your ticket page is shown in your language" in data.replace(b"\n", b" ")
    assert URL.encode() in data


def test_the_visitors_block_is_in_their_language(house, agency, receptionist_at_house):
    fiktion = service(agency, "abh-fiktion")
    ServiceName.objects.update_or_create(service=fiktion, language="pl", defaults={"name": "Zaświadczenie tymczasowe"})
    visit = queue.issue_ticket(house, [fiktion], actor=receptionist_at_house, language="pl")
    german, polish = printing.receipt_for(visit, URL).blocks
    assert (german.language, german.concerns) == ("de", ["Fiktionsbescheinigung"])
    assert (polish.language, polish.concerns) == ("pl", ["Zaświadczenie tymczasowe"])
    assert "Zaświadczenie tymczasowe".encode("cp852") in printing.escpos_ticket(printing.receipt_for(visit, URL))


def test_qr_svg_is_inline_and_labelled():
    svg = printing.qr_svg(URL, "QR code")
    assert svg.startswith('<svg role="img" aria-label="QR code" ')
    assert "viewBox" in svg and "<path" in svg


class Printer:
    """A receipt printer on 127.0.0.1: takes one connection and keeps what it received."""

    def __init__(self) -> None:
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        self.received = b""
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        connection, _address = self.server.accept()
        with connection:
            while chunk := connection.recv(65536):
                self.received += chunk
        self.server.close()


def test_send_writes_exactly_the_bytes_to_the_printer():
    printer = Printer()
    data = printing.escpos_ticket(receipt(GERMAN))
    printing.send("127.0.0.1", printer.port, data)
    printer.thread.join(timeout=5)
    assert printer.received == data


def test_a_printer_that_refuses_the_connection_gives_a_clear_error():
    with socket.create_server(("127.0.0.1", 0)) as closed:
        port = closed.getsockname()[1]
    with pytest.raises(printing.PrinterError, match=f"127.0.0.1:{port} could not be reached"):
        printing.send("127.0.0.1", port, b"\x1b@")
