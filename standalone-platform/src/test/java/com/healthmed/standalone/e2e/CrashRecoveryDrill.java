package com.healthmed.standalone.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClients;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The crash test ({@code ./healthmed crash-test}): the standalone platform as a child JVM on its own data folder,
 * under a booking, upload and grant load, is killed with SIGKILL (the platform JVM; then Keycloak alone; then
 * PostgreSQL alone) and started again on the same folder. After each restart every answer 201 the clients got
 * must exist and read back (appointments, document bytes through their wrapped key, grants), no slot is held
 * twice, no appointment is stored twice, and the read models converge with the event store. The figures go to
 * {@code target/crash-test/report.txt} (and docs/reliability.md). Not part of {@code ./healthmed test}: it starts
 * the platform four times.
 */
class CrashRecoveryDrill {

    private static final int PATIENTS = 6;
    private static final int DOCTORS = 3;
    /** Each phase kills once this many 201 answers were given in it (or after {@link #LOAD_BEFORE_KILL}). */
    private static final int ACKNOWLEDGED_BEFORE_KILL = 40;
    private static final Duration LOAD_BEFORE_KILL = Duration.ofSeconds(40);
    /** The clients keep sending this long after the kill (their requests then fail or hang until the restart). */
    private static final Duration LOAD_AFTER_KILL = Duration.ofSeconds(4);
    private static final int MAX_REQUESTS_PER_CLIENT_AND_PHASE = 150;
    private static final Duration CONVERGED = Duration.ofMinutes(3);

    enum Victim { PLATFORM_JVM, KEYCLOAK, POSTGRESQL }

    record Booking(String appointmentId, String patientId, String doctorId, Instant start) {
    }

    record Upload(String documentId, String patientId, byte[] bytes) {
    }

    record Grant(String grantId, String patientId) {
    }

    /** Everything the clients were told succeeded (201), over all phases. */
    private final ConcurrentLinkedQueue<Booking> bookings = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Upload> uploads = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Grant> grants = new ConcurrentLinkedQueue<>();
    private final Map<String, String> loginById = new LinkedHashMap<>();
    private final List<String> report = new ArrayList<>();

    @Test
    void nothingAcknowledgedIsLostWhenThePlatformKeycloakOrPostgresqlIsKilled() throws Exception {
        Path data = Files.createTempDirectory(Files.createDirectories(Path.of("target/crash-test")), "data-");
        try (var platform = ChildPlatform.start(data, TestPlatform.freePorts())) {
            var api = platform.api();
            List<Scenario.Actor> doctors = new ArrayList<>();
            for (int i = 0; i < DOCTORS; i++) {
                doctors.add(verifiedDoctor(api));
            }
            List<Scenario.Actor> patients = new ArrayList<>();
            for (int i = 0; i < PATIENTS; i++) {
                patients.add(Scenario.patient(api));
            }
            int day = 3;
            for (Victim victim : Victim.values()) {
                var slots = publishDay(api, doctors, day++);
                var before = counts();
                long started = System.nanoTime();
                var outcome = load(platform, api, doctors, patients, slots, victim);
                platform.restart();
                record("%s: %s; phase took %d s".formatted(victim, outcome,
                        Duration.ofNanos(System.nanoTime() - started).toSeconds()));
                var relogged = relogin(platform.api(), doctors, patients);
                verify(platform, relogged.patients());
                record("  after restart, all acknowledged so far read back: %d bookings, %d uploads, %d grants (this phase: +%s)"
                        .formatted(bookings.size(), uploads.size(), grants.size(), counts().minus(before)));
                doctors = relogged.doctors();
                patients = relogged.patients();
            }
        } finally {
            Files.write(Path.of("target/crash-test/report.txt"), report);
            report.forEach(System.out::println);
        }
    }

    private record Counts(int bookings, int uploads, int grants) {
        Counts minus(Counts other) {
            return new Counts(bookings - other.bookings, uploads - other.uploads, grants - other.grants);
        }

        @Override
        public String toString() {
            return bookings + " bookings, " + uploads + " uploads, " + grants + " grants";
        }
    }

    private Counts counts() {
        return new Counts(bookings.size(), uploads.size(), grants.size());
    }

    private void record(String line) {
        report.add(line);
        System.out.println("[crash-test] " + line);
    }

    // ---- load ------------------------------------------------------------------------------------------------

    private String load(ChildPlatform platform, Api api, List<Scenario.Actor> doctors, List<Scenario.Actor> patients,
                        List<Map.Entry<Scenario.Actor, Instant>> slots, Victim victim) throws Exception {
        var acknowledged = new AtomicInteger();
        var refused = new AtomicInteger();
        var failed = new AtomicInteger();
        var stop = new AtomicBoolean();
        ExecutorService clients = Executors.newFixedThreadPool(PATIENTS, Thread.ofPlatform().daemon().factory());
        try {
            for (var patient : patients) {
                clients.submit(() -> {
                    List<String> mine = new ArrayList<>();
                    for (int i = 0; i < MAX_REQUESTS_PER_CLIENT_AND_PHASE && !stop.get(); i++) {
                        try {
                            boolean ok = switch (ThreadLocalRandom.current().nextInt(3)) {
                                case 0 -> book(api, patient, slots);
                                case 1 -> upload(api, patient, mine);
                                default -> grant(api, patient, doctors, mine);
                            };
                            (ok ? acknowledged : refused).incrementAndGet();
                        } catch (RuntimeException unanswered) {
                            failed.incrementAndGet();
                            pause(); // the platform (or part of it) is down: do not spin
                        }
                    }
                    return null;
                });
            }
            long deadline = System.nanoTime() + LOAD_BEFORE_KILL.toNanos();
            while (acknowledged.get() < ACKNOWLEDGED_BEFORE_KILL && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            int beforeKill = acknowledged.get();
            platform.kill(victim);
            Thread.sleep(LOAD_AFTER_KILL.toMillis());
            stop.set(true);
            if (victim != Victim.PLATFORM_JVM) {
                platform.stop(); // what is still running of it: its clients' requests end with it
            }
            clients.shutdown();
            if (!clients.awaitTermination(2, TimeUnit.MINUTES)) {
                throw new AssertionError("the load clients did not stop");
            }
            return "%d answers 201 before the kill, %d in all; %d refusals (409/4xx); %d requests unanswered or failed"
                    .formatted(beforeKill, acknowledged.get(), refused.get(), failed.get());
        } finally {
            clients.shutdownNow();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean book(Api api, Scenario.Actor patient, List<Map.Entry<Scenario.Actor, Instant>> slots) {
        var slot = slots.get(ThreadLocalRandom.current().nextInt(slots.size()));
        var answer = api.post("/api/v1/appointments", Scenario.booking(slot.getKey(), slot.getValue()), patient.token());
        if (answer.status() == 201) {
            bookings.add(new Booking(answer.text("id"), patient.id(), slot.getKey().id(), slot.getValue()));
            return true;
        }
        return refusedOrFail(answer);
    }

    private boolean upload(Api api, Scenario.Actor patient, List<String> mine) {
        byte[] bytes = ("%PDF-1.4\n% crash-test " + java.util.UUID.randomUUID() + "\n%%EOF\n")
                .getBytes(StandardCharsets.UTF_8);
        var answer = api.multipart("/api/v1/records/me/documents", patient.token(), Map.of("group", "exams"),
                "exam.pdf", "application/pdf", bytes);
        if (answer.status() == 201) {
            uploads.add(new Upload(answer.text("documentId"), patient.id(), bytes));
            mine.add(answer.text("documentId"));
            return true;
        }
        return refusedOrFail(answer);
    }

    private boolean grant(Api api, Scenario.Actor patient, List<Scenario.Actor> doctors, List<String> mine) {
        var body = Api.JSON.createObjectNode()
                .put("doctorId", doctors.get(ThreadLocalRandom.current().nextInt(doctors.size())).id())
                .put("durationHours", 24);
        if (mine.isEmpty()) {
            body.putArray("groups").add("exams");
        } else {
            body.putArray("documentIds").add(mine.get(ThreadLocalRandom.current().nextInt(mine.size())));
        }
        var answer = api.post("/api/v1/records/me/grants", body, patient.token());
        if (answer.status() == 201) {
            grants.add(new Grant(answer.text("grantId"), patient.id()));
            return true;
        }
        return refusedOrFail(answer);
    }

    /** A 4xx is an answer (nothing promised); a 5xx is a request that did not complete. */
    private static boolean refusedOrFail(Api.Response answer) {
        if (answer.status() >= 500) {
            throw new IllegalStateException("unanswered: " + answer.status());
        }
        return false;
    }

    // ---- set-up ----------------------------------------------------------------------------------------------

    private Scenario.Actor verifiedDoctor(Api api) {
        var body = People.doctor();
        String id = api.post("/api/v1/doctors", body, null).text("id");
        String admin = api.login("admin", "healthmed-dev-admin");
        var verified = api.post("/api/v1/admin/doctors/" + id + "/verification", "{}", admin);
        assertThat(verified.status()).as(verified.toString()).isEqualTo(200);
        String login = body.at("/crm/number").asText() + "-SP";
        loginById.put(id, login);
        return new Scenario.Actor(id, api.login(login, People.PASSWORD), body);
    }

    /** A 12-hour window of hourly slots per doctor, {@code day} days from now; returns every slot. */
    private static List<Map.Entry<Scenario.Actor, Instant>> publishDay(Api api, List<Scenario.Actor> doctors, int day) {
        Instant start = Instant.now().plus(Duration.ofDays(day)).truncatedTo(java.time.temporal.ChronoUnit.HOURS);
        List<Map.Entry<Scenario.Actor, Instant>> slots = new ArrayList<>();
        for (var doctor : doctors) {
            Scenario.publish(api, doctor, start, 12);
            for (int hour = 0; hour < 12; hour++) {
                slots.add(Map.entry(doctor, start.plus(Duration.ofHours(hour))));
            }
        }
        return slots;
    }

    private record Actors(List<Scenario.Actor> doctors, List<Scenario.Actor> patients) {
    }

    /** Fresh tokens after a restart (the old ones may have expired meanwhile; Keycloak kept its keys either way). */
    private Actors relogin(Api api, List<Scenario.Actor> doctors, List<Scenario.Actor> patients) {
        var newDoctors = doctors.stream().map(d -> new Scenario.Actor(d.id(),
                api.login(loginById.get(d.id()), People.PASSWORD), d.registration())).toList();
        var newPatients = patients.stream().map(p -> new Scenario.Actor(p.id(),
                api.login(p.registration().get("email").asText(), People.PASSWORD), p.registration())).toList();
        return new Actors(newDoctors, newPatients);
    }

    // ---- checks ----------------------------------------------------------------------------------------------

    private void verify(ChildPlatform platform, List<Scenario.Actor> patients) throws Exception {
        var api = platform.api();
        Map<String, String> tokens = new HashMap<>();
        patients.forEach(p -> tokens.put(p.id(), p.token()));

        // the read models catch up from their tokens first
        await().atMost(CONVERGED).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            var store = platform.eventStoreCounts();
            var read = platform.readStoreCounts();
            assertThat(read).as("read models against the event store").isEqualTo(store);
        });

        for (var booking : bookings) {
            var read = api.get("/api/v1/appointments/" + booking.appointmentId(), tokens.get(booking.patientId()));
            assertThat(read.status()).as("acknowledged booking " + booking + ": " + read).isEqualTo(200);
            assertThat(read.text("doctorId")).isEqualTo(booking.doctorId());
            assertThat(Instant.parse(read.text("start"))).isEqualTo(booking.start());
        }
        assertThat(bookings.stream().map(b -> b.doctorId() + "@" + b.start()).distinct().count())
                .as("no slot acknowledged to two bookings").isEqualTo(bookings.size());
        var requests = platform.appointmentRequests();
        Map<String, Long> perAppointment = requests.stream().collect(java.util.stream.Collectors.groupingBy(
                e -> e.path("appointmentId").asText(), java.util.stream.Collectors.counting()));
        // nothing is released during the drill (requests expire after 48 h), so a slot is held at most once
        Map<String, Long> perSlot = requests.stream().collect(java.util.stream.Collectors.groupingBy(
                e -> e.path("doctorId").asText() + "@" + e.path("start").asText(), java.util.stream.Collectors.counting()));
        assertThat(perAppointment.values()).as("appointments stored more than once").allMatch(n -> n == 1);
        assertThat(perSlot.values()).as("slots held by two requests").allMatch(n -> n == 1);
        assertThat(perAppointment.keySet()).as("every acknowledged booking is in the event store")
                .containsAll(bookings.stream().map(Booking::appointmentId).toList());

        for (var upload : uploads) {
            byte[] stored = api.bytes("/api/v1/records/me/documents/" + upload.documentId() + "/content",
                    tokens.get(upload.patientId()));
            assertThat(stored).as("bytes of acknowledged upload " + upload.documentId()).isEqualTo(upload.bytes());
        }
        Set<String> uploaders = new HashSet<>();
        uploads.forEach(u -> uploaders.add(u.patientId()));
        assertThat(platform.wrappedKeys()).as("a wrapped data key per patient with documents").containsAll(uploaders);

        for (var patient : patients) {
            var listed = api.get("/api/v1/records/me/grants", patient.token());
            assertThat(listed.status()).isEqualTo(200);
            var ids = new HashSet<>(listed.body().findValuesAsText("grantId"));
            grants.stream().filter(g -> g.patientId().equals(patient.id()))
                    .forEach(g -> assertThat(ids).as("acknowledged grant").contains(g.grantId()));
        }
    }

    // ---- the platform as a child process ---------------------------------------------------------------------

    /** The standalone platform in a JVM of its own, as {@code ./healthmed run} starts it, so it can be killed. */
    static final class ChildPlatform implements AutoCloseable {

        private static final Duration READY = Duration.ofMinutes(6);
        private static final Duration GRACEFUL_STOP = Duration.ofSeconds(90);

        private final Path data;
        private final com.healthmed.standalone.PlatformSettings.Ports ports;
        private Process process;
        private int starts;

        private ChildPlatform(Path data, com.healthmed.standalone.PlatformSettings.Ports ports) {
            this.data = data;
            this.ports = ports;
        }

        static ChildPlatform start(Path data, com.healthmed.standalone.PlatformSettings.Ports ports) throws Exception {
            var child = new ChildPlatform(data, ports);
            try {
                child.launch();
            } catch (Exception | Error e) {
                child.close();
                throw e;
            }
            return child;
        }

        Api api() {
            return new Api("http://127.0.0.1:" + ports.api());
        }

        private void launch() throws Exception {
            String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            Path log = data.resolveSibling(data.getFileName() + "-platform-" + (++starts) + ".log");
            var command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx1g", "-Daxoniq.update-checker.disabled=true", "-cp", classpath,
                    "com.healthmed.standalone.StandalonePlatformApplication",
                    "--healthmed.standalone.data-dir=" + data.toAbsolutePath(),
                    "--healthmed.standalone.ports.api=" + ports.api(),
                    "--healthmed.standalone.ports.keycloak=" + ports.keycloak(),
                    "--healthmed.standalone.ports.keycloak-management=" + ports.keycloakManagement(),
                    "--healthmed.standalone.ports.postgres=" + ports.postgres(),
                    "--healthmed.standalone.ports.mongo=" + ports.mongo(),
                    "--healthmed.standalone.ports.kafka=" + ports.kafka(),
                    "--healthmed.standalone.ports.smtp=" + ports.smtp(),
                    "--healthmed.standalone.ports.imap=" + ports.imap(),
                    "--healthmed.standalone.ports.management=" + ports.management());
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            long deadline = System.nanoTime() + READY.toNanos();
            while (!ready()) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the platform exited with " + process.exitValue() + ", see " + log);
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the platform was not ready after " + READY + ", see " + log);
                }
                Thread.sleep(1000);
            }
        }

        /** The banner is printed once everything, Keycloak included, is up. */
        private boolean ready() throws IOException {
            Path log = data.resolveSibling(data.getFileName() + "-platform-" + starts + ".log");
            return Files.exists(log) && Files.readString(log, StandardCharsets.ISO_8859_1).contains("Health&Med is up");
        }

        void kill(Victim victim) throws IOException {
            switch (victim) {
                case PLATFORM_JVM -> process.toHandle().destroyForcibly();
                case KEYCLOAK -> keycloak().ifPresent(kc -> {
                    kc.descendants().forEach(ProcessHandle::destroyForcibly);
                    kc.destroyForcibly();
                });
                case POSTGRESQL -> postgres().ifPresent(ProcessHandle::destroyForcibly);
            }
        }

        /** SIGTERM (the platform's own shutdown), SIGKILL if that does not finish in time. */
        void stop() throws InterruptedException {
            if (process != null && process.isAlive()) {
                process.destroy();
                if (!process.waitFor(GRACEFUL_STOP.toSeconds(), TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                }
            }
        }

        void restart() throws Exception {
            stop();
            process.waitFor(30, TimeUnit.SECONDS);
            launch(); // leftovers of the killed JVM (Keycloak, PostgreSQL) are stopped by the platform's own start
        }

        /** Checked by command line: a stale PID file may name an unrelated process by now. */
        private java.util.Optional<ProcessHandle> keycloak() throws IOException {
            return pidIn(data.resolve("keycloak/keycloak.pid"))
                    .filter(p -> p.info().commandLine().orElse("").contains("kc.sh"));
        }

        private java.util.Optional<ProcessHandle> postgres() throws IOException {
            return pidIn(data.resolve("postgres/postmaster.pid"))
                    .filter(p -> p.info().command().orElse("").contains("postgres"));
        }

        private static java.util.Optional<ProcessHandle> pidIn(Path file) throws IOException {
            if (!Files.isRegularFile(file)) {
                return java.util.Optional.empty();
            }
            String first = Files.readAllLines(file).stream().findFirst().orElse("").strip();
            return first.matches("\\d+") ? ProcessHandle.of(Long.parseLong(first)) : java.util.Optional.empty();
        }

        // ---- looking into the stores directly ----

        private java.sql.Connection sql() throws SQLException {
            return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + ports.postgres() + "/healthmed", "postgres", "");
        }

        private long countEvents(String... types) throws SQLException {
            long total = 0;
            try (var connection = sql(); var statement = connection.prepareStatement(
                    "SELECT count(*) FROM domainevententry WHERE payloadtype LIKE ?")) {
                for (String type : types) {
                    statement.setString(1, "%." + type);
                    try (var rows = statement.executeQuery()) {
                        rows.next();
                        total += rows.getLong(1);
                    }
                }
            }
            return total;
        }

        /** What each read model must hold, from the event store (this data folder only ever saw the drill). */
        Map<String, Long> eventStoreCounts() throws SQLException {
            Map<String, Long> counts = new LinkedHashMap<>();
            counts.put("appointments", countEvents("AppointmentRequestedEvent"));
            counts.put("record_documents", countEvents("DocumentAddedEvent", "MedicalReportAddedEvent")
                    - countEvents("DocumentRemovedEvent"));
            counts.put("record_grants", countEvents("AccessGrantedEvent"));
            counts.put("record_access_log", countEvents("DocumentAccessedEvent", "DocumentAccessRefusedEvent"));
            return counts;
        }

        Map<String, Long> readStoreCounts() {
            try (var mongo = MongoClients.create("mongodb://127.0.0.1:" + ports.mongo())) {
                var db = mongo.getDatabase("healthmed");
                Map<String, Long> counts = new LinkedHashMap<>();
                for (String collection : List.of("appointments", "record_documents", "record_grants", "record_access_log")) {
                    counts.put(collection, db.getCollection(collection).countDocuments());
                }
                return counts;
            }
        }

        Set<String> wrappedKeys() {
            try (var mongo = MongoClients.create("mongodb://127.0.0.1:" + ports.mongo())) {
                Set<String> owners = new HashSet<>();
                mongo.getDatabase("healthmed").getCollection("record_keys").find()
                        .forEach((Document key) -> {
                            if (key.get("wrapped") != null) {
                                owners.add(key.getString("_id"));
                            }
                        });
                return owners;
            }
        }

        /** The stored appointment requests (payloads). */
        List<JsonNode> appointmentRequests() throws Exception {
            List<JsonNode> requests = new ArrayList<>();
            try (var connection = sql(); var statement = connection.prepareStatement(
                    "SELECT convert_from(payload, 'UTF8') FROM domainevententry WHERE payloadtype LIKE ?")) {
                statement.setString(1, "%.AppointmentRequestedEvent");
                try (var rows = statement.executeQuery()) {
                    while (rows.next()) {
                        requests.add(Api.JSON.readTree(rows.getString(1)));
                    }
                }
            }
            return requests;
        }

        /** Stops the platform and whatever of it survived a kill (Keycloak and PostgreSQL run as processes of their own). */
        @Override
        public void close() throws Exception {
            stop();
            for (var leftover : List.of(keycloak(), postgres())) {
                leftover.ifPresent(p -> {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly();
                });
            }
        }
    }
}
