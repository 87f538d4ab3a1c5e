package org.civicflow.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/**
 * The shared input readers without a server: amounts that are not finite or do not fit the numeric(19, 2)
 * columns, and text that is not valid Unicode, are refused naming the field, whoever built the JSON tree.
 */
class JsonInputTests {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    @Test
    void amountsThatAreNotFiniteOrDoNotFitTheColumnAreRefused() {
        BigDecimal noBudgetLimit = new BigDecimal("1e30");
        List<JsonNode> bad = List.of(JSON.numberNode(Double.POSITIVE_INFINITY), JSON.numberNode(Double.NEGATIVE_INFINITY),
                JSON.numberNode(Double.NaN), JSON.numberNode(Float.POSITIVE_INFINITY), JSON.numberNode(new BigDecimal("1e400")),
                JSON.numberNode(new BigDecimal("100000000000000000")), JSON.numberNode(new BigDecimal("1e-400")),
                JSON.numberNode(new java.math.BigInteger("1" + "0".repeat(400))), JSON.numberNode(-0.01));
        for (JsonNode amount : bad) {
            JsonInput input = JsonInput.of(JSON.objectNode().set("amount", amount));
            assertThat(input.requiredAmount("amount", noBudgetLimit)).as(amount.toString()).isNull();
            assertThatThrownBy(input::validate).isInstanceOfSatisfying(InvalidInputException.class, e ->
                    assertThat(e.violations()).extracting(FieldViolation::field).containsExactly("amount"));
        }
    }

    @Test
    void anAmountAtTheColumnsLimitIsReadExactlyWithTwoDecimals() {
        ObjectNode body = JSON.objectNode();
        body.set("max", JSON.numberNode(JsonInput.AMOUNT_COLUMN_MAX));
        body.set("round", JSON.numberNode(new BigDecimal("1E+2")));
        JsonInput input = JsonInput.of(body);
        assertThat(input.requiredAmount("max", new BigDecimal("1e30"))).isEqualTo("99999999999999999.99");
        assertThat(input.requiredAmount("round", new BigDecimal("1e30"))).isEqualTo("100.00");
        input.validate();
    }

    @Test
    void textMustBeValidUnicode() {
        Map<String, String> bad = Map.of("lone high", "\ud800", "lone low", "a\udc00b", "reversed", "\ude00\ud83d",
                "high at the end", "社工\ud83d", "two highs", "\ud840\ud840\udc00", "nul", "a\u0000b",
                "vertical tab", "a\u000bb", "C1 control", "\u009b31m");
        bad.forEach((what, text) -> {
            JsonInput input = JsonInput.of(JSON.objectNode().put("name", text));
            assertThat(input.optionalText("name", 200)).as(what).isNull();
            assertThat(input.hasViolation("name")).as(what).isTrue();
        });
        for (String good : List.of("𠀀𪚥社会工作服务中心", "阳光😀社工", "👨‍👩‍👧", "第一行\n第二行", "制表\t分隔", "\ufffd")) {
            JsonInput input = JsonInput.of(JSON.objectNode().put("name", good));
            assertThat(input.optionalText("name", 200)).isEqualTo(good);
            input.validate();
        }
    }

    @Test
    void anUnknownFieldIsNamedInPrintableForm() {
        ObjectNode body = JSON.objectNode().put("\ud800x\u0007", 1);
        assertThatThrownBy(() -> JsonInput.of(body).validate()).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.violations()).extracting(FieldViolation::field).containsExactly("U+D800xU+0007"));
    }

    @Test
    void processInputRefusesBrokenUnicodeToo() {
        ProcessInput input = ProcessInput.of(Map.of("name", "a\udc00b", "ok", "𠀀"));
        assertThat(input.optionalText("name", 100)).isNull();
        assertThat(input.optionalText("ok", 100)).isEqualTo("𠀀");
        assertThatThrownBy(input::validate).isInstanceOfSatisfying(ProcessInput.InvalidProcessInputException.class,
                e -> assertThat(e.violations()).extracting(FieldViolation::field).containsExactly("name"));
    }
}
