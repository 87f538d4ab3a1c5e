package org.civicflow.system;

/**
 * What text CivicFlow takes from its users: well-formed Unicode (every UTF-16 surrogate in a pair, so emoji
 * and CJK Extension B characters such as "𠀀" pass) and no control characters but tab and line breaks.
 * A lone surrogate is not a character: databases store it as "?" or refuse it, and it cannot be encoded in
 * a notice or a response.
 */
final class TextRules {

    private TextRules() {
    }

    /** @return why the text is refused (Chinese, for the user), or null when it is acceptable */
    static String problem(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "不是有效的Unicode文本：第" + (i + 1) + "个字符是不成对的代理项（" + codePoint(c) + "）";
            } else if (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t') {
                return "不能包含控制字符";
            }
        }
        return null;
    }

    /** The text with lone surrogates and control characters written as U+XXXX: safe to echo back, e.g. a field name. */
    static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else if (Character.isSurrogate(c) || Character.isISOControl(c)) {
                out.append(codePoint(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String codePoint(char c) {
        return String.format("U+%04X", (int) c);
    }
}
