package dev.assayer.accessreview.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.assayer.accessreview.internal.AccountCsv.ImportedAccount;
import dev.assayer.shared.ApiProblem;
import dev.assayer.shared.ApiProblem.FieldError;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccountCsvTest {

    static ApiProblem problem(String csv) {
        try {
            AccountCsv.parse(csv);
        } catch (ApiProblem p) {
            return p;
        }
        throw new AssertionError("expected the file to be refused");
    }

    @Test
    void readsEveryDocumentedColumn() {
        List<ImportedAccount> rows = AccountCsv.parse("""
                account,email,name,entitlement,last_login,status
                alice,Alice@Example.com,Alice Adams,admin,2026-09-01,active
                svc-deploy,,,deploy,never,
                "bob, jr",bob@example.com,"Bob, Jr.",read,2026-08-31T23:30:00-02:00,suspended
                """);
        assertThat(rows).extracting(ImportedAccount::line, ImportedAccount::account, ImportedAccount::email,
                        ImportedAccount::entitlement, ImportedAccount::lastLogin, ImportedAccount::status)
                .containsExactly(
                        tuple(2, "alice", "alice@example.com", "admin", LocalDate.of(2026, 9, 1), "active"),
                        tuple(3, "svc-deploy", null, "deploy", null, null),
                        tuple(4, "bob, jr", "bob@example.com", "read", LocalDate.of(2026, 9, 1), "suspended"));
        assertThat(rows.get(0).name()).isEqualTo("Alice Adams");
    }

    @Test
    void acceptsCommonHeaderSpellingsInAnyOrderAndOnlyTheAccountColumn() {
        List<ImportedAccount> rows = AccountCsv.parse("""
                Role,User Name,Owner Email,Last Sign-In
                admin,alice,alice@example.com,2026-09-01 10:22:00
                """);
        assertThat(rows.getFirst()).isEqualTo(new ImportedAccount(2, "alice", "alice@example.com", null, "admin",
                LocalDate.of(2026, 9, 1), null));
        assertThat(AccountCsv.parse("login\nroot\n")).extracting(ImportedAccount::account).containsExactly("root");
    }

    @Test
    void reportsEveryBadLineAndFieldAtOnce() {
        ApiProblem p = problem("""
                account,email,name,entitlement,last_login,status
                alice,alice@example.com,Alice,admin,2026-09-01,active
                ,nobody@example.com,Nobody,read,,
                ALICE,alice2@example.com,Alice again,read,,
                carol,not-an-email,Carol,read,yesterday,

                dave,dave@example.com,Dave,read,2026-02-30,
                """);
        assertThat(p.status()).isEqualTo(400);
        assertThat(p.errors()).extracting(FieldError::line, FieldError::field).containsExactly(
                tuple(3, "account"), tuple(4, "account"), tuple(5, "email"), tuple(5, "last_login"),
                tuple(7, "last_login"));
        assertThat(p.errors().get(1).message()).contains("duplicate account 'ALICE'").contains("first on line 2");
        assertThat(p.getMessage()).startsWith("CSV line 3, field 'account'").contains("and 4 more problems")
                .endsWith("nothing was imported");
    }

    @Test
    void refusesUnknownOrMissingColumnsEmptyFilesAndRaggedLines() {
        ApiProblem header = problem("email,groupz\nalice@example.com,admin\n");
        assertThat(header.errors()).extracting(FieldError::field).containsExactly("groupz", "account");
        assertThat(header.errors()).allSatisfy(e -> assertThat(e.line()).isEqualTo(1));
        assertThat(problem("").getMessage()).contains("the file is empty");
        assertThat(problem("account,email\n").getMessage()).contains("no accounts");
        ApiProblem ragged = problem("account,email\nalice,alice@example.com,extra\n");
        assertThat(ragged.errors()).extracting(FieldError::line).containsExactly(2);
        assertThat(ragged.getMessage()).contains("3 values but the header has 2 columns");
        assertThat(problem("account,account\nx,y\n").errors()).extracting(FieldError::field).containsExactly("account");
    }

    @Test
    void lineNumbersCountPhysicalLinesIncludingQuotedLineBreaks() {
        ApiProblem p = problem("\uFEFFaccount,name\n\"multi\nline\",x\nok,y\n,z\n");
        assertThat(p.errors()).extracting(FieldError::line).containsExactly(5);
    }
}
