package org.civicflow.registry;

import java.util.Optional;

/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters — registration authority, organization type,
 * 6-digit administrative division, 9-character organization code (GB 11714, with its own check
 * digit) and a check character over the first 17.
 */
public final class UnifiedSocialCreditCode {

    /** GB 32100 alphabet: digits and capital letters without I, O, Z, S, V. */
    private static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
    private static final int[] ORG_CODE_WEIGHTS = {3, 7, 9, 10, 5, 8, 4, 2};

    private UnifiedSocialCreditCode() {
    }

    /** @return why the code is invalid (Chinese, for the user), or empty when it is valid */
    public static Optional<String> problem(String code) {
        if (code == null || code.length() != 18) {
            return Optional.of("统一社会信用代码必须为18位");
        }
        for (int i = 0; i < 18; i++) {
            char c = code.charAt(i);
            if (ALPHABET.indexOf(c) < 0) {
                // half of a surrogate pair or a control character is not echoed as such: it would not print
                String shown = Character.isSurrogate(c) || Character.isISOControl(c) ? String.format("U+%04X", (int) c)
                        : String.valueOf(c);
                return Optional.of("统一社会信用代码第" + (i + 1) + "位字符“" + shown + "”无效（只允许数字和除I、O、Z、S、V以外的大写字母）");
            }
        }
        for (int i = 2; i < 8; i++) {
            if (!Character.isDigit(code.charAt(i))) {
                return Optional.of("统一社会信用代码第3—8位必须是行政区划码（数字）");
            }
        }
        char orgCheck = organizationCodeCheck(code.substring(8, 16));
        if (code.charAt(16) != orgCheck) {
            return Optional.of("统一社会信用代码中的组织机构代码校验位错误（第17位应为" + orgCheck + "）");
        }
        char check = checkCharacter(code.substring(0, 17));
        if (code.charAt(17) != check) {
            return Optional.of("统一社会信用代码校验位错误（第18位应为" + check + "）");
        }
        return Optional.empty();
    }

    public static boolean isValid(String code) {
        return problem(code).isEmpty();
    }

    /** Check character (position 18) over the first 17 characters. */
    static char checkCharacter(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += ALPHABET.indexOf(first17.charAt(i)) * WEIGHTS[i];
        }
        int value = (31 - sum % 31) % 31;
        return ALPHABET.charAt(value);
    }

    /** GB 11714 check digit over the 8-character organization code body. */
    static char organizationCodeCheck(String body8) {
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            char c = body8.charAt(i);
            int value = Character.isDigit(c) ? c - '0' : c - 'A' + 10;
            sum += value * ORG_CODE_WEIGHTS[i];
        }
        int check = 11 - sum % 11;
        return check == 10 ? 'X' : check == 11 ? '0' : (char) ('0' + check);
    }

    /** Completes a 16-character prefix (authority, type, division, organization code body) to a valid code. */
    static String complete(String prefix16) {
        String first17 = prefix16 + organizationCodeCheck(prefix16.substring(8, 16));
        return first17 + checkCharacter(first17);
    }
}
