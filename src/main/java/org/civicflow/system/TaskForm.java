package org.civicflow.system;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a user task's Camunda Form lets its user send: the fields with a key, each editable or read-only, with the
 * checks form-js itself applies in the browser (required, min/max, length, pattern, the options of a select). The
 * variable guard holds every task request to it, so a request can set only what the form offers, whatever client
 * sends it. A field whose custom property {@code transient} is {@code "true"} is submitted as a transient variable:
 * a listener records it in the business data and the engine never stores it (reviews, the committee, the
 * evaluation: confidential until their phase ends, and readable by whoever may read the instance's history).
 */
record TaskForm(Map<String, Field> fields) {

    /** A task without a form: its user may send nothing. */
    static final TaskForm NONE = new TaskForm(Map.of());

    /** Component types that hold no value (form-js 1.8). */
    private static final Set<String> WITHOUT_VALUE = Set.of("text", "html", "image", "button", "spacer", "separator",
            "iframe", "table", "group", "default");

    /**
     * One field.
     *
     * @param options   the values a select or radio offers, empty when any value is allowed (or they are dynamic)
     * @param integral  a number field without decimals
     */
    record Field(String key, String type, boolean readonly, boolean required, BigDecimal min, BigDecimal max,
                 Integer minLength, Integer maxLength, Pattern pattern, Set<String> options, boolean integral,
                 boolean transientValue) {

        /** What is wrong with an editable field's value (as Camunda's REST API converted it), or null. */
        String problem(Object value) {
            if (value == null || value instanceof String text && text.isEmpty()) {
                return required ? "必填" : null;
            }
            return switch (type) {
                case "number" -> numberProblem(value);
                case "checkbox" -> value instanceof Boolean ? null : "须为是或否";
                case "checklist", "taglist" -> null;
                default -> textProblem(value);
            };
        }

        private String numberProblem(Object value) {
            if (!(value instanceof Number number)) {
                return "须为数字";
            }
            BigDecimal decimal;
            try {
                decimal = new BigDecimal(number.toString());
            } catch (NumberFormatException e) {
                return "须为有限的数字";
            }
            if (integral && decimal.stripTrailingZeros().scale() > 0) {
                return "须为整数";
            }
            if (min != null && decimal.compareTo(min) < 0) {
                return "不能小于" + min.toPlainString();
            }
            if (max != null && decimal.compareTo(max) > 0) {
                return "不能大于" + max.toPlainString();
            }
            return null;
        }

        private String textProblem(Object value) {
            if (!(value instanceof String text)) {
                return "须为文本";
            }
            if (!options.isEmpty() && !options.contains(text)) {
                return "不是可选的值";
            }
            int length = text.codePointCount(0, text.length());
            if (minLength != null && length < minLength) {
                return "不能少于" + minLength + "个字符";
            }
            if (maxLength != null && length > maxLength) {
                return "不能超过" + maxLength + "个字符";
            }
            if (pattern != null && !pattern.matcher(text).find()) {
                return "格式不正确";
            }
            return null;
        }
    }

    Field field(String key) {
        return fields.get(key);
    }

    /** The form's fields, from its JSON (the schema Camunda Modeler writes). */
    static TaskForm parse(JsonNode form) {
        Map<String, Field> fields = new LinkedHashMap<>();
        collect(form.path("components"), fields);
        return new TaskForm(Collections.unmodifiableMap(fields));
    }

    private static void collect(JsonNode components, Map<String, Field> fields) {
        for (JsonNode component : components) {
            String type = component.path("type").asText("");
            if (component.has("components")) {
                collect(component.path("components"), fields);
            }
            String key = component.path("key").asText("");
            // a disabled field is never submitted by form-js
            if (key.isEmpty() || WITHOUT_VALUE.contains(type) || component.path("disabled").asBoolean(false)) {
                continue;
            }
            JsonNode readonly = component.path("readonly");
            JsonNode validate = component.path("validate");
            // an expression ("=…") may make the field read-only: it is treated as read-only, the stricter reading
            boolean isReadonly = readonly.asBoolean(false) || readonly.isTextual() && !readonly.asText().equals("false");
            fields.put(key, new Field(key, type, isReadonly, validate.path("required").asBoolean(false),
                    decimal(validate.path("min")), decimal(validate.path("max")), integer(validate.path("minLength")),
                    integer(validate.path("maxLength")), pattern(validate.path("pattern")), options(component),
                    component.path("decimalDigits").isInt() && component.path("decimalDigits").asInt() == 0,
                    component.path("properties").path("transient").asText("").equals("true")));
        }
    }

    private static BigDecimal decimal(JsonNode node) {
        return node.isNumber() ? node.decimalValue() : null;
    }

    private static Integer integer(JsonNode node) {
        return node.canConvertToInt() && node.isNumber() ? node.asInt() : null;
    }

    private static Pattern pattern(JsonNode node) {
        if (!node.isTextual() || node.asText().isEmpty()) {
            return null;
        }
        try {
            // form-js tests it as a JavaScript RegExp (a match anywhere unless anchored): find(), not matches()
            return Pattern.compile(node.asText());
        } catch (PatternSyntaxException e) {
            throw new IllegalStateException("表单字段的格式规则无效：" + node.asText(), e);
        }
    }

    private static Set<String> options(JsonNode component) {
        JsonNode values = component.path("values");
        if (!values.isArray()) {
            return Set.of();
        }
        Set<String> options = new LinkedHashSet<>();
        for (JsonNode value : values) {
            options.add(value.path("value").asText());
        }
        return Collections.unmodifiableSet(options);
    }

    /** The keys of the fields marked transient, in form order. */
    List<String> transientKeys() {
        List<String> keys = new ArrayList<>();
        fields.values().stream().filter(Field::transientValue).forEach(f -> keys.add(f.key()));
        return keys;
    }
}
