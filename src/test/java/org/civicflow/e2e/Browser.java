package org.civicflow.e2e;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.civicflow.support.TestUsers;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One user's headless Chromium (Debian's {@code chromium} and {@code chromium-driver}), with a fresh profile so
 * sessions never mix, a Chinese browser language, and the Tasklist steps the browser tests share. Both paths are
 * given to Selenium, so Selenium Manager never looks for (or downloads) a driver or a browser.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of(System.getProperty("e2e.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("e2e.chromedriver", "/usr/bin/chromedriver"));
    static final Path SCREENSHOTS = Path.of(System.getProperty("e2e.screenshots", "target/e2e-screenshots"));

    /** Generous: the build machines are small and shared. */
    static final Duration TIMEOUT = Duration.ofSeconds(90);
    static final Duration FORM_DEBOUNCE = Duration.ofMillis(800);
    /** Longer than a login round trip and Camunda's first throttling delay after a failed attempt. */
    static final Duration LOGIN_RETRY = Duration.ofSeconds(5);

    private final String baseUrl;
    private final String user;
    private final Path profile;
    private final ChromeDriver driver;
    private final WebDriverWait wait;

    /**
     * Disables a browser test class when the browser is missing (a developer without chromium is not blocked),
     * before its Spring context starts; with {@code -De2e.requireBrowser=true} (CI, after installing it) a missing
     * browser fails the class instead.
     */
    static final class Installed implements ExecutionCondition {

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            String message = "Browser tests need Debian's headless Chromium: " + CHROMIUM + " and " + CHROMEDRIVER
                    + " (apt-get install chromium chromium-driver fonts-noto-cjk)";
            if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
                return ConditionEvaluationResult.enabled(message + ": found");
            }
            if (Boolean.getBoolean("e2e.requireBrowser")) {
                throw new IllegalStateException(message + " — missing, and e2e.requireBrowser is set");
            }
            return ConditionEvaluationResult.disabled(message + " — missing, browser tests skipped");
        }
    }

    static Browser open(String baseUrl, String user) {
        return new Browser(baseUrl, user);
    }

    private Browser(String baseUrl, String user) {
        this.baseUrl = baseUrl;
        this.user = user;
        try {
            this.profile = Files.createTempDirectory("civicflow-e2e-" + user + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--window-size=1400,1000", "--lang=zh-CN");
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "zh-CN,zh"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        this.driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(TIMEOUT);
        driver.manage().timeouts().scriptTimeout(TIMEOUT);
        this.wait = new WebDriverWait(driver, TIMEOUT, Duration.ofMillis(250));
    }

    String user() {
        return user;
    }

    WebDriver driver() {
        return driver;
    }

    void get(String path) {
        driver.get(baseUrl + path);
    }

    <T> T until(Function<WebDriver, T> condition) {
        return wait.until(condition);
    }

    WebElement visible(String css) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    WebElement clickable(String css) {
        return wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(css)));
    }

    void click(String css) {
        WebElement element = clickable(css);
        scrollIntoView(element);
        element.click();
    }

    /** Clicks the first visible element matching {@code css} whose text is {@code text} (names that are data). */
    void clickText(String css, String text) {
        clickText(css, text, false);
    }

    /** As {@link #clickText(String, String)}, or the first whose text starts with {@code text} (a filter's counter). */
    void clickText(String css, String text, boolean prefix) {
        WebElement element = wait.until(d -> d.findElements(By.cssSelector(css)).stream()
                .filter(e -> e.isDisplayed() && (prefix ? e.getText().trim().startsWith(text) : e.getText().trim().equals(text)))
                .findFirst().orElse(null));
        scrollIntoView(element);
        wait.until(ExpectedConditions.elementToBeClickable(element)).click();
    }

    /** Types into a form-js field, found by the generated id's ending {@code -<field id>}. */
    void type(String fieldId, String value) {
        By field = By.cssSelector("input[id$='-" + fieldId + "'], textarea[id$='-" + fieldId + "']");
        int[] attempts = {0};
        wait.until(d -> {
            WebElement input = wait.until(ExpectedConditions.elementToBeClickable(field));
            if (value.equals(input.getDomProperty("value"))) {
                // still there one polling interval after leaving the field: form-js has taken it
                return true;
            }
            if (attempts[0]++ > 0) {
                System.out.printf("[e2e] %s: %s lost its value, typing it again%n", user, fieldId);
            }
            scrollIntoView(input);
            input.clear();
            input.sendKeys(value);
            // leave the field, which flushes form-js's debounced input (no TAB: that would open a following select)
            ((JavascriptExecutor) d).executeScript("arguments[0].blur();", input);
            return false;
        });
    }

    /**
     * form-js applies typed text to its form state after a short debounce; a submit right after the last keystroke
     * would send the field empty ("Field is required."). The one fixed pause of these tests, just longer than it.
     */
    void letFormSettle() {
        try {
            Thread.sleep(FORM_DEBOUNCE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Picks an option of a form-js select (a custom dropdown, not a {@code <select>}) by its label's start. */
    void choose(String fieldId, String labelStart) {
        if (driver.findElements(By.cssSelector(".fjs-dropdownlist-item")).stream().noneMatch(WebElement::isDisplayed)) {
            click("[id$='-" + fieldId + "-display']");
        }
        WebElement option = wait.until(d -> d.findElements(By.cssSelector(".fjs-dropdownlist-item")).stream()
                .filter(e -> e.isDisplayed() && e.getText().trim().startsWith(labelStart)).findFirst().orElse(null));
        // the list scrolls inside its own box
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'nearest'});", option);
        wait.until(ExpectedConditions.elementToBeClickable(option)).click();
        wait.until(d -> d.findElement(By.cssSelector("[id$='-" + fieldId + "-display']")).getText().startsWith(labelStart));
    }

    String value(String fieldId) {
        return visible("input[id$='-" + fieldId + "'], textarea[id$='-" + fieldId + "']").getDomProperty("value");
    }

    void scrollIntoView(WebElement element) {
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
    }

    /**
     * Logs into Tasklist (the login form has no ids: Angular model names) and waits for the filters. The login view
     * can be rendered again while it is typed into (Angular settles the route after the page loads), which leaves the
     * fields empty and the submit button disabled; so the form is filled and submitted until it is gone, each field
     * re-checked before a submit, and a submit repeated at most every few seconds (Camunda's login throttling delays
     * a user after a failed attempt). Every repeat and the page's notice are logged to explain a slow login.
     */
    void logIntoTasklist() {
        get("/camunda/app/tasklist/default/");
        By form = By.cssSelector("form[name=signinForm]");
        long[] lastSubmit = {0};
        int[] submits = {0};
        new WebDriverWait(driver, TIMEOUT, Duration.ofMillis(250))
                .ignoring(StaleElementReferenceException.class)
                .until(d -> {
                    List<WebElement> forms = d.findElements(form);
                    if (forms.isEmpty() || !forms.get(0).isDisplayed()) {
                        return submits[0] > 0;
                    }
                    if (System.currentTimeMillis() - lastSubmit[0] < LOGIN_RETRY.toMillis()) {
                        return false;
                    }
                    fill(forms.get(0).findElement(By.cssSelector("input[ng-model=username]")), user);
                    fill(forms.get(0).findElement(By.cssSelector("input[ng-model=password]")), TestUsers.PASSWORD);
                    WebElement submit = forms.get(0).findElement(By.cssSelector("button[type=submit]"));
                    if (!submit.isEnabled()) {
                        return false;
                    }
                    if (submits[0] > 0) {
                        System.out.printf("[e2e] %s: still on the login form (notice: \"%s\"), submitting again%n",
                                user, notices(d));
                    }
                    submit.click();
                    submits[0]++;
                    lastSubmit[0] = System.currentTimeMillis();
                    return false;
                });
        visible(".start-process-action a");
        taskListLoaded();
    }

    private static void fill(WebElement input, String value) {
        if (!value.equals(input.getDomProperty("value"))) {
            input.clear();
            input.sendKeys(value);
        }
    }

    private static String notices(WebDriver d) {
        return d.findElements(By.cssSelector(".notifications .alert, .notification")).stream()
                .map(WebElement::getText).map(String::trim).filter(t -> !t.isEmpty())
                .collect(Collectors.joining(" | "));
    }

    /** The focused filter shows its count (a number; the brackets are CSS) once its task list has loaded. */
    void taskListLoaded() {
        wait.until(d -> d.findElements(By.cssSelector(".task-filter.active .counter")).stream()
                .anyMatch(counter -> counter.getText().trim().matches("\\d+")));
    }

    /** Focuses a Tasklist filter by its name (our filters' names, data rather than UI labels). */
    void filter(String name) {
        clickText(".task-filter h4.name a", name, true);
        wait.until(d -> d.findElements(By.cssSelector(".task-filter.active")).stream()
                .anyMatch(e -> e.getText().contains(name)));
        taskListLoaded();
    }

    /** Opens the task named {@code name} in the focused filter's list and waits for its form. */
    void openTask(String name, String firstFieldId) {
        clickText("ol.tasks-list li.task h4.task a", name);
        visible("[id$='-" + firstFieldId + "']");
    }

    /** Claims the open task if it is nobody's yet (group tasks), then waits until its form is editable. */
    void claimIfUnassigned(String editableFieldId) {
        List<WebElement> claim = driver.findElements(By.cssSelector("button.claim"));
        if (!claim.isEmpty() && claim.get(0).isDisplayed()) {
            click("button.claim");
            wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("button.claim")));
        }
        clickable("input[id$='-" + editableFieldId + "'], textarea[id$='-" + editableFieldId + "']");
    }

    void completeTask() {
        letFormSettle();
        click(".form-actions button[ng-click='complete()']");
    }

    String bodyText() {
        return driver.findElement(By.tagName("body")).getText();
    }

    /** A PNG of the window under target/e2e-screenshots/; {@code fullPage} grows the window to the page first. */
    Path screenshot(String name, boolean fullPage) {
        Dimension size = driver.manage().window().getSize();
        try {
            if (fullPage) {
                Number height = (Number) ((JavascriptExecutor) driver).executeScript(
                        "return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight);");
                driver.manage().window().setSize(new Dimension(size.getWidth(), Math.min(height.intValue() + 200, 12000)));
            }
            File png = driver.getScreenshotAs(OutputType.FILE);
            Files.createDirectories(SCREENSHOTS);
            Path target = SCREENSHOTS.resolve(name + ".png");
            Files.copy(png.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (fullPage) {
                driver.manage().window().setSize(size);
            }
        }
    }

    Path screenshot(String name) {
        return screenshot(name, false);
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteQuietly(profile);
        }
    }

    private static void deleteQuietly(Path directory) {
        try (var paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // a temporary profile left behind is harmless
        }
    }
}
