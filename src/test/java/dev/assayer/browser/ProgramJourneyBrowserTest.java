package dev.assayer.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assayer.control.ControlDraft;
import dev.assayer.control.ControlKind;
import dev.assayer.control.ControlService;
import dev.assayer.control.Frequency;
import dev.assayer.control.ImplementationStatus;
import dev.assayer.control.Nature;
import dev.assayer.identity.IdentityService;
import dev.assayer.people.EmploymentType;
import dev.assayer.people.PeopleService;
import dev.assayer.people.PersonDraft;
import dev.assayer.shared.tenancy.CurrentUser;
import dev.assayer.shared.tenancy.Role;
import dev.assayer.testing.TestDatabase;
import dev.assayer.testing.TestOrg;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The compliance program in a real browser, with four people taking turns in one browser session:
 * a compliance manager drafts a policy from a starter template and submits it; the admin approves
 * it (which files it as evidence) and publishes it; a control owner acknowledges it; then the
 * compliance manager runs a GitHub access review that the control owner decides as the owners'
 * manager, tracks the revocation to done and signs the review off as evidence.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"assayer.security.bcrypt-strength=4", "logging.level.root=WARN"})
class ProgramJourneyBrowserTest {

    private static final String UUID_PATH = "[0-9a-f-]{36}";

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
    }

    @LocalServerPort int port;
    @Autowired IdentityService identity;
    @Autowired ControlService controls;
    @Autowired PeopleService people;

    WebDriver browser;
    WebDriverWait wait;
    TestOrg acme;
    CurrentUser admin;
    CurrentUser manager;
    CurrentUser owner;
    LocalDate asOf;

    @BeforeEach
    void setUp() throws Exception {
        acme = TestOrg.create(identity);
        admin = acme.admin();
        manager = acme.user(Role.COMPLIANCE_MANAGER);
        owner = acme.user(Role.CONTROL_OWNER);
        asOf = LocalDate.now(ZoneOffset.UTC).minusDays(1);

        // background data: the control the access review is evidence for, and a roster on which the
        // control owner manages Alice (still here) and Bob (left ten days before the account export)
        controls.create(admin, new ControlDraft("AC-04", "Quarterly user access review",
                "System owners' managers review every account each quarter; revocations are ticketed.", owner.userId(),
                Nature.MANUAL, ControlKind.DETECTIVE, Frequency.QUARTERLY, true, ImplementationStatus.IMPLEMENTED,
                List.of("CC6.2", "CC6.3"), List.of()));
        LocalDate hired = LocalDate.of(2021, 3, 1);
        people.create(admin, new PersonDraft(owner.name(), owner.email(), "Engineering lead", "Engineering", null, hired,
                null, EmploymentType.EMPLOYEE));
        people.create(admin, new PersonDraft("Alice Adams", "alice@acme.test", "Engineer", "Engineering", owner.email(),
                hired, null, EmploymentType.EMPLOYEE));
        people.create(admin, new PersonDraft("Bob Brown", "bob@acme.test", "Engineer", "Engineering", owner.email(),
                hired, asOf.minusDays(10), EmploymentType.EMPLOYEE));

        browser = Browser.start();
        wait = new WebDriverWait(browser, Duration.ofSeconds(15), Duration.ofMillis(100));
    }

    @AfterEach
    void tearDown() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void approvePublishAndAcknowledgeAPolicyThenCompleteAnAccessReview() throws Exception {
        String policyPath = draftAndSubmitPolicy();
        approveAndPublish(policyPath);
        acknowledgeAsEmployee(policyPath);
        checkAcknowledgementStatus(policyPath);

        String campaignPath = createCampaignAndImportAccounts();
        decideAsManagerOfTheOwners();
        completeRevocationAndSignOff(campaignPath);
    }

    // ---- policy ---------------------------------------------------------------------------------

    /** The compliance manager creates the access control policy from its template and submits version 1. */
    private String draftAndSubmitPolicy() {
        signIn(manager);
        open("/policies");
        click(By.id("new-policy"));
        wait.until(ExpectedConditions.urlToBe(url("/policies/new")));
        click(By.cssSelector("label[for='tpl-access-control']"));
        assertThat(browser.findElement(By.id("tpl-access-control")).isSelected()).isTrue();
        click(By.cssSelector("#create-policy button[type=submit]"));
        wait.until(ExpectedConditions.urlMatches(".*/policies/" + UUID_PATH + "$"));
        String policyPath = path();
        assertThat(text(By.tagName("h1"))).isEqualTo("Access Control Policy");
        assertThat(text(By.id("shown-version"))).contains("Draft");
        assertThat(text(By.id("policy-text"))).contains(acme.name());

        click(By.id("submit-version"));
        waitForFlash("Version 1 submitted for review.");
        assertThat(text(By.id("shown-version"))).contains("In review");
        signOut();
        return policyPath;
    }

    /** The admin, not the author, approves version 1 (filing it as evidence) and publishes it. */
    private void approveAndPublish(String policyPath) {
        signIn(admin);
        open("/policies");
        click(By.linkText("Access Control Policy"));
        wait.until(ExpectedConditions.urlToBe(url(policyPath)));
        assertThat(browser.findElements(By.cssSelector("#approve-form .muted")))
                .as("the admin did not write this version, so no own-approval hint").isEmpty();
        click(By.id("approve-version"));
        waitForFlash("Version 1 approved and filed as evidence.");
        String shown = text(By.id("shown-version"));
        assertThat(shown).contains("Approved").contains(LocalDate.now(ZoneOffset.UTC) + " by " + admin.name())
                .doesNotContain("own approval");
        String evidenceHref = browser.findElement(By.id("evidence-link")).getAttribute("href");
        assertThat(evidenceHref).matches(".*/evidence/" + UUID_PATH);

        click(By.id("publish-version"));
        waitForFlash("Version 1 published; members are asked to acknowledge it.");
        assertThat(text(By.cssSelector(".page-head .lead"))).contains("version 1 published");
        assertThat(text(By.id("shown-version"))).contains("Published");
        assertThat(text(By.cssSelector("#acknowledgement strong"))).isEqualTo("0 of 4");

        // the approved version is in the evidence vault as a PDF
        click(By.id("evidence-link"));
        wait.until(ExpectedConditions.urlToBe(evidenceHref));
        assertThat(text(By.tagName("h1"))).isEqualTo("Policy: Access Control Policy, version 1 (approved)");
        assertThat(browser.getPageSource()).contains("access-control-v1.pdf");
        signOut();
    }

    /** The control owner finds the policy waiting for their acknowledgement and acknowledges it. */
    private void acknowledgeAsEmployee(String policyPath) {
        signIn(owner);
        open("/policies");
        WebElement row = browser.findElement(By.xpath("//table[@id='policies']//tr[.//a[text()='Access Control Policy']]"));
        assertThat(row.getText()).contains("v1").contains("0 of 4");
        click(By.linkText("Access Control Policy"));
        wait.until(ExpectedConditions.urlToBe(url(policyPath)));
        assertThat(browser.findElements(By.id("approve-form"))).as("a control owner cannot approve").isEmpty();
        assertThat(text(By.id("acknowledge-form"))).contains("Please read the policy below");

        click(By.id("acknowledge"));
        waitForFlash("Thank you: your acknowledgement of version 1 is recorded.");
        assertThat(text(By.id("my-ack"))).startsWith("You acknowledged this version on");
        assertThat(browser.findElements(By.id("acknowledge-form"))).isEmpty();
        signOut();
    }

    /** The compliance manager sees who acknowledged and who is still outstanding. */
    private void checkAcknowledgementStatus(String policyPath) {
        signIn(manager);
        open(policyPath);
        assertThat(text(By.cssSelector("#acknowledgement strong"))).isEqualTo("1 of 4");
        String done = browser.findElement(By.id("ack-done")).getAttribute("textContent");
        assertThat(done).contains(owner.name()).doesNotContain(admin.name());
        String outstanding = text(By.id("ack-outstanding"));
        assertThat(outstanding).contains(admin.name(), manager.name(), acme.user(Role.VIEWER).name())
                .doesNotContain(owner.name());
        // still signed in as the compliance manager for the access review
    }

    // ---- access review --------------------------------------------------------------------------

    /** The compliance manager creates the GitHub campaign for AC-04 and uploads the account export. */
    private String createCampaignAndImportAccounts() throws Exception {
        open("/access-reviews");
        click(By.id("new-access-review"));
        wait.until(ExpectedConditions.urlToBe(url("/access-reviews/new")));
        browser.findElement(By.id("system")).sendKeys("GitHub");
        browser.findElement(By.id("asOfDate")).sendKeys(asOf.toString());
        browser.findElement(By.id("dueDate")).sendKeys(asOf.plusDays(14).toString());
        browser.findElement(By.id("controls")).sendKeys("AC-04");
        browser.findElement(By.id("description")).sendKeys("Members of the acme GitHub organization, exported by IT.");
        click(By.id("create-campaign"));
        wait.until(ExpectedConditions.urlMatches(".*/access-reviews/" + UUID_PATH + "$"));
        String campaignPath = path();
        waitForFlash("Access review of GitHub created. Import its account list.");
        assertThat(text(By.id("campaign-status"))).isEqualTo("Open");
        assertThat(text(By.id("campaign"))).contains("AC-04");

        Path export = Files.createTempFile("github-members-", ".csv");
        Files.writeString(export, """
                account,email,name,entitlement,last_login,status
                alice-a,alice@acme.test,Alice Adams,admin,%s,active
                bobb,bob@acme.test,Bob Brown,write,%s,active
                """.formatted(asOf.minusDays(2), asOf.minusDays(20)), StandardCharsets.UTF_8);
        try {
            browser.findElement(By.id("import-file")).sendKeys(export.toAbsolutePath().toString());
            click(By.id("import-accounts"));
            waitForFlash("Imported 2 accounts; 1 flagged, 0 assigned to the campaign owner.");
        } finally {
            Files.deleteIfExists(export);
        }
        assertThat(text(By.id("progress-decided"))).isEqualTo("0 of 2");
        assertThat(text(By.id("account-source"))).contains(export.getFileName().toString(), "2 accounts");
        WebElement alice = browser.findElement(By.cssSelector("tr[data-account='alice-a']"));
        assertThat(alice.getText()).contains("On the roster", owner.name());
        WebElement bob = browser.findElement(By.cssSelector("tr[data-account='bobb']"));
        assertThat(bob.getText()).contains("Left the organization", owner.name());
        assertThat(text(By.id("sign-off-blockers"))).isNotBlank();
        signOut();
        return campaignPath;
    }

    /** The control owner, the manager of both account owners, keeps Alice's access and revokes Bob's. */
    private void decideAsManagerOfTheOwners() {
        signIn(owner);
        open("/access-reviews");
        assertThat(text(By.id("my-reviews"))).contains("GitHub").contains("2 of 2 accounts still to decide");
        click(By.cssSelector("#my-reviews li[data-review='GitHub'] a"));
        wait.until(ExpectedConditions.urlMatches(".*/access-reviews/" + UUID_PATH + "/review$"));
        assertThat(text(By.id("undecided-count"))).isEqualTo("2 still to decide");
        assertThat(browser.findElements(By.id("scope-all"))).as("a control owner sees only their accounts").isEmpty();

        WebElement keep = decisionForm("alice-a");
        keep.findElement(By.name("justification")).sendKeys("Alice maintains the release pipeline; admin is needed.");
        submitDecision(keep, "KEEP");
        waitForFlash("Account 'alice-a': keep recorded.");

        WebElement revoke = decisionForm("bobb");
        revoke.findElement(By.name("justification")).sendKeys("Bob left the company on " + asOf.minusDays(10) + ".");
        submitDecision(revoke, "REVOKE");
        waitForFlash("Account 'bobb': revoke recorded.");

        assertThat(browser.findElements(By.id("decision-errors"))).isEmpty();
        assertThat(text(By.id("undecided-count"))).isEqualTo("0 still to decide");
        assertThat(text(By.cssSelector("section[data-account='alice-a'] .current-decision")))
                .contains("Keep", owner.name());
        assertThat(text(By.cssSelector("section[data-account='bobb'] .current-decision")))
                .contains("Revoke", owner.name(), "task open");
        signOut();
    }

    /** The compliance manager records the revocation ticket, signs the review off and finds its evidence. */
    private void completeRevocationAndSignOff(String campaignPath) {
        signIn(manager);
        open(campaignPath);
        assertThat(text(By.id("progress-decided"))).isEqualTo("2 of 2");
        assertThat(text(By.id("progress-tasks"))).contains("1 open", "0 done");
        assertThat(browser.findElements(By.id("sign-off"))).as("an open task blocks sign-off").isEmpty();
        assertThat(text(By.id("sign-off-blockers"))).isNotBlank();

        WebElement task = browser.findElement(By.cssSelector("form.task-form[data-account='bobb']"));
        task.findElement(By.name("ticket")).sendKeys("OPS-4711");
        WebElement done = task.findElement(By.cssSelector("button[name=done]"));
        done.click();
        wait.until(ExpectedConditions.stalenessOf(done));
        waitForFlash("Task marked done.");
        assertThat(text(By.cssSelector("tr[data-account='bobb'][data-status='DONE']")))
                .contains("Done", LocalDate.now(ZoneOffset.UTC) + " by", "ticket OPS-4711");
        assertThat(text(By.id("progress-tasks"))).contains("0 open", "1 done");

        click(By.id("sign-off"));
        wait.until(ExpectedConditions.alertIsPresent());
        browser.switchTo().alert().accept();
        waitForFlash("Access review signed off; the report is filed as evidence.");
        assertThat(text(By.id("campaign-status"))).isEqualTo("Signed off");
        assertThat(text(By.id("signed-off-by"))).contains(manager.name());
        assertThat(browser.findElements(By.id("import-card"))).as("a signed-off campaign is locked").isEmpty();
        assertThat(browser.findElements(By.id("review-link"))).isEmpty();

        WebElement evidence = browser.findElement(By.id("evidence-link"));
        String href = evidence.getAttribute("href");
        assertThat(href).matches(".*/evidence/" + UUID_PATH);
        evidence.click();
        wait.until(ExpectedConditions.urlToBe(href));
        assertThat(text(By.tagName("h1"))).isEqualTo("Access review: GitHub as of " + asOf + " (signed off)");
        assertThat(browser.getPageSource()).contains("AC-04");
        signOut();
    }

    // ---- helpers ---------------------------------------------------------------------------------

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

    private String text(By by) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(by)).getText().strip();
    }

    /** Waits for the page the last action led to, recognised by its flash message. */
    private void waitForFlash(String message) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".flash.ok"), message));
    }

    private WebElement decisionForm(String account) {
        return wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("form.decision-form[data-account='" + account + "']")));
    }

    private void submitDecision(WebElement form, String decision) {
        WebElement button = form.findElement(By.cssSelector("button[name=decision][value=" + decision + "]"));
        button.click();
        wait.until(ExpectedConditions.stalenessOf(button));
    }

    private void signIn(CurrentUser user) {
        browser.get(url("/login"));
        browser.findElement(By.id("username")).sendKeys(user.email());
        browser.findElement(By.id("password")).sendKeys(TestOrg.PASSWORD);
        browser.findElement(By.id("sign-in")).click();
        wait.until(ExpectedConditions.urlToBe(url("/")));
        assertThat(text(By.cssSelector("header .account .who"))).isEqualTo(user.name());
    }

    private void signOut() {
        click(By.id("sign-out"));
        wait.until(ExpectedConditions.urlToBe(url("/login?signedOut")));
    }
}
