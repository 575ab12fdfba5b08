package com.healthmed.query.record;

import com.healthmed.schema.record.StoredDocument;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/** A document of a patient's record (metadata only). */
@Document("record_documents")
record RecordDocumentDocument(@Id String id, @Indexed String patientId, StoredDocument document) {
}
