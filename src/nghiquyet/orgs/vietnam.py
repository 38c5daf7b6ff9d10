"""The administrative map of Vietnam, before and after 1/7/2025, read from data packages.

Two packages from PyPI, read as data (no code of theirs runs, nothing is fetched):

- ``vietnam-provinces`` (Nguyễn Hồng Quân): the 34 provinces and 3,321 communes after
  the reorganisation, with the names and codes of the statistics office's list
  (danhmuchanhchinh), as the maintainer exported it — these are the units' official codes;
- ``vietnamadminunits`` (Trần Ngọc Minh Hiếu): the 63 provinces, 696 districts and 10,035
  communes before 1/7/2025 with their statistics office codes, and which former
  communes (or parts of them) formed each new one.

The two are matched by province and name (spelling normalised: tone-mark placement,
dashes, apostrophes, spaces); every new commune of one is found in the other, and
:func:`read_map` refuses to go on if one is not. Where ``vietnamadminunits`` gives a new
commune another code than the statistics office (its codes come from another list),
that code is kept as an alias.

This module only reads: :mod:`nghiquyet.orgs.loading` writes the units.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import re
import sqlite3
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from importlib.metadata import version as package_version
from pathlib import Path

from .choices import OrgUnitKind

#: The day the two-tier local government and the 34 provinces took effect.
REORGANISED_ON = dt.date(2025, 7, 1)
COUNTRY_CODE = "VN"
COUNTRY_NAME = "Việt Nam"

PROVINCE_DECISION = (
    "Nghị quyết số 202/2025/QH15 ngày 12/6/2025 của Quốc hội về việc sắp xếp đơn vị hành "
    "chính cấp tỉnh"
)
COMMUNE_DECISION = (
    "Nghị quyết của Ủy ban Thường vụ Quốc hội về việc sắp xếp các đơn vị hành chính cấp xã "
    "của %(province)s năm 2025"
)
DISTRICT_DECISION = (
    "Luật Tổ chức chính quyền địa phương số 72/2025/QH15: kết thúc hoạt động của đơn vị hành "
    "chính cấp huyện"
)

#: Source names of codes kept as aliases.
ALIAS_SOURCE = "vietnamadminunits"

_KINDS = {
    # vietnam-provinces (after 1/7/2025)
    "tỉnh": OrgUnitKind.PROVINCE,
    "thành phố trung ương": OrgUnitKind.PROVINCE,
    "xã": OrgUnitKind.COMMUNE,
    "phường": OrgUnitKind.WARD,
    "đặc khu": OrgUnitKind.SPECIAL_ZONE,
    # vietnamadminunits (before)
    "quận": OrgUnitKind.URBAN_DISTRICT,
    "huyện": OrgUnitKind.DISTRICT,
    "thị xã": OrgUnitKind.TOWN,
    "thành phố": OrgUnitKind.PROVINCIAL_CITY,
    "thị trấn": OrgUnitKind.TOWNSHIP,
}

# Old-style tone placement ("hoà", "thuỷ") and the new style ("hòa", "thủy") name the
# same place; so do "Cư M’gar" and "Cư M'gar".
_TONE = {
    "oà": "òa",
    "oá": "óa",
    "oả": "ỏa",
    "oã": "õa",
    "oạ": "ọa",
    "oè": "òe",
    "oé": "óe",
    "oẻ": "ỏe",
    "oẽ": "õe",
    "oẹ": "ọe",
    "uỳ": "ùy",
    "uý": "úy",
    "uỷ": "ủy",
    "uỹ": "ũy",
    "uỵ": "ụy",
}
_TONE_RE = re.compile(r"(?<!q)(" + "|".join(_TONE) + r")(?!\w)")


def clean_name(name: str) -> str:
    """A name as written, with its spaces tidied (the packages have doubled ones)."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", name or "")).strip()


def name_key(name: str) -> str:
    """A spelling-insensitive key for matching names across sources."""
    s = clean_name(name).lower().replace("’", "'").replace("‘", "'")
    s = re.sub(r"\s*[-–—]\s*", "-", s)
    return _TONE_RE.sub(lambda m: _TONE[m.group(1)], s)


_KIND_WORDS = (
    "thành phố",
    "thị trấn",
    "thị xã",
    "đặc khu",
    "phường",
    "huyện",
    "quận",
    "tỉnh",
    "xã",
)


def bare_name(name: str) -> str:
    """The name without the kind of unit: "Thị trấn Thanh Nhật" → "thanh nhật"."""
    s = name_key(name)
    for word in _KIND_WORDS:
        if s.startswith(word + " "):
            return s[len(word) + 1 :]
    return s


def province_key(name: str) -> str:
    s = name_key(name)
    for prefix in ("thành phố ", "tỉnh "):
        if s.startswith(prefix):
            return s[len(prefix) :]
    return s


@dataclass(frozen=True)
class Place:
    """A unit as a package gives it."""

    code: str
    name: str
    kind: str
    #: code of the unit it sits under (None for a province: under the country)
    parent: str | None = None
    short_name: str = ""


@dataclass
class Formation:
    """How one unit of 1/7/2025 was formed: wholly from some former units, and from parts
    of others (splits whose shares no source declares)."""

    code: str
    whole: list[str] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)

    @property
    def sources(self) -> list[str]:
        return [*self.whole, *self.parts]


@dataclass
class VietnamMap:
    """The map after 1/7/2025 and, optionally, before it, with which became which."""

    #: "vietnam-provinces 2025.10.1, vietnamadminunits 1.0.4"
    version: str
    #: the date the statistics office's list was read (the date of a later rename)
    data_date: dt.date
    provinces: list[Place]
    communes: list[Place]
    old_provinces: list[Place]
    old_districts: list[Place]
    old_communes: list[Place]
    #: new province code → old province codes, new commune code → its formation
    province_from: dict[str, list[str]]
    commune_from: dict[str, Formation]
    #: (official code, alias)
    aliases: list[tuple[str, str]]

    def province_codes(self) -> list[str]:
        return [p.code for p in self.provinces]

    def select(self, codes: list[str] | None) -> VietnamMap:
        """Only the given provinces of today (and, before 1/7/2025, the ones they came from)."""
        if not codes:
            return self
        unknown = sorted(set(codes) - set(self.province_codes()))
        if unknown:
            raise KeyError(unknown)
        keep = set(codes)
        old_keep = {o for c in keep for o in self.province_from[c]}
        districts = [d for d in self.old_districts if d.parent in old_keep]
        district_codes = {d.code for d in districts}
        communes = [c for c in self.communes if c.parent in keep]
        commune_codes = {c.code for c in communes}
        return VietnamMap(
            version=self.version,
            data_date=self.data_date,
            provinces=[p for p in self.provinces if p.code in keep],
            communes=communes,
            old_provinces=[p for p in self.old_provinces if p.code in old_keep],
            old_districts=districts,
            old_communes=[c for c in self.old_communes if c.parent in district_codes],
            province_from={c: v for c, v in self.province_from.items() if c in keep},
            commune_from={c: v for c, v in self.commune_from.items() if c in commune_codes},
            aliases=[(c, a) for c, a in self.aliases if c in commune_codes],
        )


class MapDataError(Exception):
    """The packages disagree in a way the loader cannot settle."""


def _package_dir(name: str) -> Path:
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise MapDataError(f"gói {name} chưa được cài đặt")
    return Path(next(iter(spec.submodule_search_locations)))


def _province_name(name: str, kind: str) -> tuple[str, str]:
    """Full name and short name of a province ("Tỉnh Vĩnh Long", "Vĩnh Long")."""
    name = clean_name(name)
    for prefix in ("Thành phố ", "Tỉnh "):
        if name.startswith(prefix):
            return name, name[len(prefix) :]
    prefix = "Thành phố" if kind == "thành phố trung ương" else "Tỉnh"
    return f"{prefix} {name}", name


def _kind(word: str | None) -> str:
    return _KINDS[clean_name(word or "").lower()]


@cache
def read_map() -> VietnamMap:
    """Read both packages (about half a second) and match them; cached per process."""
    import vietnam_provinces

    versions = (
        f"vietnam-provinces {package_version('vietnam-provinces')}, "
        f"vietnamadminunits {package_version('vietnamadminunits')}"
    )
    nested = json.loads(vietnam_provinces.NESTED_DIVISIONS_JSON_PATH.read_text(encoding="utf-8"))
    provinces, communes = [], []
    by_name: dict[tuple[str, str], str] = {}
    province_by_key: dict[str, str] = {}
    for p in nested:
        code = f"{p['code']:02d}"
        full, short = _province_name(p["name"], p["division_type"])
        provinces.append(Place(code, full, _kind(p["division_type"]), None, short))
        province_by_key[province_key(full)] = code
        for w in p["wards"]:
            wcode = f"{w['code']:05d}"
            communes.append(Place(wcode, clean_name(w["name"]), _kind(w["division_type"]), code))
            by_name[(province_key(full), name_key(w["name"]))] = wcode

    data = _package_dir("vietnamadminunits") / "data"
    db = sqlite3.connect(f"file:{data / 'dataset.db'}?mode=ro", uri=True)
    try:
        legacy = db.execute(
            "SELECT province, provinceCode, provinceKey, district, districtType, districtCode,"
            " districtKey, ward, wardType, wardCode, wardKey FROM admin_units_legacy"
            " ORDER BY provinceCode, districtCode, wardCode"
        ).fetchall()
        new_rows = db.execute(
            "SELECT province, provinceKey, ward, wardKey, wardCode FROM admin_units"
        ).fetchall()
    finally:
        db.close()
    conversion = json.loads((data / "converter_2025.json").read_text(encoding="utf-8"))

    old_provinces: dict[str, Place] = {}
    old_districts: dict[str, Place] = {}
    old_communes: list[Place] = []
    old_by_key: dict[str, str] = {}
    old_province_by_key: dict[str, str] = {}
    for (
        pname,
        pcode,
        pkey,
        dname,
        dtype,
        dcode,
        dkey,
        wname,
        wtype,
        wcode,
        wkey,
    ) in legacy:
        if pcode not in old_provinces:
            full, short = _province_name(pname, "")
            old_provinces[pcode] = Place(pcode, full, OrgUnitKind.PROVINCE, None, short)
            old_province_by_key[pkey] = pcode
        if dcode not in old_districts:
            old_districts[dcode] = Place(dcode, clean_name(dname), _kind(dtype), pcode)
        if wcode:
            old_communes.append(Place(wcode, clean_name(wname), _kind(wtype), dcode))
            old_by_key[f"{pkey}_{dkey}_{wkey}"] = wcode
        else:
            # An island district without communes (Côn Đảo, Bạch Long Vĩ…): it is its own
            # predecessor of the special zone (đặc khu) of 1/7/2025.
            old_by_key[f"{pkey}_{dkey}_"] = dcode

    new_code_of: dict[tuple[str, str], str] = {}
    aliases = []
    for pname, pkey, wname, wkey, wcode in new_rows:
        official = by_name.get((province_key(pname), name_key(wname)))
        if official is None:
            raise MapDataError(
                f"{wname} ({pname}) của vietnamadminunits không có trong danh mục của "
                "vietnam-provinces"
            )
        new_code_of[(pkey, wkey)] = official
        if wcode and wcode != official:
            aliases.append((official, wcode))
    official_codes = {c.code for c in communes}
    # An alias that is another unit's official code would be ambiguous: the official one wins.
    aliases = [(c, a) for c, a in aliases if a not in official_codes]

    formations: dict[str, Formation] = {}

    def formation(code: str) -> Formation:
        return formations.setdefault(code, Formation(code))

    for pkey, wards in conversion["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for wkey, olds in wards.items():
            f = formation(new_code_of[(pkey, wkey)])
            f.whole.extend(old_by_key[o] for o in olds)
    for pkey, olds in conversion["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old, news in olds.items():
            for part in news:
                formation(new_code_of[(pkey, part["newWardKey"])]).parts.append(old_by_key[old])
    for f in formations.values():
        f.whole = sorted(dict.fromkeys(f.whole))
        f.parts = sorted(dict.fromkeys(p for p in f.parts if p not in f.whole))
    missing = official_codes - formations.keys()
    if missing:
        raise MapDataError(f"không rõ các xã {sorted(missing)} được hình thành từ đâu")

    province_from: dict[str, list[str]] = defaultdict(list)
    for new_key, old_keys in conversion["DICT_PROVINCE"].items():
        new_code = province_by_key[province_key(_key_name(new_key, province_by_key))]
        province_from[new_code] = sorted(old_province_by_key[k] for k in old_keys)
    if set(province_from) != {p.code for p in provinces}:
        raise MapDataError("danh sách tỉnh của hai nguồn không khớp")

    return VietnamMap(
        version=versions,
        data_date=dt.date.fromisoformat(vietnam_provinces.__data_version__),
        provinces=provinces,
        communes=communes,
        old_provinces=list(old_provinces.values()),
        old_districts=list(old_districts.values()),
        old_communes=old_communes,
        province_from=dict(province_from),
        commune_from=formations,
        aliases=sorted(aliases),
    )


def _key_name(key: str, provinces: dict[str, str]) -> str:
    """The province name whose ASCII key (``tinhvinhlong``) is ``key``."""
    for name in provinces:
        folded = unicodedata.normalize("NFD", name.replace("đ", "d"))
        ascii_ = "".join(ch for ch in folded if ch.isalnum() and ord(ch) < 128)
        if key.endswith(ascii_) and key[: -len(ascii_)] in ("tinh", "thanhpho"):
            return name
    raise MapDataError(f"không nhận ra tỉnh {key}")
