package dev.assayer.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.assayer.control.ControlDraft;
import dev.assayer.control.ControlKind;
import dev.assayer.control.ControlService;
import dev.assayer.control.Frequency;
import dev.assayer.control.ImplementationStatus;
import dev.assayer.control.Nature;
import dev.assayer.engagement.Engagement;
import dev.assayer.engagement.EngagementDraft;
import dev.assayer.engagement.EngagementService;
import dev.assayer.engagement.Framework;
import dev.assayer.engagement.ReportType;
import dev.assayer.evidence.EvidenceItem;
import dev.assayer.evidence.EvidenceMetadata;
import dev.assayer.evidence.EvidenceService;
import dev.assayer.identity.IdentityService;
import dev.assayer.shared.tenancy.CurrentUser;
import dev.assayer.shared.tenancy.Role;
import dev.assayer.testing.TestDatabase;
import dev.assayer.testing.TestFirm;
import dev.assayer.testing.TestOrg;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A SOC 2 Type II fieldwork walkthrough in a real browser (issue 4, "Done means"), with the client
 * and the audit firm taking turns in one browser session: the client's admin grants the firm access;
 * the audit staff imports a request list and a population, sizes and selects a sample, records the
 * results with one deviation, extends the sample and writes the conclusion; the audit manager
 * reviews and signs off; the client's compliance manager responds to the deviation; a finding raised
 * from it is remediated by the client and closed by the firm's re-test.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"assayer.security.bcrypt-strength=4", "logging.level.root=WARN"})
class FieldworkWalkthroughBrowserTest {

    private static final String UUID_PATH = "[0-9a-f-]{36}";
    /** Pull requests merged to main in the period, as the client's export lists them. */
    private static final int POPULATION_ROWS = 60;
    private static final String SEED = "FY-CM01-2026";

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
    }

    @LocalServerPort int port;
    @Autowired IdentityService identity;
    @Autowired ControlService controls;
    @Autowired EngagementService engagements;
    @Autowired EvidenceService evidence;

    WebDriver browser;
    WebDriverWait wait;
    TestOrg client;
    TestFirm firm;
    CurrentUser admin;
    CurrentUser complianceManager;
    CurrentUser controlOwner;
    CurrentUser staff;
    CurrentUser auditManager;
    Engagement engagement;
    EvidenceItem changeTickets;
    LocalDate start;

    @BeforeEach
    void setUp() throws Exception {
        // background data, where the UI is not the point: the client, its controls and evidence, the engagement, the firm
        client = TestOrg.create(identity);
        admin = client.admin();
        complianceManager = client.user(Role.COMPLIANCE_MANAGER);
        controlOwner = client.user(Role.CONTROL_OWNER);
        firm = TestFirm.create(identity);
        staff = firm.user(Role.AUDIT_STAFF);
        auditManager = firm.user(Role.AUDIT_MANAGER);

        controls.create(admin, new ControlDraft("CM-01", "Changes are approved before they are merged",
                "Every pull request to main is approved by an engineer other than its author before it is merged.",
                controlOwner.userId(), Nature.MANUAL, ControlKind.PREVENTIVE, Frequency.PER_EVENT, true,
                ImplementationStatus.IMPLEMENTED, List.of("CC8.1"), List.of()));
        controls.create(admin, new ControlDraft("AC-02", "Quarterly user access review",
                "System owners review every account each quarter; revocations are ticketed.", controlOwner.userId(),
                Nature.MANUAL, ControlKind.DETECTIVE, Frequency.QUARTERLY, true, ImplementationStatus.IMPLEMENTED,
                List.of("CC6.2"), List.of()));

        // a Type II period of six months that started five months ago, so the firm's access is still open
        start = LocalDate.now().minusMonths(5).withDayOfMonth(1);
        engagement = engagements.create(admin, new EngagementDraft("SOC 2 Type II " + start.getYear(), Framework.SOC2,
                ReportType.TYPE2, null, start, start.plusMonths(6).minusDays(1), List.of(), null, null, null, null, null,
                null));
        changeTickets = evidence.recordLink(admin, EvidenceMetadata.of("Change tickets for merged pull requests",
                start.plusDays(45), "CM-01"), "https://tickets.example.test/changes");

        browser = Browser.start();
        wait = new WebDriverWait(browser, Duration.ofSeconds(20), Duration.ofMillis(100));
    }

    @AfterEach
    void tearDown() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void typeIIFieldworkFromGrantToClosedFinding() throws Exception {
        grantTheFirmAccess();

        openEngagementAsFirmUser(staff);
        importRequestList();
        String testPath = planTheOperatingEffectivenessTest();
        String samplePath = importPopulationAndSelectSample();
        linkSampleToTest(testPath, samplePath);
        String failedItem = recordResultsWithOneDeviation();
        describeDeviation();
        extendSampleAndTestNewItems();
        concludeAndSignOffAsPreparer();
        signOut();

        reviewAndSignOff(testPath);

        respondToDeviationAsClient(failedItem);

        String findingPath = raiseFindingFromDeviation(testPath, failedItem);
        remediateFindingAsClient(findingPath);
        retestAndClose(findingPath, testPath);
    }

    // ---- 1. access ------------------------------------------------------------------------------

    /** The client's admin grants the audit firm access to the engagement. */
    private void grantTheFirmAccess() {
        signIn(admin);
        open("/engagements/" + engagement.id());
        WebElement access = browser.findElement(By.id("access"));
        assertThat(access.getText()).contains("Audit firm access", "No audit firm has access to this engagement.");
        new Select(browser.findElement(By.id("grant-firm"))).selectByValue(firm.id().toString());
        submit(By.id("grant-access"));
        waitForFlash(firm.name() + " has access until ");
        WebElement row = browser.findElement(By.xpath("//section[@id='access']//tr[td[1][text()='" + firm.name() + "']]"));
        assertThat(row.getText()).contains(admin.name(), "active");
        signOut();
    }

    // ---- 2.–5. the staff auditor's fieldwork ------------------------------------------------------

    /** The staff auditor imports three requests (PBC list) from CSV. */
    private void importRequestList() {
        click(By.id("link-requests"));
        wait.until(ExpectedConditions.urlToBe(url("/engagements/" + engagement.id() + "/requests")));
        LocalDate due = LocalDate.now().plusDays(14);
        String csv = """
                ref,title,description,criteria,controls,owner_email,due_date
                PBC-001,Changes merged to main in the period,"GitHub export of merged pull requests: id, merged at, author, approver",CC8.1,CM-01,%s,%s
                PBC-002,Change management policy,The policy in effect during the period,CC8.1,CM-01,,%s
                PBC-003,Quarterly access reviews,Signed reviews for every quarter of the period,CC6.2,AC-02,%s,%s
                """.formatted(controlOwner.email(), due, due, controlOwner.email(), due);
        setValue(browser.findElement(By.id("csv")), csv);
        submit(By.id("import-csv"));
        waitForFlash("3 requests imported.");
        assertThat(text(By.id("request-PBC-001"))).contains("Changes merged to main in the period", "CM-01",
                controlOwner.name(), due.toString(), "Open");
        assertThat(text(By.id("request-PBC-002"))).contains("Anyone who answers requests");
        assertThat(text(By.id("request-PBC-003"))).contains("AC-02", "CC6.2");
        assertThat(text(By.id("count-open"))).isEqualTo("Open: 3");
    }

    /** Plans the change control's test of operating effectiveness and sizes it statistically. */
    private String planTheOperatingEffectivenessTest() {
        openFieldworkLink("link-tests");
        assertThat(text(By.id("status-CM-01"))).isEqualTo("Not planned");
        submit(By.id("plan-CM-01-oe"));
        wait.until(ExpectedConditions.urlMatches(".*/tests/" + UUID_PATH + "$"));
        String testPath = path();
        waitForFlash("of CM-01 planned.");

        new Select(browser.findElement(By.id("procedure-method-0"))).selectByValue("INSPECTION");
        type(By.id("procedure-text-0"), "For each sampled pull request, inspect the GitHub review record and the change ticket.");
        type(By.id("attribute-code-0"), "A");
        type(By.id("attribute-description-0"), "Approved by an engineer other than the author");
        type(By.id("attribute-code-1"), "B");
        type(By.id("attribute-description-1"), "Approval recorded before the merge");
        type(By.id("population-description"), "Pull requests merged to main in the period (GitHub export, request PBC-001).");
        new Select(browser.findElement(By.id("sizing-method"))).selectByValue("STATISTICAL");
        new Select(browser.findElement(By.id("sizing-confidence"))).selectByValue("0.9");
        type(By.id("sizing-tolerable-rate"), "10");
        type(By.id("sizing-expected-rate"), "0");
        submit(By.id("save-plan"));
        waitForFlash("Plan saved.");
        assertThat(text(By.id("sizing-note"))).contains("Attribute sampling at 90 % confidence", "tolerable rate 10 %",
                "22 items, 0 deviations tolerated");
        assertThat(text(By.id("eval-planned"))).isEqualTo("22");
        assertThat(text(By.id("results"))).contains("link a sample or list items");
        return testPath;
    }

    /** Imports the population with its completeness-and-accuracy record and selects the 22-item random sample. */
    private String importPopulationAndSelectSample() throws Exception {
        openFieldworkLink("link-populations");
        assertThat(text(By.id("populations"))).contains("No population imported yet.");

        StringBuilder rows = new StringBuilder("change_id,merged_at,author,approver,title\n");
        for (int i = 0; i < POPULATION_ROWS; i++) {
            rows.append("CHG-%d,%sT10:%02d:00Z,dev%d,lead%d,Change %d%n".formatted(1001 + i, start.plusDays(2L * i), i % 60,
                    i % 7, (i + 3) % 5, i + 1));
        }
        Path file = Files.createTempFile("merged-pull-requests-", ".csv");
        try {
            Files.writeString(file, rows, StandardCharsets.UTF_8);
            browser.findElement(By.id("population-file")).sendKeys(file.toAbsolutePath().toString());
            type(By.id("population-name"), "Changes merged to main");
            type(By.id("population-controls"), "CM-01");
            type(By.id("population-source"), "GitHub");
            type(By.id("population-extracted-by"), "J. Diaz, platform lead at the client");
            setValue(browser.findElement(By.id("population-extracted-at")), LocalDate.now().minusDays(3) + "T09:30");
            type(By.id("population-query"), "gh pr list --base main --state merged --json number,mergedAt,author,reviews");
            setValue(browser.findElement(By.id("population-period-from")), start.toString());
            setValue(browser.findElement(By.id("population-period-to")), start.plusMonths(6).minusDays(1).toString());
            type(By.id("population-key-column"), "change_id");
            type(By.id("population-date-column"), "merged_at");
            submit(By.id("import-submit"));
            waitForFlash("Population imported: " + POPULATION_ROWS + " rows, SHA-256 ");
        } finally {
            Files.deleteIfExists(file);
        }
        wait.until(ExpectedConditions.urlMatches(".*/populations/" + UUID_PATH + "$"));
        assertThat(text(By.id("population-rows"))).isEqualTo(String.valueOf(POPULATION_ROWS));
        assertThat(text(By.id("ca-source"))).isEqualTo("GitHub");
        assertThat(text(By.id("ca-extracted-by"))).isEqualTo("J. Diaz, platform lead at the client");
        assertThat(text(By.id("out-of-period-count"))).isEqualTo("0");
        assertThat(text(By.id("population-sha256"))).matches("[0-9a-f]{64}");

        new Select(browser.findElement(By.id("sample-method"))).selectByValue("random");
        type(By.id("sample-size"), "22");
        type(By.id("sample-seed"), SEED);
        submit(By.id("select-sample"));
        waitForFlash("Sample selected: 22 items.");
        wait.until(ExpectedConditions.urlMatches(".*/samples/" + UUID_PATH + "$"));
        assertThat(text(By.id("sample-size-total"))).isEqualTo("22");
        assertThat(browser.findElements(By.cssSelector("#sample-items tbody tr"))).hasSize(22);
        assertThat(text(By.id("cli-command"))).contains("--size 22", SEED);
        return path();
    }

    /** Links the sample to the test: its 22 items appear in the results grid. */
    private void linkSampleToTest(String testPath, String samplePath) {
        open(testPath);
        String sampleId = samplePath.substring(samplePath.lastIndexOf('/') + 1);
        new Select(browser.findElement(By.id("sample-id"))).selectByValue(sampleId);
        submit(By.id("save-plan"));
        waitForFlash("Plan saved.");
        assertThat(browser.findElements(By.cssSelector("#results-grid tbody tr"))).hasSize(22);
        assertThat(text(By.id("eval-items"))).isEqualTo("22");
        assertThat(text(By.id("eval-recorded"))).isEqualTo("0 of 44");
    }

    /** Records every result: all pass except attribute B of the seventh item, which fails with a note. */
    private String recordResultsWithOneDeviation() {
        String failedItem = text(By.cssSelector("#item-6 .tag"));
        String failedRow = text(By.cssSelector("#item-6 .muted")).replace("row ", "");
        for (int i = 0; i < 22; i++) {
            outcome(i, "A", "PASS");
            outcome(i, "B", i == 6 ? "FAIL" : "PASS");
        }
        type(By.id("note-6-B"), "Approved by the author's own second account after the merge.");
        submit(By.id("save-results"));
        waitForFlash("44 results saved.");
        assertThat(text(By.id("cell-6-B"))).isEqualTo("Fail");
        assertThat(text(By.id("eval-recorded"))).isEqualTo("44 of 44");
        assertThat(text(By.id("eval-deviations"))).isEqualTo("1");
        assertThat(text(By.id("deviation-D1"))).contains("D1", "open", failedItem);

        // the change ticket the auditor inspected for the failed item, linked to that result
        new Select(browser.findElement(By.id("result-item"))).selectByVisibleText(failedItem + " (row " + failedRow + ")");
        new Select(browser.findElement(By.id("result-attribute"))).selectByValue("B");
        new Select(browser.findElement(By.id("result-outcome"))).selectByValue("FAIL");
        new Select(browser.findElement(By.id("result-deviation"))).selectByContainsVisibleText("D1 · ");
        type(By.id("result-note"), "Approved by the author's own second account after the merge.");
        new Select(browser.findElement(By.id("result-evidence"))).selectByValue(changeTickets.id().toString());
        submit(By.id("save-result"));
        waitForFlash("Result for " + failedItem + " / B saved.");
        assertThat(text(By.id("item-6"))).contains("1 evidence");
        assertThat(text(By.id("eval-deviations"))).isEqualTo("1");
        return failedItem;
    }

    /** Writes the auditor's side of deviation D1 (its description starts as the failed result's note). */
    private void describeDeviation() {
        assertThat(browser.findElement(By.id("deviation-description-D1")).getAttribute("value"))
                .isEqualTo("Approved by the author's own second account after the merge.");
        type(By.id("deviation-description-D1"), "The pull request was approved by a second account of its author, after the merge.");
        type(By.id("deviation-cause-D1"), "Branch protection allowed an administrator to bypass the review requirement.");
        new Select(browser.findElement(By.id("deviation-nature-D1"))).selectByValue("ISOLATED");
        submit(By.id("save-deviation-D1"));
        waitForFlash("Deviation D1 saved.");
        assertThat(browser.findElement(By.id("deviation-description-D1")).getAttribute("value"))
                .contains("second account of its author");
        assertThat(text(By.id("deviation-response-D1"))).isEqualTo("none yet (the client writes it)");
    }

    /**
     * Extends the sample by 16 items (to 38: what a plan tolerating one deviation would have needed)
     * and records them; the evaluation shows the upper deviation limit, and no conclusion is filled in.
     */
    private void extendSampleAndTestNewItems() {
        assertThat(text(By.id("eval-comparison"))).isEqualTo("The upper deviation limit exceeds the tolerable rate");
        type(By.id("extension-items"), "16");
        type(By.id("extension-reason"), "One deviation in 22 items: extended to 38 items, the size that tolerates one deviation.");
        submit(By.id("request-extension"));
        waitForFlash("Sample extended by 16.");
        assertThat(browser.findElements(By.cssSelector("#results-grid tbody tr"))).hasSize(38);
        assertThat(text(By.id("extensions"))).contains("16 items added by");
        // the new items take their places among the first 22 (in row order); those keep their results
        List<String> added = browser.findElements(By.xpath(
                        "//table[@id='results-grid']/tbody/tr[td[1]/span[contains(@class,'badge') and text()='extension']]"))
                .stream().map(row -> row.getDomAttribute("id").substring("item-".length())).toList();
        assertThat(added).hasSize(16);
        for (String i : added) {
            assertThat(browser.findElements(By.id("cell-" + i + "-A"))).isEmpty();
            outcome(Integer.parseInt(i), "A", "PASS");
            outcome(Integer.parseInt(i), "B", "PASS");
        }
        submit(By.id("save-results"));
        waitForFlash("32 results saved.");

        assertThat(text(By.id("eval-items"))).isEqualTo("38");
        assertThat(text(By.id("eval-recorded"))).isEqualTo("76 of 76");
        assertThat(text(By.id("eval-deviations"))).isEqualTo("1");
        assertThat(text(By.id("eval-upper-limit"))).isEqualTo("9.9 % at 90 % confidence");
        assertThat(text(By.id("eval-tolerable-rate"))).isEqualTo("10 %");
        assertThat(text(By.id("eval-comparison"))).isEqualTo("The upper deviation limit does not exceed the tolerable rate");
        // Assayer shows the figures but never concludes by itself
        assertThat(text(By.id("conclusion-value"))).isEqualTo("not written");
        assertThat(text(By.id("result-wording-value"))).isEqualTo("not written");
        assertThat(new Select(browser.findElement(By.id("conclusion-select"))).getFirstSelectedOption().getAttribute("value"))
                .isEmpty();
        assertThat(browser.findElement(By.id("result-wording")).getAttribute("value")).isEmpty();
    }

    private void concludeAndSignOffAsPreparer() {
        new Select(browser.findElement(By.id("conclusion-select"))).selectByValue("EFFECTIVE_WITH_EXCEPTIONS");
        type(By.id("result-wording"), "Inspected 38 pull requests merged to main for independent approval before the merge. "
                + "One pull request was approved by a second account of its author after the merge. No other exceptions noted.");
        submit(By.id("save-conclusion"));
        waitForFlash("Conclusion recorded.");
        assertThat(text(By.id("conclusion-value"))).isEqualTo("Effective with exceptions");
        assertThat(text(By.id("result-wording-value"))).contains("No other exceptions noted.");

        submit(By.id("sign-off-preparer"));
        waitForFlash("Signed off as preparer.");
        assertThat(text(By.id("preparer-signoff"))).contains(staff.name());
        assertThat(text(By.id("reviewer-signoff"))).isEqualTo("not signed off");
    }

    // ---- 6. review by a second auditor ------------------------------------------------------------

    /** The audit manager writes a review note; the staff answers it; the manager clears it and signs off. */
    private void reviewAndSignOff(String testPath) {
        openEngagementAsFirmUser(auditManager);
        openTest();
        assertThat(path()).isEqualTo(testPath);
        type(By.id("review-note-text"), "D1: take the approval time from GitHub's audit log, not from the pull request page.");
        submit(By.id("add-review-note"));
        waitForFlash("Review note RN1 added.");
        assertThat(text(By.id("note-RN1"))).contains("open", auditManager.name());
        signOut();

        openEngagementAsFirmUser(staff);
        openTest();
        type(By.id("respond-text-RN1"), "Done: the audit log shows the approval 2 hours after the merge; screenshot attached to D1.");
        submit(By.id("respond-note-RN1"));
        waitForFlash("Response to RN1 saved.");
        assertThat(text(By.id("note-response-RN1"))).contains("the audit log shows the approval");
        assertThat(browser.findElements(By.id("sign-off-reviewer"))).as("staff do not review").isEmpty();
        signOut();

        openEngagementAsFirmUser(auditManager);
        openTest();
        submit(By.id("clear-note-RN1"));
        waitForFlash("Review note RN1 cleared.");
        assertThat(text(By.id("note-RN1"))).contains("cleared", "Cleared by " + auditManager.name());
        submit(By.id("sign-off-reviewer"));
        waitForFlash("Signed off as reviewer: the workpaper is locked.");
        assertThat(text(By.id("test-locked"))).isEqualTo("Locked: signed off by the reviewer");
        assertThat(text(By.id("reviewer-signoff"))).contains(auditManager.name());
        assertThat(browser.findElements(By.cssSelector("#results-form select"))).as("a locked workpaper takes no results")
                .isEmpty();
        assertThat(browser.findElements(By.id("save-conclusion"))).isEmpty();
        signOut();
    }

    // ---- 7. the client's management response -------------------------------------------------------

    private void respondToDeviationAsClient(String failedItem) {
        signIn(complianceManager);
        open("/engagements/" + engagement.id());
        assertThat(browser.findElements(By.id("link-tests"))).as("the client does not see the auditor's workpapers").isEmpty();
        click(By.id("link-deviations"));
        wait.until(ExpectedConditions.urlToBe(url("/engagements/" + engagement.id() + "/deviations")));
        WebElement deviation = browser.findElement(By.id("deviation-CM-01-D1"));
        assertThat(deviation.getText()).contains(failedItem, "second account of its author", "Isolated");
        assertThat(text(By.id("response-CM-01-D1"))).isEqualTo("none yet");
        type(By.id("response-text-CM-01-D1"), "Agreed. Administrator bypass of branch protection was removed on "
                + LocalDate.now() + "; the account was disabled.");
        submit(By.id("respond-CM-01-D1"));
        waitForFlash("Response to CM-01 D1 saved.");
        assertThat(text(By.id("response-CM-01-D1"))).contains("Administrator bypass of branch protection was removed",
                complianceManager.name());
        signOut();
    }

    // ---- 8. finding, corrective action, re-test -----------------------------------------------------

    /** The staff auditor raises a finding from the deviation, on the (locked) test's page. */
    private String raiseFindingFromDeviation(String testPath, String failedItem) {
        openEngagementAsFirmUser(staff);
        openTest();
        assertThat(text(By.id("test-locked"))).isNotBlank();
        assertThat(text(By.id("deviation-response-D1"))).contains("Administrator bypass of branch protection was removed");
        type(By.id("finding-title-D1"), "Change merged without independent approval");
        new Select(browser.findElement(By.id("finding-severity-D1"))).selectByValue("MEDIUM");
        type(By.id("finding-description-D1"), "Pull request " + failedItem + " was approved by a second account of its "
                + "author after the merge: branch protection let an administrator bypass the review.");
        submit(By.id("raise-finding-D1"));
        waitForFlash("Finding F-001 raised from CM-01 D1.");
        assertThat(path()).isEqualTo(testPath);
        WebElement link = wait.until(ExpectedConditions.elementToBeClickable(By.id("finding-link-D1")));
        assertThat(link.getText()).isEqualTo("Finding F-001");
        assertThat(browser.findElements(By.id("raise-finding-D1"))).as("one deviation raises one finding").isEmpty();
        String findingPath = link.getAttribute("href").replaceFirst("^http://localhost:" + port, "");
        link.click();
        wait.until(ExpectedConditions.urlToBe(url(findingPath)));
        assertThat(text(By.id("finding-title"))).isEqualTo("Change merged without independent approval");
        assertThat(text(By.id("finding-status"))).isEqualTo("Open");
        assertThat(text(By.id("finding-severity"))).isEqualTo("medium");
        assertThat(text(By.id("finding-source"))).isEqualTo(
                "Deviation: Deviation D1 in the test of operating effectiveness of CM-01, item " + failedItem + " (B)");
        assertThat(browser.findElements(By.id("response-form"))).as("the response is the client's").isEmpty();
        signOut();
        return findingPath;
    }

    /** The compliance manager records root cause, owner, due date and plan, completes the action, and asks for a re-test. */
    private void remediateFindingAsClient(String findingPath) {
        signIn(complianceManager);
        open("/engagements/" + engagement.id());
        click(By.id("link-findings"));
        click(By.id("open-F-001"));
        wait.until(ExpectedConditions.urlToBe(url(findingPath)));
        assertThat(browser.findElements(By.id("assessment-form"))).as("the assessment is the firm's").isEmpty();

        type(By.id("r-root-cause"), "Administrators could bypass branch protection on main.");
        new Select(browser.findElement(By.id("r-owner"))).selectByValue(controlOwner.userId().toString());
        setValue(browser.findElement(By.id("r-due-date")), LocalDate.now().plusDays(30).toString());
        type(By.id("r-plan"), "Remove the bypass, disable secondary accounts, review merges since the start of the period.");
        submit(By.id("save-response"));
        waitForFlash("Response saved.");
        assertThat(text(By.id("finding-owner"))).isEqualTo(controlOwner.name());

        changeStatus("IN_REMEDIATION", "Work started.");
        assertThat(text(By.id("finding-status"))).isEqualTo("In remediation");

        type(By.id("action-description"), "Enable 'Do not allow bypassing the above settings' on main.");
        new Select(browser.findElement(By.id("action-owner"))).selectByValue(controlOwner.userId().toString());
        setValue(browser.findElement(By.id("action-due")), LocalDate.now().plusDays(7).toString());
        submit(By.id("add-action"));
        waitForFlash("Action added.");
        assertThat(text(By.id("action-1"))).contains("Do not allow bypassing", controlOwner.name());

        type(By.id("done-note-1"), "Setting enabled; screenshot in the evidence vault.");
        submit(By.id("mark-done-1"));
        waitForFlash("Action marked done.");
        assertThat(text(By.id("action-1"))).contains("Done " + LocalDate.now());

        changeStatus("READY_FOR_RETEST", "Fixed; please re-test.");
        assertThat(text(By.id("finding-status"))).isEqualTo("Ready for retest");
        assertThat(browser.findElements(By.id("retest-form"))).as("the re-test is the firm's").isEmpty();
        signOut();
    }

    /** The staff auditor records a passing re-test: the finding is closed. */
    private void retestAndClose(String findingPath, String testPath) {
        openEngagementAsFirmUser(staff);
        click(By.id("link-findings"));
        click(By.id("open-F-001"));
        wait.until(ExpectedConditions.urlToBe(url(findingPath)));
        assertThat(text(By.id("finding-status"))).isEqualTo("Ready for retest");
        type(By.id("retest-test-id"), testPath.substring(testPath.lastIndexOf('/') + 1));
        type(By.id("retest-test-ref"), "Re-test of CM-01: 10 pull requests merged after the fix");
        new Select(browser.findElement(By.id("retest-result"))).selectByValue("PASS");
        type(By.id("retest-note"), "All 10 approved by another engineer before the merge; bypass setting verified.");
        submit(By.id("record-retest"));
        waitForFlash("Re-test recorded; the finding is closed.");
        assertThat(text(By.id("finding-status"))).isEqualTo("Closed");
        assertThat(text(By.id("retest-list"))).contains("Re-test of CM-01", "Pass", staff.name());
        assertThat(text(By.id("status-history"))).contains("Ready for retest", "Closed");
        signOut();
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private void changeStatus(String to, String note) {
        new Select(browser.findElement(By.id("status-to"))).selectByValue(to);
        type(By.id("status-note"), note);
        submit(By.id("change-status"));
        waitForFlash("Status: ");
    }

    private void outcome(int item, String attribute, String outcome) {
        new Select(browser.findElement(By.id("outcome-" + item + "-" + attribute))).selectByValue(outcome);
    }

    /** From the engagement page to the change control's test of operating effectiveness. */
    private void openTest() {
        openFieldworkLink("link-tests");
        click(By.id("test-CM-01-oe"));
        wait.until(ExpectedConditions.urlMatches(".*/tests/" + UUID_PATH + "$"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("evaluation")));
    }

    /** Follows one of the engagement page's fieldwork links (going to the engagement page first). */
    private void openFieldworkLink(String id) {
        if (!path().equals("/engagements/" + engagement.id())) {
            open("/engagements/" + engagement.id());
        }
        WebElement link = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#fieldwork-links #" + id)));
        String href = link.getAttribute("href");
        link.click();
        wait.until(ExpectedConditions.urlToBe(href));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("main")));
    }

    /** A firm member signs in, lands on the firm dashboard and opens the client's engagement. */
    private void openEngagementAsFirmUser(CurrentUser user) {
        signIn(user);
        wait.until(ExpectedConditions.urlToBe(url("/firm")));
        WebElement row = browser.findElement(By.xpath(
                "//table[@id='firm-engagements']//tr[td[1][text()='" + client.name() + "']]"));
        assertThat(row.getText()).contains(engagement.name(), "active");
        WebElement open = row.findElement(By.cssSelector("button[id^='open-']"));
        open.click();
        wait.until(ExpectedConditions.urlToBe(url("/engagements/" + engagement.id())));
        assertThat(text(By.cssSelector("header .scope-banner")))
                .contains("Auditing " + client.name(), engagement.name(), firm.name());
        assertThat(text(By.id("fieldwork-links"))).contains("Request list", "Populations and samples", "Tests of controls",
                "Deviations", "Findings");
    }

    private void signIn(CurrentUser user) {
        browser.get(url("/login"));
        browser.findElement(By.id("username")).sendKeys(user.email());
        browser.findElement(By.id("password")).sendKeys(TestOrg.PASSWORD);
        browser.findElement(By.id("sign-in")).click();
        wait.until(ExpectedConditions.or(ExpectedConditions.urlToBe(url("/")), ExpectedConditions.urlToBe(url("/firm"))));
        assertThat(text(By.cssSelector("header .account a[href='/account']"))).isEqualTo(user.name());
    }

    private void signOut() {
        click(By.id("sign-out"));
        wait.until(ExpectedConditions.urlToBe(url("/login?signedOut")));
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private String path() {
        return browser.getCurrentUrl().replaceFirst("^http://localhost:" + port, "").replaceFirst("[?#].*$", "");
    }

    private void open(String path) {
        browser.get(url(path));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("main")));
    }

    private void click(By by) {
        wait.until(ExpectedConditions.elementToBeClickable(by)).click();
    }

    /** Clicks a submit button and waits until the page it leads to has replaced this one. */
    private void submit(By by) {
        WebElement button = wait.until(ExpectedConditions.elementToBeClickable(by));
        button.click();
        wait.until(ExpectedConditions.stalenessOf(button));
    }

    private void type(By by, String value) {
        WebElement input = browser.findElement(by);
        input.clear();
        input.sendKeys(value);
    }

    /** Date and date-time inputs (and long texts) get their value set directly: typing into them depends on the locale. */
    private void setValue(WebElement input, String value) {
        ((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1]", input, value);
    }

    private String text(By by) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(by)).getText().strip();
    }

    /** Waits for the page the last action led to, recognised by its flash message; an error flash fails at once. */
    private void waitForFlash(String message) {
        WebElement flash = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector(".flash.ok, .flash.error, #form-errors, #import-errors, #select-errors")));
        if (!flash.getDomAttribute("class").contains("ok")) {
            fail("Expected '" + message + "' but the page at " + path() + " says: " + flash.getText());
        }
        assertThat(flash.getText()).contains(message);
    }
}
