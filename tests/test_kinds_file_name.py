"""The file's name as the weakest cue of a document's kind (issue 14): a sender names the file (年终总结.docx,
个人总结-张三.docx) even when the text has no title. The name is read only for a file's only document and only when
the title, the body and the layout name no kind; a name that is a person's, a number or a date gives none. All
texts are written for these tests."""

from __future__ import annotations

from conftest import normal_text

from cxzy_nlp.kinds import WEAK, file_name_kind
from cxzy_nlp.model import Block
from cxzy_nlp.segment import segment

# an untitled list of a year's work, no 了, no 我, no heading words: nothing in it names a kind
WORK_LIST = [
    Block("完成门户网站首页改版，上线新闻发布模块"),
    Block("配合财务科完成报销系统的页面调整"),
    Block("维护校园地图小程序，修复定位偏差"),
    Block("其它："),
    Block("整理前端组件库的使用说明"),
]


def test_names_that_give_a_kind_and_names_that_give_none() -> None:
    assert file_name_kind("年终总结.docx") == ("work_summary", "年终总结")
    assert file_name_kind("材料/结题/个人总结-张三.docx") == ("work_summary", "个人总结")
    assert file_name_kind("附件2：社区服务项目申报书.doc") == ("application_form", "社区服务项目申报书")
    assert file_name_kind("2024年工作计划(定稿).docx") == ("work_schedule", "2024年工作计划")
    for name in ("张三.doc", "rd011.docx", "新建 Microsoft Word 文档.docx", "t.txt", "<text>"):
        assert file_name_kind(name) is None, name


def test_an_untitled_document_takes_its_kind_from_the_file_name() -> None:
    (doc,) = segment(normal_text(WORK_LIST), name_hint="年终总结.docx")
    assert doc.doc_type == "work_summary"
    assert (doc.doc_type_evidence or "").split("；")[0] == f"文件名“年终总结”{WEAK}"


def test_control_without_a_name_the_document_names_no_kind() -> None:
    (doc,) = segment(normal_text(WORK_LIST))
    assert doc.doc_type == "other"


def test_control_the_text_outranks_the_file_name() -> None:
    blocks = [Block("关于开展网站安全检查的通知"), Block("各科室："), *WORK_LIST, Block("特此通知。")]
    (doc,) = segment(normal_text(blocks), name_hint="年终总结.docx")
    assert doc.doc_type == "notice"


def test_the_pipeline_passes_the_file_name(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from cxzy_nlp.pipeline import analyse

    text = "\n".join(b.text for b in WORK_LIST) + "\n"
    named = tmp_path / "年终总结.txt"
    plain = tmp_path / "notes.txt"
    named.write_text(text, encoding="utf-8")
    plain.write_text(text, encoding="utf-8")
    assert [d.doc_type for d in analyse(named, stages="segment").documents] == ["work_summary"]
    assert [d.doc_type for d in analyse(plain, stages="segment").documents] != ["work_summary"]


def test_the_cache_keeps_a_name_that_gives_a_kind_apart(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from cxzy_nlp.config import Config
    from cxzy_nlp.corpus.batch import run_batch
    from cxzy_nlp.corpus.cache import ResultCache

    text = "\n".join(b.text for b in WORK_LIST) + "\n"
    plain, named = tmp_path / "notes.txt", tmp_path / "年终总结.txt"
    plain.write_text(text, encoding="utf-8")
    named.write_text(text, encoding="utf-8")  # the same bytes
    cache = ResultCache(tmp_path / "cache.sqlite")
    config = Config(isolate=False)
    (first,) = run_batch([str(plain)], config, stages="segment", cache=cache)
    (second,) = run_batch([str(named)], config, stages="segment", cache=cache)
    assert [d.doc_type for d in first.documents] != ["work_summary"]
    assert [d.doc_type for d in second.documents] == ["work_summary"]
