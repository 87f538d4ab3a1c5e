package org.civicflow.documents;

import java.util.ArrayList;
import java.util.List;

import org.civicflow.system.DashboardLinks;
import org.civicflow.system.DashboardSection.Link;
import org.springframework.stereotype.Component;

/** The dashboard's links of one process instance: its archived notices, then its page in Cockpit. */
@Component
public class DocumentLinks {

    private final DocumentService documents;

    DocumentLinks(DocumentService documents) {
        this.documents = documents;
    }

    public List<Link> of(String processInstanceId) {
        if (processInstanceId == null) {
            return List.of();
        }
        List<Link> links = new ArrayList<>();
        for (ArchivedDocument document : documents.ofProcessInstance(processInstanceId)) {
            links.add(DashboardLinks.document(document.getTitle(), document.getId()));
        }
        links.add(DashboardLinks.instance("Cockpit", processInstanceId));
        return links;
    }
}
