"""Document titles and the formal elements around them: 文种, issuer, 成文日期, 发文字号.

A title is a line (or the head of a line, when a scraped page glued the body to it) that ends
with a 文种 word of the taxonomy (实施方案, 工作计划, 通知…), optionally followed by the
suffixes of a compilation page (精选5篇（一）, 3则, 范文). Several titles in one file start
several documents; a ``关于印发…方案的通知`` keeps the plan it wraps in the same document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .chinese.dates import FORMAL_DATE_ARABIC, FORMAL_DATE_CN, FORMAL_DATE_LINE, formal_iso
from .chinese.docnumber import DOC_NUMBER_LINE
from .chinese.markers import MARKER_RE
from .headings import taxonomy

_ISSUER_IN_TITLE = re.compile(r"^(?P<issuer>[\u4e00-\u9fff、 ]{2,40}?)关于")
WRAPPER = re.compile(r"关于(?:印发|转发|下发|发布|公布)")
_SIGNATURE = re.compile(r"^[\u4e00-\u9fff（）()]{2,30}$")
_LETTER_SPACING = re.compile(r"(?<=[\u4e00-\u9fff]) (?=[\u4e00-\u9fff])")
PAGE_TITLE_SEPARATORS = ("_", "|", "｜")  # 标题_网站名: a scraped page's headline
_TITLE_BAD_CHARS = re.compile(r"[，,。；;！!？?：:]")
# A title does not start like a list item, a numbered heading (``5 实施…``, ``A 基本情况``) or a rule.
_NOT_TITLE_START = re.compile(r"[-•·●（(/\\|*]|\d(?!\d{0,3}年)|[A-Za-z][\s.、)]")


@dataclass(frozen=True)
class Title:
    """A title found in the text: ``span`` covers all of it (repeats and suffixes included)."""

    span: tuple[int, int]
    text: str  # the cleaned title (the last repeat, suffixes removed)
    text_span: tuple[int, int]  # where the last part of the title is
    doc_type: str | None
    wrapper: bool  # a 关于印发…的通知 that wraps a plan
    appendix: bool = False  # an 附件 line (and the attachment's name)


@lru_cache(maxsize=1)
def _title_words() -> list[tuple[str, str]]:
    pairs = []
    for type_id, spec in taxonomy()["doc_types"].items():
        for word in spec.get("title_words", []):
            pairs.append((word, type_id))
    return sorted(pairs, key=lambda p: len(p[0]), reverse=True)


@lru_cache(maxsize=1)
def _compilation_re() -> re.Pattern[str]:
    return re.compile("|".join(taxonomy().get("compilation_suffixes", [])))


@lru_cache(maxsize=1)
def _title_word_re() -> re.Pattern[str]:
    return re.compile("|".join(re.escape(w) for w, _ in _title_words()))


@lru_cache(maxsize=1)
def _title_tail_re() -> re.Pattern[str]:
    suffixes = "|".join(taxonomy().get("compilation_suffixes", []))
    return re.compile(
        rf"(?P<suffix0>(?:{suffixes})*)(?P<paren>[（(][^（）()\n]{{2,40}}[）)])?(?P<suffix>(?:{suffixes})*)"
        rf"(?P<index>[（(][一二三四五六七八九十\d]{{1,3}}[）)])?"
    )


def doc_type_of_title(title: str, *, unwrap: bool = True) -> str | None:
    """The doc type id named by the 文种 at the end of a title (``…实施方案`` → implementation_plan).

    ``unwrap``: a ``关于印发《…方案》的通知`` names the plan it wraps; without it, the notice.
    """
    found = title_kind(title, unwrap=unwrap)
    return found[0] if found else None


def title_kind(title: str, *, unwrap: bool = True) -> tuple[str, str] | None:
    """The doc type id named by a title and the 文种 word that names it."""
    tax = taxonomy()
    title = _LETTER_SPACING.sub("", title)  # 教 学 日 历
    inner = _wrapped_title(title) if unwrap else None
    if inner and _names_a_kind(inner):
        title = inner  # 关于公布…比赛结果的通知 publishes results, not a document: the notice's own kind
    title = title.rstrip(" \t")
    for word, type_id in _title_words():
        if title.endswith(word):
            if word == "方案" and any(w in title for w in tax.get("activity_title_words", [])):
                return "activity_plan", word
            return type_id, word
    for word, type_id in _title_words():
        if word in title:
            return type_id, word
    return None


SENTENCE_TITLE_MAX = 80  # a longer "title" is a sentence of the body
_QUOTED = re.compile(r"《[^》]*(?:》|$)")
_WRAPPER_CUT = re.compile(r"(?:关于|印发|转发|下发|发布|公布)[^《》]*《[^》]*$")  # 关于印发《…  broken over two lines


def is_sentence(title: str) -> bool:
    """Whether a line taken for a title is a sentence of the body: too long, a full stop, or cut inside the
    《…》 it cites (not a 关于印发《… headline broken over two lines)."""
    title = title.strip()
    if len(title) > SENTENCE_TITLE_MAX or "。" in title:
        return True
    return title.count("《") > title.count("》") and not _WRAPPER_CUT.search(title)


def quoted_only(title: str, word: str) -> bool:
    """Whether the 文种 word occurs in the title only inside 《…》 (the title of a document it cites).

    A title that is all one 《…》 (a scraped page's ``《2024年工作计划》（全文）``) names its own kind.
    """
    if WRAPPER.search(title) or word not in title:
        return False
    outside = _QUOTED.sub("", title)
    if not re.sub(r"[\s（）()]|全文|正文|原文", "", outside):
        return False
    return word not in outside


def _names_a_kind(title: str) -> bool:
    title = _LETTER_SPACING.sub("", title).rstrip(" \t")
    return any(w in title for w, _ in _title_words())


def is_wrapper(title: str) -> bool:
    """Whether a title is a ``关于印发《…方案》的通知`` that wraps a document (one whose title names a kind)."""
    inner = _wrapped_title(title)
    return bool(inner and _names_a_kind(inner))


def _wrapped_title(title: str) -> str | None:
    """The plan inside ``关于印发《…方案》的通知`` (``…方案``), if the title wraps one."""
    if not WRAPPER.search(title):
        return None
    m = re.search(r"《([^》]+)》", title)
    if m:
        return m.group(1)
    m = re.search(r"关于(?:印发|转发|下发|发布|公布)(.+?)的(?:通知|意见|函)$", title)
    return m.group(1) if m else None


def wrapped_title(title: str) -> str | None:
    """The title of the document a ``关于印发《…方案》的通知`` wraps, when it names a kind."""
    inner = _wrapped_title(title)
    return inner if inner and _names_a_kind(inner) else None


_WRAPPER_HEAD = re.compile(r"[^\s_|]{0,40}?关于(?:印发|转发|下发|发布)[^\n_|]{2,80}?的通知")


def wrapper_at(text: str, pos: int, end: int) -> str | None:
    """A ``…关于印发《…》的通知`` at ``pos`` (a scraped page's headline before ``_site name``), if one wraps a document."""
    m = _WRAPPER_HEAD.match(text, pos, min(end, pos + 160))
    return m.group(0) if m and wrapped_title(m.group(0)) else None


def title_word_in(text: str, start: int, end: int) -> bool:
    """Whether a 文种 word occurs in ``text[start:end]`` (a cheap test before looking for a title)."""
    return _title_word_re().search(text, start, end) is not None


def _clean_title(head: str, paren: str | None) -> str:
    """The real title in a compilation heading: the paren title, or the last repeat of the head."""
    if paren:
        inner = paren[1:-1]
        if doc_type_of_title(inner) is not None:
            return inner
    ends = [m.end() for m in _title_word_re().finditer(head)]
    for e in reversed(ends[:-1]):
        tail = _strip_suffixes(head[e:])
        if len(tail) >= 6 and doc_type_of_title(tail) is not None and _repeats(head[:e], tail):
            return tail.strip(" \t-—·")
    return head.strip(" \t-—·")


def _repeats(before: str, tail: str) -> bool:
    """``X方案3则X方案3则范文X方案``: the head repeats the title (a compilation page heading)."""
    return tail in before or _compilation_re().search(before) is not None


def _strip_suffixes(s: str) -> str:
    m = _title_tail_re().match(s)
    return s[m.end() :] if m else s


def find_title(text: str, pos: int, end: int, *, glued_ok: bool = True) -> Title | None:
    """A title starting at ``pos`` of the line ending at ``end``.

    A title must fill its line, or be followed by a heading marker, a compilation index or
    (``glued_ok``) the opening words of a document (``嘿``, ``近年来``, ``为``…). The longest
    reading that satisfies this wins.
    """
    if MARKER_RE.match(text, pos, end) or _NOT_TITLE_START.match(text, pos, end):
        return None
    window = min(end, pos + 80)
    ends = sorted({m.end() for m in _title_word_re().finditer(text, pos, window)}, reverse=True)
    for e in ends:
        head = text[pos:e]
        if len(head) < 4 or _TITLE_BAD_CHARS.search(head) or "\t" in head:
            continue
        tail = _title_tail_re().match(text, e, end)
        stop = tail.end() if tail else e
        compiled = bool(tail and (tail.group("suffix") or tail.group("suffix0") or tail.group("index")))
        if not _title_follows(text, stop, end, glued_ok, compiled):
            continue
        title = _clean_title(head, tail.group("paren") if tail else None)
        if doc_type_of_title(title) is None:
            continue
        at = text.rfind(title, pos, stop)
        text_span = (at, at + len(title)) if at >= 0 else (pos, e)
        return Title(
            span=(pos, stop),
            text=title,
            text_span=text_span,
            doc_type=doc_type_of_title(title),
            wrapper=is_wrapper(title),
        )
    return None


# a web page's breadcrumbs (首页>…) or its fields (发文字号：, 发布时间：) glued after its headline
_GLUED_PAGE = re.compile(
    r"(?:网站首页|首页|主页)\s*[>＞»/]|(?:发文机关|发文字号|发布时间|发布日期|成文日期|索引号|来源)[：:]"
)


def _title_follows(text: str, stop: int, end: int, glued_ok: bool, compiled: bool) -> bool:
    """Whether what follows a title candidate lets it be a title."""
    rest = text[stop:end].lstrip()
    if not rest:
        return True
    if rest[0] in "一二三四五六七八九十第" and MARKER_RE.match(rest):
        return True
    if compiled or rest.startswith(PAGE_TITLE_SEPARATORS) or _GLUED_PAGE.match(rest):
        return True  # a compilation index, a web page's headline before ``_site name``, its breadcrumbs or fields
    return glued_ok and rest.startswith(tuple(taxonomy().get("document_openers", [])))


_SPACED = re.compile(r"[ \t\u3000]+")
FORM_LINE_MAX = 8  # a form's 文种 on a title's second line: ``项目申报书``, ``合 同 书``
FORM_LINE_LEAD = 2  # characters before the 文种 word on that line (项目)


def title_continues(line: str, nxt: str) -> bool:
    """``…活动实施`` + ``方案``: a title broken over two lines, the break inside its 文种 word; or
    ``…训练计划项目`` + ``合 同 书``: a form's cover title whose 文种 stands on a line of its own (see
    :func:`form_word_line`)."""
    nxt = _SPACED.sub("", nxt)
    if len(line) < 6 or not nxt or _TITLE_BAD_CHARS.search(line + nxt) or _NOT_TITLE_START.match(line):
        return False
    if form_word_line(nxt):
        return True
    if len(nxt) > 4 or any(line.endswith(w) for w, _ in _title_words()):
        return False
    return any((line + nxt).endswith(w) and len(w) >= len(nxt) for w, _ in _title_words())


def form_word_line(line: str) -> bool:
    """A short line that is a form's 文种 (``项目申报书``, ``合 同 书``, ``任务书``): under a line that names the
    project (``大学生创新创业训练计划项目``, whose 计划 is part of a name) it ends the title and names its kind."""
    s = _SPACED.sub("", line)
    if not s or len(s) > FORM_LINE_MAX or _TITLE_BAD_CHARS.search(s) or MARKER_RE.match(s):
        return False
    forms = {k for k, v in taxonomy()["doc_types"].items() if v.get("form")}
    return any(s.endswith(w) and len(s) - len(w) <= FORM_LINE_LEAD for w, k in _title_words() if k in forms)


# ------------------------------------------------------------------ formal elements


def find_date_line(text: str, start: int, end: int) -> tuple[str, tuple[int, int]] | None:
    """The last line of ``text[start:end]`` that is only a date (the 成文日期)."""
    found = None
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        line_end = end if nl < 0 else nl
        line = text[pos:line_end]
        if len(line) <= 20:
            m = FORMAL_DATE_ARABIC.search(line) or FORMAL_DATE_CN.search(line)
            if m and FORMAL_DATE_LINE.match(line):
                iso = formal_iso(m)
                if iso:
                    found = (iso, (pos, line_end))
        pos = line_end + 1
    return found


def find_doc_number(text: str, start: int, end: int) -> str | None:
    """The 发文字号 (``国发〔2019〕4号``, also with wrong brackets) on a line of its own or in a title line.

    A number quoted inside a sentence (``根据《…》（X发〔2021〕9号）``) is a reference, not this document's.
    """
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        line_end = end if nl < 0 else nl
        line = text[pos:line_end]
        m = DOC_NUMBER_LINE.search(line)
        if m and (len(line.strip()) <= len(m.group(0)) + 4 or (len(line) <= 100 and not re.search(r"[，。；]", line))):
            return m.group(0).strip()
        pos = line_end + 1
    return None


def find_issuer(text: str, title: str | None, date_span: tuple[int, int] | None) -> str | None:
    """The issuer from the title (``国务院办公厅关于…``) or the signature line above the date."""
    if title:
        m = _ISSUER_IN_TITLE.match(title)
        if m:
            return m.group("issuer").strip()
    if date_span:
        before = text.rfind("\n", 0, max(0, date_span[0] - 1))
        line = text[before + 1 : max(0, date_span[0] - 1)].strip()
        if _SIGNATURE.match(line):
            return line
    return None


__all__ = [
    "WRAPPER",
    "Title",
    "doc_type_of_title",
    "find_date_line",
    "find_doc_number",
    "find_issuer",
    "find_title",
    "form_word_line",
    "is_sentence",
    "is_wrapper",
    "quoted_only",
    "title_continues",
    "title_kind",
    "title_word_in",
    "wrapped_title",
    "wrapper_at",
]
