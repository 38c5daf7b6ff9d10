"""The targets of a resolution read from its text: numbered lines under group headings.

Resolutions list their main targets ("các chỉ tiêu chủ yếu") as numbered lines under group
headings — "I. Về kinh tế (11 chỉ tiêu)", "1. Về kinh tế:", "a) Chỉ tiêu kinh tế", "Về văn hóa
- xã hội: (7) … (8) …", "11 chỉ tiêu kinh tế gồm:" — each line a name and a wording
("Tỷ lệ đô thị hóa đến năm 2025: 16% trở lên"). :func:`extract_targets` reads such lines
(copied from Word, a .txt or a .md) into groups of targets, each with its form
(:mod:`nghiquyet.text.targets`). Nothing is dropped silently: a target line whose wording
cannot be read is kept with its problem, and a line that is neither a heading nor a target
is listed as unread, with its line number.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from .problems import TextError
from .targets import TargetForm, read_target, render_target, split_line

_ROMAN = r"[IVXLC]+"
_HEADING_WORDS = r"(?:về|các chỉ tiêu|chỉ tiêu|nhóm chỉ tiêu|lĩnh vực)\b"
_HEADING = re.compile(
    rf"^(?:(?:{_ROMAN}|[a-zđ]|\d+)\s*[.)/-]\s*)?{_HEADING_WORDS}(?P<title>.*)$", re.I
)
#: "11 chỉ tiêu kinh tế gồm:", "3 chỉ tiêu môi trường gồm:"
_COUNTED_HEADING = re.compile(r"^\d+\s+(?:nhóm\s+)?chỉ tiêu\b.*?(?:gồm)?\s*:?\s*$", re.I)
#: "(1) …", "1. …", "1) …", "2.1. …", "- …", "+ …", "• …", "a) …"
_ITEM = re.compile(
    r"^(?:\((?P<paren>\d+[a-z]?)\)|(?P<num>\d+(?:\.\d+)*[a-z]?)[.)](?!\d)|(?P<letter>[a-zđ])\)"
    r"|(?P<bullet>[-–+•*]))\s*(?P<rest>.+)$"
)
#: where one paragraph holds several items: "Về kinh tế: (1) … (2) …"
_INLINE_ITEM = re.compile(r"\s(?=\(\d+\)\s)")


@dataclass
class ExtractedTarget:
    number: str
    name: str
    #: the wording as printed
    target_text: str
    line: int
    form: TargetForm | None = None
    #: why the wording could not be read (Vietnamese), empty when it was
    problem: str = ""

    @property
    def form_text(self) -> str:
        """The form in its canonical wording: what the wording was understood as."""
        return render_target(self.form) if self.form is not None else ""

    def to_dict(self) -> dict:
        out = {"number": self.number, "name": self.name, "target_text": self.target_text}
        if self.form is not None:
            out.update(self.form.to_dict())
        else:
            out.update(
                {
                    "direction": None,
                    "low": None,
                    "high": None,
                    "unit": "",
                    "comparison": None,
                    "approximate": False,
                    "parts": [],
                }
            )
        out["line"] = self.line
        out["problem"] = self.problem
        return out


@dataclass
class ExtractedGroup:
    title: str
    number: str = ""
    line: int = 0
    text: str = ""
    targets: list[ExtractedTarget] = field(default_factory=list)


@dataclass
class Extraction:
    groups: list[ExtractedGroup]
    #: (line number, text) of every line that is neither a heading nor a target
    unread: list[tuple[int, str]]

    @property
    def targets(self) -> list[ExtractedTarget]:
        return [t for g in self.groups for t in g.targets]

    @property
    def flagged(self) -> list[ExtractedTarget]:
        return [t for t in self.targets if t.problem]

    def to_dict(self) -> dict:
        return {
            "groups": [
                {"title": g.title, "targets": [t.to_dict() for t in g.targets]} for g in self.groups
            ],
            "unread": [{"line": n, "text": text} for n, text in self.unread],
        }


def _clean(line: str) -> str:
    line = unicodedata.normalize("NFC", line).replace("\u00a0", " ").replace("\t", " ")
    line = re.sub(r"\s+", " ", line).strip()
    # Markdown: headings, emphasis, list markers as "1." stay
    line = re.sub(r"^#+\s*", "", line)
    return line.replace("**", "").replace("__", "").strip()


def _is_section_title(line: str) -> bool:
    """ "CÁC CHỈ TIÊU CHỦ YẾU TRONG NHIỆM KỲ 2020-2025": the section's own title."""
    letters = [c for c in line if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters) and "CHỈ TIÊU" in line


def _heading(line: str) -> tuple[str, str, str] | None:
    """(number, title, rest on the same line) of a group heading, or None."""
    if _COUNTED_HEADING.match(line):
        return "", line.rstrip(" :"), ""
    m = re.match(rf"^(?:(?P<no>{_ROMAN}|[a-zđ]|\d+)\s*[.)/-]\s*)?(?P<body>.*)$", line, re.I)
    body = m.group("body")
    if not re.match(_HEADING_WORDS, body, re.I):
        return None
    title, rest = body, ""
    colon = body.find(":")
    if colon >= 0:
        title, rest = body[:colon], body[colon + 1 :].strip()
    elif _INLINE_ITEM.search(body):
        i = _INLINE_ITEM.search(body).start()
        title, rest = body[:i], body[i:].strip()
    if len(title) > 200 or (not rest and _item_figure(title)):
        return None
    return (m.group("no") or ""), title.strip(" .:"), rest


def _item_figure(text: str) -> bool:
    """Does ``text`` read as a target (a name with a figure or a standard)?"""
    _name, wording = split_line(text)
    return bool(wording)


def _read(name: str, wording: str) -> tuple[TargetForm | None, str]:
    try:
        return read_target(wording, name=name), ""
    except TextError as exc:
        return None, exc.problem.text


def extract_targets(lines: list[str]) -> Extraction:
    """The groups and targets of a resolution's lines (see the module's docstring)."""
    groups: list[ExtractedGroup] = []
    unread: list[tuple[int, str]] = []
    counter = 0
    pending: list[tuple[int, str]] = []
    for number, raw in enumerate(lines, start=1):
        line = _clean(raw)
        if not line:
            continue
        for piece in _INLINE_ITEM.split(line):
            pending.append((number, piece.strip()))

    def group() -> ExtractedGroup:
        if not groups:
            groups.append(ExtractedGroup(title=""))
        return groups[-1]

    queue = list(pending)
    while queue:
        number, line = queue.pop(0)
        if not line:
            continue
        if _is_section_title(line):
            unread.append((number, line))
            continue
        head = _heading(line)
        if head is not None:
            no, title, rest = head
            groups.append(ExtractedGroup(title=title, number=no, line=number, text=line))
            if rest:
                queue.insert(0, (number, rest))
            continue
        m = _ITEM.match(line)
        if m is None:
            unread.append((number, line))
            continue
        text = m.group("rest").strip().rstrip(".;")
        given = m.group("paren") or m.group("num") or m.group("letter")
        if given and given.isdigit():
            counter = int(given)
        elif not given:
            counter += 1
        code = given or str(counter)
        name, wording = split_line(text)
        if not wording:
            unread.append((number, line))
            continue
        form, problem = _read(name, wording)
        if form is None and ";" in wording:
            # "Cơ cấu kinh tế: Dịch vụ …; Công nghiệp …": the name heads every piece
            shared = text[len(name) :].lstrip().startswith(":") and bool(
                split_line(wording.split(";")[0])[0]
            )
            split = _split_items(name, wording, code, number, shared)
            if split:
                group().targets.extend(split)
                continue
        group().targets.append(
            ExtractedTarget(code, name or text, wording, number, form=form, problem=problem)
        )
    # A heading with no target under it is a line like any other that was not read.
    unread += [(g.line, g.text) for g in groups if not g.targets and g.text]
    unread.sort()
    return Extraction(groups=[g for g in groups if g.targets], unread=unread)


def _split_items(
    name: str, wording: str, code: str, line: int, shared: bool
) -> list[ExtractedTarget]:
    """Several targets on one line, ";" between them ("Cơ cấu kinh tế: Công nghiệp - xây
    dựng 41,8%; dịch vụ 39,7%; …"): numbered 2.1, 2.2…; none unless every piece reads.
    With ``shared`` (the line's name ends with a colon), it heads every piece's name."""
    out = []
    for k, piece in enumerate(p.strip() for p in wording.split(";") if p.strip()):
        part_name, part_wording = split_line(piece)
        if not part_wording:
            return []
        if shared and part_name:
            full = f"{name}: {part_name}"
        else:
            full = part_name or (name if k == 0 else piece)
        form, _problem = _read(full, part_wording)
        if form is None:
            return []
        out.append(ExtractedTarget(f"{code}.{k + 1}", full, part_wording, line, form=form))
    return out
