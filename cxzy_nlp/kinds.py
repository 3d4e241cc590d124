"""Document kinds: what a document is (实施方案, 通知, 申报书 form, 教学日历 …) and the evidence for it.

The kind comes from the strongest cue there is, in this order: the 文种 word its title ends with
(:func:`~cxzy_nlp.doctitle.title_kind`), the words of its opening or its close (``特此通知``,
``总结如下``, a 主送机关 line ``各…：``), its opening's 文种 word (``特制定此方案``), then its layout
(many table rows with a box to sign: a form), then the words of its headings (weak evidence). No cue: the contract's ``other``, with :data:`NO_CUE` as its
evidence. A "title" that is a sentence of the body, or whose 文种 word is only inside a cited 《…》, names no kind.

Within its kind a document may take another profile (:func:`kind_profile`): a personal 总结, a project's
summary, a software plan, a report that is no 公文 keep their ``doc_type`` but are not asked for a
department's parts or GB/T 9704 numbering. Ids, their words and these choices are data (``doc_types`` and
``kind_cues`` of ``data/taxonomy.yaml``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Protocol

from .doctitle import is_sentence, quoted_only, title_kind
from .headings import taxonomy
from .model import Block
from .zones import is_sign_box, menu_end, squeezed

ACTIVITY_REACH = (
    600  # an organiser (主办单位) named this soon after an untitled plan's opening makes it an activity plan
)
_ADDRESSEE = re.compile(r"(?m)^[ \t]*各[^\n，。；]{1,60}[：:][ \t]*$")
ADDRESSEE_REACH = 400  # the 主送机关 line comes within this many characters of the start
BODY_HEAD = 300  # characters of an untitled document's opening read for its kind words
BODY_TAIL = 400  # ... and of its close
FORM_MIN_ROWS = 8  # table rows that, with a box to sign, make an untitled document a form
FIRST_PERSON_MIN = 5  # 我 (alone) at least this often ...
FIRST_PERSON_PER_MILLE = 2.0  # ... and this often per thousand characters: the writer is the subject
TECHNICAL_MIN_HITS = 15  # technical words at least this often ...
TECHNICAL_MIN_WORDS = 4  # ... at least this many different ones ...
TECHNICAL_RATIO = 3  # ... and this many times the 公文 words
TECHNICAL_MIN_WORDS_DENSE = 3  # a short note: this many different technical words ...
TECHNICAL_PER_MILLE = 6  # ... at least this often per thousand characters
STACKED_REACH = 400  # characters of an untitled document's cover read for a title set one character a line
WEAK = "（证据弱）"  # evidence that keeps the kind for the record but not its rules
WEAK_EVIDENCE = f"正文开头的文种词{WEAK}"
OTHER = "other"  # the contract's kind when no cue names one
NO_CUE = "标题、正文和版式都未指明文种"
KindEvidence = tuple[str | None, str | None]


class LineLike(Protocol):
    """A line of the text with the block it came from (the segmenter's and the zoner's lines)."""

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...

    @property
    def block(self) -> Block: ...


def document_kind(
    text: str,
    span: tuple[int, int],
    title: str | None,
    meta_end: int,
    lines: Sequence[LineLike],
    *,
    found_kind: str | None = None,
    wraps_next: bool = False,
    headings: Sequence[str] = (),
    file_name: str | None = None,
) -> KindEvidence:
    """The document's kind and the evidence for it: the title's 文种, then the body's words, then its layout.

    ``found_kind``: the kind the title finder read off the title line (it may see a compilation's inner
    title); ``wraps_next``: the document is a 关于印发 notice whose plan follows as a document of its own;
    ``headings``: the texts of its headings, a late cue (weak evidence) when nothing else names a kind;
    ``file_name``: the name of the file when the document is the file's only one (个人总结-张三.docx): the sender's
    label for it, read (weak evidence) only when the title, the body and the layout name no kind.
    """
    start, end = span
    below = _title_below_addressee(text, start, end, title) if title else None
    if below is not None:
        meta_end = min(meta_end, below)  # the opening ends where that part begins
    elif title and not is_sentence(title):
        named = title_kind(title, unwrap=not wraps_next)
        if named is not None and not quoted_only(title, named[1]):
            kind, word = named
            late = late_title_kind(title)
            if late is not None and not wraps_next:
                return late[0], f"标题“{late[1]}”"
            if found_kind and not wraps_next and found_kind != kind:
                return found_kind, f"标题文种“{word}”"
            return kind, f"标题文种“{word}”"
    found = body_kind(text, start, end, meta_end)
    if found is not None:
        return found
    weak = weak_title_kind(title) if title and not is_sentence(title) else None
    if weak is not None:
        return weak[0], f"标题“{weak[1]}”{WEAK}"
    if form_layout(text, span, lines):
        return "application_form", "版式：多行表格栏目（填表、签字盖章）"
    if filling_prompts(text, start, end, lines):
        return "application_form", "栏目多处填写字数提示（不超过…字）"
    by_headings = heading_kind(headings)
    if by_headings is not None:
        return by_headings[0], f"章节标题“{'”“'.join(by_headings[1])}”{WEAK}"
    by_name = file_name_kind(file_name) if file_name else None
    if by_name is not None:
        return by_name[0], f"文件名“{by_name[1]}”{WEAK}"
    if (
        _untitled(text, start, end, title)
        and retrospective_body(text, start, end)
        and not names_another_kind(text, start, end)
    ):
        return "work_summary", f"正文回顾已做的工作（…了、今后的工作中）{WEAK}"
    return OTHER, NO_CUE


_NAME_PARTS = re.compile(r"[-_—－–\s（）()【】\[\]]+")
_NAME_PREFIX = re.compile(r"^(?:(?:附件|附表|附录)[ \t]*\d{0,2}[ \t]*[：:.、．]?|\d{1,2}[ \t]*[：:.、．])")


def file_name_kind(name: str) -> tuple[str, str] | None:
    """The kind a file's name gives (``年终总结.docx``, ``个人总结-张三.doc``, ``附件2：项目申报书.doc``), and the part
    of the name that gives it: a part (split at dashes, underscores, brackets, spaces; the folders, the extension and
    an 附件 number dropped) that ends with a 文种 word. A person's name, a date or a number (``张三.doc``,
    ``rd011.docx``) gives none."""
    stem = name.replace("\\", "/").rsplit("/", 1)[-1]
    stem = stem.rsplit(".", 1)[0] if "." in stem else stem
    for part in _NAME_PARTS.split(stem):
        part = _NAME_PREFIX.sub("", part)
        if len(part) < 2 or is_sentence(part):
            continue
        named = title_kind(part, unwrap=False)
        if named is not None and part.endswith(named[1]):
            late = late_title_kind(part)
            return (late[0], part) if late is not None else (named[0], part)
    return None


MENU_REACH = 400  # characters at a document's start where a web page's menu may be


def _untitled(text: str, start: int, end: int, title: str | None) -> bool:
    """No title, or only the first item of a web page's menu taken for one (a title naming no kind, 心得体会, is
    the writer's: the body does not overrule it)."""
    if not title:
        return True
    raw = text[start : min(end, start + MENU_REACH)].split("\n")
    return any(squeezed(line) == squeezed(title) for line in raw[: menu_end(raw)])


PROMPTS_MIN = 2  # a template's prompts of how much to write (不超过200字, 1000字左右): the document is a form to fill
_WORD_LIMIT = re.compile(r"(?:不超过|不少于|不多于|少于|限)[ \t]*\d+[ \t]*字|\d+[ \t]*字(?:以内|以上|左右)")
FIELD_LABEL_MAX = 30  # characters of a field's label before its prompt (团队组建与分工情况（不超过300字）)
# a prompt in brackets that closes its line or cell: the field's label, then how much to write in it
_FIELD_PROMPT = re.compile(rf"^[^。；;！？\n]{{0,{FIELD_LABEL_MAX}}}[（(][^（）()\n]{{0,12}}$")


def filling_prompts(text: str, start: int, end: int, lines: Sequence[LineLike] = ()) -> bool:
    """Whether a document with no other cue prompts its writer how much to write in several of its fields: a form.

    A prompt counts where a form puts it: in brackets closing a field's label, a line or a cell of its own
    (``团队组建与分工情况（不超过300字）``), or anywhere in a table's cell. A limit stated in a sentence (a call for
    essays: ``字数不少于1500字，体裁不限``) or in brackets inside one (``作品简介（300字以内）和照片…``) sets a rule for
    what is sent, not a field to fill."""
    rows = [(ln.start, ln.end) for ln in lines if start <= ln.start < end and ln.block.kind == "table_row"]
    found = 0
    for m in _WORD_LIMIT.finditer(text, start, end):
        in_row = any(lo <= m.start() < hi for lo, hi in rows)
        line_start = max(text.rfind("\n", start, m.start()) + 1, text.rfind("\t", start, m.start()) + 1, start)
        stop = re.compile(r"[\n\t]").search(text, m.end(), end)
        after = text[m.end() : stop.start() if stop else end].strip(" ：:")
        closed = after in ("）", ")")
        found += in_row or (closed and _FIELD_PROMPT.match(text[line_start : m.start()]) is not None)
    return found >= PROMPTS_MIN


DONE_MIN = 5  # aspect 了 (做了, 完成了) at least this often ...
DONE_PER_MILLE = 5.0  # ... and this often per thousand characters: the text tells of work done
_DONE = re.compile(r"(?<![为除])了(?![解然])")  # not 为了, 除了, 了解, 了然
# a summary's close looks ahead (在今后的工作中, 下一步, 新的一年里)
_LOOKS_AHEAD = re.compile(r"(?:今后|以后)的?[\u4e00-\u9fff]{0,6}工作中|下一步|新的一年")


def retrospective_body(text: str, start: int, end: int) -> bool:
    """An untitled text that tells of work done (aspect 了, often), in its writer's voice (我) or closing with a
    look ahead (今后的工作中): a 总结 whose title was not kept (weak evidence)."""
    body = text[start:end]
    done = len(_DONE.findall(body))
    if done < DONE_MIN or done * 1000 < DONE_PER_MILLE * max(len(body), 1):
        return False
    tail = text[max(start, end - BODY_TAIL) : end]
    return first_person_body(text, (start, end)) or _LOOKS_AHEAD.search(tail) is not None


# the words by which a text of work done shows it is some other kind: it names itself a notice, a plan or a
# schedule (本通知, 此方案, 计划如下), a meeting is its subject (会议指出, 会议听取了, 这次会议: a record of one or a
# speech at one), or it is a news story (记者, 据悉). A meeting held or a plan made that a 总结 tells of (召开党员大会
# 3次, 制定了实施方案) is no such word.
_OTHER_KIND = re.compile(
    r"(?:本|此)(?:通知|方案|计划|规划|纪要)|(?:通知|方案|计划)如下"
    r"|(?:会议|大会)(?:指出|强调|要求|认为|决定|听取|研究|讨论|审议|通过|明确|议定|同意|提出)"
    r"|(?:本次|这次|此次|今天的?)(?:会议|大会)|记者|据悉"
)


def names_another_kind(text: str, start: int, end: int) -> bool:
    """Whether an untitled account of work done shows it is another kind (本方案, 会议指出, 这次会议, 记者): then the
    account is no evidence of a 总结, and the document stays unkinded."""
    return _OTHER_KIND.search(text, start, end) is not None


HEADING_KIND_MIN = 2  # different heading words of one kind (存在问题, 下一步) that tell an unkinded document's kind
_HEADING_TAIL = re.compile(r"[：:。.，,；;\s]+$")


def _names(heading: str, word: str) -> bool:
    """Whether a heading is named by a heading word: a short word (目标, 输入) only as the whole heading, a word of
    three characters also at its start (下一步打算), a longer one anywhere (二〇二四年存在的问题)."""
    return heading == word or (len(word) >= 3 and heading.startswith(word)) or (len(word) >= 4 and word in heading)


def heading_kind(headings: Sequence[str]) -> tuple[str, list[str]] | None:
    """The kind the headings of a document with no other cue tell (工作完成情况, 存在问题 → a summary), and the
    words: at least ``HEADING_KIND_MIN`` different ``heading_words`` of one kind, more than of any other."""
    bare = [_HEADING_TAIL.sub("", h.strip()) for h in headings]
    hits: dict[str, list[str]] = {}
    for kind, spec in taxonomy()["doc_types"].items():
        words = [w for w in spec.get("heading_words", []) if any(_names(h, w) for h in bare)]
        hits[kind] = [w for w in words if not any(w != x and w in x for x in words)]  # 存在问题 within 存在的问题
    ranked = sorted(hits.items(), key=lambda kv: len(kv[1]), reverse=True)
    if not ranked or len(ranked[0][1]) < HEADING_KIND_MIN:
        return None
    if len(ranked) > 1 and len(ranked[1][1]) == len(ranked[0][1]):
        return None
    return ranked[0]


def _title_below_addressee(text: str, start: int, end: int, title: str) -> int | None:
    """Where the "title" is when it comes after the document's 主送 line (各…：): it heads a part of the body
    (a 纪要 appended to a notice), and the document's kind is read from its own opening."""
    m = _ADDRESSEE.search(text, start, min(end, start + ADDRESSEE_REACH))
    if m is None or text.find(title, start, m.start()) >= 0:
        return None
    at = text.find(title, m.end(), end)
    return at if at >= 0 else None


def body_kind(text: str, start: int, end: int, meta_end: int) -> tuple[str, str] | None:
    """The kind of an untitled document from the words of its opening or its close (``特此通知``)."""
    head = text[start : max(meta_end, min(end, start + BODY_HEAD))]
    tail = text[max(start, end - BODY_TAIL) : end]
    for kind, spec in taxonomy()["doc_types"].items():
        for word in spec.get("body_words", []):
            if said(head, word) or said(tail, word):
                return kind, f"正文“{word}”"
    record = record_header(text, start, end)
    if record is not None:
        return record
    plan = opening_kind(text, start, max(meta_end, min(end, start + BODY_HEAD)))
    if plan is not None:
        return plan, "正文开头的文种句"
    staged = stage_kind(text, start, end)
    if staged is not None:
        return staged
    stacked = stacked_title_kind(text, start, min(end, start + STACKED_REACH))
    if stacked is not None:
        return stacked[0], f"封面逐字标题“{stacked[1]}”"
    m = _ADDRESSEE.search(text, start, min(end, start + ADDRESSEE_REACH))
    if m is not None:
        return "notice", f"主送机关“{m.group(0).strip()[:12]}”"  # an untitled 公文 sent to 各…： is a notice
    weak = opening_word_kind(text, start, meta_end)
    if weak is not None:
        return weak, WEAK_EVIDENCE
    return None


def said(part: str, word: str) -> bool:
    """Whether the text says ``word`` in its own voice: not only inside a quotation (我：“谢谢各位评委！”)."""
    at = part.find(word)
    while at >= 0:
        line_start = part.rfind("\n", 0, at) + 1
        before = part[line_start:at]
        if before.count("“") <= before.count("”") and before.count("「") <= before.count("」"):
            return True
        at = part.find(word, at + 1)
    return False


RECORD_HEAD_LINES = 6  # lines at a record's head that hold its fields (时间：… 地点：… 成员：…)
_FIELD_LINE = re.compile(r"^[ \t]*(?P<name>[\u4e00-\u9fff]{1,6})[ \t]*[：:][ \t]*\S")


def record_header(text: str, start: int, end: int) -> tuple[str, str] | None:
    """A document that opens with the fields of a record of an event, when, where and who (时间：/地点：/成员：):
    its kind is the one whose ``record_fields`` those are (minutes)."""
    rows = [ln for ln in text[start:end].split("\n", 2 * RECORD_HEAD_LINES) if ln.strip()][:RECORD_HEAD_LINES]
    names = [m.group("name") for m in map(_FIELD_LINE.match, rows) if m]
    if not rows or not _FIELD_LINE.match(rows[0]):
        return None  # the record opens with its fields
    for kind, spec in taxonomy()["doc_types"].items():
        fields = spec.get("record_fields")
        if fields and all(any(n in fields[part] for n in names) for part in ("when", "where", "who")):
            return kind, f"正文开头的记录栏目（{'、'.join(names[:3])}）"
    return None


STAGES_MIN = 3  # stage headings (阶段一、 阶段二、 阶段三、) that lay a document out as a schedule
_STAGE_LINE = re.compile(
    r"(?m)^[ \t]*(?:阶段[一二三四五六七八九十\d]{1,3}|第[一二三四五六七八九十\d]{1,3}阶段)(?:[、：:．.]|[ \t]+)"
)


def stage_kind(text: str, start: int, end: int) -> tuple[str, str] | None:
    """An untitled document laid out in stages (``阶段一、数据爬取`` … ``阶段三、…``): a plan of work by stages."""
    if len(_STAGE_LINE.findall(text, start, end)) < STAGES_MIN:
        return None
    for kind, spec in taxonomy()["doc_types"].items():
        if spec.get("stage_kind"):
            return kind, f"正文分阶段（阶段一、阶段二…）{WEAK}"
    return None


def weak_title_kind(title: str) -> tuple[str, str] | None:
    """The kind a first line ending with a ``weak_title_words`` word gives a document (两周任务), and the word."""
    bare = _TITLE_TAIL.sub("", title.rstrip(" \t"))
    best: tuple[str, str] | None = None
    for kind, spec in taxonomy()["doc_types"].items():
        for word in spec.get("weak_title_words", []):
            if bare.endswith(word) and (best is None or len(word) > len(best[1])):
                best = (kind, word)
    return best


def stacked_title_kind(text: str, start: int, end: int) -> tuple[str, str] | None:
    """A cover title set one character a line between other cover lines (策 / 队长：… / 划 / … / 书): kind, 文种."""
    chars = "".join(ln.strip() for ln in text[start:end].split("\n") if len(ln.strip()) == 1)
    for width in range(2, min(len(chars), 6) + 1):
        found = title_kind(chars[-width:]) if width <= len(chars) else None
        if found is not None and chars.endswith(found[1]) and len(found[1]) >= 2:
            return found
    return None


def opening_word_kind(text: str, start: int, end: int) -> str | None:
    """A 文种 word alone in the opening (weak evidence: the kind is kept, its profile is the default's).

    A word that is part of a name says nothing of the kind: ``训练计划项目`` names a programme (the word runs on
    into a name's head, :data:`_NAME_RUN_ON`); ``创业计划书`` is a ``late_title_words`` compound, whose kind it gives.
    """
    head = _CONTENTS_ENTRY.sub("", text[start:end])  # a contents page's entries (5.2 进度计划表<tab>14) name parts
    compounds = _late_compounds()
    for word, type_id in (("总结", "work_summary"), ("方案", "implementation_plan"), ("计划", "work_schedule")):
        for m in re.finditer(word, head):
            compound = next((c for c, at in _compounds_at(head, m.start(), compounds)), None)
            if compound is not None:
                return compounds[compound]
            if _NAME_RUN_ON.match(head, m.end()):
                continue
            if type_id == "implementation_plan" and names_an_activity(text, start, end):
                return "activity_plan"
            return type_id
    return None


_CONTENTS_ENTRY = re.compile(r"(?m)^[^\n]*?(?:\t|[.…·]{2,})[ \t]*\d{1,3}[ \t]*$")
_NAME_RUN_ON = re.compile(r"项目|专项|课题|基金|资助|大赛|竞赛")  # 训练计划项目, 行动计划专项: a name, not the kind


@lru_cache(maxsize=1)
def _late_compounds() -> dict[str, str]:
    """``late_title_words`` that hold a 文种 word (创业计划书 → other), longest first."""
    words = {w: k for k, spec in taxonomy()["doc_types"].items() for w in spec.get("late_title_words", [])}
    return dict(sorted(words.items(), key=lambda kv: -len(kv[0])))


def _compounds_at(head: str, pos: int, compounds: dict[str, str]) -> list[tuple[str, int]]:
    """The compounds that cover the character at ``pos`` of ``head``."""
    out = []
    for c in compounds:
        lo = max(0, pos - len(c) + 1)
        at = head.find(c, lo, pos + len(c))
        if 0 <= at <= pos:
            out.append((c, at))
    return out


_OPENING_KIND = re.compile(
    r"(?:(?:特|现)(?:制定|制订|拟定|拟订)(?:本|此|如下|以下)?|(?:制定|制订|拟定|拟订)(?:本|此|如下|以下))"
    r"[^。，；\n]{0,12}?(?P<a>方案|计划|规划)|(?P<b>方案|计划|总结)如下"
)
_OPENING_TYPES = {
    "方案": "implementation_plan",
    "计划": "work_schedule",
    "规划": "work_schedule",
    "总结": "work_summary",
}


def opening_kind(text: str, start: int, end: int) -> str | None:
    """The kind of an untitled document from its opening words (``特制定此方案``, ``现总结如下``).

    A 文种 word alone in the opening (``工作计划：``, a meeting report's ``总结``) is no evidence: only the
    sentence that says the document is one counts.
    """
    m = _OPENING_KIND.search(text, start, end)
    if m is None:
        return None
    type_id = _OPENING_TYPES[m.group("a") or m.group("b")]
    if type_id == "implementation_plan" and names_an_activity(text, start, end):
        return "activity_plan"
    return type_id


def names_an_activity(text: str, start: int, end: int) -> bool:
    """An activity word in the opening, or an organiser (主办单位) soon after it."""
    tax = taxonomy()
    head = text[start:end]
    if any(w in head for w in tax.get("activity_title_words", [])):
        return True
    near = text[start : end + ACTIVITY_REACH]
    return any(w in near for w in tax.get("activity_body_words", []))


def form_layout(text: str, span: tuple[int, int], lines: Sequence[LineLike]) -> bool:
    """Many table rows with fields to fill or sign: a form."""
    start, end = span
    rows = [ln for ln in lines if start <= ln.start < end and ln.block.kind == "table_row"]
    if len(rows) < FORM_MIN_ROWS:
        return False
    signs = sum(1 for ln in rows if is_sign_box(text[ln.start : ln.end]) or "签字" in text[ln.start : ln.end])
    return signs >= 1 and len(rows) * 3 >= sum(1 for ln in lines if start <= ln.start < end)


def late_title_kind(title: str) -> tuple[str, str] | None:
    """The kind a title ending with a ``late_title_words`` word moves its document to (…立项表, 审计报告), and the word."""
    bare = _TITLE_TAIL.sub("", title.rstrip(" \t"))
    best: tuple[str, str] | None = None
    for kind, spec in taxonomy()["doc_types"].items():
        for word in spec.get("late_title_words", []):
            if bare.endswith(word) and (best is None or len(word) > len(best[1])):
                best = (kind, word)
    return best


_TITLE_TAIL = re.compile(r"(?:[（(][^（）()]{1,20}[）)]|\s+)+$")  # （草案）, （2024年）


def kind_profile(
    text: str, span: tuple[int, int], kind: str | None, title: str | None, evidence: str | None = None
) -> tuple[str | None, str | None]:
    """The profile a reviewer applies to the document within its kind, and what was recognised (Chinese).

    A personal 总结 or 心得, a project's summary, a software plan, a company's or a student's 报告: each is
    of its kind (the contract's ``doc_type``) but not asked for what a department's 公文 is. The choices
    are ``profiles`` of the kind in ``doc_types`` of ``data/taxonomy.yaml``; ``(None, None)``: the kind's own.
    A kind read from weak evidence (a lone 文种 word of the opening, a first line ending in 任务, stage headings:
    ``evidence`` ends with :data:`WEAK`) is kept for the
    record; a body cue may still choose a profile within it (a software plan), else only the kind-agnostic
    rules run.
    """
    if evidence and evidence.endswith(WEAK):
        for choice in taxonomy()["doc_types"].get(kind or "", {}).get("profiles", []):
            cue = choice.get("body")
            if cue and _BODY_CUES[cue](text, span, None):
                return choice["profile"], f"{choice['zh']}（{_CUE_NAMES[cue]}）"
        return "default", "只查通用项"
    if kind is None or evidence == NO_CUE:
        if title and (is_sentence(title) or _cites_only(title)):
            return "default", "标题是正文句子或只引文件名，不据以定文种"  # not the profile its words would name
        return None, None
    usable = title if title and not is_sentence(title) else None
    for choice in taxonomy()["doc_types"].get(kind, {}).get("profiles", []):
        pattern = choice.get("title")
        if usable and pattern and re.search(pattern, _TITLE_TAIL.sub("", usable)):
            return choice["profile"], f"{choice['zh']}（标题）"
        cue = choice.get("body")
        if cue and _BODY_CUES[cue](text, span, usable):
            return choice["profile"], f"{choice['zh']}（{_CUE_NAMES[cue]}）"
    return None, None


def _cites_only(title: str) -> bool:
    named = title_kind(title)
    return named is not None and quoted_only(title, named[1])


def technical_body(text: str, span: tuple[int, int], title: str | None = None) -> bool:
    """A software or engineering document: its technical words are many (or dense), varied and far more than its
    公文 words."""
    body = text[span[0] : span[1]]
    cues = taxonomy().get("kind_cues", {})
    tech = {w: body.count(w) for w in cues.get("technical_words", [])}
    official = sum(body.count(w) for w in cues.get("official_words", []))
    hits = sum(tech.values())
    varied = sum(1 for n in tech.values() if n)
    if hits < TECHNICAL_RATIO * official or varied < TECHNICAL_MIN_WORDS_DENSE:
        return False
    many = hits >= TECHNICAL_MIN_HITS and varied >= TECHNICAL_MIN_WORDS
    dense = hits >= TECHNICAL_MIN_WORDS_DENSE + 1 and hits * 1000 >= TECHNICAL_PER_MILLE * max(len(body), 1)
    return many or dense


def first_person_body(text: str, span: tuple[int, int], title: str | None = None) -> bool:
    """A writer speaking of themself (我, not 我们/我校/我局…) often enough to be the subject of the document."""
    body = text[span[0] : span[1]]
    singular = len(_first_person_re().findall(body))
    per_mille = singular * 1000 / max(len(body), 1)
    return singular >= FIRST_PERSON_MIN and per_mille >= FIRST_PERSON_PER_MILLE


@lru_cache(maxsize=1)
def _first_person_re() -> re.Pattern[str]:
    return re.compile(rf"我(?!{taxonomy().get('kind_cues', {}).get('first_person_not', '们')})")


# A 主送机关 line (县委、县政府：); not an audience (各位代表：), a numbered heading or a field label (调研时间：).
_REPORT_ADDRESSEE = re.compile(
    r"(?m)^[ \t]*(?!各位|尊敬|[一二三四五六七八九十\d（(第])(?![^\n]*(?:时间|地点|对象|人员|摘要|关键词|目录))"
    r"[^\n，。；：:、]{2,20}(?:、[^\n，。；：:、]{2,20})*[：:][ \t]*$"
)


def unaddressed_body(text: str, span: tuple[int, int], title: str | None = None) -> bool:
    """A report that is no 公文: no ``关于…的报告`` title, no 主送机关 line at its head, no ``特此报告`` closing."""
    if title and "关于" in title:
        return False
    start, end = span
    if _REPORT_ADDRESSEE.search(text, start, min(end, start + ADDRESSEE_REACH)):
        return False
    tail = text[max(start, end - BODY_TAIL) : end]
    head = text[start : min(end, start + ADDRESSEE_REACH)]
    return not any(w in head or w in tail for w in taxonomy().get("kind_cues", {}).get("report_closings", []))


_BODY_CUES = {"technical": technical_body, "first_person": first_person_body, "unaddressed": unaddressed_body}
_CUE_NAMES = {"technical": "正文多技术词", "first_person": "正文第一人称", "unaddressed": "无主送机关、非“关于…的报告”"}


def is_form(kind: str | None) -> bool:
    """Whether documents of this kind are forms (cover, fields, 审核意见 boxes)."""
    return bool(kind and taxonomy()["doc_types"].get(kind, {}).get("form"))


def is_official(kind: str | None) -> bool:
    """Whether documents of this kind are 公文 (通知, 通报, 意见, 批复/函, 纪要): a 版头 above the title."""
    return bool(kind and taxonomy()["doc_types"].get(kind, {}).get("official"))


@lru_cache(maxsize=1)
def plan_types() -> frozenset[str]:
    """The kinds that are plans (a 关于印发 notice wrapping one gives it the plan's kind)."""
    return frozenset(k for k, v in taxonomy()["doc_types"].items() if v.get("plan"))


__all__ = [
    "NO_CUE",
    "OTHER",
    "KindEvidence",
    "LineLike",
    "body_kind",
    "document_kind",
    "file_name_kind",
    "filling_prompts",
    "first_person_body",
    "form_layout",
    "heading_kind",
    "is_form",
    "is_official",
    "kind_profile",
    "late_title_kind",
    "names_an_activity",
    "names_another_kind",
    "opening_kind",
    "opening_word_kind",
    "plan_types",
    "record_header",
    "retrospective_body",
    "said",
    "stacked_title_kind",
    "stage_kind",
    "technical_body",
    "unaddressed_body",
    "weak_title_kind",
]
