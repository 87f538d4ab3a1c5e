package org.civicflow.system;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads a JSON request body field by field and collects every violation, so that one 400 names
 * all bad fields at once (Jackson binding would stop at the first). Unknown fields are refused too:
 * a misspelt field must not be silently ignored.
 */
public final class JsonInput {

    /** The largest amount the amount columns hold: numeric(19, 2) in every Flyway migration. */
    static final BigDecimal AMOUNT_COLUMN_MAX = new BigDecimal("99999999999999999.99");

    private final JsonNode body;
    private final List<FieldViolation> violations = new ArrayList<>();
    private final Set<String> read = new LinkedHashSet<>();

    private JsonInput(JsonNode body) {
        this.body = body;
    }

    public static JsonInput of(JsonNode body) {
        JsonInput input = new JsonInput(body);
        if (body == null || !body.isObject()) {
            input.reject("body", "请求体必须是JSON对象");
        }
        return input;
    }

    public String requiredText(String field, int maxLength) {
        boolean present = isPresent(field);
        int before = violations.size();
        String value = optionalText(field, maxLength);
        if (value == null && violations.size() == before) {
            reject(field, present ? "不能为空" : "必填");
        }
        return value;
    }

    /** @return the trimmed text, or null when absent, null or blank */
    public String optionalText(String field, int maxLength) {
        JsonNode node = field(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            return reject(field, "必须是文本");
        }
        String value = node.asText().strip();
        if (value.length() > maxLength) {
            return reject(field, "长度不能超过" + maxLength + "个字符");
        }
        String problem = TextRules.problem(value);
        if (problem != null) {
            return reject(field, problem);
        }
        return value.isEmpty() ? null : value;
    }

    public Boolean requiredBoolean(String field) {
        JsonNode node = field(field);
        if (node == null || node.isNull()) {
            return reject(field, "必填（true 或 false）");
        }
        if (!node.isBoolean()) {
            return reject(field, "必须是 true 或 false");
        }
        return node.booleanValue();
    }

    public boolean optionalBoolean(String field, boolean defaultValue) {
        JsonNode node = field(field);
        if (node == null || node.isNull()) {
            return defaultValue;
        }
        if (!node.isBoolean()) {
            reject(field, "必须是 true 或 false");
            return defaultValue;
        }
        return node.booleanValue();
    }

    public Integer requiredInt(String field, int min, int max) {
        if (!isPresent(field)) {
            return reject(field, "必填（" + min + "—" + max + "之间的整数）");
        }
        return optionalInt(field, min, max);
    }

    public Integer optionalInt(String field, int min, int max) {
        JsonNode node = field(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            return reject(field, "必须是整数");
        }
        int value = node.intValue();
        if (value < min || value > max) {
            return reject(field, "必须在" + min + "到" + max + "之间");
        }
        return value;
    }

    /** Money in yuan, from 0 to {@code max} (and never over what the amount columns hold), at most two decimals. */
    public BigDecimal requiredAmount(String field, BigDecimal max) {
        JsonNode node = field(field);
        if (node == null || node.isNull()) {
            return reject(field, "必填（金额，单位：元）");
        }
        if (!node.isNumber()) {
            return reject(field, "必须是数字（金额，单位：元）");
        }
        // a body read as doubles (not by JsonBodyConverter) turns 1e400 into Infinity, which has no decimal value
        if ((node.isDouble() || node.isFloat()) && !Double.isFinite(node.doubleValue())) {
            return reject(field, "必须是有限的数字（金额，单位：元）");
        }
        BigDecimal limit = max.min(AMOUNT_COLUMN_MAX);
        BigDecimal value = node.decimalValue();
        if (value.signum() < 0 || value.compareTo(limit) > 0) {
            return reject(field, "必须在0到" + limit.toPlainString() + "元之间");
        }
        if (value.stripTrailingZeros().scale() > 2) {
            return reject(field, "最多保留两位小数（分）");
        }
        return value.setScale(2, RoundingMode.UNNECESSARY);
    }

    public <E extends Enum<E>> E requiredEnum(String field, Class<E> type) {
        if (!isPresent(field)) {
            return reject(field, "必填，取值：" + choices(type));
        }
        return optionalEnum(field, type);
    }

    public <E extends Enum<E>> E optionalEnum(String field, Class<E> type) {
        JsonNode node = field(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isTextual()) {
            for (E constant : type.getEnumConstants()) {
                if (constant.name().equals(node.asText())) {
                    return constant;
                }
            }
        }
        return reject(field, "取值必须是以下之一：" + choices(type));
    }

    public LocalDate requiredDate(String field) {
        JsonNode node = field(field);
        if (node == null || node.isNull()) {
            return reject(field, "必填（日期，格式 YYYY-MM-DD）");
        }
        if (!node.isTextual()) {
            return reject(field, "必须是日期文本，格式 YYYY-MM-DD");
        }
        try {
            return LocalDate.parse(node.asText());
        } catch (DateTimeParseException e) {
            return reject(field, "日期格式必须是 YYYY-MM-DD");
        }
    }

    /** Records a violation found by the caller's own checks. Returns null for use in expressions. */
    public <T> T reject(String field, String message) {
        violations.add(new FieldViolation(field, message));
        return null;
    }

    public boolean hasViolation(String field) {
        return violations.stream().anyMatch(v -> v.field().equals(field));
    }

    /** Refuses unknown fields and throws if anything was rejected. */
    public void validate() {
        if (body != null && body.isObject()) {
            Iterator<String> names = body.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                if (!read.contains(name)) {
                    // the name is echoed in the problem: a lone surrogate there would be invalid Unicode again
                    reject(TextRules.printable(name), "未知字段");
                }
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
    }

    private boolean isPresent(String field) {
        JsonNode node = field(field);
        return node != null && !node.isNull();
    }

    private JsonNode field(String field) {
        read.add(field);
        return body == null || !body.isObject() ? null : body.get(field);
    }

    private static <E extends Enum<E>> String choices(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(" | "));
    }
}
