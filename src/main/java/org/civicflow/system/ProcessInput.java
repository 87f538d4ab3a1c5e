package org.civicflow.system;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.BadUserRequestException;

/**
 * Reads process variables as Tasklist and REST clients send them (Tasklist sends whole numbers as
 * Integer, dates as strings; REST clients may send Long, Double or strings) and collects every
 * violation. {@link #validate()} throws a {@link BadUserRequestException} — HTTP 400 on the engine
 * REST API — naming each field, and the engine rolls back: nothing is half-written.
 */
public final class ProcessInput {

    /** Thrown for bad process input: every field with its message. */
    public static class InvalidProcessInputException extends BadUserRequestException {

        private final List<FieldViolation> violations;

        InvalidProcessInputException(List<FieldViolation> violations) {
            super("请求数据有误：" + String.join("；",
                    violations.stream().map(v -> v.field() + "：" + v.message()).toList()));
            this.violations = List.copyOf(violations);
        }

        public List<FieldViolation> violations() {
            return violations;
        }
    }

    /** Deadlines outside this range are typing errors (and overflow timers and database columns). */
    private static final Instant EARLIEST = Instant.parse("1999-12-31T16:00:00Z");
    private static final Instant LATEST = Instant.parse("2099-12-31T16:00:00Z");

    private final Map<String, Object> variables;
    private final List<FieldViolation> violations = new ArrayList<>();

    private ProcessInput(Map<String, Object> variables) {
        this.variables = variables;
    }

    public static ProcessInput of(Map<String, Object> variables) {
        return new ProcessInput(variables);
    }

    public String requiredText(String name, int maxLength) {
        String value = optionalText(name, maxLength);
        if (value == null && !hasViolation(name)) {
            reject(name, "必填");
        }
        return value;
    }

    public String optionalText(String name, int maxLength) {
        Object value = variables.get(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String text)) {
            return reject(name, "必须是文本");
        }
        String stripped = text.strip();
        if (stripped.length() > maxLength) {
            return reject(name, "长度不能超过" + maxLength + "个字符");
        }
        String problem = TextRules.problem(stripped);
        if (problem != null) {
            return reject(name, problem);
        }
        return stripped.isEmpty() ? null : stripped;
    }

    public Integer requiredInt(String name, int min, int max) {
        if (variables.get(name) == null || "".equals(variables.get(name))) {
            return reject(name, "必填（" + min + "—" + max + "之间的整数）");
        }
        return optionalInt(name, min, max, null);
    }

    public Integer optionalInt(String name, int min, int max, Integer defaultValue) {
        Object value = variables.get(name);
        if (value == null || "".equals(value)) {
            return defaultValue;
        }
        BigDecimal number = number(value);
        if (number == null || number.stripTrailingZeros().scale() > 0) {
            return reject(name, "必须是整数");
        }
        if (number.compareTo(BigDecimal.valueOf(min)) < 0 || number.compareTo(BigDecimal.valueOf(max)) > 0) {
            return reject(name, "必须在" + min + "到" + max + "之间");
        }
        return number.intValueExact();
    }

    /** Money in yuan, at most two decimals. */
    public BigDecimal requiredAmount(String name, BigDecimal max) {
        Object value = variables.get(name);
        if (value == null || "".equals(value)) {
            return reject(name, "必填（金额，单位：元）");
        }
        BigDecimal number = number(value);
        if (number == null) {
            return reject(name, "必须是数字（金额，单位：元）");
        }
        if (number.signum() < 0 || number.compareTo(max) > 0) {
            return reject(name, "必须在0到" + max.toPlainString() + "元之间");
        }
        if (number.stripTrailingZeros().scale() > 2) {
            return reject(name, "最多保留两位小数（分）");
        }
        return number.setScale(2);
    }

    /** A number from 0 to max with at most {@code decimals} decimals (a score, hours); null when absent. */
    public BigDecimal optionalDecimal(String name, BigDecimal max, int decimals) {
        Object value = variables.get(name);
        if (value == null || "".equals(value)) {
            return null;
        }
        BigDecimal number = number(value);
        if (number == null) {
            return reject(name, "必须是数字");
        }
        if (number.signum() < 0 || number.compareTo(max) > 0) {
            return reject(name, "必须在0到" + max.toPlainString() + "之间");
        }
        if (number.stripTrailingZeros().scale() > decimals) {
            return reject(name, decimals == 0 ? "必须是整数" : "最多保留" + decimals + "位小数");
        }
        return number.setScale(decimals, java.math.RoundingMode.UNNECESSARY);
    }

    public BigDecimal requiredDecimal(String name, BigDecimal max, int decimals) {
        Object value = variables.get(name);
        if (value == null || "".equals(value)) {
            return reject(name, "必填（0到" + max.toPlainString() + "之间的数字）");
        }
        return optionalDecimal(name, max, decimals);
    }

    public Boolean requiredBoolean(String name) {
        if (variables.get(name) == null) {
            return reject(name, "必填（是或否）");
        }
        return optionalBoolean(name, false);
    }

    public boolean optionalBoolean(String name, boolean defaultValue) {
        Object value = variables.get(name);
        if (value == null) {
            return defaultValue;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        if ("true".equals(value)) {
            return true;
        }
        if ("false".equals(value)) {
            return false;
        }
        reject(name, "必须是 true 或 false");
        return defaultValue;
    }

    /** A deadline: ISO-8601 with offset, a local date-time in Asia/Shanghai, a date (its end) or a Date. */
    public Instant optionalDeadline(String name) {
        Object value = variables.get(name);
        if (value == null || "".equals(value)) {
            return null;
        }
        Instant instant = ShanghaiTime.parseDeadline(value).orElse(null);
        if (instant == null) {
            return reject(name, "日期时间格式必须是 ISO-8601，例如 2020-02-08T00:00:00+08:00 或 2020-02-07");
        }
        if (instant.isBefore(EARLIEST) || !instant.isBefore(LATEST)) {
            return reject(name, "日期须在2000年至2099年之间");
        }
        return instant;
    }

    /** A comma-separated list (Chinese commas and spaces allowed); empty when absent. */
    public List<String> list(String name, int maxLength) {
        String text = optionalText(name, maxLength);
        if (text == null) {
            return List.of();
        }
        return Arrays.stream(text.split("[,，、\\s]+")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** A comma-separated list of numeric ids. */
    public List<Long> idList(String name, int maxLength) {
        List<Long> ids = new ArrayList<>();
        for (String item : list(name, maxLength)) {
            try {
                ids.add(Long.parseLong(item));
            } catch (NumberFormatException e) {
                reject(name, "必须是以逗号分隔的编号，“" + item + "”不是编号");
                return List.of();
            }
        }
        return ids;
    }

    public <T> T reject(String name, String message) {
        violations.add(new FieldViolation(name, message));
        return null;
    }

    public boolean hasViolation(String name) {
        return violations.stream().anyMatch(v -> v.field().equals(name));
    }

    public void validate() {
        if (!violations.isEmpty()) {
            throw new InvalidProcessInputException(violations);
        }
    }

    private static BigDecimal number(Object value) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            return BigDecimal.valueOf(((Number) value).longValue());
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            return Double.isFinite(d) ? BigDecimal.valueOf(d) : null;
        }
        if (value instanceof BigDecimal decimal) {
            return decimal;
        }
        if (value instanceof String text) {
            try {
                return new BigDecimal(text.strip());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }
}
