package dev.assayer.monitoring.ingest.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assayer.monitoring.ingest.InputProblem;
import dev.assayer.monitoring.ingest.Resource;
import java.util.List;
import org.junit.jupiter.api.Test;

class IamCredentialReportFormatTest {

    private final IamCredentialReportFormat format = new IamCredentialReportFormat();

    @Test
    void rowsBecomeUsersAndTheRootAccount() {
        List<Resource> all = Fixtures.read(format, "iam-credential-report.csv");

        assertThat(all).extracting(Resource::type).containsExactly("aws.iam.root_account", "aws.iam.user", "aws.iam.user",
                "aws.iam.user", "aws.iam.user", "aws.iam.user");
        assertThat(all.get(5)).isEqualTo(all.get(1)); // duplicate row emitted as read
        assertThat(all).allSatisfy(r -> {
            assertThat(r.observedAt()).isEqualTo(Fixtures.IMPORTED);
            assertThat(r.source()).isEqualTo("aws-iam-credential-report:iam-credential-report.csv");
            assertThat(r.attributes()).hasSize(22);
        });

        Resource root = all.get(0);
        assertThat(root.id()).isEqualTo("arn:aws:iam::123456789012:root");
        assertThat(root.attributes()).containsEntry("user", "<root_account>")
                .containsEntry("password_enabled", null) // not_supported
                .containsEntry("password_last_used", "2025-01-10T16:02:33Z")
                .containsEntry("mfa_active", false)
                .containsEntry("access_key_1_active", false)
                .containsEntry("access_key_1_last_rotated", null); // N/A

        Resource bob = all.get(2);
        assertThat(bob.id()).isEqualTo("arn:aws:iam::123456789012:user/eng/bob.martín");
        assertThat(bob.attributes()).containsEntry("user", "bob.martín")
                .containsEntry("password_enabled", true)
                .containsEntry("password_last_used", null) // no_information
                .containsEntry("mfa_active", false)
                .containsEntry("access_key_1_last_rotated", "2023-03-01T00:00:00Z")
                .containsEntry("access_key_1_last_used_region", "eu-west-1")
                .containsEntry("access_key_2_active", true)
                .containsEntry("access_key_2_last_used_date", null);
    }

    @Test
    void badRowsNameLineAndColumn() {
        assertThatThrownBy(() -> Fixtures.read(format, "iam-credential-report-truncated.csv"))
                .isInstanceOfSatisfying(InputProblem.class, p -> {
                    assertThat(p.file()).isEqualTo("iam-credential-report-truncated.csv");
                    assertThat(p.line()).isEqualTo(4);
                    assertThat(p.problem()).contains("expected 22 fields as in the header, found");
                });
        assertThatThrownBy(() -> Fixtures.read(format, "iam-credential-report-mislabeled.csv"))
                .isInstanceOfSatisfying(InputProblem.class, p -> {
                    assertThat(p.line()).isEqualTo(1);
                    assertThat(p.problem()).contains("not an IAM credential report");
                });
        String header = "user,arn,user_creation_time,password_enabled,mfa_active,access_key_1_active,access_key_2_active\r\n";
        assertThatThrownBy(() -> Fixtures.readText(format, "r.csv",
                header + "a,arn:a,2020-01-01T00:00:00+00:00,true,yes,false,false\r\n"))
                .isInstanceOfSatisfying(InputProblem.class, p -> assertThat(p.getMessage())
                        .isEqualTo("r.csv:2:5: column mfa_active: expected TRUE or FALSE, found 'yes'"));
        assertThatThrownBy(() -> Fixtures.readText(format, "r.csv",
                header + "a,arn:a,last tuesday,true,true,false,false\r\n"))
                .isInstanceOfSatisfying(InputProblem.class, p -> assertThat(p.getMessage())
                        .isEqualTo("r.csv:2:3: column user_creation_time: expected an ISO-8601 timestamp or N/A, found 'last tuesday'"));
        assertThatThrownBy(() -> Fixtures.readText(format, "r.csv", header + "a,\"arn:a,2020,true\n"))
                .isInstanceOfSatisfying(InputProblem.class, p -> {
                    assertThat(p.line()).isEqualTo(2);
                    assertThat(p.problem()).startsWith("malformed CSV");
                });
        assertThatThrownBy(() -> Fixtures.readText(format, "r.csv", ""))
                .isInstanceOfSatisfying(InputProblem.class, p -> assertThat(p.problem()).contains("empty file"));
    }

    @Test
    void quotedFieldsMayHoldCommasAndAHeaderOnlyReportIsEmpty() {
        String header = "user,arn,user_creation_time,password_enabled,mfa_active,access_key_1_active,access_key_2_active\n";
        List<Resource> r = Fixtures.readText(format, "r.csv",
                header + "\"smith, j\",\"arn:aws:iam::1:user/smith,j\",N/A,FALSE,TRUE,false,false\n");
        assertThat(r).singleElement().satisfies(u -> {
            assertThat(u.id()).isEqualTo("arn:aws:iam::1:user/smith,j");
            assertThat(u.attributes()).containsEntry("user", "smith, j").containsEntry("password_enabled", false)
                    .containsEntry("mfa_active", true);
        });
        assertThat(Fixtures.readText(format, "r.csv", header)).isEmpty();
    }
}
