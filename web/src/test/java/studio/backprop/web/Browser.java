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
    private final Path profile, downloads;

    public static synchronized String baseUrl() throws Exception {
        if (server == null) {
            Path site = Path.of(System.getProperty("site.dir", "target/site"));
            server = Serve.start(site, 0, "/studio/");
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        }
        return origin() + "/studio/";
    }

    private static String origin() {
        return "http://localhost:" + server.port();
    }

    /** Chromiums that pooled() users have handed back, reset, for the next. */
    private static final java.util.Deque<Browser> idle = new java.util.ArrayDeque<>();
    private boolean pooled;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            synchronized (Browser.class) {
                for (Browser b : idle) b.quit();
                idle.clear();
            }
        }));
    }

    /** A Chromium of its own, with a fresh profile; quit at close. */
    public Browser() throws Exception {
        this(false);
    }

    /**
     * A Chromium as a new one would be for the studio's origin (no storage, service worker, HTTP
     * cache or console entries; desktop size; no downloads), but reused from an earlier test: a
     * launch and a quit cost about 1.3 s, and the suite has dozens. For tests that visit only
     * {@link #baseUrl()}, the origin that close() clears.
     */
    public static Browser pooled() throws Exception {
        Browser b;
        synchronized (Browser.class) {
            b = idle.poll();
        }
        if (b == null) b = new Browser();
        b.pooled = true;
        return b;
    }

    /** @param camera with Chromium's fake camera (a test pattern) and no permission prompt */
    public Browser(boolean camera) throws Exception {
        this(camera, null);
    }

    /** @param microphone with the fake devices, a WAV file that the fake microphone plays in a loop (null: its beep) */
    public Browser(boolean camera, Path microphone) throws Exception {
        profile = Files.createTempDirectory("chromium-profile");
        downloads = Files.createDirectories(profile.resolve("downloads"));
        ChromeOptions options = new ChromeOptions();
        options.setExperimentalOption("prefs", java.util.Map.of(
                "download.default_directory", downloads.toString(), "download.prompt_for_download", false));
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--window-size=1400,1000");
        if (camera) options.addArguments("--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream", "--autoplay-policy=no-user-gesture-required");
        if (microphone != null) options.addArguments("--use-file-for-fake-audio-capture=" + microphone);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile())
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        if (THROTTLE > 1) driver.executeCdpCommand("Emulation.setCPUThrottlingRate", java.util.Map.of("rate", THROTTLE));
    }

    /**
     * Chromium's CPU throttling of the page (system property cpu.throttle, e.g. 4: the page thread
     * runs four times slower), to try the suite as on a slower machine: {@code scripts/test.sh -Dcpu.throttle=4}.
     */
    public static final double THROTTLE = Double.parseDouble(System.getProperty("cpu.throttle", "1"));

    public void open(String pathAndQuery) throws Exception {
        driver.get(baseUrl() + pathAndQuery);
    }

    public WebElement byTestId(String id) {
        return driver.findElement(By.cssSelector("[data-testid=\"" + id + "\"]"));
    }

    public String value(String testId) {
        String v = byTestId(testId).getAttribute("data-value");
        return v == null ? "" : v;
    }

    public double number(String testId) {
        String v = value(testId);
        return v == null || v.isEmpty() ? Double.NaN : Double.parseDouble(v);
    }

    /** Types a value into an input and leaves it, which fires its change event. */
    public void type(String testId, String value) {
        WebElement e = byTestId(testId);
        e.sendKeys(org.openqa.selenium.Keys.chord(org.openqa.selenium.Keys.CONTROL, "a"), value, org.openqa.selenium.Keys.TAB);
    }

    public void select(String testId, String value) {
        new org.openqa.selenium.support.ui.Select(byTestId(testId)).selectByValue(value);
    }

    /** Clicks a download button and returns the bytes of the file it saved as {@code name}. */
    public byte[] download(String testId, String name) throws Exception {
        Path file = downloads.resolve(name);
        Files.deleteIfExists(file);
        byTestId(testId).click();
        waitUpTo(20).until(d -> Files.exists(file) && !Files.exists(downloads.resolve(name + ".crdownload")));
        byte[] bytes = Files.readAllBytes(file);
        Files.delete(file);
        return bytes;
    }

    /** The element's text as written (textContent), not as CSS renders it (upper case headings). */
    public String text(String testId) {
        return byTestId(testId).getAttribute("textContent").trim();
    }

    /**
     * Each element's data-value (or, for "id@attribute", that attribute), read in one script so they come
     * from the same render.
     */
    @SuppressWarnings("unchecked")
    public List<String> values(String... testIds) {
        return (List<String>) driver.executeScript("return Array.prototype.map.call(arguments, function (key) {"
                + " var at = key.indexOf('@'), id = at < 0 ? key : key.substring(0, at);"
                + " var e = document.querySelector('[data-testid=\"' + id + '\"]');"
                + " return e ? e.getAttribute(at < 0 ? 'data-value' : key.substring(at + 1)) || '' : ''; });",
                (Object[]) testIds);
    }

    public String hash() {
        return (String) driver.executeScript("return location.hash;");
    }

    /**
     * The frame budget: three 60 Hz frames, which rAF reports as 50.0-50.1 ms (its times are
     * rounded to 0.1 ms). Over it: four frames or more, two drawn frames missed in a row. A figure
     * of the benchmarks (scripts/load-frames.sh prints what falls short), not of a pass/fail test:
     * it depends on the machine.
     */
    public static final double FRAME_BUDGET_MS = 51;

    /**
     * What a pass/fail test holds the page to: frames keep coming, none waits a second. A page
     * that keeps its 50 ms budget here stays far inside it on a machine four times slower; one that
     * freezes (a long task on the page thread, a busy loop) does not.
     */
    public static final double STARVED_MS = 1000;

    /** The longest gap between animation frames over {@code ms} milliseconds from now (from now to the first frame included). */
    @SuppressWarnings("unchecked")
    public double longestFrameGap(int ms) {
        List<Double> times = ((List<Number>) driver.executeAsyncScript(
                "var done = arguments[0], start = performance.now(), times = [start];"
                + "function frame(t) { times.push(t);"
                + "  if (t - start < " + ms + ") requestAnimationFrame(frame); else done(times); }"
                + "requestAnimationFrame(frame);")).stream().map(Number::doubleValue).collect(Collectors.toList());
        return longestGap(times)[1];
    }

    /**
     * A wait whose failure message says what the page showed. It waits three times as long as
     * asked (the seconds are what the condition takes here at most, with room): a wait bounds
     * how long a failure takes to show, and the suite must pass on a machine four times slower.
     */
    public WebDriverWait waitUpTo(int seconds) {
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(3L * seconds), Duration.ofMillis(50));
        wait.withMessage(() -> {
            try {
                screenshot("timeout-" + System.currentTimeMillis());
                return "page: status=" + value("status") + " epoch=" + value("epoch") + " architecture="
                        + byTestId("architecture").getText() + " error='" + byTestId("error").getText() + "' hash=" + driver.executeScript("return location.hash")
                        + " prediction='" + text("prediction") + "' console=" + consoleErrors();
            } catch (Exception e) {
                return "(page state unavailable: " + e + ")";
            }
        });
        return wait;
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

    /** A 360 px wide phone's viewport. */
    /** The paths (from the site's root on) of what the page has fetched, worker scripts included, in order. */
    @SuppressWarnings("unchecked")
    public List<String> fetched() {
        return (List<String>) driver.executeScript("return performance.getEntriesByType('resource').map(function (e) {"
                + " return new URL(e.name).pathname.replace(new URL('.', location.href).pathname, ''); });");
    }

    public void phone() {
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(360, 780));
    }

    /** Elements that stick out past the right edge of the viewport (tag, testid or class, right edge), so that the page would scroll sideways. */
    @SuppressWarnings("unchecked")
    public List<String> overflowing() {
        return (List<String>) driver.executeScript("var w = document.documentElement.clientWidth, out = [];"
                + "document.querySelectorAll('body *').forEach(function (e) {"
                + "  var r = e.getBoundingClientRect(); if (r.width === 0 || r.right <= w + 1) return;"
                + "  for (var p = e.parentElement; p && p !== document.body; p = p.parentElement) {"
                + "    var o = getComputedStyle(p).overflowX; if (o === 'auto' || o === 'scroll' || o === 'hidden') return; }"
                + "  out.push(e.tagName + ' ' + (e.getAttribute('data-testid') || e.className) + ' ' + Math.round(r.right)); });"
                + "return out.slice(0, 10);");
    }

    public void screenshot(String name) throws Exception {
        Path dir = Path.of(System.getProperty("screenshots.dir", "target/screenshots"));
        Files.createDirectories(dir);
        Files.write(dir.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    }

    /** Quits, or for a pooled browser makes it as new for the studio's origin and hands it back (quits if that fails). */
    @Override
    public void close() {
        if (pooled) {
            try {
                reset();
                synchronized (Browser.class) {
                    idle.push(this);
                }
                return;
            } catch (RuntimeException | java.io.IOException e) {
                System.out.println("a pooled browser could not be reset, so it quits: " + e);
            }
        }
        quit();
    }

    private void reset() throws java.io.IOException {
        String first = driver.getWindowHandles().iterator().next();
        for (String w : driver.getWindowHandles()) {
            if (w.equals(first)) continue;
            driver.switchTo().window(w);
            driver.close();
        }
        driver.switchTo().window(first);
        if (frameRecorder != null) {
            driver.executeCdpCommand("Page.removeScriptToEvaluateOnNewDocument", java.util.Map.of("identifier", frameRecorder));
            frameRecorder = null;
        }
        driver.get("about:blank");
        if (server != null) driver.executeCdpCommand("Storage.clearDataForOrigin", java.util.Map.of("origin", origin(), "storageTypes", "all"));
        driver.executeCdpCommand("Network.clearBrowserCache", java.util.Map.of());
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(1400, 1000));
        driver.manage().logs().get(LogType.BROWSER); // read, so the next test sees only its own
        try (var files = Files.list(downloads)) {
            for (Path f : (Iterable<Path>) files::iterator) Files.delete(f);
        }
    }

    private void quit() {
        driver.quit();
        delete(profile);
    }

    /** The identifier of the frame recorder in this Chromium's new documents, if it has one. */
    private String frameRecorder;

    /**
     * From now on, each page this Chromium opens records the time of every animation frame it
     * draws, from its first (a script that runs before the page's own): {@link #framesSinceLoad()};
     * and its long tasks: {@link #longTasksSinceLoad()}.
     */
    public void recordFramesFromLoad() {
        frameRecorder = (String) driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", java.util.Map.of("source",
                "(function () { var times = window.frameTimesSinceLoad = [], tasks = window.longTasksSinceLoad = [];"
                + " function frame(t) { times.push(t); requestAnimationFrame(frame); } requestAnimationFrame(frame);"
                + " new PerformanceObserver(function (l) { l.getEntries().forEach(function (e) { tasks.push([e.startTime, e.duration]); }); })"
                + "   .observe({type: 'longtask', buffered: true}); })();"))
                .get("identifier");
    }

    /** The times (ms from navigation) of the frames the page has drawn so far; see {@link #recordFramesFromLoad()}. */
    @SuppressWarnings("unchecked")
    public List<Double> framesSinceLoad() {
        return ((List<Number>) driver.executeScript("return window.frameTimesSinceLoad.slice()")).stream()
                .map(Number::doubleValue).collect(Collectors.toList());
    }

    /** The page thread's long tasks (over 50 ms) so far, from navigation on: {start, duration} each; see {@link #recordFramesFromLoad()}. */
    @SuppressWarnings("unchecked")
    public List<double[]> longTasksSinceLoad() {
        return ((List<List<Number>>) driver.executeScript("return window.longTasksSinceLoad.slice()")).stream()
                .map(t -> new double[] {t.get(0).doubleValue(), t.get(1).doubleValue()}).collect(Collectors.toList());
    }

    /** Milliseconds from navigation to the page's first contentful paint (-1 before it). */
    public double firstPaintMs() {
        return ((Number) driver.executeScript("var p = performance.getEntriesByName('first-contentful-paint')[0]; return p ? p.startTime : -1"))
                .doubleValue();
    }

    /** Milliseconds from navigation to the first trained batch the page heard of (NaN before it). */
    public double firstStepMs() {
        Object v = driver.executeScript("return document.body.dataset.firstStep || null");
        return v == null ? Double.NaN : Double.parseDouble((String) v);
    }

    /** The frame times from the last frame at or before {@code ms} on (the frame that drew what was there at that time). */
    public static List<Double> from(List<Double> times, double ms) {
        int i = 0;
        while (i + 1 < times.size() && times.get(i + 1) <= ms) i++;
        return times.subList(i, times.size());
    }

    /** The longest gap between consecutive frame times, and when it began: {start, gap}. */
    public static double[] longestGap(List<Double> times) {
        double[] worst = {Double.NaN, 0};
        for (int i = 1; i < times.size(); i++) {
            double gap = times.get(i) - times.get(i - 1);
            if (gap > worst[1]) worst = new double[] {times.get(i - 1), gap};
        }
        return worst;
    }

    /** What a command line tool of the tests does (the benchmarks' pages, loads, defaults). */
    public interface Command {
        void run() throws Exception;
    }

    /**
     * Runs a command line tool to its end and exits: 0, or 1 with the stack trace (the pooled
     * Chromiums and the server would otherwise keep the JVM up).
     */
    public static void command(Command c) {
        try {
            c.run();
        } catch (Throwable e) {
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    /** A temporary file that is removed when the test JVM exits. */
    public static Path tempFile(String prefix, String suffix) throws java.io.IOException {
        Path p = Files.createTempFile(prefix, suffix);
        p.toFile().deleteOnExit();
        return p;
    }

    static void delete(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (java.io.IOException e) {
            // a profile left behind in the temp folder is harmless
        }
    }
}
