"""The leading group of a plan: 组长 / 副组长 / 成员 with name and title, and the office it sets up."""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

from ..model import Leader, Span
from .patterns import patterns
from .workwords import lexicon

_CLAUSE_RE = re.compile(r"(?:[^，。；;\n（(]|[（(][^）)\n]*[）)])+")  # a bracketed remark stays in its clause
_LIST_PART_RE = re.compile(r"(?:[^、和及（(]|[（(][^）)]*[）)])+")
_CJK_ONLY = re.compile(r"^[\u4e00-\u9fff]+$")
_WINDOW = 200  # a role counts when a leading group is named this close before it
_PAREN_TITLE = re.compile(r"^(?P<name>[^（(]{2,4})[（(](?P<title>[^）)]{1,20})[）)]$")
_OFFICE_RE = re.compile(
    r"下设(?P<office>[^，。；]{0,12}?办公室)[，,]?\s*(?:办公室)?(?:设在|设于)(?P<where>[^，。；\n]{2,30})"
)


@lru_cache(maxsize=1)
def _role_res() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    roles = "|".join(patterns().roles)
    group = r"(?:领导小组|工作小组|小组|筹备组|组委会)?"
    who_is_role = re.compile(rf"^(?P<who>.{{2,40}}?)(?:为|任|担任|兼任|出任){group}(?P<role>{roles})$")
    role_colon = re.compile(rf"^(?P<role>{roles})[：:]\s*(?P<who>.{{2,80}})$")
    role_by = re.compile(rf"^(?P<role>{roles})(?:由|是)(?P<who>.{{2,40}}?)(?:担任|兼任|出任|组成)?$")
    return who_is_role, role_colon, role_by


@lru_cache(maxsize=1)
def _any_role() -> re.Pattern[str]:
    return re.compile("|".join(patterns().roles))


_NAME_TAGS = ("nr", "nrfg", "nrt", "-")  # the word list's tags of a personal name (or none known)


def is_person_name(s: str) -> bool:
    """A Chinese personal name: two to four characters from a known surname, not a role or a title, and not a
    word of the language (程序, 文档, 任务, 安全: 程, 文, 任 and 安 also open surnames)."""
    p = patterns()
    return (
        2 <= len(s) <= 4
        and s[0] in p.surnames
        and s not in p.roles
        and bool(_CJK_ONLY.match(s))
        and not any(s.endswith(t) for t in p.title_suffixes)
        and not _dictionary_word(s)
    )


def _dictionary_word(s: str) -> bool:
    """Whether the shipped word list holds ``s`` as a word other than a personal name."""
    entry = lexicon().entries.get(s)
    return entry is not None and entry[1] not in _NAME_TAGS


def split_person(who: str) -> tuple[str | None, str | None]:
    """(name, title) of ``政协副主席张启贵``, ``张三（局长）``, ``张三``, ``局长`` (→ no name)."""
    who = re.sub(r"^(?:由|请)", "", who.strip()).strip()
    name, title = _split_known(who[:-2] if who.endswith("同志") else who)
    if name is None and who.endswith("同志"):
        return None, who  # 各部门负责同志: a title, not a person
    return name, title


def _split_known(who: str) -> tuple[str | None, str | None]:
    m = _PAREN_TITLE.match(who)
    if m and (is_person_name(m.group("name")) or _is_title(m.group("title"))) and _CJK_ONLY.match(m.group("name")):
        return m.group("name"), m.group("title")
    if is_person_name(who) and len(who) <= 3:
        return who, None
    for suffix in patterns().title_suffixes:
        pos = who.rfind(suffix)
        if pos < 0:
            continue
        title, rest = who[: pos + len(suffix)], who[pos + len(suffix) :]
        if rest and is_person_name(rest):
            return rest, title
        if not rest:
            return None, title
    return _split_by_words(who) if len(who) > 4 and _may_end_with_name(who) else (None, who or None)


def _is_title(words: str) -> bool:
    p = patterns()
    return words.endswith(p.title_suffixes + p.roles)


def _may_end_with_name(who: str) -> bool:
    """Cheap test before loading the word segmenter: the last two or three characters could be a name."""
    return is_person_name(who[-2:]) or is_person_name(who[-3:])


def _split_by_words(who: str) -> tuple[str | None, str | None]:
    """No known title ending: let jieba find the words (``县教育局党组成员`` + ``张伟``)."""
    from .nlp import words

    ws = words(who)
    if ws and ws[-1] == "同志":
        ws = ws[:-1]
    if len(ws) >= 2 and is_person_name(ws[-1]) and len(ws[-1]) <= 3:
        return ws[-1], "".join(ws[:-1])
    return None, who


def _people(role: str, who: re.Match[str], span: Span) -> list[Leader]:
    """One leader per person of a list (``赵超、齐玉侠``), each spanning its own words."""
    parts = [(p.start(), p.group(0)) for p in _LIST_PART_RE.finditer(who.group("who")) if p.group(0).strip()]
    names = [split_person(p) for _, p in parts]
    if len(parts) > 1 and all(n for n, _ in names):
        base = span[0] + who.start("who")
        return [
            Leader(role=role, name=n, title=t, span=(base + off, base + off + len(p)))
            for (off, p), (n, t) in zip(parts, names, strict=True)
        ]
    name, title = split_person(who.group("who"))
    return [Leader(role=role, name=name, title=title, span=span)]


def _clause_leaders(clause: str, span: Span) -> list[Leader]:
    for rx in _role_res():
        m = rx.match(clause)
        if m:
            return _people(m.group("role"), m, span)
    return []


def find_leaders(text: str, span: Span, *, in_organization: bool = False) -> list[Leader]:
    """Leaders named in ``text[span]``; outside an organisation section a leading group must be named nearby."""
    groups = [m.start() for m in patterns().group_cue.finditer(text, span[0], span[1])]
    out: list[Leader] = []
    if not groups and not in_organization:
        return out
    roles = _any_role()
    for m in _CLAUSE_RE.finditer(text, span[0], span[1]):
        if not roles.search(m.group(0)):
            continue
        clause = m.group(0).strip()
        start = m.start() + (len(m.group(0)) - len(m.group(0).lstrip()))
        cspan = (start, start + len(clause))
        i = bisect.bisect_right(groups, cspan[1])
        near = in_organization or (i > 0 and groups[i - 1] >= start - _WINDOW)
        if near:
            out.extend(_clause_leaders(clause, cspan))
    for m in _OFFICE_RE.finditer(text, span[0], span[1]):
        out.append(Leader(role="办公室", name=None, title=m.group("where").strip(), span=m.span()))
    out.sort(key=lambda x: x.span)
    return out


__all__ = ["find_leaders", "split_person"]
