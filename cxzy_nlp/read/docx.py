"""Word .docx: body paragraphs and tables in reading order, as Word shows them.

The package is opened through :mod:`cxzy_nlp.read.ooxml` (zip-bomb and DTD checks) and
``word/document.xml`` is walked with lxml directly, which is several times faster than
building python-docx objects. What a reader of the document sees is kept:

- paragraphs and table rows (one ``table_row`` block per row, cells joined by ``"\\t"``;
  a nested table is flattened into its cell, cells by spaces and rows by newlines);
- text in content controls (``w:sdt``), smart tags, hyperlinks, tracked insertions and
  field results; text boxes once each (the ``mc:Choice`` of an ``mc:AlternateContent``,
  not its VML fallback), as blocks right after the paragraph that anchors them;
- Word automatic numbering rendered by :mod:`cxzy_nlp.read.numbering` into ``Block.text``
  (see :meth:`~cxzy_nlp.read.numbering.Label.joined_with`) and ``Block.auto_number``.

Dropped: tracked deletions and moved-from text, field instructions, hidden text
(``w:vanish``), comments, footnotes and endnotes, headers and footers, ruby annotations.
Cues per block: style name, outline level, bold, dominant font size, centred.
"""

from __future__ import annotations

import re
from collections import Counter, OrderedDict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Literal, TypeVar

from lxml import etree

from ..config import Config
from ..errors import ReadError
from ..model import Block
from .base import ReaderOutput
from .numbering import W_NS, Label, ListCounters, NumberingDefinitions, bullet_glyph
from .ooxml import OoxmlPackage, open_package, parse_xml

STRICT_W_NS = "http://purl.oclc.org/ooxml/wordprocessingml/main"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
DC_NS = "http://purl.org/dc/elements/1.1/"
BlockKind = Literal["paragraph", "table_row", "title", "caption"]
_HEADING_NAME = re.compile(r"^(?:heading|标题)\s*([1-9])$", re.I)
_K = TypeVar("_K")
_V = TypeVar("_V")


# ---------------------------------------------------------------- package parts


@dataclass(frozen=True)
class DocxParts:
    """Where the parts we read live inside the package."""

    document: str
    styles: str | None = None
    numbering: str | None = None
    core: str | None = None


def locate_parts(pkg: OoxmlPackage) -> DocxParts:
    """Find the main document and its styles, numbering and core properties via relationships."""
    document = core = None
    for rel_type, name in pkg.relationships(""):
        if rel_type.endswith("/officeDocument") and document is None:
            document = name
        elif rel_type.endswith("/core-properties"):
            core = name
    if document is None or not pkg.has(document):
        document = "word/document.xml"
    if not pkg.has(document):
        raise ReadError("Word 文档缺少正文部件（word/document.xml），文件已损坏", code="corrupt")
    if core is None and pkg.has("docProps/core.xml"):
        core = "docProps/core.xml"
    styles = numbering = None
    for rel_type, name in pkg.relationships(document):
        if rel_type.endswith("/styles") and pkg.has(name):
            styles = name
        elif rel_type.endswith("/numbering") and pkg.has(name):
            numbering = name
    return DocxParts(document=document, styles=styles, numbering=numbering, core=core)


def core_title(root: etree._Element | None) -> str | None:
    """``dc:title`` of ``docProps/core.xml``, or None when absent or blank."""
    if root is None:
        return None
    el = root.find(f"{{{DC_NS}}}title")
    text = (el.text or "").strip() if el is not None else ""
    return text or None


# ---------------------------------------------------------------- styles


def _on(el: etree._Element | None, val_attr: str) -> bool | None:
    """An on/off property: None when absent, else whether it is switched on."""
    if el is None:
        return None
    return el.get(val_attr, "true").lower() not in ("false", "0", "off", "none")


def _half_points(el: etree._Element | None, val_attr: str) -> float | None:
    if el is None:
        return None
    try:
        return int(el.get(val_attr, "")) / 2
    except ValueError:
        return None


@dataclass(frozen=True)
class RunProps:
    """Character properties that matter as heading cues; None means "inherit"."""

    bold: bool | None = None
    size: float | None = None
    hidden: bool | None = None

    def over(self, base: RunProps) -> RunProps:
        return RunProps(
            bold=base.bold if self.bold is None else self.bold,
            size=base.size if self.size is None else self.size,
            hidden=base.hidden if self.hidden is None else self.hidden,
        )


@dataclass(frozen=True)
class Style:
    """One ``w:style`` as declared (not yet resolved along ``w:basedOn``)."""

    style_id: str
    name: str
    kind: str  # paragraph, character, table, numbering
    based_on: str | None = None
    num_id: str | None = None
    ilvl: int | None = None
    outline_level: int | None = None
    centered: bool | None = None
    run: RunProps = RunProps()


@dataclass(frozen=True)
class ParagraphStyle:
    """A paragraph style resolved along its ``w:basedOn`` chain."""

    style_id: str | None
    name: str | None
    num_id: str | None = None
    ilvl: int | None = None
    outline_level: int | None = None
    centered: bool | None = None
    run: RunProps = RunProps()
    num_source: str | None = None  # the style in the chain whose w:numPr gave num_id


def display_style_name(name: str) -> str:
    """Word's UI name for built-in styles stored in lower case (``heading 1`` → ``Heading 1``)."""
    if _HEADING_NAME.match(name) and name[:1] == "h":
        return name[:1].upper() + name[1:]
    if name in ("title", "subtitle", "caption", "normal"):
        return name.capitalize()
    return name


class _StylesById(Mapping[str, Style]):
    """The ``w:style`` elements by id, each parsed the first time it is looked up.

    A template declares a few hundred styles (most of them table styles) and a document uses a
    handful; the first declaration of an id wins, as in Word.
    """

    def __init__(self, elements: dict[str, etree._Element], w: str):
        self._elements = elements
        self._w = w
        self._parsed: dict[str, Style] = {}

    def __getitem__(self, style_id: str) -> Style:
        style = self._parsed.get(style_id)
        if style is None:
            style = self._parsed[style_id] = _parse_style(self._elements[style_id], self._w)
        return style

    def __contains__(self, style_id: object) -> bool:
        return style_id in self._elements

    def __iter__(self) -> Iterator[str]:
        return iter(self._elements)

    def __len__(self) -> int:
        return len(self._elements)


class StyleSheet:
    """Styles of one document (``word/styles.xml``) with resolved inheritance."""

    def __init__(self, styles: Mapping[str, Style], default_paragraph: str | None, defaults: RunProps):
        self.styles = styles
        self.default_paragraph = default_paragraph
        self.defaults = defaults
        self._paragraph_cache: dict[str | None, ParagraphStyle] = {}
        self._character_cache: dict[str, RunProps] = {}

    @classmethod
    def from_xml(cls, root: etree._Element | None, ns: str = W_NS) -> StyleSheet:
        if root is None:
            return cls({}, None, RunProps())
        w = f"{{{ns}}}"
        elements: dict[str, etree._Element] = {}
        default_paragraph = None
        for el in root.iterchildren(w + "style"):
            style_id = el.get(w + "styleId", "")
            elements.setdefault(style_id, el)
            if (
                el.get(w + "type", "paragraph") == "paragraph"
                and default_paragraph is None
                and el.get(w + "default") in ("1", "true", "on")
            ):
                default_paragraph = style_id
        styles = _StylesById(elements, w)
        defaults = RunProps()
        rpr = root.find(f"{w}docDefaults/{w}rPrDefault/{w}rPr")
        if rpr is not None:
            defaults = _run_props(rpr, w)
        return cls(styles, default_paragraph, defaults)

    def paragraph(self, style_id: str | None) -> ParagraphStyle:
        """The resolved paragraph style ``style_id`` (the default style when None or unknown)."""
        if style_id not in self.styles:
            style_id = self.default_paragraph
        cached = self._paragraph_cache.get(style_id)
        if cached is None:
            cached = self._resolve_paragraph(style_id)
            self._paragraph_cache[style_id] = cached
        return cached

    def _chain(self, style_id: str | None) -> list[Style]:
        """The style and its ancestors, nearest first (cycles cut)."""
        chain: list[Style] = []
        seen: set[str] = set()
        while style_id and style_id in self.styles and style_id not in seen and len(chain) < 32:
            seen.add(style_id)
            style = self.styles[style_id]
            chain.append(style)
            style_id = style.based_on
        return chain

    def _resolve_paragraph(self, style_id: str | None) -> ParagraphStyle:
        chain = self._chain(style_id)
        if not chain:
            return ParagraphStyle(None, None, run=self.defaults)
        num_id = ilvl = outline = num_source = None
        centered = None
        run = RunProps()
        for style in chain:
            if num_id is None and style.num_id is not None:
                num_id, ilvl, num_source = style.num_id, style.ilvl, style.style_id
            if outline is None:
                outline = style.outline_level
            if centered is None:
                centered = style.centered
            run = run.over(style.run)
        if outline is None:
            for style in chain:
                m = _HEADING_NAME.match(style.name)
                if m:
                    outline = int(m.group(1)) - 1
                    break
        return ParagraphStyle(
            chain[0].style_id,
            display_style_name(chain[0].name),
            num_id,
            ilvl,
            None if outline is None or outline >= 9 else outline,
            centered,
            run.over(self.defaults),
            num_source,
        )

    def character(self, style_id: str) -> RunProps:
        """Run properties a character style contributes (its chain resolved)."""
        cached = self._character_cache.get(style_id)
        if cached is None:
            cached = RunProps()
            for style in self._chain(style_id):
                cached = cached.over(style.run)
            self._character_cache[style_id] = cached
        return cached

    def num_id_of(self, style_id: str) -> str | None:
        """``numId`` a (numbering) style carries, for ``w:numStyleLink``."""
        for style in self._chain(style_id):
            if style.num_id is not None:
                return style.num_id
        return None


def _val(el: etree._Element | None, w: str) -> str | None:
    return None if el is None else el.get(w + "val")


def _run_props(rpr: etree._Element, w: str) -> RunProps:
    props, _ = _scan_run_props(rpr, w)
    return props


def _scan_run_props(rpr: etree._Element, w: str) -> tuple[RunProps, str | None]:
    """Bold, size and hidden of a ``w:rPr`` and its character style id, in one pass over its children."""
    bold = size = hidden = style = None
    b_tag, sz_tag, vanish_tag, rstyle_tag, val = w + "b", w + "sz", w + "vanish", w + "rStyle", w + "val"
    for child in rpr:
        tag = child.tag
        if tag == b_tag:
            bold = _on(child, val)
        elif tag == sz_tag:
            size = _half_points(child, val)
        elif tag == vanish_tag:
            hidden = _on(child, val)
        elif tag == rstyle_tag:
            style = child.get(val)
    return RunProps(bold=bold, size=size, hidden=hidden), style


def _int_or_none(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def _parse_style(el: etree._Element, w: str) -> Style:
    name = _val(el.find(w + "name"), w) or el.get(w + "styleId", "")
    ppr = el.find(w + "pPr")
    rpr = el.find(w + "rPr")
    num_id = ilvl = outline = None
    centered = None
    if ppr is not None:
        num_pr = ppr.find(w + "numPr")
        if num_pr is not None:
            num_id = _val(num_pr.find(w + "numId"), w)
            ilvl = _int_or_none(_val(num_pr.find(w + "ilvl"), w))
        outline = _int_or_none(_val(ppr.find(w + "outlineLvl"), w))
        jc = _val(ppr.find(w + "jc"), w)
        centered = None if jc is None else jc == "center"
    return Style(
        style_id=el.get(w + "styleId", ""),
        name=name,
        kind=el.get(w + "type", "paragraph"),
        based_on=_val(el.find(w + "basedOn"), w),
        num_id=num_id,
        ilvl=ilvl,
        outline_level=outline,
        centered=centered,
        run=_run_props(rpr, w) if rpr is not None else RunProps(),
    )


# ---------------------------------------------------------------- body


@dataclass
class _Inline:
    """Text of one paragraph being collected, with per-run cue accounting."""

    parts: list[str] = field(default_factory=list)
    boxes: list[etree._Element] = field(default_factory=list)
    fields: list[bool] = field(default_factory=list)  # stack: True while inside a field instruction
    bold_chars: int = 0
    plain_chars: int = 0
    sizes: Counter[float] = field(default_factory=Counter)

    def text(self) -> str:
        return "".join(self.parts)


class _Tags:
    """Qualified tag names for one WordprocessingML namespace (transitional or strict)."""

    def __init__(self, ns: str):
        w = f"{{{ns}}}"
        self.w = w
        self.p, self.r, self.t, self.tbl, self.tr, self.tc = (w + n for n in ("p", "r", "t", "tbl", "tr", "tc"))
        self.ppr, self.rpr, self.pstyle, self.rstyle = (w + n for n in ("pPr", "rPr", "pStyle", "rStyle"))
        self.numpr, self.numid, self.ilvl = w + "numPr", w + "numId", w + "ilvl"
        self.outline, self.jc = w + "outlineLvl", w + "jc"
        self.sdt, self.sdt_content, self.custom_xml = w + "sdt", w + "sdtContent", w + "customXml"
        self.fld_char, self.fld_type = w + "fldChar", w + "fldCharType"
        self.txbx = w + "txbxContent"
        self.sym, self.sym_char = w + "sym", w + "char"
        self.del_mark = w + "del"
        self.tab_like = frozenset({w + "tab", w + "ptab"})
        self.break_like = frozenset({w + "br", w + "cr"})
        self.skip = frozenset(
            {
                w + n
                for n in (
                    "del",
                    "moveFrom",
                    "delText",
                    "delInstrText",
                    "instrText",
                    "pPr",
                    "rPr",
                    "tblPr",
                    "trPr",
                    "tcPr",
                    "sdtPr",
                    "sdtEndPr",
                    "footnoteReference",
                    "endnoteReference",
                    "commentReference",
                    "annotationRef",
                    "rt",
                    "fldData",
                    "lastRenderedPageBreak",
                    "proofErr",
                    "bookmarkStart",
                    "bookmarkEnd",
                    "commentRangeStart",
                    "commentRangeEnd",
                    "tblGrid",
                    "sectPr",
                    "pPrChange",
                    "rPrChange",
                )
            }
        )
        self.alternate, self.choice, self.fallback = (
            f"{{{MC_NS}}}{n}" for n in ("AlternateContent", "Choice", "Fallback")
        )


def _alternate_branch(el: etree._Element, tags: _Tags) -> etree._Element | None:
    """The one branch of an ``mc:AlternateContent`` to read: the first Choice, else the Fallback."""
    for child in el:
        if child.tag == tags.choice:
            return child
    for child in el:
        if child.tag == tags.fallback:
            return child
    return None


class BodyReader:
    """Turns the body of ``document.xml`` into blocks, numbering paragraphs as it goes."""

    def __init__(self, styles: StyleSheet, counters: ListCounters, ns: str = W_NS):
        self.styles = styles
        self.counters = counters
        self.tags = _Tags(ns)
        self.blocks: list[Block] = []
        self.index = 0  # paragraphs counted so far: non-empty body paragraphs and table cells
        self.in_box = 0  # depth of text boxes being read (their paragraphs are not counted)

    # -- block level

    def read_body(self, body: etree._Element) -> tuple[Block, ...]:
        self.read_blocks(body)
        return tuple(self.blocks)

    def read_blocks(self, container: etree._Element) -> None:
        """Paragraphs and tables of a container (body, cell, text box, content control)."""
        tags = self.tags
        for child in self._block_children(container):
            if child.tag == tags.p:
                self.read_paragraph(child)
            elif child.tag == tags.tbl:
                self.read_table(child)

    def _block_children(self, container: etree._Element) -> Iterable[etree._Element]:
        """Block-level children, looking through content controls, custom XML and alternate content."""
        tags = self.tags
        for child in container:
            tag = child.tag
            if tag == tags.p or tag == tags.tbl:
                yield child
            elif tag == tags.sdt or tag == tags.sdt_content or tag == tags.custom_xml:
                yield from self._block_children(child)
            elif tag == tags.alternate:
                branch = _alternate_branch(child, tags)
                if branch is not None:
                    yield from self._block_children(branch)

    def read_paragraph(self, p: etree._Element) -> None:
        block, boxes = self.paragraph_block(p)
        if block is not None:
            self.blocks.append(block)
        self.read_boxes(boxes)

    def read_boxes(self, boxes: list[etree._Element]) -> None:
        self.in_box += 1
        for box in boxes:
            self.read_blocks(box)
        self.in_box -= 1

    def read_table(self, tbl: etree._Element) -> None:
        for row in self._rows(tbl):
            index = self.index  # the row takes the number of its first non-empty cell
            cells = [self.cell_text(tc) for tc in self._cells(row)]
            if self.in_box:
                index = max(0, self.index - 1)
            else:
                self.index += sum(1 for c in cells if c.strip())
            if any(c.strip() for c in cells):
                self.blocks.append(Block(text="\t".join(cells), kind="table_row", paragraph=index))

    def _rows(self, tbl: etree._Element) -> Iterable[etree._Element]:
        return self._children_through_wrappers(tbl, self.tags.tr)

    def _cells(self, row: etree._Element) -> Iterable[etree._Element]:
        return self._children_through_wrappers(row, self.tags.tc)

    def _children_through_wrappers(self, parent: etree._Element, tag: str) -> Iterable[etree._Element]:
        tags = self.tags
        for child in parent:
            if child.tag == tag:
                yield child
            elif child.tag in (tags.sdt, tags.sdt_content, tags.custom_xml):
                yield from self._children_through_wrappers(child, tag)

    def cell_text(self, tc: etree._Element) -> str:
        """A table cell as one string: paragraphs and nested tables joined by newlines."""
        lines: list[str] = []
        for child in self._block_children(tc):
            if child.tag == self.tags.p:
                block, boxes = self.paragraph_block(child, counted=False)
                if block is not None:
                    lines.append(block.text)
                for box in boxes:
                    lines.extend(self.box_lines(box))
            else:
                lines.extend(self.nested_table_lines(child))
        return "\n".join(lines)

    def nested_table_lines(self, tbl: etree._Element) -> list[str]:
        return [" ".join(self.cell_text(tc) for tc in self._cells(row)) for row in self._rows(tbl)]

    def box_lines(self, box: etree._Element) -> list[str]:
        saved, self.blocks = self.blocks, []
        self.in_box += 1
        self.read_blocks(box)
        self.in_box -= 1
        lines = [b.text for b in self.blocks]
        self.blocks = saved
        return lines

    # -- paragraph level

    def paragraph_block(self, p: etree._Element, *, counted: bool = True) -> tuple[Block | None, list[etree._Element]]:
        """The block for one ``w:p`` (None when nothing is visible) and its text boxes.

        A body paragraph with text of its own takes the next paragraph number (see
        :mod:`cxzy_nlp.locate`); one in a text box takes the number of the paragraph before it.
        """
        tags = self.tags
        ppr = p.find(tags.ppr)
        style = self.styles.paragraph(_val(ppr.find(tags.pstyle), tags.w) if ppr is not None else None)
        inline = _Inline()
        self.collect_inline(p, inline, style.run)
        text = inline.text()
        index = self.index
        if self.in_box:
            index = max(0, self.index - 1)
        elif counted and text.strip():
            self.index += 1
        if not text.strip() and _mark_deleted(ppr, tags):
            return None, inline.boxes  # a paragraph removed by a tracked deletion
        label = self._label(ppr, style)
        if label is not None:
            text = label.joined_with(text)
        if not text.strip():
            return None, inline.boxes
        outline = style.outline_level
        centered = style.centered
        if ppr is not None:
            direct_outline = _int_or_none(_val(ppr.find(tags.outline), tags.w))
            if direct_outline is not None:
                outline = None if direct_outline >= 9 else direct_outline
            jc = _val(ppr.find(tags.jc), tags.w)
            if jc is not None:
                centered = jc == "center"
        visible = inline.bold_chars + inline.plain_chars
        name = style.name
        kind: BlockKind = "title" if name == "Title" else "caption" if name == "Caption" else "paragraph"
        return Block(
            text=text,
            kind=kind,
            paragraph=index,
            auto_number=label.text if label is not None and label.text else None,
            style=name,
            outline_level=outline,
            bold=(inline.plain_chars == 0) if visible else None,
            font_size=max(inline.sizes, key=inline.sizes.__getitem__) if inline.sizes else None,  # most_common's
            centered=centered,
        ), inline.boxes

    def _label(self, ppr: etree._Element | None, style: ParagraphStyle) -> Label | None:
        """The numbering label of a paragraph: direct ``w:numPr`` first, then its style's."""
        tags = self.tags
        num_id, ilvl = style.num_id, style.ilvl
        num_pr = ppr.find(tags.numpr) if ppr is not None else None
        if num_pr is not None:
            direct_id = _val(num_pr.find(tags.numid), tags.w)
            direct_ilvl = _int_or_none(_val(num_pr.find(tags.ilvl), tags.w))
            if direct_id is not None:
                num_id = direct_id
            if direct_ilvl is not None:
                ilvl = direct_ilvl
        if num_id is None or num_id == "0":
            return None
        if ilvl is None:
            ilvl = self._level_of_style(num_id, style)
        return self.counters.advance(num_id, ilvl)

    def _level_of_style(self, num_id: str, style: ParagraphStyle) -> int:
        """The level a style-numbered paragraph sits at: the level whose ``w:pStyle`` names the style."""
        for style_id in (style.style_id, style.num_source):
            if style_id:
                linked = self.counters.definitions.level_for_style(num_id, style_id)
                if linked is not None:
                    return linked
        return 0

    def collect_inline(self, el: etree._Element, inline: _Inline, base: RunProps) -> None:
        """Visible text under ``el`` in document order (runs, hyperlinks, insertions, fields)."""
        tags = self.tags
        for child in el:
            tag = child.tag
            if tag == tags.r:
                self.collect_run(child, inline, base)
            elif tag in tags.skip or not isinstance(tag, str):
                continue
            elif tag == tags.txbx:
                inline.boxes.append(child)
            elif tag == tags.alternate:
                branch = _alternate_branch(child, tags)
                if branch is not None:
                    self.collect_inline(branch, inline, base)
            elif tag == tags.p:
                continue  # a paragraph nested oddly outside a text box: not part of this one
            else:
                self.collect_inline(child, inline, base)

    def collect_run(self, run: etree._Element, inline: _Inline, base: RunProps) -> None:
        tags = self.tags
        props = self._run_props(run, base)
        if props.hidden:
            return
        first = len(inline.parts)
        for child in run:
            tag = child.tag
            if tag == tags.t:
                if not (inline.fields and inline.fields[-1]):
                    inline.parts.append(child.text or "")
            elif tag == tags.fld_char:
                self._field_char(child, inline)
            elif tag in tags.tab_like:
                inline.parts.append("\t")
            elif tag in tags.break_like:
                inline.parts.append("\n")
            elif tag == tags.sym:
                inline.parts.append(_symbol(child.get(tags.sym_char, "")))
            elif tag in tags.skip or not isinstance(tag, str):
                continue
            elif tag == tags.txbx:
                inline.boxes.append(child)
            elif tag == tags.w + "noBreakHyphen":
                inline.parts.append("-")
            elif tag == tags.alternate:
                branch = _alternate_branch(child, tags)
                if branch is not None:
                    self.collect_inline(branch, inline, base)
            elif tag != tags.w + "softHyphen":
                self.collect_inline(child, inline, base)  # drawings, pictures, embedded objects
        self._account(inline, props, first)

    def _account(self, inline: _Inline, props: RunProps, first: int) -> None:
        """Count the visible characters a run added (from ``inline.parts[first]``) towards the cues."""
        parts = inline.parts
        if len(parts) == first:
            return
        added = parts[first] if len(parts) == first + 1 else "".join(parts[first:])
        count = len(added) - added.count(" ") - added.count("\t") - added.count("\n") - added.count("\u3000")
        if count <= 0:
            return
        if props.bold:
            inline.bold_chars += count
        else:
            inline.plain_chars += count
        if props.size is not None:
            inline.sizes[props.size] += count

    def _field_char(self, el: etree._Element, inline: _Inline) -> None:
        kind = el.get(self.tags.fld_type)
        if kind == "begin":
            inline.fields.append(True)
        elif kind == "separate" and inline.fields:
            inline.fields[-1] = False
        elif kind == "end" and inline.fields:
            inline.fields.pop()

    def _run_props(self, run: etree._Element, base: RunProps) -> RunProps:
        tags = self.tags
        rpr = run.find(tags.rpr)
        if rpr is None:
            return base
        props, rstyle = _scan_run_props(rpr, tags.w)
        if rstyle is not None:
            props = props.over(self.styles.character(rstyle))
        return props.over(base)


def _mark_deleted(ppr: etree._Element | None, tags: _Tags) -> bool:
    if ppr is None:
        return False
    rpr = ppr.find(tags.rpr)
    return rpr is not None and rpr.find(tags.del_mark) is not None


def _symbol(code: str) -> str:
    """A ``w:sym`` character; symbol-font code points (F0xx) shown as their plain form."""
    try:
        cp = int(code, 16)
    except ValueError:
        return ""
    if 0xF020 <= cp <= 0xF0FF:
        return bullet_glyph(chr(cp))
    return chr(cp) if 0x20 <= cp < 0x110000 else ""


# ---------------------------------------------------------------- entry point


def _namespace(root: etree._Element) -> str:
    tag = root.tag if isinstance(root.tag, str) else ""
    return STRICT_W_NS if tag.startswith(f"{{{STRICT_W_NS}}}") else W_NS


# Documents made from one template carry byte-identical styles.xml and numbering.xml (the
# python-docx and WPS defaults: 350 KB of styles, 9 ms to parse). Their parsed form depends on
# nothing but those bytes and the namespace, so a batch parses each distinct part once. The
# bytes themselves are the key (no digest to collide); the parts are still inflated and
# counted against the zip limits for every file.
_PARSED_PARTS_KEPT = 4  # each kept styles.xml holds its lxml tree (~4 MB for the python-docx template)
_stylesheets: OrderedDict[tuple[str, bytes | None], StyleSheet] = OrderedDict()
_numberings: OrderedDict[tuple[str, bytes | None, bytes | None], NumberingDefinitions] = OrderedDict()


def _part_bytes(pkg: OoxmlPackage, name: str | None) -> bytes | None:
    """The inflated bytes of part ``name``; None when the package has no such part."""
    return pkg.read(name) if name is not None and pkg.has(name) else None


def _remember(cache: OrderedDict[_K, _V], key: _K, value: _V) -> _V:
    cache[key] = value
    if len(cache) > _PARSED_PARTS_KEPT:
        cache.popitem(last=False)
    return value


def _stylesheet(raw: bytes | None, name: str | None, ns: str) -> StyleSheet:
    """The style sheet parsed from ``raw`` (``word/styles.xml``), shared by files with the same bytes."""
    key = (ns, raw)
    cached = _stylesheets.get(key)
    if cached is not None:
        _stylesheets.move_to_end(key)
        return cached
    root = None if raw is None else parse_xml(raw, name or "styles")
    return _remember(_stylesheets, key, StyleSheet.from_xml(root, ns))


def _numbering(
    raw: bytes | None, name: str | None, ns: str, styles_raw: bytes | None, styles: StyleSheet
) -> NumberingDefinitions:
    """List definitions parsed from ``raw`` (they follow ``w:numStyleLink`` through the styles)."""
    key = (ns, raw, styles_raw)
    cached = _numberings.get(key)
    if cached is not None:
        _numberings.move_to_end(key)
        return cached
    root = None if raw is None else parse_xml(raw, name or "numbering")
    return _remember(_numberings, key, NumberingDefinitions.from_xml(root, ns, styles.num_id_of))


def read_docx(data: bytes, config: Config) -> ReaderOutput:
    """Read a .docx into blocks (paragraphs and table rows) with numbering and style cues."""
    with open_package(data, config) as pkg:
        parts = locate_parts(pkg)
        document = pkg.xml(parts.document)
        if document is None:
            raise ReadError("Word 文档缺少正文部件，文件已损坏", code="corrupt")
        ns = _namespace(document)
        body = document.find(f"{{{ns}}}body")
        if body is None:
            raise ReadError("Word 文档的正文部件没有 w:body，文件已损坏", code="corrupt")
        styles_raw = _part_bytes(pkg, parts.styles)
        styles = _stylesheet(styles_raw, parts.styles, ns)
        numbering = _numbering(_part_bytes(pkg, parts.numbering), parts.numbering, ns, styles_raw, styles)
        title = core_title(pkg.xml(parts.core))
    blocks = BodyReader(styles, ListCounters(numbering), ns).read_body(body)
    return ReaderOutput(blocks=blocks, title=title)


__all__ = ["BodyReader", "DocxParts", "StyleSheet", "core_title", "locate_parts", "read_docx"]
