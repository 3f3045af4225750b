"""A spreadsheet's CSV of students and piles or scores: encodings, separators, bad rows."""

from __future__ import annotations

import codecs

import pytest

from tpcycle.errors import InvalidInput
from tpcycle.messages import Message
from tpcycle.messages_classroom import Classroom
from tpcycle.sortcsv import MAX_ROWS, Row, decode, piles_from_table, read_table
from tpcycle.sorting import DEFAULT_PILES, parse_piles, parse_rule

GPN = parse_piles(DEFAULT_PILES)
TEXT = "Name;Score\nJosé Ruiz;7,5\nZoë Ødegård;9\n"


@pytest.mark.parametrize(
    ("data", "guessed"),
    [
        (TEXT.encode("utf-8"), False),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), False),
        (TEXT.encode("utf-16"), False),  # with its byte-order mark
        (TEXT.encode("utf-16-le"), True),
        (TEXT.encode("utf-16-be"), True),
        (TEXT.encode("cp1252"), True),
    ],
)
def test_every_encoding_a_spreadsheet_saves_reads_the_same(data: bytes, guessed: bool) -> None:
    decoded = decode(data)
    assert decoded.text.replace("\r\n", "\n") == TEXT
    assert decoded.guessed is guessed


def test_windows_1252_quotes_and_latin_1_bytes_are_read() -> None:
    assert decode("O\u2019Brien".encode("cp1252")).text == "O\u2019Brien"
    assert decode(b"Ana\x81").encoding == "Latin-1"  # 0x81 means nothing in cp1252


def test_a_broken_utf_16_file_is_one_line_error() -> None:
    with pytest.raises(InvalidInput) as caught:
        decode(codecs.BOM_UTF16_LE + b"A\x00\x00\xd8")  # a lone surrogate
    assert caught.value.message_id is Classroom.SORT_CSV_ENCODING


@pytest.mark.parametrize("data", [b"", b"   \n\r\n", codecs.BOM_UTF8, b"\xff\xfe"])
def test_an_empty_file_is_refused(data: bytes) -> None:
    with pytest.raises(InvalidInput) as caught:
        decode(data)
    assert caught.value.message_id is Classroom.SORT_CSV_EMPTY


@pytest.mark.parametrize("sep", [",", ";", "\t"])
def test_the_separator_is_found_from_the_header(sep: str) -> None:
    table = read_table(f'\n student {sep}pile\n\n"Ruiz, José"{sep}got it\nLee{sep}Partly\n')
    assert table.header == ("student", "pile")
    assert table.rows == (("Ruiz, José", "got it"), ("Lee", "Partly"))
    rows = piles_from_table(table, GPN)
    assert rows == [Row("Ruiz, José", 0, None, 4), Row("Lee", 1, None, 5)]


def test_a_header_with_no_rows_and_too_many_rows_are_refused() -> None:
    with pytest.raises(InvalidInput) as caught:
        read_table("student,pile\n\n")
    assert caught.value.message_id is Classroom.SORT_CSV_NO_ROWS
    with pytest.raises(InvalidInput) as caught:
        read_table("student,pile\n" + "Lee,g\n" * (MAX_ROWS + 1))
    assert caught.value.message_id is Classroom.SORT_CSV_TOO_MANY


def test_scores_go_to_piles_by_the_rule() -> None:
    table = read_table(decode(TEXT.encode()).text)
    rule = parse_rule("got it>=8,partly>=5,not yet>=0", GPN)
    assert [(r.name, r.rank, r.score) for r in piles_from_table(table, GPN, rule=rule)] == [
        ("José Ruiz", 1, 7.5),
        ("Zoë Ødegård", 0, 9.0),
    ]


def test_columns_are_named_by_options_whatever_their_case() -> None:
    table = read_table("Kid,Exit Ticket,Notes\nLee,4,x\n")
    rule = parse_rule("got it>=3,not yet>=0", GPN)
    rows = piles_from_table(
        table, GPN, student_column="kid", score_column="EXIT  ticket", rule=rule
    )
    assert rows == [Row("Lee", 0, 4.0, 2)]


@pytest.mark.parametrize(
    ("csv", "options", "problem"),
    [
        ("Kid,pile\nLee,g\n", {}, Classroom.SORT_CSV_NO_STUDENT),
        ("student,notes\nLee,g\n", {}, Classroom.SORT_CSV_NO_PILE),
        ("student,score\nLee,4\n", {}, Classroom.SORT_CSV_NEEDS_RULE),
        ("student,pile\nLee,g\n", {"student_column": "kid"}, Classroom.SORT_CSV_NO_COLUMN),
        ("student,pile\nLee,done\n,g\nAna\n", {}, Classroom.SORT_CSV_BAD_ROWS),
    ],
)
def test_missing_columns_and_bad_rows_are_refused(
    csv: str, options: dict[str, str], problem: Message
) -> None:
    with pytest.raises(InvalidInput) as caught:
        piles_from_table(read_table(csv), GPN, **options)  # type: ignore[arg-type]
    assert caught.value.message_id is problem


def test_scores_that_fit_no_pile_are_listed_a_few_at_a_time() -> None:
    rows = "".join(f"S{i},{-i}\n" for i in range(1, 9))
    rule = parse_rule("got it>=8,not yet>=0", GPN)
    with pytest.raises(InvalidInput) as caught:
        piles_from_table(read_table("student,score\n" + rows), GPN, rule=rule)
    assert caught.value.message_id is Classroom.SORT_CSV_BAD_ROWS
    assert "fits no pile" in caught.value.message and "and 3 more" in caught.value.message


def test_excel_s_separator_line_is_obeyed_and_skipped() -> None:
    table = read_table("sep=;\nstudent;pile\nRuiz, José;g\n")
    assert table.header == ("student", "pile")
    assert table.rows == (("Ruiz, José", "g"),)


def test_a_field_too_long_for_csv_is_one_line_error() -> None:
    with pytest.raises(InvalidInput) as caught:
        read_table('student,pile\n"' + "x" * 200_000 + '",g\n')
    assert caught.value.message_id is Classroom.SORT_CSV_UNREADABLE


@pytest.mark.parametrize(
    "data",
    [
        b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 4,  # a program
        b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" + bytes(range(40)),  # a photo
        b"PK\x03\x04\x14\x00\x06\x00" + bytes(range(1, 32)) * 8,  # an .xlsx (a zip)
    ],
)
def test_a_file_that_is_not_text_is_refused(data: bytes) -> None:
    with pytest.raises(InvalidInput) as caught:
        decode(data)
    assert caught.value.message_id is Classroom.SORT_CSV_NOT_TEXT
