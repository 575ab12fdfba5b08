package com.healthmed.query.record;

import com.healthmed.schema.record.AccessGrantedEvent;
import com.healthmed.schema.record.AccessLogPageResponse;
import com.healthmed.schema.record.AccessRevokedEvent;
import com.healthmed.schema.record.DocumentAccessRefusedEvent;
import com.healthmed.schema.record.DocumentAccessedEvent;
import com.healthmed.schema.record.DocumentAddedEvent;
import com.healthmed.schema.record.DocumentPageResponse;
import com.healthmed.schema.record.DocumentRemovedEvent;
import com.healthmed.schema.record.FindAccessLogQuery;
import com.healthmed.schema.record.FindGrantsQuery;
import com.healthmed.schema.record.FindMyDocumentsQuery;
import com.healthmed.schema.record.FindRecordDocumentQuery;
import com.healthmed.schema.record.GrantResponse;
import com.healthmed.schema.record.MedicalReportAddedEvent;
import com.healthmed.schema.record.StoredDocument;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * The patients' records as their owners see them: documents, grants (active and past) and the access log.
 * Who may read what is not decided here but by the {@code MedicalRecord} aggregate at the instant of the read.
 * Idempotent: documents, grants and log entries are keyed by their own ids (log entries by event id).
 */
@Component
@ProcessingGroup("medical-records")
class MedicalRecordProjection {

    private final MongoTemplate mongo;
    private final QueryUpdateEmitter updates;

    MedicalRecordProjection(MongoTemplate mongo, QueryUpdateEmitter updates) {
        this.mongo = mongo;
        this.updates = updates;
    }

    @EventHandler
    void on(DocumentAddedEvent event) {
        added(event.patientId(), event.document());
    }

    @EventHandler
    void on(MedicalReportAddedEvent event) {
        added(event.patientId(), event.document());
    }

    private void added(String patientId, StoredDocument document) {
        mongo.save(new RecordDocumentDocument(document.documentId(), patientId, document));
        updates.emit(FindRecordDocumentQuery.class,
                q -> q.documentId().equals(document.documentId()) && q.patientId().equals(patientId), document);
    }

    @EventHandler
    void on(DocumentRemovedEvent event) {
        mongo.remove(query(where("_id").is(event.documentId())), RecordDocumentDocument.class);
    }

    @EventHandler
    void on(AccessGrantedEvent event, @Timestamp Instant at) {
        mongo.save(new RecordGrantDocument(event.grantId(), event.patientId(), event.doctorId(), event.documentIds(),
                event.groups(), at, event.validUntil(), null));
        emitGrants(event.patientId());
    }

    @EventHandler
    void on(AccessRevokedEvent event, @Timestamp Instant at) {
        mongo.updateFirst(query(where("_id").is(event.grantId()).and("revokedAt").is(null)),
                new Update().set("revokedAt", at), RecordGrantDocument.class);
        emitGrants(event.patientId());
    }

    /** Only while someone waits for this patient's grants (the gateway, right after a change) is the list read. */
    private void emitGrants(String patientId) {
        var query = new FindGrantsQuery(patientId);
        boolean watched = updates.activeSubscriptions().stream().anyMatch(s -> query.equals(s.getPayload()));
        if (watched) {
            updates.emit(FindGrantsQuery.class, query::equals, handle(query));
        }
    }

    @EventHandler
    void on(DocumentAccessedEvent event, EventMessage<?> message) {
        mongo.save(new RecordAccessDocument(message.getIdentifier(), event.patientId(), message.getTimestamp(),
                event.accessorId(), event.documentId(), true, event.grantIds()));
    }

    @EventHandler
    void on(DocumentAccessRefusedEvent event, EventMessage<?> message) {
        mongo.save(new RecordAccessDocument(message.getIdentifier(), event.patientId(), message.getTimestamp(),
                event.accessorId(), event.documentId(), false, List.of()));
    }

    @QueryHandler
    DocumentPageResponse handle(FindMyDocumentsQuery query) {
        Criteria criteria = where("patientId").is(query.patientId());
        if (query.group() != null) {
            criteria = criteria.and("document.group").is(query.group());
        }
        long total = mongo.count(new Query(criteria), RecordDocumentDocument.class);
        var page = new Query(criteria).with(Sort.by(Sort.Order.desc("document.uploadedAt"), Sort.Order.asc("_id")))
                .skip((long) query.page() * query.size()).limit(query.size());
        List<StoredDocument> items = mongo.find(page, RecordDocumentDocument.class).stream()
                .map(RecordDocumentDocument::document).toList();
        return new DocumentPageResponse(items, query.page(), query.size(), total);
    }

    @QueryHandler
    java.util.Optional<StoredDocument> handle(FindRecordDocumentQuery query) {
        return java.util.Optional.ofNullable(mongo.findOne(query(where("_id").is(query.documentId())
                        .and("patientId").is(query.patientId())), RecordDocumentDocument.class))
                .map(RecordDocumentDocument::document);
    }

    @QueryHandler
    List<GrantResponse> handle(FindGrantsQuery query) {
        return mongo.find(query(where("patientId").is(query.patientId())).with(Sort.by(Sort.Order.desc("grantedAt"))),
                RecordGrantDocument.class).stream().map(RecordGrantDocument::toResponse).toList();
    }

    @QueryHandler
    AccessLogPageResponse handle(FindAccessLogQuery query) {
        Criteria criteria = where("patientId").is(query.patientId());
        long total = mongo.count(new Query(criteria), RecordAccessDocument.class);
        var page = new Query(criteria).with(Sort.by(Sort.Order.desc("at"), Sort.Order.asc("_id")))
                .skip((long) query.page() * query.size()).limit(query.size());
        return new AccessLogPageResponse(mongo.find(page, RecordAccessDocument.class).stream()
                .map(RecordAccessDocument::toResponse).toList(), query.page(), query.size(), total);
    }

    @ResetHandler
    void reset() {
        mongo.dropCollection(RecordDocumentDocument.class);
        mongo.dropCollection(RecordGrantDocument.class);
        mongo.dropCollection(RecordAccessDocument.class);
    }
}
