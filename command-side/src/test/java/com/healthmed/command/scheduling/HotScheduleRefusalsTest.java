package com.healthmed.command.scheduling;

import com.healthmed.command.shared.BoundedAggregateCache;
import com.healthmed.command.shared.VerifiedAggregateCache;
import com.healthmed.schema.scheduling.AvailabilityWindowSpec;
import com.healthmed.schema.scheduling.BookSlotCommand;
import com.healthmed.schema.scheduling.OpenDoctorScheduleCommand;
import com.healthmed.schema.scheduling.PublishAvailabilityCommand;
import com.healthmed.schema.scheduling.ReleaseSlotCommand;
import com.healthmed.schema.scheduling.SlotBookingOutcome;
import com.healthmed.schema.shared.Money;
import com.healthmed.schema.shared.RejectionReason;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The refusal path that takes no lock ({@link HotScheduleRefusals}) through real Axon configurations: one node, or
 * two nodes on one event store as in the standalone platform with several nodes (cached schedules verified against
 * the store). It must answer exactly what the schedule itself would, and it must actually spare the schedule.
 */
class HotScheduleRefusalsTest {

    private static final String DOCTOR = "doctor-hot";
    private static final Instant NOW = Instant.parse("2026-12-01T08:00:00Z");
    /** Tomorrow 09:00–13:00 UTC, four 50-minute slots every hour. */
    private static final Instant FIRST_SLOT = Instant.parse("2026-12-02T09:00:00Z");
    private static final int SLOTS = 4;

    private final SettableClock clock = new SettableClock(NOW);
    private final List<Configuration> nodes = new ArrayList<>();

    /** A node, and how many bookings went past the fast path to the schedule. */
    private record Node(Configuration axon, AtomicInteger reachedSchedule) {

        SlotBookingOutcome book(String appointmentId, String patientId, int slot) {
            return axon.commandGateway().sendAndWait(new BookSlotCommand(DOCTOR, appointmentId, patientId,
                    FIRST_SLOT.plus(Duration.ofHours(slot))));
        }

        void release(String appointmentId) {
            axon.commandGateway().sendAndWait(new ReleaseSlotCommand(DOCTOR, appointmentId, "cancelled"));
        }
    }

    @AfterEach
    void stop() {
        nodes.forEach(Configuration::shutdown);
    }

    @Test
    void aTakenSlotIsRefusedWithoutTheScheduleAndIsBookableAgainOnceReleased() {
        Node node = node(new InMemoryEventStorageEngine(), true, true);
        openWithSlots(node);

        assertThat(node.book("a1", "p1", 0).booking()).isNotNull();
        int reached = node.reachedSchedule().get();
        assertRefused(node.book("a2", "p2", 0), RejectionReason.SLOT_UNAVAILABLE);
        assertRefused(node.book("a3", "p3", 0), RejectionReason.SLOT_UNAVAILABLE);
        assertThat(node.reachedSchedule()).as("refusals answered without the schedule").hasValue(reached);

        // a retried request is answered as the first time, by the schedule: never refused as "taken by someone"
        assertThat(node.book("a1", "p1", 0).booking()).isNotNull();
        // a free slot next to the taken one is booked
        assertThat(node.book("a4", "p4", 1).booking()).isNotNull();

        node.release("a1");
        assertThat(node.book("a5", "p5", 0).booking()).as("the released slot is free again").isNotNull();
        assertRefused(node.book("a6", "p6", 0), RejectionReason.SLOT_UNAVAILABLE);
    }

    @Test
    void aSlotReleasedOnAnotherNodeIsBookableAtOnceOnThisOne() {
        var store = new InMemoryEventStorageEngine();
        Node one = node(store, true, true);
        Node two = node(store, true, true);
        openWithSlots(one);

        assertThat(one.book("a1", "p1", 2).booking()).isNotNull();
        assertRefused(one.book("a2", "p2", 2), RejectionReason.SLOT_UNAVAILABLE); // node one now holds a copy
        two.release("a1");
        assertThat(one.book("a3", "p3", 2).booking()).as("node one's copy predates the release").isNotNull();
        assertRefused(two.book("a4", "p4", 2), RejectionReason.SLOT_UNAVAILABLE);
    }

    /**
     * Random bookings and releases sent to two nodes with the fast path give, answer by answer, exactly what one node
     * without it gives for the same sequence: no free slot refused, no released slot kept taken, no answer changed.
     */
    @Test
    void twoNodesWithTheFastPathAnswerExactlyLikeOneWithout() {
        var shared = new InMemoryEventStorageEngine();
        List<Node> fast = List.of(node(shared, true, true), node(shared, true, true));
        Node reference = node(new InMemoryEventStorageEngine(), false, false);
        openWithSlots(fast.get(0));
        openWithSlots(reference);
        var random = new Random(20261124L);
        List<String> booked = new ArrayList<>();
        int refusedFast = 0;
        for (int step = 0; step < 400; step++) {
            Node node = fast.get(random.nextInt(fast.size()));
            if (!booked.isEmpty() && random.nextInt(4) == 0) {
                String appointmentId = booked.remove(random.nextInt(booked.size()));
                node.release(appointmentId);
                reference.release(appointmentId);
                continue;
            }
            String appointmentId = "a" + step;
            String patientId = "p" + random.nextInt(12);
            int slot = random.nextInt(SLOTS);
            int before = node.reachedSchedule().get();
            SlotBookingOutcome expected = reference.book(appointmentId, patientId, slot);
            SlotBookingOutcome actual = node.book(appointmentId, patientId, slot);
            assertThat(actual.booking()).as("step %d", step).isEqualTo(expected.booking());
            assertThat(reason(actual)).as("step %d", step).isEqualTo(reason(expected));
            if (actual.booking() != null) {
                booked.add(appointmentId);
            } else if (node.reachedSchedule().get() == before) {
                refusedFast++;
            }
        }
        assertThat(refusedFast).as("the fast path was taken at all").isPositive();
    }

    @Test
    void ofTwoHundredSimultaneousAttemptsOnFourSlotsExactlyFourBook() throws Exception {
        Node node = node(new InMemoryEventStorageEngine(), true, true);
        openWithSlots(node);
        List<Callable<SlotBookingOutcome>> attempts = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            int attempt = i;
            attempts.add(() -> node.book("a" + attempt, "p" + attempt, attempt % SLOTS));
        }
        List<SlotBookingOutcome> outcomes = new ArrayList<>();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Future<SlotBookingOutcome> outcome : executor.invokeAll(attempts)) {
                outcomes.add(outcome.get());
            }
        }
        assertThat(outcomes.stream().filter(o -> o.booking() != null)).hasSize(SLOTS)
                .extracting(o -> o.booking().start()).doesNotHaveDuplicates();
        assertThat(outcomes.stream().filter(o -> o.booking() == null).map(HotScheduleRefusalsTest::reason))
                .hasSize(200 - SLOTS).containsOnly(RejectionReason.SLOT_UNAVAILABLE);
    }

    private static RejectionReason reason(SlotBookingOutcome outcome) {
        return outcome.refusal() == null ? null : outcome.refusal().reason();
    }

    private static void assertRefused(SlotBookingOutcome outcome, RejectionReason reason) {
        assertThat(outcome.booking()).isNull();
        assertThat(outcome.refusal().reason()).isEqualTo(reason);
    }

    private static void openWithSlots(Node node) {
        var gateway = node.axon().commandGateway();
        gateway.sendAndWait(new OpenDoctorScheduleCommand(DOCTOR, Money.brl("200.00")));
        gateway.sendAndWait(new PublishAvailabilityCommand(DOCTOR, List.of(new AvailabilityWindowSpec("w1",
                FIRST_SLOT, FIRST_SLOT.plus(Duration.ofHours(SLOTS)))), 50, 10));
    }

    /** A node as the application configures it; {@code verified}: several nodes may share the store. */
    private Node node(EventStorageEngine store, boolean fastPath, boolean verified) {
        var views = new ScheduleViews();
        Configuration axon = DefaultConfigurer.defaultConfiguration(false)
                .configureEmbeddedEventStore(c -> store)
                .registerComponent(java.time.Clock.class, c -> clock)
                .registerComponent(SchedulingPolicy.class, c -> SchedulingPolicy.defaults())
                .registerComponent(ScheduleViews.class, c -> views)
                .configureAggregate(AggregateConfigurer.defaultConfiguration(DoctorSchedule.class)
                        .configureCache(c -> verified
                                ? new VerifiedAggregateCache(new BoundedAggregateCache(1_000), c::eventStore)
                                : new BoundedAggregateCache(1_000)))
                .buildConfiguration();
        if (fastPath) {
            var otherNodes = verified ? new LatestVersionProbe(id -> axon.eventStore().lastSequenceNumberFor(id)) : null;
            axon.commandBus().registerHandlerInterceptor(
                    new HotScheduleRefusals(views, clock, SchedulingPolicy.defaults(), otherNodes));
        }
        var reached = new AtomicInteger();
        MessageHandlerInterceptor<CommandMessage<?>> counter = (unitOfWork, chain) -> {
            if (unitOfWork.getMessage().getPayload() instanceof BookSlotCommand) {
                reached.incrementAndGet();
            }
            return chain.proceed();
        };
        axon.commandBus().registerHandlerInterceptor(counter);
        axon.start();
        nodes.add(axon);
        return new Node(axon, reached);
    }
}
