"""Folding for search: every Vietnamese letter with tones to its base letter, lower case."""

from __future__ import annotations

import unicodedata

import pytest

from nghiquyet.text.search import FOLD_FROM, FOLD_TO, search_fold

VOWELS = "aàáạảãâầấậẩẫăằắặẳẵeèéẹẻẽêềếệểễiìíịỉĩoòóọỏõôồốộổỗơờớợởỡuùúụủũưừứựửữyỳýỵỷỹ"


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Phường An Hội", "phuong an hoi"),
        ("NGHỊ QUYẾT ĐẠI HỘI", "nghi quyet dai hoi"),
        ("hỗ trợ nhà ở", "ho tro nha o"),
        ("Đảng bộ đường Ưng Ỷ", "dang bo duong ung y"),
        ("6.388,3 tỷ đồng; 50%", "6.388,3 ty dong; 50%"),
        ("", ""),
    ],
)
def test_fold(text, folded):
    assert search_fold(text) == folded


def test_every_vietnamese_letter_folds_to_its_base_letter_in_both_cases():
    for char in VOWELS + VOWELS.upper() + "đĐ":
        base = "d" if char in "đĐ" else unicodedata.normalize("NFD", char)[0].lower()
        assert search_fold(char) == base, char


def test_decomposed_text_folds_like_composed_text():
    composed = "Hội đồng nhân dân"
    assert (
        search_fold(unicodedata.normalize("NFD", composed))
        == search_fold(composed)
        == "hoi dong nhan dan"
    )


def test_the_table_is_one_for_one():
    assert len(FOLD_FROM) == len(FOLD_TO) == len(set(FOLD_FROM))
    assert search_fold(None) is None
