"""Normalised text to documents and section trees.

``lines → titles → documents → heading candidates → levels → section tree → findings``.
Levels are inferred per document from the order marker families appear (a family first seen
inside another gets the next level down); Word outline levels count as a family of their own.
Sections tile their document after the preface; children tile their parent's body.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import pairwise

from .chinese.docnumber import DOC_NUMBER_LINE
from .chinese.numerals import SMALL
from .chinese.sentences import FULL_STOPS, stop_class
from .doctitle import (
    Title,
    doc_type_of_title,
    find_date_line,
    find_doc_number,
    find_issuer,
    find_title,
    form_word_line,
    is_wrapper,
    title_continues,
    title_word_in,
    wrapped_title,
    wrapper_at,
)
from .headings import (
    GB_LADDER,
    Marker,
    base_family,
    cell_paragraph_markers,
    family_outranks,
    flattened_markers,
    heading_end,
    lexicon_heading_end,
    match_marker,
    midline_level1_markers,
    outline_of,
    suggest_number,
    taxonomy,
)
from .kinds import document_kind, is_form, is_official, kind_profile, plan_types
from .model import Block, Document, Finding, Fix, NormalText, Section, Zone, ZoneKind
from .normalise import fold_traditional
from .zones import (
    FLAT_LINE_MIN,
    ZoneLine,
    flat_page_pieces,
    glued_sign_pieces,
    is_date_line,
    is_furniture,
    is_sign_box,
    kinds_to_zones,
    line_kinds,
    name_list_lines,
    note_list_lines,
    opens_approval,
    opens_with_sign_label,
    outside_sections,
    table_text_lines,
)

_TOC_LINE = re.compile(
    r"(?:\.{3,}|…{2,}|·{3,}|-{4,}|_{4,})\s*[-—－]?\s*\d{1,3}\s*[-—－]?\s*$"
    r"|PAGEREF|HYPERLINK|_Toc\d|TOC \\o"
)
# 第一章 总则<tab>3; a page is never 0 (材料费<tab>0 is an amount of a budget table)
_TOC_TAB_ENTRY = re.compile(r"[^\t\n]{2,60}\t\s*(?P<page>[1-9]\d{0,2})\s*$")
_TOC_HEADER = re.compile(r"^\s*目\s*录\s*$")
_TOC_PAGE_END = re.compile(r"\t\s*\d{1,3}\s*$")
# ``6.12 软件产品评估14``: a numbered entry with its page number glued on, no dot leader.
_TOC_ENTRY_NO_LEADER = re.compile(
    r"\s*(?:\d{1,2}(?:\.\d{1,2})*|[一二三四五六七八九十]+、)\s*[^\n。；，]{1,40}[\u4e00-\u9fff）)]\s*[1-9]\d{0,2}\s*$"
)
TOC_MIN_RUN = 3
_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*(\d)$", re.IGNORECASE)
OPENING_REACH = 600  # a later title's first heading comes within this many characters (notice, 主送, preface)
MIN_LATER_TITLE = 8
STACKED_TITLE_MAX = 12  # characters of a cover title set one to a line
FIRST_TITLE_LINES = 4  # a title within the first lines of a file is its title, whatever follows  # a title after the first document's is at least this long (``进度计划`` is a heading)
_SENTENCE_ENDS = tuple("。！？；：”）」…!?;")
_SENTENCE_END = stop_class(FULL_STOPS)
_LATIN, _DIGITS, _NUMERALS = re.compile(r"[a-hA-H]"), re.compile(r"\d+"), re.compile(f"[{SMALL}]+")
_LEADING = "”’」』\"' \t"
# 附件, 附件2：…, 附件一：…, 附录三 长沙市…接收证明 (a number, then its name after a colon or a space)
_APPENDIX = re.compile(
    rf"\s*附\s*[件录]\s*(?P<n>\d{{1,2}}|[{SMALL}]{{1,3}})?\s*"
    r"(?:[：:]\s*(?P<name>[^\n]{0,50})|(?(n)[ \t]+(?P<spaced>[^\n：:]{1,50})|(?!))|(?P<bare>))\s*$"
)
_SQUEEZE = re.compile(r"[\s《》<>〈〉“”\"]+")
_COLON_MARKER = re.compile(r"[：:]\s*")
_LIST_FIRST = re.compile(r"1\s*[.．、]")
_LIST_SECOND = re.compile(r"\s*2\s*[.．、]")
_WORD = re.compile(r"[\u4e00-\u9fffA-Za-z]")  # a heading says something in words
_APPENDIX_NUMBER = re.compile(rf"附[ \t]*[件录][ \t]*(?:\d{{1,2}}|[{SMALL}]{{1,3}})?")
ATTACHMENT_FAMILY = "attachment"
FORM_NOTES_MAX = 12  # 填 表 说 明 written letter-spaced
CELL_HEADING_FAMILIES = frozenset({"cn", "cn_paren", "chapter", "part", "form_part", "arabic", "paren_arabic"})
LAYOUT_MAX_NUMBERED = 2  # numbered headings that make a text's ladder its structure (no layout headings then)
LAYOUT_MIN_HEADINGS = 2
LAYOUT_MAX_SHARE = 2  # layout headings are at most half of the lines with layout cues
LAYOUT_SIZE_STEP = 1.5  # points above the body size that make a line stand out
LAYOUT_MIN_CHARS, LAYOUT_MAX_CHARS = 2, 40
# a slogan heading has at most one comma; a field (项目负责人： 张明) has a value after its colon
_LAYOUT_PROSE = re.compile(r"[。；;！!？?]|[，,].*[，,]|[：:]\s*\S")
# ``5 实施…``, ``1调研背景`` on a line Word calls a heading (a count such as ``3月…`` is no number)
_OUTLINE_NUMBER = re.compile(
    r"(\d{1,2})(?:[ \t]+|(?![年月日时分个天号万元次名岁周期级层套台件]|人(?!员)|项(?!目)))(?=[\u4e00-\u9fff])"
)
_ENTRY_DATE = re.compile(
    r"^(?:19|20)\d{2}(?:[/.\-]\d{1,2}[/.\-]\d{1,2}|年\d{1,2}月\d{1,2}日)(?:\s*[（(]?(?:星期|周)[一二三四五六日天][）)]?)?$"
)
DATED_MIN_ENTRIES = 3
# a place in another document or a deck a part of this one is keyed to: ``P3、P4：``, ``Page 4-5``, ``第12页``
_PLACE = (
    r"(?:P|p|Page|PAGE|page|Slide|slide)[ \t]*\d{1,3}|第[ \t]*(?:\d{1,3}|[一二三四五六七八九十百]{1,4})[ \t]*[页张]"
)
_ENTRY_PLACE = re.compile(rf"^(?:{_PLACE})(?:[ \t]*(?:[-–~～、,，]|至)[ \t]*(?:{_PLACE}|\d{{1,3}}))*[ \t]*[：:]?$")
ENTRY_LEAD_MAX = 8  # characters of an overall part (整体意见) set as a line of its own before the first keyed entry
_LAYOUT_DATE = re.compile(r"^[\d\s年月日/.\-]+$")
CELL_TEXT_MIN = 20  # a cell before other cells holds a part of a form only with its text (1.团队简介 我们…)
CELL_HEADING_MIN = 2  # characters of a heading before the space that separates it from its cell's text
FORM_CLOSE_REACH = 3  # lines above a contents page where a form's signature box may end
FORM_COVER_LINES = 16  # ... or above the short lines of the bound document's cover before its contents page
COVER_LINE_CHARS = 40
RESTART_UNDER_MIN = 3  # a list that restarts at one right under the third heading or later is its child
ATTACHMENT_MIN_BODY = 200  # characters an attachment without headings must hold to be more than a name


@dataclass(frozen=True)
class Line:
    start: int
    end: int
    block: Block


@dataclass(frozen=True)
class Candidate:
    """A heading found in the text, before levels are known."""

    start: int  # marker start = heading_span start
    text_start: int
    text_end: int
    body_start: int  # heading_span end
    number: str
    family: str
    value: int
    standard: bool
    auto: bool = False  # its number is a Word automatic number (the list's own), not typed


# ------------------------------------------------------------------ lines and tables of contents


def text_to_lines(normal: NormalText) -> list[Line]:
    return [Line(bs.start, bs.end, bs.block) for bs in normal.blocks]


def toc_lines(text: str, lines: list[Line]) -> set[int]:
    """Indexes of lines that belong to a table of contents (never the structure)."""
    out: set[int] = set()
    run: list[int] = []
    out.update(_tab_entry_runs(text, lines))
    for i, line in enumerate(lines):
        if _TOC_LINE.search(text, line.start, line.end):
            out.add(i)
        if _TOC_ENTRY_NO_LEADER.match(text, line.start, line.end) and not _table_cells(text, line):
            run.append(i)
            continue
        if len(run) >= TOC_MIN_RUN:
            out.update(run)
        run = []
    if len(run) >= TOC_MIN_RUN:
        out.update(run)
    for i, line in enumerate(lines):
        if _TOC_HEADER.match(text[line.start : line.end]):
            out.add(i)
            out.update(_toc_after_header(text, lines, i + 1))
    # an entry too long for the patterns (a paragraph pulled into the contents, ``…\t34``) between two entries
    out.update(
        i
        for i in range(1, len(lines) - 1)
        if i - 1 in out and i + 1 in out and _TOC_PAGE_END.search(text, lines[i].start, lines[i].end)
    )
    return out


def _table_cells(text: str, line: Line) -> bool:
    """A table's row of three cells or more (``1.1.2<tab>收集素材<tab>2``: a task and its days), never an entry of
    a contents page (its number and heading, its page)."""
    return line.block.kind == "table_row" and text.count("\t", line.start, line.end) >= 2


def _tab_entry_runs(text: str, lines: list[Line]) -> set[int]:
    """``总则<tab>3`` lines in runs whose page numbers never go down (a table of amounts does)."""
    out: set[int] = set()
    run: list[int] = []
    last = -1
    for i, line in enumerate(lines):
        m = _TOC_TAB_ENTRY.match(text, line.start, line.end) if not _table_cells(text, line) else None
        page = int(m.group("page")) if m else -1
        if m and run and page >= last:
            run.append(i)
        else:
            if len(run) >= TOC_MIN_RUN:
                out.update(run)
            run = [i] if m else []
        last = page
    if len(run) >= TOC_MIN_RUN:
        out.update(run)
    return out


def _toc_after_header(text: str, lines: list[Line], first: int) -> set[int]:
    """Entries after a 目录 line: short lines until an entry repeats (the body begins)."""
    seen: set[str] = set()
    out: set[int] = set()
    paged = 0  # entries ending in their page number
    for j in range(first, min(len(lines), first + 80)):
        entry = text[lines[j].start : lines[j].end].strip()
        key = re.sub(r"\s+", "", re.sub(r"[\s\d.…·]+$", "", entry))  # 1<tab>引言<tab>2 and 1 引言: one entry
        if not entry or len(entry) > 60 or key in seen:
            break
        has_page = _PAGE_NUMBER_END.search(entry) is not None
        if (
            not has_page
            and paged >= TOC_MIN_RUN
            and paged == len(out)
            and not _paged_entry(text, lines, j + 1)
            and find_title(text, lines[j].start, lines[j].end) is not None
        ):
            break  # every entry so far gave its page, and none follows: a title without one (the document's, after
            # its contents) is no entry; an entry wrapped onto a paged line (需求和 / 约束<tab>13) is
        paged += has_page
        seen.add(key)
        out.add(j)
    return out if len(out) >= 2 else set()


def _paged_entry(text: str, lines: list[Line], j: int) -> bool:
    """Whether line ``j`` is a short line ending in a page number (an entry of a contents page)."""
    if j >= len(lines):
        return False
    entry = text[lines[j].start : lines[j].end].strip()
    return 0 < len(entry) <= 60 and _PAGE_NUMBER_END.search(entry) is not None


_PAGE_NUMBER_END = re.compile(r"(?:\t|[.…·]{2,}|[\u4e00-\u9fff）)])\s*\d{1,3}$")  # 调研背景<tab>3, 引言……3, 引言7


# ------------------------------------------------------------------ titles and documents


def appendix_title(text: str, lines: list[Line], i: int) -> Title | None:
    """``附件``, ``附件2：…指标``: an attachment starts a document of its own."""
    line = lines[i]
    m = _APPENDIX.match(text, line.start, line.end)
    if m is None:
        return None
    name = (m.group("name") or m.group("spaced") or "").strip()
    if (
        _LIST_FIRST.match(name)
        and i + 1 < len(lines)
        and _LIST_SECOND.match(text, lines[i + 1].start, lines[i + 1].end)
    ):
        return None  # 附件：1.… / 2.…: the list of a notice's attachments, not an attachment
    span_end = line.end
    if not name and i + 1 < len(lines):
        nxt = lines[i + 1]
        candidate = text[nxt.start : nxt.end].strip()
        if 0 < len(candidate) <= 50 and not re.search(r"[。；]", candidate):
            name, span_end = candidate, nxt.end
    at = text.find(name, line.start, span_end) if name else -1
    text_span = (at, at + len(name)) if at >= 0 else (line.start, line.end)
    return Title(
        span=(line.start, span_end),
        text=name or text[line.start : line.end].strip(),
        text_span=text_span,
        doc_type=doc_type_of_title(name) if name else None,
        wrapper=False,
        appendix=True,
    )


def find_titles(text: str, lines: list[Line], skip: set[int]) -> list[Title]:
    """Titles at line starts (and a title broken over two lines, and attachments)."""
    titles: list[Title] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if i in skip or line.block.kind in ("table_row", "caption"):
            i += 1
            continue  # a table's caption (表1 项目日程计划) names a table, not a document
        appendix = appendix_title(text, lines, i) if i > 0 else None
        if appendix is not None:
            titles.append(appendix)
            i += 2 if appendix.span[1] > line.end else 1
            continue
        title = find_title(text, line.start, line.end)
        last = (
            _broken_title_end(text, lines, i)
            if title is None or _unclosed(title.text) or _form_word_follows(text, lines, i)
            else None
        )
        if last is None and title is None and not titles and i < FIRST_TITLE_LINES:
            last = _stacked_title_end(text, lines, i)
        if last is not None:
            nxt = lines[last]
            joined = _LETTER_GAPS.sub("", "".join(text[ln.start : ln.end].strip() for ln in lines[i : last + 1]))
            titles.append(
                Title(
                    span=(line.start, nxt.end),
                    text=joined,
                    text_span=(line.start, nxt.end),
                    doc_type=doc_type_of_title(joined),
                    wrapper=is_wrapper(joined),
                )
            )
            i = last + 1
            continue
        if title is None and titles:
            title = glued_title(text, line)
        # the first lines of the file, a contents page that opens it aside (目录 … then the title)
        opening = i - sum(1 for k in skip if k < i) < FIRST_TITLE_LINES
        if title is not None and ((not titles and opening) or _starts_new_document(text, lines, i, title)):
            titles.append(title)
        i += 1
    return titles


def glued_title(text: str, line: Line) -> Title | None:
    """``…顺利进行。XX活动方案一、活动目的``: a title glued after the last sentence of the previous document.

    Only a title followed by a first-level heading or a compilation index counts.
    """
    if not title_word_in(text, line.start, line.end):
        return None
    for m in _SENTENCE_END.finditer(text, line.start, line.end):
        title = find_title(text, m.end(), line.end, glued_ok=False)
        if title is not None and title.span[1] < line.end:
            return title
    return None


def _starts_new_document(text: str, lines: list[Line], i: int, title: Title) -> bool:
    """A later title must name a document (not a heading like ``进度计划``) and follow a finished line."""
    whole = text[title.span[0] : title.span[1]]
    if len(title.text) < MIN_LATER_TITLE or ("、" in whole and "关于" not in whole):
        return False  # 进度计划 is a heading; 可行性研究报告、项目开发计划 is a list of documents
    if text[lines[i].start : lines[i].end].lstrip().startswith("《"):
        return False  # 《XX说明书模板》——某出版社: a cited work in a list of references, not a new document
    if i == 0 or title.span[0] != lines[i].start:
        return True
    prev = text[lines[i - 1].start : lines[i - 1].end].rstrip()
    return len(prev) <= 40 or prev.endswith(_SENTENCE_ENDS)


def _stacked_title_end(text: str, lines: list[Line], i: int) -> int | None:
    """Index of the last line of a cover title set one character a line (策 / 划 / 书)."""
    j = i
    while j < len(lines) and j - i < STACKED_TITLE_MAX and len(text[lines[j].start : lines[j].end].strip()) == 1:
        j += 1
    if j - i < 2:
        return None
    joined = "".join(text[ln.start : ln.end].strip() for ln in lines[i:j])
    return j - 1 if doc_type_of_title(joined) is not None else None


_LETTER_GAPS = re.compile(r"(?<=[\u4e00-\u9fff])[ \t\u3000]+(?=[\u4e00-\u9fff])")  # 合 同 书


def _form_word_follows(text: str, lines: list[Line], i: int) -> bool:
    """The line after a title line is a form's 文种 (``项目申报书``, ``合 同 书``): the title goes on there."""
    return i + 1 < len(lines) and form_word_line(text[lines[i + 1].start : lines[i + 1].end])


def _unclosed(title: str) -> bool:
    """``关于印发《…训练计划`` ends inside a quoted name: the title goes on on the next line."""
    return title.count("《") > title.count("》")


def _broken_title_end(text: str, lines: list[Line], i: int) -> int | None:
    """Index of the last line of a title broken over up to four lines starting at line ``i``.

    ``…活动实施`` + ``方案``; ``国务院办公厅关于开展`` + ``…工作的通知``.
    """
    first = text[lines[i].start : lines[i].end].strip()
    if i + 1 < len(lines) and title_continues(first, text[lines[i + 1].start : lines[i + 1].end].strip()):
        return i + 1
    if "关于" not in first:
        return None
    last = None
    for j in range(i + 1, min(len(lines), i + 4)):
        prev = text[lines[j - 1].start : lines[j - 1].end].strip()
        if len(prev) > 40 or re.search(r"[，。；：:]", prev):
            break
        title = find_title(text, lines[j].start, lines[j].end, glued_ok=False)
        if title is not None and title.span[1] >= lines[j].end - 1:
            last = j  # the longest reading: 文种 words can end a middle line (…记录制度)
    return last


ATTACHMENT_MIN_ROWS = 2  # table rows that make a short attachment a form (附件1 报名表: 姓名 | 性别 …)


def split_attachments(
    titles: list[Title], cands: list[Candidate], text_end: int, rows: Sequence[int] = ()
) -> tuple[list[Title], list[Title]]:
    """Document titles, and attachments (附件) that stay in the document before them.

    An 附件 line with no heading and little text before the next title or the end only names
    something (the list of attachments after a notice, the plan a 印发 notice wraps): it is neither. A short
    attachment whose text is table rows (``rows``: where they start) is a form to fill: an attachment.
    """
    kept: list[Title] = []
    attachments: list[Title] = []
    for i, title in enumerate(titles):
        if not title.appendix or not kept:
            kept.append(title)
            continue
        stop = titles[i + 1].span[0] if i + 1 < len(titles) else text_end
        headed = any(title.span[1] <= c.start < stop for c in cands)
        form = sum(1 for r in rows if title.span[1] <= r < stop) >= ATTACHMENT_MIN_ROWS
        if headed or form or stop - title.span[1] >= ATTACHMENT_MIN_BODY:
            attachments.append(title)
    return kept, attachments


def attachment_candidate(text: str, title: Title) -> Candidate:
    """An attachment as a top-level heading: number ``附件2``, heading its name."""
    start, end = title.span
    while start < end and text[start] in " \t":
        start += 1
    m = _APPENDIX_NUMBER.match(text, start, end)
    number_end = m.end() if m else start
    text_start, text_end = title.text_span if title.text_span[0] >= number_end else (number_end, end)
    return Candidate(start, text_start, text_end, end, text[start:number_end], ATTACHMENT_FAMILY, 1, True)


@dataclass(frozen=True)
class DocRange:
    start: int
    end: int
    title: Title | None  # the title that names the document
    head_end: int | None = None  # end of the document's first title line(s) (a wrapping notice's)
    wrapped: bool = False  # the plan of the 关于印发…的通知 just before it


def titles_to_ranges(text: str, titles: list[Title], cands: list[Candidate]) -> list[DocRange]:
    """Documents from titles: titles with no heading between them belong to one document."""
    starts = [c.start for c in cands]
    ranges: list[DocRange] = []
    for title in titles:
        if ranges:
            prev = ranges[-1]
            last_end = prev.title.span[1] if prev.title else prev.start
            no_heading_between = not any(last_end <= s < title.span[0] for s in starts)
            short_gap = title.span[0] - last_end < 400
            if no_heading_between and _wraps(prev.title, title):
                ranges.append(DocRange(title.span[0], 0, title, title.span[1], wrapped=True))
                continue
            if _signed_copy(text, prev.title, title):
                ranges.append(DocRange(title.span[0], 0, title, title.span[1]))  # a form printed twice on a page
                continue
            closed = closed_document_end(text, title.span[0], last_end) if no_heading_between else None
            if closed is not None:  # a notice sent and signed, then the document it forwards
                ranges.append(DocRange(closed, 0, title, title.span[1]))
                continue
            if no_heading_between and (short_gap or (prev.title is not None and prev.title.wrapper)):
                ranges[-1] = DocRange(prev.start, prev.end, _better_title(prev.title, title), prev.head_end)
                continue
            if (
                _continues_numbering(cands, prev.start, title)
                or _numbering_runs_on(cands, title)
                or not _opens_a_body(text, cands, title)
            ):
                continue
        elif title.span[0] > 0 and not any(s < title.span[0] for s in starts):
            closed = closed_document_end(text, title.span[0])
            if closed is None:
                ranges.append(DocRange(0, 0, title, title.span[1]))  # text before the first title is its preface
                continue
            ranges.append(DocRange(0, 0, None))  # an untitled notice, sent and signed, then the titled document
            ranges.append(DocRange(closed, 0, title, title.span[1]))
            continue
        elif title.span[0] > 0:
            if not _opens_a_body(text, cands, title):
                continue
            ranges.append(DocRange(0, 0, None))
        ranges.append(DocRange(title.span[0], 0, title, title.span[1]))
    if not ranges:
        ranges.append(DocRange(0, 0, None))
    out = []
    for i, r in enumerate(ranges):
        end = ranges[i + 1].start if i + 1 < len(ranges) else len(text)
        out.append(DocRange(r.start, end, r.title, r.head_end, r.wrapped))
    return [r for r in out if r.end > r.start]


def _signed_copy(text: str, prev: Title | None, title: Title) -> bool:
    """The same title again right after a box to sign (签字：… 年 月 日): a second copy of a form, a document of its
    own."""
    if prev is None or prev.text != title.text:
        return False
    before = text[: title.span[0]].rstrip("\n").rsplit("\n", 1)[-1]
    return is_sign_box(before) or opens_with_sign_label(before)


CLOSED_BODY_MIN = 100  # characters of text between a 主送 line and a 落款 that make them a document of their own
TITLE_LINES_ABOVE = 2  # lines of the next title above the line where it was found (广东省…委员会 / 第二次工作会议纪要)


def closed_document_end(text: str, end: int, start: int = 0) -> int | None:
    """Where a whole 公文 ends in ``text[start:end]``, or None: it opens with a 主送 line (各…：) and
    closes with a 落款 (an issuer line, then a date line), so the title after it starts a second document (a
    notice, then the minutes it sends), not the first document's preface. Short lines between the date and
    ``end`` are the next title's first lines."""
    rows: list[tuple[int, str]] = []
    pos = start
    for raw in text[start:end].split("\n"):
        if raw.strip() and not is_furniture(raw):
            rows.append((pos, raw.strip()))
        pos += len(raw) + 1
    dated = next(
        (k for k in range(len(rows) - 1, max(-1, len(rows) - 2 - TITLE_LINES_ABOVE), -1) if is_date_line(rows[k][1])),
        None,
    )
    if dated is None or dated < 3 or is_date_line(rows[dated - 1][1]) or not _ISSUER.fullmatch(rows[dated - 1][1]):
        return None
    if any(not _ISSUER.fullmatch(row) for _, row in rows[dated + 1 :]):
        return None
    opening = next((k for k, (_, row) in enumerate(rows[: dated - 1]) if _ADDRESSEE_LINE.fullmatch(row)), None)
    if opening is None or sum(len(row) for _, row in rows[:opening]) > ADDRESSEE_HEAD_MAX:
        return None
    if sum(len(row) for _, row in rows[opening + 1 : dated - 1]) < CLOSED_BODY_MIN:
        return None
    return rows[dated + 1][0] if dated + 1 < len(rows) else end


ADDRESSEE_HEAD_MAX = 200  # characters above the 主送 line (a title broken over lines, the 发文字号, a timestamp)
_ADDRESSEE_LINE = re.compile(r"各[^。；\n]{1,80}[：:]")
_ISSUER = re.compile(r"[\u4e00-\u9fff（）()]{2,30}")


def split_after_forms(text: str, ranges: list[DocRange], lines: list[Line], toc: set[int]) -> list[DocRange]:
    """A contents page right after the 签字盖章 or 审核意见 box that closes a form starts the document bound after it."""
    breaks: list[int] = []
    for i in sorted(toc):
        if i - 1 in toc or i == 0:
            continue
        above = [text[lines[k].start : lines[k].end] for k in range(max(0, i - FORM_CLOSE_REACH), i)]
        if any(is_sign_box(x) or opens_approval(x.split("\t")[0]) for x in above):
            breaks.append(lines[i].start)
            continue
        # the bound document's cover (short lines: its title, 队长/导师… names) may stand between
        k = i - 1
        while (
            k >= 0
            and i - k <= FORM_COVER_LINES
            and len(text[lines[k].start : lines[k].end].strip()) <= COVER_LINE_CHARS
        ):
            x = text[lines[k].start : lines[k].end]
            if is_sign_box(x) or opens_approval(x.split("\t")[0]):
                breaks.append(lines[k + 1].start)
                break
            k -= 1
    if not breaks:
        return ranges
    out: list[DocRange] = []
    for r in ranges:
        cuts = [b for b in breaks if r.start < b < r.end and (r.title is None or b > r.title.span[1])]
        pieces = [r.start, *cuts, r.end]
        for k in range(len(pieces) - 1):
            if k == 0:
                out.append(DocRange(r.start, pieces[1], r.title, r.head_end, r.wrapped))
            else:
                out.append(DocRange(pieces[k], pieces[k + 1], None))
    return out


def split_wrapped_plans(text: str, ranges: list[DocRange]) -> list[DocRange]:
    """A 关于印发《X》的通知 and its plan X run together (a scraped page on one line): two documents.

    The plan starts at the last place its title X stands on its own (not inside 《》) followed by the
    opening words of a document or its first heading; the notice keeps its headline as its title.
    """
    out: list[DocRange] = []
    for i, r in enumerate(ranges):
        nxt = ranges[i + 1] if i + 1 < len(ranges) else None
        headline = r.title.text if r.title is not None and r.title.wrapper else wrapper_at(text, r.start, r.end)
        inner = wrapped_title(headline) if headline else None
        if headline is None or inner is None or (nxt is not None and nxt.wrapped):
            out.append(r)
            continue
        at = _standalone_title(text, inner, r.start + len(headline), r.end)
        if at is None:
            out.append(r)
            continue
        notice = r.title or Title(
            (r.start, r.start + len(headline)), headline, (r.start, r.start + len(headline)), "notice", True
        )
        lead = _appendix_lead(text, at[0], notice.span[1])  # ``附件`` alone above the plan's title opens the plan
        plan = Title((lead, at[1]), text[at[0] : at[1]], at, doc_type_of_title(inner), False)
        out.append(DocRange(r.start, lead, notice, r.head_end or notice.span[1], r.wrapped))
        out.append(DocRange(lead, r.end, plan, at[1], wrapped=True))
    return out


def _appendix_lead(text: str, at: int, floor: int) -> int:
    """Where the line right above ``at`` starts when it is only an attachment's number (``附件``, ``附件1：``): the
    plan a notice wraps, printed as its attachment, starts there; else ``at``."""
    line_start = text.rfind("\n", floor, at - 1) + 1 if at > floor else at
    above = text[max(line_start, floor) : at].strip(" \t\n：:")
    m = _APPENDIX_NUMBER.fullmatch(above) if above else None
    return max(line_start, floor) if m is not None else at


def _standalone_title(text: str, title: str, start: int, end: int) -> tuple[int, int] | None:
    """The last place ``title`` (spaces aside) stands alone in ``text[start:end]`` and opens a document."""
    chars = [c for c in title if not c.isspace()]
    if len(chars) < MIN_LATER_TITLE:
        return None
    pattern = re.compile(r"\s*".join(re.escape(c) for c in chars))
    openers = tuple(taxonomy().get("document_openers", []))
    found = None
    for m in pattern.finditer(text, start, end):
        before = text[max(start, m.start() - 2) : m.start()].rstrip()
        after = text[m.end() : min(end, m.end() + 20)].lstrip()
        if before.endswith(("《", "“")) or after.startswith(("》", "”")):
            continue
        if after.startswith(openers) or match_marker(after, 0, len(after)) is not None:
            found = (m.start(), m.end())
    return found


def _wraps(notice: Title | None, title: Title) -> bool:
    """``关于印发《X方案》的通知`` … ``X方案``: the notice's own title line, then the plan it wraps, named."""
    if notice is None or not notice.wrapper or title.wrapper or title.appendix or title.doc_type is None:
        return False
    inner = _SQUEEZE.sub("", title.text)
    outer = _SQUEEZE.sub("", notice.text)
    return len(inner) >= 4 and inner[: min(len(inner), 8)] in outer


def _better_title(prev: Title | None, new: Title) -> Title:
    """Of two adjacent titles, the one that names the plan (a wrapped plan beats its notice)."""
    if prev is None:
        return new
    if prev.wrapper and new.doc_type in plan_types():
        return new
    return new if len(new.text) >= 6 else prev


def _opens_a_body(text: str, cands: list[Candidate], title: Title) -> bool:
    """A title alone on its line must be followed soon by headings (a list of document names is not)."""
    end = title.span[1]
    if end < len(text) and text[end] != "\n":
        return True  # glued to its first heading or opening words, or a compilation index
    after = next((c.start for c in cands if c.start >= end), None)
    return after is not None and after - end <= OPENING_REACH


def _numbering_runs_on(cands: list[Candidate], title: Title) -> bool:
    """A new document's first heading starts a numbering (``一、``, ``1.``, ``1.1``); ``5.1`` does not."""
    after = next((c for c in cands if c.start >= title.span[1]), None)
    if after is None or after.family.startswith("outline"):
        return False
    return after.value != 1 or (after.family.startswith("decimal") and not after.number.startswith("1."))


def _continues_numbering(cands: list[Candidate], doc_start: int, title: Title) -> bool:
    """A title-like line followed by ``三、`` right after ``二、``: a false title inside a document."""
    before = [c for c in cands if doc_start <= c.start < title.span[0] and base_family(c.family) == "cn"]
    after = [c for c in cands if c.start >= title.span[1]]
    if not before or not after or base_family(after[0].family) != "cn":
        return False
    return after[0].value == before[-1].value + 1 and after[0].value > 1


# ------------------------------------------------------------------ heading candidates


TITLE_STYLES = frozenset({"title", "标题"})  # Word's Title style (英文名 Title, 中文版 标题): not 标题 1 (Heading 1)


def _outline_level(block: Block) -> int | None:
    """The Word outline level that makes a block a heading; none for the Title style, which names the document
    (some templates give it outline level 0) and never heads a part of it."""
    if block.style and block.style.strip().lower() in TITLE_STYLES:
        return None
    if block.outline_level is not None and block.outline_level < 9:
        return block.outline_level
    if block.style:
        m = _HEADING_STYLE.match(block.style.strip())
        if m:
            return int(m.group(1)) - 1
    return None


def line_candidates(text: str, line: Line) -> list[Candidate]:
    """Headings that start on one line: at its start, glued after another heading, or mid-line."""
    start = line.start
    while start < line.end and text[start] in _LEADING:
        start += 1
    markers: list[Marker] = []
    first = match_marker(text, start, line.end)
    if first is not None:
        markers.append(first)
    else:
        item = _first_item_after_colon(text, start, line.end)
        if item is not None:
            markers.append(item)
    markers.extend(m for m in midline_level1_markers(text, start, line.end) if m.start > start)
    markers.extend(m for m in flattened_markers(text, start, line.end) if m.start > start)
    markers = sorted({m.start: m for m in markers}.values(), key=lambda m: m.start)
    out: list[Candidate] = []
    if not markers:
        notes = _form_notes_candidate(text, start, line.end)
        if notes is not None:
            return [notes]
        level = _outline_level(line.block)
        if level is not None and line.end - start <= 60 and not DOC_NUMBER_LINE.fullmatch(text, start, line.end):
            end, _ = heading_end(text, start, line.end)
            spaced = _OUTLINE_NUMBER.match(text, start, end)
            if spaced is not None:  # Word says heading: ``5 实施整个…的计划``, ``8 项目组织`` are numbered after all
                number = spaced.group(1)
                family = f"arabic_space#o{level}"
                out.append(Candidate(start, spaced.end(), end, line.end, number, family, int(number), False))
            else:
                out.append(Candidate(start, start, end, line.end, "", f"outline{level}", 0, True))
        return out
    for i, marker in enumerate(markers):
        limit = markers[i + 1].start if i + 1 < len(markers) else line.end
        out.extend(_marker_chain(text, marker, limit))
    if line.block.auto_number and out and out[0].start == start:
        out[0] = replace(out[0], auto=True)
    level = _outline_level(line.block)
    if level is not None and out and out[0].start == start:
        # Word says this numbered line is a heading of outline level ``level``: keep it apart from
        # body lists numbered the same way (1. 范围 vs 1. 用户登录…).
        head = out[0]
        out[0] = replace(head, family=f"{head.family}#o{level}")
    return out


def _form_notes_candidate(text: str, start: int, end: int) -> Candidate | None:
    """``填 表 说 明`` alone on a line heads a form's numbered notes, beside its parts (A 基本情况)."""
    words = text[start:end].strip()
    if len(words) > FORM_NOTES_MAX or re.sub(r"\s+", "", words) not in _form_notes_headings():
        return None
    text_end = start + len(text[start:end].rstrip())
    return Candidate(start, start, text_end, end, "", "form_part", 0, True)


@lru_cache(maxsize=1)
def _form_notes_headings() -> frozenset[str]:
    return frozenset(w for s in taxonomy()["sections"] if s["id"] == "form_notes" for w in s.get("synonyms", []))


def _first_item_after_colon(text: str, start: int, end: int) -> Marker | None:
    """``活动目的如下：1.激发…``: a list that starts after a colon in a line of prose."""
    for m in _COLON_MARKER.finditer(text, start, end):
        item = match_marker(text, m.end(), end)
        if item is not None and item.value == 1 and item.family != "cn":
            return item
    return None


def _marker_chain(text: str, marker: Marker, limit: int) -> list[Candidate]:
    """A heading and the sub-headings glued behind it (``二、活动目标1.提升…``, ``…：1.``)."""
    out: list[Candidate] = []
    current: Marker | None = marker
    while current is not None:
        text_end, body = heading_end(text, current.end, limit)
        if text_end <= current.end or not _WORD.search(text, current.end, text_end):
            break  # ``五、3``, ``五、67（1）``: a note's index in a statement's 附注 column, no heading
        out.append(
            Candidate(
                current.start,
                current.end,
                text_end,
                body,
                current.number,
                current.family,
                current.value,
                current.standard,
            )
        )
        current = _glued_marker(text, body, limit, current)
    return out


def _glued_marker(text: str, body: int, limit: int, parent: Marker) -> Marker | None:
    """A list marker right after a heading, or a first item after a colon in the heading's body."""
    pos = body
    while pos < limit and text[pos] in " \t":
        pos += 1
    nxt = match_marker(text, pos, limit) if pos < limit else None
    if nxt is not None and nxt.family != "cn" and nxt.family != parent.family:
        return nxt
    m = _COLON_MARKER.search(text, body, limit)
    if m is None:
        return None
    nxt = match_marker(text, m.end(), limit)
    if nxt is not None and nxt.value == 1 and nxt.family not in ("cn", parent.family):
        return nxt
    return None


def _cell_heading(text: str, line: Line) -> list[Candidate]:
    """A form's part written in a one-cell table row (``二、申请理由``, ``1.团队简介 我们…``): its first heading."""
    tab = text.find("\t", line.start, line.end)
    if 0 <= tab < line.start + CELL_TEXT_MIN:
        return []  # a row of short cells (1.张三<tab>组长) is a table's entry
    found = line_candidates(text, Line(line.start, tab if tab >= 0 else line.end, line.block))
    if not found or not found[0].number or found[0].family not in CELL_HEADING_FAMILIES:
        return []
    head = found[0]
    space = text.find(" ", head.text_start, head.text_end)
    if space - head.text_start >= CELL_HEADING_MIN:  # ``团队简介 我们团队…``: the cell's text runs on after a space
        head = replace(head, text_end=space, body_start=space)
    return [head]


def _cell_paragraph_headings(text: str, line: Line) -> list[Candidate]:
    """Headings that were paragraphs of their own inside a cell whose paragraphs the reader joined with spaces
    (``会议内容<tab>1、反馈情况 … 2、任务分配 … 3、总结 …``): see :func:`~cxzy_nlp.headings.cell_paragraph_markers`."""
    out: list[Candidate] = []
    lo = line.start
    while lo < line.end:
        tab = text.find("\t", lo, line.end)
        hi = tab if tab >= 0 else line.end
        for m, head_end in cell_paragraph_markers(text, lo, hi):
            out.append(Candidate(m.start, m.end, head_end, head_end, m.number, m.family, m.value, m.standard))
        lo = hi + 1
    return out


def text_to_candidates(text: str, lines: list[Line], skip: set[int]) -> list[Candidate]:
    out: list[Candidate] = []
    for i, line in enumerate(lines):
        if i in skip:
            continue
        if line.block.kind == "table_row":
            heads = _cell_heading(text, line)
            taken = {c.start for c in heads}
            out.extend(heads)
            out.extend(c for c in _cell_paragraph_headings(text, line) if c.start not in taken)
            continue
        if "\t" in text[line.start : line.end]:
            continue  # a tab-separated line is a flattened table row
        out.extend(line_candidates(text, line))
    return out


# ------------------------------------------------------------------ headings from layout


def layout_candidates(text: str, lines: list[Line], skip: set[int], cands: list[Candidate]) -> list[Candidate]:
    """Unnumbered headings from layout: short lines of their own, bold or larger than the body, followed by body.

    Weighed against the whole text: only where no numbered ladder already gives the structure (numbered
    sub-headings alone, ``（1）…`` under unnumbered parts, are no ladder when a layout heading comes first),
    and only when such lines are few beside the body (a document set all in bold has no layout headings).
    Uses the block fields (``bold``, ``font_size``, ``centered``) alone, whatever reader made them.
    """
    numbered = [c for c in cands if c.number and c.family != ATTACHMENT_FAMILY]
    tops = [c for c in numbered if _ladder_top(c.family)]
    if len(tops) >= LAYOUT_MAX_NUMBERED:
        return []
    body_size = _body_font_size(lines)
    marked = [_layout_marked(text, ln, body_size) and i not in skip for i, ln in enumerate(lines)]
    known = sum(1 for ln in lines if ln.block.bold is not None or ln.block.font_size is not None)
    picked: list[Candidate] = []
    starts = {c.start for c in cands}
    for i, line in enumerate(lines):
        if not marked[i] or i + 1 >= len(lines) or line.block.kind not in ("paragraph", "title"):
            continue
        if marked[i + 1] and not _set_smaller(lines[i + 1].block, line.block):
            continue  # a run of lines that stand out alike is no heading over its body (a heading over a smaller one is)
        if line.block.centered and i < FIRST_TITLE_LINES:
            continue  # a title, not a heading
        start = line.start + len(text[line.start : line.end]) - len(text[line.start : line.end].lstrip())
        if start in starts or match_marker(text, start, line.end) is not None:
            continue
        end = line.start + len(text[line.start : line.end].rstrip())
        text_end = end - 1 if text[end - 1] in "：:" else end
        picked.append(Candidate(start, start, text_end, end, "", "layout", 0, True))
    if len(picked) < LAYOUT_MIN_HEADINGS or len(picked) * LAYOUT_MAX_SHARE > max(known, 1):
        return []
    if len(numbered) >= LAYOUT_MAX_NUMBERED and picked[0].start > numbered[0].start:
        return []  # the numbered headings come first: they are the structure
    return _layout_ranks(picked, lines)


LAYOUT_SIZE_SAME = 0.75  # points within which two headings are set the same size


def _set_smaller(below: Block, above: Block) -> bool:
    return (
        below.font_size is not None
        and above.font_size is not None
        and below.font_size < above.font_size - LAYOUT_SIZE_SAME
    )


def _layout_ranks(picked: list[Candidate], lines: list[Line]) -> list[Candidate]:
    """Layout headings set in two sizes or more rank by size, the largest on top (22pt parts over 17pt
    sub-parts): each size becomes an outline level of its own. One size, or a heading of unknown size: one level."""
    starts = [ln.start for ln in lines]
    sizes = [lines[bisect_right(starts, c.start) - 1].block.font_size for c in picked]
    if any(size is None for size in sizes):
        return picked
    distinct: list[float] = []
    for known in sorted((s for s in sizes if s is not None), reverse=True):
        if not distinct or distinct[-1] - known > LAYOUT_SIZE_SAME:
            distinct.append(known)
    if len(distinct) < 2:
        return picked
    out = []
    for cand, size in zip(picked, sizes, strict=True):
        rank = next(k for k, d in enumerate(distinct) if size is not None and d - size <= LAYOUT_SIZE_SAME)
        out.append(replace(cand, family=f"layout#o{rank}"))
    return out


# ------------------------------------------------------------------ headings from label lines

LABEL_MAX_CHARS = 10  # 背景：, 会议的主要内容：, 外部因素: a label names a part, it says nothing yet
LABEL_MIN_HEADINGS = 2
LABEL_BARE_MAX = 6  # an unnumbered label without its colon (输出, 过程) heads a bulleted list
LABEL_FAMILY, LABEL_REPEAT_FAMILY = "label", "label_rep"
_LABEL_LINE = re.compile(r"(?P<w>[\u4e00-\u9fffA-Za-z][\u4e00-\u9fffA-Za-z（）() ]*?)[ \t]*(?P<c>[：:])?")
# a lead-in (具体安排如下：), a salutation (各位同学：, 尊敬的领导：), notes and attachments are no labels
_LABEL_LEAD_IN = re.compile(
    r"(?:如下|以下|下列|包括|主要有|分别|有|为|是|即|见)$|^(?:各|尊敬|亲爱|致)|(?:们|同志|领导|老师|同学|家长|朋友)$"
    r"|^(?:注|备注|附注|说明|注意|附件?\d*|附录|联系人|联系方式|电话|地址|邮箱)$"
)
_BULLET = re.compile(r"[ \t]*[•·●▪◆■✓✔√☆★\-－—]")


def _label_words(words: str) -> tuple[str, bool] | None:
    """The label a line is (``背景：`` → 背景) and whether its colon is written, or None for any other line."""
    m = _LABEL_LINE.fullmatch(words)
    if m is None:
        return None
    label = re.sub(r"\s+", "", m.group("w"))
    if not 2 <= len(label) <= LABEL_MAX_CHARS or _LABEL_LEAD_IN.search(label):
        return None
    return label, m.group("c") is not None


def label_line_candidates(text: str, lines: list[Line], skip: set[int], cands: list[Candidate]) -> list[Candidate]:
    """Unnumbered parts named by label lines: ``背景：`` ``目标：`` alone on their lines, each followed by its text.

    Weighed against the whole text: only where no numbered ladder gives the structure, and only when at least
    ``LABEL_MIN_HEADINGS`` different labels with a colon stand in parallel (one ``具体如下：`` is a sentence).
    A bare short line (``输出``) counts beside them when a bulleted list follows it and no other bare line comes
    right before it (a list of short items is no heading), or when it is one of the labels written elsewhere
    with its colon. Labels right above another label (``张晓明：`` over ``主要回答：``, ``流程：`` over ``数据获取：``)
    head the labels below them; else a label met again and again under different ones is a part of each of
    them, one level down.
    """
    tops = [c for c in cands if c.number and c.family != ATTACHMENT_FAMILY and _ladder_top(c.family)]
    if len(tops) >= LAYOUT_MAX_NUMBERED:
        return []
    starts = {c.start for c in cands}
    found: list[tuple[int, str, str]] = []  # (line index, label, how: colon | list | bare)
    for i, line in enumerate(lines[:-1]):
        if i in skip or line.block.kind not in ("paragraph", "title"):
            continue
        words = text[line.start : line.end].strip()
        got = _label_words(words) if len(words) <= LABEL_MAX_CHARS + 4 else None
        if got is None or is_sign_box(words) or line.start in starts:
            continue
        label, colon = got
        nxt = text[lines[i + 1].start : lines[i + 1].end]
        if colon:
            if nxt.strip():
                found.append((i, label, "colon"))
            continue
        before = _label_words(text[lines[i - 1].start : lines[i - 1].end].strip()) if i else None
        over_list = len(label) <= LABEL_BARE_MAX and _BULLET.match(nxt) is not None
        found.append((i, label, "list" if over_list and not (before and not before[1]) else "bare"))
    colons = {label for _, label, how in found if how == "colon"}
    if len(colons) < LABEL_MIN_HEADINGS:
        return _label_over_fields(text, lines, [i for i, _, how in found if how == "colon"], tops)
    kept = [(i, label) for i, label, how in found if how != "bare" or label in colons]
    rows = [i for i, _ in kept]
    parents = {i for i, j in pairwise(rows) if j == i + 1}
    counts: dict[str, int] = {}
    for _, label in kept:
        counts[label] = counts.get(label, 0) + 1
    once = sum(1 for n in counts.values() if n == 1)
    out: list[Candidate] = []
    for i, label in kept:
        line = lines[i]
        start = line.start + len(text[line.start : line.end]) - len(text[line.start : line.end].lstrip())
        end = line.start + len(text[line.start : line.end].rstrip())
        text_end = end - 1 if text[end - 1] in "：:" else end
        if parents:
            below = i not in parents
        else:
            below = counts[label] > 1 and once >= LABEL_MIN_HEADINGS
        out.append(Candidate(start, start, text_end, end, "", LABEL_REPEAT_FAMILY if below else LABEL_FAMILY, 0, True))
    return out


FIELD_LINES_MIN = 2  # filled fields (会议时间：2016年3月17日) right above a lone label that heads the text below
LONE_LABEL_BODY = 200  # characters of running text the lone label stands over (a record's whole account)
_FILLED_FIELD = re.compile(r"[ \t]*[\u4e00-\u9fff][\u4e00-\u9fff \t\u3000]{1,8}[：:][ \t]*\S")


def _label_over_fields(text: str, lines: list[Line], colon_rows: list[int], tops: list[Candidate]) -> list[Candidate]:
    """A lone label (``会议的主要内容：``) between a block of filled fields (会议时间：… 主 持 人：…) and the long account
    below it heads that account: the one part of a record whose fields stand above it. Never in a numbered text,
    never over a sentence or two (``会议内容：`` over one line is a field left short)."""
    if len(colon_rows) != 1 or tops:
        return []
    i = colon_rows[0]
    if i < FIELD_LINES_MIN or not all(
        _FILLED_FIELD.match(text, lines[k].start, lines[k].end) for k in range(i - FIELD_LINES_MIN, i)
    ):
        return []
    line = lines[i]
    body = text[line.end : lines[-1].end]
    if len(re.sub(r"\s+", "", body)) < LONE_LABEL_BODY or not _SENTENCE_END.search(body):
        return []
    start = line.start + len(text[line.start : line.end]) - len(text[line.start : line.end].lstrip())
    end = line.start + len(text[line.start : line.end].rstrip())
    return [Candidate(start, start, end - 1, end, "", LABEL_FAMILY, 0, True)]


LIST_LABEL_MAX = 24  # characters of a line naming the list below it (工作中的不足及改善：, 2022下半年工作内容总结:)
LIST_LABELS_MIN = 2
_LIST_LABEL = re.compile(r"[^\s。；;，,！!？?、\t][^。；;，,！!？?\t]*?[：:]?")


def restart_label_candidates(text: str, lines: list[Line], skip: set[int], cands: list[Candidate]) -> list[Candidate]:
    """Unnumbered parts over numbered lists: where the only ladder restarts at 1 again and again (1、…4、 then 1、…2、),
    each time right under a short line of its own (``工作中的不足及改善：``, ``近期计划``), those lines name the parts
    and the numbers are their lists. The first such line may be the document's title line too, when it ends in a
    colon (``2022下半年工作内容总结:``: it names what the list below it holds)."""
    tops = [c for c in cands if c.number and c.family != ATTACHMENT_FAMILY and _ladder_top(c.family)]
    if not tops or any(c.family != tops[0].family for c in tops) or tops[0].family.startswith("decimal"):
        return []  # 1.2.1 after 1.1.3 goes on under its parent's number: no restart
    ones = [c for c in tops if c.value == 1]
    if len(ones) < LIST_LABELS_MIN or tops[0].value != 1:
        return []
    starts = [ln.start for ln in lines]
    taken = {c.start for c in cands}
    body_size = _body_font_size(lines)
    out: list[Candidate] = []
    for one in ones:
        k = bisect_right(starts, one.start) - 2  # the line above the list's first item
        if k < 0 or k in skip or lines[k].block.kind not in ("paragraph", "title"):
            return []
        line = lines[k]
        words = text[line.start : line.end].strip()
        if (
            not 2 <= len(words) <= LIST_LABEL_MAX
            or _LIST_LABEL.fullmatch(words) is None
            or _LABEL_LEAD_IN.search(words.rstrip("：:"))
            or line.start in taken
            or is_sign_box(words)
            or is_furniture(words)
        ):
            label = _set_off_label(text, lines, k, skip, taken, body_size)
            if label is None:
                return []
            line = lines[label]
            words = text[line.start : line.end].strip()
        start = line.start + len(text[line.start : line.end]) - len(text[line.start : line.end].lstrip())
        end = start + len(words)
        text_end = end - 1 if words[-1] in "：:" else end
        out.append(Candidate(start, start, text_end, end, "", LIST_LABEL_FAMILY, 0, True))
    return out


LIST_LABEL_FAMILY = "label_list"
LABEL_REACH = 5  # lines of a part's opening paragraph (and page furniture) between its label and its list
_SLOGAN = re.compile(r"[^\s。；;，,！!？?、\t：:][^。；;，,！!？?\t：:]*(?:[，,][^。；;，,！!？?\t：:]+)?")


def _set_off_label(
    text: str, lines: list[Line], k: int, skip: set[int], taken: set[int], body_size: float | None
) -> int | None:
    """The label of a part whose list follows an opening paragraph: the nearest line above, over at most
    ``LABEL_REACH`` lines of prose or page furniture, that is set larger than the body (``三大趋势，迎来机遇``)."""
    if body_size is None:
        return None
    for j in range(k, max(-1, k - LABEL_REACH), -1):
        line = lines[j]
        words = text[line.start : line.end].strip()
        if j in skip or line.start in taken or line.block.kind not in ("paragraph", "title"):
            return None
        size = line.block.font_size
        if size is not None and size > body_size and 2 <= len(words) <= LIST_LABEL_MAX and _SLOGAN.fullmatch(words):
            return j
        if words and not (is_furniture(words) or _SENTENCE_END.search(words) or (size or body_size) < body_size):
            if size == body_size and len(words) <= LIST_LABEL_MAX:
                return None  # a short line of the body's own size: no label set off above it
    return None


_SUB_FAMILIES = ("cn_paren", "paren_arabic", "half_paren", "circled", "latin")


def _ladder_top(family: str) -> bool:
    """Whether a family may head a document's ladder (一、, 第一章, 1., 1 引言, 1.1), not only sit below one."""
    return family.split("#")[0] not in _SUB_FAMILIES


_GLUED_NUMBER = re.compile(r"(?P<n>\d{1,2})(?P<h>[\u4e00-\u9fff][^\s，。；：:,;.．、]{1,24})")
GLUED_MIN_HEADINGS = 2


def glued_number_candidates(text: str, lines: list[Line], skip: set[int], cands: list[Candidate]) -> list[Candidate]:
    """``2项目背景`` (a chapter number glued to its heading, as a PDF gives it): a heading when its sections
    follow as ``2.1 …`` or the line is set larger than the body, and at least two such lines make a ladder."""
    starts = {c.start for c in cands}
    decimals = sorted((c.start, c.number) for c in cands if c.family.startswith("decimal"))
    chapters = [c for c in cands if c.family.startswith("arabic_space")]  # 1 引言, or Word's 1调研背景
    body_size = _body_font_size(lines)
    picked: list[Candidate] = []
    for i, line in enumerate(lines):
        words = text[line.start : line.end].strip()
        m = _GLUED_NUMBER.fullmatch(words)
        if m is None or i in skip or line.block.kind == "table_row":
            continue
        start = line.start + len(text[line.start : line.end]) - len(text[line.start : line.end].lstrip())
        if start in starts:
            continue
        at = bisect_right(decimals, (start, ""))
        sections_follow = at < len(decimals) and decimals[at][1].startswith(f"{m.group('n')}.")
        size = line.block.font_size
        larger = size is not None and body_size is not None and size >= body_size + LAYOUT_SIZE_STEP
        if not (sections_follow or larger):
            continue
        end = start + len(words)
        value = int(m.group("n"))
        before = [c for c in chapters + picked if c.start < start and c.value == value - 1]
        family = max(before, key=lambda c: c.start).family if before else "arabic_space"  # its ladder goes on
        picked.append(Candidate(start, start + len(m.group("n")), end, end, m.group("n"), family, value, False))
    return picked if len(picked) + len(chapters) >= GLUED_MIN_HEADINGS else []


def dated_entry_candidates(text: str, lines: list[Line], skip: set[int], cands: list[Candidate]) -> list[Candidate]:
    """Dates on lines of their own, each followed by its text (a log, minutes of several meetings): headings; and
    places (``Page 12``, ``P3：``) the same way, the frame of review comments or of a slide script.

    Dates only where no numbered ladder gives the structure, places also where they come before it; each only for
    a run of at least ``DATED_MIN_ENTRIES`` (one date line above the last line is the 成文日期 of a 落款).
    """
    numbered = [c for c in cands if c.number and c.family != ATTACHMENT_FAMILY]
    places = _keyed_entries(text, lines, skip, cands, _ENTRY_PLACE, "place")
    if places and (len(numbered) < LAYOUT_MAX_NUMBERED or places[0].start < numbered[0].start):
        return places  # the places frame the text: numbered lists under them are their items
    if len(numbered) >= LAYOUT_MAX_NUMBERED:
        return []
    return _keyed_entries(text, lines, skip, cands, _ENTRY_DATE, "dated")


def _keyed_entries(
    text: str, lines: list[Line], skip: set[int], cands: list[Candidate], key: re.Pattern[str], family: str
) -> list[Candidate]:
    """Lines that are only a key (a date; a page or slide: ``P3、P4：``, ``Page 12``), each over its text.

    A date entry is followed by sentences; a place entry by any text that is no other key (a reviewer's comment
    on ``Page 8`` may be a bare phrase, a slide's script its spoken words), and the last line may be one with its
    comments still to come. A short line of its own right before the first place entry, after the document's first
    line, is the overall part the places follow (整体意见, then ``Page 4-5`` …): one more entry of the series.
    """
    starts = {c.start for c in cands}
    picked: list[Candidate] = []
    first_at: int | None = None
    for i, line in enumerate(lines):
        words = text[line.start : line.end].strip()
        if i in skip or line.start in starts or not key.match(words):
            continue
        last = i + 1 == len(lines)
        after = "" if last else text[lines[i + 1].start : lines[i + 1].end].strip()
        if family == "dated" and (last or not after or key.match(after) or not _SENTENCE_END.search(after)):
            continue  # an entry is a date, then sentences
        if family == "place" and (
            (key.match(after) if after else not last) or is_furniture(words) or _page_edge(lines, i)
        ):
            continue  # ``第3页`` or ``Page 3`` at a page's edge is the page's number
        first_at = i if first_at is None else first_at
        picked.append(_line_candidate(text, line, family))
    if len(picked) < DATED_MIN_ENTRIES:
        return []
    if family == "place" and first_at is not None:
        lead = next((k for k in range(first_at - 1, 0, -1) if text[lines[k].start : lines[k].end].strip()), None)
        if lead is not None and lead not in skip:
            words = text[lines[lead].start : lines[lead].end].strip()
            if 2 <= len(words) <= ENTRY_LEAD_MAX and _WORD.search(words) and not _LAYOUT_PROSE.search(words):
                picked.insert(0, _line_candidate(text, lines[lead], family))
    return picked


def _page_edge(lines: list[Line], i: int) -> bool:
    """Whether a line opens or closes a page (where page numbers are printed)."""
    page = lines[i].block.page
    if page is None:
        return False
    return any(0 <= k < len(lines) and lines[k].block.page != page for k in (i - 1, i + 1))


def _line_candidate(text: str, line: Line, family: str) -> Candidate:
    raw = text[line.start : line.end]
    start = line.start + len(raw) - len(raw.lstrip())
    end = start + len(raw.strip())
    return Candidate(start, start, end, end, "", family, 0, True)


def _body_font_size(lines: list[Line]) -> float | None:
    """The size most characters are set in."""
    weight: dict[float, int] = {}
    for ln in lines:
        if ln.block.font_size and ln.block.kind == "paragraph":
            weight[ln.block.font_size] = weight.get(ln.block.font_size, 0) + ln.end - ln.start
    return max(weight, key=lambda k: weight[k]) if weight else None


def _layout_marked(text: str, line: Line, body_size: float | None) -> bool:
    """A short line of its own that stands out: bold, or set larger than the body."""
    b = line.block
    larger = b.font_size is not None and body_size is not None and b.font_size >= body_size + LAYOUT_SIZE_STEP
    if not (b.bold or larger) or b.kind == "table_row":
        return False
    words = text[line.start : line.end].strip()
    return (
        LAYOUT_MIN_CHARS <= len(words) <= LAYOUT_MAX_CHARS
        and not _LAYOUT_PROSE.search(words)
        and not is_sign_box(words)
        and not _LAYOUT_DATE.match(words)
    )


# ------------------------------------------------------------------ levels and the tree


def unify_series(cands: list[Candidate]) -> list[Candidate]:
    """Markers of one form continuing one series share a family, with or without Word outline evidence.

    ``（一）加强组织领导。正文…`` (a body paragraph) followed by a ``（二）…`` line styled as a heading
    is one series: the later marker joins the open family it continues (``arabic#o1`` → ``arabic``).
    A marker that continues its own family's numbering keeps it (``1. 范围`` headings vs a body list).
    """
    open_last: dict[str, int] = {}  # open families (as in :func:`candidate_levels`) → last value
    order: list[str] = []
    out: list[Candidate] = []
    auto_last: dict[str, bool] = {}  # family → whether its last number was Word's automatic one
    for cand in cands:
        family = _series_family(cand, open_last)
        family = _auto_series(cand, family, open_last, auto_last)
        auto_last[family] = cand.auto
        if family != cand.family:
            cand = replace(cand, family=family)
        if family in order:
            del order[order.index(family) + 1 :]
        elif order and family_outranks(family, order[0]):
            order = [family]
        else:
            order.append(family)
        open_last = {f: open_last.get(f, 0) for f in order}
        open_last[family] = cand.value
        out.append(cand)
    return out


def drop_stray_outlines(cands: list[Candidate]) -> list[Candidate]:
    """Without a lone unnumbered line styled as a higher heading (Heading 1) between two numbered items of one
    deeper-styled list (Heading 3 1、 … 2、): a body paragraph given the wrong style, not a part above the list."""
    count: dict[str, int] = {}
    for c in cands:
        count[c.family] = count.get(c.family, 0) + 1
    out: list[Candidate] = []
    for k, c in enumerate(cands):
        level = outline_of(c.family) if c.family.startswith("outline") else None
        if level is not None and count[c.family] == 1 and 0 < k < len(cands) - 1:
            before, after = cands[k - 1], cands[k + 1]
            deeper = outline_of(before.family)
            if before.number and before.family == after.family and deeper is not None and deeper > level:
                continue
        out.append(c)
    return out


def _auto_series(cand: Candidate, family: str, open_last: dict[str, int], auto_last: dict[str, bool]) -> str:
    """A Word automatic number goes on the automatic list it continues, not a typed list inside it that happens to
    reach the same number (自动编号 4、Webpack, typed 1、–4、 npm commands under it, then 自动编号 5、yarn)."""
    if not cand.auto or auto_last.get(family, True):
        return family
    base = base_family(family)
    for other, last in open_last.items():
        if other != family and base_family(other) == base and last + 1 == cand.value and auto_last.get(other):
            return other
    return family


def _series_family(cand: Candidate, open_last: dict[str, int]) -> str:
    if cand.family.startswith("outline") or open_last.get(cand.family, -1) + 1 == cand.value:
        return cand.family
    base = base_family(cand.family)
    for family, last in open_last.items():
        if family != cand.family and base_family(family) == base and last + 1 == cand.value:
            return family
    # ``6. 项目难点`` after ``5 项目实践情况``: the top ladder's next number, written with a stray dot (or without it)
    top = next(iter(open_last), None)
    twin = _TWIN_FAMILIES.get(base)
    if (
        top is not None
        and twin is not None
        and base_family(top) == twin
        and cand.value > 1
        and open_last[top] + 1 == cand.value
        and not any(base_family(f) == base for f in open_last)
    ):
        return top
    return cand.family


_TWIN_FAMILIES = {"arabic": "arabic_space", "arabic_space": "arabic"}  # ``6.`` and ``6 ``: one number, two hands


def candidate_levels(cands: list[Candidate], text: str | None = None) -> list[int]:
    """Levels from the order families appear: a family already open closes what is below it.

    A new family goes one level down, unless it outranks the top family (``一、`` after a list of
    ``1.`` notes, ``A 基本情况`` after form instructions): then it becomes the top level. Numbering that
    restarts at one while its family is open (a quoted outline, a list of criteria inside ``三、``) is a
    child list, until the outer numbering goes on (``四、`` after ``三、``); it needs ``text`` and some body
    text before it (``（二）乙`` right before ``（一）丙`` is a numbering slip, not a list).
    """
    stack: list[str] = []  # open families; a restarted list is ``family@depth``
    last: dict[str, int] = {}
    levels: list[int] = []
    for k, cand in enumerate(cands):
        fam = cand.family
        same = [f for f in stack if f.split("@")[0] == fam]
        after_body = text is not None and k > 0 and bool(text[cands[k - 1].body_start : cand.start].strip())
        after_other = k > 0 and cands[k - 1].family != fam  # 1. right under a) 行业分析 is that heading's list
        # 一、大学生组 right under 七、参赛队伍信息 heads a part of it (a slip would be （一） after （二）)
        under_far = k > 0 and cands[k - 1].family == fam and cands[k - 1].value >= RESTART_UNDER_MIN
        going_on = [f for f in same if last.get(f, -1) + 1 == cand.value]
        if going_on:
            # the innermost list this number continues; a section name (三、组织实施) goes on the outer one
            named = text is not None and lexicon_heading_end(text, cand.text_start, cand.text_end) == cand.text_end
            inst = going_on[0] if named else going_on[-1]
            del stack[stack.index(inst) + 1 :]
        elif (
            same
            and cand.value == 1
            and last.get(same[-1], 0) > 1
            and (after_body or after_other or under_far)
            and _restarts_as_child(fam)
        ):
            inst = f"{fam}@{len(stack)}"
            stack.append(inst)
        elif same:
            inst = same[0]
            del stack[stack.index(inst) + 1 :]
        elif stack and family_outranks(fam, stack[0]):
            inst = fam
            stack = [fam]
        else:
            inst = fam
            stack.append(fam)
        last = {f: last.get(f, 0) for f in stack}
        last[inst] = cand.value
        levels.append(len(stack))
    return levels


def _restarts_as_child(family: str) -> bool:
    """Numbered families whose restart inside an open section is a child list (not Word outline levels)."""
    return bool(family) and not family.startswith(("outline", "layout", ATTACHMENT_FAMILY)) and "#o" not in family


def build_sections(text: str, cands: list[Candidate], levels: list[int], end: int) -> tuple[Section, ...]:
    """The section tree; ids are assigned in reading order."""
    counter = [0]

    def build(lo: int, hi: int, stop: int) -> tuple[Section, ...]:
        out: list[Section] = []
        i = lo
        while i < hi:
            j = i + 1
            while j < hi and levels[j] > levels[i]:
                j += 1
            counter[0] += 1
            sid = f"s{counter[0]}"
            sec_end = cands[j].start if j < hi else stop
            c = cands[i]
            children = build(i + 1, j, sec_end)
            out.append(
                Section(
                    id=sid,
                    number=c.number,
                    heading=text[c.text_start : c.text_end],
                    level=levels[i],
                    span=(c.start, sec_end),
                    heading_span=(c.start, c.body_start),
                    children=children,
                )
            )
            i = j
        return tuple(out)

    return build(0, len(cands), end)


# ------------------------------------------------------------------ validation findings


def _sibling_groups(sections: tuple[Section, ...]) -> list[tuple[Section, ...]]:
    groups = [sections] if sections else []
    for s in sections:
        groups.extend(_sibling_groups(s.children))
    return groups


def sequence_findings(text: str, sections: tuple[Section, ...], cands_by_id: dict[str, Candidate]) -> list[Finding]:
    """Gaps, repeats and restarts among sibling headings (``heading-sequence``)."""
    out: list[Finding] = []
    last_in_doc: dict[tuple[int, str], int] = {}  # numbering may run on across parents: （一）…（五） then （六）
    for group in _sibling_groups(sections):
        prev_by_family: dict[str, Section] = {}
        for s in group:
            cand = cands_by_id[s.id]
            fam, value = cand.family, cand.value
            if not s.number or fam == ATTACHMENT_FAMILY:
                continue
            prev = prev_by_family.get(fam)
            expected = (cands_by_id[prev.id].value + 1) if prev else 1
            run_on = prev is None and value == last_in_doc.get((s.level, fam), -1) + 1
            if value != expected and not run_on:
                out.append(_sequence_finding(text, s, prev, value, expected))
            prev_by_family[fam] = s
            last_in_doc[(s.level, fam)] = value
    return out


def _sequence_finding(text: str, s: Section, prev: Section | None, value: int, expected: int) -> Finding:
    place = f"标题“{s.number}{s.heading[:20]}”"
    if prev is None:
        msg = f"{place}是本级第一个标题，编号却不是从 {expected} 开始，请核对前面是否漏了标题或编号写错。"
    elif value == expected - 1:
        msg = f"{place}与上一个标题“{prev.number}”编号重复，应改为第 {expected} 项。"
    elif value < expected:
        msg = f"{place}的编号在“{prev.number}”之后重新开始，若是同一层级请接着编为第 {expected} 项，否则调整层级。"
    else:
        msg = f"{place}跳号：上一个是“{prev.number}”，这里应为第 {expected} 项，请补上缺失的部分或改正编号。"
    return Finding(
        rule="heading-sequence",
        severity="warn",
        message=msg,
        span=s.heading_span,
        section=s.id,
        evidence=text[s.heading_span[0] : s.heading_span[1]],
    )


def style_findings(text: str, sections: tuple[Section, ...], cands_by_id: dict[str, Candidate]) -> list[Finding]:
    """Markers outside the GB/T 9704 ladder, mixed markers on one level, skipped levels (``heading-style``)."""
    out: list[Finding] = []
    by_form: dict[tuple[int, str], list[Section]] = {}
    for s in _walk(sections):
        c = cands_by_id.get(s.id)
        if c is None or not s.number or c.family.startswith("outline") or c.family == ATTACHMENT_FAMILY:
            continue
        by_form.setdefault((s.level, _form(s.number)), []).append(s)
    for (level, _), same in by_form.items():
        s, c = same[0], cands_by_id[same[0].id]
        if not c.standard:
            fix = suggest_number(level, c.value or 1)
            out.append(
                Finding(
                    rule="heading-style",
                    severity="info",
                    message=f"标题编号“{s.number}”不是公文标准层次序数（GB/T 9704：一、（一）1.（1）），第 {level} 级建议写作“{fix}”。",
                    span=s.heading_span,
                    section=s.id,
                    evidence=text[s.heading_span[0] : s.heading_span[1]],
                    fix=_renumbered(text, same, sections, cands_by_id),
                )
            )
    out.extend(_mixed_level_findings(text, sections, cands_by_id))
    out.extend(_skipped_level_findings(text, sections, cands_by_id))
    return out


_GB_POSITION = {"cn": 1, "cn_paren": 2, "arabic": 3, "paren_arabic": 4}


def _renumbered(
    text: str, same: list[Section], sections: tuple[Section, ...], cands_by_id: dict[str, Candidate]
) -> Fix | None:
    """Every heading of one level and one non-standard form (``1、`` on level 2) renumbered on the GB/T 9704
    rung of its level (``（一）``), as one fix made in all of them or none; None when that is not certain:
    a parent on another rung of the ladder, the level numbered in more than one form (1、 beside (1): the
    reviewer decides), or the new form already used on another level."""
    level = same[0].level
    if level > len(GB_LADDER):
        return None
    new_form, old_form = _form(suggest_number(level, 1)), _form(same[0].number)
    for s in _walk(sections):
        elsewhere = s.level != level and _form(s.number) == new_form
        mixed = s.level == level and _form(s.number) != old_form
        if s.number and (elsewhere or mixed):
            return None
    parents = {c.id: s for s in _walk(sections) for c in s.children}
    edits = []
    for s in same:
        parent = parents.get(s.id)
        if parent is None and level != 1:
            return None
        if parent is not None:  # on the rung above, or off the ladder and renumbered onto it by its own fix
            above = cands_by_id.get(parent.id)
            if above is None or (above.standard and _GB_POSITION.get(base_family(above.family)) != level - 1):
                return None
        start, value = s.heading_span[0], cands_by_id[s.id].value
        end = start + len(s.number)
        if text[start:end] != s.number or value < 1:
            return None
        while end < s.heading_span[1] - 1 and text[end] in " \t\u3000":  # 一. 活动目标 → 一、活动目标
            end += 1
        edits.append(Fix((start, end), suggest_number(level, value)))
    if all(text[f.span[0] : f.span[1]] == f.text for f in edits):
        return None
    return replace(edits[0], also=tuple(edits[1:]))


def _skipped_level_findings(
    text: str, sections: tuple[Section, ...], cands_by_id: dict[str, Candidate]
) -> list[Finding]:
    """``一、`` followed directly by ``1.``: the GB/T 9704 ladder skips ``（一）``."""
    first_by_level: dict[int, Section] = {}
    for s in _walk(sections):
        first_by_level.setdefault(s.level, s)
    out: list[Finding] = []
    for level, s in sorted(first_by_level.items()):
        if level == 1:
            continue
        above = _GB_POSITION.get(base_family(cands_by_id[first_by_level[level - 1].id].family))
        here = _GB_POSITION.get(base_family(cands_by_id[s.id].family))
        if above is None or here is None or here - above <= 1:
            continue
        skipped = "、".join(f"“{GB_LADDER[i]}”" for i in range(above, here - 1))
        out.append(
            Finding(
                rule="heading-style",
                severity="info",
                message=f"第 {level} 级标题“{s.number}{s.heading[:15]}”紧接在“{first_by_level[level - 1].number}”级之下，"
                f"跳过了 {skipped} 层级；建议改为“{GB_LADDER[above]}”式编号。",
                span=s.heading_span,
                section=s.id,
                evidence=text[s.heading_span[0] : s.heading_span[1]],
            )
        )
    return out


def _mixed_level_findings(text: str, sections: tuple[Section, ...], cands_by_id: dict[str, Candidate]) -> list[Finding]:
    forms_by_level: dict[int, dict[str, Section]] = {}
    for s in _walk(sections):
        if s.number:
            forms_by_level.setdefault(s.level, {}).setdefault(_form(s.number), s)
    out = []
    for level, forms in sorted(forms_by_level.items()):
        if len(forms) > 1:
            names = "、".join(f"“{f}”" for f in forms)
            s = list(forms.values())[1]
            out.append(
                Finding(
                    rule="heading-style",
                    severity="info",
                    message=f"第 {level} 级标题混用了 {names} 等编号形式，请统一为“{suggest_number(level, 1)}”式。",
                    span=s.heading_span,
                    section=s.id,
                    evidence=text[s.heading_span[0] : s.heading_span[1]],
                )
            )
    return out


@lru_cache(maxsize=512)
def _form(number: str) -> str:
    """The shape of a marker: digits and numerals replaced (``（三）`` → ``（一）``)."""
    return _LATIN.sub("a", _DIGITS.sub("1", _NUMERALS.sub("一", number)))


def _walk(sections: tuple[Section, ...]) -> list[Section]:
    out: list[Section] = []
    for s in sections:
        out.extend(s.walk())
    return out


# ------------------------------------------------------------------ one document


def range_to_document(
    text: str,
    rng: DocRange,
    cands: list[Candidate],
    title_hint: str | None,
    lines: list[Line],
    toc: set[int] | None = None,
    *,
    wraps_next: bool = False,
    name_hint: str | None = None,
) -> Document:
    title = rng.title
    body_start = title.span[1] if title else rng.start
    title_text, title_span = _title_of(text, rng, title, title_hint, lines)
    opening = [c for c in cands if body_start <= c.start < rng.end]
    meta_end = opening[0].start if opening else min(rng.end, rng.start + 600)
    if opening and opening[0].start <= rng.start:
        meta_end = opening[0].body_start  # the first line heads a part and is the document's opening words too
    doc_type, evidence = document_kind(
        text,
        (rng.start, rng.end),
        title.text if title is not None else title_text,
        meta_end,
        lines,
        found_kind=title.doc_type if title is not None else None,
        wraps_next=wraps_next,
        headings=[text[c.text_start : c.text_end] for c in opening],
        file_name=name_hint,
    )
    profile, recognised = kind_profile(text, (rng.start, rng.end), doc_type, title_text, evidence)
    if recognised:
        evidence = f"{evidence}；{recognised}" if evidence else recognised
    zones = range_zones(text, rng, opening, lines, toc or set(), form=is_form(doc_type), official=is_official(doc_type))
    inside = drop_stray_outlines(unify_series(_in_section_zones(opening, zones)))
    if inside and all(c.family.split("#")[0] == "circled" for c in inside):
        inside = []  # ①②③ alone are the items of a list, never a document's parts
    first_title_end = rng.head_end if rng.head_end is not None else body_start
    levels = candidate_levels(inside, text)
    sections = build_sections(text, inside, levels, rng.end)
    ids = [s.id for s in _walk(sections)]
    cands_by_id = dict(zip(ids, inside, strict=True))
    findings = sequence_findings(text, sections, cands_by_id) + style_findings(text, sections, cands_by_id)
    first = inside[0].start if inside else rng.end
    preface = _preface_span(text, first_title_end, first)
    date = find_date_line(text, rng.start, first if inside else rng.end) or find_date_line(
        text, max(rng.start, rng.end - 300), rng.end
    )
    meta_end = first if inside else min(rng.end, rng.start + 600)
    return Document(
        title=title_text,
        span=(rng.start, rng.end),
        doc_type=doc_type,
        doc_type_evidence=evidence,
        profile=profile,
        zones=zones,
        title_span=title_span,
        issuer=find_issuer(text, _notice_title(text, rng, title), date[1] if date else None),
        date=date[0] if date else None,
        doc_number=find_doc_number(text, rng.start, meta_end),
        preface_span=preface,
        sections=sections,
        findings=tuple(findings),
    )


# ------------------------------------------------------------------ zones


def range_zones(
    text: str,
    rng: DocRange,
    cands: list[Candidate],
    lines: list[Line],
    toc: set[int],
    *,
    form: bool,
    official: bool = False,
) -> tuple[Zone, ...]:
    """The zones of one document (see :mod:`cxzy_nlp.zones`)."""
    lo = max(0, bisect_right([ln.start for ln in lines], rng.start) - 1)  # the line the document starts in
    idx = [i for i in range(lo, len(lines)) if lines[i].start < rng.end]
    if not idx:
        return (Zone("body", (rng.start, rng.end)),)
    here: list[ZoneLine] = []
    pinned: dict[int, ZoneKind] = {}  # a flattened web page's header, 落款 and footer inside its one line
    for i in idx:
        line = lines[i]
        raw = text[line.start : line.end]
        pieces = flat_page_pieces(raw) if len(raw) >= FLAT_LINE_MIN else []
        pieces = pieces or glued_sign_pieces(raw)  # a box to sign glued after a paragraph's last sentence
        if not pieces:
            here.append(ZoneLine(max(line.start, rng.start), line.end, line.block))
            continue
        for lo, hi, kind in pieces:
            lo, hi = line.start + lo, line.start + hi
            if hi <= rng.start or lo >= rng.end:
                continue
            pinned[len(here)] = kind or ("form" if form else "body")  # its text: the furniture is cut off
            here.append(ZoneLine(max(lo, rng.start), hi, line.block))
    starts = [z.start for z in here]

    def line_of(pos: int) -> int:
        return max(0, bisect_right(starts, pos) - 1)

    heading = {line_of(c.start) for c in cands}
    numbered = {line_of(c.start) for c in cands if c.number and c.family != ATTACHMENT_FAMILY}
    attached = {line_of(c.start) for c in cands if c.family == ATTACHMENT_FAMILY}
    kinds = line_kinds(
        text,
        here,
        contents={k for k, i in enumerate(idx) if i in toc},
        heading_lines=heading,
        numbered_lines=numbered,
        attachment_lines=attached,
        form=form,
        title_line=line_of(rng.title.span[0]) if rng.title is not None and rng.title.span[0] > rng.start else None,
        official=official,  # a 公文's 版头 (XX文件, 文号) above its title is page furniture, not a cover
    )
    for k, kind in pinned.items():
        if kind in ("furniture", "signature") or kinds[k] == "furniture":
            kinds[k] = kind
    return kinds_to_zones(here, kinds, rng.start, rng.end)


def _in_section_zones(cands: list[Candidate], zones: tuple[Zone, ...]) -> list[Candidate]:
    """Candidates inside the zones that hold sections (never a cover, contents or 审核意见 box)."""
    out = outside_sections(zones)
    return [c for c in cands if not any(a <= c.start < b for a, b in out)]


def _notice_title(text: str, rng: DocRange, title: Title | None) -> str | None:
    """The first title line of the document (the notice, when it wraps a plan)."""
    if title is None:
        return None
    nl = text.find("\n", rng.start, rng.end)
    first_line = text[rng.start : nl if nl >= 0 else rng.end]
    return first_line if "关于" in first_line and len(first_line) <= 80 else title.text


def _title_of(
    text: str, rng: DocRange, title: Title | None, hint: str | None, lines: list[Line]
) -> tuple[str | None, tuple[int, int] | None]:
    if title is not None:
        return title.text, title.text_span
    if rng.start == 0 and hint:
        return hint.strip(), None
    for line in lines:
        if line.start >= rng.start:
            first = text[line.start : line.end].strip()
            if (
                0 < len(first) <= 50
                and not re.search(r"[。；;：:]", first)
                and not match_marker(first + "项", 0, len(first) + 1)
                and not _TOC_HEADER.match(first)  # a contents page names no document
            ):
                return first, (line.start, line.end)
            break
    return _display_title(text, rng, lines)


DISPLAY_TITLE_SIZE = 1.5  # times the body's size: a headline set this large near the top is the title
DISPLAY_TITLE_LINES = 8


def _display_title(text: str, rng: DocRange, lines: list[Line]) -> tuple[str | None, tuple[int, int] | None]:
    """A headline set far larger than the body among the first lines (a magazine article under its column's lead-in),
    its lines joined."""
    body = _body_font_size(lines)
    if body is None:
        return None, None
    head = [ln for ln in lines if rng.start <= ln.start < rng.end][:DISPLAY_TITLE_LINES]
    big = [k for k, ln in enumerate(head) if (ln.block.font_size or 0) >= DISPLAY_TITLE_SIZE * body]
    if not big or big != list(range(big[0], big[0] + len(big))):
        return None, None  # one run of display lines
    words = " ".join(text[head[k].start : head[k].end].strip() for k in big)
    if not 0 < len(words) <= 50 or re.search(r"[。；;：:]", words):
        return None, None
    return words, (head[big[0]].start, head[big[-1]].end)


def _preface_span(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start] in "\n \t":
        start += 1
    return (start, end) if end > start else None


# ------------------------------------------------------------------ the stage


def outside_titles(cands: list[Candidate], titles: list[Title]) -> list[Candidate]:
    """Candidates that do not start inside a title (titles are in text order and do not overlap)."""
    starts = [t.span[0] for t in titles]
    out = []
    for c in cands:
        i = bisect_right(starts, c.start) - 1
        if i < 0 or c.start >= titles[i].span[1] or (c.family == LIST_LABEL_FAMILY and c.start == starts[i]):
            out.append(c)  # a title line ending in a colon names the list under it too
    return out


def segment(normal: NormalText, title_hint: str | None = None, name_hint: str | None = None) -> list[Document]:
    """Documents in the text, each with its title, formal elements and section tree.

    ``title_hint``: the file's metadata title; ``name_hint``: the file's name, a weak cue of the kind of a file's
    only document when nothing in it names one (:func:`~cxzy_nlp.kinds.document_kind`).

    Traditional characters are folded for matching (:func:`~cxzy_nlp.normalise.fold_traditional`); titles,
    headings and quoted evidence keep the text as written.
    """
    text = normal.text
    if not text.strip():
        return []
    folded = fold_traditional(text)
    if folded != text:
        return [as_written(d, text, folded) for d in segment(NormalText(folded, normal.blocks), title_hint, name_hint)]
    lines = text_to_lines(normal)
    skip = toc_lines(text, lines)
    titles = find_titles(text, lines, skip)
    raw_lines = [text[ln.start : ln.end] for ln in lines]
    # table rows, lists of names, notes (注：1．…)
    not_headings = skip | table_text_lines(raw_lines) | name_list_lines(raw_lines) | note_list_lines(raw_lines)
    cands = text_to_candidates(text, lines, not_headings)
    cands = sorted(cands + glued_number_candidates(text, lines, not_headings, cands), key=lambda c: c.start)
    labelled = label_line_candidates(text, lines, not_headings, cands) or restart_label_candidates(
        text, lines, not_headings, cands
    )
    cands = sorted(
        cands
        + (labelled or layout_candidates(text, lines, not_headings, cands))  # labels name the parts: no bold guess
        + dated_entry_candidates(text, lines, not_headings, cands),
        key=lambda c: c.start,
    )
    cands = outside_titles(cands, titles)
    rows = [ln.start for ln in lines if ln.block.kind == "table_row"]
    titles, attachments = split_attachments(titles, cands, len(text), rows)
    if attachments:
        cands = sorted(cands + [attachment_candidate(text, t) for t in attachments], key=lambda c: c.start)
    ranges = split_after_forms(text, titles_to_ranges(text, titles, cands), lines, skip)
    ranges = split_wrapped_plans(text, ranges)
    docs: list[Document] = []
    for i, r in enumerate(ranges):
        wraps_next = i + 1 < len(ranges) and ranges[i + 1].wrapped
        doc = range_to_document(
            text,
            r,
            cands,
            title_hint,
            lines,
            skip,
            wraps_next=wraps_next,
            name_hint=name_hint if len(ranges) == 1 else None,
        )
        if r.wrapped and docs:
            doc = _wrapped_by(doc, docs[-1], len(docs) - 1)
        docs.append(doc)
    return docs


def as_written(doc: Document, text: str, folded: str) -> Document:
    """A document segmented on the folded text, with its strings taken back from the text as written."""

    def back(value: str | None, lo: int, hi: int) -> str | None:
        if not value:
            return value
        at = folded.find(value, lo, hi)
        at = at if at >= 0 else folded.find(value)  # inherited from the wrapping notice
        return text[at : at + len(value)] if at >= 0 else value

    def section(s: Section) -> Section:
        lo, hi = s.heading_span
        return replace(s, heading=back(s.heading, lo, hi) or s.heading, children=tuple(map(section, s.children)))

    def finding(f: Finding) -> Finding:
        if f.span and f.evidence == folded[f.span[0] : f.span[1]]:
            return replace(f, evidence=text[f.span[0] : f.span[1]])
        return f

    lo, hi = doc.span
    title_lo, title_hi = doc.title_span or (lo, hi)
    return replace(
        doc,
        title=back(doc.title, title_lo, title_hi) if doc.title_span else back(doc.title, lo, hi),
        issuer=back(doc.issuer, lo, hi),
        doc_number=back(doc.doc_number, lo, hi),
        sections=tuple(map(section, doc.sections)),
        findings=tuple(map(finding, doc.findings)),
    )


def _wrapped_by(doc: Document, notice: Document, index: int) -> Document:
    """The plan a notice wraps: linked to it, issued with its date, issuer and 文号 when it names none."""
    return replace(
        doc,
        parent=index,
        date=doc.date or notice.date,
        issuer=doc.issuer or notice.issuer,
        doc_number=doc.doc_number or notice.doc_number,
    )


__all__ = ["Candidate", "as_written", "candidate_levels", "segment", "text_to_candidates"]
