package dev.assayer.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assayer.control.Control;
import dev.assayer.control.ControlDraft;
import dev.assayer.control.ControlKind;
import dev.assayer.control.ControlService;
import dev.assayer.control.Frequency;
import dev.assayer.control.ImplementationStatus;
import dev.assayer.control.Nature;
import dev.assayer.identity.IdentityService;
import dev.assayer.testing.TestDatabase;
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
 * A compliance manager's first session, in a real browser: sign in, set up a SOC 2 Type II
 * engagement, upload evidence for a control, and watch readiness go up.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"assayer.security.bcrypt-strength=4", "logging.level.root=WARN"})
class ReadinessJourneyBrowserTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
    }

    @LocalServerPort int port;
    @Autowired IdentityService identity;
    @Autowired ControlService controls;

    WebDriver browser;
    WebDriverWait wait;
    TestOrg org;
    Control control;

    @BeforeEach
    void setUp() throws Exception {
        org = TestOrg.create(identity);
        control = controls.create(org.admin(), new ControlDraft("AC-07", "Access removed at termination",
                "IT removes all access within one business day of a termination ticket.", org.admin().userId(),
                Nature.MANUAL, ControlKind.PREVENTIVE, Frequency.PER_EVENT, true, ImplementationStatus.IMPLEMENTED,
                List.of("CC6.2"), List.of()));
        browser = Browser.start();
        wait = new WebDriverWait(browser, Duration.ofSeconds(15));
    }

    @AfterEach
    void tearDown() {
        if (browser != null) {
            browser.quit();
        }
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private void setValue(WebElement input, String value) {
        ((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1]", input, value);
    }

    private int overallReadiness(String engagementId) {
        browser.get(url("/?engagement=" + engagementId));
        String text = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("overall-readiness"))).getText();
        return Integer.parseInt(text.replaceAll("[^0-9]", ""));
    }

    @Test
    void signInCreateEngagementUploadEvidenceAndSeeReadinessRise() throws Exception {
        // sign in
        browser.get(url("/login"));
        browser.findElement(By.id("username")).sendKeys(org.admin().email());
        browser.findElement(By.id("password")).sendKeys(TestOrg.PASSWORD);
        browser.findElement(By.id("sign-in")).click();
        wait.until(ExpectedConditions.urlToBe(url("/")));

        // set up a SOC 2 Type II engagement whose period contains today
        LocalDate today = LocalDate.now();
        browser.get(url("/engagements/new"));
        browser.findElement(By.id("name")).sendKeys("SOC 2 Type II " + today.getYear());
        new Select(browser.findElement(By.id("framework"))).selectByValue("SOC2");
        new Select(browser.findElement(By.id("reportType"))).selectByValue("TYPE2");
        browser.findElement(By.id("periodStart")).sendKeys(today.minusMonths(3).toString());
        browser.findElement(By.id("periodEnd")).sendKeys(today.plusMonths(3).toString());
        WebElement availability = browser.findElement(By.id("cat-AVAILABILITY"));
        if (!availability.isSelected()) {
            availability.click();
        }
        browser.findElement(By.id("create-engagement")).click();
        wait.until(ExpectedConditions.urlMatches(".*/engagements/[0-9a-f-]{36}$"));
        String engagementId = browser.getCurrentUrl().replaceAll(".*/engagements/", "");
        assertThat(browser.getPageSource()).contains("SOC 2 Type II " + today.getYear());

        int before = overallReadiness(engagementId);
        assertThat(before).isZero();

        // upload evidence for the control, effective today (inside the period)
        Path file = Files.createTempFile("termination-tickets-", ".csv");
        Files.writeString(file, "ticket,employee,terminated,access_removed\nHR-101,J. Doe,2026-09-01,2026-09-01\n",
                StandardCharsets.UTF_8);
        browser.get(url("/evidence/new?control=" + control.id()));
        browser.findElement(By.id("ev-file")).sendKeys(file.toAbsolutePath().toString());
        browser.findElement(By.id("ev-title")).sendKeys("Termination tickets with access removal dates");
        setValue(browser.findElement(By.id("ev-effective")), today.toString());
        browser.findElement(By.cssSelector("form.evidence-form button[type=submit]")).click();
        wait.until(ExpectedConditions.urlMatches(".*/evidence/[0-9a-f-]{36}$"));
        assertThat(browser.getPageSource()).contains("Termination tickets with access removal dates");

        // CC6.2 is now covered by an implemented, owned control with evidence in the period
        int after = overallReadiness(engagementId);
        assertThat(after).isGreaterThan(before);
        browser.get(url("/engagements/" + engagementId + "/readiness"));
        assertThat(browser.getPageSource()).contains("CC6.2");
    }
}
