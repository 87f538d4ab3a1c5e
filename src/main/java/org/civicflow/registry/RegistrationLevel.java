package org.civicflow.registry;

/** 登记管理机关级别 (the civil-affairs authority the organization is registered with). */
public enum RegistrationLevel {
    COUNTY("县级"), CITY("市级"), PROVINCE("省级"), NATIONAL("国家级");

    private final String label;

    RegistrationLevel(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
