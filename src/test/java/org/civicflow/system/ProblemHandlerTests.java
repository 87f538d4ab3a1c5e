package org.civicflow.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * What Jackson cannot read or bind names the field where Jackson knows it: a body bound to a typed record
 * (no CivicFlow endpoint has one yet, JsonInput reads trees) must answer 400 naming the field, never 500.
 */
class ProblemHandlerTests {

    record Inner(int count) {
    }

    record Body(int count, java.math.BigDecimal amount, List<Inner> items) {
    }

    @Test
    void bindingErrorsNameTheFieldsPath() {
        assertThat(fields("{\"count\": 1e20}")).containsExactly("count");
        assertThat(fields("{\"count\": 99999999999}")).containsExactly("count");
        assertThat(fields("{\"count\": \"x\"}")).containsExactly("count");
        assertThat(fields("{\"amount\": 1e99999999999}")).containsExactly("amount");
        assertThat(fields("{\"items\": [{\"count\": 1}, {\"count\": [1]}]}")).containsExactly("items[1].count");
    }

    @Test
    void syntaxErrorsNameTheBody() {
        assertThat(fields("{\"count\": ")).containsExactly("body");
        assertThat(fields("{\"count\": NaN}")).containsExactly("body");
    }

    private static List<String> fields(String json) {
        try {
            new ObjectMapper().readValue(json, Body.class);
        } catch (Exception e) {
            return ProblemHandler.unreadable(e).stream().map(FieldViolation::field).toList();
        }
        throw new AssertionError("read: " + json);
    }
}
