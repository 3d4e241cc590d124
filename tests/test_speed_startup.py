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
    seen = loaded()
    from cxzy_nlp.extract.activities import names_work
    names_work("近3年知识产权材料")  # control: a name the word list leaves open loads jieba
    print(json.dumps({{"loaded": seen, "model_read": load_model.cache_info().currsize, "control": loaded()}}))
    """
    )
    assert got["model_read"] == 1  # the section model was evaluated, without numpy
    assert got["loaded"] == []
    assert got["control"] == ["jieba"]


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


def test_a_one_file_check_from_the_command_line_imports_no_pydantic(tmp_path: Path) -> None:
    plan = tmp_path / "plan.txt"
    plan.write_text(PLAN, encoding="utf-8")
    probe = f"""
    import json, sys
    sys.argv = ["cxzy", "check", {str(plan)!r}, "--no-cache", "--fail-on", "never", "-o", {str(tmp_path / "o.json")!r}]
    from cxzy_nlp.cli import main
    try:
        main()
    except SystemExit:
        pass
    seen = "pydantic" in sys.modules
    from typer._coercion import build_runtime_param  # control: typer's own coercion imports it
    from cxzy_nlp.cli import app
    import typer.main
    build_runtime_param(typer.main.get_command(app).commands["check"].params[0].type_descriptor)
    print(json.dumps({{"pydantic": seen, "control": "pydantic" in sys.modules}}))
    """
    got = _probe(probe)
    assert (tmp_path / "o.json").is_file()
    assert got == {"pydantic": False, "control": True}


# fmt: off
COERCED = [
    # option, value given
    ("--jobs", "2"), ("--jobs", " 3 "), ("--jobs", "+2"), ("--jobs", "1_0"), ("--jobs", "abc"), ("--jobs", "1.5"),
    ("--jobs", "0"), ("--jobs", "３"), ("--time-limit", "2.5"), ("--time-limit", "1e3"), ("--time-limit", "x"),
    ("--memory-limit", "-1"), ("--profile", "我的配置.yaml"), ("--output", "out.json"), ("--output", ""),
]
# fmt: on


@pytest.mark.parametrize(("option", "value"), COERCED)
def test_option_values_convert_as_typers_pydantic_adapters_do(option: str, value: str) -> None:
    """The value or the message of :mod:`cxzy_nlp.cli.coerce` equals typer's own (pydantic) for the options used."""
    import typer.main
    from typer._click.exceptions import BadParameter
    from typer._coercion import build_runtime_param

    from cxzy_nlp.cli import app
    from cxzy_nlp.cli.coerce import plain_runtime_param

    command = typer.main.get_command(app)
    param = next(p for p in command.commands["check"].params if option in p.opts)  # type: ignore[attr-defined]
    ctx = command.commands["check"].make_context("check", ["x.txt"])  # type: ignore[attr-defined]
    ours, typers = plain_runtime_param(param.type_descriptor), build_runtime_param(param.type_descriptor)
    assert ours is not None and type(ours) is not type(typers)

    def outcome(runtime: object) -> object:
        try:
            return ("value", runtime.coerce(value, param=param, ctx=ctx))  # type: ignore[attr-defined]
        except BadParameter as exc:
            return ("error", exc.message)

    assert outcome(ours) == outcome(typers)


def test_a_command_line_imports_only_the_command_it_names(tmp_path: Path) -> None:
    plan = tmp_path / "plan.txt"
    plan.write_text(PLAN, encoding="utf-8")
    probe = f"""
    import json, sys
    def commands():
        return sorted(m.rsplit("_", 1)[1] for m in sys.modules if m.startswith("cxzy_nlp.cli.cmd_"))
    from cxzy_nlp.cli import main
    got = {{}}
    for argv in (["check", {str(plan)!r}, "--no-cache", "--fail-on", "never", "-o", {str(tmp_path / "o.json")!r}],
                 ["--help"]):  # control: the help lists every command, so it imports them all
        sys.argv = ["cxzy", *argv]
        try:
            main()
        except SystemExit:
            pass
        got[argv[0]] = commands()
    print(json.dumps(got))
    """
    got = _probe(probe)
    assert (tmp_path / "o.json").is_file()
    assert got["check"] == ["check"]
    assert len(got["--help"]) == 12


ORDINAL_PLAN = (
    "某区2024年读书月工作总结\n今年部署了三个方面重点任务。一是组织读书分享会，全年举办10场。二是开展好书推荐。"
    "三是评选书香家庭。\n"
)


def test_markers_read_as_numbers_do_not_import_cn2an() -> None:
    got = _probe(
        LOADED
        + f"""
    from cxzy_nlp.pipeline import analyse_text
    analysis = analyse_text({ORDINAL_PLAN!r}, "plan.txt")
    works = [a.name for d in analysis.documents for a in d.activities]
    seen = loaded()
    from cxzy_nlp.chinese.numerals import to_number
    value = to_number("一百五十点五")  # control: an amount the table does not hold is read by cn2an
    print(json.dumps({{"works": works, "loaded": seen, "value": value, "control": loaded()}}))
    """
    )
    assert len(got["works"]) >= 3  # 一是…二是…三是… read as numbered work (the numbers were read)
    assert got["loaded"] == []
    assert got["value"] == 150.5
    assert got["control"] == ["cn2an"]


def test_the_table_of_small_numerals_reads_them_as_cn2an_does() -> None:
    import cn2an

    from cxzy_nlp.chinese.numerals import _CANONICAL, to_number

    assert len(_CANONICAL) == 100
    for written, value in _CANONICAL.items():
        assert to_number(written) == float(cn2an.cn2an(written, "smart")) == value
    assert to_number("两") == 2.0  # 两 reads as 二, as before
