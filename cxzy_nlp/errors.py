"""The error tree: the library raises these; the CLI turns them into exit codes and records."""

from __future__ import annotations


class CxzyError(Exception):
    """Base of every error the library raises on purpose.

    ``code`` is a stable English slug (it appears in the JSON ``errors`` list);
    ``message`` is the Chinese sentence shown to reviewers.
    """

    code = "error"

    def __init__(self, message: str, *, code: str | None = None, detail: str | None = None):
        super().__init__(message)
        if code is not None:
            self.code = code
        self.message = message
        self.detail = detail

    def to_record(self) -> dict[str, str]:
        record = {"code": self.code, "message": self.message}
        if self.detail:
            record["detail"] = self.detail
        return record


class ConfigError(CxzyError):
    """A setting, profile or option is invalid."""

    code = "config"


class ReadError(CxzyError):
    """A file could not be read. ``code`` says why (see ``READ_ERROR_CODES``)."""

    code = "corrupt"


class LimitExceeded(ReadError):
    """A file exceeded a size, time, memory or expansion limit."""

    code = "limit"


class MissingDependency(CxzyError):
    """An optional library needed for this step is not installed."""

    code = "missing-dependency"


# Stable codes that can appear in ``errors[].code`` for a file that could not be read.
READ_ERROR_CODES: dict[str, str] = {
    "not-found": "文件不存在",
    "empty": "文件为空",
    "no-text": "读取成功，但没有读出任何文字",
    "skipped": "文件夹中的此类文件不读取（不在读取的格式之列）",
    "not-regular-file": "不是普通文件（目录、管道或设备）",
    "no-access": "没有读取权限或磁盘读取出错",
    "type-mismatch": "文件内容与扩展名不符，且无法识别为支持的格式",
    "unsupported-format": "不支持的文件格式",
    "encrypted": "文件已加密或设有打开密码",
    "corrupt": "文件已损坏或格式错误",
    "truncated": "文件不完整（被截断）",
    "zip-bomb": "压缩包展开比例或体积异常（疑似压缩炸弹）",
    "dtd-forbidden": "OOXML 部件中含有 DTD 声明，已拒绝解析",
    "too-large": "文件超过大小上限",
    "timeout": "处理超时",
    "memory-limit": "处理超出内存上限",
    "worker-crashed": "处理进程意外退出",
    "internal-error": "内部错误",
    # problems of a file that was read (recorded beside its text) and errors of the new formats
    "unreadable-text": "部分文字无法正确读取（乱码或编码错误）",
    "symbols-dropped": "符号字体字符（项目符号、勾选框、公式括号）无法转为文字，正文文字未受影响",
    "encoding-repaired": "文字曾按错误编码解读（乱码），已自动还原",
    "no-text-layer": "页面没有文字层（扫描件或以图形绘制的文字），未能识别",
    "ocr-low-confidence": "扫描页文字识别（OCR）置信度低，识别结果可能有误",
    "ocr-unavailable": "未安装文字识别（OCR）组件，扫描页未被识别",
    "text-as-paths": "OFD 页面的文字以矢量图形绘制，没有文字层",
    "archive-too-deep": "压缩包嵌套层数超过上限",
    "archive-too-many-members": "压缩包内文件数量超过上限",
    "unsafe-path": "压缩包内文件路径指向包外（如 ../ 或绝对路径），已拒绝",
}
