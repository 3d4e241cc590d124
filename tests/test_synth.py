"""The synthetic plan generator: gold spans quote what they claim, faults are planted as recorded,
renderings read back as the text, same seed gives the same bytes, the committed corpora are current."""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cxzy_nlp.normalise import normalise, normalise_text
from cxzy_nlp.read import read_path
from cxzy_nlp.synth import DOC_TYPES, FAULT_RULES, STYLES, SynthPlan, era, generate_corpus, generate_plan, render
from cxzy_nlp.synth.copies import SCENARIOS, generate_copy_family
from cxzy_nlp.synth.corpus import PLAN_SETS, dumps, plan_from_dict, plan_set, plan_to_dict, read_plans
from cxzy_nlp.synth.vocab import load_vocab

ROOT = Path(__file__).resolve().parents[1]
GENERATED = ROOT / "corpora" / "generated"
TERMINAL = tuple("。！？；：…”’）)」』】!?;:")


def check_ids() -> set[str]:
    data = yaml.safe_load((ROOT / "cxzy_nlp" / "data" / "checks.yaml").read_text(encoding="utf-8"))
    rules = data["rules"] if isinstance(data, dict) else data
    return {r["id"] for r in rules}


# ---------------------------------------------------------------- laws over many seeds


def assert_gold_consistent(plan: SynthPlan) -> None:
    text = plan.text
    n = len(text)
    for a, b in plan.documents:
        assert 0 <= a < b <= n
    for doc_a, doc_b in zip(plan.documents, plan.documents[1:], strict=False):
        assert doc_a[1] < doc_b[0], "documents overlap"

    def check_section(sec, lo: int, hi: int) -> None:
        a, b = sec.span
        assert lo <= a < b <= hi, (sec.heading, sec.span, lo, hi)
        ha, hb = sec.heading_span
        assert a <= ha < hb <= b
        assert text[ha:hb] == sec.heading
        assert text[a:ha].strip() == sec.number, (text[a:ha], sec.number)
        if sec.level > 1:  # only a top-level heading may run on after a short section (checked below)
            assert a == 0 or text[a - 1] == "\n", "a section starts at a line start"
            assert b == n or text[b] == "\n", "a section ends at a line end"
        prev = ha
        for child in sec.children:
            assert child.level == sec.level + 1 or child.level == sec.level  # clamped at the deepest level
            check_section(child, max(prev, hb), b)
            prev = child.span[1]

    for doc in plan.documents:
        tops = [s for s in plan.sections if doc[0] <= s.span[0] < doc[1]]
        last = doc[0]
        for i, sec in enumerate(tops):
            assert sec.level == 1
            check_section(sec, last, doc[1])
            a, b = sec.span
            run_on_before = i > 0 and tops[i - 1].span[1] == a
            assert a == 0 or text[a - 1] == "\n" or run_on_before
            assert b == len(text) or text[b] == "\n" or (i + 1 < len(tops) and tops[i + 1].span[0] == b)
            last = sec.span[1]
    for item in plan.items:
        a, b = item.span
        assert 0 <= a < b <= n, item
        quoted = text[a:b]
        f = item.fields
        if item.kind in ("goal", "title", "notice_title"):
            assert quoted == f["text"]
        elif item.kind == "leader":
            assert quoted == f"{f['name']}（{f['title']}）"
        elif item.kind == "budget_item":
            assert quoted.startswith(f["purpose"])
        elif item.kind == "reference":
            assert quoted == f["title"] and quoted.startswith("《") and quoted.endswith("》")
        elif item.kind in ("doc_number", "date"):
            assert quoted == f["text"]
        elif item.kind == "activity":
            assert f["name"] in quoted
        elif item.kind == "phase":
            assert quoted.split("\n")[0].find(f["phase"]) >= 0
            if f["start"]:
                assert f["start"] <= f["end"]
    for fault in plan.faults:
        if fault.span is not None:
            a, b = fault.span
            assert 0 <= a < b <= n, fault
    for line in text.split("\n"):
        assert line and normalise_text(line) == line, line


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.integers(min_value=0, max_value=2**31),
    st.integers(min_value=1, max_value=8),
    st.sampled_from([None, *DOC_TYPES]),
    st.sampled_from([None, *sorted(STYLES)]),
    st.sampled_from([True, False, 0.4]),
)
def test_every_span_quotes_what_it_claims(
    seed: int, size: int, doc_type: str | None, style: str | None, faults: bool | float
) -> None:
    assert_gold_consistent(generate_plan(seed, size=size, doc_type=doc_type, style=style, faults=faults))


@pytest.mark.parametrize("wrapper", ["plain", "notice", "compilation"])
@pytest.mark.parametrize("style", sorted(STYLES))
def test_every_style_and_wrapper_is_consistent(style: str, wrapper: str) -> None:
    for seed in range(6):
        plan = generate_plan(seed, style=style, wrapper=wrapper, faults=0.3)
        assert_gold_consistent(plan)
        assert plan.style["numbering"] == style
        assert len(plan.documents) >= (2 if wrapper == "compilation" else 1)
        if wrapper == "notice" and plan.doc_type != "work_summary":
            assert any(line.startswith("关于印发《") for line in plan.text.split("\n")[:2])


def test_every_requested_fault_is_planted() -> None:
    """What ``faults`` asked for (recorded per document in ``style``) is in ``plan.faults``, and nothing else."""
    for plan in generate_corpus(400, seed=12, faults=0.25):
        requested = set().union(*(set(layout["faults_requested"]) for layout in plan.style["layouts"]))
        planted = {f.rule for f in plan.faults}
        assert requested <= planted, (plan.seed, requested - planted)
        assert planted - requested <= {"scrape-residue"}, (plan.seed, planted - requested)  # compilation headers


def test_clean_plans_repeat_no_passage() -> None:
    """Without a planted duplicate-passage, no paragraph of 30+ characters occurs twice in a plan."""
    from collections import Counter

    for plan in generate_corpus(150, seed=3, faults=False, wrapper="plain", size=2):
        counts = Counter(line for line in plan.text.split("\n") if len(line) >= 30)
        assert max(counts.values()) == 1, [line for line, n in counts.items() if n > 1]


def test_summaries_are_signed_at_year_end_and_their_figures_agree() -> None:
    for plan in generate_corpus(40, seed=13, doc_type="work_summary", wrapper="plain", faults=False):
        for item in plan.items_of("date"):
            assert item.fields["value"].startswith(f"{plan.year}-12-")
        for n, fixed, pct in re.findall(r"排查问题(\d+)个，已整改(\d+)个，整改率达到(\d+)%", plan.text):
            assert int(fixed) <= int(n) and int(pct) == round(int(fixed) * 100 / int(n))


def test_explicit_plan_faults_are_refused_for_a_summary() -> None:
    with pytest.raises(ValueError):
        generate_plan(1, doc_type="work_summary", faults={"vague-goal"})
    assert generate_plan(1, faults={"vague-goal"}).doc_type != "work_summary"


def test_planted_rules_are_check_ids() -> None:
    ids = check_ids()
    assert set(FAULT_RULES) <= ids
    rules = {f.rule for p in generate_corpus(300, seed=9) for f in p.faults}
    assert rules <= ids | {"missing-section"}
    assert rules >= set(FAULT_RULES) - {"foreign-entity"}, set(FAULT_RULES) - rules


# ---------------------------------------------------------------- faults: each planted as recorded

_PLACEHOLDER = re.compile(r"_{2,}|＿|X{2,}|某某|（单位名称）|×月×日|20xx")
_DOCNUM_OK = re.compile(r"^\S+〔\d{4}〕[1-9]\d*号$")
_DATE_OK = re.compile(r"^\d{4}年[1-9]\d?月[1-9]\d?日$")

# fmt: off
FAULT_QUOTES = [
    # rule,                 quoted text must match
    ("placeholder",         _PLACEHOLDER),
    ("scrape-residue",      re.compile(r"格式|页|精选|下载|版权|范文|来源|免责|篇|模板|通用")),
    ("censor-gap",          re.compile(r"以为核心|党的和|以思想")),
    ("informal-voice",      re.compile(r"朋友们|老司机|小伙伴|适当调整|哦|留言")),
    ("anniversary",         re.compile(r"^建党\d+周年$")),
    ("outdated-reference",  re.compile(r"^党的(十七|十八|十九|二十)大精神$")),
]
# fmt: on


@pytest.mark.parametrize(("rule", "pattern"), FAULT_QUOTES)
def test_fault_quotes_look_like_the_fault(rule: str, pattern: re.Pattern[str]) -> None:
    for seed in range(8):
        plan = generate_plan(seed, faults={rule}, doc_type="implementation_plan")
        found = [f for f in plan.faults if f.rule == rule]
        assert found, (rule, seed)
        for f in found:
            assert f.span is not None
            assert pattern.search(plan.text[f.span[0] : f.span[1]]), (rule, plan.text[f.span[0] : f.span[1]])


def faulty(rule: str, seed: int, **kw) -> tuple[SynthPlan, list]:
    plan = generate_plan(seed, faults={rule}, **{"doc_type": "implementation_plan", "wrapper": "plain", **kw})
    return plan, [f for f in plan.faults if f.rule == rule]


@pytest.mark.parametrize("seed", range(6))
def test_semantic_faults_hold(seed: int) -> None:
    year = 2010 + seed * 3
    plan, found = faulty("docnum-format", seed, wrapper="notice")
    assert found and all(not _DOCNUM_OK.match(plan.text[f.span[0] : f.span[1]]) for f in found)
    plan, found = faulty("date-format", seed, wrapper="notice")
    assert found and all(not _DATE_OK.match(plan.text[f.span[0] : f.span[1]]) for f in found)
    plan, found = faulty("budget-mismatch", seed)
    total = plan.items_of("budget_total")[0]
    assert found and total.fields["amount"] != total.fields["items_sum"]
    assert sum(i.fields["amount"] for i in plan.items_of("budget_item")) == total.fields["items_sum"]
    plan, found = faulty("vague-goal", seed)
    vague = [g for g in plan.items_of("goal") if not g.fields["measurable"]]
    assert found and len(vague) == len(found)
    assert all(not re.search(r"\d", g.fields["text"]) for g in vague)
    plan, found = faulty("missing-section", seed)
    assert found and found[0].span is None
    assert found[0].note not in {s.labels[0] for s in plan.sections}
    plan, found = faulty("empty-section", seed)
    sec = next(s for s in plan.sections if s.span == found[0].span)
    assert sec.span[1] == sec.heading_span[1] and not sec.children
    plan, found = faulty("era-formula", seed, year=year)
    assert found and all(era.formula_for(year)["text"] != plan.text[f.span[0] : f.span[1]] for f in found)
    plan, found = faulty("campaign-window", seed, year=year)
    assert found and plan.text[found[0].span[0] : found[0].span[1]] != era.campaign_for(year)
    plan, found = faulty("date-logic", seed, year=year)
    assert found and all(str(year - 1) in plan.text[f.span[0] : f.span[1]] for f in found)
    plan, found = faulty("step-no-time", seed)
    assert found and all(p.fields["start"] is None for p in plan.items_of("phase"))
    plan, found = faulty("task-no-owner", seed)
    assert found and all(a.fields["owner"] is None for a in plan.items_of("activity"))
    plan, found = faulty("duplicate-passage", seed)
    quote = plan.text[found[0].span[0] : found[0].span[1]]
    assert found and plan.text.count(quote) >= 2


@pytest.mark.parametrize("doc_type", DOC_TYPES)
def test_clean_plans_have_required_sections_and_measurable_goals(doc_type: str) -> None:
    required = {s for s, p in load_vocab().layouts[doc_type] if p == "required"}
    for seed in range(10):
        plan = generate_plan(seed, doc_type=doc_type, faults=False, wrapper="plain")
        assert plan.faults == ()
        assert required <= {s.labels[0] for s in plan.sections}
        assert all(g.fields["measurable"] for g in plan.items_of("goal"))
        assert f"{plan.year}年" in plan.text


def test_era_wording_follows_the_year() -> None:
    assert era.congress_for(2016) == "十八大" and era.congress_for(2023) == "二十大"
    assert "科学发展观" in era.formula_for(2010)["text"] and "习近平" in era.formula_for(2023)["text"]
    assert era.spirit_for(2023) == "党的二十大精神" and "三中全会" in era.spirit_for(2025)
    for year in (2009, 2015, 2019, 2024, 2026):
        plan = generate_plan(year, year=year, faults=False, doc_type="implementation_plan", wrapper="plain")
        assert any(s.labels == ("guiding_ideology",) for s in plan.sections)  # always in a clean implementation plan
        assert era.formula_for(year)["text"] + "，全面贯彻" + era.spirit_for(year) in plan.text


# ---------------------------------------------------------------- determinism, options, speed


def test_same_seed_same_plan_and_bytes(tmp_path: Path) -> None:
    for seed in (0, 17, 123456):
        a, b = generate_plan(seed), generate_plan(seed)
        assert a == b
        for fmt in ("txt", "docx", "pdf"):
            first = render(a, fmt, tmp_path / f"a.{fmt}").read_bytes()
            second = render(b, fmt, tmp_path / f"b.{fmt}").read_bytes()
            assert first == second, fmt
    assert generate_plan(1).text != generate_plan(2).text


def test_options_are_obeyed_and_checked() -> None:
    plan = generate_plan(
        5, doc_type="activity_plan", department="临河县教育局", year=2019, style="gbt", wrapper="plain"
    )
    assert (plan.doc_type, plan.department, plan.year) == ("activity_plan", "临河县教育局", 2019)
    assert plan.sections[0].number == "一、"
    for bad in (
        {"doc_type": "memo"},
        {"style": "roman"},
        {"wrapper": "zip"},
        {"faults": {"no-such-rule"}},
        {"size": 0},
        {"theme": "x"},
    ):
        with pytest.raises(ValueError):
            generate_plan(1, **bad)


def test_size_scales_the_plan() -> None:
    short = generate_corpus(20, seed=4, size=1, wrapper="plain")
    long = generate_corpus(20, seed=4, size=8, wrapper="plain")
    sentences = lambda ps: sum(len(re.findall("[。；！？]", p.text)) for p in ps) / len(ps)  # noqa: E731
    assert sentences(long) > 2.5 * sentences(short)
    assert sentences(long) >= 80


# ---------------------------------------------------------------- renderings read back as the text


def _joined_after_title(plan: SynthPlan, got: str) -> bool:
    """The one known difference: the txt line re-joiner glues a long title line to the next line."""
    heads = {plan.text[i.span[0] : i.span[1]] for i in plan.items if i.kind in ("title", "notice_title", "doc_number")}
    lines = plan.text.split("\n")
    out, i = [], 0
    while i < len(lines):
        if lines[i] in heads and i + 1 < len(lines) and not lines[i].endswith(TERMINAL):
            out.append(lines[i] + lines[i + 1])
            i += 2
        else:
            out.append(lines[i])
            i += 1
    return got.split("\n") == out or got.replace("\n", "") == plan.text.replace("\n", "")


def test_txt_rendering_reads_back_as_text(tmp_path: Path) -> None:
    differ = 0
    for seed in range(300):
        plan = generate_plan(seed)
        path = render(plan, "txt", tmp_path / "p.txt")
        result = read_path(path)
        assert [b.text for b in result.blocks] == plan.text.split("\n")
        got = normalise(result).text
        if got != plan.text:
            differ += 1
            assert _joined_after_title(plan, got), seed
    assert differ <= 3, differ  # seen: 1 in 300 (a long title glued to the preface by the line re-joiner)


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_docx_and_pdf_read_back_as_text(tmp_path: Path, fmt: str) -> None:
    same = 0
    seeds = range(12)
    for seed in seeds:
        plan = generate_plan(seed, size=2)
        got = normalise(read_path(render(plan, fmt, tmp_path / f"p.{fmt}"))).text
        same += got == plan.text
    assert same >= len(seeds) - 1, f"{same}/{len(seeds)}"


def test_some_headings_run_on_after_a_short_section() -> None:
    """Scraped text loses line breaks: “二、活动主题“…”三、活动时间…” (a few plans in a hundred)."""
    run_on = 0
    for plan in generate_corpus(200, seed=6):
        for sec in plan.sections:
            a = sec.span[0]
            if a > 0 and plan.text[a - 1] != "\n":
                run_on += 1
                assert plan.text[a - 1] != "\n" and plan.text[a : sec.heading_span[0]].strip() == sec.number
    assert 1 <= run_on <= 20, run_on


def test_wrapped_txt_breaks_lines_and_keeps_every_character(tmp_path: Path) -> None:
    from cxzy_nlp.synth.renderers import WRAP_WIDTH, wrapped_text

    for seed in range(10):
        plan = generate_plan(seed)
        lines = render(plan, "txt-wrapped", tmp_path / "w.txt").read_text(encoding="utf-8").rstrip("\n").split("\n")
        assert max(len(x) for x in lines) <= WRAP_WIDTH
        assert len(lines) > plan.text.count("\n") + 1
        assert "".join(lines) == plan.text.replace("\n", "")
        for paragraph in plan.text.split("\n"):
            pieces = wrapped_text(paragraph).split("\n")
            assert not any(re.search(r"\d$", x) and re.match(r"\d", y) for x, y in itertools.pairwise(pieces))


def test_leadership_titles_fit_the_office() -> None:
    seen = 0
    for plan in generate_corpus(60, seed=8, faults=False):
        for leader in plan.items_of("leader"):
            if leader.fields["role"] == "成员":
                seen += 1
                title = leader.fields["title"]
                assert not re.search(r"科(股长|所长|队长)|股(科长|处长)|中心(科长|股长)", title), title
    assert seen > 50


def test_docx_layouts_vary_and_still_read_back(tmp_path: Path) -> None:
    """Typed numbers instead of Word lists, bold direct formatting instead of heading styles, budget tables."""
    import zipfile

    from cxzy_nlp.synth.renderers import docx_variant

    seen = {"numPr": 0, "typed": 0, "styles": 0, "bold": 0, "table": 0}
    for seed in range(20, 32):
        plan = generate_plan(seed, style="gbt", wrapper="plain", size=1)
        path = render(plan, "docx", tmp_path / "v.docx")
        with zipfile.ZipFile(path) as z:
            body = z.read("word/document.xml").decode()
        variant = docx_variant(plan)
        seen["numPr" if "<w:numPr>" in body else "typed"] += 1
        seen["styles" if 'w:val="Heading1"' in body else "bold"] += 1
        seen["table"] += "<w:tbl>" in body
        assert ("<w:numPr>" in body) <= variant["auto_numbering"]
        assert normalise(read_path(path)).text == plan.text, seed
    assert all(seen.values()), seen


def test_docx_headings_use_word_automatic_numbering(tmp_path: Path) -> None:
    import zipfile

    plan = generate_plan(3, style="gbt", wrapper="plain", faults=False)
    path = render(plan, "docx", tmp_path / "p.docx")
    with zipfile.ZipFile(path) as z:
        body = z.read("word/document.xml").decode()
        numbering = z.read("word/numbering.xml").decode()
    assert 'w:numFmt w:val="chineseCounting"' in numbering and "%1、" in numbering
    first = plan.sections[0]
    assert f"<w:t>{first.number}" not in body and first.heading in body
    blocks = read_path(path).blocks
    labelled = [b for b in blocks if b.auto_number]
    assert [b.auto_number for b in labelled[:1]] == ["一、"]
    assert len(labelled) >= len(plan.sections)


# ---------------------------------------------------------------- copy families


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_copy_family_links_align_copied_paragraphs(scenario: str) -> None:
    from difflib import SequenceMatcher

    family = generate_copy_family(21, n_departments=3, edit_rate=0.2, scenario=scenario)
    assert len(family.members) == 4 and len(family.links) == 2
    for link in family.links:
        src, dst = family.members[link.source], family.members[link.target]
        assert_gold_consistent_after_edits(dst)
        assert link.pairs
        ratios = [SequenceMatcher(None, src.text[a:b], dst.text[c:d]).ratio() for (a, b), (c, d) in link.pairs]
        assert sum(ratios) / len(ratios) > 0.6
        assert 0.05 <= link.edit_rate <= 0.4
    independent = family.members[-1]
    assert "copy_of" not in independent.style
    if scenario != "last-year":
        assert len({m.department for m in family.members}) == len(family.members)


def assert_gold_consistent_after_edits(plan: SynthPlan) -> None:
    for sec in plan.all_sections():
        assert plan.text[sec.heading_span[0] : sec.heading_span[1]] == sec.heading
    for item in plan.items:
        if item.kind in ("goal", "title"):
            assert plan.text[item.span[0] : item.span[1]] == item.fields["text"]


def test_edit_rate_controls_how_much_changes() -> None:
    from difflib import SequenceMatcher

    def similarity(rate: float) -> float:
        family = generate_copy_family(5, n_departments=2, edit_rate=rate, scenario="unit-swap", n_independent=0)
        a, b = family.members
        return SequenceMatcher(None, a.text, b.text, autojunk=False).ratio()

    assert similarity(0.0) > similarity(0.1) > similarity(0.3)
    for rate in (0.1, 0.3):  # the share of edited characters is what was asked for
        links = [link for seed in range(3) for link in generate_copy_family(seed, 3, rate, scenario="unit-swap").links]
        measured = sum(link.edit_rate for link in links) / len(links)
        assert abs(measured - rate) < 0.06, (rate, measured)


# ---------------------------------------------------------------- corpora


def test_jsonl_round_trip() -> None:
    for plan in generate_corpus(5, seed=3):
        assert plan_from_dict(json.loads(dumps(plan_to_dict(plan)))) == plan


@pytest.mark.parametrize(("name", "seed", "count", "kw"), PLAN_SETS)
def test_committed_corpora_are_current(name: str, seed: int, count: int, kw: dict) -> None:
    """Golden: the committed JSONL is what the generator gives now (rebuild: python -m cxzy_nlp.synth build)."""
    path = GENERATED / name
    assert path.is_file(), f"{path} is missing; run python -m cxzy_nlp.synth build"
    committed = path.read_text(encoding="utf-8").splitlines()
    assert len(committed) == count
    fresh = plan_set(seed, min(count, 15), kw)
    assert [dumps(plan_to_dict(p)) for p in fresh] == committed[: len(fresh)]
    for plan in list(read_plans(path))[:30]:
        assert_gold_consistent(plan)


# ---------------------------------------------------------------- bundled examples and hand-written plans

EXAMPLES_DIR = ROOT / "examples"
HANDWRITTEN = ROOT / "corpora" / "handwritten"


def taxonomy_ids() -> set[str]:
    data = yaml.safe_load((ROOT / "cxzy_nlp" / "data" / "taxonomy.yaml").read_text(encoding="utf-8"))
    return {s["id"] for s in data["sections"]}


def test_examples_manifest_lists_the_files() -> None:
    import csv

    from cxzy_nlp.synth.examples import EXAMPLES

    rows = list(csv.DictReader((EXAMPLES_DIR / "manifest.csv").read_text(encoding="utf-8").splitlines()))
    assert [r["file"] for r in rows] == [e.file for e in EXAMPLES]
    assert {r["department"] for r in rows} == {"青溪县教育局", "青溪县卫生健康局", "青溪县市场监督管理局"}
    assert {Path(r["file"]).suffix for r in rows} == {".docx", ".pdf", ".doc", ".txt"}
    for row in rows:
        assert (EXAMPLES_DIR / row["file"]).is_file(), row["file"]
        assert row["year"] == "2024"


def test_examples_read_back_as_generated_and_hold_their_faults() -> None:
    """Golden: each committed example reads back as the generator's text (rebuild: python -m cxzy_nlp.synth examples)."""
    from cxzy_nlp.synth.examples import EXAMPLES, example_plans

    planted: dict[str, set[str]] = {}
    for example, plan in zip(EXAMPLES, example_plans(), strict=True):
        got = normalise(read_path(EXAMPLES_DIR / example.file)).text
        assert got == plan.text, example.file
        planted[example.file] = {f.rule for f in plan.faults}
        assert_gold_consistent(plan)
    every = set().union(*planted.values())
    assert {
        "vague-goal",
        "placeholder",
        "scrape-residue",
        "budget-mismatch",
        "outdated-reference",
        "missing-section",
        "near-duplicate",
    } <= every
    missing = [f for p in example_plans() for f in p.faults if f.rule == "missing-section"]
    assert [f.note for f in missing] == ["steps"]


def test_handwritten_annotations_quote_their_text() -> None:
    from cxzy_nlp.synth.handwritten import load, locate, quotes

    plans = load(HANDWRITTEN)
    assert len(plans) >= 10
    labels = taxonomy_ids()
    rules = check_ids()
    doc_types = set(DOC_TYPES)
    for plan in plans:
        ann = plan.annotation
        assert ann["doc_type"] in doc_types, plan.name
        for sec in locate(plan):
            assert set(sec["labels"]) <= labels, (plan.name, sec)
        for quote in quotes(plan):
            assert quote in plan.text, (plan.name, quote)
        for fault in ann["faults"]:
            assert fault["rule"] in rules, (plan.name, fault)
        assert plan.text == plan.text.strip() and "\r" not in plan.text


def test_handwritten_locate_rejects_a_heading_out_of_order() -> None:
    from cxzy_nlp.synth.handwritten import HandwrittenPlan, locate

    plan = HandwrittenPlan(
        "t",
        "一、目标\n正文。\n二、步骤\n正文。",
        {
            "sections": [
                {"number": "二、", "heading": "步骤", "level": 1, "labels": ["steps"]},
                {"number": "一、", "heading": "目标", "level": 1, "labels": ["goals"]},
            ]
        },
    )
    with pytest.raises(ValueError):
        locate(plan)


def test_handwritten_headings_jsonl_is_current() -> None:
    from cxzy_nlp.synth.handwritten import heading_records, load

    expected = [dumps(r) for plan in load(HANDWRITTEN) for r in heading_records(plan)]
    assert (HANDWRITTEN / "headings.jsonl").read_text(encoding="utf-8").splitlines() == expected
    assert len(expected) >= 50


def test_vocabulary_and_handwritten_plans_are_not_copied_from_shared_documents(seed_path: Path, realdocs: Path) -> None:
    """No clause of 12+ characters of our own text occurs in the seed page or the real documents,
    except official names (guiding formulas, campaigns, slogans: fixed public wording)."""
    reference = seed_path.read_text(encoding="utf-8", errors="replace")
    reference += "".join(p.read_text(encoding="utf-8", errors="replace") for p in sorted(realdocs.rglob("*.txt")))
    ours = "".join(
        p.read_text(encoding="utf-8") + "\n" for p in sorted((ROOT / "cxzy_nlp" / "synth" / "data").glob("*.yaml"))
    )
    ours += "".join(p.read_text(encoding="utf-8") + "\n" for p in sorted(HANDWRITTEN.glob("*.txt")))
    phrases = load_vocab().phrases
    official = {f["text"] for key in ("formulas", "campaigns", "slogans") for f in phrases[key]}
    clauses = {c.strip() for c in re.split(r"[。；！？\n：:，“”\"\[\]{}]", ours) if len(c.strip()) >= 12}
    copied = sorted(c for c in clauses if c in reference and not any(c in o for o in official))
    assert len(clauses) > 300
    assert copied == []
