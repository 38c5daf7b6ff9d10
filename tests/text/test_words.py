"""Yes/no, statuses, the header normaliser and the one problem type (nghiquyet.text)."""

from __future__ import annotations

import pytest

from nghiquyet.text import Problem, TextError, fold, label_key, read_status, read_yes_no
from nghiquyet.text.problems import Message, use_translation


@pytest.mark.parametrize(
    ("header", "key"),
    [
        ("Chỉ tiêu trên", "chi_tieu_tren"),
        ("chi_tieu_tren", "chi_tieu_tren"),
        ("  CHỈ-TIÊU  trên ", "chi_tieu_tren"),
        ("\ufeffMã", "ma"),
        ("Đơn vị tính", "don_vi_tinh"),
    ],
)
def test_fold_ignores_case_diacritics_and_separators(header, key):
    assert fold(header) == key


def test_label_key_drops_hints_and_punctuation():
    assert label_key("Đơn vị tính (ĐVT)") == "don_vi_tinh"
    assert label_key("Đạt / không đạt") == "dat_khong_dat"


@pytest.mark.parametrize(
    "written",
    [
        *("Đạt", "đạt", "DAT", "có", "Có", "x", "X", "✓", "1", 1, 1.0, True, "hoàn thành"),
        *("Vượt", "yes", "true", "achieved"),
    ],
)
def test_yes(written):
    assert read_yes_no(written) is True


@pytest.mark.parametrize(
    "written",
    # "Không đạt" is "not met", once and everywhere (the API took it, the grid refused it).
    [
        *("Không đạt", "không đạt", "KHONG DAT", "Chưa đạt", "chua_dat", "không", "Chưa", "0"),
        *(0, False, "no", "false", "not achieved", "chưa hoàn thành"),
    ],
)
def test_no(written):
    assert read_yes_no(written) is False


@pytest.mark.parametrize("written", ["", "  ", None])
def test_empty_is_no_figure_not_no(written):
    assert read_yes_no(written) is None


@pytest.mark.parametrize("written", ["đạt 80%", "2", 2, "tốt", "-"])
def test_anything_else_says_how_to_write_it(written):
    with pytest.raises(TextError) as err:
        read_yes_no(written)
    assert err.value.problem.text == (
        f"“{written}” không phải là đạt/không đạt; ghi Đạt (hoặc có, x, 1) hoặc Chưa đạt "
        "(hoặc không đạt, không, 0)"
    )


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("estimate", "estimate"),
        ("Ước thực hiện", "estimate"),
        ("ước", "estimate"),
        ("uoc tinh", "estimate"),
        ("Sơ bộ", "preliminary"),
        ("preliminary", "preliminary"),
        ("Chính thức", "official"),
        ("official", "official"),
        ("", None),
    ],
)
def test_statuses(written, key):
    assert read_status(written) == key


def test_an_unknown_status_says_the_words():
    with pytest.raises(TextError) as err:
        read_status("xong rồi")
    assert err.value.problem.text == (
        "“xong rồi” không phải tình trạng số liệu; ghi ước thực hiện (hoặc ước), sơ bộ hoặc "
        "chính thức"
    )


class TestProblem:
    def test_located_by_sheet_row_column_and_field(self):
        p = Problem("“%(text)s” sai", {"text": "abc"}).at(
            sheet="Số liệu", row=12, column="H", field="Giá trị — 23. Giải quyết việc làm"
        )
        assert str(p) == (
            "Trang 'Số liệu', dòng 12, cột H (Giá trị — 23. Giải quyết việc làm): “abc” sai."
        )
        assert p.text == "“abc” sai"

    def test_located_by_a_header_or_an_api_field(self):
        assert str(Problem("sai").at(row=3, column="thuc_hien")) == "Dòng 3, cột 'thuc_hien': sai."
        assert str(Problem("sai").at(row=3, field="value")) == "Dòng 3, trường “value”: sai."
        assert str(Problem("sai")) == "Sai."

    def test_an_error_keeps_a_place_already_named(self):
        err = TextError([Problem("a", column="H"), Problem("b")]).at(row=4, column="G")
        assert [(p.row, p.column) for p in err.problems] == [(4, "H"), (4, "G")]

    def test_messages_and_hints_are_translated_when_shown(self):
        catalogue = {
            "“%(text)s” sai; %(hint)s": "“%(text)s” is wrong; %(hint)s",
            "ghi 1": "write 1",
        }
        use_translation(lambda m: catalogue.get(m, m))
        try:
            p = Problem("“%(text)s” sai; %(hint)s", {"text": "x", "hint": Message("ghi 1")})
            assert p.text == "“x” is wrong; write 1"
        finally:
            use_translation(lambda m: m)


def test_the_status_words_name_the_statuses_the_database_keeps(db):
    from nghiquyet.reporting.choices import ValueStatus
    from nghiquyet.text.statuses import STATUS_WORDS

    assert [key for key, _words in STATUS_WORDS] == list(ValueStatus.values)
