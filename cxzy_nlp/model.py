"""Frozen dataclasses passed between stages.

Every element that points into text carries a ``span``: a half-open ``(start, end)``
range of character offsets into the *normalised* text of its file
(:attr:`NormalText.text`). Untyped dicts only appear at the JSON boundary
(:mod:`cxzy_nlp.jsonio`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, get_args

Span = tuple[int, int]
Severity = Literal["error", "warn", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warn", "info")


@dataclass(frozen=True)
class Location:
    """Where an element sits in the source, as a reviewer finds it (computed by :mod:`cxzy_nlp.locate`).

    ``page`` is 1-based (PDF, and text saved with page breaks); ``paragraph`` is the 1-based index
    of non-empty body paragraphs of a Word file in document order, each non-empty table cell
    counted once, headers, footers and text boxes excluded; ``line`` is the 1-based line of a
    plain-text file (of the extracted text for HTML and RTF). ``section_number`` joins the
    numbers of the enclosing sections, outermost first ("二、（三）").
    """

    page: int | None = None
    paragraph: int | None = None
    line: int | None = None
    section_number: str | None = None
    section_heading: str | None = None


Place = tuple[int, Location]  # where a run of the normalised text starts (a block, a table cell) and its location


# ---------------------------------------------------------------- read


@dataclass(frozen=True)
class Block:
    """One unit of source text as a person sees it: a paragraph, a table row, a PDF line group.

    ``text`` is what is displayed, *including* a rendered Word automatic number
    (``auto_number`` repeats that label so the segmenter knows it came from numbering).
    Cues are ``None`` when the format does not say.
    """

    text: str
    kind: Literal["paragraph", "table_row", "title", "caption"] = "paragraph"
    page: int | None = None  # 1-based page (PDF), None where the format has no pages
    # 0-based index in the source: Word, of non-empty body paragraphs and table cells (a row: its first
    # non-empty cell; text boxes: the paragraph before); text, the line; other formats, the block
    paragraph: int = 0
    auto_number: str | None = None  # Word list label rendered from numbering.xml, e.g. "一、"
    style: str | None = None  # paragraph style name (e.g. "Heading 1", "标题 2")
    outline_level: int | None = None  # 0-based outline level from style or w:outlineLvl
    bold: bool | None = None  # all visible text bold
    font_size: float | None = None  # points, dominant size
    centered: bool | None = None
    ocr: bool = False  # text recognised from a page image (a PDF page without a text layer)
    ocr_confidence: float | None = None  # the lowest line confidence of an OCR block, 0..1


@dataclass(frozen=True)
class SourceInfo:
    path: str
    format: str  # sniffed format id: docx, doc, wps, pdf, txt, md, rtf, html, mht
    sha256: str
    size: int
    pages: int | None = None


@dataclass(frozen=True)
class Problem:
    """A non-fatal reading problem (text partly unreadable, pages without a text layer).

    It becomes a finding of the rule with the same id (``unreadable-text``,
    ``no-text-layer``) so reviewers know what could not be read.
    """

    code: str
    message: str
    pages: tuple[int, ...] = ()
    share: float | None = None  # fraction of characters affected, 0..1


@dataclass(frozen=True)
class ReadResult:
    source: SourceInfo
    blocks: tuple[Block, ...]
    problems: tuple[Problem, ...] = ()
    title: str | None = None  # document metadata title, when the format has one


# ---------------------------------------------------------------- normalise


@dataclass(frozen=True)
class BlockSpan:
    """Where one source block landed in the normalised text."""

    start: int
    end: int
    block: Block


@dataclass(frozen=True)
class NormalText:
    """The normalised text of one file and the map back to its source blocks.

    Blocks are joined with ``"\\n"``; ``blocks[i]`` covers ``text[start:end]``.
    """

    text: str
    blocks: tuple[BlockSpan, ...]

    def block_at(self, offset: int) -> BlockSpan | None:
        """The block holding ``offset`` (binary search), or None between blocks."""
        lo, hi = 0, len(self.blocks)
        while lo < hi:
            mid = (lo + hi) // 2
            bs = self.blocks[mid]
            if offset < bs.start:
                hi = mid
            elif offset >= bs.end:
                lo = mid + 1
            else:
                return bs
        return None

    def location(self, offset: int) -> tuple[int | None, int | None]:
        """(page, paragraph) of the source block holding ``offset``."""
        bs = self.block_at(offset)
        if bs is None:
            return (None, None)
        return (bs.block.page, bs.block.paragraph)


# ---------------------------------------------------------------- segment / classify


@dataclass(frozen=True)
class Section:
    id: str  # "s1", "s2", ... unique within a document, in reading order
    number: str  # the marker as written: "一、", "（一）", "1.", "" when unnumbered
    heading: str  # heading text without the marker
    level: int  # 1 = top level of this document
    span: Span  # whole section including heading and children
    heading_span: Span
    children: tuple[Section, ...] = ()
    labels: tuple[str, ...] = ()  # canonical section ids of the taxonomy
    label_confidence: float | None = None
    label_source: Literal["rule", "model", "none"] = "none"
    location: Location | None = None  # of the heading

    def walk(self) -> tuple[Section, ...]:
        """This section and all its descendants, in reading order."""
        out: list[Section] = [self]
        for child in self.children:
            out.extend(child.walk())
        return tuple(out)

    @property
    def body_span(self) -> Span:
        """Text after the heading (children included)."""
        return (self.heading_span[1], self.span[1])


# ---------------------------------------------------------------- extract


@dataclass(frozen=True)
class DateMention:
    """One time expression as written, with the ISO dates it stands for when known."""

    text: str
    span: Span
    start: str | None
    end: str | None
    kind: str  # "day" | "month" | "year" | "part" | "range" | "festival" | "duration"
    valid: bool = True
    note: str | None = None  # Chinese: why invalid, or how the year was inferred
    year_inferred: bool = False
    styles: tuple[str, ...] = ()  # non-standard written forms: "cn-year", "dotted", "padded"
    stated: tuple[int, str] | None = None  # a length stated after a range of days: (30, "天")
    stated_span: Span | None = None  # the range with its stated length (6月1日至30日，共30天)

    @property
    def is_deadline(self) -> bool:
        return self.start is None and self.end is not None


@dataclass(frozen=True)
class AnniversaryMention:
    """``建党100周年``: an Nth anniversary named in the text and the years it falls in (base + N)."""

    text: str
    span: Span
    event: str  # the event's name in data/era.yaml (建党, 新中国成立…)
    base: int  # the year of the event
    years: tuple[int, ...]  # one per number written (建党89、90周年 → 2010, 2011)


@dataclass(frozen=True)
class TotalCheck:
    """A 合计/总计 as written and the sum of the items it closes (a table column or an inline list)."""

    label: str  # 合计, 总计, 共计, 小计 as written
    total: float
    items_sum: float
    items: int  # how many items were added
    unit: str  # 元, 万元, 人… as written ("" in a table column whose cells carry no unit)
    span: Span  # the total's line (table) or figure (inline)
    items_span: Span  # from the first item to the last
    column: str | None = None  # the column's header, in a table


@dataclass(frozen=True)
class CountMention:
    """A whole counted once (全镇共有11个行政村, 涉及村数：22): the counted noun, the figure, where."""

    noun: str
    value: int
    span: Span
    text: str  # as written
    in_table: bool = False


@dataclass(frozen=True)
class WeekdayMention:
    """A date written with its weekday (2024年5月1日（星期三）), the weekday written and the real one (0 = Monday)."""

    text: str
    span: Span
    date: str  # ISO
    written: int
    actual: int
    year_inferred: bool = False


@dataclass(frozen=True)
class GroupMention:
    """A body set up for the work (成立…领导小组, …指挥部), its full name and the topic its name states."""

    name: str  # 青溪县食品安全专项整治工作领导小组
    topic: str  # 食品安全专项整治 (place, year and generic words taken off)
    span: Span


@dataclass(frozen=True)
class Quantities:
    """Figures and names the checks compare: totals against their items, counts of a whole, weekdays, dates
    missing 月, and the bodies a plan sets up against its own topic."""

    totals: tuple[TotalCheck, ...] = ()
    counts: tuple[CountMention, ...] = ()
    weekdays: tuple[WeekdayMention, ...] = ()
    misdated: tuple[tuple[Span, str], ...] = ()  # 11年24日: a 年 then a 日 with no 月 (span, text)
    groups: tuple[GroupMention, ...] = ()  # 成立…领导小组: bodies named for the work
    title_topic: str = ""  # the title without place, year and kind words (社区服务提升)


@dataclass(frozen=True)
class YearClue:
    """One thing that tells a document's year: its title, 文号, 成文日期, dates in its text…"""

    year: int
    source: (
        str  # "title" | "number" | "date" | "signature" | "text-dates" | "anniversary" | "cited-number" | "text-years"
    )
    what: str  # Chinese, for messages: 标题中的2021年, 成文日期2021-06-01


@dataclass(frozen=True)
class DocNumberMention:
    """A 文号 written in the document, right or wrong, split into its parts."""

    text: str
    span: Span
    brackets: str  # "〔〕" when standard
    year: str  # as written: "2021" or "21"
    di: bool  # 第 before the sequence number
    seq: str  # as written: "9" or "009"


@dataclass(frozen=True)
class Target:
    """A measurable target of a goal: the figure, its unit as written, and the words it came from."""

    quantity: float
    unit: str
    text: str


@dataclass(frozen=True)
class Goal:
    text: str
    span: Span
    section: str | None
    measurable: bool
    indicators: tuple[str, ...] = ()
    deadline: str | None = None  # ISO date
    location: Location | None = None
    targets: tuple[Target, ...] = ()  # the indicators parsed: 500人次 → (500, "人次")
    aim: bool = False  # an aim of the opening or the 指导思想 (为…, 推动…), not a target to be measured


@dataclass(frozen=True)
class Activity:
    name: str
    text: str
    span: Span
    section: str | None
    when: str | None = None  # as written, or ISO range "2024-01-01/2024-03-31"
    start: str | None = None
    end: str | None = None
    owner: str | None = None
    participants: str | None = None
    location: Location | None = None
    where: str | None = None  # the place, as written (地点：…, a 地点 column, 在…举行)


@dataclass(frozen=True)
class Owner:
    """A unit or person the plan makes responsible, as named, with how it was found."""

    name: str
    span: Span
    how: Literal["column", "cue", "subject", "activity"] = "cue"


@dataclass(frozen=True)
class Period:
    start: str | None
    end: str | None
    span: Span | None = None
    source: Literal["stated", "derived"] = "stated"  # derived: from the phases, activities and deadlines


@dataclass(frozen=True)
class Phase:
    phase: str
    start: str | None
    end: str | None
    span: Span
    section: str | None = None


@dataclass(frozen=True)
class BudgetItem:
    purpose: str
    amount: float
    span: Span


@dataclass(frozen=True)
class Budget:
    total: float | None
    currency: str = "CNY"
    items: tuple[BudgetItem, ...] = ()
    span: Span | None = None
    items_sum: float | None = None
    adds_up: bool | None = None


@dataclass(frozen=True)
class Leader:
    role: str  # 组长 / 副组长 / 成员 / 办公室主任 ...
    name: str | None
    title: str | None
    span: Span


@dataclass(frozen=True)
class Reference:
    title: str | None
    doc_number: str | None
    span: Span


# ---------------------------------------------------------------- check


@dataclass(frozen=True)
class Fix:
    """A correction the rule is certain of: ``span`` of the normalised text is to read ``text``.

    ``also``: the same correction at further places, made together or not at all (every heading of a
    level renumbered, so the copy never mixes old and new numbers).
    """

    span: Span
    text: str
    also: tuple[Fix, ...] = ()

    def edits(self) -> tuple[Fix, ...]:
        """This edit and those of ``also``, in the order of the text."""
        return tuple(sorted((Fix(self.span, self.text), *self.also), key=lambda f: f.span))


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: Severity
    message: str  # Chinese; names the place and the fix
    span: Span | None = None
    section: str | None = None  # section id
    evidence: str | None = None  # the quoted text
    location: Location | None = None  # of the span, else of its section, else of its document
    fix: Fix | None = None  # a machine-applicable correction (cxzy annotate --fix writes it as a revision)


# ---------------------------------------------------------------- documents and files

ZoneKind = Literal[
    "cover",
    "contents",
    "form_notes",
    "form",
    "body",
    "attachment_list",
    "attachment",
    "signature",
    "approval",
    "furniture",
]
ZONE_KINDS: tuple[ZoneKind, ...] = get_args(ZoneKind)  # in reading order of a typical document


@dataclass(frozen=True)
class Zone:
    """A stretch of a document with one role: cover, contents, form fields and 填表说明, body, list of
    attachments, attachment, signature and approval (落款, 审核意见, 签字盖章), page furniture.

    Only body and attachment zones hold sections.
    """

    kind: ZoneKind
    span: Span


@dataclass(frozen=True)
class Document:
    """One plan (or notice, summary...) inside a file."""

    title: str | None
    span: Span
    doc_type: str | None = None  # taxonomy doc type id
    doc_type_evidence: str | None = None  # Chinese: why this kind (标题文种“实施方案”, 正文“特制定本方案”…)
    profile: str | None = None  # the built-in profile chosen within the kind (a personal 总结); None: the kind's own
    parent: int | None = None  # index of the document that wraps this one (the 关于印发…的通知 of a plan)
    zones: tuple[Zone, ...] = ()  # in text order, tiling the document
    title_span: Span | None = None
    issuer: str | None = None
    date: str | None = None  # ISO 成文日期
    doc_number: str | None = None
    year: int | None = None  # inferred document year
    year_reason: str | None = None  # why that year (Chinese, for messages)
    preface_span: Span | None = None  # text before the first section (notice, 前言)
    sections: tuple[Section, ...] = ()
    goals: tuple[Goal, ...] = ()
    activities: tuple[Activity, ...] = ()
    period: Period | None = None
    schedule: tuple[Phase, ...] = ()
    budget: Budget | None = None
    leaders: tuple[Leader, ...] = ()
    references: tuple[Reference, ...] = ()
    findings: tuple[Finding, ...] = ()
    # Facts extract works out for the checks (not part of the JSON contract):
    dates: tuple[DateMention, ...] = ()  # every time expression of the document, in order
    year_clues: tuple[YearClue, ...] = ()  # the document's own year clues (title, 文号, 成文日期)
    doc_numbers: tuple[DocNumberMention, ...] = ()  # every bracketed 文号 as written
    anniversaries: tuple[AnniversaryMention, ...] = ()  # N周年 of the events of data/era.yaml
    owners: tuple[Owner, ...] = ()  # units and persons made responsible (columns, 牵头…, subjects)
    owner_mentions: tuple[Span, ...] = ()  # words naming who is responsible (牵头, 责任单位, 由…组织)
    time_mentions: tuple[Span, ...] = ()  # words naming when (2024年, 6月底, 上旬, 国庆…)
    quantities: Quantities = Quantities()  # totals, counts, weekdays (cxzy_nlp.extract.quantities)

    def all_sections(self) -> tuple[Section, ...]:
        out: list[Section] = []
        for s in self.sections:
            out.extend(s.walk())
        return tuple(out)

    def section_by_id(self, sid: str) -> Section | None:
        for s in self.all_sections():
            if s.id == sid:
                return s
        return None


@dataclass(frozen=True)
class Analysis:
    """Everything known about one input file; one JSON record of the output contract."""

    source: SourceInfo
    text: str
    documents: tuple[Document, ...] = ()
    errors: tuple[dict[str, str], ...] = ()
    problems: tuple[Problem, ...] = ()
    places: tuple[Place, ...] = field(default=(), repr=False)  # the map back to the source (cxzy_nlp.locate)
    normal: NormalText | None = field(default=None, compare=False, repr=False)

    @property
    def ok(self) -> bool:
        return not self.errors
