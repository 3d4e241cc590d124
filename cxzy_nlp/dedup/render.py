"""Dedup results as JSON, plain text and a small self-contained HTML page."""

from __future__ import annotations

import html
from pathlib import PurePath
from typing import Any

from ..model import Span
from .boilerplate import BOILERPLATE_LABELS
from .compare import DedupResult, DocumentPair

QUOTE_CHARS = 120
# Control characters (C0 but tab and newline, DEL, C1) and bidi overrides, shown escaped: a file name
# carrying terminal escape codes must not drive the reviewer's terminal.
_UNSAFE = {c: f"\\x{c:02x}" for c in (*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0))}
_UNSAFE.update({c: f"\\u{c:04x}" for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))})


def printable(text: str) -> str:
    """``text`` with control characters and bidi overrides escaped (``\\x1b``), newlines and tabs kept."""
    return text.translate(_UNSAFE)


def _doc_dict(result: DedupResult, d: int) -> dict[str, Any]:
    doc = result.doc(d)
    return {
        "path": doc.path,
        "document": doc.index,
        "title": doc.title,
        "department": doc.department,
        "year": doc.year,
        "role": doc.role,
        "span": list(doc.span),
    }


def _location(result: DedupResult, d: int, span: Span) -> dict[str, Any] | None:
    """Where the passage starts in its file (page, paragraph or line, and section), when the map is known."""
    from ..jsonio import location_to_dict

    locate = result.doc(d).locate
    return location_to_dict(locate(span[0])) if locate is not None else None


def _where(result: DedupResult, d: int, span: Span) -> str:
    from ..locate import describe

    locate = result.doc(d).locate
    return describe(locate(span[0])) if locate is not None else f"{span[0]}-{span[1]}"


def _text(result: DedupResult, d: int, span: Span) -> str:
    return result.corpus.text_of(result.doc(d))[span[0] : span[1]]


def result_to_dict(result: DedupResult) -> dict[str, Any]:
    """The JSON form: documents with shares, pairs with aligned passages, clusters, boilerplate."""
    return {
        "documents": [
            {
                **_doc_dict(result, d),
                "chars": c.chars,
                "shared_share": round(c.shared_share, 4),
                "copied_share": round(c.copied_share, 4),
                "boilerplate_share": round(c.boilerplate_share, 4),
                "largest_source_share": round(c.largest_source_share, 4),
                "sources": [
                    {"document": s.doc, **_doc_dict(result, s.doc), "share": round(s.share, 4), "passages": s.passages}
                    for s in c.sources
                ],
            }
            for d, c in sorted(result.documents.items())
        ],
        "pairs": [
            {
                "a": _doc_dict(result, p.a),
                "b": _doc_dict(result, p.b),
                "share_a": round(p.share_a, 4),
                "share_b": round(p.share_b, 4),
                "whole_document": p.whole_document,
                "passages": [
                    {
                        "span_a": list(c.span_a),
                        "span_b": list(c.span_b),
                        "similarity": c.similarity,
                        "text_a": _text(result, c.doc_a, c.span_a),
                        "text_b": _text(result, c.doc_b, c.span_b),
                        "location_a": _location(result, c.doc_a, c.span_a),
                        "location_b": _location(result, c.doc_b, c.span_b),
                    }
                    for c in p.passages
                ],
            }
            for p in result.pairs
        ],
        "clusters": [[_doc_dict(result, d) for d in cluster] for cluster in result.clusters],
        "families": [[_doc_dict(result, d) for d in family] for family in result.families],
        "boilerplate": [
            {
                **_doc_dict(result, b.doc),
                "kind": b.kind,
                "label": BOILERPLATE_LABELS[b.kind],
                "owners": b.owners,
                "span": list(b.span),
                "text": _text(result, b.doc, b.span),
                "location": _location(result, b.doc, b.span),
            }
            for b in result.boilerplate
        ],
        "unread": [{"path": path, "code": code, "message": message} for path, code, message in result.corpus.unread],
        "stats": result.stats,
    }


def _unread_lines(result: DedupResult) -> list[str]:
    """The input files that took no part in the comparison, each with its reason (never dropped silently); files of
    a folder whose format is not read (a manifest, a spreadsheet) are counted on one line, as `cxzy check` does."""
    lines = [
        f"{PurePath(p).name}：{message}（{code}）" for p, code, message in result.corpus.unread if code != "skipped"
    ]
    skipped = sum(code == "skipped" for _, code, _ in result.corpus.unread)
    if skipped:
        lines.append(f"另有 {skipped} 个文件格式不在读取之列，未读取")
    return lines


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= QUOTE_CHARS else text[:QUOTE_CHARS] + "…"


def _kind_label(kind: str, owners: int) -> str:
    """常用套话, or 多部门共有文字（5 个单位）: the owner count only where it was counted."""
    label = BOILERPLATE_LABELS[kind]
    return f"{label}（{owners} 个单位）" if kind == "common" and owners > 1 else label


def _pair_title(result: DedupResult, p: DocumentPair) -> str:
    a, b = result.doc(p.a), result.doc(p.b)
    if p.a == p.b:
        return f"{a.label} 内部重复段落"
    whole = "，整篇雷同" if p.whole_document else ""
    return f"{a.label}（{p.share_a:.0%}） ⇄ {b.label}（{p.share_b:.0%}）{whole}"


def result_to_text(result: DedupResult) -> str:
    """A plain-text report: copying first (pairs with passages side by side), then boilerplate."""
    lines: list[str] = []
    lines.append(
        f"查重：{len(result.corpus.docs)} 篇文档，{len(result.pairs)} 对存在相同文字，"
        f"{len(result.clusters)} 个相似文档组"
    )
    if result.corpus.unread:
        lines.append(f"\n== 未能参与比较的文件（{len(result.corpus.unread)} 个）==")
        lines.extend(f"  {line}" for line in _unread_lines(result))
    if result.documents:
        lines.append("\n== 各文档相同文字占比（抄用 / 套话模板 / 最大单一来源）==")
        for d, dc in sorted(result.documents.items(), key=lambda kv: -kv[1].copied_share):
            lines.append(
                f"{result.doc(d).label}: 抄用 {dc.copied_share:.0%} / 套话模板 {dc.boilerplate_share:.0%}"
                f" / 最大来源 {dc.largest_source_share:.0%}"
            )
            for s in dc.sources[:5]:
                lines.append(f"    来源 {result.doc(s.doc).label}: {s.share:.0%}（{s.passages} 段）")
    for k, cluster in enumerate(result.clusters, start=1):
        lines.append(f"\n== 相似文档组 {k} ==")
        lines.extend(f"  {result.doc(d).label}" for d in cluster)
    for p in result.pairs:
        lines.append(f"\n== {_pair_title(result, p)} ==")
        for c in p.passages:
            lines.append(f"  [{_where(result, c.doc_a, c.span_a)}] {_short(_text(result, c.doc_a, c.span_a))}")
            lines.append(
                f"  [{_where(result, c.doc_b, c.span_b)}] {_short(_text(result, c.doc_b, c.span_b))}"
                f"  （相似度 {c.similarity:.0%}）"
            )
    if result.boilerplate:
        lines.append("\n== 预期的套话与模板文字（不计为抄袭）==")
        for b in result.boilerplate:
            lines.append(
                f"  {result.doc(b.doc).label} [{_where(result, b.doc, b.span)}] {_kind_label(b.kind, b.owners)}"
                f": {_short(_text(result, b.doc, b.span))}"
            )
    return printable("\n".join(lines) + "\n")


_CSS = """body{font-family:sans-serif;margin:2em;max-width:1100px}table{border-collapse:collapse;width:100%}
td,th{border:1px solid #ccc;padding:4px 8px;vertical-align:top}th{background:#f4f4f4}
mark{background:#ffe08a}.boiler{color:#777}h2{margin-top:1.5em}"""


def _highlight(text: str, span: Span, blocks: list[Span]) -> str:
    """``text[span]`` with the given sub-spans marked."""
    out, pos = [], span[0]
    for s, e in sorted(blocks):
        s, e = max(s, pos), min(e, span[1])
        if e <= s:
            continue
        out.append(html.escape(text[pos:s]) + "<mark>" + html.escape(text[s:e]) + "</mark>")
        pos = e
    out.append(html.escape(text[pos : span[1]]))
    return "".join(out)


def result_to_html(result: DedupResult) -> str:
    """A simple self-contained page: shares, pairs side by side, boilerplate apart."""
    e = html.escape
    parts = [
        f"<!doctype html><html lang='zh-CN'><head><meta charset='utf-8'><title>查重结果</title>"
        f"<style>{_CSS}</style></head><body><h1>查重结果</h1>"
        f"<p>{len(result.corpus.docs)} 篇文档，{len(result.pairs)} 对存在相同文字，{len(result.clusters)} 个相似文档组。</p>"
    ]
    if result.corpus.unread:
        items = "".join(f"<li>{e(line)}</li>" for line in _unread_lines(result))
        parts.append(f"<h2>未能参与比较的文件（{len(result.corpus.unread)} 个）</h2><ul>{items}</ul>")
    if result.documents:
        parts.append(
            "<h2>各文档相同文字占比</h2><table><tr><th>文档</th><th>抄用</th><th>套话模板</th><th>最大单一来源</th><th>来源</th></tr>"
        )
        for d, dc in sorted(result.documents.items(), key=lambda kv: -kv[1].copied_share):
            sources = "<br>".join(f"{e(result.doc(s.doc).label)}：{s.share:.0%}" for s in dc.sources[:5])
            parts.append(
                f"<tr><td>{e(result.doc(d).label)}</td><td>{dc.copied_share:.0%}</td>"
                f"<td>{dc.boilerplate_share:.0%}</td><td>{dc.largest_source_share:.0%}</td><td>{sources}</td></tr>"
            )
        parts.append("</table>")
    for k, cluster in enumerate(result.clusters, start=1):
        members = "".join(f"<li>{e(result.doc(d).label)}</li>" for d in cluster)
        parts.append(f"<h2>相似文档组 {k}</h2><ul>{members}</ul>")
    for p in result.pairs:
        parts.append(
            f"<h2>{e(_pair_title(result, p))}</h2><table><tr><th>{e(result.doc(p.a).label)}</th>"
            f"<th>{e(result.doc(p.b).label)}</th><th>相似度</th></tr>"
        )
        for c in p.passages:
            ta, tb = result.corpus.text_of(result.doc(c.doc_a)), result.corpus.text_of(result.doc(c.doc_b))
            parts.append(
                f"<tr><td>{_highlight(ta, c.span_a, [c.span_a])}</td>"
                f"<td>{_highlight(tb, c.span_b, [c.span_b])}</td><td>{c.similarity:.0%}</td></tr>"
            )
        parts.append("</table>")
    if result.boilerplate:
        parts.append(
            "<h2>预期的套话与模板文字（不计为抄袭）</h2><table><tr><th>文档</th><th>类别</th><th>文字</th></tr>"
        )
        for b in result.boilerplate:
            parts.append(
                f"<tr class='boiler'><td>{e(result.doc(b.doc).label)}</td><td>{e(_kind_label(b.kind, b.owners))}"
                f"</td><td>{e(_text(result, b.doc, b.span))}</td></tr>"
            )
        parts.append("</table>")
    parts.append("</body></html>\n")
    return printable("".join(parts))
