"""Shared pieces of the `nghiquyet classify` tests."""

import json

EN_HEADER = "code,name,unit,direction,target,target_high,actual\n"
VI_HEADER = "ma;ten;don_vi_tinh;chieu;chi_tieu;chi_tieu_tren;thuc_hien\n"

# Bến Tre 2016 and neighbours: the three cases the issue fixes.
REAL_CASES_VI = (
    VI_HEADER + "GRDP;Tốc độ tăng trưởng GRDP;%;tang;6,5;;5,3\n"
    "TN;Tỷ lệ thất nghiệp;%;giam;4;;4,39\n"
    "LD;Tỷ lệ lao động qua đào tạo;%;tang;65;;64,5\n"
)


def as_json(out: str) -> dict:
    return json.loads(out)


def by_code(result: dict) -> dict[str, dict]:
    return {t["code"]: t for t in result["targets"]}


def assert_bad_input(result: tuple[int, str, str], *fragments: str) -> str:
    code, out, err = result
    assert code == 2
    assert out == ""
    assert "Traceback" not in err
    for fragment in fragments:
        assert fragment in err
    return err
