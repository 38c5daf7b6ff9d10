"""``nghiquyet plan extract FILE``: a resolution's targets read from its text, as the
plan-import workbook filled in, or as JSON."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from nghiquyet.documents.resolution_text import ResolutionFileError, resolution_lines
from nghiquyet.text.resolution import Extraction, extract_targets

from .base import EXIT_OK, CommandError, setup_django


def add_parser(commands: Any) -> None:
    plan = commands.add_parser(
        "plan",
        help="nghị quyết: đọc các chỉ tiêu từ văn bản nghị quyết",
        description="Các lệnh về nghị quyết, chương trình, kế hoạch.",
    )
    sub = plan.add_subparsers(title="các lệnh", metavar="LỆNH", dest="plan_command")
    sub.required = True
    extract = sub.add_parser(
        "extract",
        help="đọc các chỉ tiêu từ văn bản (.docx, .txt, .md) thành tệp nhập nghị quyết",
        description=(
            "Đọc phần các chỉ tiêu của một nghị quyết (.docx, .txt hoặc .md): các dòng đánh số\n"
            'dưới các đề mục nhóm ("Về kinh tế", "a) Chỉ tiêu kinh tế", "I. Về kinh tế"),\n'
            'mỗi dòng một tên chỉ tiêu và chỉ tiêu như nghị quyết ghi ("từ 11% trở lên",\n'
            '"giảm 0,7% (còn 4,33%)"). Ghi ra tệp Excel nhập nghị quyết đã điền sẵn các chỉ\n'
            "tiêu, hoặc in JSON với --json. Dòng không đọc được được liệt kê, không bỏ qua."
        ),
        epilog=(
            "Ví dụ:\n  nghiquyet plan extract nghi-quyet-2026.docx\n"
            "  nghiquyet plan extract chi-tieu.txt --json > chi-tieu.json"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    extract.add_argument("file", metavar="TỆP", help="văn bản nghị quyết: .docx, .txt hoặc .md")
    extract.add_argument(
        "--json", action="store_true", help="in JSON (nhóm, chỉ tiêu, dòng không đọc được)"
    )
    extract.add_argument(
        "-o",
        "--output",
        metavar="TỆP_XLSX",
        help="tệp Excel ghi ra (mặc định: tên văn bản với đuôi .xlsx)",
    )
    extract.set_defaults(handler=cmd_extract)


def read_extraction(path: str) -> Extraction:
    """The groups and targets of the resolution at ``path``."""
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise CommandError(f"Không tìm thấy tệp “{path}”.") from None
    except OSError as exc:
        raise CommandError(f"Không đọc được tệp “{path}”: {exc.strerror}.") from None
    try:
        return extract_targets(resolution_lines(data, Path(path).name))
    except ResolutionFileError as exc:
        raise CommandError(str(exc)) from None


def summary(extraction: Extraction) -> list[str]:
    """What was read, and what was not, in Vietnamese."""
    lines = [f"Đọc được {len(extraction.targets)} chỉ tiêu trong {len(extraction.groups)} nhóm."]
    for t in extraction.flagged:
        lines.append(f"  Dòng {t.line}, chỉ tiêu {t.number} — cần sửa: {t.problem}")
    if extraction.unread:
        lines.append(f"{len(extraction.unread)} dòng không phải chỉ tiêu (không đọc):")
        lines += [f"  Dòng {n}: {text}" for n, text in extraction.unread]
    return lines


def cmd_extract(args: argparse.Namespace) -> int:
    """Read the file; print JSON, or write the plan-import workbook."""
    extraction = read_extraction(args.file)
    if args.json:
        print(json.dumps(extraction.to_dict(), ensure_ascii=False, indent=2))
        for line in summary(extraction):
            print(line, file=sys.stderr)
        return EXIT_OK
    if not extraction.targets:
        raise CommandError(
            [f"Không tìm thấy chỉ tiêu nào trong “{args.file}”.", *summary(extraction)[1:]]
        )
    setup_django()
    from nghiquyet.documents.plan_excel.template import plan_template

    out = Path(args.output or Path(args.file).with_suffix(".xlsx"))
    if out.resolve() == Path(args.file).resolve():
        raise CommandError("Tệp ghi ra trùng với văn bản đọc vào; hãy chọn tên khác với -o.")
    out.write_bytes(plan_template(extraction=extraction))
    for line in summary(extraction):
        print(line)
    print(
        f"Đã ghi {out}: điền thông tin văn bản, đơn vị chủ trì, rồi nhập trên trang "
        "“Nhập nghị quyết từ Excel”."
    )
    return EXIT_OK
