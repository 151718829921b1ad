package io.modelfleet.dashboard;

import io.modelfleet.testing.RequiredPrograms;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.json.Json;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through /usr/bin/chromedriver (both installed when missing, see
 * RequiredPrograms), with every console message and every network request kept so tests can assert on them.
 * Nothing here reaches the network: the browser's background services are off and Selenium Manager is not used
 * (the driver executable is given).
 */
final class Browser implements AutoCloseable {

    static final Path SCREENSHOTS = Path.of("target", "dashboard");
    private static final int WIDTH = 1400;
    private static final int HEIGHT = 1000;
    private static final int MAX_SHOT_HEIGHT = 2000;

    final ChromeDriver driver;
    private final List<LogEntry> console = new ArrayList<>();
    private final List<String> requestedUrls = new ArrayList<>();

    Browser() {
        RequiredPrograms.ensure("chromium", "chromium");
        RequiredPrograms.ensure("chromedriver", "chromium-driver");
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-extensions", "--window-size=" + WIDTH + "," + HEIGHT);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        logs.enable(LogType.PERFORMANCE, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(executable("chromedriver"))).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
    }

    WebDriverWait waiting() {
        return new WebDriverWait(driver, Duration.ofSeconds(15), Duration.ofMillis(100));
    }

    /** Every console message since the browser started. */
    List<LogEntry> console() {
        console.addAll(driver.manage().logs().get(LogType.BROWSER).getAll());
        return List.copyOf(console);
    }

    /** Every URL the browser requested since it started (from Chrome's network log). */
    List<String> requestedUrls() {
        for (LogEntry entry : driver.manage().logs().get(LogType.PERFORMANCE).getAll()) {
            String message = entry.getMessage();
            if (message.contains("\"Network.requestWillBeSent\"")) {
                Map<?, ?> json = new Json().toType(message, Map.class);
                Map<?, ?> params = (Map<?, ?>) ((Map<?, ?>) json.get("message")).get("params");
                Object url = ((Map<?, ?>) params.get("request")).get("url");
                requestedUrls.add(String.valueOf(url));
            }
        }
        return List.copyOf(requestedUrls);
    }

    /** The whole page down to {@link #MAX_SHOT_HEIGHT} pixels: the window grows for the shot, then shrinks back. */
    void screenshot(String name) {
        long height = ((Number) driver.executeScript("return document.documentElement.scrollHeight")).longValue();
        driver.manage().window().setSize(new Dimension(WIDTH, (int) Math.min(Math.max(height, HEIGHT),
                MAX_SHOT_HEIGHT)));
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            driver.manage().window().setSize(new Dimension(WIDTH, HEIGHT));
        }
    }

    @Override
    public void close() {
        driver.quit();
    }

    private static String executable(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            File f = new File(dir, program);
            if (!dir.isEmpty() && f.canExecute()) {
                return f.getAbsolutePath();
            }
        }
        throw new IllegalStateException(program + " is not on the PATH");
    }
}
