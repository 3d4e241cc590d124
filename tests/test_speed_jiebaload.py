"""load_jieba imports jieba without pkg_resources, and jieba segments and tags exactly as when imported the
plain way (its data files then opened by pkg_resources): compared in two fresh interpreters."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import ROOT

# invented phrases, written for this test: units, names with titles, verbs, numbers and Latin letters
PHRASES = [
    "县教育局党组成员张伟同志负责组织实施",
    "各乡镇人民政府要加强统筹协调，确保2024年底前完成",
    "开展“我为群众办实事”实践活动",
    "项目负责人李明、指导教师王芳",
    "建立健全长效机制，推进APP与大数据平台建设",
    "组织召开动员部署会议并印发实施方案",
    "研究制定考核办法",
    "王小红",
]

_PROBE = """
import json, sys
plain = sys.argv[1] == "plain"
if plain:
    import jieba
    from cxzy_nlp.extract.nlp import load_jieba
    load_jieba()
else:
    from cxzy_nlp.extract.nlp import load_jieba
    load_jieba()
import jieba.posseg as pseg
from cxzy_nlp.extract.nlp import load_jieba
phrases = json.loads(sys.argv[2])
print(json.dumps({
    "pkg_resources": "pkg_resources" in sys.modules,
    "cut": [list(load_jieba().cut(p)) for p in phrases],
    "posseg": [[(w.word, w.flag) for w in pseg.cut(p)] for p in phrases],
}, ensure_ascii=False))
"""


def _probe(how: str) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, how, json.dumps(PHRASES, ensure_ascii=False)],
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "HOME": str(ROOT.parent)},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def probes() -> dict[str, dict]:
    return {how: _probe(how) for how in ("plain", "loaded")}


def test_load_jieba_leaves_pkg_resources_unimported(probes: dict[str, dict]) -> None:
    assert probes["loaded"]["pkg_resources"] is False


def test_control_importing_jieba_the_plain_way_imports_pkg_resources(probes: dict[str, dict]) -> None:
    assert probes["plain"]["pkg_resources"] is True


def test_jieba_cuts_and_tags_as_when_imported_the_plain_way(probes: dict[str, dict]) -> None:
    assert probes["loaded"]["cut"] == probes["plain"]["cut"]
    assert probes["loaded"]["posseg"] == probes["plain"]["posseg"]
    assert any(len(words) > 1 for words in probes["loaded"]["cut"])  # the phrases were segmented at all


def test_pkg_resources_can_be_imported_after_load_jieba() -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "from cxzy_nlp.extract.nlp import load_jieba; load_jieba(); import pkg_resources; print('ok')",
        ],
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "HOME": str(ROOT.parent)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.stdout.strip() == "ok", done.stderr[-500:]
