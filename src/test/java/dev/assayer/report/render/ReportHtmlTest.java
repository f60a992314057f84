package dev.assayer.report.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assayer.report.ReportDocument;
import dev.assayer.report.internal.render.ReportRenderer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.NodeList;

/** The standalone HTML, parsed as XML: semantic, escaped, self-contained, with working contents links. */
class ReportHtmlTest {

    private static String html;
    private static Document dom;

    @BeforeAll
    static void render() throws Exception {
        html = htmlOf(SampleReports.soc2TypeII());
        Files.writeString(RenderOutput.dir().resolve("soc2-type2.html"), html);
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        dom = factory.newDocumentBuilder().parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
    }

    static String htmlOf(ReportDocument doc) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new ReportRenderer().html(doc, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static List<Element> elements(String tag) {
        NodeList list = dom.getElementsByTagName(tag);
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < list.getLength(); i++) {
            out.add((Element) list.item(i));
        }
        return out;
    }

    private static List<Element> withClass(String cssClass) {
        List<Element> out = new ArrayList<>();
        NodeList all = dom.getElementsByTagName("*");
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            if (List.of(e.getAttribute("class").split(" ")).contains(cssClass)) {
                out.add(e);
            }
        }
        return out;
    }

    @Test
    void isStandaloneWithInlineStyleAndNoScriptOrExternalReference() {
        assertThat(html).startsWith("<!DOCTYPE html>");
        assertThat(elements("script")).isEmpty();
        assertThat(elements("link")).isEmpty();
        assertThat(elements("style")).hasSize(1);
        NodeList all = dom.getElementsByTagName("*");
        for (int i = 0; i < all.getLength(); i++) {
            NamedNodeMap attributes = all.item(i).getAttributes();
            for (int a = 0; a < attributes.getLength(); a++) {
                String name = attributes.item(a).getNodeName();
                assertThat(name).isNotIn("src", "srcset").doesNotStartWith("on");
                if (name.equals("href")) {
                    assertThat(attributes.item(a).getNodeValue()).startsWith("#");
                }
            }
        }
        assertThat(elements("title").get(0).getTextContent()).isEqualTo("SOC 2 Type II Report");
    }

    @Test
    void contentIsEscapedAndShownAsText() {
        assertThat(html).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quotes&quot;");
        assertThat(elements("td").stream().map(Element::getTextContent)).contains(SampleReports.SCRIPT);
        assertThat(dom.getDocumentElement().getTextContent()).contains("Zoë Łukasiewicz-Ødegaard", "Ингестор",
                SampleReports.LONG_WORD);
    }

    @Test
    void sectionsAreH1HeadingsAndTablesHaveHeaderRows() {
        assertThat(elements("h1").stream().map(Element::getTextContent)).containsExactly(
                "Section I: Independent Service Auditor's Report", "Section II: Management's Assertion",
                "Section III: Description of the System",
                "Section IV: Trust Services Criteria, Related Controls and Tests of Controls",
                "Section V: Other Information Provided by Management");
        assertThat(elements("h2").stream().map(Element::getTextContent)).contains("DC1 Services provided",
                "CC6.1 Logical access security");
        assertThat(elements("h3").stream().map(Element::getTextContent)).containsExactly("Boundaries");
        for (Element table : elements("table")) {
            assertThat(table.getElementsByTagName("thead").getLength()).isEqualTo(1);
            assertThat(((Element) table.getElementsByTagName("th").item(0)).getAttribute("scope")).isEqualTo("col");
        }
        Element results = elements("table").stream()
                .filter(t -> t.getElementsByTagName("th").item(0).getTextContent().equals("Control")).findFirst()
                .orElseThrow();
        assertThat(results.getElementsByTagName("tbody").item(0).getChildNodes().getLength())
                .isGreaterThanOrEqualTo(SampleReports.LONG_TABLE_ROWS);
    }

    @Test
    void everyContentsLinkLeadsToAnElementAndIdsAreUnique() {
        Set<String> ids = new HashSet<>();
        NodeList all = dom.getElementsByTagName("*");
        for (int i = 0; i < all.getLength(); i++) {
            String id = ((Element) all.item(i)).getAttribute("id");
            if (!id.isEmpty()) {
                assertThat(ids.add(id)).as("unique id %s", id).isTrue();
            }
        }
        List<Element> links = elements("a");
        assertThat(links).hasSizeGreaterThanOrEqualTo(5 + 8);
        for (Element link : links) {
            String target = link.getAttribute("href").substring(1);
            Element heading = byId(target);
            assertThat(heading).as("target of %s", link.getAttribute("href")).isNotNull();
            String headingText = heading.getTagName().equals("section")
                    ? heading.getElementsByTagName("h1").item(0).getTextContent() : heading.getTextContent();
            assertThat(headingText).isEqualTo(link.getTextContent());
        }
    }

    private static Element byId(String id) {
        NodeList all = dom.getElementsByTagName("*");
        for (int i = 0; i < all.getLength(); i++) {
            if (id.equals(((Element) all.item(i)).getAttribute("id"))) {
                return (Element) all.item(i);
            }
        }
        return null;
    }

    @Test
    void placeholdersAreBoxedAndLabelledAndRecordedTextSaysWhoRecordedIt() {
        List<Element> placeholders = withClass("placeholder");
        assertThat(placeholders).hasSize(3);
        assertThat(placeholders.get(0).getTextContent()).startsWith("Placeholder, not report content")
                .contains("Section I is supplied by the service auditor");
        Element recordedCell = withClass("recorded-cell").get(0);
        assertThat(recordedCell.getAttribute("title")).isEqualTo("Test result recorded by Ana Müller-Sánchez on 2026-07-02");
        assertThat(withClass("attribution").get(0).getTextContent()).endsWith("recorded by Zoë Łukasiewicz-Ødegaard on 2026-07-02");
        assertThat(html).contains(".placeholder { border: 2px dashed");
    }

    @Test
    void theSameDocumentGivesTheSameHtml() throws IOException {
        assertThat(htmlOf(SampleReports.soc2TypeII())).isEqualTo(html);
    }
}
