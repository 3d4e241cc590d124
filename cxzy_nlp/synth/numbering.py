"""Numbering ladders of plan headings (GB/T 9704 and the deviations seen in practice)."""

from __future__ import annotations

from functools import lru_cache

# Marker templates per level; {c} = Chinese numeral, {n} = Arabic, {p} = parent path (decimal style).
STYLES: dict[str, tuple[str, ...]] = {
    "gbt": ("{c}、", "（{c}）", "{n}.", "（{n}）"),
    "gbt_two": ("{c}、", "{n}.", "（{n}）"),
    "chapter": ("第{c}章 ", "第{c}条 ", "（{c}）"),
    "part": ("第{c}部分 ", "{c}、", "（{c}）", "{n}."),
    "decimal": ("{n}.", "{p}{n} ", "{p}{n} "),
    "dun": ("{n}、", "({n})", "{r}"),
    "mixed": ("{c}、", "{n}、", "({n})", "{r}"),
}
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


@lru_cache(maxsize=128)
def chinese_numeral(n: int) -> str:
    """1 → 一, 12 → 十二, 21 → 二十一 (cn2an, the project's Chinese numeral library)."""
    import cn2an

    return str(cn2an.an2cn(n, "low"))


class Numbering:
    """Counters for one document; ``next(level)`` gives the marker of the next heading at ``level``."""

    def __init__(self, style: str) -> None:
        if style not in STYLES:
            raise ValueError(f"unknown numbering style {style!r}; known: {', '.join(STYLES)}")
        self.style = style
        self.templates = STYLES[style]
        self.counters = [0] * 8

    @property
    def depth(self) -> int:
        return len(self.templates)

    def next(self, level: int) -> str:
        i = level - 1
        self.counters[i] += 1
        for j in range(i + 1, len(self.counters)):
            if not (self.style == "chapter" and j == 1):  # articles (条) run on across chapters
                self.counters[j] = 0
        n = self.counters[i]
        template = self.templates[min(i, len(self.templates) - 1)]
        parent = "".join(f"{c}." for c in self.counters[:i])
        return template.format(c=chinese_numeral(n), n=n, p=parent, r=CIRCLED[(n - 1) % len(CIRCLED)])
