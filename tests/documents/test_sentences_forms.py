"""The plan figure in a review's sentence for the forms of issue 10: a strict bound ("trên
90%"), a band of the economy's structure ("trong khoảng 28 – 29%"), a reduction of a rate in
percentage points ("giảm 0,7 điểm phần trăm"); the forms before them are written as before."""

from __future__ import annotations

from nghiquyet.documents.sentences import plan_words
from tests.documents.test_sentences import target


def test_the_new_forms_in_prose():
    assert plan_words(target("Tỷ lệ bao phủ BHYT", "%", 97, strict=True)) == "trên 97%"
    band = target("Tỷ trọng nông nghiệp", "%", 28, high=29, direction="band")
    assert plan_words(band) == "trong khoảng 28 – 29%"
    poverty = target("Tỷ lệ hộ nghèo", "%", 0.7, change=2)
    assert plan_words(poverty) == "giảm 0,7 điểm phần trăm"  # in prose, never "điểm %"
    accidents = target("Số vụ tai nạn giao thông", "vụ", 5, high=10, change=2)
    assert plan_words(accidents) == "giảm 5 – 10%"
    strict = target("Tỷ lệ hộ nghèo", "%", 2.25, direction="lower", strict=True)
    assert plan_words(strict) == "dưới 2,25%"
