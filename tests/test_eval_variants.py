"""The dev gold scored on rendered files (``cxzy eval --variants``): rendering, caching, sampling, scoring.

The document here is written for the test (a plan of an imaginary county); LibreOffice renders it to PDF when it is
installed, and OCR reads its scan when the ``ocr`` extra is installed; otherwise those tests skip and say why.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml

from cxzy_nlp.goldeval import (
    VariantSkipped,
    _MemoEngine,
    evaluate_variants,
    render_variant,
    sample_evenly,
    variant_totals,
)

PLAN = """青溪县社区读书节活动实施方案

为推动全民阅读，营造书香社区氛围，县文化馆决定举办社区读书节，特制定本方案。

一、活动目标
到2031年底，全县每个社区建成一处阅读角，居民年人均借阅图书达到五册。

二、活动时间
2031年3月1日至2031年6月30日。

三、活动内容
（一）好书推荐会
由县图书馆负责，每月在社区阅读角推荐新书，邀请居民分享读书心得。
（二）亲子共读日
由各街道办事处牵头，每周六上午组织家长与孩子一起朗读绘本。

四、保障措施
各单位要加强组织领导，落实专人负责，确保活动安全有序开展。

青溪县文化馆
2031年2月20日
"""

GOLD = {
    "file": "variants/plan.txt",
    "split": "dev",
    "author": "written for the test",
    "documents": [
        {
            "title": "青溪县社区读书节活动实施方案",
            "kind": "implementation_plan",
            "outline": [
                {"number": "一、", "heading": "活动目标", "level": 1},
                {"number": "二、", "heading": "活动时间", "level": 1},
                {"number": "三、", "heading": "活动内容", "level": 1},
                {"number": "（一）", "heading": "好书推荐会", "level": 2},
                {"number": "（二）", "heading": "亲子共读日", "level": 2},
                {"number": "四、", "heading": "保障措施", "level": 1},
            ],
            "goals": [{"text": "全县每个社区建成一处阅读角"}],
            "period": {"start": "2031-03-01", "end": "2031-06-30"},
        }
    ],
}


def _soffice_or_skip() -> None:
    if shutil.which("soffice") is None and shutil.which("libreoffice") is None:
        pytest.skip("LibreOffice (soffice) is not installed: the pdf variant cannot be rendered")


def _ocr_or_skip() -> None:
    from cxzy_nlp.read.ocr import ocr_available

    if not ocr_available():
        pytest.skip("the ocr extra (rapidocr, onnxruntime) is not installed: the scan variant cannot be read")


@pytest.fixture
def dev(tmp_path: Path) -> tuple[Path, Path, Path]:
    """A dev folder with one gold file, the shared folder holding its source, and a render cache."""
    shared = tmp_path / "shared"
    (shared / "variants").mkdir(parents=True)
    (shared / "variants" / "plan.txt").write_text(PLAN, encoding="utf-8")
    folder = tmp_path / "golden" / "dev"
    folder.mkdir(parents=True)
    (folder / "plan.yaml").write_text(yaml.safe_dump(GOLD, allow_unicode=True), encoding="utf-8")
    return folder, shared, tmp_path / "cache"


def test_even_sample_spreads_over_the_list_and_keeps_order():
    items = list(range(10))
    assert sample_evenly(items, None) == items
    assert sample_evenly(items, 20) == items
    assert sample_evenly(items, 0) == []
    assert sample_evenly(items, 5) == [0, 2, 4, 6, 8]
    assert sample_evenly(items, 3) == [0, 3, 6]


def test_a_pdf_original_is_its_own_pdf_and_an_ofd_is_not_rendered(tmp_path: Path):
    pdf = tmp_path / "a.pdf"
    pdf.write_bytes(b"%PDF-1.4\n")
    ofd = tmp_path / "a.ofd"
    ofd.write_bytes(b"PK")
    with pytest.raises(VariantSkipped, match="PDF"):
        render_variant(pdf, "pdf", tmp_path / "cache")
    with pytest.raises(VariantSkipped, match="LibreOffice"):
        render_variant(ofd, "pdf", tmp_path / "cache")
    with pytest.raises(ValueError):
        render_variant(pdf, "fax", tmp_path / "cache")


def test_recognition_answers_are_kept_by_image_and_asked_once(tmp_path: Path):
    import numpy as np

    calls: list[int] = []

    def engine(image):
        calls.append(1)
        return SimpleNamespace(boxes=[[[0, 0], [9, 0], [9, 4], [0, 4]]], txts=["一、总体要求"], scores=[0.98])

    memo = _MemoEngine(engine, tmp_path / "ocr")
    page = np.zeros((8, 12), dtype=np.uint8)
    first, again = memo(page), memo(page.copy())
    assert calls == [1]
    assert first.txts == again.txts == ["一、总体要求"] and again.scores == [0.98]
    assert again.boxes == [[[0.0, 0.0], [9.0, 0.0], [9.0, 4.0], [0.0, 4.0]]]
    memo(np.ones((8, 12), dtype=np.uint8))  # another image is recognised afresh
    assert calls == [1, 1]
    assert len(list((tmp_path / "ocr").glob("*.json"))) == 2
    json.loads(next((tmp_path / "ocr").glob("*.json")).read_text(encoding="utf-8"))


def test_the_gold_scores_the_same_on_the_pdf_rendering(dev):
    _soffice_or_skip()
    folder, shared, cache = dev
    records = evaluate_variants(folder, shared, ["pdf"], cache=cache)
    assert len(records) == 1 and not records[0].skipped, records[0].skipped
    original, rendered = variant_totals(records, "pdf")
    assert original.files == rendered.files == 1
    want = original.figures()
    got = rendered.figures()
    assert want["top_f1"] == 1.0 and want["child_recall"] == 1.0
    for key in ("top_f1", "child_recall", "kind_accuracy", "documents_exact", "goals_recall", "period_exact"):
        assert got[key] == want[key], (key, rendered.misses)
    # rendered once, keyed by the source's hash: a second evaluation renders nothing new
    made = sorted(p.name for p in (cache / "pdf").iterdir())
    assert len(made) == 1 and made[0].endswith(".pdf")
    evaluate_variants(folder, shared, ["pdf"], cache=cache)
    assert sorted(p.name for p in (cache / "pdf").iterdir()) == made


def test_a_file_limited_out_of_every_variant_is_not_scored(dev):
    folder, shared, cache = dev
    records = evaluate_variants(folder, shared, ["scan"], cache=cache, limits={"scan": 0})
    assert records == []
    original, rendered = variant_totals(records, "scan")
    assert original.files == rendered.files == 0


@pytest.mark.slow
def test_the_gold_scores_the_same_on_the_scan_of_the_rendering(dev):
    _soffice_or_skip()
    _ocr_or_skip()
    folder, shared, cache = dev
    records = evaluate_variants(folder, shared, ["scan"], cache=cache)
    assert "scan" in records[0].variants, records[0].skipped
    _, rendered = variant_totals(records, "scan")
    got = rendered.figures()
    assert got["top_f1"] == 1.0 and got["child_recall"] == 1.0, rendered.misses
    assert got["period_exact"] == 1.0, rendered.misses
