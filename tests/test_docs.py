"""The README and docs/ are self-contained: every link inside the repository resolves, none
leaves it for a file the repository does not hold, and every page of docs/ is in the
README's index."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")


def pages() -> list[Path]:
    return [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


def test_every_relative_link_resolves_inside_the_repository():
    broken = []
    for page in pages():
        for target in LINK.findall(page.read_text(encoding="utf-8")):
            if re.match(r"[a-z]+:", target):  # http:, https:, mailto:
                continue
            path = (page.parent / target).resolve()
            if not path.is_relative_to(ROOT) or not path.exists():
                broken.append(f"{page.relative_to(ROOT)} → {target}")
    assert broken == []


def test_the_readme_indexes_every_page_of_docs():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [p.name for p in (ROOT / "docs").glob("*.md") if f"(docs/{p.name})" not in readme]
    assert missing == []


def test_the_users_guide_comes_in_vietnamese_first():
    guide = (ROOT / "docs" / "huong-dan.md").read_text(encoding="utf-8")
    for heading in ("Quy trình", "Mỗi vai trò làm gì", "Cách đánh giá", "Thuật ngữ"):
        assert heading in guide
    assert guide.index("## 1. Quy trình") < guide.index("## English summary")
