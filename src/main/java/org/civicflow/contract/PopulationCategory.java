package org.civicflow.contract;

import java.util.Arrays;
import java.util.Optional;

/** The 10 population categories of 表1 (SZ-10 counts how many a street project served). */
enum PopulationCategory {
    ELDERLY("困境老年人"),
    MINOR("困境未成年人"),
    LOW_INCOME("低保特困人群"),
    ENTITLED("优抚对象"),
    PETITIONER("重点信访人群"),
    DISABLED("残障人士"),
    MENTAL_HEALTH("精障患者"),
    BEREAVED_PARENTS("失独家庭"),
    MARRIAGE_FAMILY("婚姻家庭"),
    NEW_RESIDENT("新苏州人");

    private final String chinese;

    PopulationCategory(String chinese) {
        this.chinese = chinese;
    }

    String chinese() {
        return chinese;
    }

    /** Reads a code (ELDERLY) or the Chinese name, with or without 服务 or quotes (“新苏州人”服务). */
    static Optional<PopulationCategory> parse(String text) {
        String plain = text.strip().replace("“", "").replace("”", "").replace("\"", "");
        if (plain.endsWith("服务")) {
            plain = plain.substring(0, plain.length() - 2);
        }
        String candidate = plain;
        return Arrays.stream(values())
                .filter(c -> c.name().equalsIgnoreCase(candidate) || c.chinese.equals(candidate))
                .findFirst();
    }
}
