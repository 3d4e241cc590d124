"""What copy detection calls copying and boilerplate (issue 19), on the project's generated plans.

Copies of one document are copying whatever the number of owners; boilerplate is stock
formulas, templates and text shared by many *unrelated* documents; an unchanged resubmission
is reported against its indexed entry, a file checked again is not reported against itself.
"""

from __future__ import annotations

import hashlib
import sys
from itertools import permutations

import pytest

from cxzy_nlp.dedup import Corpus, DedupResult, Owner, build_corpus, compare, findings_from_result
from cxzy_nlp.dedup.render import result_to_dict, result_to_text
from cxzy_nlp.model import Analysis, Document, SourceInfo
from cxzy_nlp.synth import generate_copy_family, generate_plan
from cxzy_nlp.synth.copies import insert_passage

DEPARTMENTS = ("财政局", "教育局", "民政局", "水利局", "卫健委", "交通局", "商务局")
# A paragraph every unrelated plan below also carries (written for this test).
SHARED = "全区统一使用政务服务平台受理申请，材料不全的一次性告知申请人需要补正的全部内容，办理结果通过短信告知。"


def as_analysis(path: str, text: str) -> Analysis:
    """One file holding one document, as the pipeline would give it."""
    title = text.split("\n", 1)[0][:40]
    src = SourceInfo(path=path, format="txt", sha256=hashlib.sha256(text.encode()).hexdigest(), size=len(text))
    return Analysis(source=src, text=text, documents=(Document(title=title, span=(0, len(text))),))


def corpus_of(analyses: list[Analysis]) -> Corpus:
    """A corpus whose owners come from the `dept/year/file` layout (the corpus layer's folder rule)."""
    owners = {}
    for a in analyses:
        parts = a.source.path.split("/")
        if len(parts) >= 3 and parts[1].isdigit():
            owners[a.source.path] = Owner(parts[0], int(parts[1]))
    return build_corpus(analyses, owners=owners)


def shares(result: DedupResult) -> dict[str, tuple[float, float]]:
    """(copied, boilerplate) share of every input document, by path."""
    return {result.doc(d).path: (c.copied_share, c.boilerplate_share) for d, c in result.documents.items()}


def unrelated_plans(n: int, with_shared: bool = True) -> list[str]:
    """``n`` plans of different seeds (different themes and units), each carrying SHARED when asked."""
    texts = []
    for i in range(n):
        plan = generate_plan(100 + 17 * i, faults=False, size=3, wrapper="plain")
        if with_shared:
            plan = insert_passage(plan, SHARED, 3, "shared")
        texts.append(plan.text)
    return texts


# ------------------------------------------------------------------ copies of one document


@pytest.mark.parametrize("owners", [2, 4, 7])
def test_identical_documents_are_copies_whatever_the_number_of_owners(owners: int) -> None:
    text = generate_plan(3, faults=False, size=3, wrapper="plain").text
    plans = [as_analysis(f"{dept}/2024/plan.txt", text) for dept in DEPARTMENTS[:owners]]
    result = compare(corpus_of(plans))
    assert result.families == [list(range(owners))]
    for d, copy in result.documents.items():
        assert copy.shared_share > 0.95 and copy.copied_share >= 0.7, (d, copy)
    assert {b.kind for b in result.boilerplate} <= {"stock"}  # never "common": one document's copies
    between = [p for p in result.pairs if p.a != p.b]  # (a plan repeating a passage inside itself is a pair too)
    assert all(p.whole_document for p in between) and len(between) == owners * (owners - 1) // 2
    findings = findings_from_result(result)
    assert set(findings) == {p.source.path for p in plans}
    message = findings["财政局/2024/plan.txt"][0].message
    assert "教育局2024年" in message and "plan.txt" in message  # who and when
    assert "整篇雷同" in result_to_text(result)


def test_control_without_families_identical_documents_look_like_boilerplate(monkeypatch: pytest.MonkeyPatch) -> None:
    """The old rule (text of four or more owners is boilerplate) gives the wrong answer the test above rejects."""
    module = sys.modules["cxzy_nlp.dedup.compare"]
    monkeypatch.setattr(module, "document_families", lambda corpus, *args: list(range(len(corpus.docs))))
    text = generate_plan(3, faults=False, size=3, wrapper="plain").text
    result = compare(corpus_of([as_analysis(f"{dept}/2024/plan.txt", text) for dept in DEPARTMENTS[:4]]))
    assert all(copied < 0.1 and boiler > 0.9 for copied, boiler in shares(result).values())


@pytest.mark.parametrize("seed", [5, 6])
def test_near_identical_copies_form_one_family_and_are_copies(seed: int) -> None:
    family = generate_copy_family(seed, n_departments=5, edit_rate=0.05, scenario="unit-swap", n_independent=2)
    plans = [as_analysis(f"{DEPARTMENTS[i]}/2024/plan.txt", m.text) for i, m in enumerate(family.members)]
    with_others = compare(corpus_of(plans))
    assert with_others.families == [[0, 1, 2, 3, 4]]  # the independent plans 5 and 6 stay apart
    for d in (5, 6):
        assert with_others.documents[d].largest_source_share < 0.3
    alone = compare(corpus_of(plans[:5]))  # with no unrelated plan, nothing but stock text is boilerplate
    for d in range(5):
        copy = alone.documents[d]
        assert copy.copied_share >= 0.7 and copy.copied_share > 2 * copy.boilerplate_share, (d, copy)
        assert copy.largest_source_share >= 0.6 and copy.sources[0].doc in range(5)
        assert {b.kind for b in alone.boilerplate} <= {"stock"}


def test_last_year_plan_recycled_is_reported_against_last_year() -> None:
    family = generate_copy_family(6, n_departments=2, edit_rate=0.03, scenario="last-year", n_independent=0)
    old, new = family.members
    assert old.year is not None and new.year is not None and old.year < new.year
    plans = [as_analysis(f"财政局/{old.year}/plan.txt", old.text), as_analysis(f"财政局/{new.year}/plan.txt", new.text)]
    result = compare(corpus_of(plans))
    message = findings_from_result(result)[f"财政局/{new.year}/plan.txt"][0].message
    assert f"财政局{old.year}年" in message
    assert result.documents[1].copied_share >= 0.7


# ------------------------------------------------------------------ boilerplate from unrelated documents


def test_text_shared_by_unrelated_documents_is_common_boilerplate() -> None:
    plans = [
        as_analysis(f"{dept}/2024/plan.txt", t) for dept, t in zip(DEPARTMENTS[:5], unrelated_plans(5), strict=True)
    ]
    result = compare(corpus_of(plans))
    assert result.families == []
    holding = [
        b for b in result.boilerplate if "政务服务平台" in result.corpus.text_of(result.doc(b.doc))[slice(*b.span)]
    ]
    assert {b.kind for b in holding} == {"common"} and {result.doc(b.doc).path for b in holding} == {
        p.source.path for p in plans
    }
    assert min(b.owners for b in holding) >= 4
    text = {d: result.corpus.text_of(result.doc(d)) for d in range(len(plans))}
    assert not any("政务服务平台" in text[c.doc_a][slice(*c.span_a)] for c in result.copies)


def test_common_text_counts_a_family_of_copies_once() -> None:
    """Four copies of one plan plus three unrelated plans: the family is one owner of the shared paragraph.

    Four owners (the family and three unrelated plans) share it, so it is common; the rest of the
    family's text is copying.
    """
    copied = unrelated_plans(1)[0].replace(SHARED, SHARED)  # one plan carrying the paragraph
    texts = [copied] * 4 + unrelated_plans(4, with_shared=True)[1:]
    plans = [as_analysis(f"{dept}/2024/plan.txt", t) for dept, t in zip(DEPARTMENTS, texts, strict=True)]
    result = compare(corpus_of(plans))
    assert result.families == [[0, 1, 2, 3]]
    kinds = {
        (b.doc, b.kind)
        for b in result.boilerplate
        if "政务服务平台" in result.corpus.text_of(result.doc(b.doc))[slice(*b.span)]
    }
    assert {d for d, kind in kinds if kind == "common"} == set(range(7))
    for d in range(4):  # the unrelated plans share much generated wording with the family: that part is common
        assert result.documents[d].copied_share >= 0.4 and result.documents[d].largest_source_share >= 0.4


def test_shares_do_not_depend_on_the_order_of_the_files() -> None:
    """A family's owner is its smallest, not its first; seed-and-extend looks both ways from a copied pair
    (it looked one way only, so a passage at the window's edge was found in one file order and not the other)."""
    text = generate_plan(3, faults=False, size=2, wrapper="plain").text
    texts = [text, text, *unrelated_plans(2)]
    plans = [as_analysis(f"{dept}/2024/plan.txt", t) for dept, t in zip(DEPARTMENTS, texts, strict=False)]
    seen = set()
    for order in permutations(range(4)):
        result = compare(corpus_of([plans[i] for i in order]))
        assert len(result.families) == 1
        seen.add(tuple(sorted((p, round(c, 6), round(b, 6)) for p, (c, b) in shares(result).items())))
    assert len(seen) == 1


# ------------------------------------------------------------------ resubmissions and the index


def _with_index(inputs: list[tuple[str, str]], indexed: list[tuple[str, str, Owner]]) -> DedupResult:
    corpus = build_corpus([as_analysis(p, t) for p, t in inputs])
    owners = {p: o for p, _, o in indexed}
    build_corpus([as_analysis(p, t) for p, t, _ in indexed], role="index", owners=owners, corpus=corpus)
    return compare(corpus)


def test_unchanged_resubmission_is_reported_against_its_earlier_entry() -> None:
    text = generate_plan(8, faults=False, size=2, wrapper="plain").text
    other = unrelated_plans(1, with_shared=False)[0]
    result = _with_index(
        [("收文/2025/财政局.txt", text)],
        [("收文/2024/财政局.txt", text, Owner("财政局", 2024)), ("收文/2024/教育局.txt", other, Owner("教育局", 2024))],
    )
    assert [p.whole_document for p in result.pairs if p.a != p.b] == [True]  # a != b: not repetition inside one plan
    message = findings_from_result(result)["收文/2025/财政局.txt"][0].message
    assert "财政局2024年" in message and "收文/2024/财政局.txt" not in message and "财政局.txt" in message


@pytest.mark.parametrize(
    ("checked", "indexed", "reported"),
    [
        ("2024/财政局.txt", "2024/财政局.txt", False),  # the same file checked again
        ("2024/财政局.txt", "收文/2024/财政局.txt", False),  # ... from another working folder
        ("2025/财政局.txt", "2024/财政局.txt", True),  # resubmitted under another year
        ("2024/财政局.txt", "2024/财政局-重报.txt", True),  # ... under another name
    ],
)
def test_a_file_checked_again_is_not_its_own_copy(checked: str, indexed: str, reported: bool) -> None:
    text = generate_plan(8, faults=False, size=2, wrapper="plain").text
    result = _with_index([(checked, text)], [(indexed, text, Owner("财政局", 2024))])
    assert any(p.a != p.b for p in result.pairs) is reported  # repetition inside the plan is not its own copy


def test_an_edited_version_at_the_same_path_is_still_compared() -> None:
    text = generate_plan(8, faults=False, size=2, wrapper="plain").text
    edited = text.replace("。", "。另行通知。", 1)
    result = _with_index([("2024/财政局.txt", edited)], [("2024/财政局.txt", text, Owner("财政局", 2024))])
    assert result.pairs and result.pairs[0].share_a > 0.8


# ------------------------------------------------------------------ output


def test_control_characters_in_names_are_escaped_in_the_text_report() -> None:
    text = generate_plan(3, faults=False, size=2, wrapper="plain").text
    plans = [as_analysis("a/\x1b[31mred\x1b[0m.txt", text), as_analysis("b/\u202eevil.txt", text)]
    result = compare(corpus_of(plans))
    report = result_to_text(result)
    assert "\x1b" not in report and "\u202e" not in report
    assert "\\x1b[31mred" in report and "\\u202e" in report
    assert result_to_dict(result)["pairs"][0]["whole_document"] is True
