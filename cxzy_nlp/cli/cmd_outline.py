"""`cxzy outline`: the documents of each file and their section trees, with labels."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Optional

import typer

from ._app import app
from .common import EXIT_OK, check_output, displayed, fail, json_line, open_output, say
from .options import Output, Paths, format_option, pick_format

if TYPE_CHECKING:
    from ..model import Analysis, Document, Section


def section_line(section: Section) -> str:
    """``一、活动背景  [background 1.00 规则]``."""
    sources = {"rule": "规则", "model": "模型", "none": "未定"}
    labels = ",".join(section.labels) or "-"
    conf = f" {section.label_confidence:.2f}" if section.label_confidence is not None else ""
    gap = " " if "\u4e00" <= section.number[-1:] <= "\u9fff" else ""  # 附件 名称, 第一章 总则
    return f"{section.number}{gap}{section.heading}  [{labels}{conf} {sources.get(section.label_source, '')}] L{section.level}"


ZONE_ZH = {
    "cover": "封面",
    "contents": "目录",
    "form_notes": "填表说明",
    "form": "表单",
    "body": "正文",
    "attachment_list": "附件列表",
    "attachment": "附件",
    "signature": "落款",
    "approval": "审核意见",
    "furniture": "页面杂项",
}


def document_line(index: int, doc: Document) -> str:
    kind = doc.doc_type or "-"
    if doc.doc_type_evidence:
        kind += f"（{doc.doc_type_evidence}）"
    parts = [f"文档{index}：{doc.title or '（无标题）'}", f"类型={kind}"]
    if doc.parent is not None:
        parts.append(f"随文档{doc.parent + 1}印发")
    for name, value in (("发文字号", doc.doc_number), ("发文机关", doc.issuer), ("成文日期", doc.date)):
        if value:
            parts.append(f"{name}={value}")
    return "  ".join(parts)


def zones_line(analysis: Analysis, doc: Document) -> str:
    """``分区：封面 0-120「编号：」 正文 120-3400「一、…」``: each zone, its span and first words."""
    parts = []
    for z in doc.zones:
        first = analysis.text[z.span[0] : z.span[1]].strip().split("\n", 1)[0][:12]
        parts.append(f"{ZONE_ZH.get(z.kind, z.kind)} {z.span[0]}-{z.span[1]}「{first}」")
    return "分区：" + "  ".join(parts)


def outline_plain(analysis: Analysis) -> str:
    lines = [f"{analysis.source.path}：{len(analysis.documents)} 个文档"]
    for i, doc in enumerate(analysis.documents, 1):
        lines.append(document_line(i, doc))
        if doc.zones:
            lines.append("  " + zones_line(analysis, doc))
        lines.extend("  " * s.level + section_line(s) for s in doc.all_sections())
        lines.extend(f"  ! {f.rule}: {f.message}" for f in doc.findings if f.rule.startswith("heading-"))
    return "\n".join(lines)


def outline_tree(analysis: Analysis):  # type: ignore[no-untyped-def]
    from rich.text import Text
    from rich.tree import Tree

    root = Tree(Text(f"{analysis.source.path}：{len(analysis.documents)} 个文档"))

    def add(node: Tree, sections: tuple[Section, ...]) -> None:
        for s in sections:
            add(node.add(Text(section_line(s)), highlight=False), s.children)

    for i, doc in enumerate(analysis.documents, 1):
        node = root.add(Text(document_line(i, doc)), highlight=False)
        if doc.zones:
            node.add(Text(zones_line(analysis, doc)), highlight=False)
        add(node, doc.sections)
    return root


@app.command()
def outline(
    paths: Paths,
    format: Annotated[Optional[str], format_option("outline")] = None,
    output: Output = None,
) -> None:
    """显示每个文件中的文档及其章节树（编号、标题、层级、类别标签与置信度）。"""

    from ..corpus.files import outline_files
    from ..errors import CxzyError
    from ..jsonio import document_to_dict

    format = pick_format("outline", format, output)
    check_output(output)
    try:
        run = outline_files(paths)
    except CxzyError as exc:
        raise fail(exc.message) from None
    failed = 0
    with open_output(output) as out:
        for analysis in run.results:
            path = analysis.source.path
            shown = displayed(analysis)
            for err in analysis.errors:
                failed += 1
                say(f"{path}: [{err['code']}] {err['message']}")
            if format == "json":
                record = {"path": str(path), "documents": [document_to_dict(d) for d in analysis.documents]}
                out.write(json_line(record) + "\n")
            elif format == "text" or output is not None:
                out.write(outline_plain(shown) + "\n")
            else:
                from rich.console import Console

                width = None if out.isatty() else 1000  # piped output keeps whole headings
                Console(file=out, soft_wrap=True, width=width).print(outline_tree(shown))
    raise typer.Exit(EXIT_OK)  # unreadable files are listed on stderr, not a failed run
