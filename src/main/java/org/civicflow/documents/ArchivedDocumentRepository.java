package org.civicflow.documents;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

interface ArchivedDocumentRepository extends JpaRepository<ArchivedDocument, String> {

    List<ArchivedDocument> findByProcessInstanceIdOrderByCreatedAt(String processInstanceId);
}
