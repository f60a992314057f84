package dev.assayer.monitoring.ingest.platform;

import static dev.assayer.monitoring.ingest.platform.Fixtures.problem;
import static dev.assayer.monitoring.ingest.platform.Fixtures.read;
import static org.assertj.core.api.Assertions.assertThat;

import dev.assayer.monitoring.ingest.FormatOptions;
import dev.assayer.monitoring.ingest.InputProblem;
import dev.assayer.monitoring.ingest.Resource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GenericFormatsTest {

    private final GenericCsvFormat csv = new GenericCsvFormat();
    private final GenericJsonFormat json = new GenericJsonFormat();

    private static FormatOptions mapping(String type, String id, Map<String, String> fields) {
        return new FormatOptions(Fixtures.IMPORTED, type, id, fields);
    }

    @Test
    void csv_rows_become_resources_with_typed_cells() {
        List<Resource> all = read(csv, "generic/employees.csv", mapping("hr.employee", "employee_id", Map.of()));

        assertThat(all).extracting(Resource::id).containsExactly("E-001", "E-002", "E-003", "E-001");
        Fixtures.assertJsonLike(all);
        assertThat(all.get(0).type()).isEqualTo("hr.employee");
        assertThat(all.get(0).source()).isEqualTo("generic-csv:employees.csv");
        assertThat(all.get(0).attributes()).containsEntry("employee_id", "E-001").containsEntry("contractor", false)
                .containsEntry("badge", 1042L).containsEntry("start_date", "2024-02-01");
        assertThat(all.get(1).attributes()).containsEntry("email", "Öztürk, Deniz <deniz@acme.example>")
                .containsEntry("badge", "0042").containsEntry("contractor", true);
        assertThat(all.get(2).attributes()).containsEntry("department", "Sales\nEMEA").doesNotContainKey("badge");
    }

    @Test
    void renames_keep_only_the_mapped_columns() {
        List<Resource> all = read(csv, "generic/employees.csv",
                mapping("hr.employee", "employee_id", Map.of("email", "work_email", "contractor", "is_contractor")));
        assertThat(all.get(0).attributes()).isEqualTo(Map.of("work_email", "ana@acme.example", "is_contractor", false));
    }

    @Test
    void a_semicolon_header_switches_the_delimiter() {
        List<Resource> all = read(csv, "generic/assets-semicolon.csv", mapping("it.asset", "asset", Map.of()));
        assertThat(all).extracting(Resource::id).containsExactly("laptop-17", "laptop-18");
        assertThat(all.get(0).attributes()).containsEntry("encrypted", true).containsEntry("criticality", "high");
    }

    @Test
    void a_missing_mapping_or_unknown_id_column_is_named() {
        assertThat(problem(csv, "generic/employees.csv", FormatOptions.at(Fixtures.IMPORTED)).problem())
                .contains("needs a mapping").contains("type");
        assertThat(problem(csv, "generic/employees.csv", mapping("hr.employee", null, Map.of())).problem())
                .contains("id");
        InputProblem unknownId = problem(csv, "generic/employees.csv", mapping("hr.employee", "staff_no", Map.of()));
        assertThat(unknownId.line()).isEqualTo(1);
        assertThat(unknownId.problem()).contains("'staff_no' is not in the header");
        assertThat(problem(csv, "generic/employees.csv", mapping("hr.employee", "employee_id", Map.of("salary", "pay")))
                .problem()).contains("'salary'");
        assertThat(problem(csv, "generic/employees.csv", mapping("HR Employee", "employee_id", Map.of())).problem())
                .contains("dotted lower-case");
    }

    @Test
    void a_row_without_id_or_with_too_few_fields_names_its_line() {
        InputProblem noId = problem(csv, "generic/employees-missing-id.csv", mapping("hr.employee", "employee_id", Map.of()));
        assertThat(noId.line()).isEqualTo(3);
        assertThat(noId.problem()).contains("no employee_id");
        InputProblem shortRow = problem(csv, "generic/employees-short-row.csv", mapping("hr.employee", "employee_id", Map.of()));
        assertThat(shortRow.line()).isEqualTo(3);
        assertThat(shortRow.problem()).contains("expected 3 fields, found 2");
    }

    @Test
    void a_truncated_csv_is_reported_not_thrown_through() {
        InputProblem p = problem(csv, "generic/employees-truncated.csv", mapping("hr.employee", "employee_id", Map.of()));
        assertThat(p.line()).isEqualTo(2);
        assertThat(p.problem()).startsWith("not valid CSV");
    }

    @Test
    void json_lines_map_nested_fields_and_skip_blank_lines() {
        List<Resource> all = read(json, "generic/devices.jsonl",
                mapping("it.device", "serial", Map.of("owner.login", "owner", "disk_encrypted", "encrypted")));
        assertThat(all).extracting(Resource::id).containsExactly("C02XK1", "C02XK2", "PF3ABC");
        assertThat(all.get(1).attributes()).isEqualTo(Map.of("owner", "li", "encrypted", false));

        List<Resource> whole = read(json, "generic/devices.jsonl", mapping("it.device", "owner.login", Map.of()));
        assertThat(whole).extracting(Resource::id).containsExactly("ana", "li", "deniz");
        assertThat(whole.get(2).attributes()).containsEntry("patch_level", 23L).containsEntry("owner", Map.of("login", "deniz"));
        assertThat(whole.get(1).attributes()).doesNotContainKey("last_seen");
    }

    @Test
    void json_records_without_id_or_that_are_not_objects_name_the_position() {
        InputProblem noId = problem(json, "generic/devices-missing-id.json", mapping("it.device", "serial", Map.of()));
        assertThat(noId.line()).isEqualTo(1);
        assertThat(noId.column()).isEqualTo(35);
        assertThat(noId.problem()).contains("no serial");
        InputProblem scalar = problem(json, "generic/devices-scalar.json", mapping("it.device", "serial", Map.of()));
        assertThat(scalar.problem()).contains("found a string");
        assertThat(read(json, "generic/empty.json", mapping("it.device", "serial", Map.of()))).isEmpty();
    }
}
