package org.civicflow.contract;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** One item of a round's 服务清单 (SZ-16). */
@Entity
@Table(name = "service_item")
public class ServiceItem {

    @Embeddable
    public record Key(@Column(name = "policy_code", length = 32) String policyCode,
                      @Column(name = "code", length = 8) String code) {
    }

    @EmbeddedId
    private Key key;

    @Column(name = "sort_order", nullable = false)
    private int sortOrder;

    @Column(nullable = false, length = 64)
    private String category;

    @Column(nullable = false, length = 200)
    private String name;

    @Column(nullable = false)
    private boolean mandatory;

    @Column(length = 32)
    private String population;

    protected ServiceItem() {
    }

    public String getCode() {
        return key.code();
    }

    public int getSortOrder() {
        return sortOrder;
    }

    public String getCategory() {
        return category;
    }

    public String getName() {
        return name;
    }

    public boolean isMandatory() {
        return mandatory;
    }

    public String getPopulation() {
        return population;
    }
}
