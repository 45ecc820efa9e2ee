"""PDF/A-2b and PDF/UA-1 identification: the XMP metadata, the sRGB output intent and the
document information they must agree with (docs/archival.md).

reportlab writes none of this by itself. The document information dictionary is
written without `/Trapped` and without an empty `/Keywords`; the XMP packet repeats
every entry of it (title, author, subject, keywords, creator, producer, dates) as
PDF/A requires, with the document's language, `pdfaid` (part 2, conformance B) and
`pdfuaid` (part 1, declared in a PDF/A extension schema as PDF/A-2 requires of a
schema it does not predefine). The output intent embeds a compact sRGB profile
(sRGB-v2-magic.icc, CC0: LICENSE-sRGB-profile.txt), for the DeviceRGB colours drawn.
Everything comes from the brief; nothing from the clock.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from reportlab.pdfbase.pdfdoc import (
    PDFArray,
    PDFCatalog,
    PDFDate,
    PDFDictionary,
    PDFDocument,
    PDFInfo,
    PDFName,
    PDFStream,
    PDFString,
    PDFZCompress,
)
from reportlab.pdfbase.pdfdoc import format as pdf_format
from reportlab.pdfgen.canvas import Canvas

PDF_VERSION = (1, 7)
ICC_PROFILE = Path(__file__).with_name("sRGB-v2-magic.icc")
OUTPUT_CONDITION = "sRGB IEC61966-2.1"
_PACKET_ID = "W5M0MpCehiHzreSzNTczkc9d"  # the fixed id every XMP packet carries


@dataclass(frozen=True)
class Description:
    """What the document information and the XMP both say about a PDF."""

    title: str
    author: str  # all authors, "; "-separated: one entry in both places
    subject: str
    keywords: str
    language: str
    date: datetime.date
    creator: str
    producer: str
    tagged: bool = True  # claims PDF/UA-1 (pdfuaid) only when the structure is written


class ArchivalInfo(PDFInfo):  # type: ignore[misc]
    """reportlab's document information without `/Trapped` (PDF/A-2 would need it in the
    XMP too) and without `/Keywords` when there are none."""

    def format(self, document: PDFDocument) -> bytes:
        entries = {
            "Title": PDFString(self.title),
            "Author": PDFString(self.author),
            "Subject": PDFString(self.subject),
            "Creator": PDFString(self.creator),
            "Producer": PDFString(self.producer),
        }
        if self.keywords:
            entries["Keywords"] = PDFString(self.keywords)
        date = PDFDate(ts=document._timeStamp, dateFormatter=self._dateFormatter)
        entries["CreationDate"] = entries["ModDate"] = date
        formatted: bytes = PDFDictionary(entries).format(document)
        return formatted


def describe(canvas: Canvas, description: Description) -> None:
    """Give `canvas` (made with PDF_VERSION) the document information, XMP metadata and
    output intent of `description`."""
    document = canvas._doc
    info = ArchivalInfo()
    info._dateFormatter = document.info._dateFormatter
    document.info = info
    canvas.setTitle(description.title)
    canvas.setAuthor(description.author)
    canvas.setSubject(description.subject)
    canvas.setKeywords(description.keywords)
    canvas.setCreator(description.creator)
    canvas.setProducer(description.producer)
    catalog = document.Catalog
    catalog.__NoDefault__ = [*PDFCatalog.__NoDefault__, "OutputIntents"]
    catalog.Metadata = _metadata_stream(description)
    catalog.OutputIntents = PDFArray([_output_intent(document)])
    canvas.setViewerPreference("DisplayDocTitle", "true")


class UnfilteredStream(PDFStream):  # type: ignore[misc]
    """A stream written as it is, without even an empty /Filter (reportlab's streams
    take the document's compression or write `/Filter []`)."""

    def format(self, document: PDFDocument) -> bytes:
        content: bytes = document.encrypt.encode(self.content)
        dictionary = PDFDictionary({**self.dictionary.dict, "Length": len(content)})
        head: bytes = pdf_format(dictionary, document)
        return head + b"\nstream\n" + content + b"endstream\n"


def _metadata_stream(description: Description) -> PDFStream:
    """The XMP packet as an uncompressed metadata stream (PDF/A forbids a filter)."""
    return UnfilteredStream(PDFDictionary({"Type": PDFName("Metadata"),
                                           "Subtype": PDFName("XML")}),
                            xmp_packet(description).encode("utf-8") + b"\n")


def _output_intent(document: PDFDocument) -> PDFDictionary:
    profile = PDFStream(PDFDictionary({"N": 3}), icc_profile(), filters=[PDFZCompress])
    return PDFDictionary({
        "Type": PDFName("OutputIntent"),
        "S": PDFName("GTS_PDFA1"),
        "OutputConditionIdentifier": PDFString(OUTPUT_CONDITION),
        "Info": PDFString(OUTPUT_CONDITION),
        "DestOutputProfile": document.Reference(profile),
    })


def escape(text: str) -> str:
    """`text` as XML character data (xml.sax.saxutils would import urllib: ~80 ms)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@cache
def icc_profile() -> bytes:
    return ICC_PROFILE.read_bytes()


def xmp_date(date: datetime.date) -> str:
    """Midnight UTC of `date`, as the document information's D:YYYYMMDD000000+00'00'."""
    return f"{date:%Y-%m-%d}T00:00:00+00:00"


def xmp_packet(description: Description) -> str:
    """The XMP packet of `description`: Dublin Core, XMP basic, Adobe PDF, PDF/A and
    PDF/UA identification, and the extension schema that declares pdfuaid."""
    def text(value: str) -> str:
        return escape(value)

    date = xmp_date(description.date)
    accessible = _PDFUA_IDENTIFICATION if description.tagged else ""
    keywords = (f"\n   <pdf:Keywords>{text(description.keywords)}</pdf:Keywords>"
                if description.keywords else "")
    return f"""<?xpacket begin="\ufeff" id="{_PACKET_ID}"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"
    xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/"
    xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
    xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"
    xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{text(description.title)}</rdf:li>
    </rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>{text(description.author)}</rdf:li></rdf:Seq></dc:creator>
   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">{text(description.subject)}</rdf:li>
    </rdf:Alt></dc:description>
   <dc:language><rdf:Bag><rdf:li>{text(description.language)}</rdf:li></rdf:Bag></dc:language>
   <xmp:CreatorTool>{text(description.creator)}</xmp:CreatorTool>
   <xmp:CreateDate>{date}</xmp:CreateDate>
   <xmp:ModifyDate>{date}</xmp:ModifyDate>
   <xmp:MetadataDate>{date}</xmp:MetadataDate>
   <pdf:Producer>{text(description.producer)}</pdf:Producer>{keywords}
   <pdfaid:part>2</pdfaid:part>
   <pdfaid:conformance>B</pdfaid:conformance>{accessible}
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="r"?>"""


_PDFUA_IDENTIFICATION = """
   <pdfuaid:part>1</pdfuaid:part>
   <pdfaExtension:schemas>
    <rdf:Bag>
     <rdf:li rdf:parseType="Resource">
      <pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
      <pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
      <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
      <pdfaSchema:property>
       <rdf:Seq>
        <rdf:li rdf:parseType="Resource">
         <pdfaProperty:name>part</pdfaProperty:name>
         <pdfaProperty:valueType>Integer</pdfaProperty:valueType>
         <pdfaProperty:category>internal</pdfaProperty:category>
         <pdfaProperty:description>ISO 14289 part</pdfaProperty:description>
        </rdf:li>
       </rdf:Seq>
      </pdfaSchema:property>
     </rdf:li>
    </rdf:Bag>
   </pdfaExtension:schemas>"""
