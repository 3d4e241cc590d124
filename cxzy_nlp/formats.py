"""The one registry of output formats: what ``--format`` accepts and which ``-o`` suffix means what.

Each command lists the formats it writes (:data:`COMMAND_FORMATS`), the first being its default.
A format given with ``--format`` wins; otherwise the suffix of ``-o`` chooses (``-o 结果.sarif``);
otherwise the command's default. Unknown names and suffixes raise :class:`ConfigError`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .errors import ConfigError


@dataclass(frozen=True)
class OutputFormat:
    name: str
    suffixes: tuple[str, ...]  # output file suffixes that mean this format, the first preferred
    binary: bool  # written to a file, never to a terminal
    zh: str  # what it is, for help texts
    aliases: tuple[str, ...] = ()  # older names still accepted


FORMATS: dict[str, OutputFormat] = {
    f.name: f
    for f in (
        OutputFormat("text", (".txt",), False, "文本", aliases=("plain",)),
        OutputFormat("tree", (), False, "树形文本"),
        OutputFormat("json", (".json",), False, "JSON"),
        OutputFormat("jsonl", (".jsonl", ".ndjson"), False, "JSON Lines（每行一条）"),
        OutputFormat("sarif", (".sarif", ".sarif.json"), False, "SARIF 2.1.0"),
        OutputFormat("csv", (".csv",), False, "CSV 表格"),
        OutputFormat("html", (".html", ".htm"), False, "HTML 网页"),
        OutputFormat("xlsx", (".xlsx",), True, "Excel 工作簿"),
        OutputFormat("docx", (".docx",), True, "带批注的 Word 文档"),
    )
}

COMMAND_FORMATS: dict[str, tuple[str, ...]] = {
    "extract": ("json", "jsonl"),
    "check": ("text", "json", "jsonl", "sarif", "csv"),
    "outline": ("tree", "text", "json"),
    "dedup": ("text", "json", "html"),
    "report": ("html", "xlsx"),
    "annotate": ("docx",),
    "rules": ("text", "json"),
}
FILE_COMMANDS = frozenset({"report", "annotate"})  # they write files only: the suffix must be one of theirs


def formats_for(command: str) -> tuple[OutputFormat, ...]:
    """The formats ``command`` writes, its default first."""
    names = COMMAND_FORMATS.get(command)
    if names is None:
        raise ConfigError(f"未知的命令：{command!r}；可选：{'、'.join(COMMAND_FORMATS)}", code="unknown-command")
    return tuple(FORMATS[n] for n in names)


def format_help(command: str) -> str:
    """``text、json、jsonl、sarif 或 csv`` for the help of ``--format``."""
    names = [f.name for f in formats_for(command)]
    return names[0] if len(names) == 1 else "、".join(names[:-1]) + " 或 " + names[-1]


def _suffix_match(path: Path, fmt: OutputFormat) -> bool:
    name = path.name.lower()
    return any(name.endswith(s) for s in fmt.suffixes)


def resolve_format(command: str, name: str | None = None, output: str | os.PathLike[str] | None = None) -> OutputFormat:
    """The format ``command`` writes: ``name`` if given, else the one ``output``'s suffix means, else the default."""
    allowed = formats_for(command)
    if name:
        key = name.strip().lower()
        for fmt in allowed:
            if key == fmt.name or key in fmt.aliases:
                return fmt
        raise ConfigError(f"{command} 的输出格式只能是 {format_help(command)}，实际为 {name!r}", code="unknown-format")
    if output is not None:
        path = Path(output)
        # the longest matching suffix wins (.sarif.json is SARIF, not JSON)
        matches = sorted(
            (fmt for fmt in allowed if _suffix_match(path, fmt)),
            key=lambda f: -max((len(s) for s in f.suffixes if path.name.lower().endswith(s)), default=0),
        )
        if matches:
            return matches[0]
        if command in FILE_COMMANDS or path.suffix.lower() in {s for f in FORMATS.values() for s in f.suffixes}:
            suffixes = "、".join(s for f in allowed for s in f.suffixes)
            raise ConfigError(
                f"{command} 的输出文件扩展名只能是 {suffixes}，实际为 {path.name!r}", code="unknown-format"
            )
    return allowed[0]


__all__ = ["COMMAND_FORMATS", "FORMATS", "OutputFormat", "format_help", "formats_for", "resolve_format"]
