package com.healthmed.standalone.e2e;

import com.healthmed.schema.scheduling.DoctorScheduleId;
import com.healthmed.standalone.StandalonePlatform;
import jakarta.mail.Address;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static com.healthmed.standalone.e2e.Scenario.booking;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two platform nodes on one event store: the test platform and a second node joined to it (as
 * {@code ./healthmed node --join} starts one). The processing groups' segments are shared between them, the
 * booking invariant holds whichever node a request reaches, a node never decides on a schedule another node has
 * changed since it cached it, and when the second node stops the first takes all the work back without sending
 * an e-mail twice.
 */
@ExtendWith(TestPlatform.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SeveralNodesIT {

    private static final int SEGMENTS = 4;
    private static final int CONTENDERS = 200;
    private static final Duration TAKEOVER = Duration.ofSeconds(60);

    private static StandalonePlatform second;
    private static Api secondApi;
    private final Api firstApi = TestPlatform.api();

    @BeforeAll
    static void joinSecondNode() throws Exception {
        second = TestPlatform.joinNode();
        secondApi = new Api(second.apiUrl());
    }

    @AfterAll
    static void stopSecondNode() {
        if (second != null) {
            second.close();
            second = null;
        }
        // the later test classes run on the first node alone: let it hold every segment again first
        await().atMost(TAKEOVER).until(() -> owners().values().stream().allMatch(Set.of(TestPlatform.nodeId())::equals));
    }

    private static String secondNodeId() {
        return "127.0.0.1:" + second.settings().ports().api();
    }

    /** Owner of each segment, per processing group (null: not claimed at the moment). */
    private static Map<String, List<String>> segmentOwners() {
        Map<String, List<String>> owners = new TreeMap<>();
        TestPlatform.eventStoreSql().query("SELECT processorname, owner FROM tokenentry ORDER BY processorname, segment",
                row -> {
                    owners.computeIfAbsent(row.getString(1), k -> new ArrayList<>()).add(row.getString(2));
                });
        return owners;
    }

    private static Map<String, Set<String>> owners() {
        return segmentOwners().entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                e -> e.getValue().stream().map(String::valueOf).collect(Collectors.toSet())));
    }

    @Test
    @Order(1)
    void theProcessingGroupsSegmentsAreSharedBetweenTheNodes() {
        var both = Set.of(TestPlatform.nodeId(), secondNodeId());
        await().atMost(TAKEOVER).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            var owners = segmentOwners();
            assertThat(owners).as("groups").containsKeys("appointments", "doctor-search", "appointment-notifications",
                    "analytics-publisher");
            owners.forEach((group, segments) -> {
                assertThat(segments).as(group + " segments").hasSize(SEGMENTS);
                // a fair share each: two segments per node
                assertThat(segments.stream().collect(Collectors.groupingBy(String::valueOf, Collectors.counting())))
                        .as(group + " owners").containsOnlyKeys(both).containsValues(2L);
            });
        });
    }

    @Test
    @Order(2)
    void ofSimultaneousBookingsOfOneSlotOverBothNodesExactlyOneWins() throws Exception {
        var doctor = Scenario.verifiedDoctor(firstApi);
        Instant slot = Scenario.hoursFromNow(12);
        Scenario.publish(firstApi, doctor, slot, 1);
        var contenders = patients(CONTENDERS);

        List<Api.Response> responses = Simultaneous.calls(IntStream.range(0, CONTENDERS)
                .mapToObj(i -> (Callable<Api.Response>) () -> node(i).post("/api/v1/appointments",
                        booking(doctor, slot), contenders.get(i).token()))
                .toList());

        Map<Integer, Long> byStatus = responses.stream().collect(Collectors.groupingBy(Api.Response::status, Collectors.counting()));
        assertThat(byStatus).as("statuses, others: %s", responses.stream().filter(r -> r.status() != 201 && r.status() != 409)
                .toList()).containsOnlyKeys(201, 409);
        assertThat(byStatus.get(201)).isEqualTo(1);
        assertThat(byStatus.get(409)).isEqualTo(CONTENDERS - 1L);
        assertThat(TestPlatform.storedEvents(DoctorScheduleId.of(doctor.id()), "SlotBookedEvent")).isEqualTo(1);
        String appointment = responses.stream().filter(r -> r.status() == 201).findFirst().orElseThrow().text("id");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                TestPlatform.storedEvents(appointment, "AppointmentRequestedEvent")).isEqualTo(1));
        for (Api node : List.of(firstApi, secondApi)) {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                    node.get("/api/v1/doctors/me/appointments", doctor.token()).body().path("total").asInt()).isEqualTo(1));
        }
    }

    @Test
    @Order(3)
    void distinctSlotsBookedOverBothNodesAllSucceedAndBothNodesShowThem() throws Exception {
        int slots = 24;
        var doctor = Scenario.verifiedDoctor(firstApi);
        Instant first = Scenario.hoursFromNow(13);
        Scenario.publish(secondApi, doctor, first, slots);
        var patients = patients(slots);

        List<Api.Response> responses = Simultaneous.calls(IntStream.range(0, slots)
                .mapToObj(i -> (Callable<Api.Response>) () -> node(i).post("/api/v1/appointments",
                        booking(doctor, first.plus(Duration.ofHours(i))), patients.get(i).token()))
                .toList());

        assertThat(responses).extracting(Api.Response::status)
                .as("refusals: %s", responses.stream().filter(r -> r.status() != 201).toList())
                .containsOnly(201).hasSize(slots);
        assertThat(TestPlatform.storedEvents(DoctorScheduleId.of(doctor.id()), "SlotBookedEvent")).isEqualTo(slots);
        for (Api node : List.of(firstApi, secondApi)) {
            for (int i = 0; i < slots; i++) {
                assertThat(node.get("/api/v1/appointments/" + responses.get(i).text("id"), patients.get(i).token()).status())
                        .as("appointment %d read on %s", i, node).isEqualTo(200);
            }
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                    node.get("/api/v1/doctors/me/appointments", doctor.token()).body().path("total").asInt()).isEqualTo(slots));
        }
    }

    /**
     * Each node caches the schedules it worked on. The other node's change must count at once: a window published
     * through one node is bookable through the other, although the other cached the schedule before it existed.
     */
    @Test
    @Order(4)
    void aNodeNeverDecidesOnAScheduleTheOtherNodeChangedSinceItCachedIt() {
        var doctor = Scenario.verifiedDoctor(firstApi);
        var patient = Scenario.patient(firstApi);
        Instant day = Scenario.hoursFromNow(14);
        Scenario.publish(firstApi, doctor, day, 1);
        // both nodes now hold the schedule in their caches
        assertThat(firstApi.post("/api/v1/appointments", booking(doctor, day), patient.token()).status()).isEqualTo(201);
        assertThat(secondApi.post("/api/v1/appointments", booking(doctor, day), patient.token()).status()).isEqualTo(409);

        Instant later = day.plus(Duration.ofHours(3));
        Scenario.publish(secondApi, doctor, later, 1);
        assertThat(firstApi.post("/api/v1/appointments", booking(doctor, later), patient.token()).status())
                .as("booked on the first node in a window published through the second").isEqualTo(201);

        Instant evenLater = day.plus(Duration.ofHours(6));
        Scenario.publish(firstApi, doctor, evenLater, 1);
        assertThat(secondApi.post("/api/v1/appointments", booking(doctor, evenLater), patient.token()).status())
                .as("booked on the second node in a window published through the first").isEqualTo(201);
        assertThat(TestPlatform.storedEvents(DoctorScheduleId.of(doctor.id()), "SlotBookedEvent")).isEqualTo(3);
    }

    @Test
    @Order(5)
    void whenTheSecondNodeStopsTheFirstTakesOverEverySegmentAndSendsEachEmailOnce() throws Exception {
        var doctor = Scenario.verifiedDoctor(firstApi);
        String doctorEmail = doctor.registration().get("email").asText();
        Instant first = Scenario.hoursFromNow(15);
        int slots = 16;
        Scenario.publish(firstApi, doctor, first, slots);
        var patients = patients(slots);
        List<String> booked = new ArrayList<>();

        // bookings on both nodes, then more on the first while the second is stopping, then more after
        for (int i = 0; i < 6; i++) {
            booked.add(book(node(i), doctor, patients.get(i), first.plus(Duration.ofHours(i))));
        }
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<String>> during = new ArrayList<>();
            for (int i = 6; i < 11; i++) {
                int slot = i;
                during.add(pool.submit(() -> book(firstApi, doctor, patients.get(slot), first.plus(Duration.ofHours(slot)))));
            }
            stopSecond();
            for (var booking : during) {
                booked.add(booking.get());
            }
        }
        await().atMost(TAKEOVER).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> segmentOwners().forEach(
                (group, segments) -> assertThat(segments).as(group).hasSize(SEGMENTS).containsOnly(TestPlatform.nodeId())));
        for (int i = 11; i < slots; i++) {
            booked.add(book(firstApi, doctor, patients.get(i), first.plus(Duration.ofHours(i))));
        }

        // everything is projected, by the first node alone now (requests may expire meanwhile: read each one)
        for (int i = 0; i < slots; i++) {
            String appointment = booked.get(i);
            var patient = patients.get(i);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(TestPlatform.storedEvents(appointment, "AppointmentRequestedEvent")).isEqualTo(1);
                assertThat(firstApi.get("/api/v1/appointments/" + appointment, patient.token()).status()).isEqualTo(200);
            });
        }
        // one e-mail to the doctor per request, none twice: wait for all, then a little more for a late duplicate
        await().atMost(Duration.ofSeconds(30)).until(() -> mailsTo(doctorEmail) >= slots);
        Thread.sleep(3_000);
        assertThat(mailsTo(doctorEmail)).isEqualTo(slots);
    }

    /** Stops the second node (a normal shutdown: it releases its claims) while other requests are served. */
    private static void stopSecond() {
        second.close();
        second = null;
    }

    private String book(Api node, Scenario.Actor doctor, Scenario.Actor patient, Instant start) {
        var response = node.post("/api/v1/appointments", booking(doctor, start), patient.token());
        assertThat(response.status()).as("booking %s", response).isEqualTo(201);
        return response.text("id");
    }

    private static long mailsTo(String address) {
        return TestPlatform.receivedMail().stream().filter(mail -> sentTo(mail, address)).count();
    }

    private static boolean sentTo(MimeMessage mail, String address) {
        try {
            Address[] to = mail.getAllRecipients();
            return to != null && Arrays.stream(to).anyMatch(a -> a instanceof InternetAddress internet
                    && address.equalsIgnoreCase(internet.getAddress()));
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Even requests go to the first node, odd ones to the second. */
    private Api node(int i) {
        return i % 2 == 0 ? firstApi : secondApi;
    }

    private List<Scenario.Actor> patients(int count) throws Exception {
        try (var pool = Executors.newFixedThreadPool(4)) {
            List<Future<Scenario.Actor>> registered = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                // registered half through each node
                Api through = node(i);
                registered.add(pool.submit(() -> Scenario.patient(through)));
            }
            List<Scenario.Actor> actors = new ArrayList<>();
            for (var actor : registered) {
                actors.add(actor.get());
            }
            return actors;
        }
    }
}
