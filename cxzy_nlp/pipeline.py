"""The whole analysis of one file: read → normalise → segment → classify → extract → check."""

from __future__ import annotations

import hashlib
import os
from dataclasses import replace
from pathlib import Path

from .config import DEFAULT_CONFIG, Config
from .errors import ConfigError, CxzyError
from .model import Analysis, Document, NormalText, Place, ReadResult, SourceInfo

STAGES = ("segment", "classify", "extract", "check")


def check_stages(stages: str) -> str:
    """``stages`` itself when it names a stage, else a :class:`ConfigError` quoting it."""
    if stages not in STAGES:
        raise ConfigError(f"未知的处理阶段：{stages!r}；可选：{'、'.join(STAGES)}", code="unknown-stage")
    return stages


def read_to_text(result: ReadResult) -> NormalText:
    from .normalise import normalise

    return normalise(result)


def text_to_documents(normal: NormalText, result: ReadResult | None = None) -> list[Document]:
    from .segment import segment

    if result is None:
        return segment(normal)
    # the file's name is the weakest cue of its only document's kind (年终总结.docx); an archive member keeps its own
    name = str(result.source.path).replace("\\", "/").rsplit("/", 1)[-1]
    return segment(normal, title_hint=result.title, name_hint=name)


def documents_to_labelled(documents: list[Document], normal: NormalText) -> list[Document]:
    from .classify import classify

    return [classify(doc, normal.text) for doc in documents]


def documents_to_extracted(documents: list[Document], normal: NormalText) -> list[Document]:
    from .extract import extract

    return [extract(doc, normal.text) for doc in documents]


def documents_to_checked(
    documents: list[Document], normal: NormalText, result: ReadResult, profile: str | None = None
) -> list[Document]:
    from .check import check

    return [check(doc, normal, problems=result.problems, profile=profile) for doc in documents]


def text_to_places(normal: NormalText, result: ReadResult) -> tuple[Place, ...]:
    from .locate import places_of

    return places_of(normal, result.source.format)


def documents_to_located(documents: list[Document], places: tuple[Place, ...]) -> list[Document]:
    from .locate import Locator, document_located

    locator = Locator(places)
    return [document_located(doc, locator) for doc in documents]


def analyse_result(result: ReadResult, *, stages: str = "check", profile: str | None = None) -> Analysis:
    """Run the stages after reading. ``stages`` is the last stage: segment, classify, extract or check."""
    check_stages(stages)
    normal = read_to_text(result)
    documents = text_to_documents(normal, result)
    documents = documents_to_labelled(documents, normal)
    if stages in ("extract", "check"):
        documents = documents_to_extracted(documents, normal)
    if stages == "check":
        documents = documents_to_checked(documents, normal, result, profile)
    places = text_to_places(normal, result)
    documents = documents_to_located(documents, places)
    return Analysis(
        source=result.source,
        text=normal.text,
        documents=tuple(documents),
        problems=result.problems,
        places=places,
        normal=normal,
    )


def error_analysis(path: str | os.PathLike[str], error: CxzyError, fmt: str = "") -> Analysis:
    """The record of a file that could not be analysed: no documents, one error."""
    p = Path(path)
    sha = ""
    size = 0
    try:
        if p.is_file() and p.stat().st_size <= DEFAULT_CONFIG.max_file_bytes:
            data = p.read_bytes()
            sha = hashlib.sha256(data).hexdigest()
            size = len(data)
    except OSError:
        pass
    fmt = fmt or p.suffix.lower().lstrip(".")
    return Analysis(
        source=SourceInfo(path=str(path), format=fmt, sha256=sha, size=size),
        text="",
        documents=(),
        errors=(error.to_record(),),
    )


def analyse(
    path: str | os.PathLike[str], config: Config = DEFAULT_CONFIG, *, stages: str = "check", profile: str | None = None
) -> Analysis:
    """Analyse one file in this process; a file that cannot be read gives an error record."""
    from .read import read_path

    check_stages(stages)
    try:
        result = read_path(path, config)
        return analyse_result(result, stages=stages, profile=profile)
    except CxzyError as exc:
        return error_analysis(path, exc)


def analyse_text(text: str, path: str = "<text>", *, stages: str = "check", profile: str | None = None) -> Analysis:
    """Analyse a string as if it were a UTF-8 .txt file (tests, notebooks)."""
    from .read import read_bytes

    data = text.encode("utf-8")
    result = read_bytes(data, path if path.endswith((".txt", ".md")) else path + ".txt")
    result = replace(result, source=replace(result.source, path=path))
    return analyse_result(result, stages=stages, profile=profile)
