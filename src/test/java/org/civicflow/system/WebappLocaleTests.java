package org.civicflow.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.civicflow.support.Api;
import org.civicflow.support.CivicFlowTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The webapps speak Chinese: our zh.json locales (beside the webjar's en.json and de.json) are served,
 * each app's config.js makes zh the first locale and the fallback, and every zh.json has exactly the keys
 * and placeholders of the English one in the webjar (src/tools/webapp_locales.py checks the same).
 */
@CivicFlowTest
class WebappLocaleTests {

    static final String LOCATION = "META-INF/resources/webjars/camunda/app/%s/locales/%s.json";
    /** Replaced by our own neutral text: the header always shows the banner's red bar, even when empty. */
    static final String BANNER = "BANNER_CE_EOL_TEXT";
    static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([^}]*?)\\s*}}|\\{}|%[ds]|</?[a-zA-Z][^>]*>");
    static final Pattern CHINESE = Pattern.compile("\\p{IsHan}");
    static final Pattern WORD = Pattern.compile("[A-Za-z]{3}");

    @Autowired
    Api api;

    private final ObjectMapper json = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {"tasklist", "cockpit", "admin", "welcome"})
    void chineseIsServedAndIsTheDefault(String app) {
        Api.Response locale = api.anonymous().get("/camunda/app/" + app + "/locales/zh.json");
        assertThat(locale.status()).isEqualTo(200);
        JsonNode labels = locale.json().path("labels");
        assertThat(labels.path("PAGE_LOGIN_PASSWORD").asText()).isEqualTo("密码");
        assertThat(labels.path(BANNER).asText()).contains("政府购买社会工作服务").doesNotContain("Camunda 8");

        Api.Response config = api.anonymous().get("/camunda/app/" + app + "/scripts/config.js");
        assertThat(config.status()).isEqualTo(200);
        assertThat(config.body())
                .contains("export default {")
                .contains("availableLocales: ['zh', 'en']")
                .contains("fallbackLocale: 'zh'");
        // English is still there to choose
        assertThat(api.anonymous().get("/camunda/app/" + app + "/locales/en.json").status()).isEqualTo(200);
    }

    @Test
    void tasklistScreensAreInChinese() {
        JsonNode tasklist = api.anonymous().get("/camunda/app/tasklist/locales/zh.json").json();
        assertThat(tasklist.path("labels").path("CLAIM_TASK").asText()).isEqualTo("认领");
        assertThat(tasklist.path("labels").path("START_PROCESS").asText()).isEqualTo("发起流程");
        assertThat(tasklist.path("dateLocales").path("months").get(0).asText()).isEqualTo("一月");
        // every Tasklist label, but for the brand and the values shown for null and undefined
        Set<String> notWords = Set.of("APP_VENDOR", "CAM_WIDGET_VARIABLES_TABLE_NULL", "CAM_WIDGET_VARIABLE_NULL",
                "CAM_WIDGET_VARIABLE_UNDEFINED");
        assertThat(untranslated(tasklist.path("labels"))).isSubsetOf(notWords);
        // Admin completely too, but for the product name of Optimize
        JsonNode admin = api.anonymous().get("/camunda/app/admin/locales/zh.json").json();
        Set<String> adminNotWords = new TreeSet<>(notWords);
        adminNotWords.add("AUTHORIZATION_OPTIMIZE");
        assertThat(untranslated(admin.path("labels"))).isSubsetOf(adminNotWords);
        // Cockpit: navigation, dashboard, processes, instances, decisions, deployments
        JsonNode cockpit = api.anonymous().get("/camunda/app/cockpit/locales/zh.json").json().path("labels");
        for (String key : List.of("COCKPIT_PROCESSES", "COCKPIT_DECISIONS", "COCKPIT_DEPLOYMENTS", "COCKPIT_HUMAN_TASKS",
                "DASHBOARD_RUNNING_PROCESS_INSTANCE", "DASHBOARD_OPEN_INCIDENTS", "PLUGIN_PROCESS_INSTANCES_LABEL",
                "PLUGIN_INCIDENTS_LABEL", "PLUGIN_DECISION_TABLE_NO_DECISION_TABLES_DEPLOYED",
                "REPOSITORY_DEPLOYMENTS_DEPLOYMENT_TIME", "PROCESS_INSTANCE_BUSINESS_KEY", "PAGE_LOGIN_SIGN_IN_ACTION",
                "CAM_WIDGET_HEADER_SIGN_OUT")) {
            assertThat(cockpit.path(key).asText()).as(key).containsPattern(CHINESE);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tasklist", "cockpit", "admin", "welcome"})
    void chineseHasTheKeysAndPlaceholdersOfTheWebjarsEnglish(String app) {
        URL english = resource(app, "en");
        assertThat(english.toString()).as("en.json comes from the webjar").contains("camunda-webapp-webjar");
        JsonNode en = read(english);
        JsonNode zh = read(resource(app, "zh"));

        Map<String, String> enTexts = texts(en);
        Map<String, String> zhTexts = texts(zh);
        assertThat(zhTexts.keySet()).isEqualTo(enTexts.keySet());
        if (en.has("labels")) {
            assertThat(enTexts.keySet()).anyMatch(path -> path.startsWith("/labels/"));
        }
        List<String> changed = new ArrayList<>();
        enTexts.forEach((path, text) -> {
            if (!path.endsWith("/" + BANNER) && !placeholders(text).equals(placeholders(zhTexts.get(path)))) {
                changed.add(path + ": " + text + " → " + zhTexts.get(path));
            }
        });
        assertThat(changed).isEmpty();
    }

    private static Set<String> untranslated(JsonNode labels) {
        Set<String> keys = new TreeSet<>();
        labels.properties().forEach(label -> {
            String text = label.getValue().asText();
            // "ID", "<", "" need no translation
            if (!CHINESE.matcher(text).find() && WORD.matcher(text).find()) {
                keys.add(label.getKey());
            }
        });
        return keys;
    }

    /** Every leaf by its JSON pointer; numbers and booleans as their text. */
    private static Map<String, String> texts(JsonNode node) {
        Map<String, String> texts = new TreeMap<>();
        collect(node, "", texts);
        return texts;
    }

    private static void collect(JsonNode node, String path, Map<String, String> texts) {
        if (node.isObject()) {
            node.properties().forEach(field -> collect(field.getValue(), path + "/" + field.getKey(), texts));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collect(node.get(i), path + "/" + i, texts);
            }
        } else {
            texts.put(path, node.asText());
        }
    }

    private static List<String> placeholders(String text) {
        List<String> found = new ArrayList<>();
        Matcher matcher = PLACEHOLDER.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group(1) != null ? "{{" + matcher.group(1) + "}}" : matcher.group().replaceAll("\\s+", ""));
        }
        Collections.sort(found);
        return found;
    }

    private static URL resource(String app, String language) {
        URL url = WebappLocaleTests.class.getClassLoader().getResource(LOCATION.formatted(app, language));
        assertThat(url).as(LOCATION.formatted(app, language)).isNotNull();
        return url;
    }

    private JsonNode read(URL url) {
        // the webjar's files start with a byte order mark, which Jackson skips when reading bytes
        try (InputStream in = url.openStream()) {
            return json.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
