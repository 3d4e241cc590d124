"""A plan's body as a small tree of paragraphs and headed parts, written out by :func:`emit`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Union

from .builder import TextBuilder
from .numbering import Numbering


@dataclass
class Piece:
    """A run of text inside a paragraph; ``kind`` makes it a gold item, ``fault`` a planted fault."""

    text: str
    kind: str | None = None
    fields: dict[str, Any] = field(default_factory=dict)
    fault: tuple[str, str] | None = None


@dataclass
class Para:
    pieces: list[Piece]


@dataclass
class Part:
    """A numbered heading with its body; ``item`` is recorded over the whole part or its heading."""

    heading: str
    body: list[Node] = field(default_factory=list)
    labels: tuple[str, ...] = ()
    item: tuple[str, dict[str, Any]] | None = None
    item_on_heading: bool = False
    faults: list[tuple[str, str]] = field(default_factory=list)
    glue: bool = False  # write the first paragraph on the heading's line


Node = Union[Para, Part]


def para(*texts: str | Piece) -> Para:
    return Para([t if isinstance(t, Piece) else Piece(t) for t in texts])


_HEAD_END = "。：；！？，）”"


def _record(b: TextBuilder, pieces: list[Piece], spans: list[tuple[int, int]]) -> None:
    for piece, span in zip(pieces, spans, strict=False):
        if piece.kind:
            b.item(piece.kind, span, **piece.fields)
        if piece.fault:
            b.fault(piece.fault[0], span, piece.fault[1])


def emit_para(b: TextBuilder, p: Para) -> None:
    _record(b, p.pieces, b.parts(*(x.text for x in p.pieces)))


def emit(b: TextBuilder, numbering: Numbering, level: int, part: Part, glue_sep: str = "。") -> None:
    """Write ``part`` as a section of ``level`` with its marker, heading and body."""
    marker = numbering.next(level)
    start = b.next_start
    body = list(part.body)
    first = body[0] if part.glue and body and isinstance(body[0], Para) else None
    if first is not None:
        sep = "" if part.heading.endswith(tuple(_HEAD_END)) else glue_sep
        pieces = [Piece(marker), Piece(part.heading), Piece(sep), *first.pieces]
        spans = b.parts(*(x.text for x in pieces))
        _record(b, pieces[3:], spans[3:])
        body = body[1:]
    else:
        spans = b.parts(marker, part.heading)
    heading_span = spans[1]
    b.open_section(marker.strip(), part.heading, level, part.labels, heading_span, start)
    for node in body:
        if isinstance(node, Para):
            emit_para(b, node)
        else:
            emit(b, numbering, min(level + 1, numbering.depth), node, glue_sep)
    gold = b.close_section()
    if part.item:
        b.item(part.item[0], heading_span if part.item_on_heading else gold.span, **part.item[1])
    for rule, note in part.faults:
        b.fault(rule, heading_span if part.item_on_heading else gold.span, note)
