"""The short name of an item: its heading, its quoted name, or its lead phrase."""

from __future__ import annotations

import re

from .items import Item
from .patterns import patterns

_LEAD_END = re.compile(r"[，。：:；;,！？\n\t（(]")
# a quoted name that makes up the lead phrase: “党性教育”活动, 党员“五比五看齐”活动
_QUOTED = re.compile(r"^[^“]{0,4}“([^”]{2,20})”(?:主题)?(?:活动|工程|行动|计划|项目|竞赛|比赛|评选|工作)?$")
_ADVERBS = ("深入", "广泛", "积极", "认真", "大力", "全面", "切实", "进一步", "持续", "统一", "集中")
_MAX_NAME = 30
_FUNCTION_CHARS = tuple("以在于对将把被从向为均都也并和与及的要")  # a name does not end on these


def _repeated_prefix(lead: str) -> str | None:
    """``创新竞赛设立创新竞赛`` → ``创新竞赛``: a glued heading repeated in its body."""
    for k in range(len(lead) // 2, 2, -1):
        if lead.find(lead[:k], k) >= 0:
            return lead[:k]
    return None


def _verb_cut(lead: str) -> str | None:
    """``技能培训针对不同岗位`` → ``技能培训``: a noun heading glued to a body that opens with a verb."""
    verbs = patterns().activity_body_verbs
    if lead.startswith(verbs + _ADVERBS + patterns().lead_verbs):
        return None
    best = None
    for verb in verbs:
        pos = lead.find(verb, 3)
        if (
            3 <= pos <= 10
            and len(lead) - pos >= 4
            and not lead[:pos].endswith(_ADVERBS + _FUNCTION_CHARS)
            and (best is None or pos < len(best))
        ):
            best = lead[:pos]
    return best


def lead_phrase(text: str) -> str:
    """Words before the first ，。：； outside quotation marks."""
    depth = 0
    for i, ch in enumerate(text):
        if ch == "“":
            depth += 1
        elif ch == "”":
            depth = max(0, depth - 1)
        elif depth == 0 and _LEAD_END.match(ch):
            return text[:i].strip()
    return text.strip()


def item_name(text: str, item: Item) -> str:
    """The name of an activity or phase as a reviewer would list it."""
    words = item.heading if item.heading else text[item.start_of_words : item.span[1]]
    return name_of(words)


def name_of(words: str) -> str:
    """The name in a heading or item text: quoted name, else lead phrase (cut where a glued body begins)."""
    lead = lead_phrase(words.lstrip(" .．、)）·")).rstrip("。；;")
    quoted = _QUOTED.match(lead)
    if quoted:
        return quoted.group(1)
    if len(lead) > 8:
        lead = _repeated_prefix(lead) or _verb_cut(lead) or lead
    return lead[:_MAX_NAME]


__all__ = ["item_name", "lead_phrase", "name_of"]
