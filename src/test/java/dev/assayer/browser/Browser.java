package dev.assayer.browser;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium driven by Debian's chromedriver, both by explicit path (so Selenium
 * never tries to download a browser or driver), with background networking off: the machines this
 * runs on have no network beyond the package mirrors.
 */
final class Browser {

    static final String CHROMIUM = System.getProperty("assayer.chromium", "/usr/bin/chromium");
    static final String CHROMEDRIVER = System.getProperty("assayer.chromedriver", "/usr/bin/chromedriver");

    private Browser() {
    }

    static WebDriver start() throws IOException {
        if (!new File(CHROMIUM).canExecute() || !new File(CHROMEDRIVER).canExecute()) {
            throw new IllegalStateException("Browser tests need Debian's chromium and chromium-driver at " + CHROMIUM
                    + " and " + CHROMEDRIVER + " (apt-get install chromium chromium-driver; .ci/run does this)");
        }
        Path profile = Files.createTempDirectory("assayer-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-default-apps", "--disable-extensions", "--no-first-run", "--disable-quic",
                "--window-size=1366,900", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return driver;
    }
}
