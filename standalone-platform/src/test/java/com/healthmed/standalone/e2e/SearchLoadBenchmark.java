package com.healthmed.standalone.e2e;

import com.healthmed.query.search.SyntheticDoctors;
import com.healthmed.schema.search.DoctorSearchPageResponse;
import com.healthmed.schema.search.DoctorSort;
import com.healthmed.schema.search.SearchDoctorsQuery;
import com.healthmed.schema.shared.Specialty;
import com.healthmed.schema.shared.Uf;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.data.mongodb.core.MongoTemplate;

import com.healthmed.query.search.DoctorSearchIndex;
import com.healthmed.query.search.DoctorSearchIndexFeed;

import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Latency of representative doctor searches at several read-model sizes, in process (through Axon's query
 * bus) and over HTTP (gateway, real token), on the embedded MongoDB-compatible server. A benchmark, not a
 * test: it writes {@code target/benchmarks/search.md}. Run with {@code ./healthmed bench}.
 */
@ExtendWith(TestPlatform.class)
class SearchLoadBenchmark {

    private static final int[] SIZES = Arrays.stream(System.getProperty("bench.searchSizes", "10000,100000").split(","))
            .mapToInt(Integer::parseInt).toArray();
    private static final int REPETITIONS = Integer.getInteger("bench.searchRepetitions", 20);

    private final Api api = TestPlatform.api();
    private final StringBuilder report = new StringBuilder();

    @Test
    void measure() throws Exception {
        var mongo = TestPlatform.bean(MongoTemplate.class);
        var queries = TestPlatform.bean(QueryGateway.class);
        Instant weekStart = Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.DAYS);
        Map<String, SearchDoctorsQuery> searches = new LinkedHashMap<>();
        searches.put("specialty + city (Cardiologia, São Paulo)", new SearchDoctorsQuery(Specialty.CARDIOLOGIA,
                "sao paulo", Uf.SP, null, null, null, null, null, null, null, null, 0, 20));
        searches.put("25 km around Campinas, by distance", new SearchDoctorsQuery(null, null, null, -22.9056, -47.0608,
                25.0, null, null, null, null, DoctorSort.DISTANCE, 0, 20));
        searches.put("specialty + free in the next 7 days, by next slot", new SearchDoctorsQuery(Specialty.PEDIATRIA,
                null, null, null, null, null, null, null, weekStart, weekStart.plus(Duration.ofDays(7)),
                DoctorSort.NEXT_AVAILABLE, 0, 20));
        searches.put("rating >= 4.5 and price <= 200, by price", new SearchDoctorsQuery(null, null, null, null, null,
                null, 4.5, new BigDecimal("200"), null, null, DoctorSort.PRICE, 0, 20));
        searches.put("everyone, by rating, page 3", new SearchDoctorsQuery(null, null, null, null, null, null, null,
                null, null, null, DoctorSort.RATING, 3, 20));
        Map<String, String> urls = Map.of(
                "specialty + city (Cardiologia, São Paulo)", "specialty=Cardiologia&city=sao%20paulo&state=SP",
                "25 km around Campinas, by distance", "lat=-22.9056&lng=-47.0608&radiusKm=25&sort=distance",
                "specialty + free in the next 7 days, by next slot", "specialty=Pediatria&availableFrom=" + weekStart
                        + "&availableTo=" + weekStart.plus(Duration.ofDays(7)) + "&sort=nextAvailable",
                "rating >= 4.5 and price <= 200, by price", "minRating=4.5&maxPrice=200&sort=price",
                "everyone, by rating, page 3", "sort=rating&page=3");

        DoctorSearchIndexFeed feed = null; // absent with -Dhealthmed.search.index.enabled=false (the collection alone)
        try {
            feed = TestPlatform.bean(DoctorSearchIndexFeed.class);
        } catch (NoSuchBeanDefinitionException e) {
            report.append("Index disabled: every search reads the collection.\n\n");
        }
        var index = TestPlatform.bean(DoctorSearchIndex.class);
        for (int size : SIZES) {
            long loadStart = System.nanoTime();
            SyntheticDoctors.load(mongo, size, 42, Instant.now());
            long loadMillis = (System.nanoTime() - loadStart) / 1_000_000;
            report.append("### N = ").append(size).append(" doctors (documents written in ").append(loadMillis).append(" ms");
            if (feed != null) {
                // the synthetic documents bypass the events: the index is rebuilt from the collection
                long indexStart = System.nanoTime();
                feed.rebuild().get(30, TimeUnit.MINUTES);
                long indexMillis = (System.nanoTime() - indexStart) / 1_000_000;
                System.gc();
                var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
                report.append("; index of ").append(index.size()).append(" doctors built in ").append(indexMillis)
                        .append(" ms, ").append(index.memoryBytes() / (1024 * 1024)).append(" MiB; JVM heap used after GC ")
                        .append(heap.getUsed() / (1024 * 1024)).append(" MiB");
            } else {
                report.append("; no index: healthmed.search.index.enabled=false");
            }
            report.append(")\n\n")
                    .append("| search | matches | in process p50 / p99 | over HTTP p50 / p99 |\n|---|---|---|---|\n");
            for (var search : searches.entrySet()) {
                String token = Scenario.patient(api).token(); // a fresh one: a large run outlives an access token
                Supplier<DoctorSearchPageResponse> inProcess = () -> queries.query(search.getValue(),
                        ResponseTypes.instanceOf(DoctorSearchPageResponse.class)).join();
                long matches = inProcess.get().total();
                long[] local = time(() -> inProcess.get().total());
                long[] http = time(() -> {
                    var response = api.get("/api/v1/doctors?" + urls.get(search.getKey()), token);
                    if (response.status() != 200) {
                        throw new AssertionError(response.toString());
                    }
                    return response.status();
                });
                report.append("| ").append(search.getKey()).append(" | ").append(matches).append(" | ")
                        .append(local[0]).append(" / ").append(local[1]).append(" ms | ")
                        .append(http[0]).append(" / ").append(http[1]).append(" ms |\n");
            }
            report.append('\n');
            // after every size: a long run that fails later keeps what it measured
            Path out = Path.of("target/benchmarks/search.md");
            Files.createDirectories(out.getParent());
            Files.writeString(out, report.toString());
            System.out.println(report);
        }
    }

    /** One warm-up, then REPETITIONS timed calls: {p50, p99} in ms. */
    private static long[] time(Supplier<?> call) {
        call.get();
        long[] millis = new long[REPETITIONS];
        for (int i = 0; i < REPETITIONS; i++) {
            long start = System.nanoTime();
            call.get();
            millis[i] = (System.nanoTime() - start) / 1_000_000;
        }
        Arrays.sort(millis);
        return new long[]{millis[(int) Math.ceil(0.5 * REPETITIONS) - 1], millis[(int) Math.ceil(0.99 * REPETITIONS) - 1]};
    }
}
