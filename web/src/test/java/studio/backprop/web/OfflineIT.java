package studio.backprop.web;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import studio.backprop.engine.model.ModelLink;
import studio.backprop.engine.train.Experiment;
import studio.backprop.engine.train.Settings;
import studio.backprop.web.server.Serve;

/** After one visit the site needs no network: it loads, trains, imports a CSV and opens a link with the server gone. */
class OfflineIT {
    @Test
    void theSiteWorksWithTheServerGone() throws Exception {
        Serve server = Serve.start(Path.of(System.getProperty("site.dir", "target/site")), 0, "/deep/sub/path/");
        String base = "http://localhost:" + server.port() + "/deep/sub/path/";
        Settings s = new Settings().set("data", "circle").set("layers", "3");
        Experiment ex = Experiment.create(s, null);
        String link = "#m=" + ModelLink.payload(ex.model);
        try (Browser b = new Browser()) {
            b.driver.get(base);
            b.waitUpTo(20).until(d -> !b.value("weights-hash").isEmpty());
            b.driver.executeAsyncScript("var done = arguments[0]; navigator.serviceWorker.ready.then(function () { done(true); });");
            assertEquals("application/manifest+json", java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "manifest.webmanifest")).build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding()).headers().firstValue("Content-Type").orElse(""));
            // what Chromium checks before it offers to install the site as an app
            java.util.Map<String, Object> manifest = b.driver.executeCdpCommand("Page.getAppManifest", java.util.Map.of());
            assertEquals(List.of(), manifest.get("errors"), "manifest errors");
            java.util.Map<String, Object> install = b.driver.executeCdpCommand("Page.getInstallabilityErrors", java.util.Map.of());
            assertEquals(List.of(), install.get("installabilityErrors"), "Chromium would not offer to install the site");
            server.stop();

            b.driver.get(base + "?backend=wasm#data=xor&epochs=3&play=1");
            b.waitUpTo(30).until(d -> "paused".equals(b.value("status")) && b.number("epoch") == 3);
            b.driver.get(base + "?backend=js#data=iris&epochs=2&play=1");
            b.waitUpTo(30).until(d -> "paused".equals(b.value("status")) && b.number("epoch") == 2);

            Path csv = Browser.tempFile("offline", ".csv");
            Files.writeString(csv, "a,b,label\n1,2,x\n2,1,y\n3,4,x\n4,3,y\n5,6,x\n6,5,y\n");
            b.byTestId("csv-file").sendKeys(csv.toString());
            b.waitUpTo(10).until(d -> b.byTestId("csv-preview").isDisplayed());
            b.byTestId("csv-use").click();
            b.waitUpTo(20).until(d -> b.text("architecture").equals("2\u20138\u20138\u20131"));

            b.driver.get(base + "?fresh" + link);
            String expected = studio.backprop.engine.model.WeightsHash.of(ex.model.network);
            b.waitUpTo(30).until(d -> expected.equals(b.value("weights-hash")));
            b.screenshot("offline");
            assertEquals(List.of(), b.consoleErrors().stream().filter(e -> !e.contains("favicon")).toList());
        } finally {
            server.stop();
        }
    }

    @Test
    void aNewDeployOffersToUpdateAndUpdatesOnConfirm() throws Exception {
        Path site = Files.createTempDirectory("deploy");
        Path built = Path.of(System.getProperty("site.dir", "target/site"));
        try (var files = Files.walk(built)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path to = site.resolve(built.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(to);
                else Files.copy(p, to);
            }
        }
        Serve server = Serve.start(site, 0, "/");
        String base = "http://localhost:" + server.port() + "/";
        try (Browser b = new Browser()) {
            b.driver.get(base + "?backend=js");
            b.waitUpTo(20).until(d -> !b.value("weights-hash").isEmpty());
            b.driver.executeAsyncScript("var done = arguments[0]; navigator.serviceWorker.ready.then(function () { done(true); });");
            b.driver.navigate().refresh();
            b.waitUpTo(20).until(d -> Boolean.TRUE.equals(b.driver.executeScript("return !!navigator.serviceWorker.controller;")));
            assertFalse(b.byTestId("update").isDisplayed());
            // deploy: a new version of the site
            Path sw = site.resolve("sw.js");
            Files.writeString(sw, Files.readString(sw).replaceFirst("const VERSION = '[0-9a-f]+';", "const VERSION = 'next';"));
            b.driver.navigate().refresh();
            b.waitUpTo(20).until(d -> b.byTestId("update").isDisplayed());
            b.byTestId("update-apply").click();
            b.waitUpTo(20).until(d -> Boolean.TRUE.equals(b.driver.executeScript(
                    "return caches.keys().then(function (k) { return k.indexOf('backprop-studio-next') >= 0; });")));
            b.waitUpTo(20).until(d -> !b.byTestId("update").isDisplayed() && !b.value("weights-hash").isEmpty());
        } finally {
            server.stop();
            Browser.delete(site);
        }
    }

    @Test
    void thePageOnlyEverAsksItsOwnOrigin() throws Exception {
        try (Browser b = new Browser()) {
            b.open("?backend=wasm#data=digits&epochs=1&play=1");
            b.waitUpTo(30).until(d -> "paused".equals(b.value("status")));
            @SuppressWarnings("unchecked")
            List<String> urls = (List<String>) b.driver.executeScript(
                    "return performance.getEntriesByType('resource').map(function (e) { return e.name; });");
            String origin = Browser.baseUrl().replaceAll("^(https?://[^/]+).*", "$1");
            assertFalse(urls.isEmpty());
            for (String url : urls) assertTrue(url.startsWith(origin) || url.startsWith("data:") || url.startsWith("blob:"), url);
            String policy = (String) b.driver.executeScript(
                    "var m = document.querySelector('meta[http-equiv=\"Content-Security-Policy\"]'); return m ? m.content : null;");
            assertTrue(policy.contains("default-src 'self'") && !policy.contains("http"), policy);
        }
    }
}
