package com.healthmed.standalone.e2e;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static com.healthmed.standalone.e2e.Api.JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Hostile input on every endpoint: broken JSON and multipart, odd content types, values at the edge of what
 * the types can hold (year ±999999999, NaN, int overflow), oversized strings and lists. Each request is
 * sent with a valid token of the role the endpoint wants, so it reaches validation; each must be answered
 * 4xx with {@code application/problem+json} and a stable {@code type}, and must leave the event store and
 * Keycloak's user count exactly as they were.
 */
@ExtendWith(TestPlatform.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputIT {

    private static final String PROBLEMS = "https://healthmed.example/problems/";
    private static final String FAR_FUTURE_DAY = "+999999999-12-31";
    private static final String FAR_PAST_DAY = "-999999999-01-01";
    private static final String FAR_FUTURE = "+999999999-12-31T00:00:00Z";
    private static final String FAR_PAST = "-999999999-01-01T00:00:00Z";
    private static final String UNKNOWN_ID = "00000000-0000-0000-0000-000000000000";
    private static final byte[] PDF = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".getBytes(StandardCharsets.UTF_8);

    enum Caller { ANONYMOUS, PATIENT, DOCTOR, ADMIN }

    /**
     * One hostile request. {@code path} may name fixtures as {@code {doctor}}, {@code {patient}},
     * {@code {appointment}}, {@code {window}}, {@code {document}}, {@code {grant}}; {@code endpoint} is the
     * endpoint it attacks (for the coverage check); {@code status} is the exact status expected, or 0 for any
     * 4xx; {@code field} the field the problem must name, or null.
     */
    record Hostile(String name, String endpoint, Caller caller, String method, String path,
                   Map<String, String> headers, Supplier<byte[]> body, int status, String field) {

        Hostile expect(int exactStatus) {
            return new Hostile(name, endpoint, caller, method, path, headers, body, exactStatus, field);
        }

        /** The command side decides (e.g. 422 beyond-booking-horizon): any 4xx problem will do. */
        Hostile refusedByTheDomain() {
            return expect(0);
        }

        Hostile naming(String expectedField) {
            return new Hostile(name, endpoint, caller, method, path, headers, body, status, expectedField);
        }

        @Override
        public String toString() {
            return endpoint + " — " + name;
        }
    }

    private Api api;
    private final Map<Caller, String> tokens = new LinkedHashMap<>();
    private final Map<String, String> ids = new LinkedHashMap<>();
    private String patientUsername;
    private String refreshToken;
    private Instant freeSlot;

    @BeforeAll
    void fixtures() {
        api = TestPlatform.api();
        var patient = Scenario.patient(api);
        var doctor = Scenario.verifiedDoctor(api);
        Instant windowStart = Scenario.hoursFromNow(3);
        String window = Scenario.publish(api, doctor, windowStart, 4);
        String appointment = Scenario.requestedAppointment(api, doctor, patient, windowStart);
        // confirmed, so that no answer deadline fires while the suite counts events
        assertThat(api.post("/api/v1/appointments/" + appointment + "/acceptance", "{}", doctor.token()).status())
                .isEqualTo(200);
        freeSlot = windowStart.plus(Duration.ofHours(2));
        var uploaded = api.multipart("/api/v1/records/me/documents", patient.token(), Map.of("group", "exams"),
                "exame.pdf", "application/pdf", PDF);
        assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
        var grant = JSON.createObjectNode().put("doctorId", doctor.id()).put("durationHours", 24);
        grant.putArray("documentIds").add(uploaded.text("documentId"));
        var granted = api.post("/api/v1/records/me/grants", grant, patient.token());
        assertThat(granted.status()).as(granted.toString()).isEqualTo(201);

        patientUsername = patient.registration().get("email").asText();
        var login = api.post("/api/v1/auth/token", JSON.createObjectNode().put("username", patientUsername)
                .put("password", People.PASSWORD), null);
        refreshToken = login.text("refresh_token");
        tokens.put(Caller.PATIENT, patient.token());
        tokens.put(Caller.DOCTOR, doctor.token());
        tokens.put(Caller.ADMIN, api.login("admin", "healthmed-dev-admin"));
        ids.putAll(Map.of("{patient}", patient.id(), "{doctor}", doctor.id(), "{window}", window,
                "{appointment}", appointment, "{document}", uploaded.text("documentId"), "{grant}", granted.text("grantId")));
        awaitNoMoreEvents();
    }

    /** The saga, projections and schedule opening append events a moment later: wait until they are done. */
    private static void awaitNoMoreEvents() {
        long[] last = {-1};
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            long now = TestPlatform.storedEventsExceptExpiries();
            boolean stable = now == last[0];
            last[0] = now;
            return stable;
        });
    }

    @TestFactory
    Stream<DynamicTest> everyHostileRequestIsRefusedWithAProblemAndChangesNothing() {
        return hostileRequests().stream().map(c -> DynamicTest.dynamicTest(c.toString(), () -> assertRefused(c)));
    }

    @Test
    void theSuiteAttacksEveryEndpointWithAtLeast150Requests() {
        List<Hostile> all = hostileRequests();
        Set<String> attacked = new TreeSet<>(all.stream().map(Hostile::endpoint).toList());
        assertThat(all).hasSizeGreaterThanOrEqualTo(150);
        assertThat(attacked).containsAll(ENDPOINTS);
    }

    /** Every endpoint of the gateway's controllers, plus Spring's error path. */
    private static final List<String> ENDPOINTS = List.of(
            "POST /api/v1/patients", "POST /api/v1/doctors", "POST /api/v1/auth/token", "POST /api/v1/auth/refresh",
            "GET /api/v1/me", "PATCH /api/v1/me", "GET /api/v1/specialties",
            "GET /api/v1/doctors", "GET /api/v1/doctors/{id}", "GET /api/v1/doctors/{id}/agenda",
            "POST /api/v1/doctors/me/availability", "POST /api/v1/doctors/me/availability/recurring",
            "GET /api/v1/doctors/me/availability", "PUT /api/v1/doctors/me/availability/{id}",
            "DELETE /api/v1/doctors/me/availability/{id}",
            "POST /api/v1/appointments", "GET /api/v1/appointments", "GET /api/v1/appointments/{id}",
            "GET /api/v1/doctors/me/appointments", "POST /api/v1/appointments/{id}/acceptance",
            "POST /api/v1/appointments/{id}/refusal", "POST /api/v1/appointments/{id}/cancellation",
            "GET /api/v1/appointments/{id}/teleconsultation", "POST /api/v1/appointments/{id}/report",
            "POST /api/v1/records/me/documents", "GET /api/v1/records/me/documents",
            "GET /api/v1/records/me/documents/{id}/content", "DELETE /api/v1/records/me/documents/{id}",
            "POST /api/v1/records/me/grants", "GET /api/v1/records/me/grants", "DELETE /api/v1/records/me/grants/{id}",
            "GET /api/v1/records/me/access-log", "GET /api/v1/records/{patientId}/documents",
            "GET /api/v1/records/{patientId}/documents/{id}/content",
            "POST /api/v1/admin/doctors/{id}/verification", "GET /error");

    private void assertRefused(Hostile c) {
        long events = TestPlatform.storedEventsExceptExpiries();
        long accounts = KeycloakAdmin.accounts();
        String path = c.path();
        for (var id : ids.entrySet()) {
            path = path.replace(id.getKey(), id.getValue());
        }

        var response = api.raw(c.method(), path, tokens.get(c.caller()), c.body() == null ? null : c.body().get(),
                c.headers());

        String answer = response.status() + " " + abbreviate(response.raw());
        if (c.status() != 0) {
            assertThat(response.status()).as(answer).isEqualTo(c.status());
        } else {
            assertThat(response.status()).as(answer).isBetween(400, 499);
        }
        assertThat(response.contentType()).as(answer).startsWith("application/problem+json");
        assertThat(response.problemType()).as(answer).startsWith(PROBLEMS).hasSizeGreaterThan(PROBLEMS.length());
        if (c.field() != null) {
            // a field or one of its elements, e.g. "weekdays" for "weekdays[0]"
            assertThat(response.body().path("errors").findValuesAsText("field")).as(answer)
                    .anyMatch(field -> field.equals(c.field()) || field.startsWith(c.field() + "["));
        }
        assertThat(TestPlatform.storedEventsExceptExpiries()).as("events stored after " + answer).isEqualTo(events);
        assertThat(KeycloakAdmin.accounts()).as("Keycloak accounts after " + answer).isEqualTo(accounts);
    }

    private static String abbreviate(String text) {
        return text == null || text.length() <= 600 ? text : text.substring(0, 600) + "…";
    }

    // ---------------------------------------------------------------------------------------------- the cases

    private List<Hostile> hostileRequests() {
        List<Hostile> all = new ArrayList<>();
        all.addAll(registrations());
        all.addAll(authentication());
        all.addAll(profile());
        all.addAll(search());
        all.addAll(availability());
        all.addAll(appointments());
        all.addAll(records());
        all.addAll(administrationAndErrors());
        return all;
    }

    private List<Hostile> registrations() {
        String patients = "POST /api/v1/patients";
        String doctors = "POST /api/v1/doctors";
        List<Hostile> cases = new ArrayList<>(brokenJson(patients, Caller.ANONYMOUS, "POST", "/api/v1/patients",
                () -> People.patient().toString(), "name", true));
        cases.addAll(brokenJson(doctors, Caller.ANONYMOUS, "POST", "/api/v1/doctors",
                () -> People.doctor().toString(), "name", true));
        cases.addAll(List.of(
                patient("birth date before 1900", b -> b.put("birthDate", "1899-12-31")).naming("birthDate"),
                patient("birth date in year +999999999", b -> b.put("birthDate", FAR_FUTURE_DAY)).naming("birthDate"),
                patient("birth date in year -999999999", b -> b.put("birthDate", FAR_PAST_DAY)).naming("birthDate"),
                patient("birth date tomorrow", b -> b.put("birthDate", LocalDate.now(ZoneOffset.UTC).plusDays(2).toString()))
                        .naming("birthDate"),
                patient("latitude \"NaN\"", b -> b.with("location").put("lat", "NaN")).naming("location.lat"),
                patient("longitude \"Infinity\"", b -> b.with("location").put("lng", "-Infinity")).naming("location.lng"),
                patient("name Keycloak refuses (<, >)", b -> b.put("name", "Maria <b>Silva</b>")).naming("name"),
                patient("name with a control character", b -> b.put("name", "Maria\u0000Silva")).naming("name"),
                patient("name of 151 characters", b -> b.put("name", "M".repeat(151))).naming("name"),
                patient("password of 129 characters", b -> b.put("password", "p".repeat(129))).naming("password"),
                patient("e-mail of 300 characters", b -> b.put("email", "a".repeat(290) + "@example.com")).naming("email"),
                patient("city of 10,000 characters", b -> b.put("city", "c".repeat(10_000))).naming("city"),
                patient("CPF null", b -> b.putNull("cpf")).naming("cpf"),
                patient("phone of 10,000 characters", b -> b.put("phone", "1".repeat(10_000))).naming("phone"),
                doctor("specialties with null inside", b -> b.putArray("specialties").addNull()).naming("specialties[0]"),
                doctor("1,000 specialties", b -> {
                    var list = b.putArray("specialties");
                    for (int i = 0; i < 1000; i++) {
                        list.add("Cardiologia");
                    }
                }).naming("specialties"),
                doctor("latitude \"NaN\"", b -> b.with("location").put("lat", "NaN")).naming("location.lat"),
                doctor("name Keycloak refuses ({, })", b -> b.put("name", "Dr. {João}")).naming("name"),
                doctor("time zone of 10,000 characters", b -> b.put("timeZone", "A".repeat(10_000))).naming("timeZone"),
                doctor("CRM number null", b -> b.with("crm").putNull("number")).naming("crm.number"),
                doctor("price 1e400", b -> b.with("consultationPrice").put("amount", new java.math.BigDecimal("1e400")))
                        .naming("consultationPrice.amount"),
                doctor("price \"NaN\"", b -> b.with("consultationPrice").put("amount", "NaN"))
                        .naming("consultationPrice.amount")));
        return cases;
    }

    private Hostile patient(String name, java.util.function.Consumer<ObjectNode> change) {
        return jsonCase("POST /api/v1/patients", name, Caller.ANONYMOUS, "POST", "/api/v1/patients", () -> {
            var body = People.patient();
            change.accept(body);
            return body.toString();
        });
    }

    private Hostile doctor(String name, java.util.function.Consumer<ObjectNode> change) {
        return jsonCase("POST /api/v1/doctors", name, Caller.ANONYMOUS, "POST", "/api/v1/doctors", () -> {
            var body = People.doctor();
            change.accept(body);
            return body.toString();
        });
    }

    private List<Hostile> authentication() {
        String token = "POST /api/v1/auth/token";
        String refresh = "POST /api/v1/auth/refresh";
        List<Hostile> cases = new ArrayList<>(brokenJson(token, Caller.ANONYMOUS, "POST", "/api/v1/auth/token",
                () -> login(patientUsername, People.PASSWORD), "username", true));
        cases.addAll(brokenJson(refresh, Caller.ANONYMOUS, "POST", "/api/v1/auth/refresh",
                () -> JSON.createObjectNode().put("refreshToken", refreshToken).toString(), "refreshToken", true));
        cases.addAll(List.of(
                jsonCase(token, "username of 10,000 characters", Caller.ANONYMOUS, "POST", "/api/v1/auth/token",
                        () -> login("u".repeat(10_000), People.PASSWORD)).expect(400).naming("username"),
                jsonCase(token, "password of 10,000 characters", Caller.ANONYMOUS, "POST", "/api/v1/auth/token",
                        () -> login(patientUsername, "p".repeat(10_000))).expect(400).naming("password"),
                jsonCase(token, "username of 200 KB", Caller.ANONYMOUS, "POST", "/api/v1/auth/token",
                        () -> login("u".repeat(200_000), People.PASSWORD)).expect(413),
                jsonCase(token, "password of 200 KB", Caller.ANONYMOUS, "POST", "/api/v1/auth/token",
                        () -> login(patientUsername, "p".repeat(200_000))).expect(413),
                jsonCase(token, "username null", Caller.ANONYMOUS, "POST", "/api/v1/auth/token",
                        () -> "{\"username\":null,\"password\":\"x\"}").naming("username"),
                jsonCase(refresh, "refresh token of 10,000 characters", Caller.ANONYMOUS, "POST", "/api/v1/auth/refresh",
                        () -> JSON.createObjectNode().put("refreshToken", "r".repeat(10_000)).toString())
                        .expect(400).naming("refreshToken")));
        return cases;
    }

    private static String login(String username, String password) {
        return JSON.createObjectNode().put("username", username).put("password", password).toString();
    }

    private List<Hostile> profile() {
        String me = "PATCH /api/v1/me";
        String get = "GET /api/v1/me";
        List<Hostile> cases = new ArrayList<>(brokenJson(me, Caller.PATIENT, "PATCH", "/api/v1/me",
                () -> "{\"city\":\"Campinas\"}", "city", true));
        cases.addAll(brokenJson(me + " (doctor)", Caller.DOCTOR, "PATCH", "/api/v1/me",
                () -> "{\"name\":\"Dr. João Souza\"}", "name", true).stream()
                .map(c -> new Hostile(c.name() + " (doctor)", me, c.caller(), c.method(), c.path(), c.headers(), c.body(),
                        c.status(), c.field())).toList());
        cases.addAll(List.of(
                patch(Caller.PATIENT, "name Keycloak would refuse", "{\"name\":\"Maria <Silva>\"}").naming("name"),
                patch(Caller.PATIENT, "blank name", "{\"name\":\"   \"}").naming("name"),
                patch(Caller.PATIENT, "name of 151 characters", "{\"name\":\"" + "M".repeat(151) + "\"}").naming("name"),
                patch(Caller.PATIENT, "name with a control character", "{\"name\":\"Maria\\u0007\"}").naming("name"),
                patch(Caller.PATIENT, "phone not a phone", "{\"phone\":\"call me\"}").naming("phone"),
                patch(Caller.PATIENT, "unknown UF", "{\"state\":\"XX\"}").naming("state"),
                patch(Caller.PATIENT, "latitude \"NaN\"", "{\"location\":{\"lat\":\"NaN\",\"lng\":0}}").naming("location.lat"),
                patch(Caller.PATIENT, "location without longitude", "{\"location\":{\"lat\":10}}").naming("location.lng"),
                patch(Caller.PATIENT, "CPF is not editable", "{\"cpf\":\"52998224725\"}").naming("cpf"),
                patch(Caller.PATIENT, "birth date is not editable", "{\"birthDate\":\"1990-01-01\"}").naming("birthDate"),
                patch(Caller.DOCTOR, "specialties with null inside", "{\"specialties\":[null]}").naming("specialties[0]"),
                patch(Caller.DOCTOR, "no specialty", "{\"specialties\":[]}").naming("specialties"),
                patch(Caller.DOCTOR, "name Keycloak would refuse", "{\"name\":\"Dr. $João\"}").naming("name"),
                patch(Caller.DOCTOR, "unknown time zone", "{\"timeZone\":\"Nowhere/Else\"}").naming("timeZone"),
                patch(Caller.DOCTOR, "price \"NaN\"", "{\"consultationPrice\":{\"amount\":\"NaN\"}}")
                        .naming("consultationPrice.amount"),
                patch(Caller.DOCTOR, "longitude \"Infinity\"", "{\"location\":{\"lat\":0,\"lng\":\"Infinity\"}}")
                        .naming("location.lng"),
                patch(Caller.DOCTOR, "address without street", "{\"address\":{\"street\":null,\"city\":\"X\",\"state\":\"SP\"}}")
                        .naming("address.street"),
                patch(Caller.ADMIN, "staff have no editable profile", "{\"name\":\"Admin\"}").expect(403),
                new Hostile("PUT is not a method of /me", get, Caller.PATIENT, "PUT", "/api/v1/me",
                        Map.of("Content-Type", "application/json"), () -> bytes("{}"), 405, null),
                new Hostile("DELETE is not a method of /me", get, Caller.PATIENT, "DELETE", "/api/v1/me", Map.of(),
                        null, 405, null),
                new Hostile("no token", get, Caller.ANONYMOUS, "GET", "/api/v1/me", Map.of(), null, 401, null)));
        return cases;
    }

    private Hostile patch(Caller caller, String name, String body) {
        return jsonCase("PATCH /api/v1/me", name, caller, "PATCH", "/api/v1/me", () -> body);
    }

    private List<Hostile> search() {
        String search = "GET /api/v1/doctors";
        String profile = "GET /api/v1/doctors/{id}";
        String agenda = "GET /api/v1/doctors/{id}/agenda";
        List<Hostile> cases = new ArrayList<>(Stream.of(
                        new String[]{"latitude NaN", "lat=NaN&lng=0&radiusKm=10", "lat"},
                        new String[]{"longitude Infinity", "lat=0&lng=Infinity&radiusKm=10", "lng"},
                        new String[]{"radius NaN", "lat=0&lng=0&radiusKm=NaN", "radiusKm"},
                        new String[]{"minimum rating NaN", "minRating=NaN", "minRating"},
                        new String[]{"minimum rating Infinity", "minRating=Infinity", "minRating"},
                        new String[]{"page × size overflowing int", "page=2147483647&size=100", "page"},
                        new String[]{"page 30,000,000 × size 100", "page=30000000&size=100", "page"},
                        new String[]{"negative page", "page=-1", "page"},
                        new String[]{"size 0", "size=0", "size"},
                        new String[]{"size 101", "size=101", "size"},
                        new String[]{"page not a number", "page=abc", "page"},
                        new String[]{"availability in year +999999999",
                                "availableFrom=" + FAR_FUTURE + "&availableTo=%2B999999999-12-31T23:00:00Z", "availableFrom"},
                        new String[]{"availability from year -999999999",
                                "availableFrom=" + FAR_PAST + "&availableTo=2030-01-01T00:00:00Z", "availableFrom"},
                        new String[]{"availableFrom without availableTo", "availableFrom=2030-01-01T00:00:00Z", "availableFrom"},
                        new String[]{"maximum price 1E+999999999", "maxPrice=1E%2B999999999", "maxPrice"},
                        new String[]{"maximum price NaN", "maxPrice=NaN", "maxPrice"},
                        new String[]{"unknown specialty", "specialty=Astrologia", "specialty"},
                        new String[]{"unknown sort", "sort=random", "sort"},
                        new String[]{"unknown UF", "state=XX", "state"})
                .map(q -> new Hostile(q[0], search, Caller.PATIENT, "GET", "/api/v1/doctors?"
                        + q[1].replace("+", "%2B"), Map.of(), null, 400, q[2]))
                .toList());
        cases.add(new Hostile("a doctor may not search", search, Caller.DOCTOR, "GET", "/api/v1/doctors", Map.of(),
                null, 403, null));
        cases.add(get(profile, "unknown doctor", Caller.PATIENT, "/api/v1/doctors/" + UNKNOWN_ID, 404));
        cases.add(get(profile, "id of 300 characters", Caller.PATIENT, "/api/v1/doctors/" + "d".repeat(300), 404));
        cases.add(get(profile, "id with a right-to-left override", Caller.PATIENT, "/api/v1/doctors/%E2%80%AEabc", 404));
        cases.addAll(Stream.of(
                        new String[]{"from in year +999999999", "from=" + FAR_FUTURE},
                        new String[]{"to in year -999999999", "to=" + FAR_PAST},
                        new String[]{"a day in year +999999999", "from=" + FAR_FUTURE + "&to=+999999999-12-31T12:00:00Z"},
                        new String[]{"a day in year -999999999", "from=" + FAR_PAST + "&to=-999999999-01-01T12:00:00Z"},
                        new String[]{"32 days", "from=2030-01-01T00:00:00Z&to=2030-02-02T00:00:00Z"},
                        new String[]{"to before from", "from=2030-01-02T00:00:00Z&to=2030-01-01T00:00:00Z"},
                        new String[]{"from not a date", "from=tomorrow"},
                        new String[]{"from without offset", "from=2030-01-01T00:00"})
                .map(q -> get(agenda, q[0], Caller.PATIENT, "/api/v1/doctors/{doctor}/agenda?" + q[1].replace("+", "%2B"), 400))
                .toList());
        cases.add(get(agenda, "unknown doctor", Caller.PATIENT, "/api/v1/doctors/" + UNKNOWN_ID + "/agenda", 404));
        return cases;
    }

    private static Hostile get(String endpoint, String name, Caller caller, String path, int status) {
        return new Hostile(name, endpoint, caller, "GET", path, Map.of(), null, status, null);
    }

    private List<Hostile> availability() {
        String publish = "POST /api/v1/doctors/me/availability";
        String recurring = "POST /api/v1/doctors/me/availability/recurring";
        String revise = "PUT /api/v1/doctors/me/availability/{id}";
        String withdraw = "DELETE /api/v1/doctors/me/availability/{id}";
        String mine = "GET /api/v1/doctors/me/availability";
        Instant later = Scenario.hoursFromNow(20);
        String validWindows = "{\"windows\":[{\"start\":\"" + later + "\",\"end\":\"" + later.plus(Duration.ofHours(2))
                + "\"}],\"slotMinutes\":50,\"bufferMinutes\":10}";
        List<Hostile> cases = new ArrayList<>(brokenJson(publish, Caller.DOCTOR, "POST",
                "/api/v1/doctors/me/availability", () -> validWindows, "slotMinutes", true));
        cases.addAll(List.of(
                jsonCase(publish, "null inside windows", Caller.DOCTOR, "POST", "/api/v1/doctors/me/availability",
                        () -> "{\"windows\":[null],\"slotMinutes\":50}").naming("windows[0]"),
                jsonCase(publish, "no window", Caller.DOCTOR, "POST", "/api/v1/doctors/me/availability",
                        () -> "{\"windows\":[],\"slotMinutes\":50}").naming("windows"),
                jsonCase(publish, "101 windows", Caller.DOCTOR, "POST", "/api/v1/doctors/me/availability",
                        () -> "{\"windows\":[" + String.join(",", java.util.Collections.nCopies(101,
                                "{\"start\":\"" + later + "\",\"end\":\"" + later.plusSeconds(3600) + "\"}"))
                                + "],\"slotMinutes\":50}").naming("windows"),
                jsonCase(publish, "window in year +999999999", Caller.DOCTOR, "POST", "/api/v1/doctors/me/availability",
                        () -> "{\"windows\":[{\"start\":\"" + FAR_FUTURE + "\",\"end\":\"+999999999-12-31T04:00:00Z\"}],"
                                + "\"slotMinutes\":50}").refusedByTheDomain(),
                jsonCase(publish, "window in year -999999999", Caller.DOCTOR, "POST", "/api/v1/doctors/me/availability",
                        () -> "{\"windows\":[{\"start\":\"" + FAR_PAST + "\",\"end\":\"-999999999-01-01T04:00:00Z\"}],"
                                + "\"slotMinutes\":50}").refusedByTheDomain(),
                jsonCase(publish, "slot of 2^31 minutes", Caller.DOCTOR, "POST", "/api/v1/doctors/me/availability",
                        () -> validWindows.replace("\"slotMinutes\":50", "\"slotMinutes\":2147483648")).naming("slotMinutes"),
                jsonCase(publish, "window ending before it starts", Caller.DOCTOR, "POST", "/api/v1/doctors/me/availability",
                        () -> "{\"windows\":[{\"start\":\"" + later.plusSeconds(7200) + "\",\"end\":\"" + later
                                + "\"}],\"slotMinutes\":50}").refusedByTheDomain(),
                jsonCase(publish, "a patient may not publish", Caller.PATIENT, "POST", "/api/v1/doctors/me/availability",
                        () -> validWindows).expect(403),
                get(mine, "a patient has no availability", Caller.PATIENT, "/api/v1/doctors/me/availability", 403),
                get(mine, "no token", Caller.ANONYMOUS, "/api/v1/doctors/me/availability", 401)));

        String validPattern = "{\"weekdays\":[\"MONDAY\"],\"startTime\":\"08:00\",\"endTime\":\"12:00\",\"firstDay\":\""
                + LocalDate.now(ZoneOffset.UTC).plusDays(14) + "\",\"weeks\":1,\"slotMinutes\":50}";
        cases.addAll(brokenJson(recurring, Caller.DOCTOR, "POST", "/api/v1/doctors/me/availability/recurring",
                () -> validPattern, "weeks", true));
        cases.addAll(Stream.of(
                        new String[]{"first day in year +999999999", "\"firstDay\":\"" + FAR_FUTURE_DAY + "\"", "firstDay"},
                        new String[]{"first day in year -999999999", "\"firstDay\":\"" + FAR_PAST_DAY + "\"", "firstDay"},
                        new String[]{"first day two years ahead", "\"firstDay\":\""
                                + LocalDate.now(ZoneOffset.UTC).plusYears(2) + "\"", "firstDay"},
                        new String[]{"14 weeks", "\"weeks\":14", "weeks"},
                        new String[]{"0 weeks", "\"weeks\":0", "weeks"},
                        new String[]{"null inside weekdays", "\"weekdays\":[null]", "weekdays"},
                        new String[]{"no weekday", "\"weekdays\":[]", "weekdays"},
                        new String[]{"an unknown weekday", "\"weekdays\":[\"FUNDAY\"]", "weekdays"},
                        new String[]{"end before start", "\"endTime\":\"07:00\"", "endTime"},
                        new String[]{"start at 25:00", "\"startTime\":\"25:00\"", "startTime"})
                .map(change -> jsonCase(recurring, change[0], Caller.DOCTOR, "POST",
                        "/api/v1/doctors/me/availability/recurring", () -> withField(validPattern, change[1]))
                        .expect(400).naming(change[2]))
                .toList());

        String validRevision = "{\"start\":\"" + Scenario.hoursFromNow(3) + "\",\"end\":\""
                + Scenario.hoursFromNow(3).plus(Duration.ofHours(5)) + "\",\"slotMinutes\":50,\"bufferMinutes\":10}";
        cases.addAll(brokenJson(revise, Caller.DOCTOR, "PUT", "/api/v1/doctors/me/availability/{window}",
                () -> validRevision, "slotMinutes", true));
        cases.addAll(List.of(
                jsonCase(revise, "start in year +999999999", Caller.DOCTOR, "PUT", "/api/v1/doctors/me/availability/{window}",
                        () -> "{\"start\":\"" + FAR_FUTURE + "\",\"end\":\"+999999999-12-31T05:00:00Z\",\"slotMinutes\":50}").refusedByTheDomain(),
                jsonCase(revise, "slot length null", Caller.DOCTOR, "PUT", "/api/v1/doctors/me/availability/{window}",
                        () -> validRevision.replace("\"slotMinutes\":50", "\"slotMinutes\":null")).naming("slotMinutes"),
                jsonCase(revise, "unknown window", Caller.DOCTOR, "PUT", "/api/v1/doctors/me/availability/" + UNKNOWN_ID,
                        () -> validRevision).expect(404),
                new Hostile("unknown window", withdraw, Caller.DOCTOR, "DELETE",
                        "/api/v1/doctors/me/availability/" + UNKNOWN_ID, Map.of(), null, 404, null),
                new Hostile("a window with bookings", withdraw, Caller.DOCTOR, "DELETE",
                        "/api/v1/doctors/me/availability/{window}", Map.of(), null, 409, null),
                new Hostile("a patient may not withdraw", withdraw, Caller.PATIENT, "DELETE",
                        "/api/v1/doctors/me/availability/{window}", Map.of(), null, 403, null)));
        return cases;
    }

    private static String withField(String json, String field) {
        String name = field.substring(0, field.indexOf(':') + 1);
        return json.replaceFirst("\"" + name.substring(1, name.length() - 2) + "\":(\\[[^\\]]*\\]|\"[^\"]*\"|[0-9]+)",
                java.util.regex.Matcher.quoteReplacement(field));
    }

    private List<Hostile> appointments() {
        String book = "POST /api/v1/appointments";
        String list = "GET /api/v1/appointments";
        String one = "GET /api/v1/appointments/{id}";
        String inbox = "GET /api/v1/doctors/me/appointments";
        String accept = "POST /api/v1/appointments/{id}/acceptance";
        String refuse = "POST /api/v1/appointments/{id}/refusal";
        String cancel = "POST /api/v1/appointments/{id}/cancellation";
        String room = "GET /api/v1/appointments/{id}/teleconsultation";
        List<Hostile> cases = new ArrayList<>(brokenJson(book, Caller.PATIENT, "POST", "/api/v1/appointments",
                () -> "{\"doctorId\":\"" + ids.get("{doctor}") + "\",\"start\":\"" + freeSlot + "\"}", "doctorId", true));
        cases.addAll(List.of(
                jsonCase(book, "doctor null", Caller.PATIENT, "POST", "/api/v1/appointments",
                        () -> "{\"doctorId\":null,\"start\":\"" + freeSlot + "\"}").naming("doctorId"),
                jsonCase(book, "doctor id of 65 characters", Caller.PATIENT, "POST", "/api/v1/appointments",
                        () -> "{\"doctorId\":\"" + "d".repeat(65) + "\",\"start\":\"" + freeSlot + "\"}").naming("doctorId"),
                jsonCase(book, "start in year +999999999", Caller.PATIENT, "POST", "/api/v1/appointments",
                        () -> "{\"doctorId\":\"" + ids.get("{doctor}") + "\",\"start\":\"" + FAR_FUTURE + "\"}").refusedByTheDomain(),
                jsonCase(book, "start in year -999999999", Caller.PATIENT, "POST", "/api/v1/appointments",
                        () -> "{\"doctorId\":\"" + ids.get("{doctor}") + "\",\"start\":\"" + FAR_PAST + "\"}").refusedByTheDomain(),
                jsonCase(book, "start not an instant", Caller.PATIENT, "POST", "/api/v1/appointments",
                        () -> "{\"doctorId\":\"" + ids.get("{doctor}") + "\",\"start\":\"tomorrow\"}").naming("start"),
                jsonCase(book, "a doctor may not book", Caller.DOCTOR, "POST", "/api/v1/appointments",
                        () -> "{\"doctorId\":\"" + ids.get("{doctor}") + "\",\"start\":\"" + freeSlot + "\"}").expect(403)));
        for (var caller : List.of(Caller.PATIENT, Caller.DOCTOR)) {
            String path = caller == Caller.PATIENT ? "/api/v1/appointments" : "/api/v1/doctors/me/appointments";
            String endpoint = caller == Caller.PATIENT ? list : inbox;
            cases.addAll(Stream.of(
                            new String[]{"page × size overflowing int", "page=2147483647&size=100", "page"},
                            new String[]{"negative page", "page=-1", "page"},
                            new String[]{"size 0", "size=0", "size"},
                            new String[]{"size 1,000", "size=1000", "size"},
                            new String[]{"unknown status", "status=DANCING", "status"})
                    .map(q -> new Hostile(q[0], endpoint, caller, "GET", path + "?" + q[1], Map.of(), null, 400, q[2]))
                    .toList());
        }
        cases.add(get(inbox, "a patient has no inbox", Caller.PATIENT, "/api/v1/doctors/me/appointments", 403));
        cases.add(get(one, "unknown appointment", Caller.PATIENT, "/api/v1/appointments/" + UNKNOWN_ID, 404));
        cases.add(get(one, "someone else's appointment", Caller.ADMIN, "/api/v1/appointments/{appointment}", 404));
        cases.add(get(room, "unknown appointment", Caller.PATIENT, "/api/v1/appointments/" + UNKNOWN_ID + "/teleconsultation", 404));
        cases.add(get(room, "room not open yet", Caller.PATIENT, "/api/v1/appointments/{appointment}/teleconsultation", 403));
        cases.add(new Hostile("unknown appointment", accept, Caller.DOCTOR, "POST",
                "/api/v1/appointments/" + UNKNOWN_ID + "/acceptance", Map.of(), null, 404, null));
        cases.add(new Hostile("a patient may not accept", accept, Caller.PATIENT, "POST",
                "/api/v1/appointments/{appointment}/acceptance", Map.of(), null, 403, null));
        cases.add(new Hostile("id of 1,000 characters", accept, Caller.DOCTOR, "POST",
                "/api/v1/appointments/" + "a".repeat(1000) + "/acceptance", Map.of(), null, 404, null));
        cases.addAll(brokenJson(refuse, Caller.DOCTOR, "POST", "/api/v1/appointments/{appointment}/refusal",
                () -> "{\"reason\":\"Não posso nesse horário\"}", "reason", false));
        cases.addAll(List.of(
                jsonCase(refuse, "reason of 501 characters", Caller.DOCTOR, "POST", "/api/v1/appointments/{appointment}/refusal",
                        () -> "{\"reason\":\"" + "r".repeat(501) + "\"}").expect(400).naming("reason"),
                jsonCase(refuse, "reason an array", Caller.DOCTOR, "POST", "/api/v1/appointments/{appointment}/refusal",
                        () -> "{\"reason\":[\"no\"]}").expect(400).naming("reason"),
                jsonCase(refuse, "unknown appointment", Caller.DOCTOR, "POST", "/api/v1/appointments/" + UNKNOWN_ID + "/refusal",
                        () -> "{}").expect(404)));
        cases.addAll(brokenJson(cancel, Caller.PATIENT, "POST", "/api/v1/appointments/{appointment}/cancellation",
                () -> "{\"justification\":\"Tive um imprevisto no trabalho\"}", "justification", true));
        cases.addAll(List.of(
                jsonCase(cancel, "justification of 9 characters", Caller.PATIENT, "POST",
                        "/api/v1/appointments/{appointment}/cancellation", () -> "{\"justification\":\"123456789\"}")
                        .expect(400).naming("justification"),
                jsonCase(cancel, "justification of 1,001 characters", Caller.PATIENT, "POST",
                        "/api/v1/appointments/{appointment}/cancellation",
                        () -> "{\"justification\":\"" + "j".repeat(1001) + "\"}").expect(400).naming("justification"),
                jsonCase(cancel, "an administrator may not cancel", Caller.ADMIN, "POST",
                        "/api/v1/appointments/{appointment}/cancellation",
                        () -> "{\"justification\":\"Tive um imprevisto no trabalho\"}").expect(403)));
        return cases;
    }

    private List<Hostile> records() {
        String upload = "POST /api/v1/records/me/documents";
        String list = "GET /api/v1/records/me/documents";
        String content = "GET /api/v1/records/me/documents/{id}/content";
        String remove = "DELETE /api/v1/records/me/documents/{id}";
        String grant = "POST /api/v1/records/me/grants";
        String grants = "GET /api/v1/records/me/grants";
        String revoke = "DELETE /api/v1/records/me/grants/{id}";
        String accessLog = "GET /api/v1/records/me/access-log";
        String shared = "GET /api/v1/records/{patientId}/documents";
        String sharedContent = "GET /api/v1/records/{patientId}/documents/{id}/content";
        String report = "POST /api/v1/appointments/{id}/report";
        String documents = "/api/v1/records/me/documents";
        List<Hostile> cases = new ArrayList<>(brokenMultipart(upload, Caller.PATIENT, documents));
        cases.addAll(List.of(
                multipart(upload, "part Content-Type unparseable", Caller.PATIENT, documents,
                        List.of(text("group", "exams"), file("a.pdf", "garbage", PDF))).naming("file"),
                multipart(upload, "part Content-Type with an empty parameter", Caller.PATIENT, documents,
                        List.of(text("group", "exams"), file("a.pdf", "application/pdf;;=", PDF))).naming("file"),
                multipart(upload, "taken on in year +999999999", Caller.PATIENT, documents,
                        List.of(text("group", "exams"), text("takenOn", FAR_FUTURE_DAY), file("a.pdf", "application/pdf", PDF)))
                        .naming("takenOn"),
                multipart(upload, "taken on in year -999999999", Caller.PATIENT, documents,
                        List.of(text("group", "exams"), text("takenOn", FAR_PAST_DAY), file("a.pdf", "application/pdf", PDF)))
                        .naming("takenOn"),
                multipart(upload, "taken on before 1900", Caller.PATIENT, documents,
                        List.of(text("group", "exams"), text("takenOn", "1899-12-31"), file("a.pdf", "application/pdf", PDF)))
                        .naming("takenOn"),
                multipart(upload, "taken on not a date", Caller.PATIENT, documents,
                        List.of(text("group", "exams"), text("takenOn", "yesterday"), file("a.pdf", "application/pdf", PDF)))
                        .naming("takenOn"),
                multipart(upload, "unknown group", Caller.PATIENT, documents,
                        List.of(text("group", "secrets"), file("a.pdf", "application/pdf", PDF))).naming("group"),
                multipart(upload, "no group", Caller.PATIENT, documents,
                        List.of(file("a.pdf", "application/pdf", PDF))).naming("group"),
                multipart(upload, "no file", Caller.PATIENT, documents, List.of(text("group", "exams"))).naming("file"),
                multipart(upload, "empty file", Caller.PATIENT, documents,
                        List.of(text("group", "exams"), file("a.pdf", "application/pdf", new byte[0]))),
                multipart(upload, "title of 201 characters", Caller.PATIENT, documents,
                        List.of(text("group", "exams"), text("title", "t".repeat(201)), file("a.pdf", "application/pdf", PDF)))
                        .naming("title"),
                jsonCase(upload, "JSON instead of multipart", Caller.PATIENT, "POST", documents, () -> "{\"group\":\"exams\"}")
                        .expect(415),
                multipart(upload, "a doctor has no record", Caller.DOCTOR, documents,
                        List.of(text("group", "exams"), file("a.pdf", "application/pdf", PDF))).expect(403)));
        cases.addAll(Stream.of(
                        new String[]{"page × size overflowing int", "page=2147483647&size=100", "page"},
                        new String[]{"negative page", "page=-1", "page"},
                        new String[]{"size 0", "size=0", "size"},
                        new String[]{"unknown group", "group=secrets", "group"})
                .map(q -> new Hostile(q[0], list, Caller.PATIENT, "GET", documents + "?" + q[1], Map.of(), null, 400, q[2]))
                .toList());
        cases.add(get(content, "unknown document", Caller.PATIENT, documents + "/" + UNKNOWN_ID + "/content", 404));
        cases.add(get(content, "a doctor reads through the shared path", Caller.DOCTOR, documents + "/{document}/content", 403));
        cases.add(new Hostile("unknown document", remove, Caller.PATIENT, "DELETE", documents + "/" + UNKNOWN_ID,
                Map.of(), null, 404, null));
        cases.add(new Hostile("a doctor may not delete", remove, Caller.DOCTOR, "DELETE", documents + "/{document}",
                Map.of(), null, 403, null));

        String grantsPath = "/api/v1/records/me/grants";
        Supplier<String> validGrant = () -> "{\"doctorId\":\"" + ids.get("{doctor}") + "\",\"documentIds\":[\""
                + ids.get("{document}") + "\"],\"durationHours\":24}";
        cases.addAll(brokenJson(grant, Caller.PATIENT, "POST", grantsPath, validGrant, "doctorId", true));
        cases.addAll(Stream.of(
                        new String[]{"null inside groups", "\"groups\":[null],\"durationHours\":24", "groups[0]"},
                        new String[]{"null inside document ids", "\"documentIds\":[null],\"durationHours\":24", "documentIds[0]"},
                        new String[]{"101 document ids", "\"documentIds\":[" + String.join(",", java.util.stream.IntStream
                                .range(0, 101).mapToObj(i -> "\"doc-" + i + "\"").toList()) + "],\"durationHours\":24",
                                "documentIds"},
                        new String[]{"document id of 65 characters", "\"documentIds\":[\"" + "x".repeat(65)
                                + "\"],\"durationHours\":24", "documentIds[0]"},
                        new String[]{"unknown group", "\"groups\":[\"secrets\"],\"durationHours\":24", "groups[0]"},
                        new String[]{"neither documents nor groups", "\"durationHours\":24", "documentIds"},
                        new String[]{"empty documents and groups", "\"documentIds\":[],\"groups\":[],\"durationHours\":24",
                                "documentIds"},
                        new String[]{"2^31 - 1 hours", "\"groups\":[\"exams\"],\"durationHours\":2147483647", "durationHours"},
                        new String[]{"negative hours", "\"groups\":[\"exams\"],\"durationHours\":-5", "durationHours"},
                        new String[]{"hours \"NaN\"", "\"groups\":[\"exams\"],\"durationHours\":\"NaN\"", "durationHours"},
                        new String[]{"valid until year +999999999", "\"groups\":[\"exams\"],\"validUntil\":\"" + FAR_FUTURE + "\"",
                                "validUntil"},
                        new String[]{"valid until year -999999999", "\"groups\":[\"exams\"],\"validUntil\":\"" + FAR_PAST + "\"",
                                "validUntil"},
                        new String[]{"both validUntil and durationHours",
                                "\"groups\":[\"exams\"],\"durationHours\":2,\"validUntil\":\"2030-01-01T00:00:00Z\"", "validUntil"})
                .map(g -> jsonCase(grant, g[0], Caller.PATIENT, "POST", grantsPath,
                        () -> "{\"doctorId\":\"" + ids.get("{doctor}") + "\"," + g[1] + "}").expect(400).naming(g[2]))
                .toList());
        cases.add(jsonCase(grant, "doctor null", Caller.PATIENT, "POST", grantsPath,
                () -> "{\"doctorId\":null,\"groups\":[\"exams\"],\"durationHours\":24}").expect(400).naming("doctorId"));
        cases.add(jsonCase(grant, "doctor id of 65 characters", Caller.PATIENT, "POST", grantsPath,
                () -> "{\"doctorId\":\"" + "d".repeat(65) + "\",\"groups\":[\"exams\"],\"durationHours\":24}")
                .expect(400).naming("doctorId"));
        cases.add(get(grants, "a doctor has no grants to list", Caller.DOCTOR, grantsPath, 403));
        cases.add(new Hostile("unknown grant", revoke, Caller.PATIENT, "DELETE", grantsPath + "/" + UNKNOWN_ID,
                Map.of(), null, 404, null));
        cases.add(new Hostile("a doctor may not revoke", revoke, Caller.DOCTOR, "DELETE", grantsPath + "/{grant}",
                Map.of(), null, 403, null));
        cases.add(get(accessLog, "a doctor has no access log", Caller.DOCTOR, "/api/v1/records/me/access-log", 403));
        cases.add(get(accessLog, "an administrator has no access log", Caller.ADMIN, "/api/v1/records/me/access-log", 403));
        cases.add(get(shared, "unknown patient", Caller.DOCTOR, "/api/v1/records/" + UNKNOWN_ID + "/documents", 404));
        cases.add(get(shared, "a patient reads another record", Caller.PATIENT, "/api/v1/records/{patient}/documents", 403));
        cases.add(get(shared, "patient id of 1,000 characters", Caller.DOCTOR,
                "/api/v1/records/" + "p".repeat(1000) + "/documents", 404));
        cases.add(get(sharedContent, "unknown patient", Caller.DOCTOR,
                "/api/v1/records/" + UNKNOWN_ID + "/documents/{document}/content", 404));
        cases.add(get(sharedContent, "an administrator", Caller.ADMIN,
                "/api/v1/records/{patient}/documents/{document}/content", 403));

        String reportPath = "/api/v1/appointments/{appointment}/report";
        cases.addAll(brokenMultipart(report, Caller.DOCTOR, reportPath));
        cases.addAll(List.of(
                multipart(report, "blank text", Caller.DOCTOR, reportPath, List.of(text("text", "   "))).naming("text"),
                multipart(report, "no text", Caller.DOCTOR, reportPath, List.of(file("a.pdf", "application/pdf", PDF)))
                        .naming("text"),
                multipart(report, "text of 20,001 characters", Caller.DOCTOR, reportPath,
                        List.of(text("text", "t".repeat(20_001)))).naming("text"),
                multipart(report, "before the consultation", Caller.DOCTOR, reportPath, List.of(text("text", "Relatório")))
                        .expect(409),
                multipart(report, "unknown appointment", Caller.DOCTOR, "/api/v1/appointments/" + UNKNOWN_ID + "/report",
                        List.of(text("text", "Relatório"))).expect(404),
                multipart(report, "a patient may not report", Caller.PATIENT, reportPath, List.of(text("text", "Relatório")))
                        .expect(403)));
        return cases;
    }

    private List<Hostile> administrationAndErrors() {
        String verify = "POST /api/v1/admin/doctors/{id}/verification";
        String error = "GET /error";
        String specialties = "GET /api/v1/specialties";
        return List.of(
                new Hostile("unknown doctor", verify, Caller.ADMIN, "POST",
                        "/api/v1/admin/doctors/" + UNKNOWN_ID + "/verification", Map.of(), null, 404, null),
                new Hostile("doctor already verified", verify, Caller.ADMIN, "POST",
                        "/api/v1/admin/doctors/{doctor}/verification", Map.of(), null, 409, null),
                new Hostile("id of 300 characters", verify, Caller.ADMIN, "POST",
                        "/api/v1/admin/doctors/" + "d".repeat(300) + "/verification", Map.of(), null, 404, null),
                new Hostile("a patient's id", verify, Caller.ADMIN, "POST",
                        "/api/v1/admin/doctors/{patient}/verification", Map.of(), null, 404, null),
                new Hostile("a patient may not verify", verify, Caller.PATIENT, "POST",
                        "/api/v1/admin/doctors/{doctor}/verification", Map.of(), null, 403, null),
                new Hostile("a doctor may not verify", verify, Caller.DOCTOR, "POST",
                        "/api/v1/admin/doctors/{doctor}/verification", Map.of(), null, 403, null),
                get(error, "called directly", Caller.ANONYMOUS, "/error", 404),
                get(error, "called directly with a token", Caller.PATIENT, "/error", 404),
                get(error, "with query parameters", Caller.ANONYMOUS, "/error?status=500", 404),
                new Hostile("POST", error, Caller.ANONYMOUS, "POST", "/error", Map.of("Content-Type", "application/json"),
                        () -> bytes("{}"), 404, null),
                get(error, "an unknown path", Caller.PATIENT, "/api/v1/nothing-here", 404),
                new Hostile("POST is not a method of the specialties", specialties, Caller.PATIENT, "POST",
                        "/api/v1/specialties", Map.of("Content-Type", "application/json"), () -> bytes("{}"), 405, null));
    }

    // ------------------------------------------------------------------------------------ the generic attacks

    /**
     * Broken JSON on a JSON endpoint, derived from a body the endpoint accepts: {@code key} is a field of that
     * body, duplicated with another value. {@code bodyRequired}: whether an explicit JSON {@code null} is bad.
     */
    private static List<Hostile> brokenJson(String endpoint, Caller caller, String method, String path,
                                            Supplier<String> valid, String key, boolean bodyRequired) {
        List<Hostile> cases = new ArrayList<>(List.of(
                // the same value twice: the duplication is the only thing wrong with the body
                jsonCase(endpoint, "duplicate key " + key, caller, method, path, () -> {
                    String body = valid.get();
                    return "{\"" + key + "\":" + parse(body).get(key) + "," + body.substring(1);
                }).expect(400),
                jsonCase(endpoint, "truncated JSON", caller, method, path, () -> {
                    String body = valid.get();
                    return body.substring(0, body.length() / 2);
                }).expect(400),
                jsonCase(endpoint, "JSON array instead of an object", caller, method, path, () -> "[" + valid.get() + "]")
                        .expect(400),
                jsonCase(endpoint, "bare NaN", caller, method, path, () -> "NaN").expect(400),
                jsonCase(endpoint, "10,000 nested arrays", caller, method, path,
                        () -> "{\"" + key + "\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}").expect(400),
                jsonCase(endpoint, "a body of 100 KB", caller, method, path,
                        () -> "{\"" + key + "\":\"" + "x".repeat(100_000) + "\"}").expect(413),
                new Hostile("text/plain body", endpoint, caller, method, path, Map.of("Content-Type", "text/plain"),
                        () -> bytes(valid.get()), 415, null),
                new Hostile("unparseable Content-Type", endpoint, caller, method, path,
                        Map.of("Content-Type", "application/json;;;==="), () -> bytes(valid.get()), 0, null)));
        if (bodyRequired) {
            cases.add(jsonCase(endpoint, "JSON null body", caller, method, path, () -> "null").expect(400));
            cases.add(jsonCase(endpoint, "empty body", caller, method, path, () -> "").expect(400));
        }
        return cases;
    }

    private static Hostile jsonCase(String endpoint, String name, Caller caller, String method, String path,
                                    Supplier<String> body) {
        return new Hostile(name, endpoint, caller, method, path, Map.of("Content-Type", "application/json"),
                () -> bytes(body.get()), 400, null);
    }

    private record Part(String name, String fileName, String contentType, byte[] content) {
    }

    private static Part text(String name, String value) {
        return new Part(name, null, null, bytes(value));
    }

    private static Part file(String fileName, String contentType, byte[] content) {
        return new Part("file", fileName, contentType, content);
    }

    private static Hostile multipart(String endpoint, String name, Caller caller, String path, List<Part> parts) {
        String boundary = "hostile-boundary-7d0";
        return new Hostile(name, endpoint, caller, "POST", path,
                Map.of("Content-Type", "multipart/form-data; boundary=" + boundary),
                () -> multipartBody(boundary, parts, true), 0, null);
    }

    private static List<Hostile> brokenMultipart(String endpoint, Caller caller, String path) {
        String boundary = "hostile-boundary-7d0";
        List<Part> valid = List.of(text("group", "exams"), text("text", "Relatório"), file("a.pdf", "application/pdf", PDF));
        return List.of(
                new Hostile("multipart without boundary", endpoint, caller, "POST", path,
                        Map.of("Content-Type", "multipart/form-data"), () -> multipartBody(boundary, valid, true), 400, null),
                new Hostile("truncated multipart", endpoint, caller, "POST", path,
                        Map.of("Content-Type", "multipart/form-data; boundary=" + boundary),
                        () -> multipartBody(boundary, valid, false), 400, null),
                new Hostile("multipart with another boundary than declared", endpoint, caller, "POST", path,
                        Map.of("Content-Type", "multipart/form-data; boundary=other"),
                        () -> multipartBody(boundary, valid, true), 400, null),
                new Hostile("multipart body that is not multipart", endpoint, caller, "POST", path,
                        Map.of("Content-Type", "multipart/form-data; boundary=" + boundary),
                        () -> bytes("just some text, no parts at all"), 400, null),
                new Hostile("part without Content-Disposition", endpoint, caller, "POST", path,
                        Map.of("Content-Type", "multipart/form-data; boundary=" + boundary),
                        () -> bytes("--" + boundary + "\r\nContent-Type: text/plain\r\n\r\nhello\r\n--" + boundary + "--\r\n"),
                        400, null));
    }

    private static byte[] multipartBody(String boundary, List<Part> parts, boolean closed) {
        var body = new ByteArrayOutputStream();
        for (Part part : parts) {
            String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + part.name() + "\""
                    + (part.fileName() == null ? "" : "; filename=\"" + part.fileName() + "\"") + "\r\n"
                    + (part.contentType() == null ? "" : "Content-Type: " + part.contentType() + "\r\n") + "\r\n";
            body.writeBytes(bytes(head));
            body.writeBytes(part.content());
            body.writeBytes(bytes("\r\n"));
        }
        if (closed) {
            body.writeBytes(bytes("--" + boundary + "--\r\n"));
        } else {
            // cut in the middle of the last part: the closing boundary never comes
            byte[] all = body.toByteArray();
            return java.util.Arrays.copyOf(all, all.length - 20);
        }
        return body.toByteArray();
    }

    private static com.fasterxml.jackson.databind.JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
