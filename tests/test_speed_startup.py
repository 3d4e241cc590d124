"""Start-up: what a one-file check and the batch's warm-up load (heavy libraries only on use, no threads before fork)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
HEAVY = ("numpy", "spacy", "jieba", "cn2an", "sklearn", "onnxruntime", "pdfplumber")
PLAN = (
    "某区文化馆2024年读书月活动方案\n一、活动目标\n到2024年6月底，举办读书分享会10场。\n二、活动内容\n"
    "组织读书分享会。\n三、几点说明\n本方案自印发之日起施行。\n"  # 几点说明: the rules leave it to the model
)


def _probe(code: str) -> dict[str, object]:
    """Run ``code`` in a fresh interpreter (this checkout first on the path); it prints one JSON object."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH", "")]))}
    run = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], env=env, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    result: dict[str, object] = json.loads(run.stdout.strip().splitlines()[-1])
    return result


LOADED = f"""
    import json, os, sys
    def loaded():
        return sorted(m for m in {HEAVY!r} if m in sys.modules)
    def threads():
        return len(os.listdir("/proc/self/task")) if os.path.isdir("/proc/self/task") else 1
"""


def test_one_file_analysis_imports_no_heavy_library() -> None:
    got = _probe(
        LOADED
        + f"""
    from cxzy_nlp.classify import load_model
    from cxzy_nlp.pipeline import analyse_text
    analysis = analyse_text({PLAN!r}, "plan.txt")
    assert analysis.documents
    print(json.dumps({{"loaded": loaded(), "model_read": load_model.cache_info().currsize}}))
    """
    )
    assert got["model_read"] == 1  # the section model was evaluated, without numpy
    assert got["loaded"] == []


def test_warm_up_loads_the_pipeline_without_threads_or_heavy_libraries() -> None:
    got = _probe(
        LOADED
        + """
    from cxzy_nlp.corpus.batch import warm_up
    warm_up()
    warm = {"loaded": loaded(), "threads": threads(),
            "pipeline": all(m in sys.modules for m in ("cxzy_nlp.segment", "cxzy_nlp.extract", "cxzy_nlp.check"))}
    import numpy  # control: the probe sees a library that starts threads
    warm["control"] = loaded()
    print(json.dumps(warm))
    """
    )
    assert got["pipeline"] is True
    assert got["loaded"] == []
    assert "numpy" in got["control"]  # type: ignore[operator]
    if Path("/proc/self/task").is_dir():
        assert got["threads"] == 1


def test_words_are_spacys_chinese_tokens_without_spacy() -> None:
    spacy = pytest.importorskip("spacy")
    del spacy
    from cxzy_nlp.extract.nlp import load_nlp, words

    nlp = load_nlp()
    for phrase in ("县教育局党组成员张伟", "规范文明 城市创建", "本报告\n成本报告", "  ", "2024年度工作要点"):
        assert words(phrase) == [t.text for t in nlp(phrase) if not t.is_space]
