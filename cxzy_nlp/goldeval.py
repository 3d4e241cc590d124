"""Score analyses against golden files written by reading real documents (``tests/golden/real``).

The matching rules are those of the structure and extraction issues:

- a predicted heading matches a gold one when their normalised texts are equal, or one is a prefix of the
  other and the shorter has at least 4 characters, and matched pairs keep their order (an order-preserving
  alignment over the whole file);
- top-level F1 counts level-1 headings (a predicted one in an attachment zone, such as the attachment's own
  ``附件2 …`` line, only when the gold lists it: top level is the body's); child recall counts gold headings below level 1 found at any level;
  label accuracy is taken over matched headings whose gold labels are given (sets equal);
- documents per file are exact when the counts agree; the kind of each gold document is compared with the
  predicted document at the same position (when the counts agree) or with the one whose title matches;
- a goal or activity matches when its span overlaps the gold snippet's place in the text by at least half of
  the shorter; a period is exact when ISO start and end agree (a gold month ``2024-05`` agrees with any day
  of it; a null start or end, an open end, agrees only with a null one); documents the gold gives no period are
  scored apart (``period_none_right``: no period predicted for them either); a budget is exact when the totals
  in yuan agree; an owner is recalled when some extracted owner (of an activity, a leader's role holder, or
  ``Document.owners``) contains it or is contained in it;
- a gold zone is recalled when a predicted zone of the same kind holds the place of its first words: the line
  after the zone before that is all of them, else the line that starts with them, else their first place.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .model import Analysis, Document, Section, Span

ZONE_SNIPPET = 12  # first characters of a gold zone's first line used to place it
_NOISE = re.compile(r"[\s\u3000，,。．.：:；;、！!？?“”\"‘’'（）()《》〈〉【】\[\]—\-－_·…]+")
_MARKER = re.compile(
    r"^(?:第[一二三四五六七八九十百零〇\d]+[章节条部分篇]|(?:阶段|步骤|环节|专题|模块)[一二三四五六七八九十\d]+[、:：.．]?|[一二三四五六七八九十百]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]"
    r"|\d+(?:[.．]\d+)*[、.．]?|[①-⑳]|[A-Za-z][、.．])\s*"
)


def norm_heading(text: str) -> str:
    """A heading's text for matching: width folded, marker, spaces and punctuation removed."""
    text = unicodedata.normalize("NFKC", text or "").strip()
    words = _NOISE.sub("", _MARKER.sub("", text))
    return words or _NOISE.sub("", text)  # a heading that is all number (2019.10.20, a dated entry) is its number


def headings_match(a: str, b: str) -> bool:
    x, y = norm_heading(a), norm_heading(b)
    if not x or not y:
        return False
    if x == y:
        return True
    short, long_ = (x, y) if len(x) <= len(y) else (y, x)
    return len(short) >= 4 and long_.startswith(short)


def align(gold: Sequence[str], found: Sequence[str]) -> list[tuple[int, int]]:
    """The largest order-preserving set of matched pairs (i in gold, j in found)."""
    n, m = len(gold), len(found)
    best = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            hit = best[i + 1][j + 1] + 1 if headings_match(gold[i], found[j]) else 0
            best[i][j] = max(hit, best[i + 1][j], best[i][j + 1])
    pairs: list[tuple[int, int]] = []
    i = j = 0
    while i < n and j < m:
        if headings_match(gold[i], found[j]) and best[i][j] == best[i + 1][j + 1] + 1:
            pairs.append((i, j))
            i, j = i + 1, j + 1
        elif best[i + 1][j] >= best[i][j + 1]:
            i += 1
        else:
            j += 1
    return pairs


@dataclass
class Tally:
    """Counts behind one set of figures; figures are ratios of these counts."""

    files: int = 0
    files_docs_exact: int = 0
    gold_top: int = 0
    found_top: int = 0
    top_hits: int = 0
    gold_child: int = 0
    child_hits: int = 0
    labelled: int = 0
    labels_ok: int = 0
    kinds: int = 0
    kinds_ok: int = 0
    gold_goals: int = 0
    goal_hits: int = 0
    gold_activities: int = 0
    activity_hits: int = 0
    found_activities: int = 0
    found_activity_hits: int = 0
    periods: int = 0
    periods_ok: int = 0
    periods_none: int = 0
    periods_none_ok: int = 0
    budgets: int = 0
    budgets_ok: int = 0
    gold_owners: int = 0
    owner_hits: int = 0
    gold_zones: int = 0
    zone_hits: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        for name, value in vars(other).items():
            if isinstance(value, int):
                setattr(self, name, getattr(self, name) + value)
        self.misses.extend(other.misses)

    def figures(self) -> dict[str, float | None]:
        def r(a: int, b: int) -> float | None:
            return round(a / b, 3) if b else None

        p, rec = r(self.top_hits, self.found_top), r(self.top_hits, self.gold_top)
        f1 = round(2 * p * rec / (p + rec), 3) if p and rec else (0.0 if p is not None and rec is not None else None)
        return {
            "top_precision": p,
            "top_recall": rec,
            "top_f1": f1,
            "child_recall": r(self.child_hits, self.gold_child),
            "label_accuracy": r(self.labels_ok, self.labelled),
            "kind_accuracy": r(self.kinds_ok, self.kinds),
            "documents_exact": r(self.files_docs_exact, self.files),
            "goals_recall": r(self.goal_hits, self.gold_goals),
            "activities_recall": r(self.activity_hits, self.gold_activities),
            "activities_precision": r(self.found_activity_hits, self.found_activities),
            "period_exact": r(self.periods_ok, self.periods),
            "period_none_right": r(self.periods_none_ok, self.periods_none),
            "budget_exact": r(self.budgets_ok, self.budgets),
            "owners_recall": r(self.owner_hits, self.gold_owners),
            "zone_recall": r(self.zone_hits, self.gold_zones),
        }

    def counts(self) -> dict[str, int]:
        return {k: v for k, v in vars(self).items() if isinstance(v, int)}


def load_gold(path: Path) -> dict[str, Any]:
    import yaml

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not isinstance(data.get("documents"), list):
        raise ValueError(f"{path}: a golden file needs a `documents` list")
    return data


def gold_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.yaml")) if folder.is_dir() else []


# ------------------------------------------------------------------ locating snippets


def _squeeze(text: str) -> tuple[str, list[int]]:
    """Text without whitespace, width folded, with the offset of each kept character."""
    keep: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(text):
        if ch.isspace():
            continue
        keep.append(unicodedata.normalize("NFKC", ch)[:1] or ch)  # one character kept per source character
        where.append(i)
    return "".join(keep), where


class Locator:
    """Finds gold snippets in an analysis text, whitespace and width aside."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.squeezed, self.where = _squeeze(text)

    def find(self, snippet: str, start: int = 0) -> Span | None:
        """Where ``snippet`` first occurs at or after offset ``start`` of the text."""
        needle, _ = _squeeze(snippet)
        if not needle:
            return None
        at = self.squeezed.find(needle, bisect_left(self.where, start))
        if at < 0:
            return None
        return (self.where[at], self.where[at + len(needle) - 1] + 1)

    def find_all(self, snippet: str, within: Span | None = None) -> list[Span]:
        """Every place ``snippet`` occurs, inside ``within`` when given (else anywhere)."""
        needle, _ = _squeeze(snippet)
        if not needle:
            return []
        lo = bisect_left(self.where, within[0]) if within else 0
        hi = bisect_left(self.where, within[1]) if within else len(self.squeezed)
        out: list[Span] = []
        at = self.squeezed.find(needle, lo, hi)
        while at >= 0:
            out.append((self.where[at], self.where[at + len(needle) - 1] + 1))
            at = self.squeezed.find(needle, at + 1, hi)
        return out

    def find_line(self, first: str, start: int = 0) -> Span | None:
        """Where a line that opens with ``first`` begins, at or after ``start``: the line that is all of ``first``,
        else a line that starts with its first words (after a heading's number, which gold zones leave out) (``ZONE_SNIPPET``), else those words anywhere (a reader that
        joined the line to the one before). Words of a zone's first line met earlier inside a line (a title naming
        the issuer that signs, a contents entry) are not its place."""
        snippet = first[:ZONE_SNIPPET]
        needle, _ = _squeeze(snippet)
        whole, _ = _squeeze(first)
        if not needle:
            return None
        opening: Span | None = None
        for at in self.find_all(snippet, (start, len(self.text))):
            if not self._line_start(at[0]) and not self._after_marker(at[0]):
                continue
            line_end = self.text.find("\n", at[0])
            line, _ = _squeeze(self.text[at[0] : line_end if line_end >= 0 else len(self.text)])
            if line == whole:
                return at
            opening = opening or at
        return opening or self.find(snippet, start)

    def whole_lines(self, first: str, within: Span) -> list[Span]:
        """The lines inside ``within`` that are all of ``first`` (whitespace and width aside)."""
        whole, _ = _squeeze(first)
        out: list[Span] = []
        for at in self.find_all(first, within):
            line_end = self.text.find("\n", at[0])
            line, _ = _squeeze(self.text[at[0] : line_end if line_end >= 0 else len(self.text)])
            if self._line_start(at[0]) and line == whole:
                out.append(at)
        return out

    def _line_start(self, pos: int) -> bool:
        before = self.text.rfind("\n", 0, pos)
        return not self.text[before + 1 : pos].strip()

    def _after_marker(self, pos: int) -> bool:
        """Whether only a heading's number comes before ``pos`` on its line (``1 引言`` for a gold ``引言``)."""
        before = self.text.rfind("\n", 0, pos)
        head = self.text[before + 1 : pos].strip()
        return bool(head) and _MARKER.fullmatch(unicodedata.normalize("NFKC", head) + " ") is not None

    def places(self, snippet: str, doc: Document | None) -> list[Span]:
        """Where a gold item of ``doc`` may be: its snippet's places inside the document paired with the gold one
        (a snippet also met in another document, a contents page or a cover table elsewhere is not there); when
        the document does not hold it, its first place in the whole text. A snippet met twice in its document
        (a contents line and the body) is ambiguous: either place is the gold item's."""
        inside = self.find_all(snippet, doc.span) if doc is not None else []
        if inside:
            return inside
        first = self.find(snippet)
        return [first] if first is not None else []


def overlaps_enough(a: Span, b: Span) -> bool:
    inter = min(a[1], b[1]) - max(a[0], b[0])
    shorter = min(a[1] - a[0], b[1] - b[0])
    return shorter > 0 and inter * 2 >= shorter


# ------------------------------------------------------------------ scoring one file


def _title_of(doc: Document) -> str:
    return doc.title or ""


def _pair_documents(gold_docs: list[dict[str, Any]], docs: Sequence[Document]) -> list[Document | None]:
    if len(gold_docs) == len(docs):
        return list(docs)
    out: list[Document | None] = []
    used: set[int] = set()
    for g in gold_docs:
        hit = None
        for i, d in enumerate(docs):
            if i not in used and g.get("title") and headings_match(str(g["title"]), _title_of(d)):
                hit = i
                break
        if hit is not None:
            used.add(hit)
        out.append(docs[hit] if hit is not None else None)
    return out


def _period_ok(gold: dict[str, Any], doc: Document) -> bool:
    if doc.period is None:
        return False
    for key in ("start", "end"):
        want = str(gold.get(key) or "")
        got = str(getattr(doc.period, key) or "")
        if not want and not got:  # an open end agrees with an open end (最迟期限为…: no start is stated)
            continue
        if not want or not got.startswith(want[:10]):
            return False
    return bool(gold.get("start") or gold.get("end"))


def _owners_of(doc: Document) -> list[str]:
    owners = [a.owner for a in doc.activities if a.owner]
    owners += [x for leader in doc.leaders for x in (leader.name, leader.title) if x]
    owners += [o.name for o in doc.owners]
    return owners


def score_file(analysis: Analysis, gold: dict[str, Any], kind_map: dict[str, str] | None = None) -> Tally:
    """Counts for one file: structure (headings, labels, kinds, documents) and extraction."""
    t = Tally(files=1)
    name = Path(str(gold.get("file", analysis.source.path))).name
    gold_docs: list[dict[str, Any]] = list(gold["documents"])
    docs = analysis.documents
    t.files_docs_exact = int(len(gold_docs) == len(docs))
    # headings over the whole file, in order
    gold_heads = [
        (str(h.get("heading", "")), int(h.get("level", 1)), h) for g in gold_docs for h in g.get("outline") or []
    ]
    found = [s for d in docs for s in d.all_sections()]
    attached = {id(s) for d in docs for s in d.all_sections() if _in_attachment(s, d)}
    pairs = align([g[0] for g in gold_heads], [s.heading for s in found])
    matched = dict(pairs)
    hit_found = {j for _, j in pairs}
    t.gold_top = sum(1 for g in gold_heads if g[1] == 1)
    # an attachment's own heading (附件2 …) sits in an attachment zone, not the body: it counts only when listed
    t.found_top = sum(1 for j, s in enumerate(found) if s.level == 1 and (id(s) not in attached or j in hit_found))
    for i, (heading, level, raw) in enumerate(gold_heads):
        j = matched.get(i)
        if level == 1:
            if j is not None and found[j].level == 1:
                t.top_hits += 1
            else:
                t.misses.append(f"{name}: 一级标题未对上 {heading}")
        else:
            t.gold_child += 1
            if j is not None:
                t.child_hits += 1
        labels = raw.get("labels")
        if j is not None and labels:
            t.labelled += 1
            ok = set(found[j].labels) == set(labels)
            t.labels_ok += ok
            if not ok:
                t.misses.append(f"{name}: 标签 {heading} 应为 {labels}，得到 {list(found[j].labels)}")
    # kinds, extraction, per gold document
    locator = Locator(analysis.text)
    for g, d in zip(gold_docs, _pair_documents(gold_docs, docs), strict=True):
        if g.get("kind"):
            t.kinds += 1
            got = (kind_map or {}).get(d.doc_type or "", d.doc_type) if d is not None else None
            t.kinds_ok += got == g["kind"]
            if got != g["kind"]:
                t.misses.append(f"{name}: 文种应为 {g['kind']}，得到 {got}")
        _score_zones(t, g, d, locator, name)
        _score_extraction(t, g, d, locator, name)
    return t


def _in_attachment(section: Section, doc: Document) -> bool:
    start = section.heading_span[0]
    return any(z.kind == "attachment" and z.span[0] <= start < z.span[1] for z in doc.zones)


def _score_zones(t: Tally, g: dict[str, Any], d: Document | None, locator: Locator, name: str) -> None:
    """A gold zone is recalled when a predicted zone of its kind holds the place of its first words.

    A first line met again, whole, before the next gold zone's place (a web page's 文号 in its metadata block,
    then over the text) is ambiguous: the zone may open at either place.
    """
    after = d.span[0] if d is not None else 0  # zones are in order: each is looked for after the one before
    placed: list[tuple[dict[str, Any], str, Span]] = []
    for zone in g.get("zones") or []:
        first = str(zone.get("first") or "") if isinstance(zone, dict) else ""
        where = locator.find_line(first, after) if first else None
        if where is None:
            continue  # a zone whose first words cannot be placed is not scored
        after = where[1]
        placed.append((zone, first, where))
    for k, (zone, first, where) in enumerate(placed):
        stop = placed[k + 1][2][0] if k + 1 < len(placed) else len(locator.text)
        places = [where, *locator.whole_lines(first, (where[1], stop))]
        t.gold_zones += 1
        if d is not None and any(
            z.kind == zone.get("kind") and z.span[0] <= w[0] < z.span[1] for z in d.zones for w in places
        ):
            t.zone_hits += 1
        else:
            t.misses.append(f"{name}: 分区未对上 {zone.get('kind')} {first[:15]}")


def _score_extraction(t: Tally, g: dict[str, Any], d: Document | None, locator: Locator, name: str) -> None:
    goals = [x for x in g.get("goals") or [] if x and x.get("text")]
    t.gold_goals += len(goals)
    for goal in goals:
        places = locator.places(str(goal["text"]), d)
        if d is not None and any(overlaps_enough(w, x.span) for w in places for x in d.goals):
            t.goal_hits += 1
        else:
            t.misses.append(f"{name}: 目标未抽出 {goal['text']}")
    acts = [x for x in g.get("activities") or [] if x and (x.get("text") or x.get("name"))]
    t.gold_activities += len(acts)
    gold_spans: list[Span] = []
    for act in acts:
        places = locator.places(str(act.get("text") or act.get("name")), d)
        gold_spans.extend(places)
        if d is not None and any(overlaps_enough(w, x.span) for w in places for x in d.activities):
            t.activity_hits += 1
        else:
            t.misses.append(f"{name}: 活动未抽出 {act.get('name') or act.get('text')}")
    if acts and d is not None:  # precision only where the gold lists the document's activities
        t.found_activities += len(d.activities)
        t.found_activity_hits += sum(1 for x in d.activities if any(overlaps_enough(x.span, s) for s in gold_spans))
    if g.get("period"):
        t.periods += 1
        ok = d is not None and _period_ok(g["period"], d)
        t.periods_ok += ok
        if not ok:
            got = (d.period.start, d.period.end) if d is not None and d.period else None
            t.misses.append(f"{name}: 时段应为 {g['period']}，得到 {got}")
    elif d is not None:  # the gold says the document has no period of its own: predicting one is an error too
        t.periods_none += 1
        t.periods_none_ok += d.period is None
        if d.period is not None:
            t.misses.append(f"{name}: 不应有时段，得到 {(d.period.start, d.period.end)}")
    if g.get("budget") and g["budget"].get("total") is not None:
        t.budgets += 1
        total = d.budget.total if d is not None and d.budget else None
        ok = total is not None and abs(float(total) - float(g["budget"]["total"])) < 0.5
        t.budgets_ok += ok
        if not ok:
            t.misses.append(f"{name}: 经费合计应为 {g['budget']['total']}，得到 {total}")
    owners = [str(x) for x in g.get("owners") or [] if x]
    t.gold_owners += len(owners)
    found_owners = [norm_heading(x) for x in _owners_of(d)] if d is not None else []
    for owner in owners:
        key = norm_heading(owner)
        if key and any(key in x or (len(x) >= 2 and x in key) for x in found_owners):
            t.owner_hits += 1
        else:
            t.misses.append(f"{name}: 责任主体未抽出 {owner}")


def evaluate_folder(folder: Path, shared: Path, kind_map: dict[str, str] | None = None) -> tuple[Tally, list[str]]:
    """Analyse the file behind each golden file of ``folder`` (paths below ``shared``) and add up the counts.

    Returns the counts and the golden files whose source is absent (reported, not scored).
    """
    from .pipeline import analyse

    total = Tally()
    absent: list[str] = []
    for path in gold_files(folder):
        gold = load_gold(path)
        source = shared / str(gold.get("file", ""))
        if not source.is_file():
            absent.append(path.name)
            continue
        total.add(score_file(analyse(source, stages="extract"), gold, kind_map))
    return total, absent


# ------------------------------------------------------------------ judged findings (../shared/audit)


@dataclass(frozen=True)
class Judged:
    """One finding judged by a reviewer: T (true), F (false alarm) or D (debatable)."""

    file: str
    document: int
    rule: str
    severity: str
    evidence: str
    verdict: str
    reason: str


def load_judged(path: Path) -> list[Judged]:
    import csv

    rows: list[Judged] = []
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            rows.append(
                Judged(
                    file=row["file"],
                    document=int(row["document"] or 0),
                    rule=row["rule"],
                    severity=row["severity"],
                    evidence=row.get("evidence (first 40 chars)") or "",
                    verdict=row["verdict"],
                    reason=row.get("reason") or "",
                )
            )
    return rows


def _common_run(a: str, b: str) -> int:
    """Length of the longest common substring (evidence is short: quadratic is fine)."""
    best = 0
    prev = [0] * (len(b) + 1)
    for ca in a:
        cur = [0] * (len(b) + 1)
        for j, cb in enumerate(b, 1):
            if ca == cb:
                cur[j] = prev[j - 1] + 1
                best = max(best, cur[j])
        prev = cur
    return best


def evidence_overlaps(judged: str, found: str) -> bool:
    """The two evidences share a run of at least half of the shorter (whitespace aside)."""
    a, _ = _squeeze(judged)
    b, _ = _squeeze(found[: len(judged) + 40])
    shorter = min(len(a), len(b))
    if shorter == 0:
        return not a and not b
    return _common_run(a, b) * 2 >= shorter


def judged_document(j: Judged, analysis: Analysis) -> Document | None:
    """The document a judged finding belongs to today.

    The judged index counts documents as the segmenter split the file when the finding was judged; when the
    segmentation has changed since (a form and its bound plan, a notice and its plan are now two documents),
    the document is the one whose text holds the judged evidence, so a finding is followed, not lost.
    """
    docs = analysis.documents
    needle, _ = _squeeze(j.evidence[:20])
    if needle:
        holding = [d for d in docs if needle in _squeeze(analysis.text[d.span[0] : d.span[1]])[0]]
        if len(holding) == 1:
            return holding[0]
        if holding and j.document < len(docs) and docs[j.document] in holding:
            return docs[j.document]
    return docs[j.document] if j.document < len(docs) else None


def still_raised(j: Judged, analysis: Analysis, successors: dict[str, list[str]] | None = None) -> bool:
    """Whether an error or warn finding of the same file and document still reports what ``j`` judged."""
    doc = judged_document(j, analysis)
    if doc is None:
        return False
    rules = {j.rule, *(successors or {}).get(j.rule, [])}
    for f in doc.findings:
        if f.severity not in ("error", "warn") or f.rule not in rules:
            continue
        quote = f.evidence or (analysis.text[f.span[0] : f.span[1]] if f.span else "")
        if evidence_overlaps(j.evidence, quote):
            return True
    return False


# ------------------------------------------------------------------ the same gold on rendered files (variants)
#
# The gold is written against a document's text, not its format: the same file rendered to PDF by LibreOffice
# (``pdf``), or its pages rendered to images and put back as an image-only PDF that the reader must recognise
# by OCR (``scan``), must give the same outline, kinds, zones and extraction. Rendered files are cached below
# the system temp dir, keyed by the source file's hash; nothing is written into the repository.

VARIANTS = ("pdf", "scan")
# what LibreOffice renders to PDF (a PDF original is its own pdf variant; an OFD is not rendered)
RENDERABLE = (".doc", ".docx", ".wps", ".txt", ".html", ".htm", ".rtf", ".odt", ".wpt", ".dot", ".dotx")
SCAN_DPI = 200  # the page images of a scan: an office scanner's usual resolution
SOFFICE_TIMEOUT = 180  # seconds for one file


class VariantSkipped(Exception):
    """A source file that cannot be rendered as the variant asked for (the reason is the message)."""


@dataclass
class VariantFile:
    """One gold file scored on its original and on each rendering that could be made."""

    gold: str
    source: str
    original: Tally
    variants: dict[str, Tally] = field(default_factory=dict)
    skipped: dict[str, str] = field(default_factory=dict)


def variant_cache_dir() -> Path:
    import tempfile

    return Path(tempfile.gettempdir()) / "cxzy_variants"


def file_digest(path: Path) -> str:
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()[:20]


def soffice_binary() -> str | None:
    import shutil

    return shutil.which("soffice") or shutil.which("libreoffice")


def render_pdf(source: Path, cache: Path) -> Path:
    """``source`` as LibreOffice prints it to PDF (cached); a PDF original is returned as it is."""
    import os
    import shutil
    import subprocess

    suffix = source.suffix.lower()
    if suffix == ".pdf":
        return source
    if suffix not in RENDERABLE:
        raise VariantSkipped(f"{suffix or '无扩展名'} 文件不由 LibreOffice 渲染")
    out_dir = cache / "pdf"
    target = out_dir / f"{file_digest(source)}.pdf"
    failed = target.with_suffix(".failed")
    if target.is_file():
        return target
    if failed.is_file():
        raise VariantSkipped(failed.read_text(encoding="utf-8"))
    office = soffice_binary()
    if office is None:
        raise VariantSkipped("未安装 LibreOffice（soffice）")
    work = cache / "work" / f"{target.stem}-{os.getpid()}"  # two evaluations at once do not share a folder
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    copy = work / f"{target.stem}{suffix}"
    shutil.copyfile(source, copy)
    profile = (cache / f"profile-{os.getpid()}").resolve()  # nor a LibreOffice profile (one instance each)
    command = [office, f"-env:UserInstallation=file://{profile}", "--headless"]
    if suffix == ".txt":  # plain text is read as UTF-8 (the readers' own decoding is not LibreOffice's guess)
        command.append("--infilter=Text (encoded):UTF8,LF,,,")
    command += ["--convert-to", "pdf", "--outdir", str(work), str(copy)]
    reason = ""
    try:
        done = subprocess.run(command, capture_output=True, timeout=SOFFICE_TIMEOUT, check=False)
        made = work / f"{target.stem}.pdf"
        if made.is_file() and made.stat().st_size > 0:
            out_dir.mkdir(parents=True, exist_ok=True)
            shutil.move(str(made), target.with_suffix(f".{os.getpid()}.part"))
            target.with_suffix(f".{os.getpid()}.part").replace(target)
        else:
            said = (done.stderr or done.stdout).decode("utf-8", "replace").strip().splitlines()
            reason = f"LibreOffice 未能转换（{said[-1][:80] if said else f'退出码 {done.returncode}'}）"
    except subprocess.TimeoutExpired:
        reason = f"LibreOffice 转换超时（{SOFFICE_TIMEOUT} 秒）"
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if reason:
        failed.parent.mkdir(parents=True, exist_ok=True)
        failed.write_text(reason, encoding="utf-8")
        raise VariantSkipped(reason)
    return target


def render_scan(pdf: Path, cache: Path, dpi: int = SCAN_DPI) -> Path:
    """An image-only PDF of ``pdf``'s pages rendered at ``dpi`` (JPEG, as a scanner stores them), cached."""
    import pypdfium2
    from PIL import Image

    target = cache / "scan" / f"{file_digest(pdf)}-{dpi}.pdf"
    if target.is_file():
        return target
    doc = pypdfium2.PdfDocument(str(pdf))
    images: list[Image.Image] = []
    try:
        for index in range(len(doc)):
            page = doc[index]
            try:
                bitmap = page.render(scale=dpi / 72, rev_byteorder=True)
                images.append(bitmap.to_pil().convert("RGB"))
                bitmap.close()
            finally:
                page.close()
    finally:
        doc.close()
    if not images:
        raise VariantSkipped("PDF 没有页")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".part")
    images[0].save(partial, format="PDF", save_all=True, append_images=images[1:], resolution=float(dpi))
    partial.replace(target)
    return target


def render_variant(source: Path, variant: str, cache: Path) -> Path:
    """The rendered file of ``source`` for ``variant`` (``pdf`` or ``scan``); :class:`VariantSkipped` if none."""
    if variant == "pdf":
        if source.suffix.lower() == ".pdf":
            raise VariantSkipped("原文件即 PDF")
        return render_pdf(source, cache)
    if variant == "scan":
        return render_scan(render_pdf(source, cache), cache)
    raise ValueError(f"unknown variant {variant!r} (known: {', '.join(VARIANTS)})")


class _MemoEngine:
    """The OCR engine with its answers kept on disk by the image they were asked about, so that a second
    evaluation of the same scans re-runs everything after recognition (text normalisation, reading order,
    layout) without recognising again. A changed image preparation gives other images, so it is honoured."""

    def __init__(self, engine: Any, folder: Path) -> None:
        self.engine, self.folder = engine, folder

    def __call__(self, image: Any, *args: Any, **kwargs: Any) -> Any:
        import hashlib
        import json
        from types import SimpleNamespace

        key = hashlib.sha256(repr(image.shape).encode() + image.tobytes()).hexdigest()[:24]
        path = self.folder / f"{key}.json"
        if path.is_file():
            data = json.loads(path.read_text(encoding="utf-8"))
        else:
            result = self.engine(image, *args, **kwargs)
            boxes = getattr(result, "boxes", None)
            data = {
                "boxes": None if boxes is None else [[[float(v) for v in p] for p in box] for box in boxes],
                "txts": [str(x) for x in (result.txts or ())] if boxes is not None else [],
                "scores": [float(x) for x in (result.scores or ())] if boxes is not None else [],
            }
            self.folder.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        return SimpleNamespace(**data)


def memo_ocr(folder: Path) -> Any:
    """A context in which recognition answers are kept in ``folder`` (see :class:`_MemoEngine`)."""
    import contextlib

    from .read import ocr

    @contextlib.contextmanager
    def patched() -> Any:
        original = ocr.engine
        memo = _MemoEngine(original(), folder) if ocr.ocr_available() else None
        if memo is not None:
            ocr.engine = lambda: memo  # type: ignore[assignment]
        try:
            yield
        finally:
            ocr.engine = original

    return patched()


def sample_evenly(items: Sequence[Any], limit: int | None) -> list[Any]:
    """At most ``limit`` of ``items``, spread evenly over them (the first, then every k-th), in order."""
    if limit is None or limit >= len(items):
        return list(items)
    if limit <= 0:
        return []
    step = len(items) / limit
    return [items[int(i * step)] for i in range(limit)]


def evaluate_variants(
    folder: Path,
    shared: Path,
    variants: Sequence[str],
    *,
    cache: Path | None = None,
    limits: dict[str, int] | None = None,
    kind_map: dict[str, str] | None = None,
    progress: Any = None,
) -> list[VariantFile]:
    """Score each gold file of ``folder`` on its original and on each variant's rendering of it.

    ``limits`` caps how many files a variant renders (an even sample of the files it can render; OCR is slow).
    ``progress`` (a callable taking a line of text) hears each file as it is done.
    Only the files some variant renders are scored (on their original too).
    """
    for v in variants:
        if v not in VARIANTS:
            raise ValueError(f"unknown variant {v!r} (known: {', '.join(VARIANTS)})")
    cache = cache or variant_cache_dir()
    entries: list[tuple[Path, dict[str, Any], Path]] = []
    for path in gold_files(folder):
        gold = load_gold(path)
        source = shared / str(gold.get("file", ""))
        if source.is_file():
            entries.append((path, gold, source))
    chosen: dict[str, set[str]] = {}
    for v in variants:
        able = [e for e in entries if v == "scan" or e[2].suffix.lower() != ".pdf"]
        if v in ("pdf", "scan"):
            able = [e for e in able if e[2].suffix.lower() in (*RENDERABLE, ".pdf")]
        chosen[v] = {e[0].name for e in sample_evenly(able, (limits or {}).get(v))}
    out: list[VariantFile] = []
    try:
        _score_variants(entries, variants, chosen, cache, kind_map, progress, out)
    finally:  # this process's LibreOffice profile
        import os
        import shutil

        shutil.rmtree(cache / f"profile-{os.getpid()}", ignore_errors=True)
    return out


def _score_variants(
    entries: list[tuple[Path, dict[str, Any], Path]],
    variants: Sequence[str],
    chosen: dict[str, set[str]],
    cache: Path,
    kind_map: dict[str, str] | None,
    progress: Any,
    out: list[VariantFile],
) -> None:
    from .pipeline import analyse

    with memo_ocr(cache / "ocr"):
        for path, gold, source in entries:
            if not any(path.name in chosen[v] for v in variants):
                continue
            record = VariantFile(
                path.name, str(gold.get("file", "")), score_file(analyse(source, stages="extract"), gold, kind_map)
            )
            for v in variants:
                if path.name not in chosen[v]:
                    continue
                try:
                    rendered = render_variant(source, v, cache)
                except VariantSkipped as exc:
                    record.skipped[v] = str(exc)
                    continue
                record.variants[v] = score_file(analyse(rendered, stages="extract"), gold, kind_map)
            out.append(record)
            if progress is not None:
                done = ", ".join(sorted(record.variants)) or "-"
                progress(f"{path.name}: {done}" + "".join(f"; {v} 跳过：{r}" for v, r in record.skipped.items()))


def variant_totals(records: Sequence[VariantFile], variant: str) -> tuple[Tally, Tally]:
    """The original's counts and the variant's, over the files the variant was scored on."""
    original, rendered = Tally(), Tally()
    for r in records:
        if variant in r.variants:
            original.add(r.original)
            rendered.add(r.variants[variant])
    return original, rendered
