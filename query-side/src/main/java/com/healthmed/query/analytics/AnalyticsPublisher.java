package com.healthmed.query.analytics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.healthmed.query.analytics.AnalyticsDocuments.AppointmentFacts;
import com.healthmed.query.analytics.AnalyticsDocuments.DoctorFacts;
import com.healthmed.query.analytics.AnalyticsDocuments.RatingTotals;
import com.healthmed.schema.appointment.AppointmentAcceptedEvent;
import com.healthmed.schema.appointment.AppointmentCancelledEvent;
import com.healthmed.schema.appointment.AppointmentCompletedEvent;
import com.healthmed.schema.appointment.AppointmentNoShowEvent;
import com.healthmed.schema.appointment.AppointmentRatedEvent;
import com.healthmed.schema.appointment.AppointmentRefusedEvent;
import com.healthmed.schema.appointment.AppointmentRequestExpiredEvent;
import com.healthmed.schema.appointment.AppointmentRequestedEvent;
import com.healthmed.schema.doctor.DoctorProfileUpdatedEvent;
import com.healthmed.schema.doctor.DoctorRegisteredEvent;
import com.healthmed.schema.integration.AppointmentStatusChange;
import com.healthmed.schema.integration.AppointmentStatusChanged;
import com.healthmed.schema.integration.DoctorRated;
import com.healthmed.schema.integration.IntegrationTopic;
import com.healthmed.schema.shared.Address;
import com.healthmed.schema.shared.Specialty;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes the analysts' integration events to Kafka: appointment status changes and doctor ratings, keyed by
 * doctor id, JSON values, CloudEvents binary-mode headers with {@code ce_id} = the Axon event's identifier.
 *
 * <p>At least once: each handler waits for the broker's acknowledgement, so the processor's token moves only
 * past acknowledged events; a failed send throws and the event is parked in this group's dead-letter queue
 * (with the later events of the same doctor, see {@link AnalyticsConfiguration}). Replays re-publish with the
 * same ids; consumers de-duplicate on {@code ce_id}.
 */
@Component
@ProcessingGroup(AnalyticsPublisher.GROUP)
class AnalyticsPublisher {

    static final String GROUP = "analytics-publisher";
    static final String RATED_TYPE = "br.com.healthmed.doctor.rated.v1";

    private static final ObjectMapper JSON = JsonMapper.builder().findAndAddModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

    private final MongoTemplate mongo;
    private final KafkaTemplate<String, String> kafka;
    private final PatientPseudonyms pseudonyms;
    private final AnalyticsProperties properties;

    AnalyticsPublisher(MongoTemplate mongo, KafkaTemplate<String, String> kafka, PatientPseudonyms pseudonyms,
                       AnalyticsProperties properties) {
        this.mongo = mongo;
        this.kafka = kafka;
        this.pseudonyms = pseudonyms;
        this.properties = properties;
    }

    @EventHandler
    void on(DoctorRegisteredEvent event, @SequenceNumber long sequence) {
        rememberDoctor(event.doctorId(), event.specialties(), event.address(), sequence);
    }

    @EventHandler
    void on(DoctorProfileUpdatedEvent event, @SequenceNumber long sequence) {
        rememberDoctor(event.doctorId(), event.specialties(), event.address(), sequence);
    }

    @EventHandler
    void on(AppointmentRequestedEvent event, @MessageIdentifier String id, @Timestamp Instant at) {
        var appointment = new AppointmentFacts(event.appointmentId(), event.doctorId(), event.start(),
                event.price().amount(), event.price().currency());
        mongo.save(appointment);
        publish(AppointmentStatusChange.REQUESTED, appointment, event.patientId(), null, id, at);
    }

    @EventHandler
    void on(AppointmentAcceptedEvent event, @MessageIdentifier String id, @Timestamp Instant at) {
        publish(AppointmentStatusChange.CONFIRMED, event.appointmentId(), event.patientId(), null, id, at);
    }

    @EventHandler
    void on(AppointmentRefusedEvent event, @MessageIdentifier String id, @Timestamp Instant at) {
        publish(AppointmentStatusChange.REFUSED, event.appointmentId(), event.patientId(), null, id, at);
    }

    @EventHandler
    void on(AppointmentCancelledEvent event, @MessageIdentifier String id, @Timestamp Instant at) {
        // who cancelled, never the justification (free text)
        publish(AppointmentStatusChange.CANCELLED, event.appointmentId(), event.patientId(),
                event.cancelledBy().name(), id, at);
    }

    @EventHandler
    void on(AppointmentRequestExpiredEvent event, @MessageIdentifier String id, @Timestamp Instant at) {
        publish(AppointmentStatusChange.EXPIRED, event.appointmentId(), event.patientId(), null, id, at);
    }

    @EventHandler
    void on(AppointmentCompletedEvent event, @MessageIdentifier String id, @Timestamp Instant at) {
        publish(AppointmentStatusChange.COMPLETED, event.appointmentId(), event.patientId(), null, id, at);
    }

    @EventHandler
    void on(AppointmentNoShowEvent event, @MessageIdentifier String id, @Timestamp Instant at) {
        publish(AppointmentStatusChange.NO_SHOW, event.appointmentId(), event.patientId(), null, id, at);
    }

    @EventHandler
    void on(AppointmentRatedEvent event, @MessageIdentifier String id, @Timestamp Instant at) {
        DoctorFacts doctor = doctor(event.doctorId());
        RatingTotals totals = count(event);
        BigDecimal average = BigDecimal.valueOf(totals.starsSum())
                .divide(BigDecimal.valueOf(totals.count()), 2, RoundingMode.HALF_UP);
        // the comment is free text: it stays inside the platform
        var rated = new DoctorRated(id, event.appointmentId(), event.doctorId(), doctor.specialties(), doctor.city(),
                doctor.uf(), event.stars(), at, average, totals.count(), pseudonyms.of(event.patientId()));
        send(IntegrationTopic.DOCTOR_RATINGS, event.doctorId(), rated, RATED_TYPE, id, at);
    }

    @ResetHandler
    void reset() {
        mongo.dropCollection(DoctorFacts.class);
        mongo.dropCollection(AppointmentFacts.class);
        mongo.dropCollection(RatingTotals.class);
    }

    /** Keeps the newest facts of a doctor; older or repeated events change nothing. */
    private void rememberDoctor(String doctorId, List<Specialty> specialties, Address address, long sequence) {
        DoctorFacts known = mongo.findById(doctorId, DoctorFacts.class);
        if (known == null || known.version() < sequence) {
            mongo.save(new DoctorFacts(doctorId, specialties.stream().map(Specialty::displayName).toList(),
                    address.city(), address.state().name(), sequence));
        }
    }

    /** Adds the rating to the doctor's totals unless it was the last one counted (a redelivery). */
    private RatingTotals count(AppointmentRatedEvent event) {
        RatingTotals totals = mongo.findById(event.doctorId(), RatingTotals.class);
        if (totals == null) {
            totals = new RatingTotals(event.doctorId(), 0, 0, null);
        }
        if (!event.appointmentId().equals(totals.lastAppointmentId())) {
            totals = new RatingTotals(event.doctorId(), totals.starsSum() + event.stars(), totals.count() + 1,
                    event.appointmentId());
            mongo.save(totals);
        }
        return totals;
    }

    private void publish(AppointmentStatusChange status, String appointmentId, String patientId, String cancelledBy,
                         String eventId, Instant at) {
        AppointmentFacts appointment = mongo.findById(appointmentId, AppointmentFacts.class);
        if (appointment == null) {
            throw new IllegalStateException("appointment " + appointmentId + " has no request on record");
        }
        publish(status, appointment, patientId, cancelledBy, eventId, at);
    }

    private void publish(AppointmentStatusChange status, AppointmentFacts appointment, String patientId,
                         String cancelledBy, String eventId, Instant at) {
        DoctorFacts doctor = doctor(appointment.doctorId());
        var changed = new AppointmentStatusChanged(eventId, status, at, appointment.id(), appointment.doctorId(),
                doctor.specialties(), doctor.city(), doctor.uf(), appointment.start(), appointment.price(),
                appointment.currency(), pseudonyms.of(patientId), cancelledBy);
        send(IntegrationTopic.APPOINTMENTS, appointment.doctorId(), changed, status.cloudEventType(), eventId, at);
    }

    private DoctorFacts doctor(String doctorId) {
        DoctorFacts doctor = mongo.findById(doctorId, DoctorFacts.class);
        if (doctor == null) {
            throw new IllegalStateException("doctor " + doctorId + " has no registration on record");
        }
        return doctor;
    }

    /** Sends and waits for the broker's acknowledgement; any failure throws, so the event is parked, not lost. */
    private void send(IntegrationTopic topic, String doctorId, Record value, String type, String eventId, Instant at) {
        var record = new ProducerRecord<>(topic.topicName(), doctorId, json(value));
        header(record, "ce_id", eventId);
        header(record, "ce_type", type);
        header(record, "ce_source", properties.source());
        header(record, "ce_time", at.toString());
        header(record, "ce_specversion", "1.0");
        header(record, "content-type", "application/json");
        try {
            kafka.send(record).get(properties.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing " + eventId, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not acknowledge " + type + " " + eventId, e);
        }
    }

    private static void header(ProducerRecord<String, String> record, String name, String value) {
        record.headers().add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8)));
    }

    private static String json(Record value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
