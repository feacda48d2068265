package com.dossiercapture.staging.export;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.text.SimpleDateFormat;
import java.util.Calendar;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentCatalog;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.common.PDMetadata;
import org.apache.pdfbox.pdmodel.graphics.color.PDOutputIntent;

/**
 * What makes a PDF a PDF/A-2b besides its content: the sRGB output intent and XMP metadata that
 * says so, kept consistent with the document information dictionary. Dossier facts (case number,
 * court, who verified it) go into a custom XMP schema declared with a PDF/A extension schema.
 */
final class PdfaMetadata {

  /** The namespace of the dossier properties in the XMP metadata. */
  static final String NS = "http://dossiercapture.org/ns/dossier/1.0/";

  static final String PREFIX = "dcdossier";

  private PdfaMetadata() {}

  /**
   * The facts written into the metadata.
   *
   * @param title document title
   * @param author the court (may be null)
   * @param subject a one-sentence description
   * @param keywords search keywords (the case number)
   * @param creatorTool the program and its version
   * @param dossier dossier properties (name → text), in order
   */
  record Facts(
      String title,
      String author,
      String subject,
      String keywords,
      String creatorTool,
      Calendar created,
      Map<String, String> dossier) {}

  /** Descriptions of the dossier properties, for the extension schema. */
  static final Map<String, String> PROPERTIES = new LinkedHashMap<>();

  static {
    PROPERTIES.put("caseNumber", "Canonical case number (案号)");
    PROPERTIES.put("court", "Court that owns the dossier");
    PROPERTIES.put("dossierVersion", "Approved version of the dossier");
    PROPERTIES.put("verifiedBy", "Archivist who verified and approved the dossier");
    PROPERTIES.put("verifiedAt", "When the dossier was approved (ISO 8601)");
    PROPERTIES.put("exportedBy", "Who exported this file");
    PROPERTIES.put("documentDates", "Earliest and latest document date");
    PROPERTIES.put("pageCount", "Numbered pages of the dossier");
  }

  static void apply(PDDocument doc, Facts f) throws IOException {
    doc.setVersion(1.7f);
    PDDocumentCatalog cat = doc.getDocumentCatalog();
    cat.setLanguage("zh-CN");
    PDDocumentInformation info = doc.getDocumentInformation();
    info.setTitle(f.title());
    if (f.author() != null) {
      info.setAuthor(f.author());
    }
    info.setSubject(f.subject());
    info.setKeywords(f.keywords());
    info.setCreator(f.creatorTool());
    info.setProducer(f.creatorTool() + " (Apache PDFBox)");
    info.setCreationDate(f.created());
    info.setModificationDate(f.created());

    PDMetadata md = new PDMetadata(doc);
    md.importXMPMetadata(xmp(f, info.getProducer()).getBytes(StandardCharsets.UTF_8));
    cat.setMetadata(md);

    byte[] icc = ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();
    PDOutputIntent oi = new PDOutputIntent(doc, new ByteArrayInputStream(icc));
    oi.setInfo("sRGB IEC61966-2.1");
    oi.setOutputCondition("sRGB IEC61966-2.1");
    oi.setOutputConditionIdentifier("sRGB IEC61966-2.1");
    oi.setRegistryName("http://www.color.org");
    cat.addOutputIntent(oi);
  }

  static String xmp(Facts f, String producer) {
    SimpleDateFormat iso = new SimpleDateFormat("yyyy-MM-dd'T'HH:mm:ssXXX");
    iso.setTimeZone(f.created().getTimeZone());
    String date = iso.format(f.created().getTime());
    StringBuilder x = new StringBuilder();
    x.append("<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n")
        .append("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n")
        .append("<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n");
    x.append("<rdf:Description rdf:about=\"\" xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">")
        .append("<pdfaid:part>2</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance>")
        .append("</rdf:Description>\n");
    x.append("<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">")
        .append("<dc:format>application/pdf</dc:format>")
        .append("<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">")
        .append(esc(f.title()))
        .append("</rdf:li></rdf:Alt></dc:title>");
    if (f.author() != null) {
      x.append("<dc:creator><rdf:Seq><rdf:li>")
          .append(esc(f.author()))
          .append("</rdf:li></rdf:Seq></dc:creator>");
    }
    x.append("<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">")
        .append(esc(f.subject()))
        .append("</rdf:li></rdf:Alt></dc:description>")
        .append("</rdf:Description>\n");
    x.append("<rdf:Description rdf:about=\"\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\">")
        .append("<xmp:CreateDate>")
        .append(date)
        .append("</xmp:CreateDate><xmp:ModifyDate>")
        .append(date)
        .append("</xmp:ModifyDate><xmp:MetadataDate>")
        .append(date)
        .append("</xmp:MetadataDate><xmp:CreatorTool>")
        .append(esc(f.creatorTool()))
        .append("</xmp:CreatorTool></rdf:Description>\n");
    x.append("<rdf:Description rdf:about=\"\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">")
        .append("<pdf:Producer>")
        .append(esc(producer))
        .append("</pdf:Producer><pdf:Keywords>")
        .append(esc(f.keywords()))
        .append("</pdf:Keywords></rdf:Description>\n");
    x.append("<rdf:Description rdf:about=\"\" xmlns:")
        .append(PREFIX)
        .append("=\"")
        .append(NS)
        .append("\">");
    for (Map.Entry<String, String> e : f.dossier().entrySet()) {
      if (!PROPERTIES.containsKey(e.getKey())) {
        throw new IllegalArgumentException("undeclared dossier property " + e.getKey());
      }
      if (e.getValue() != null) {
        x.append('<')
            .append(PREFIX)
            .append(':')
            .append(e.getKey())
            .append('>')
            .append(esc(e.getValue()))
            .append("</")
            .append(PREFIX)
            .append(':')
            .append(e.getKey())
            .append('>');
      }
    }
    x.append("</rdf:Description>\n");
    x.append("<rdf:Description rdf:about=\"\"")
        .append(" xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\"")
        .append(" xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\"")
        .append(" xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\">")
        .append("<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType=\"Resource\">")
        .append("<pdfaSchema:schema>Dossier Capture dossier properties</pdfaSchema:schema>")
        .append("<pdfaSchema:namespaceURI>")
        .append(NS)
        .append("</pdfaSchema:namespaceURI><pdfaSchema:prefix>")
        .append(PREFIX)
        .append("</pdfaSchema:prefix><pdfaSchema:property><rdf:Seq>");
    for (Map.Entry<String, String> p : PROPERTIES.entrySet()) {
      x.append("<rdf:li rdf:parseType=\"Resource\"><pdfaProperty:name>")
          .append(p.getKey())
          .append("</pdfaProperty:name><pdfaProperty:valueType>Text</pdfaProperty:valueType>")
          .append("<pdfaProperty:category>external</pdfaProperty:category>")
          .append("<pdfaProperty:description>")
          .append(esc(p.getValue()))
          .append("</pdfaProperty:description></rdf:li>");
    }
    x.append("</rdf:Seq></pdfaSchema:property></rdf:li></rdf:Bag></pdfaExtension:schemas>")
        .append("</rdf:Description>\n");
    x.append("</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>");
    return x.toString();
  }

  static String esc(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        default -> {
          if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
            b.append(c);
          }
        }
      }
    }
    return b.toString();
  }
}
