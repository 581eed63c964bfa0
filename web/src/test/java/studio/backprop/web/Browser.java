package studio.backprop.web;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.stream.Collectors;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;
import studio.backprop.web.server.Serve;

/** Headless Debian Chromium driven by Selenium against the built site, served on a free port. */
public final class Browser implements AutoCloseable {
    private static Serve server;
    public final ChromeDriver driver;
    private final Path profile;

    public static synchronized String baseUrl() throws Exception {
        if (server == null) {
            Path site = Path.of(System.getProperty("site.dir", "target/site"));
            server = Serve.start(site, 0, "/studio/");
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        }
        return "http://localhost:" + server.port() + "/studio/";
    }

    public Browser() throws Exception {
        profile = Files.createTempDirectory("chromium-profile");
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--window-size=1400,1000");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile())
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
    }

    public void open(String pathAndQuery) throws Exception {
        driver.get(baseUrl() + pathAndQuery);
    }

    public WebElement byTestId(String id) {
        return driver.findElement(By.cssSelector("[data-testid=\"" + id + "\"]"));
    }

    public String value(String testId) {
        return byTestId(testId).getAttribute("data-value");
    }

    public double number(String testId) {
        String v = value(testId);
        return v == null || v.isEmpty() ? Double.NaN : Double.parseDouble(v);
    }

    public WebDriverWait waitUpTo(int seconds) {
        return new WebDriverWait(driver, Duration.ofSeconds(seconds), Duration.ofMillis(50));
    }

    /** Console messages at SEVERE level (errors), excluding none: a clean page has none. */
    public List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage).collect(Collectors.toList());
    }

    public List<String> console() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::toString).collect(Collectors.toList());
    }

    public void screenshot(String name) throws Exception {
        Path dir = Path.of(System.getProperty("screenshots.dir", "target/screenshots"));
        Files.createDirectories(dir);
        Files.write(dir.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    }

    @Override
    public void close() {
        driver.quit();
    }
}
