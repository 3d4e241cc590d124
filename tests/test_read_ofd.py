"""OFD reader: reading order and re-joining on the project's own OFD files, coverage on real ones."""

from __future__ import annotations

import re
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from ofd_factory import write_ofd

from cxzy_nlp.errors import CxzyError, ReadError
from cxzy_nlp.read import read_bytes, read_path, sniff
from cxzy_nlp.read.ofd import deltas

REALDOCS2 = Path(__file__).resolve().parents[2] / "shared" / "realdocs2"
PARAGRAPHS = [
    "青溪县教育局关于开展读书月活动的通知",
    "各中小学校：为营造书香校园氛围，经研究，决定于2024年4月开展读书月活动，现将有关事项通知如下。",
    "一、活动时间",
    "2024年4月1日至4月30日。",
    "二、活动内容",
    "（一）开展好书推荐活动，每校推荐书目不少于20种，并于4月10日前报送教育局基础教育股。",
    "（二）组织读书征文比赛，评选优秀作品。",
    "三、工作要求",
    "各校要高度重视，精心组织，确保活动取得实效。",
]


def texts(data: bytes) -> list[str]:
    return [b.text for b in read_bytes(data, "plan.ofd").blocks]


def test_sniffed_as_ofd():
    data = write_ofd(PARAGRAPHS)
    assert sniff(data, ".ofd") == "ofd"
    assert sniff(data, "") == "ofd"


def test_paragraphs_are_rebuilt_with_page_cues():
    result = read_bytes(write_ofd(PARAGRAPHS), "plan.ofd")
    assert [b.text for b in result.blocks] == PARAGRAPHS  # wrapped lines joined, page number dropped
    title = result.blocks[0]
    assert title.page == 1 and title.centered and title.bold and title.font_size and title.font_size > 20
    assert result.source.format == "ofd" and result.source.pages == 1


@pytest.mark.parametrize("seed", range(4))
def test_runs_split_mid_word_and_out_of_order_read_in_page_order(seed):
    data = write_ofd(PARAGRAPHS, split=4, shuffle=True, compress=True, seed=seed)
    codes = [
        c
        for c in re.findall(
            r">([^<>]+)</ofd:TextCode>",
            zipfile.ZipFile(__import__("io").BytesIO(data)).read("Doc_0/Pages/Page_0/Content.xml").decode(),
        )
    ]
    assert "".join(codes) != "".join(PARAGRAPHS)  # control: the file really holds the runs out of order
    assert texts(data) == PARAGRAPHS


def test_running_header_of_a_template_is_removed_on_many_pages():
    many = PARAGRAPHS + [
        f"{n}、第{n}项工作任务的具体安排和完成时限要求，责任单位要按时报送进展情况。" for n in range(4, 40)
    ]
    result = read_bytes(write_ofd(many, header="青溪县人民政府办公室"), "plan.ofd")
    assert result.source.pages and result.source.pages > 2
    joined = "\n".join(b.text for b in result.blocks)
    assert "青溪县人民政府办公室" not in joined
    assert [b.text for b in result.blocks] == many
    # control: on one page a header cannot be told from a heading, and stays
    assert "青溪县人民政府办公室" in texts(write_ofd(PARAGRAPHS, header="青溪县人民政府办公室"))[0]


def test_text_inside_composite_graphic_units_is_read():
    assert texts(write_ofd(PARAGRAPHS, composite=True)) == PARAGRAPHS


def test_g_runs_in_advances():
    assert deltas("g 3 5.5 1 g 2 2") == [5.5, 5.5, 5.5, 1.0, 2.0, 2.0]
    assert deltas("") == [] and deltas("x 1") == [1.0]


def test_text_drawn_as_paths_is_reported_and_sent_to_ocr(monkeypatch):
    pytest.importorskip("scan_factory").font_path() or pytest.skip("no CJK font installed")
    data = write_ofd(PARAGRAPHS, paths_on_page=0, page_numbers=False)
    from cxzy_nlp.read import ocr

    if not ocr.ocr_available():
        result = read_bytes(data, "plan.ofd")
        assert [p.code for p in result.problems] == ["text-as-paths", "no-text-layer"]
        return
    result = read_bytes(data, "plan.ofd")
    assert [p.code for p in result.problems] == ["text-as-paths"]
    got = re.sub(r"\s", "", "".join(b.text for b in result.blocks))
    want = "".join(PARAGRAPHS)
    from rapidfuzz.distance import Levenshtein

    assert Levenshtein.normalized_distance(want, got) <= 0.02
    assert all(b.ocr_confidence is not None for b in result.blocks)


def test_text_drawn_as_paths_without_ocr_is_a_page_problem(monkeypatch):
    from cxzy_nlp.errors import MissingDependency
    from cxzy_nlp.read import ocr

    def missing() -> dict[str, str]:
        raise ocr.missing()

    monkeypatch.setattr(ocr, "model_paths", missing)
    pytest.importorskip("scan_factory").font_path() or pytest.skip("no CJK font installed")
    result = read_bytes(write_ofd(PARAGRAPHS, paths_on_page=0, page_numbers=False), "plan.ofd")
    assert [p.code for p in result.problems] == ["text-as-paths", "no-text-layer"]
    assert result.problems[1].pages == (1,) and "cxzy-nlp[ocr]" in result.problems[1].message
    assert result.blocks == ()
    assert issubclass(MissingDependency, CxzyError)


@pytest.mark.parametrize(
    ("damage", "code"),
    [
        (lambda d: d[: len(d) // 2], "truncated"),
        (lambda d: _without(d, "OFD.xml"), "corrupt"),
        (lambda d: _without(d, "Doc_0/Pages/Page_0/Content.xml"), "corrupt"),
        (lambda d: _replace(d, "Doc_0/Document.xml", b"<ofd:Document"), "corrupt"),
        (lambda d: _replace(d, "OFD.xml", b'<!DOCTYPE x [<!ENTITY e "x">]><a/>'), "dtd-forbidden"),
    ],
)
def test_broken_ofd_files_raise_with_a_code(damage, code):
    data = damage(write_ofd(PARAGRAPHS))
    with pytest.raises(ReadError) as info:
        read_bytes(data, "plan.ofd")
    assert info.value.code == code
    assert "Word" not in info.value.message


def _without(data: bytes, name: str) -> bytes:
    import io

    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        for info in src.infolist():
            if info.filename != name:
                zf.writestr(info, src.read(info))
    return out.getvalue()


def _replace(data: bytes, name: str, content: bytes) -> bytes:
    import io

    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        for info in src.infolist():
            zf.writestr(info, content if info.filename == name else src.read(info))
    return out.getvalue()


def test_a_document_without_pages_is_corrupt():
    data = _replace(
        write_ofd(PARAGRAPHS),
        "Doc_0/Document.xml",
        b'<ofd:Document xmlns:ofd="http://www.ofdspec.org/2016"><ofd:CommonData/><ofd:Pages/></ofd:Document>',
    )
    with pytest.raises(ReadError) as info:
        read_bytes(data, "plan.ofd")
    assert info.value.code == "corrupt"


def _coverage(reference: str, got: str) -> float:
    ref, hyp = Counter(re.sub(r"\s", "", reference)), Counter(re.sub(r"\s", "", got))
    return sum(min(n, hyp[ch]) for ch, n in ref.items()) / max(1, sum(ref.values()))


@pytest.mark.realdocs
@pytest.mark.parametrize("name", ["rd024", "rd025", "rd026"])
def test_real_ofd_files_are_covered(name):
    path = REALDOCS2 / f"{name}.ofd"
    if not path.is_file():
        pytest.skip("../shared/realdocs2 is not present on this machine")
    result = read_path(path)
    reference = (REALDOCS2 / f"{name}.txt").read_text(encoding="utf-8")
    got = "".join(b.text for b in result.blocks)
    assert _coverage(reference, got) >= 0.97
    assert _coverage(reference, "".join(reference.splitlines()[: len(reference.splitlines()) // 2])) < 0.97  # control


@pytest.mark.realdocs
def test_real_ofd_with_text_in_composite_units_is_read():
    """rd120 was filed as text drawn as paths; its text is in composite graphic units (a tool reading
    only the pages' own text objects finds none, hence its empty reference)."""
    path = REALDOCS2 / "rd120.ofd"
    if not path.is_file():
        pytest.skip("../shared/realdocs2 is not present on this machine")
    result = read_path(path)
    text = "".join(b.text for b in result.blocks)
    assert result.source.pages == 3 and len(text) > 3000
    assert "数字档案室" in text and "海关总署" in text
    assert not any(p.code == "text-as-paths" for p in result.problems)
    # page 2 is set in three columns: a sentence wrapped inside one column reads whole
    assert "档案管理工作基本实现了从档案实体管理向档案信息" in "".join(b.text for b in result.blocks if b.page == 2)


def test_junk_bytes_named_ofd_raise_cxzy_errors_only():
    import random

    rng = random.Random(5)
    base = write_ofd(PARAGRAPHS)
    for _ in range(30):
        data = bytearray(base)
        for _ in range(rng.randrange(1, 20)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        try:
            read_bytes(bytes(data), "plan.ofd")
        except CxzyError:
            pass


def test_a_scanned_page_inside_an_ofd_is_recognised():
    from cxzy_nlp.read import ocr

    factory = pytest.importorskip("scan_factory")
    if factory.font_path() is None or not ocr.ocr_available():
        pytest.skip("needs a CJK font and the ocr extra")
    scan = factory.synth_scan(3, max_pages=1)
    result = read_bytes(write_ofd(PARAGRAPHS[:3], scanned_page=factory.to_bytes(scan.pages, "PNG")), "plan.ofd")
    assert result.source.pages == 2
    typed = [b for b in result.blocks if b.page == 1]
    scanned = [b for b in result.blocks if b.page == 2]
    assert [b.text for b in typed] == PARAGRAPHS[:3] and all(not b.ocr and b.ocr_confidence is None for b in typed)
    assert scanned and all(b.ocr and b.ocr_confidence is not None for b in scanned)
    from rapidfuzz.distance import Levenshtein

    got = re.sub(r"\s", "", "".join(b.text for b in scanned)).removeprefix(
        "青溪县人民政府办公室文件"
    )  # one page: no running header to tell
    want = re.sub(r"\s", "", scan.reference)
    assert Levenshtein.normalized_distance(want, got) <= 0.03
    assert not any(p.code == "text-as-paths" for p in result.problems)


MANY = PARAGRAPHS + [
    f"（{n}）第{n}项工作任务要按时完成，责任单位要及时报送进展情况和存在的问题。" for n in range(3, 30)
]


@pytest.mark.parametrize("columns", [2, 3])
def test_a_page_set_in_text_columns_reads_column_by_column(columns):
    data = write_ofd(MANY, columns=columns, split=2, shuffle=True, seed=columns)
    result = read_bytes(data, "plan.ofd")
    assert [b.text for b in result.blocks] == MANY
    # control: the same text in one column reads the same, and the columns really share rows
    assert texts(write_ofd(MANY)) == MANY
    from cxzy_nlp.read import ofd
    from cxzy_nlp.read.ooxml import open_package

    with open_package(data, __import__("cxzy_nlp.config").config.DEFAULT_CONFIG) as package:
        doc = ofd.open_documents(package)[0]
        lines = ofd.glyphs_to_lines(ofd.page_content(doc, 0).glyphs)
    assert {ln.column for ln in lines} - {-1} == set(range(columns))  # -1: the title across the columns


def test_a_form_with_aligned_cells_is_not_taken_for_columns():
    rows = ["登记表"] + [f"项目{n}：内容{n}" for n in range(12)]
    data = write_ofd(rows)
    assert texts(data)[0] == "登记表"
