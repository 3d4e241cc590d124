"""The workbench's download of a department's feedback pack: over HTTP, and clicked in a real browser."""

from __future__ import annotations

import io
import re
import shutil
import warnings
import zipfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote

import docx
import pytest
from conftest import ROOT
from test_serve_browser import Watch, _audit_records, browser, server  # noqa: F401  (fixtures)

from cxzy_nlp import baseline as bl
from cxzy_nlp.serve import Settings, create_app

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

EXAMPLES = ROOT / "examples"
BASE = "http://127.0.0.1:8765"
LEFT_OUT = "青溪县教育局_2024年读书月活动方案.txt"
HOSTILE_DEPT = '"><img src=x onerror=alert(1)>局'
EXTRA = "另一个部门的读书方案.txt"


def _sheet(data: bytes) -> tuple[list[str], list[str]]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        assert all(info.flag_bits & 0x800 for info in archive.infolist())
        (sheet,) = [n for n in names if n.startswith("审阅意见单")]
        paragraphs = [p.text for p in docx.Document(io.BytesIO(archive.read(sheet))).paragraphs]
    return names, paragraphs


@pytest.fixture(scope="module")
def workbench(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """The examples (one file of the manifest left out) plus a file of a department whose name is markup."""
    tmp = tmp_path_factory.mktemp("serve-pack")
    settings = Settings(work_dir=tmp / "work", baseline=tmp / bl.BASELINE_NAME, reviewer="测试审阅人")
    manifest = (EXAMPLES / "manifest.csv").read_text(
        encoding="utf-8"
    ) + f'{EXTRA},"{HOSTILE_DEPT.replace(chr(34), 2 * chr(34))}",2024\n'
    files = [
        ("files", (p.name, p.read_bytes()))
        for p in sorted(EXAMPLES.iterdir())
        if p.name not in (LEFT_OUT, "manifest.csv")
    ]
    files.append(("files", ("manifest.csv", manifest.encode("utf-8"))))
    files.append(("files", (EXTRA, "读书活动方案\n一、活动目标\n开展XX活动。\n".encode())))
    with TestClient(create_app(settings), base_url=BASE) as client:
        client.get("/")
        token = client.cookies.get("cxzy_csrf")
        response = client.post("/api/check", files=files, headers={"X-CSRF-Token": token})
        assert response.status_code == 200, response.text
        yield client


def _pack_links(page: str) -> dict[str, str]:
    rows = re.findall(r'<tr class="pack-row".*?</tr>', page, re.S)
    links = {}
    for row in rows:
        dept = re.search(r'<td class="dept">(.*?)</td>', row, re.S)
        href = re.search(r'href="(/download/feedback/[0-9a-f]{16}\.zip)"', row)
        assert dept
        links[dept.group(1)] = href.group(1) if href else ""
    return links


def test_board_lists_each_department_with_its_pack(workbench: TestClient) -> None:
    page = workbench.get("/").text
    links = _pack_links(page)
    escaped = "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;局"
    assert set(links) == {"青溪县卫生健康局", "青溪县市场监督管理局", "青溪县教育局", escaped}
    assert all(links.values())
    assert "<img src=x" not in page  # the name is text, never markup


def test_download_holds_the_sheet_and_the_copies(workbench: TestClient) -> None:
    links = _pack_links(workbench.get("/").text)
    response = workbench.get(links["青溪县教育局"])
    assert response.status_code == 200 and response.headers["content-type"] == "application/zip"
    assert unquote(response.headers["content-disposition"].split("''")[-1]) == "青溪县教育局.zip"
    names, paragraphs = _sheet(response.content)
    assert sorted(names) == ["审阅意见单_青溪县教育局.docx", "审阅稿/青溪县教育局_校园安全专项整治实施方案.审阅.docx"]
    assert "报送单位：青溪县教育局" in paragraphs and "审阅人：测试审阅人" in paragraphs
    assert f"清单中未报送的材料：{LEFT_OUT}。" in paragraphs  # the manifest row without a file
    hostile = workbench.get(links["&#34;&gt;&lt;img src=x onerror=alert(1)&gt;局"])
    assert hostile.status_code == 200
    shown = unquote(hostile.headers["content-disposition"].split("''")[-1])
    assert shown == "___img src=x onerror=alert(1)_局.zip"  # safe_name: no quote, angle bracket or slash
    names, paragraphs = _sheet(hostile.content)
    assert f"报送单位：{HOSTILE_DEPT}" in paragraphs


def test_workbook_download_opens_with_the_board(workbench: TestClient) -> None:
    from openpyxl import load_workbook

    response = workbench.get("/download/workbook.xlsx")
    assert response.status_code == 200
    wb = load_workbook(io.BytesIO(response.content))
    assert wb.sheetnames[0] == "收文情况"
    rows = {r[0]: r[1] for r in wb["收文情况"].iter_rows(min_row=2, values_only=True)}
    assert rows["青溪县教育局"] == "已报送" and rows[HOSTILE_DEPT] == "已报送"
    (left_out,) = [r for r in wb["收文情况"].iter_rows(min_row=2, values_only=True) if r[0] == "青溪县教育局"]
    assert left_out[-1] == LEFT_OUT  # listed in the manifest, not sent


@pytest.mark.parametrize(
    "path",
    [
        "/download/feedback/0000000000000000.zip",
        "/download/feedback/..%2F..%2Fetc%2Fpasswd.zip",
        "/download/feedback/青溪县教育局.zip",  # a name is not a key
    ],
)
def test_unknown_or_forged_keys_are_not_found(workbench: TestClient, path: str) -> None:
    assert workbench.get(path).status_code == 404


# ------------------------------------------------------------------ in the browser


def test_download_feedback_pack_in_the_browser(
    browser: object,  # noqa: F811
    server: tuple[str, Path, Path],  # noqa: F811
    artifacts: Path,
    tmp_path: Path,
) -> None:
    from playwright.sync_api import expect

    base, log, _ = server
    folder = tmp_path / "收文"  # one department's two quick files and the county's manifest
    folder.mkdir()
    for name in ("manifest.csv", "青溪县教育局_2024年读书月活动方案.txt", "青溪县教育局_校园安全专项整治实施方案.docx"):
        shutil.copy(EXAMPLES / name, folder / name)
    watch = Watch(browser)
    page = watch.page
    page.goto(base + "/upload")
    page.set_input_files("#pick-folder", str(folder))
    expect(page.locator("#upload-done")).to_be_visible(timeout=300_000)
    page.goto(base + "/")
    row = page.locator("tr.pack-row", has_text="青溪县教育局")
    expect(row).to_contain_text("已报送")
    missing = page.locator("tr.pack-row", has_text="青溪县卫生健康局")  # in the manifest, nothing sent
    expect(missing).to_contain_text("未报送")
    assert missing.locator("a.download-pack").count() == 0
    page.screenshot(path=str(artifacts / "serve-feedback-packs.png"), full_page=True)
    with page.expect_download(timeout=180_000) as info:
        row.locator("a.download-pack").click()
    target = tmp_path / info.value.suggested_filename
    info.value.save_as(target)
    assert target.name == "青溪县教育局.zip"
    names, paragraphs = _sheet(target.read_bytes())
    assert len([n for n in names if n.startswith("审阅稿/")]) == 2
    assert "报送单位：青溪县教育局" in paragraphs
    assert watch.blocked == [] and watch.errors == []
    assert _audit_records(log) == []
    watch.context.close()
