package dev.assayer.control.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assayer.control.ControlKind;
import dev.assayer.control.Frequency;
import dev.assayer.control.ImplementationStatus;
import dev.assayer.control.Nature;
import dev.assayer.shared.ApiProblem;
import dev.assayer.shared.ApiProblem.FieldError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** CSV and YAML reading/writing and row conversion, without Spring. */
class ControlFilesTest {

    private static Map<String, Object> row(String ref, String description, List<String> criteria) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("ref", ref);
        r.put("title", "Title of " + ref);
        r.put("description", description);
        r.put("owner", "owner@example.test");
        r.put("nature", "MANUAL");
        r.put("kind", "DETECTIVE");
        r.put("frequency", "QUARTERLY");
        r.put("key_control", true);
        r.put("status", "IN_PROGRESS");
        r.put("criteria", criteria);
        r.put("objectives", List.of("ITGC-AC-1"));
        return r;
    }

    @Test
    void csvRecordsCarryThePhysicalLineWhereTheyStartEvenAfterMultiLineCells() {
        String csv = """
                ref,title,description,frequency
                A-1,First,"two
                lines",DAILY

                A-2,Second,,weekly
                """;
        List<RawRecord> records = ControlCsv.read(csv);
        assertThat(records).extracting(RawRecord::line).containsExactly(2, 5);
        assertThat(records.get(0).values()).containsEntry("description", "two\nlines");
        assertThat(records.get(1).values()).containsEntry("description", null).containsEntry("frequency", "weekly");
    }

    @Test
    void csvHeaderWithAnUnknownColumnOrWithoutRefIsRejectedOnLine1() {
        assertThatThrownBy(() -> ControlCsv.read("ref,title,colour\nA,B,red\n"))
                .isInstanceOfSatisfying(ApiProblem.class, p -> {
                    assertThat(p.errors()).extracting(FieldError::line).containsOnly(1);
                    assertThat(p.getMessage()).contains("line 1").contains("colour");
                });
        assertThatThrownBy(() -> ControlCsv.read("title\nB\n")).isInstanceOfSatisfying(ApiProblem.class,
                p -> assertThat(p.errors()).extracting(FieldError::field).contains("ref"));
    }

    @Test
    void unterminatedQuoteIsReportedAtTheLineOfItsRecord() {
        String csv = "ref,title\nA-1,Fine\nA-2,\"never closed\nA-3,x\n";
        assertThatThrownBy(() -> ControlCsv.read(csv)).isInstanceOfSatisfying(ApiProblem.class,
                p -> assertThat(p.errors().getFirst().line()).isEqualTo(3));
    }

    @Test
    void csvWriteThenReadGivesTheSameValues() {
        List<Map<String, Object>> rows = List.of(row("AC-01", "Line one\nline \"two\", with comma",
                List.of("CC6.1", "CC6.2")), row("AC-02", null, List.of()));
        List<RawRecord> back = ControlCsv.read(ControlCsv.write(rows));
        assertThat(back).hasSize(2);
        assertThat(back.get(0).line()).isEqualTo(2);
        assertThat(back.get(0).values()).containsEntry("description", "Line one\nline \"two\", with comma")
                .containsEntry("criteria", "CC6.1;CC6.2").containsEntry("key_control", "true");
        assertThat(back.get(1).line()).isEqualTo(4);
        List<FieldError> errors = new ArrayList<>();
        ImportRow r = ImportRow.of(back.get(0), errors);
        assertThat(errors).isEmpty();
        assertThat(r.draft().criteria()).containsExactly("CC6.1", "CC6.2");
        assertThat(r.draft().frequency()).isEqualTo(Frequency.QUARTERLY);
        assertThat(r.ownerEmail()).isEqualTo("owner@example.test");
    }

    @Test
    void yamlItemsCarryTheLineWhereTheyStartAndRoundTrip() {
        String yaml = ControlYaml.write(List.of(row("AC-01", "multi\nline text: with colon", List.of("CC6.1")),
                row("0123", "true", List.of("CC7.2", "CC7.3"))));
        List<RawRecord> back = ControlYaml.read(yaml);
        assertThat(back).hasSize(2);
        String[] lines = yaml.split("\n");
        for (RawRecord r : back) {
            assertThat(lines[r.line() - 1]).contains("- ");
        }
        assertThat(back.get(0).values()).containsEntry("description", "multi\nline text: with colon");
        assertThat(back.get(1).values()).containsEntry("ref", "0123").containsEntry("description", "true")
                .containsEntry("criteria", List.of("CC7.2", "CC7.3"));
    }

    @Test
    void yamlLinesAreThoseOfTheItems() {
        String yaml = """
                version: 1
                controls:
                  - ref: A-1
                    title: One
                  - ref: A-2
                    title: Two
                """;
        assertThat(ControlYaml.read(yaml)).extracting(RawRecord::line).containsExactly(3, 5);
        assertThat(ControlYaml.read("- ref: X\n  title: Y\n")).extracting(RawRecord::line).containsExactly(1);
    }

    @Test
    void malformedYamlNamesTheLine() {
        String yaml = "controls:\n  - ref: A-1\n    title: One\n  - ref: [unclosed\n    title: Two\n";
        assertThatThrownBy(() -> ControlYaml.read(yaml)).isInstanceOfSatisfying(ApiProblem.class, p -> {
            assertThat(p.status()).isEqualTo(400);
            assertThat(p.errors().getFirst().line()).isBetween(4, 6);
            assertThat(p.getMessage()).contains("YAML line " + p.errors().getFirst().line());
        });
    }

    @Test
    void yamlUnknownKeyIsReportedWithItsLine() {
        String yaml = "controls:\n  - ref: A-1\n    title: One\n    colour: red\n";
        assertThatThrownBy(() -> ControlYaml.read(yaml)).isInstanceOfSatisfying(ApiProblem.class, p -> {
            assertThat(p.errors().getFirst().field()).isEqualTo("colour");
            assertThat(p.errors().getFirst().line()).isEqualTo(4);
        });
    }

    @Test
    void rowConversionCollectsEveryBadValueWithTheLine() {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("ref", "A-1");
        v.put("nature", "it dependent manual");
        v.put("kind", "sideways");
        v.put("frequency", "fortnightly");
        v.put("key_control", "maybe");
        v.put("status", "implemented");
        List<FieldError> errors = new ArrayList<>();
        ImportRow r = ImportRow.of(new RawRecord(7, v), errors);
        assertThat(errors).extracting(FieldError::field).containsExactly("kind", "frequency", "key_control");
        assertThat(errors).extracting(FieldError::line).containsOnly(7);
        assertThat(errors.get(1).message()).contains("fortnightly").contains("QUARTERLY");
        assertThat(r.draft().nature()).isEqualTo(Nature.IT_DEPENDENT_MANUAL);
        assertThat(r.draft().status()).isEqualTo(ImplementationStatus.IMPLEMENTED);
        assertThat(r.ownerGiven()).isFalse();
        assertThat(r.draft().criteria()).isNull();
    }

    @Test
    void rulesValidateRefTitleAndRequiredEnums() {
        ControlValues bad = new ControlValues("-bad ref", " ", null, null, null, ControlKind.DETECTIVE, null, false,
                ImplementationStatus.NOT_STARTED, List.of(), List.of());
        assertThat(ControlRules.check(bad, 3)).extracting(FieldError::field)
                .containsExactly("ref", "title", "nature", "frequency");
        ControlValues good = new ControlValues("AC-01", "t".repeat(200), null, null, Nature.MANUAL, ControlKind.DETECTIVE,
                Frequency.ANNUAL, false, ImplementationStatus.NOT_STARTED, List.of("CC1.1"), List.of());
        assertThat(ControlRules.check(good, null)).isEmpty();
        assertThat(ControlRules.check(new ControlValues("AC-01", "t".repeat(201), null, null, Nature.MANUAL,
                ControlKind.DETECTIVE, Frequency.ANNUAL, false, ImplementationStatus.NOT_STARTED, List.of(), List.of()),
                null)).extracting(FieldError::field).containsExactly("title");
        assertThat(ControlRules.cleanCriteria(List.of(" cc6.1", "CC6.1", "", "CC6.2"))).containsExactly("CC6.1", "CC6.2");
        assertThat(ControlRules.REF.matcher("a".repeat(40)).matches()).isTrue();
        assertThat(ControlRules.REF.matcher("a".repeat(41)).matches()).isFalse();
    }
}
