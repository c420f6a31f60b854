package dev.wayfinder.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium driven through the system's {@code chromedriver} (both from {@code
 * scripts/install-test-deps.sh}), with a throw-away profile. The driver and browser are named
 * explicitly, so Selenium Manager never looks for (or downloads) either; the browser is kept from
 * calling out (no sync, component updates or background networking). Close it to quit the browser
 * and delete the profile.
 */
final class HeadlessChromium implements AutoCloseable {
  static final Path BROWSER = Path.of("/usr/bin/chromium");
  static final Path DRIVER = Path.of("/usr/bin/chromedriver");

  private final ChromeDriver driver;
  private final Path profile;

  private HeadlessChromium(ChromeDriver driver, Path profile) {
    this.driver = driver;
    this.profile = profile;
  }

  /** Whether Debian's {@code chromium} and {@code chromium-driver} are installed. */
  static boolean installed() {
    return Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER);
  }

  /** Starts a browser whose window (and so viewport) is {@code width} by {@code height}. */
  static HeadlessChromium start(int width, int height) throws IOException {
    System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, DRIVER.toString());
    Path profile = Files.createTempDirectory("wayfinder-chromium");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(BROWSER.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        "--window-size=" + width + "," + height,
        "--user-data-dir=" + profile);
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).build();
    try {
      ChromeDriver driver = new ChromeDriver(service, options);
      driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(20));
      driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
      return new HeadlessChromium(driver, profile);
    } catch (RuntimeException e) {
      service.stop();
      deleteTree(profile);
      throw e;
    }
  }

  ChromeDriver driver() {
    return driver;
  }

  /** Runs {@code script} in the page and returns what it returns. */
  Object script(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  /**
   * The viewport as a phone shows it: {@code width} by {@code height} CSS pixels, mobile (the
   * page's {@code viewport} meta applies), one device pixel per CSS pixel.
   */
  void emulatePhone(int width, int height) {
    driver.executeCdpCommand(
        "Emulation.setDeviceMetricsOverride",
        Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", true));
  }

  /** Back to the window's own viewport after {@link #emulatePhone}. */
  void stopEmulating() {
    driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
  }

  /** A PNG of the whole page, not only what the viewport shows, written to {@code file}. */
  void screenshot(Path file) throws IOException {
    @SuppressWarnings("unchecked")
    Map<String, Number> size =
        (Map<String, Number>)
            driver.executeCdpCommand("Page.getLayoutMetrics", Map.of()).get("cssContentSize");
    Map<String, Object> clip =
        Map.of(
            "x", 0, "y", 0, "width", size.get("width"), "height", size.get("height"), "scale", 1);
    Map<String, Object> shot =
        driver.executeCdpCommand(
            "Page.captureScreenshot",
            Map.of("format", "png", "captureBeyondViewport", true, "clip", clip));
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.write(file, Base64.getDecoder().decode((String) shot.get("data")));
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      deleteTree(profile);
    }
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
