package org.civicflow.documents;

import java.time.OffsetDateTime;
import java.util.List;

import org.civicflow.system.ForbiddenException;
import org.civicflow.system.NotFoundException;
import org.civicflow.system.ShanghaiTime;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Archived notices: the HTML itself, and the list of an instance's notices. */
@RestController
@RequestMapping("/api/documents")
class DocumentController {

    record DocumentSummary(String id, String kind, String title, String processInstanceId, String businessKey,
                           OffsetDateTime createdAt, String href) {

        static DocumentSummary of(ArchivedDocument d) {
            return new DocumentSummary(d.getId(), d.getKind(), d.getTitle(), d.getProcessInstanceId(),
                    d.getBusinessKey(), d.getCreatedAt().atZone(ShanghaiTime.ZONE).toOffsetDateTime(),
                    "/api/documents/" + d.getId());
        }
    }

    private static final MediaType HTML_UTF8 = MediaType.parseMediaType("text/html;charset=UTF-8");

    private final DocumentService documents;
    private final DocumentAccess access;

    DocumentController(DocumentService documents, DocumentAccess access) {
        this.documents = documents;
        this.access = access;
    }

    @GetMapping("/{id}")
    ResponseEntity<String> get(@PathVariable String id) {
        ArchivedDocument document = documents.find(id)
                .orElseThrow(() -> new NotFoundException("未找到文书 " + id));
        if (!access.maySee(document)) {
            throw new ForbiddenException("无权查看该流程的文书");
        }
        return ResponseEntity.ok().contentType(HTML_UTF8)
                .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
                .header("X-Content-Type-Options", "nosniff")
                .body(document.getHtml());
    }

    @GetMapping(produces = "application/json")
    List<DocumentSummary> ofProcessInstance(@RequestParam String processInstanceId) {
        return documents.ofProcessInstance(processInstanceId).stream()
                .filter(access::maySee)
                .map(DocumentSummary::of)
                .toList();
    }
}
