"""The documents compared by dedup: every document of every file, with owner metadata."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Literal

from ..model import Analysis, Location, Span
from ..submitter import Owner

Role = Literal["input", "index", "allow"]


@dataclass(frozen=True)
class CorpusDoc:
    """One document of one file, as dedup sees it."""

    path: str
    index: int  # position of the document in its file
    title: str | None
    span: Span  # in the file's normalised text
    text_id: int  # index into Corpus.texts
    department: str | None = None
    year: int | None = None
    role: Role = "input"
    locate: Callable[[int], Location] | None = field(default=None, compare=False, repr=False)  # offset → place

    @property
    def owner(self) -> str:
        """Department when known, else the file: text shared by many owners is boilerplate."""
        return f"dept:{self.department}" if self.department else f"file:{self.path}"

    @property
    def label(self) -> str:
        """How reviewers see the document in messages: department, file and title."""
        where = PurePath(self.path).name + (f" 第{self.index + 1}篇" if self.index else "")
        title = f"《{self.title[:40]}》" if self.title else ""
        dept = f"{self.department}" if self.department else ""
        year = f"{self.year}年" if self.year else ""
        return "".join(x for x in (dept, year, title) if x) + f"（{where}）"


@dataclass
class Corpus:
    """Documents plus the normalised texts their spans point into (one text per file)."""

    docs: list[CorpusDoc]
    texts: list[str]
    # files of the inputs that gave no document to compare: (path, error code, Chinese reason), never dropped silently
    unread: list[tuple[str, str, str]] = field(default_factory=list)

    def text_of(self, doc: CorpusDoc) -> str:
        return self.texts[doc.text_id]

    def add_analysis(self, analysis: Analysis, role: Role = "input", owner: Owner | None = None) -> None:
        """Append every document of one analysed file; a file of the inputs without documents goes to ``unread``."""
        if not analysis.documents or not analysis.text:
            if role == "input":
                error = analysis.errors[0] if analysis.errors else {}
                code = error.get("code", "empty")
                message = error.get("message", "文件中没有可比较的文字")
                self.unread.append((analysis.source.path, code, message))
            return
        from ..locate import offset_locator

        owner = owner or Owner()
        locate = offset_locator(analysis)
        text_id = len(self.texts)
        self.texts.append(analysis.text)
        for i, doc in enumerate(analysis.documents):
            self.docs.append(
                CorpusDoc(
                    path=analysis.source.path,
                    index=i,
                    title=doc.title,
                    span=doc.span,
                    text_id=text_id,
                    department=owner.department,
                    year=owner.year if owner.year is not None else doc.year,
                    role=role,
                    locate=locate,
                )
            )


def build_corpus(
    analyses: Iterable[Analysis],
    role: Role = "input",
    owners: Mapping[str, Owner] | None = None,
    corpus: Corpus | None = None,
) -> Corpus:
    """A corpus of the analyses' documents; ``owners`` maps a path to its department and year (unknown when absent).

    :func:`cxzy_nlp.corpus.owners.resolve_owners` works owners out from a manifest or folders.
    """
    corpus = corpus or Corpus([], [])
    for analysis in analyses:
        corpus.add_analysis(analysis, role, (owners or {}).get(analysis.source.path))
    return corpus
