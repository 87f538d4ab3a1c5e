package org.civicflow.registry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** 统一社会信用代码 (GB 32100-2015) with the embedded organization code (GB 11714). */
class UnifiedSocialCreditCodeTests {

    /** The example of GB 32100-2015. */
    private static final String STANDARD_EXAMPLE = "91350100M000100Y43";

    @ParameterizedTest
    @ValueSource(strings = {STANDARD_EXAMPLE, "91110000600037341L", "52110111MJ00001224", "52320508MJ0000317R"})
    void acceptsValidCodes(String code) {
        assertThat(UnifiedSocialCreditCode.problem(code)).isEmpty();
        assertThat(UnifiedSocialCreditCode.isValid(code)).isTrue();
    }

    @Test
    void completesAPrefixToAValidCode() {
        assertThat(UnifiedSocialCreditCode.complete("91350100M000100Y")).isEqualTo(STANDARD_EXAMPLE);
        assertThat(UnifiedSocialCreditCode.complete("52110111MJ000012")).isEqualTo("52110111MJ00001224");
        assertThat(UnifiedSocialCreditCode.isValid(UnifiedSocialCreditCode.complete("52110111MJA0B0C0"))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "91350100M000100Y4", "91350100M000100Y430"})
    void refusesAWrongLength(String code) {
        assertThat(UnifiedSocialCreditCode.problem(code)).hasValueSatisfying(m -> assertThat(m).contains("18位"));
        assertThat(UnifiedSocialCreditCode.isValid(code)).isFalse();
    }

    @Test
    void refusesNull() {
        assertThat(UnifiedSocialCreditCode.problem(null)).hasValueSatisfying(m -> assertThat(m).contains("18位"));
    }

    @ParameterizedTest
    @ValueSource(chars = {'I', 'O', 'Z', 'S', 'V', 'm', '-', ' '})
    void refusesCharactersOutsideTheAlphabetNamingTheirPosition(char forbidden) {
        // position 9 is the first character of the organization code, where letters are allowed
        String code = STANDARD_EXAMPLE.substring(0, 8) + forbidden + STANDARD_EXAMPLE.substring(9);

        assertThat(UnifiedSocialCreditCode.problem(code))
                .hasValueSatisfying(m -> assertThat(m).contains("第9位").contains("“" + forbidden + "”"));
    }

    @Test
    void refusesALowercaseVersionOfAValidCode() {
        assertThat(UnifiedSocialCreditCode.problem("52110111mj00001224"))
                .hasValueSatisfying(m -> assertThat(m).contains("第9位").contains("“m”"));
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 7})
    void refusesALetterInTheDivisionCode(int index) {
        String code = STANDARD_EXAMPLE.substring(0, index) + 'A' + STANDARD_EXAMPLE.substring(index + 1);

        assertThat(UnifiedSocialCreditCode.problem(code)).hasValueSatisfying(m -> assertThat(m).contains("第3—8位"));
    }

    @Test
    void refusesAWrongOrganizationCodeCheckDigit() {
        // position 17 of the example is 4; the final character is recomputed so only position 17 is wrong
        String first17 = STANDARD_EXAMPLE.substring(0, 16) + '5';
        String code = first17 + UnifiedSocialCreditCode.checkCharacter(first17);

        assertThat(UnifiedSocialCreditCode.problem(code))
                .hasValueSatisfying(m -> assertThat(m).contains("组织机构代码").contains("第17位应为4"));
    }

    @Test
    void refusesAWrongFinalCheckCharacter() {
        assertThat(UnifiedSocialCreditCode.problem("91350100M000100Y44"))
                .hasValueSatisfying(m -> assertThat(m).contains("第18位应为3"));
        assertThat(UnifiedSocialCreditCode.problem("52110111MJ00001225"))
                .hasValueSatisfying(m -> assertThat(m).contains("第18位应为4"));
    }

    @Test
    void organizationCodeCheckDigitFollowsGb11714() {
        // GB 11714 example D2143569-X (check value 10 → X); check value 11 → 0
        assertThat(UnifiedSocialCreditCode.organizationCodeCheck("D2143569")).isEqualTo('X');
        assertThat(UnifiedSocialCreditCode.organizationCodeCheck("00000000")).isEqualTo('0');
        assertThat(UnifiedSocialCreditCode.organizationCodeCheck("M000100Y")).isEqualTo('4');
        assertThat(UnifiedSocialCreditCode.organizationCodeCheck("60003734")).isEqualTo('1');
    }
}
