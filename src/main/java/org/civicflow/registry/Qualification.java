package org.civicflow.registry;

/** 社会工作者职业水平证书. */
public enum Qualification {
    ASSISTANT_SOCIAL_WORKER("助理社会工作师"),
    SOCIAL_WORKER("社会工作师"),
    SENIOR_SOCIAL_WORKER("高级社会工作师");

    private final String label;

    Qualification(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** 社会工作师 or above (SZ-02 counts these singly, assistants in pairs). */
    public boolean atLeastSocialWorker() {
        return this != ASSISTANT_SOCIAL_WORKER;
    }
}
