"""`nghiquyet classify FILE [--scheme …] [--json]`, run in-process through ``cli.main``."""

import json
from pathlib import Path

import pytest

from nghiquyet import engine
from nghiquyet.cli.output import build_json, render_table
from tests.cli.classify_support import (
    EN_HEADER,
    REAL_CASES_VI,
    VI_HEADER,
    as_json,
    assert_bad_input,
    by_code,
)

# --------------------------------------------------------------------------- the real cases


def test_real_cases_under_bands(run, write_csv):
    code, out, err = run("classify", write_csv(REAL_CASES_VI), "--json")
    assert (code, err) == (0, "")
    targets = by_code(as_json(out))
    assert targets["GRDP"] == {"code": "GRDP", "rate": 81.54, "class": "above_80"}
    assert targets["TN"] == {"code": "TN", "rate": 91.12, "class": "near"}
    assert targets["LD"] == {"code": "LD", "rate": 99.23, "class": "near"}


def test_real_cases_under_binary(run, write_csv):
    code, out, _ = run("classify", write_csv(REAL_CASES_VI), "--scheme", "binary", "--json")
    assert code == 0
    result = as_json(out)
    assert result["scheme"] == "binary"
    targets = by_code(result)
    assert targets["TN"] == {"code": "TN", "rate": 91.12, "class": "not_achieved"}
    assert targets["LD"]["class"] == "not_achieved"
    assert targets["GRDP"]["class"] == "not_achieved"
    assert result["counts"] == {"achieved": 0, "not_achieved": 3, "no_data": 0}


def test_real_cases_table(run, write_csv):
    code, out, err = run("classify", write_csv(REAL_CASES_VI))
    assert (code, err) == (0, "")
    assert "81,54%" in out
    assert "91,12%" in out
    assert "99,23%" in out
    lines = out.splitlines()
    grdp = next(line for line in lines if line.startswith("GRDP"))
    assert grdp.endswith("đạt trên 80%")
    assert out.rstrip("\n").endswith("1/3 chỉ tiêu đạt trên 80%.")
    assert "2/3 chỉ tiêu xấp xỉ đạt" in out


# --------------------------------------------------------------------------- JSON shape


def test_json_exact_shape(run, write_csv):
    path = write_csv(
        EN_HEADER + "A,Thu ngân sách,tỷ đồng,higher,100,,120\n"
        "B,Tỷ lệ hộ nghèo,%,lower,2.25,,2.5\n"
        "C,Đạt chuẩn đô thị loại I,,yes_no,,,\n"
    )
    code, out, _ = run("classify", path, "--json")
    assert code == 0
    assert as_json(out) == {
        "scheme": "bands",
        "targets": [
            {"code": "A", "rate": 120.0, "class": "achieved"},
            {"code": "B", "rate": 90.0, "class": "near"},
            {"code": "C", "rate": None, "class": "no_data"},
        ],
        "counts": {
            "achieved": 1,
            "near": 1,
            "above_80": 0,
            "above_70": 0,
            "above_50": 0,
            "not_achieved": 0,
            "no_data": 1,
        },
        "summary": (
            "1/3 chỉ tiêu đạt và vượt; 1/3 chỉ tiêu xấp xỉ đạt; 1/3 chỉ tiêu chưa có số liệu."
        ),
    }
    assert list(as_json(out)) == ["scheme", "targets", "counts", "summary"]
    # ensure_ascii=False: Vietnamese is written as is, not as \u escapes
    assert "chỉ tiêu" in out
    assert "\\u" not in out


def test_targets_keep_file_order(run, write_csv):
    rows = "".join(f"Z{i:02d},t,,higher,10,,{i}\n" for i in range(12, 0, -1))
    code, out, _ = run("classify", write_csv(EN_HEADER + rows), "--json")
    assert code == 0
    assert [t["code"] for t in as_json(out)["targets"]] == [f"Z{i:02d}" for i in range(12, 0, -1)]


# --------------------------------------------------------------------------- bands and no data


@pytest.mark.parametrize(
    ("actual", "expected"),
    [
        ("100", "achieved"),
        ("99.99", "near"),
        ("90", "near"),
        ("89.99", "above_80"),
        ("80", "above_80"),
        ("70", "above_70"),
        ("69.99", "above_50"),
        ("50", "above_50"),
        ("49.99", "not_achieved"),
        ("0", "not_achieved"),
    ],
)
def test_bands_are_lower_inclusive(run, write_csv, actual, expected):
    code, out, _ = run("classify", write_csv(EN_HEADER + f"X,x,,higher,100,,{actual}\n"), "--json")
    assert code == 0
    assert as_json(out)["targets"][0]["class"] == expected


def test_empty_actual_is_no_data_not_failure(run, write_csv):
    path = write_csv(
        EN_HEADER + "A,a,,higher,10,,\nB,b,,lower,4,,\nC,c,,yes_no,,,\nD,d,,higher,10,,2\n"
    )
    code, out, _ = run("classify", path, "--json")
    assert code == 0
    result = as_json(out)
    assert [t["class"] for t in result["targets"]] == ["no_data"] * 3 + ["not_achieved"]
    assert [t["rate"] for t in result["targets"]] == [None, None, None, 20.0]
    assert result["counts"]["no_data"] == 3
    assert result["counts"]["not_achieved"] == 1
    assert result["summary"] == "1/4 chỉ tiêu không đạt; 3/4 chỉ tiêu chưa có số liệu."


# --------------------------------------------------------------------------- schemes


def write_scheme(tmp_path: Path, data: object, name: str = "tinh.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


CUSTOM_SCHEME = {
    "key": "tinh_a",
    "name": "Ba mức của tỉnh A",
    "bands": [
        {"key": "achieved", "label": "hoàn thành", "min_rate": 100},
        {"key": "near", "label": "gần hoàn thành", "min_rate": 95},
        {"key": "not_achieved", "label": "chưa hoàn thành", "min_rate": None},
    ],
}


def test_custom_json_scheme(run, write_csv, tmp_path):
    scheme = write_scheme(tmp_path, CUSTOM_SCHEME)
    code, out, _ = run("classify", write_csv(REAL_CASES_VI), "--scheme", scheme, "--json")
    assert code == 0
    result = as_json(out)
    assert result["scheme"] == "tinh_a"
    assert [t["class"] for t in result["targets"]] == ["not_achieved", "not_achieved", "near"]
    assert result["counts"] == {"achieved": 0, "near": 1, "not_achieved": 2, "no_data": 0}
    assert result["summary"] == "1/3 chỉ tiêu gần hoàn thành; 2/3 chỉ tiêu chưa hoàn thành."


def test_custom_scheme_labels_in_table(run, write_csv, tmp_path):
    scheme = write_scheme(tmp_path, CUSTOM_SCHEME)
    code, out, _ = run("classify", write_csv(REAL_CASES_VI), "--scheme", scheme)
    assert code == 0
    assert "gần hoàn thành" in out
    assert "xấp xỉ đạt" not in out


def test_invalid_json_scheme(run, write_csv, tmp_path):
    bad = dict(CUSTOM_SCHEME, bands=CUSTOM_SCHEME["bands"][::-1])
    scheme = write_scheme(tmp_path, bad)
    assert_bad_input(run("classify", write_csv(REAL_CASES_VI), "--scheme", scheme), "achieved")


def test_scheme_file_not_json(run, write_csv, tmp_path):
    scheme = tmp_path / "hong.json"
    scheme.write_text("{ không phải json", encoding="utf-8")
    assert_bad_input(
        run("classify", write_csv(REAL_CASES_VI), "--scheme", scheme), "không phải JSON hợp lệ"
    )


def test_missing_scheme_file(run, write_csv, tmp_path):
    assert_bad_input(
        run("classify", write_csv(REAL_CASES_VI), "--scheme", tmp_path / "khong_co.json"),
        "Không tìm thấy tệp bảng phân loại",
    )


def test_unknown_scheme_name(run, write_csv):
    assert_bad_input(
        run("classify", write_csv(REAL_CASES_VI), "--scheme", "sáu_mức"),
        "Không có bảng phân loại 'sáu_mức'",
        "bands, binary",
    )


# --------------------------------------------------------------------------- the text table


def test_table_layout(run, write_csv):
    path = write_csv(
        VI_HEADER + "CT01;Tốc độ tăng trưởng GRDP;%;tang;6,5;;5,3\n"
        "CT02;Thu ngân sách nhà nước trên địa bàn (không kể thu từ dầu thô);tỷ đồng;"
        "tang;6.388,3;;6.500\n"
        "CT03;Đạt chuẩn đô thị loại I;;dat;;;không đạt\n"
        "CT04;Tăng trưởng (khoảng);%;tang;6;6,5;\n"
    )
    code, out, _ = run("classify", path)
    assert code == 0
    lines = out.rstrip("\n").split("\n")
    heading = lines[0]
    for word in ("Mã", "Chỉ tiêu", "ĐVT", "Kế hoạch", "Thực hiện", "Tỷ lệ", "Xếp loại"):
        assert word in heading
    assert set(lines[1]) == {"-", " "}
    body = lines[2:6]
    assert [line.split()[0] for line in body] == ["CT01", "CT02", "CT03", "CT04"]
    # the long name is cut with "…"
    assert "…" in body[1]
    assert "dầu thô" not in out
    assert all(len(line) <= 140 for line in lines)
    # right-aligned figures end in the same column, the class column starts in the same column
    rate_end = heading.index("Tỷ lệ") + len("Tỷ lệ")
    assert body[0][:rate_end].endswith("81,54%")
    assert body[1][:rate_end].endswith("101,75%")
    class_start = heading.index("Xếp loại")
    assert body[0][class_start:] == "đạt trên 80%"
    assert body[1][class_start:] == "đạt và vượt"
    assert body[2][class_start:] == "không đạt"
    assert body[3][class_start:] == "chưa có số liệu"
    assert "6.388,3" in body[1]
    assert "6.500" in body[1]
    assert "6 – 6,5" in body[3]
    assert lines[6] == ""
    assert lines[7] == (
        "1/4 chỉ tiêu đạt và vượt; 1/4 chỉ tiêu đạt trên 80%; 1/4 chỉ tiêu không đạt; "
        "1/4 chỉ tiêu chưa có số liệu."
    )
    assert len(lines) == 8


def test_render_table_and_build_json_take_plain_rows():
    rows = [
        {
            "code": "A",
            "name": "Tốc độ tăng trưởng GRDP",
            "unit": "%",
            "target": "6,5",
            "actual": "5,3",
            "rate": 81.538461,
            "class": "above_80",
        },
        {
            "code": "B",
            "name": "Số xã đạt chuẩn",
            "unit": "xã",
            "target": "5",
            "actual": "",
            "rate": None,
            "class": "no_data",
        },
    ]
    counts = dict.fromkeys(engine.BANDS.keys, 0) | {"above_80": 1, "no_data": 1}
    text = render_table(rows, engine.BANDS, counts)
    assert "81,54%" in text
    assert "chưa có số liệu" in text
    assert text.endswith("1/2 chỉ tiêu đạt trên 80%; 1/2 chỉ tiêu chưa có số liệu.")
    data = build_json(rows, engine.BANDS, counts)
    assert data["targets"] == [
        {"code": "A", "rate": 81.54, "class": "above_80"},
        {"code": "B", "rate": None, "class": "no_data"},
    ]
    assert data["counts"] == counts
    assert data["scheme"] == "bands"
