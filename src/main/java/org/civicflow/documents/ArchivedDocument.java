package org.civicflow.documents;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A rendered notice, archived with the process instance it belongs to (LAW-04: kept ≥15 years). */
@Entity
@Table(name = "archived_document")
public class ArchivedDocument {

    static final int HTML_MAX = 1_000_000;

    @Id
    @Column(length = 36)
    private String id;

    @Column(nullable = false, length = 64)
    private String kind;

    @Column(nullable = false, length = 200)
    private String title;

    @Column(name = "process_instance_id", nullable = false, length = 64)
    private String processInstanceId;

    @Column(name = "process_definition_key", nullable = false)
    private String processDefinitionKey;

    @Column(name = "business_key")
    private String businessKey;

    @Column(nullable = false, length = HTML_MAX)
    private String html;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected ArchivedDocument() {
    }

    ArchivedDocument(String id, String kind, String title, ProcessRef process, String html, Instant createdAt) {
        this.id = id;
        this.kind = kind;
        this.title = title;
        this.processInstanceId = process.processInstanceId();
        this.processDefinitionKey = process.processDefinitionKey();
        this.businessKey = process.businessKey();
        this.html = html;
        this.createdAt = createdAt;
    }

    public String getId() {
        return id;
    }

    public String getKind() {
        return kind;
    }

    public String getTitle() {
        return title;
    }

    public String getProcessInstanceId() {
        return processInstanceId;
    }

    public String getProcessDefinitionKey() {
        return processDefinitionKey;
    }

    public String getBusinessKey() {
        return businessKey;
    }

    public String getHtml() {
        return html;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
