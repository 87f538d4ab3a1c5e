package org.civicflow.call;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** One item of a round's 项目指引一览表 (FS-10: an application names one; FS-11: its indicators judge it). */
@Entity
@Table(name = "catalog_item")
public class CatalogItem {

    @Embeddable
    public record Key(@Column(name = "policy_code", length = 32) String policyCode,
                      @Column(name = "code", length = 8) String code) implements Serializable {
    }

    @EmbeddedId
    private Key key;

    @Column(name = "sort_order", nullable = false)
    private int sortOrder;

    @Column(nullable = false, length = 64)
    private String category;

    @Column(nullable = false, length = 200)
    private String name;

    @Column(nullable = false, length = 1000)
    private String beneficiaries;

    @Column(nullable = false, length = 4000)
    private String goals;

    @Column(nullable = false, length = 4000)
    private String contents;

    @Column(nullable = false, length = 4000)
    private String indicators;

    protected CatalogItem() {
    }

    public String getCode() {
        return key.code();
    }

    public String getPolicyCode() {
        return key.policyCode();
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

    public String getBeneficiaries() {
        return beneficiaries;
    }

    public String getGoals() {
        return goals;
    }

    public String getContents() {
        return contents;
    }

    public String getIndicators() {
        return indicators;
    }

    /** The evaluation indicators (项目评估指标), one per line in the catalog. */
    public List<String> indicatorList() {
        return Arrays.stream(indicators.split("\n")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
