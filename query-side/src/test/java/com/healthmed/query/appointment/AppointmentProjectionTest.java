package com.healthmed.query.appointment;

import com.healthmed.schema.appointment.AppointmentAcceptedEvent;
import com.healthmed.schema.appointment.AppointmentRequestedEvent;
import com.healthmed.schema.appointment.AppointmentResponse;
import com.healthmed.schema.appointment.AppointmentStatus;
import com.healthmed.schema.appointment.FindAppointmentQuery;
import com.healthmed.schema.appointment.TeleconsultationRoomAssignedEvent;
import com.healthmed.schema.shared.Money;
import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.GenericSubscriptionQueryMessage;
import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The appointments read model on the embedded MongoDB wire-protocol server, and what it sends to waiting readers. */
class AppointmentProjectionTest {

    static final Instant START = Instant.parse("2026-12-10T13:00:00Z");

    MongoServer server;
    MongoClient client;
    MongoTemplate mongo;
    SimpleQueryUpdateEmitter updates = SimpleQueryUpdateEmitter.builder().build();
    AppointmentProjection projection;
    /** The commands the projection sent to the store, by name ("insert", "find", ...). */
    List<String> commands = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() {
        server = new MongoServer(new MemoryBackend());
        var address = server.bind();
        client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString("mongodb://127.0.0.1:" + address.getPort()))
                .addCommandListener(new CommandListener() {
                    @Override
                    public void commandStarted(CommandStartedEvent event) {
                        commands.add(event.getCommandName());
                    }
                })
                .build());
        mongo = new MongoTemplate(client, "appointments-test");
        projection = new AppointmentProjection(mongo, updates);
        commands.clear();
    }

    @AfterEach
    void tearDown() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void aRequestIsOneInsertAndItsDocumentGoesToTheReaderWaitingForIt() {
        List<AppointmentResponse> received = waitFor("a1");

        projection.on(requested("a1"), 0);

        assertThat(commands).containsExactly("insert");
        assertThat(received).singleElement().satisfies(update -> {
            assertThat(update.status()).isEqualTo(AppointmentStatus.REQUESTED);
            assertThat(update.doctorId()).isEqualTo("doc");
            assertThat(update.version()).isZero();
        });
        assertThat(find("a1").status()).isEqualTo(AppointmentStatus.REQUESTED);
    }

    @Test
    void whatTheWaitingReaderIsSentEqualsWhatItReadsLaterToTheMillisecondTheStoreKeeps() {
        List<AppointmentResponse> received = waitFor("a1");
        Instant answerBy = Instant.parse("2026-12-08T13:00:00.123456789Z");

        projection.on(new AppointmentRequestedEvent("a1", "doc", "pat", START, START.plusSeconds(1800),
                Money.brl("250.00"), answerBy), 0);

        assertThat(received).singleElement().isEqualTo(find("a1"));
        assertThat(find("a1").answerBy()).isEqualTo(Instant.parse("2026-12-08T13:00:00.123Z"));
    }

    @Test
    void aRedeliveredRequestKeepsWhatLaterEventsChangedAndSendsNothing() {
        projection.on(requested("a1"), 0);
        projection.on(new AppointmentAcceptedEvent("a1", "doc", "pat"), 2);
        List<AppointmentResponse> received = waitFor("a1");

        projection.on(requested("a1"), 0);

        assertThat(find("a1").status()).isEqualTo(AppointmentStatus.CONFIRMED);
        assertThat(find("a1").version()).isEqualTo(2);
        assertThat(received).isEmpty();
    }

    @Test
    void aChangeNobodyWaitsForIsOneUpdateWithoutReadingTheDocumentBack() {
        projection.on(requested("a1"), 0);
        waitFor("another appointment");
        commands.clear();

        projection.on(new TeleconsultationRoomAssignedEvent("a1", "room-a1"), 1);

        assertThat(commands).containsExactly("update");
        assertThat(find("a1").roomName()).isEqualTo("room-a1");
    }

    @Test
    void aChangeSomebodyWaitsForSendsThemTheChangedDocument() {
        projection.on(requested("a1"), 0);
        List<AppointmentResponse> received = waitFor("a1");

        projection.on(new TeleconsultationRoomAssignedEvent("a1", "room-a1"), 1);
        projection.on(new AppointmentAcceptedEvent("a1", "doc", "pat"), 2);

        assertThat(received).extracting(AppointmentResponse::roomName, AppointmentResponse::status,
                AppointmentResponse::version).containsExactly(
                tuple("room-a1", AppointmentStatus.REQUESTED, 1L),
                tuple("room-a1", AppointmentStatus.CONFIRMED, 2L));
    }

    @Test
    void anOlderOrRepeatedChangeIsIgnoredAndSendsNothing() {
        projection.on(requested("a1"), 0);
        projection.on(new AppointmentAcceptedEvent("a1", "doc", "pat"), 2);
        List<AppointmentResponse> received = waitFor("a1");

        projection.on(new TeleconsultationRoomAssignedEvent("a1", "room-a1"), 1);
        projection.on(new AppointmentAcceptedEvent("a1", "doc", "pat"), 2);

        assertThat(find("a1").roomName()).isNull();
        assertThat(find("a1").status()).isEqualTo(AppointmentStatus.CONFIRMED);
        assertThat(received).isEmpty();
    }

    private static AppointmentRequestedEvent requested(String appointmentId) {
        return new AppointmentRequestedEvent(appointmentId, "doc", "pat", START, START.plusSeconds(1800),
                Money.brl("250.00"), START.minusSeconds(3600));
    }

    /** A reader subscribed to the appointment, as a request reading its own write is; collects what it is sent. */
    private List<AppointmentResponse> waitFor(String appointmentId) {
        var subscription = new GenericSubscriptionQueryMessage<>(new FindAppointmentQuery(appointmentId),
                ResponseTypes.optionalInstanceOf(AppointmentResponse.class),
                ResponseTypes.instanceOf(AppointmentResponse.class));
        List<AppointmentResponse> received = new CopyOnWriteArrayList<>();
        updates.registerUpdateHandler(subscription, 16).getUpdates()
                .subscribe(update -> received.add((AppointmentResponse) update.getPayload()));
        return received;
    }

    private AppointmentResponse find(String appointmentId) {
        return projection.handle(new FindAppointmentQuery(appointmentId)).orElseThrow();
    }
}
