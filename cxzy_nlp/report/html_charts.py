"""Inline SVG charts of the HTML report: stacked bars and the time axis of plan periods and stages.

Every chart scales to the width of its box (``viewBox``, ``width:100%``); texts are escaped.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from ..model import Document
from .summary import SEVERITY_ZH, DocRow

SVG_OPEN = (
    '<svg class="chart" role="img" viewBox="0 0 {w} {h}" width="{w}" height="{h}" style="max-width:{w}px" '
    'preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">'
)


def _e(value: object) -> str:
    return html.escape("" if value is None else str(value))


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def svg_bars(
    values: Sequence[tuple[str, dict[str, int]]],
    colors: dict[str, str],
    width: int = 720,
    names: dict[str, str] | None = None,
) -> str:
    """Horizontal stacked bars: one row per label, segments per key (e.g. severity).

    ``names`` gives the words shown for a label (a rule's Chinese name); the label itself stays in the tooltip.
    """
    if not values:
        return '<p class="mute">（无数据）</p>'
    names = names or {}
    row_h, label_w = 22, 190
    total_max = max(sum(v.values()) for _, v in values) or 1
    scale = (width - label_w - 50) / total_max
    height = row_h * len(values) + 10
    parts = [SVG_OPEN.format(w=width, h=height)]
    for i, (label, counts) in enumerate(values):
        y = 5 + i * row_h
        shown = _short(names.get(label, label), 16)
        parts.append(
            f'<text x="{label_w - 6}" y="{y + 14}" text-anchor="end"><title>{_e(label)}</title>{_e(shown)}</text>'
        )
        x = float(label_w)
        for key, color in colors.items():
            n = counts.get(key, 0)
            if n:
                w = n * scale
                parts.append(
                    f'<rect x="{x:.1f}" y="{y + 3}" width="{w:.1f}" height="{row_h - 6}" fill="{color}">'
                    f"<title>{_e(shown)} {_e(SEVERITY_ZH.get(key, key))}：{n}</title></rect>"
                )
                x += w
        parts.append(f'<text x="{x + 4:.1f}" y="{y + 14}">{sum(counts.values())}</text>')
    parts.append("</svg>")
    return "".join(parts)


# ------------------------------------------------------------------ time axis


def _iso(d: str | None) -> date | None:
    try:
        return date.fromisoformat(d) if d else None
    except ValueError:
        return None


@dataclass(frozen=True)
class Stretch:
    """One thing drawn on the time axis: a period, a stage, or a single day."""

    kind: str  # "stated" | "derived" (the plan's period), "phase", "dated" (成文日期 only)
    start: date
    end: date
    label: str


def stretches(doc: Document) -> list[Stretch]:
    """What a document puts on the time axis: its period (stated or derived), its dated stages,
    else its 成文日期. A period or stage with one end known is drawn as that day."""
    out: list[Stretch] = []
    p = doc.period
    if p is not None:
        start, end = _iso(p.start), _iso(p.end)
        start, end = start or end, end or start
        if start and end and end >= start:
            source = "stated" if p.source == "stated" else "derived"
            out.append(Stretch(source, start, end, "实施期限" if source == "stated" else "推算期限"))
    for phase in doc.schedule:
        start, end = _iso(phase.start), _iso(phase.end)
        start, end = start or end, end or start
        if start and end and end >= start:
            out.append(Stretch("phase", start, end, phase.phase))
    if not out:
        dated = _iso(doc.date)
        if dated:
            out.append(Stretch("dated", dated, dated, "成文日期"))
    return out


TIMELINE_COLORS = {"stated": "#00897b", "derived": "#80cbc4", "phase": "#f9a825", "dated": "#78909c"}
TIMELINE_NAMES = {
    "stated": "写明的实施期限",
    "derived": "由阶段、活动推算的期限",
    "phase": "阶段",
    "dated": "仅有成文日期",
}


def timeline_legend() -> str:
    items = "".join(
        f"<span><i style='background:{TIMELINE_COLORS[k]}'></i>{_e(v)}</span>" for k, v in TIMELINE_NAMES.items()
    )
    return f"<p class='legend tl-legend'>{items}</p>"


def _year_step(years: int, room: float) -> int:
    for step in (1, 2, 5, 10, 20, 50):
        if room * step / years >= 44 or step == 50:
            return step
    return 50


def svg_timeline(rows: Sequence[DocRow], width: int = 960) -> str:
    """Plans on one time axis: a row per document with any date (periods stated or derived, stages,
    else the 成文日期), earliest first."""
    drawn = [(r, s) for r in rows if (s := stretches(r.document))]
    if not drawn:
        return '<p class="mute">（没有文档写明实施期限、阶段或日期）</p>'
    drawn.sort(key=lambda rs: (min(x.start for x in rs[1]), rs[0].key))
    lo = date(min(x.start for _, ss in drawn for x in ss).year, 1, 1)
    hi = date(max(x.end for _, ss in drawn for x in ss).year, 12, 31)
    days = (hi - lo).days or 1
    label_w, row_h, top = 300, 22, 22
    room = width - label_w - 10
    scale = room / days
    height = top + row_h * len(drawn) + 4
    parts = [SVG_OPEN.format(w=width, h=height)]
    step = _year_step(hi.year - lo.year + 1, room)
    for year in range(lo.year, hi.year + 2):
        x = label_w + (date(year, 1, 1) - lo).days * scale if year <= hi.year else width - 10
        parts.append(f'<line x1="{x:.1f}" y1="14" x2="{x:.1f}" y2="{height}" stroke="#ddd"/>')
        if year <= hi.year and (year - lo.year) % step == 0 and x + 40 <= width:
            parts.append(f'<text x="{x + 3:.1f}" y="11">{year}年</text>')
    one_department = len({r.department for r, _ in drawn}) == 1
    if hi.year - lo.year < 2:  # a short axis: months too
        for year in range(lo.year, hi.year + 1):
            for month in range(2, 13):
                x = label_w + (date(year, month, 1) - lo).days * scale
                parts.append(f'<line x1="{x:.1f}" y1="16" x2="{x:.1f}" y2="{height}" stroke="#f0f0f0"/>')
                if room / (12 * (hi.year - lo.year + 1)) >= 26:
                    parts.append(f'<text class="tl-month" x="{x + 2:.1f}" y="11" fill="#90a4ae">{month}月</text>')
    for i, (r, marks) in enumerate(drawn):
        y = top + i * row_h
        name = r.title if one_department or r.title.startswith(r.department) else f"{r.department}·{r.title}"
        parts.append(
            f'<a href="#{r.key}"><text x="{label_w - 6}" y="{y + 14}" text-anchor="end">'
            f"<title>{_e(name)}</title>{_e(_short(name, 24))}</text></a>"
        )
        for m in marks:
            x = label_w + (m.start - lo).days * scale
            w = max(3.0, ((m.end - m.start).days + 1) * scale)
            y0, h = (y + 3, row_h - 8) if m.kind != "phase" else (y + row_h - 9, 6)
            dashed = ' stroke="#00897b" stroke-dasharray="3 2"' if m.kind == "derived" else ""
            when = f"{m.start}" if m.start == m.end else f"{m.start} 至 {m.end}"
            parts.append(
                f'<rect class="tl-{m.kind}" x="{x:.1f}" y="{y0}" width="{w:.1f}" height="{h}" '
                f'fill="{TIMELINE_COLORS[m.kind]}"{dashed}><title>{_e(_short(m.label, 40))}：{_e(when)}</title></rect>'
            )
    parts.append("</svg>")
    return "".join(parts)
