package dev.sigil.fleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sigil.fleet.testkit.TestFleetFile;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.logging.Level;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * {@code fleet report} written by the real command and opened from its file in Debian's headless Chromium, with every
 * host name unresolvable: no console errors, and every chart drew (an SVG with lines or bars, and a box that is not
 * blank). The screenshots are left in {@code target/report-screenshots/} for a human to look at.
 */
class ReportInBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "report-screenshots");
    private static final List<String> CHARTS = List.of("chart-paired", "chart-sequence", "chart-equity", "chart-drawdown", "chart-exits", "chart-stops");

    @TempDir
    static Path profile;

    private static ChromeDriver browser;

    @BeforeAll
    static void startChromium() throws IOException {
        assertThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
                .as("this test drives Debian's headless Chromium: run scripts/test, which installs it, or `apt-get install chromium "
                        + "chromium-driver` (needs %s and %s)", CHROMIUM, CHROMEDRIVER)
                .isTrue();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--hide-scrollbars", "--host-resolver-rules=MAP * ~NOTFOUND", "--window-size=1280,1000",
                "--user-data-dir=" + profile.resolve("chromium"));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void quit() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void fourVariantsOverTwoWeeksOfMinuteSnapshotsDrawEveryChartWithoutAConsoleError(@TempDir Path dir) throws Exception {
        // the 2.5 arm does 0.4 R better on the same entries: its shadow of a 1.5 position, and its positions over their 1.5 shadows
        var baseline = TradeDatabases.variant(getClass(), "baseline", new TradeDatabases.Spec(1.5, 5, 40, -0.2, 1.0, 2.5, -0.4, 1));
        var moderate = TradeDatabases.variant(getClass(), "moderate", new TradeDatabases.Spec(1.5, 7.5, 40, -0.2, 1.0, 2.5, -0.4, 2));
        var aggressive = TradeDatabases.variant(getClass(), "aggressive", new TradeDatabases.Spec(2.5, 10, 40, 0.2, 1.0, 1.5, 0.4, 3));
        var unhinged = TradeDatabases.variant(getClass(), "unhinged", new TradeDatabases.Spec(2.5, 20, 40, 0.2, 1.0, 1.5, 0.4, 4));
        for (var database : List.of(baseline, moderate, aggressive, unhinged)) {
            TradeDatabases.minuteSnapshots(database, 14);
        }
        Path fleet = new TestFleetFile().variant("baseline", baseline).variant("moderate", moderate).variant("aggressive", aggressive)
                .variant("unhinged", unhinged).writeTo(dir.resolve("fleet.yaml"));
        Path report = dir.resolve("report.html");

        CliRun run = CliRun.of("report", "--fleet", fleet.toString(), "--out", report.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).matches("report: .*report\\.html \\(4 variants, \\d+ KB\\)\\n");
        Files.copy(report, SCREENSHOTS.resolve("four-variants.html"), StandardCopyOption.REPLACE_EXISTING);
        String html = Files.readString(report);
        String markup = Pattern.compile("<script([^>]*)>.*?</script>", Pattern.DOTALL).matcher(html).replaceAll("<script$1></script>");
        assertThat(markup).doesNotContainPattern("\\b(src|href)=").contains("2.5 better by");

        open(report, "four-variants.png");

        assertThat(severeConsoleMessages()).isEmpty();
        assertThat((Long) ((JavascriptExecutor) browser).executeScript("return performance.getEntriesByType('resource').length"))
                .as("resources the page loaded").isZero();
        for (String chart : CHARTS) {
            assertDrawn(chart);
        }
        assertThat(seriesCount("chart-equity")).isEqualTo(4);
        assertThat(seriesCount("chart-stops")).isEqualTo(2);
        assertThat(browser.findElement(By.cssSelector(".verdict")).getText()).startsWith("1.5 vs 2.5: 2.5 better by");
        assertThat(seriesCount("chart-sequence")).as("mean, low, high and the A/A line").isEqualTo(4);
        assertThat((Long) ((JavascriptExecutor) browser).executeScript(
                "return echarts.getInstanceByDom(document.getElementById('chart-paired')).getModel().getSeriesByIndex(0).getData().count()"))
                .as("one point per paired entry").isEqualTo(40);
    }

    @Test
    void oneVariantWithoutTradesSaysSoInsteadOfDrawingBrokenChartsAndNamesTheUnreachableDatabase(@TempDir Path dir) throws Exception {
        Path fleet = new TestFleetFile().variant("lonely", TradeDatabases.variant(getClass(), "lonely", 1.5, 0, 0, 7)).unreachable("gone")
                .writeTo(dir.resolve("fleet.yaml"));
        Path report = dir.resolve("empty.html");

        CliRun run = CliRun.of("report", "--fleet", fleet.toString(), "--out", report.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(run.out()).contains("(1 variant, ");
        open(report, "one-variant-no-trades.png");
        assertThat(severeConsoleMessages()).isEmpty();
        for (String chart : CHARTS) {
            assertThat(browser.findElement(By.id(chart)).getText()).as(chart).isIn("no trades", "no equity snapshots", "no paired entries yet");
        }
        assertThat(browser.findElement(By.cssSelector(".warning")).getText()).contains("gone: ");
        assertThat(browser.findElement(By.cssSelector(".verdict")).getText()).isEqualTo("one arm only — nothing to compare");
    }

    /** Opens the file (no server, no network), makes the window as tall as the page and keeps a screenshot of it. */
    private static void open(Path report, String screenshot) throws IOException {
        browser.manage().logs().get(LogType.BROWSER);
        browser.get(report.toUri().toString());
        long height = (Long) ((JavascriptExecutor) browser).executeScript("return document.documentElement.scrollHeight");
        browser.manage().window().setSize(new Dimension(1280, (int) Math.min(height + 140, 6000)));
        Files.write(SCREENSHOTS.resolve(screenshot), browser.getScreenshotAs(OutputType.BYTES));
    }

    private static List<String> severeConsoleMessages() {
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream().filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage).toList();
    }

    /** The chart's SVG has lines or bars in it, and at least 3 % of its box is not white. */
    private static void assertDrawn(String chart) throws IOException {
        WebElement element = browser.findElement(By.id(chart));
        long shapes = (Long) ((JavascriptExecutor) browser).executeScript("return arguments[0].querySelectorAll('svg path').length", element);
        assertThat(shapes).as("SVG paths drawn in #%s", chart).isGreaterThan(10);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(element.getScreenshotAs(OutputType.BYTES)));
        assertThat(image.getWidth()).as(chart).isGreaterThan(600);
        assertThat(image.getHeight()).as(chart).isGreaterThan(200);
        long inked = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                if (((rgb >> 16) & 0xff) < 235 || ((rgb >> 8) & 0xff) < 235 || (rgb & 0xff) < 235) {
                    inked++;
                }
            }
        }
        // a scatter of a few dozen entries inks less than lines and bars: its points are counted instead (drawnPoints)
        double least = chart.equals("chart-paired") ? 0.02 : 0.03;
        assertThat((double) inked / ((long) image.getWidth() * image.getHeight())).as("share of #%s not white", chart).isGreaterThan(least);
    }

    private static long seriesCount(String chart) {
        return (Long) ((JavascriptExecutor) browser).executeScript(
                "return echarts.getInstanceByDom(document.getElementById(arguments[0])).getOption().series.length", chart);
    }
}
