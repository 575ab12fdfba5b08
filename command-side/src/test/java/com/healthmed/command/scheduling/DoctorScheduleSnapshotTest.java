package com.healthmed.command.scheduling;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.healthmed.command.shared.CommandRejectedException;
import com.healthmed.schema.scheduling.AvailabilityWindowSpec;
import com.healthmed.schema.scheduling.BookSlotCommand;
import com.healthmed.schema.scheduling.DoctorScheduleId;
import com.healthmed.schema.scheduling.OpenDoctorScheduleCommand;
import com.healthmed.schema.scheduling.PublishAvailabilityCommand;
import com.healthmed.schema.scheduling.ReleaseSlotCommand;
import com.healthmed.schema.scheduling.ScheduleHistoryPrunedEvent;
import com.healthmed.schema.scheduling.SlotBooking;
import com.healthmed.schema.scheduling.SlotBookingOutcome;
import com.healthmed.schema.scheduling.WithdrawAvailabilityCommand;
import com.healthmed.schema.shared.Money;
import com.healthmed.schema.shared.RejectionReason;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.common.jdbc.DataSourceConnectionProvider;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.PostgresEventTableFactory;
import org.axonframework.serialization.json.JacksonSerializer;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A schedule with more than 100 events is snapshotted through a real Axon configuration: a JDBC event store
 * (H2) that serializes events and snapshots with Jackson (with either ObjectMapper the application may get),
 * the snapshot trigger of every 100 events and a cache. A new configuration (empty cache) then rebuilds the
 * schedule from the snapshot alone (the events the snapshot covers are deleted first) and decides exactly as
 * the schedule did before.
 */
class DoctorScheduleSnapshotTest {

    private static final String DOCTOR = "doctor-snap";
    private static final String SCHEDULE = DoctorScheduleId.of(DOCTOR);
    private static final Money PRICE = Money.brl("250.00");
    /** Days 1..20 after this have a window 09:00–17:00 UTC with 50-minute slots every hour. */
    private static final Instant START = Instant.parse("2026-12-01T00:00:00Z");

    private final SettableClock clock = new SettableClock(Instant.parse("2026-12-01T09:00:00Z"));
    private JdbcDataSource database;
    private JdbcEventStorageEngine storage;
    private Configuration axon;

    /**
     * Axon's auto-configuration serializes with Spring Boot's ObjectMapper where there is one (the standalone
     * platform has Spring MVC), and otherwise with its own {@code new ObjectMapper().findAndRegisterModules()}
     * (the command-side service alone).
     */
    static Stream<Arguments> objectMappers() {
        ObjectMapper springBoots = JsonMapper.builder().findAndAddModules()
                .disable(MapperFeature.DEFAULT_VIEW_INCLUSION)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .build();
        return Stream.of(Arguments.of("Spring Boot's", springBoots),
                Arguments.of("Axon's default", new ObjectMapper().findAndRegisterModules()));
    }

    private void eventStore(ObjectMapper objectMapper) {
        database = new JdbcDataSource();
        database.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL");
        var serializer = JacksonSerializer.builder().objectMapper(objectMapper).build();
        storage = JdbcEventStorageEngine.builder()
                .connectionProvider(new DataSourceConnectionProvider(database))
                .transactionManager(NoTransactionManager.INSTANCE)
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .build();
        storage.createSchema(PostgresEventTableFactory.INSTANCE);
    }

    @AfterEach
    void stop() {
        if (axon != null) {
            axon.shutdown();
        }
    }

    @ParameterizedTest(name = "with {0} ObjectMapper")
    @MethodSource("objectMappers")
    void aScheduleWithMoreThanAHundredEventsIsRebuiltFromItsSnapshotAndDecidesAsBefore(String name,
                                                                                      ObjectMapper objectMapper)
            throws Exception {
        eventStore(objectMapper);
        axon = start();
        send(new OpenDoctorScheduleCommand(DOCTOR, PRICE));
        var windows = IntStream.rangeClosed(1, 20)
                .mapToObj(d -> new AvailabilityWindowSpec("day-" + d, slot(d, 9), slot(d, 17))).toList();
        send(new PublishAvailabilityCommand(DOCTOR, windows, 50, 10));
        for (int hour = 9; hour < 17; hour++) {
            book("a-1-" + hour, 1, hour);
        }
        // the morning after day 1: it has ended, and the next booking retires it with its eight bookings
        clock.now = Instant.parse("2026-12-03T06:00:00Z");
        for (int day = 3; day <= 15; day++) {
            for (int hour = 9; hour < 17; hour++) {
                book("a-" + day + "-" + hour, day, hour);
            }
        }
        send(new ReleaseSlotCommand(DOCTOR, "a-15-16", "cancelled"));
        List<DomainEventMessage<?>> history = new ArrayList<>();
        storage.readEvents(SCHEDULE, 0L).asStream().forEach(history::add);
        assertThat(history).hasSizeGreaterThan(130)
                .anyMatch(e -> e.getPayload() instanceof ScheduleHistoryPrunedEvent p && p.appointmentIds().size() == 8);
        List<SlotBookingOutcome> before = probes().stream().map(this::decide).toList();
        axon.shutdown();

        DomainEventMessage<?> snapshot = storage.readSnapshot(SCHEDULE).orElseThrow(
                () -> new AssertionError("no snapshot was stored (could the schedule not be serialized?)"));
        assertThat(snapshot.getSequenceNumber()).isGreaterThanOrEqualTo(99);
        assertThat(snapshot.getPayload()).isInstanceOf(DoctorSchedule.class);
        // only the snapshot knows what happened up to it now: a full replay could not even find the schedule
        try (Connection connection = database.getConnection();
             var delete = connection.prepareStatement(
                     "DELETE FROM domainevententry WHERE aggregateidentifier = ? AND sequencenumber <= ?")) {
            delete.setString(1, SCHEDULE);
            delete.setLong(2, snapshot.getSequenceNumber());
            assertThat(delete.executeUpdate()).isEqualTo(snapshot.getSequenceNumber() + 1);
        }

        axon = start();
        assertThat(probes().stream().map(this::decide).toList()).isEqualTo(before);
        assertThat(before).extracting(o -> o.refusal() == null ? "booked" : o.refusal().reason().name())
                .containsExactly("SLOT_UNAVAILABLE", "SLOT_UNAVAILABLE", "booked", "IDEMPOTENCY_KEY_REUSED",
                        "START_IN_PAST", "OUTSIDE_AVAILABILITY", "OUTSIDE_AVAILABILITY");
        // and it goes on deciding: a free slot is booked once, released slots are free again
        SlotBookingOutcome free = decide(new BookSlotCommand(DOCTOR, "new-1", "p-new", slot(16, 9)));
        assertThat(free).isEqualTo(SlotBookingOutcome.booked(new SlotBooking("new-1", DOCTOR, "p-new", slot(16, 9),
                slot(16, 9).plus(Duration.ofMinutes(50)), PRICE)));
        assertThat(decide(new BookSlotCommand(DOCTOR, "new-2", "p-other", slot(16, 9))).refusal().reason())
                .isEqualTo(RejectionReason.SLOT_UNAVAILABLE);
        assertThat(decide(new BookSlotCommand(DOCTOR, "new-3", "p-other", slot(15, 16))).booking()).isNotNull();
        assertThatThrownBy(() -> send(new WithdrawAvailabilityCommand(DOCTOR, "day-3")))
                .isInstanceOfSatisfying(CommandRejectedException.class,
                        e -> assertThat(e.rejection().reason()).isEqualTo(RejectionReason.WINDOW_HAS_BOOKINGS));
        send(new WithdrawAvailabilityCommand(DOCTOR, "day-20"));
    }

    /** Questions that change nothing, about bookings and windows from before and after the snapshot. */
    private static List<BookSlotCommand> probes() {
        return List.of(
                new BookSlotCommand(DOCTOR, "probe-1", "p-x", slot(3, 10)),        // taken long before the snapshot
                new BookSlotCommand(DOCTOR, "probe-2", "p-x", slot(15, 15)),       // taken after it
                new BookSlotCommand(DOCTOR, "a-3-11", "patient-a-3-11", slot(3, 11)), // a retried request
                new BookSlotCommand(DOCTOR, "a-3-11", "patient-a-3-11", slot(3, 12)), // its id reused elsewhere
                new BookSlotCommand(DOCTOR, "a-1-9", "patient-a-1-9", slot(1, 9)), // retired with day 1
                new BookSlotCommand(DOCTOR, "probe-3", "p-x", slot(17, 9).plusNanos(1)), // off the grid
                new BookSlotCommand(DOCTOR, "probe-4", "p-x", slot(21, 9)));       // no window that day
    }

    private static Instant slot(int day, int hour) {
        return START.plus(Duration.ofDays(day)).plus(Duration.ofHours(hour));
    }

    private void book(String appointmentId, int day, int hour) {
        SlotBookingOutcome outcome = decide(new BookSlotCommand(DOCTOR, appointmentId, "patient-" + appointmentId,
                slot(day, hour)));
        assertThat(outcome.booking()).as("booking %s: %s", appointmentId, outcome.refusal()).isNotNull();
    }

    private SlotBookingOutcome decide(BookSlotCommand command) {
        return axon.commandGateway().sendAndWait(command);
    }

    private void send(Object command) {
        axon.commandGateway().sendAndWait(command);
    }

    /** The schedule as the application configures it: snapshot every 100 events, cached between commands. */
    private Configuration start() {
        var configuration = DefaultConfigurer.defaultConfiguration(false) // local buses, no Axon Server
                .configureEmbeddedEventStore(c -> storage)
                .registerComponent(Clock.class, c -> clock)
                .registerComponent(SchedulingPolicy.class, c -> SchedulingPolicy.defaults())
                .registerComponent(ScheduleViews.class, c -> new ScheduleViews())
                .configureAggregate(AggregateConfigurer.defaultConfiguration(DoctorSchedule.class)
                        .configureSnapshotTrigger(c -> new EventCountSnapshotTriggerDefinition(c.snapshotter(), 100))
                        .configureCache(c -> new WeakReferenceCache()))
                .buildConfiguration();
        configuration.start();
        return configuration;
    }

}
