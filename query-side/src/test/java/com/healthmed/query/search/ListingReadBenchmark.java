package com.healthmed.query.search;

import com.healthmed.schema.doctor.DoctorRegisteredEvent;
import com.healthmed.schema.doctor.DoctorVerifiedEvent;
import com.healthmed.schema.scheduling.AvailabilityPublishedEvent;
import com.healthmed.schema.scheduling.SlotBookedEvent;
import com.healthmed.schema.shared.Address;
import com.healthmed.schema.shared.GeoPoint;
import com.healthmed.schema.shared.Money;
import com.healthmed.schema.shared.Specialty;
import com.healthmed.schema.shared.Uf;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * A benchmark, not a test (its name keeps it out of the default test run; it times and prints, it asserts no time):
 * the CPU of reading one search page (20 listings by {@code _id}, without their schedules) from the embedded MongoDB
 * server, with the schedule excluded and with the other fields included ({@link DoctorSearch#withoutSchedule}). The
 * listings are shaped like scenario 4's: one day of 30-minute slots, ten of them booked. Client and server share the
 * JVM, so the process CPU per read covers both. Run it with
 * <pre>
 * ./mvnw -B -o -q -pl query-side -am test -Dtest=ListingReadBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
class ListingReadBenchmark {

    private static final int READS = Integer.getInteger("bench.reads", 3_000);
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 10);

    @Test
    void aSearchPageReadWithTheScheduleExcludedAndWithTheRestIncluded() {
        var server = new MongoServer(new MemoryBackend());
        var client = MongoClients.create("mongodb://127.0.0.1:" + server.bind().getPort());
        try {
            var mongo = new MongoTemplate(client, "listing-read-benchmark");
            List<String> page = scenarioFourListings(mongo).subList(0, 20);
            Supplier<Query> excluded = () -> {
                Query query = new Query(where("_id").in(page));
                query.fields().exclude("windows").exclude("bookings").exclude("freeSlots");
                return query;
            };
            Supplier<Query> included = () -> DoctorSearch.withoutSchedule(page);
            var report = new StringBuilder("| round | schedule excluded, µs CPU per page read | rest included |\n|---|---|---|\n");
            for (int round = 1; round <= ROUNDS; round++) {
                report.append("| ").append(round).append(" | ").append(cpuPerRead(mongo, excluded)).append(" | ")
                        .append(cpuPerRead(mongo, included)).append(" |\n");
            }
            System.out.print(report);
        } finally {
            client.close();
            server.shutdownNow();
        }
    }

    private static List<String> scenarioFourListings(MongoTemplate mongo) {
        var clock = new StaticListableBeanFactory().getBeanProvider(Clock.class);
        var projection = new DoctorSearchProjection(mongo, new DoctorSearch(mongo, clock, Duration.ofHours(2)));
        Instant day = Instant.parse("2026-12-10T00:00:00Z");
        List<String> ids = new ArrayList<>();
        for (int d = 0; d < 50; d++) {
            String id = "doctor-" + d;
            projection.on(new DoctorRegisteredEvent(id, "Dr. " + id, id + "-SP", id + "@example.com",
                    List.of(Specialty.CARDIOLOGIA), Money.brl("300.00"), new Address("Rua 1", "São Paulo", Uf.SP),
                    new GeoPoint(-23.55, -46.63), "America/Sao_Paulo"), 0);
            projection.on(new DoctorVerifiedEvent(id, "admin", Money.brl("300.00")), 1);
            projection.on(new AvailabilityPublishedEvent(id, "w1", day, day.plus(Duration.ofDays(1)), 30, 0));
            for (int b = 0; b < 10; b++) {
                Instant start = day.plus(Duration.ofHours(b));
                projection.on(new SlotBookedEvent(id, "a-" + b, "patient", "w1", start, start.plus(Duration.ofMinutes(30)),
                        Money.brl("300.00")));
            }
            ids.add(id);
        }
        return ids;
    }

    private static long cpuPerRead(MongoTemplate mongo, Supplier<Query> query) {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long before = os.getProcessCpuTime();
        for (int i = 0; i < READS; i++) {
            mongo.find(query.get(), DoctorListingDocument.class);
        }
        return (os.getProcessCpuTime() - before) / READS / 1_000;
    }
}
