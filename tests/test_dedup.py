"""Copy detection: passages, MinHash LSH, alignment, boilerplate, shares, findings, rendering, CLI."""

from __future__ import annotations

import json
import os
from collections import Counter, defaultdict
from itertools import combinations, pairwise
from pathlib import Path

import pytest
from dedup_helpers import COPIED, OTHER_A, OTHER_B, STOCK, analysis
from hypothesis import given, settings
from hypothesis import strategies as st

from cxzy_nlp.corpus.check import corpus_findings
from cxzy_nlp.corpus.owners import resolve_owners
from cxzy_nlp.dedup import DedupRules, build_corpus, compare
from cxzy_nlp.dedup.align import align
from cxzy_nlp.dedup.minhash import MinHashRules, estimated_jaccard, jaccard, lsh_candidates, signatures
from cxzy_nlp.dedup.passages import PassageRules, passage_spans, strip_key
from cxzy_nlp.dedup.render import result_to_dict, result_to_html, result_to_text

FIXTURES = Path(__file__).parent / "fixtures"

# ------------------------------------------------------------------ passages

# fmt: off
PASSAGE_CASES = [
    # text, min_chars, expected passages
    ("第一句话写得足够长了。第二句也写得足够长了。", 8, ["第一句话写得足够长了。", "第二句也写得足够长了。"]),
    ("短。也短。这一句终于写得足够长。", 8, ["短。也短。这一句终于写得足够长。"]),
    ("一行内容足够长度\n另一行内容足够长度", 6, ["一行内容足够长度\n", "另一行内容足够长度"]),
    ("足够长度的一句话呀；尾巴", 6, ["足够长度的一句话呀；尾巴"]),
]
# fmt: on


@pytest.mark.parametrize(("text", "min_chars", "expected"), PASSAGE_CASES)
def test_passages_cut_and_merge(text: str, min_chars: int, expected: list[str]) -> None:
    spans = passage_spans(text, (0, len(text)), PassageRules(min_chars=min_chars))
    assert [text[s:e] for s, e in spans] == expected


@given(st.text(alphabet="甲乙丙丁戊己庚辛。；！\n，ab1 ", max_size=300))
@settings(max_examples=60, deadline=None)
def test_passages_lie_inside_and_do_not_overlap(text: str) -> None:
    spans = passage_spans(text, (0, len(text)), PassageRules(min_chars=5, max_chars=30))
    for (_, e0), (s1, _) in pairwise(spans):
        assert e0 <= s1
    assert all(0 <= s < e <= len(text) for s, e in spans)
    assert strip_key("".join(text[s:e] for s, e in spans)) == strip_key(text)


def test_key_ignores_punctuation_and_spacing() -> None:
    assert strip_key("推进，“放管服” 改革；") == strip_key("推进放管服改革。") == "推进放管服改革"


# ------------------------------------------------------------------ minhash and alignment


def test_signatures_are_deterministic_and_estimate_jaccard() -> None:
    rules = MinHashRules(shingle=4, perms=96, bands=32, rows=3)
    keys = [strip_key(COPIED), strip_key(COPIED[:40] + OTHER_A[:30]), strip_key(OTHER_B)]
    first, second = signatures(keys, rules), signatures(keys, rules)
    assert (first == second).all()
    pairs = __import__("numpy").array([[0, 1], [0, 2]])
    est = estimated_jaccard(first, pairs)
    assert abs(est[0] - jaccard(keys[0], keys[1], 4)) < 0.15
    assert est[1] < 0.05


def test_injected_hash_is_used() -> None:
    rules = MinHashRules(shingle=2, perms=8, bands=4, rows=2)
    constant = signatures(["甲乙丙丁", "戊己庚辛"], rules, shingle_hash=lambda s: 7)
    assert (constant[0] == constant[1]).all()  # every shingle hashes alike, so the keys look identical
    assert not (signatures(["甲乙丙丁", "戊己庚辛"], rules)[0] == signatures(["戊己庚辛"], rules)[0]).all()


KEYS = st.text(alphabet="农业局推广种养模式基地技术员带动增收", min_size=0, max_size=60)


@given(KEYS, KEYS)
@settings(max_examples=80, deadline=None)
def test_similarity_is_symmetric(a: str, b: str) -> None:
    text = a + "\n" + b
    one = align(text, (0, len(a)), text, (len(a) + 1, len(text)))
    two = align(text, (len(a) + 1, len(text)), text, (0, len(a)))
    assert (one is None) == (two is None)
    if one is not None and two is not None:
        assert one.similarity == two.similarity and one.matched == two.matched
        assert (one.span_a, one.span_b) == (two.span_b, two.span_a)
    assert jaccard(a, b, 3) == jaccard(b, a, 3)


def test_alignment_maps_back_to_spans_in_the_text() -> None:
    a = "前言。" + COPIED
    b = COPIED.replace("，", "、").replace("青山区", "白河县")
    text = a + "\n" + b
    al = align(text, (0, len(a)), text, (len(a) + 1, len(text)))
    assert al is not None and al.similarity > 0.8
    assert text[al.span_a[0] : al.span_a[1]].endswith("以上")
    assert "白河县" not in text[al.span_b[0] : al.span_b[1]][:3]


# ------------------------------------------------------------------ edits still found


def _reorder(text: str) -> str:
    first, second, *_ = text.split("，", 2)
    return text.replace(first + "，" + second, second + "，" + first)


# fmt: off
EDITS = [
    ("identical", COPIED),
    ("punctuation", COPIED.replace("，", "；").replace("。", "！")),
    ("unit swapped", COPIED.replace("青山区农业农村局", "白河县农业农村局")),
    ("reordered", _reorder(COPIED)),
    ("lightly edited", COPIED.replace("三个", "四个").replace("两名", "三名").replace("增收", "致富")),
]
# fmt: on


@pytest.mark.parametrize(("edit", "copy"), EDITS, ids=[e for e, _ in EDITS])
def test_edited_copy_is_found_between_files(edit: str, copy: str) -> None:
    corpus = build_corpus([analysis("a/plan.txt", OTHER_A + COPIED), analysis("b/plan.txt", OTHER_B + copy)])
    result = compare(corpus)
    assert result.copies, edit  # changed sentence ends may cut the copy into several passages
    for c in result.copies:
        assert {result.doc(c.doc_a).path, result.doc(c.doc_b).path} == {"a/plan.txt", "b/plan.txt"}
    assert len(result.pairs) == 1 and result.pairs[0].share_a > 0.3 and result.pairs[0].share_b > 0.3


def test_heavily_edited_neighbour_of_a_copy_is_found() -> None:
    """Seed and extend: a passage reworded beyond MinHash's reach is found next to a copied one."""
    # every fourth character of COPIED changed: no 4-character shingle left in common (MinHash cannot see it),
    # runs of three characters align at 0.75 (the extension takes ≥ 0.6)
    reworded = "".join("乙" if i % 4 == 3 and ch.isalnum() else ch for i, ch in enumerate(COPIED))
    a = analysis("a.txt", "甲单位方案\n" + OTHER_A + "\n" + COPIED + "\n" + OTHER_B)
    b = analysis("b.txt", "乙单位方案\n" + OTHER_A + "\n" + reworded + "\n" + STOCK)
    plain = compare(build_corpus([a, b]), DedupRules(extend_window=0))
    extended = compare(build_corpus([a, b]))
    assert not any("百分之" in b.text[c.span_b[0] : c.span_b[1]] for c in plain.copies)
    assert any("百分之" in b.text[c.span_b[0] : c.span_b[1]] for c in extended.copies)


def test_documents_in_one_file_count_as_separate_documents() -> None:
    one_file = analysis("compiled.txt", "甲单位方案\n" + OTHER_A + COPIED, "乙单位方案\n" + OTHER_B + COPIED)
    result = compare(build_corpus([one_file]))
    assert [(result.doc(c.doc_a).index, result.doc(c.doc_b).index) for c in result.copies] == [(0, 1)]
    findings = corpus_findings([one_file])["compiled.txt"]
    assert len(findings) == 2 and {f.rule for f in findings} == {"near-duplicate"}
    for f in findings:
        assert f.severity == "warn" and f.span is not None and "compiled.txt" in f.message and "%" in f.message
        assert f.evidence and one_file.text[f.span[0] : f.span[1]].startswith(f.evidence[:20])


def test_unrelated_documents_share_nothing() -> None:
    result = compare(build_corpus([analysis("a.txt", OTHER_A + COPIED), analysis("b.txt", OTHER_B)]))
    assert (
        result.copies == []
        and result.pairs == []
        and corpus_findings([analysis("a.txt", OTHER_A), analysis("b.txt", OTHER_B)]) == {}
    )


# ------------------------------------------------------------------ boilerplate


def test_stock_formula_is_boilerplate_not_copying() -> None:
    result = compare(build_corpus([analysis("a.txt", STOCK + OTHER_A), analysis("b.txt", STOCK + OTHER_B)]))
    assert result.copies == []
    assert {b.kind for b in result.boilerplate} == {"stock"}
    assert all(c.copied_share == 0 and c.boilerplate_share > 0 for c in result.documents.values())


def test_text_of_many_departments_is_common_boilerplate() -> None:
    shared = "全区统一使用政务服务平台受理申请，材料不全的一次性告知申请人需要补正的全部内容。"
    plans = [
        analysis(f"{dept}/2024/plan.txt", shared + body)
        for dept, body in (
            ("财政局", OTHER_A),
            ("教育局", OTHER_B),
            ("民政局", COPIED),
            ("水利局", STOCK + "水利局负责抓好水库除险加固。"),
        )
    ]
    result = compare(build_corpus(plans, owners=resolve_owners(a.source.path for a in plans)))
    assert result.copies == []
    assert {b.kind for b in result.boilerplate} == {"common"} and {b.owners for b in result.boilerplate} == {4}


def test_allow_listed_template_is_template_boilerplate() -> None:
    corpus = build_corpus([analysis("a.txt", OTHER_A + COPIED), analysis("b.txt", OTHER_B + COPIED)])
    build_corpus([analysis("templates/notice.txt", COPIED)], role="allow", corpus=corpus)
    result = compare(corpus)
    assert result.copies == []
    assert {b.kind for b in result.boilerplate} == {"template"}
    assert {result.doc(b.doc).path for b in result.boilerplate} == {"a.txt", "b.txt"}


# ------------------------------------------------------------------ planted corpora


@pytest.fixture(scope="module")
def planted():  # type: ignore[no-untyped-def]
    from cxzy_nlp.dedup.plant import planted_corpus

    corpus = planted_corpus(40, passages_per_plan=20, copy_rate=1.0, copied_passages=6, seed=11)
    return corpus, compare(build_corpus(corpus.analyses()))


@pytest.mark.parametrize("threshold", [0.5, 0.6])
def test_lsh_recall_against_brute_force(planted, threshold: float) -> None:  # type: ignore[no-untyped-def]
    """Pairs of passages whose exact shingle Jaccard reaches the threshold must be LSH candidates (recall ≥ 0.98)."""
    from cxzy_nlp.dedup.compare import corpus_to_passages
    from cxzy_nlp.dedup.minhash import shingle_counts

    corpus, _ = planted
    rules = DedupRules()
    table = corpus_to_passages(build_corpus(corpus.analyses()), rules)
    frequent = shingle_counts(table.keys, rules.minhash) > rules.minhash.frequent_keys  # as compare() does
    sig = signatures(table.keys, rules.minhash, frequent=frequent)
    found = {tuple(p) for p in lsh_candidates(sig, rules.minhash).tolist()}
    sets = [frozenset(key[i : i + 4] for i in range(len(key) - 3)) for key in table.keys]
    holders: dict[str, list[int]] = defaultdict(list)
    for u, shingles in enumerate(sets):
        for sh in shingles:
            holders[sh].append(u)
    shared = Counter(pair for us in holders.values() for pair in combinations(us, 2))  # brute force, exact
    truth = [(u, v) for (u, v), n in shared.items() if n >= threshold * (len(sets[u]) + len(sets[v]) - n)]
    assert len(truth) > 25
    recall = sum((u, v) in found for u, v in truth) / len(truth)
    assert recall >= 0.98, recall


def test_planted_copies_are_found(planted) -> None:  # type: ignore[no-untyped-def]
    corpus, result = planted
    doc_pairs = {(p.a, p.b) for p in result.pairs}
    planted_pairs = {(c.source, c.copy) for c in corpus.copies}
    assert sum(pair in doc_pairs for pair in planted_pairs) / len(planted_pairs) >= 0.98

    def hit(c) -> bool:  # type: ignore[no-untyped-def]
        return any(
            s.doc_a == c.source
            and s.doc_b == c.copy
            and s.span_a[0] < c.source_span[1]
            and c.source_span[0] < s.span_a[1]
            for s in result.copies
        )

    light = [c for c in corpus.copies if c.edit_share <= 0.15]
    assert sum(map(hit, light)) / len(light) >= 0.9  # up to 15% edited; measured 0.94
    assert sum(map(hit, corpus.copies)) / len(corpus.copies) >= 0.85  # 10-30% edited; measured 0.925


def test_planted_stock_formulas_are_not_copying(planted) -> None:  # type: ignore[no-untyped-def]
    corpus, result = planted
    for c in result.copies:
        for doc, span in ((c.doc_a, c.span_a), (c.doc_b, c.span_b)):
            for s, e in corpus.stock_spans[doc]:
                assert not (span[0] < e and s < span[1]), corpus.texts[doc][span[0] : span[1]]
    marked = {b.doc for b in result.boilerplate}
    assert marked == set(range(len(corpus.texts)))


# ------------------------------------------------------------------ seed and realdocs


def test_seed_five_goods_passage_is_copied_between_two_documents(seed_path: Path) -> None:
    from cxzy_nlp.pipeline import analyse

    seed = analyse(seed_path, stages="extract")
    result = compare(build_corpus([seed]))
    hits = [
        c
        for c in result.copies
        if "五个好" in seed.text[c.span_a[0] : c.span_a[1]] and "五个好" in seed.text[c.span_b[0] : c.span_b[1]]
    ]
    assert hits
    titles = {(result.doc(c.doc_a).title or "") + "|" + (result.doc(c.doc_b).title or "") for c in hits}
    assert any(c.doc_a != c.doc_b for c in hits), "the two plans must be separate documents of the file"
    assert any("经济委员会" in t and "政协" in t for t in titles), titles


@pytest.mark.realdocs
def test_realdocs_student_plans_share_a_template_and_pairs_show(realdocs: Path) -> None:
    from cxzy_nlp.corpus.dedup import dedup_files as dedup

    students = [realdocs / f"doc0{n}.txt" for n in range(46, 56)]
    same = [realdocs / "doc025.docx", realdocs / "doc025.txt"]  # one notice, read from Word and as text
    team = [realdocs / "doc028.txt", realdocs / "doc030.txt"]  # one team's two applications
    result = dedup([*students, *same, *team])
    boiler: dict[str, float] = {}
    for d, copy in result.documents.items():
        name = Path(result.doc(d).path).name
        boiler[name] = boiler.get(name, 0.0) + copy.boilerplate_share
    assert all(boiler.get(p.name, 0) > 0 for p in students), boiler

    def pair_share(a: Path, b: Path) -> float:
        return max(
            (
                max(p.share_a, p.share_b)
                for p in result.pairs
                if {result.doc(p.a).path, result.doc(p.b).path} == {str(a), str(b)}
            ),
            default=0.0,
        )

    assert pair_share(*same) > 0.9
    assert pair_share(*team) > 0.1


# ------------------------------------------------------------------ rendering and CLI


def _small_result():  # type: ignore[no-untyped-def]
    plans = [
        analysis("财政局/2023/plan.txt", "财政局方案\n" + STOCK + OTHER_A + COPIED),
        analysis("教育局/2024/plan.txt", "教育局方案\n" + STOCK + OTHER_B + COPIED.replace("，", "、")),
    ]
    return compare(build_corpus(plans, owners=resolve_owners(a.source.path for a in plans)))


def test_text_report_matches_golden() -> None:
    golden = FIXTURES / "dedup_small.txt"
    text = result_to_text(_small_result())
    if os.environ.get("CXZY_REGEN_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


def test_json_and_html_forms() -> None:
    result = _small_result()
    data = json.loads(json.dumps(result_to_dict(result), ensure_ascii=False))
    assert [d["department"] for d in data["documents"]] == ["财政局", "教育局"]
    assert data["pairs"][0]["passages"][0]["text_a"].startswith("青山区")
    assert data["boilerplate"][0]["kind"] == "stock"
    page = result_to_html(result)
    assert page.startswith("<!doctype html>") and "常用套话" in page and "<script" not in page
    assert "相似文档组 1" in page and page.count("<mark>") == 2


@pytest.mark.parametrize("fmt", ["text", "json", "html"])
def test_cli_dedup(tmp_path: Path, fmt: str) -> None:
    from typer.testing import CliRunner

    from cxzy_nlp.cli import app

    (tmp_path / "a.txt").write_text("甲单位方案\n" + OTHER_A + COPIED, encoding="utf-8")
    (tmp_path / "b.txt").write_text("乙单位方案\n" + OTHER_B + COPIED, encoding="utf-8")
    out = tmp_path / f"out.{fmt}"
    res = CliRunner().invoke(
        app, ["dedup", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--format", fmt, "-o", str(out)]
    )
    assert res.exit_code == 0, res.output
    body = out.read_text(encoding="utf-8")
    assert "青山区农业农村局" in body
    if fmt == "json":
        assert json.loads(body)["pairs"][0]["share_a"] > 0.3


def test_cli_dedup_usage_errors(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from cxzy_nlp.cli import app

    (tmp_path / "a.txt").write_text(COPIED, encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(app, ["dedup", str(tmp_path / "a.txt"), "--format", "xml"]).exit_code == 2
    assert (
        runner.invoke(app, ["dedup", str(tmp_path / "a.txt"), "--against", str(tmp_path / "none.sqlite")]).exit_code
        == 2
    )


def test_cli_dedup_allow_folder_sets_template_apart(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from cxzy_nlp.cli import app

    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "notice.txt").write_text("上级模板\n" + COPIED, encoding="utf-8")
    (tmp_path / "a.txt").write_text("甲单位方案\n" + OTHER_A + COPIED, encoding="utf-8")
    (tmp_path / "b.txt").write_text("乙单位方案\n" + OTHER_B + COPIED, encoding="utf-8")
    res = CliRunner().invoke(
        app, ["dedup", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--allow", str(templates), "--format", "json"]
    )
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    assert data["pairs"] == [] and {b["kind"] for b in data["boilerplate"]} == {"template"}


@given(st.permutations(range(3)))
@settings(max_examples=6, deadline=None)
def test_input_order_does_not_change_shares(order: list[int]) -> None:
    plans = [
        analysis("a.txt", OTHER_A + COPIED),
        analysis("b.txt", OTHER_B + COPIED),
        analysis("c.txt", STOCK + OTHER_A),
    ]
    result = compare(build_corpus([plans[i] for i in order]))
    shares = {(result.doc(d).path, round(c.copied_share, 6)) for d, c in result.documents.items()}
    base = compare(build_corpus(plans))
    assert shares == {(base.doc(d).path, round(c.copied_share, 6)) for d, c in base.documents.items()}


def test_report_links_for_the_html_report() -> None:
    from cxzy_nlp.corpus.report import report_links

    a, b = analysis("a.txt", OTHER_A + COPIED), analysis("b.txt", OTHER_B + COPIED)
    links, shares = report_links([a, b], {("a.txt", 0): "d1-1", ("b.txt", 0): "d2-1"})
    assert [(link.a, link.b) for link in links] == [("d1-1", "d2-1")]
    span_a, span_b, text_a, text_b = links[0].passages[0]
    assert text_a == a.text[span_a[0] : span_a[1]] and text_b == b.text[span_b[0] : span_b[1]]
    assert set(shares) == {"d1-1", "d2-1"} and all(0.3 < v < 0.8 for v in shares.values())


def test_documents_sharing_text_form_clusters() -> None:
    plans = [
        analysis("a.txt", OTHER_A + COPIED),
        analysis("b.txt", COPIED + OTHER_B),
        analysis("c.txt", OTHER_B + "水利局负责抓好水库除险加固和河道清淤。"),
        analysis("d.txt", STOCK),
    ]
    result = compare(build_corpus(plans))
    assert [[result.doc(d).path for d in cluster] for cluster in result.clusters] == [["a.txt", "b.txt", "c.txt"]]


def test_module_docstring_states_the_settings_in_use() -> None:
    """The settings written in ``cxzy_nlp.dedup``'s docstring are the defaults the code runs with."""
    import importlib
    import re

    doc = " ".join((importlib.import_module("cxzy_nlp.dedup").__doc__ or "").split())
    rules = DedupRules()
    mh, pr = rules.minhash, rules.passages
    stated = {
        "passage sizes": re.search(r"merged to (\d+)–(\d+) characters", doc),
        "shingle": re.search(r"(\d+)-character shingles", doc),
        "frequent": re.search(r"more than (\d+) times in the corpus", doc),
        "perms": re.search(r"(\d+) seeded permutations", doc),
        "bands": re.search(r"(\d+) bands of (\d+) rows", doc),
        "bucket cap": re.search(r"more than (\d+) keys linked as a star", doc),
        "threshold": re.search(r"estimated Jaccard ≥ ([\d.]+)", doc),
    }
    assert all(stated.values()), {k: v for k, v in stated.items() if not v}
    got = {k: tuple(float(g) for g in m.groups()) for k, m in stated.items() if m}
    assert got == {
        "passage sizes": (pr.min_chars, pr.max_chars),
        "shingle": (mh.shingle,),
        "frequent": (mh.frequent_keys,),
        "perms": (mh.perms,),
        "bands": (mh.bands, mh.rows),
        "bucket cap": (mh.bucket_cap,),
        "threshold": (mh.threshold,),
    }
    # control: a docstring that names other settings fails the comparison
    assert re.search(r"(\d+) bands of (\d+) rows", "LSH (32 bands of 3 rows)").groups() != (  # type: ignore[union-attr]
        str(mh.bands),
        str(mh.rows),
    )


def test_a_file_that_gives_no_document_is_listed_not_dropped(tmp_path: Path) -> None:
    """An unreadable input is named with its reason in every output of dedup (control: a readable folder lists none)."""
    from cxzy_nlp.corpus.dedup import dedup_files

    (tmp_path / "a.txt").write_text(COPIED, encoding="utf-8")
    (tmp_path / "b.txt").write_text(COPIED, encoding="utf-8")
    clean = dedup_files([tmp_path])
    assert clean.corpus.unread == [] and result_to_dict(clean)["unread"] == []
    assert "未能参与比较" not in result_to_text(clean)
    (tmp_path / "坏.docx").write_bytes(b"not a zip at all")
    result = dedup_files([tmp_path])
    [(path, code, message)] = result.corpus.unread
    assert path.endswith("坏.docx") and code and message
    assert result_to_dict(result)["unread"] == [{"path": path, "code": code, "message": message}]
    assert "坏.docx" in result_to_text(result) and "坏.docx" in result_to_html(result)
    assert len(result.corpus.docs) == len(clean.corpus.docs)  # the others are still compared
