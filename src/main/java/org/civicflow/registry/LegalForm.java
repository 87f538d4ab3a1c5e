package org.civicflow.registry;

/** 法人形式. */
public enum LegalForm {
    /** 民办非企业单位 (社会服务机构). */
    PRIVATE_NON_ENTERPRISE("民办非企业单位"),
    /** 社会团体. */
    SOCIAL_GROUP("社会团体"),
    /** 基金会. */
    FOUNDATION("基金会");

    private final String label;

    LegalForm(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
