"""Regenerate the Arabic DOCX/PDF/HTML fixtures of tests/fixtures/sources/ from known text.

The source text is ``upr_fictional_response.txt`` (a made-up UPR-style response: numbered
paragraphs, ordinal headings, recommendation sub-headings, a running header with a fictional
symbol, page numbers). This script writes it as:

- ``upr_fictional_response.docx`` with python-docx (right-to-left paragraphs, bold headings,
  a header with the symbol, a footer with a PAGE field);
- ``upr_fictional_response.pdf`` from that DOCX with LibreOffice headless (Writer's own
  Arabic shaping and PDF export; fonts from Debian's ``fonts-noto-core``);
- ``upr_fictional_response.html`` (dir="rtl");
- broken inputs: ``encrypted.pdf`` (LibreOffice, open password), ``image_only.pdf`` (a
  picture of text, no text layer), ``truncated.pdf``, ``corrupt.docx``.

Needs, at generation time only: python-docx, Pillow, LibreOffice (``soffice``). The tests use
the committed files and need none of them.

    python bench/make_source_fixtures.py            # writes into tests/fixtures/sources/
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "sources"
STEM = "upr_fictional_response"
SYMBOL = "A/HRC/99/17/Add.1"

#: The known text: one block a line; headings and sub-headings are recognised by their form.
HEADER_LINES = [
    "مجلس حقوق الإنسان",
    "الدورة التاسعة والتسعون",
    "تقرير الفريق العامل المعني بالاستعراض الدوري الشامل",
    "جمهورية زمردستان",
    "إضافة",
    "آراء الدولة موضوع الاستعراض بشأن الاستنتاجات و/أو التوصيات والتزاماتها الطوعية وردودها",
    "14 آذار/مارس 2031",
]

SECTIONS = [
    ("أولاً- الإطار المؤسسي: التوصيات 1 و2 و5", [
        ("التوصيتان 1 و2", [
            "تلقت جمهورية زمردستان مائة وعشرين توصية خلال الجولة الخامسة من الاستعراض، ودرستها الحكومة بعناية مع الوزارات المعنية ومنظمات المجتمع المدني قبل أن تحدد موقفها من كل توصية على حدة.",
            "وتؤيد الحكومة التوصيتين المتعلقتين بإنشاء مؤسسة وطنية لحقوق الإنسان وفقاً لمبادئ باريس، وقد أحالت مشروع القانون إلى البرلمان في شهر أيلول/سبتمبر 2030.",
            "ويمنح مشروع القانون المؤسسة الوطنية استقلالاً مالياً وإدارياً كاملاً، ويخولها تلقي الشكاوى الفردية وزيارة أماكن الاحتجاز دون إخطار مسبق.",
        ]),
        ("التوصية 5", [
            "أحاطت الحكومة علماً بالتوصية الداعية إلى التصديق على البروتوكول الاختياري لاتفاقية مناهضة التعذيب، وهي تدرس الآثار المالية والتشريعية للتصديق.",
        ]),
    ]),
    ("ثانياً- الحق في التعليم: التوصيات 14 و15 و31", [
        (None, [
            "يكفل الدستور التعليم المجاني والإلزامي لجميع الأطفال حتى سن الخامسة عشرة، بمن فيهم الأطفال عديمو الجنسية وأطفال اللاجئين وملتمسي اللجوء.",
            "وخصصت الحكومة في ميزانية عام 2031 ما يعادل 4,5 في المائة من الناتج المحلي الإجمالي لقطاع التعليم، أي بزيادة قدرها 12 في المائة عن العام السابق.",
            "وتعمل وزارة التربية على تدريب ثلاثة آلاف معلم على أساليب التعليم الجامع للأطفال ذوي الإعاقة في المدارس الريفية والنائية.",
            "وتلاحظ الحكومة أن معدل التسرب المدرسي بين الفتيات في المناطق الجبلية لا يزال مرتفعاً، ولذلك أطلقت برنامجاً للمنح الدراسية والنقل المدرسي المجاني.",
        ]),
    ]),
    ("ثالثاً- حرية التعبير وحماية الصحفيين: التوصيات 40 و41 و42", [
        ("التوصيات 40 و41 و42", [
            "تؤيد الحكومة التوصيات الثلاث وتؤكد أن قانون الإعلام الجديد ألغى عقوبة السجن في قضايا التشهير واستعاض عنها بغرامات متناسبة.",
            "وأنشأت النيابة العامة وحدة خاصة للتحقيق في الاعتداءات على الصحفيين والمدافعين عن حقوق الإنسان، وأحالت إلى القضاء سبع قضايا خلال عام 2030.",
            "وتعتزم الحكومة دعوة المقرر الخاص المعني بتعزيز وحماية الحق في حرية الرأي والتعبير إلى زيارة البلد في النصف الثاني من عام 2031.",
        ]),
    ]),
    ("رابعاً- حقوق المهاجرين وعديمي الجنسية: التوصيتان 77 و78", [
        (None, [
            "اعتمد البرلمان في عام 2030 قانوناً يبسط إجراءات منح الجنسية للأشخاص عديمي الجنسية المقيمين في البلد منذ أكثر من عشر سنوات.",
            "وسجلت دائرة الهجرة حتى الآن ألفين وثلاثمائة شخص بموجب الإجراء الجديد، وتعمل مع مفوضية الأمم المتحدة لشؤون اللاجئين على حملة توعية في المحافظات الحدودية.",
            "ولا ترى الحكومة في الوقت الحاضر إمكانية للانضمام إلى الاتفاقية الدولية لحماية حقوق جميع العمال المهاجرين وأفراد أسرهم، نظراً إلى ما يترتب على ذلك من التزامات مالية.",
        ]),
    ]),
]


def paragraphs() -> list[tuple[str, str]]:
    """The document as (kind, text) pairs in order: title lines, headings, sub-headings, paragraphs."""
    items: list[tuple[str, str]] = [("title", line) for line in HEADER_LINES]
    n = 0
    for heading, groups in SECTIONS:
        items.append(("heading", heading))
        for sub, texts in groups:
            if sub:
                items.append(("subheading", sub))
            for text in texts:
                n += 1
                items.append(("paragraph", f"{n}- {text}"))
    return items


def source_text() -> str:
    """The known text, one block a line, blank lines between (the comparison reference)."""
    return "\n\n".join(text for _, text in paragraphs()) + "\n"


def write_docx(path: Path) -> None:
    """The document as DOCX with python-docx: RTL paragraphs, header and PAGE footer."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    document = Document()
    style = document.styles["Normal"]
    style.font.name = "Noto Naskh Arabic"
    style.font.size = Pt(13)
    style.element.rPr.rFonts.set(qn("w:cs"), "Noto Naskh Arabic")
    size = OxmlElement("w:szCs")
    size.set(qn("w:val"), "26")
    style.element.rPr.append(size)

    def rtl(paragraph) -> None:
        ppr = paragraph._p.get_or_add_pPr()
        bidi = OxmlElement("w:bidi")
        ppr.insert(0, bidi)

    def run(paragraph, text: str, bold: bool = False):
        r = paragraph.add_run(text)
        rpr = r._r.get_or_add_rPr()
        rpr.append(OxmlElement("w:rtl"))
        if bold:
            r.bold = True
            rpr.append(OxmlElement("w:bCs"))
        return r

    section = document.sections[0]
    header = section.header.paragraphs[0]
    rtl(header)
    run(header, SYMBOL)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    field_run = footer.add_run()
    for kind, value in (("begin", None), ("instr", " PAGE "), ("separate", None), ("text", "1"), ("end", None)):
        if kind == "instr":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = value
        elif kind == "text":
            element = OxmlElement("w:t")
            element.text = value
        else:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        field_run._r.append(element)

    for kind, text in paragraphs():
        p = document.add_paragraph()
        rtl(p)
        p.paragraph_format.space_after = Pt(8)
        if kind in ("title", "heading"):
            if kind == "title":
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run(p, text, bold=True)
        elif kind == "subheading":
            run(p, text, bold=True)
        else:
            p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            run(p, text)
    core = document.core_properties
    core.title = "زمردستان: الردود على توصيات الاستعراض الدوري الشامل"
    core.author = "fahras test fixture"
    document.save(path)


def soffice_pdf(source: Path, out_dir: Path, options: str = "") -> Path:
    """Convert ``source`` to PDF with LibreOffice headless; returns the PDF's path."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        sys.exit("LibreOffice (soffice) is needed: apt-get install libreoffice-writer-nogui fonts-noto-core")
    target = "pdf" + (f":writer_pdf_Export:{options}" if options else "")
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless",
                        "--convert-to", target, "--outdir", str(out_dir), str(source)],
                       check=True, capture_output=True, timeout=300)
    return out_dir / (source.stem + ".pdf")


def write_html(path: Path) -> None:
    import html

    body = []
    for kind, text in paragraphs():
        tag = {"title": "h1", "heading": "h2", "subheading": "h3"}.get(kind, "p")
        body.append(f"<{tag}>{html.escape(text)}</{tag}>")
    path.write_text(
        "<!DOCTYPE html>\n<html lang=\"ar\" dir=\"rtl\">\n<head><meta charset=\"utf-8\">"
        f"<title>{SYMBOL}</title><style>p {{ text-align: justify }}</style></head>\n<body>\n"
        + "\n".join(body) + "\n<script>var x = 'لا تفهرس';</script>\n</body>\n</html>\n",
        encoding="utf-8")


def write_image_only_pdf(path: Path) -> None:
    """A one-page PDF holding only a picture (what a scanner gives): no text layer."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (600, 400), "white")
    draw = ImageDraw.Draw(image)
    for y in range(40, 360, 30):
        draw.rectangle((60, y, 540, y + 12), fill="black")
    image.save(path, "PDF", resolution=72)


#: A second document: footnotes and a paragraph that runs across a page break.
FOOTNOTED = [
    ("heading", "أولاً- التعاون مع آليات حقوق الإنسان: التوصيات 3 و4"),
    ("paragraph", "1- قدمت الحكومة تقريرها الدوري الثالث إلى لجنة حقوق الطفل في موعده", "1"),
    ("paragraph", "2- ووجهت الحكومة دعوة دائمة إلى جميع المكلفين بولايات في إطار الإجراءات الخاصة، وزار البلد خلال الفترة المشمولة بالتقرير أربعة من المقررين الخاصين", "2"),
    ("paragraph", "3- " + " ".join(["وتواصل الحكومة حوارها مع هيئات المعاهدات ومع المفوضية السامية لحقوق الإنسان بشأن متابعة التوصيات، وتنشر ردودها على موقعها الرسمي باللغتين العربية والإنجليزية."] * 14), None),
    ("paragraph", "4- وتعتزم الحكومة تقديم تقرير منتصف المدة في إطار الاستعراض الدوري الشامل.", None),
]
FOOTNOTES = {"1": "CRC/C/ZMR/3, الفقرات 10 إلى 14.", "2": "A/HRC/98/41/Add.2."}


def footnoted_text() -> str:
    """The known text of the footnoted document as fahras should give it (notes last)."""
    blocks = []
    for item in FOOTNOTED:
        text = item[1]
        if len(item) > 2 and item[2]:
            text += f" ({item[2]})"
        blocks.append(text)
    notes = "\n".join(f"{n} {t}" for n, t in FOOTNOTES.items())
    return "\n\n".join(blocks) + "\n\n" + notes + "\n"


def write_fodt(path: Path) -> None:
    """The footnoted document as a flat OpenDocument file (LibreOffice turns it into PDF)."""
    from xml.sax.saxutils import escape

    body = []
    for item in FOOTNOTED:
        kind, text = item[0], item[1]
        style = "H" if kind == "heading" else "P"
        note = ""
        if len(item) > 2 and item[2]:
            n = item[2]
            note = (f'<text:note text:id="n{n}" text:note-class="footnote"><text:note-citation>{n}'
                    f'</text:note-citation><text:note-body><text:p text:style-name="F">'
                    f'{escape(FOOTNOTES[n])}</text:p></text:note-body></text:note>')
        body.append(f'<text:p text:style-name="{style}">{escape(text)}{note}</text:p>')
    paragraph = ('style:writing-mode="rl-tb" fo:text-align="justify" fo:margin-bottom="0.25cm"')
    font = ('style:font-name-complex="Noto Naskh Arabic" style:font-name="Noto Naskh Arabic" '
            'fo:font-size="{0}pt" style:font-size-complex="{0}pt"')
    path.write_text(f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:font-face-decls><style:font-face style:name="Noto Naskh Arabic" svg:font-family="Noto Naskh Arabic"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"/></office:font-face-decls>
<office:automatic-styles>
<style:style style:name="P" style:family="paragraph"><style:paragraph-properties {paragraph}/>
<style:text-properties {font.format(13)}/></style:style>
<style:style style:name="H" style:family="paragraph"><style:paragraph-properties {paragraph}/>
<style:text-properties {font.format(14)} fo:font-weight="bold" style:font-weight-complex="bold"/></style:style>
<style:style style:name="F" style:family="paragraph"><style:paragraph-properties style:writing-mode="rl-tb"/>
<style:text-properties {font.format(10)}/></style:style>
</office:automatic-styles>
<office:body><office:text>
{chr(10).join(body)}
</office:text></office:body></office:document>
""", encoding="utf-8")


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / f"{STEM}.txt").write_text(source_text(), encoding="utf-8")
    docx_path = OUT / f"{STEM}.docx"
    write_docx(docx_path)
    with tempfile.TemporaryDirectory() as tmp:
        pdf = soffice_pdf(docx_path, Path(tmp))
        shutil.copy(pdf, OUT / f"{STEM}.pdf")
        options = json.dumps({"EncryptFile": {"type": "boolean", "value": "true"},
                              "DocumentOpenPassword": {"type": "string", "value": "secret"}})
        encrypted = soffice_pdf(docx_path, Path(tmp), options)
        shutil.copy(encrypted, OUT / "encrypted.pdf")
    (OUT / "upr_footnotes.txt").write_text(footnoted_text(), encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        fodt = Path(tmp) / "upr_footnotes.fodt"
        write_fodt(fodt)
        shutil.copy(soffice_pdf(fodt, Path(tmp)), OUT / "upr_footnotes.pdf")
    write_html(OUT / f"{STEM}.html")
    write_image_only_pdf(OUT / "image_only.pdf")
    data = (OUT / f"{STEM}.pdf").read_bytes()
    (OUT / "truncated.pdf").write_bytes(data[:700])
    docx_bytes = docx_path.read_bytes()
    (OUT / "corrupt.docx").write_bytes(docx_bytes[:300] + b"\x00" * 200 + docx_bytes[-300:])
    for name in sorted(p.name for p in OUT.iterdir()):
        print(name)


if __name__ == "__main__":
    main()
