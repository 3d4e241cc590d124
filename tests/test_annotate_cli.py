"""`cxzy annotate` guards and batches: never a blank copy, never the input overwritten, folders and zips.

Each guard has its control: the same call without the fault writes the copy.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT
from typer.testing import CliRunner

from cxzy_nlp.cli import app
from cxzy_nlp.errors import ConfigError, CxzyError, ReadError
from cxzy_nlp.report.annotate import annotate_file

EXAMPLES = ROOT / "examples"
DOCX = EXAMPLES / "青溪县市场监督管理局_食品安全专项整治实施方案.docx"
TXT = EXAMPLES / "青溪县教育局_2024年读书月活动方案.txt"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def cli(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["annotate", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stderr


def _authors(docx: Path) -> set[str]:
    from lxml import etree

    with zipfile.ZipFile(docx) as z:
        root = etree.fromstring(z.read("word/comments.xml"))
    return {str(c.get(f"{W}author")) for c in root.iter(f"{W}comment")}


# ------------------------------------------------------------------ never a blank output


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("缺失.docx", None, "not-found"),
        ("空.docx", b"", "empty"),
        ("空.txt", b"", "empty"),
        ("坏.docx", b"PK\x03\x04 not really a zip", None),
    ],
)
def test_a_bad_input_gives_an_error_and_no_file(tmp_path: Path, name: str, content: bytes | None, code: str) -> None:
    src = tmp_path / name
    if content is not None:
        src.write_bytes(content)
    out = tmp_path / "out.docx"
    with pytest.raises(ReadError) as info:
        annotate_file(src, out)
    assert code is None or info.value.code == code
    assert "审阅稿" in info.value.message or "不存在" in info.value.message
    assert not out.exists()
    status, err = cli(str(src), "-o", str(out))
    assert status != 0 and "未能生成审阅稿" in err and "Traceback" not in err
    assert not out.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".cxzy-")]  # no temporary left behind


def test_control_a_good_input_gives_a_copy(tmp_path: Path) -> None:
    out = tmp_path / "out.docx"
    status, err = cli(str(TXT), "-o", str(out))
    assert status == 0, err
    assert out.is_file() and zipfile.is_zipfile(out)
    assert "已生成 1 份审阅稿" in err
    mask = os.umask(0o022)
    os.umask(mask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~mask  # an ordinary new file, not a private temporary


# ------------------------------------------------------------------ never the input overwritten


def test_output_equal_to_the_input_is_refused(tmp_path: Path) -> None:
    src = tmp_path / "方案.docx"
    shutil.copy(DOCX, src)
    before = _sha(src)
    for same in (src, tmp_path / "sub" / ".." / "方案.docx"):
        with pytest.raises(ConfigError) as info:
            annotate_file(src, same, force=True)
        assert info.value.code == "output-is-input" and "覆盖" in info.value.message
        status, err = cli(str(src), "-o", str(same), "--force")
        assert status == 2 and "覆盖送审文件" in err
    link = tmp_path / "链接.docx"
    os.symlink(src, link)
    with pytest.raises(ConfigError):
        annotate_file(src, link, force=True)
    assert _sha(src) == before


def test_an_existing_output_needs_force(tmp_path: Path) -> None:
    out = tmp_path / "out.docx"
    out.write_bytes(b"earlier")
    with pytest.raises(ConfigError) as info:
        annotate_file(DOCX, out)
    assert info.value.code == "output-exists" and "--force" in info.value.message
    status, err = cli(str(DOCX), "-o", str(out))
    assert status == 2 and "已存在" in err
    assert out.read_bytes() == b"earlier"
    status, err = cli(str(DOCX), "-o", str(out), "--force")  # the control
    assert status == 0, err
    assert zipfile.is_zipfile(out)


def test_errors_are_cxzy_errors() -> None:
    assert issubclass(ReadError, CxzyError) and issubclass(ConfigError, CxzyError)


# ------------------------------------------------------------------ folders, many files, zips


@pytest.fixture()
def inbox(tmp_path: Path) -> Path:
    root = tmp_path / "收文"
    (root / "教育局").mkdir(parents=True)
    shutil.copy(DOCX, root / "教育局" / "方案.docx")
    shutil.copy(TXT, root / "教育局" / "方案.txt")  # the same stem: two copies, two names
    shutil.copy(TXT, root / "计划.txt")
    (root / "空.docx").write_bytes(b"")
    (root / "说明.xyz").write_text("不是送审文件", encoding="utf-8")
    with zipfile.ZipFile(root / "补报.zip", "w") as z:
        z.write(DOCX, "卫健局/方案.docx")
        z.writestr("../../逃逸.txt", TXT.read_text(encoding="utf-8"))
    return root


def test_a_folder_is_mirrored_with_one_copy_per_input(inbox: Path, tmp_path: Path) -> None:
    out = tmp_path / "审阅"
    hashes = {p: _sha(p) for p in inbox.rglob("*") if p.is_file()}
    status, err = cli(str(inbox), "-o", str(out))
    assert status == 1  # one input could not be annotated
    written = {str(p.relative_to(out)) for p in out.rglob("*.docx")}
    assert written == {
        "教育局/方案.审阅.docx",
        "教育局/方案_txt.审阅.docx",
        "计划.审阅.docx",
        "补报/卫健局/方案.审阅.docx",
    }
    assert "✗" in err and "空.docx" in err and "[empty]" in err
    assert "逃逸.txt" in err and "[unsafe-path]" in err  # a member reaching outside the archive is refused
    assert "已生成 4 份审阅稿" in err and "2 个文件未能生成审阅稿" in err and "跳过 1 个" in err
    assert all(_sha(p) == h for p, h in hashes.items())
    assert not (tmp_path / "逃逸.审阅.docx").exists()
    # a second run refuses to overwrite, --force replaces
    status, err = cli(str(inbox), "-o", str(out))
    assert status == 2 and "已存在" in err
    status, err = cli(str(inbox), "-o", str(out), "--force")
    assert status == 1 and "已生成 4 份审阅稿" in err


def test_several_paths_in_one_call(tmp_path: Path) -> None:
    out = tmp_path / "审阅"
    status, err = cli(str(DOCX), str(TXT), "-o", str(out))
    assert status == 0, err
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{p.stem}.审阅.docx" for p in (DOCX, TXT))


def test_annotate_dot_does_not_crash_and_skips_its_own_copies(inbox: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.rmtree(inbox / "教育局")
    (inbox / "补报.zip").unlink()
    monkeypatch.chdir(inbox)
    status, err = cli(".")
    assert status == 1 and "Traceback" not in err
    assert (inbox / "计划.审阅.docx").is_file()
    status, err = cli(".", "--force")  # the copies are not inputs the second time
    assert "已生成 1 份审阅稿" in err
    assert not list(inbox.glob("*.审阅.审阅.docx"))


def test_author_from_the_option_or_the_config(tmp_path: Path) -> None:
    folder = tmp_path / "收文"
    folder.mkdir()
    shutil.copy(DOCX, folder / "方案.docx")
    (folder / "cxzy.toml").write_text('reviewer = "李四"\n', encoding="utf-8")
    status, err = cli(str(folder), "-o", str(tmp_path / "a"))
    assert status == 0, err
    assert _authors(tmp_path / "a" / "方案.审阅.docx") == {"李四"}
    status, err = cli(str(folder), "-o", str(tmp_path / "b"), "--author", "王五")
    assert status == 0, err
    assert _authors(tmp_path / "b" / "方案.审阅.docx") == {"王五"}
