"""Time the PDF back end (target: a 1,000-row annex with long measures in under 10 s).

Prints the time to break long titles at meaning boundaries (per title, with
the real 二号 measure); for the demo notice and a 1,000-row annex built in
memory: render time, pages, pages per second and file size; then, for comparison, LibreOffice
converting the same annex exported as a workbook by app/tables/exporter.py
(`soffice --headless --convert-to pdf`), when soffice is installed.

Usage: python bench/bench_pdf.py
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.demo import DEMO_NOTICE, document_from_dict
from app.domain.documents import Annex, AnnexRow, Document
from app.pdf.fonts import XIAOBIAOSONG, FontSet, resolve_fonts
from app.pdf.notice import write_notice
from app.pdf.page import BLOCK_W, SIZE_2
from app.pdf.printing import print_annex
from app.pdf.titles import title_lines
from app.tables.exporter import export_document

MEASURES = (
    "取消许可后，市场监管部门和自然资源部门要通过以下措施加强监管：\n"
    "1. 市、县级市场监管部门要通过“双随机、一公开”监管、重点监管、信用监管等方式，对相关检验"
    "检测机构实施监督管理，发现违法违规行为要依法查处并向社会公开结果。\n"
    "2. 市、县级自然资源部门依法委托有关检验检测机构从事检验检测活动，并对检验检测活动进行监管，"
    "指导有关检验检测机构提升业务能力和管理水平。发现违法违规行为要及时固定证据，确定违法事实，"
    "依法依规进行查处。\n"
    "3. 依法实施信用监管，如实记录违法失信行为，实施差异化监管等措施。"
)


def big_annex(rows: int = 1000) -> Annex:
    return Annex(f"取消行政权力事项（{rows}项）", "cancel", [
        AnnexRow(seq=str(n), department=f"县级第{n % 40 + 1}部门",
                 name=f"检验检测机构资质认定——第{n}类产品生产许可的审批和监督检查",
                 type="行政许可", basis="《国务院关于取消和下放一批行政许可事项的决定》（国发〔2020〕13号）",
                 measures=MEASURES, remarks="受省市场监管局委托实施" if n % 5 == 0 else "",
                 merged_with_above=["department"] if n % 40 else [])
        for n in range(1, rows + 1)])


def timed(label: str, action, out: Path) -> None:
    start = time.perf_counter()
    pages = action()
    elapsed = time.perf_counter() - start
    size = out.stat().st_size / 1024
    print(f"{label:<40} {elapsed:7.2f} s  {pages:5d} pages  {pages / elapsed:7.1f} pages/s"
          f"  {size:8.0f} KB")


TITLES = (
    "山东省人民政府关于加强和规范事中事后监管的实施意见",
    "嘉祥县人民政府关于2021年第一批削减县级行政权力事项等事宜的通知",
    "关于印发《嘉祥县行政权力事项动态调整办法》的通知",
    "嘉祥县人民政府办公室关于做好2022年度权责清单调整工作的通知",
    "国务院办公厅关于印发全国深化“放管服”改革优化营商环境电视电话会议重点任务分工方案的通知",
    "嘉祥县人民政府关于印发《嘉祥县推进政府职能转变和“放管服”改革实施方案》的通知",
)


def time_titles(fonts: FontSet) -> None:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    name = fonts[XIAOBIAOSONG].registered_name

    def measure(text: str) -> float:
        return stringWidth(text, name, SIZE_2)

    start = time.perf_counter()
    rounds = 20
    for _ in range(rounds):
        for title in TITLES:
            title_lines(title, measure, BLOCK_W)
    per_title = (time.perf_counter() - start) / rounds / len(TITLES) * 1000
    print(f"{'title breaking (per title)':<40} {per_title:7.2f} ms")


def demo_notice() -> Document:
    import json

    from app.paths import shipped_data_dir

    data = json.loads((shipped_data_dir() / "demo" / "jiazheng-2021-2.json")
                      .read_text(encoding="utf-8"))
    doc = document_from_dict(data)
    assert doc.number == DEMO_NOTICE
    return doc


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="bench-pdf-"))
    start = time.perf_counter()
    fonts = resolve_fonts()
    print(f"{'font resolution':<40} {time.perf_counter() - start:7.2f} s")
    for line in fonts.substitutions():
        print(f"  stand-in: {line}")
    time_titles(fonts)
    doc = demo_notice()
    out = folder / "notice.pdf"
    timed("demo notice 嘉政发〔2021〕2号", lambda: write_notice(doc, fonts, out), out)
    timed("demo notice again (fonts loaded)", lambda: write_notice(doc, fonts, out), out)
    annex = big_annex()
    out = folder / "annex1000-reportlab.pdf"
    timed("1,000-row annex (ReportLab)", lambda: print_annex(annex, fonts, out, 1), out)
    soffice = shutil.which("soffice")
    if soffice is None:
        print("soffice not installed: LibreOffice comparison skipped")
        return
    workbook = folder / "annex1000.xlsx"
    export_document(Document(number="测试〔2021〕1号", title="测试", annexes=[annex]), workbook)
    profile = folder / "lo-profile"
    start = time.perf_counter()
    subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(folder), str(workbook)],
                   check=True, capture_output=True, timeout=600)
    elapsed = time.perf_counter() - start
    converted = folder / "annex1000.pdf"
    from pypdf import PdfReader

    pages = len(PdfReader(converted).pages)
    print(f"{'1,000-row annex (LibreOffice from xlsx)':<40} {elapsed:7.2f} s  {pages:5d} pages"
          f"  {pages / elapsed:7.1f} pages/s  {converted.stat().st_size / 1024:8.0f} KB")
    print(f"(files in {folder})")


if __name__ == "__main__":
    main()
