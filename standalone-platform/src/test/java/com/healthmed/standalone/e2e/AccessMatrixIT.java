package com.healthmed.standalone.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;

import static com.healthmed.standalone.e2e.Api.JSON;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every operation of the OpenAPI document × every kind of caller, each cell sent over HTTP and compared with
 * the expectation table {@code access-matrix.txt}. An operation without a row (a new endpoint) or a row without
 * an operation fails the build, as does an operation for which this class cannot build a request.
 */
@ExtendWith(TestPlatform.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessMatrixIT {

    /** The table's columns, in its order. */
    enum Caller { ANONYMOUS, PATIENT, OTHER_PATIENT, DOCTOR, OTHER_DOCTOR, UNVERIFIED_DOCTOR, ADMIN, AUDITOR }

    /**
     * The order cells are sent in: callers expected to be refused first, the owners last, so an owner's change
     * (a cancellation, a deletion) never turns a refusal into "not found for everyone".
     */
    private static final List<Caller> SENDING_ORDER = List.of(Caller.ANONYMOUS, Caller.OTHER_PATIENT,
            Caller.OTHER_DOCTOR, Caller.UNVERIFIED_DOCTOR, Caller.ADMIN, Caller.AUDITOR, Caller.PATIENT, Caller.DOCTOR);
    private static final String PROBLEMS = "https://healthmed.example/problems/";
    private static final byte[] PDF = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".getBytes(StandardCharsets.UTF_8);

    /** One HTTP request: method, path, body and its content type (null: none). */
    record Call(String method, String path, byte[] body, String contentType) {

        static Call of(String method, String path) {
            return new Call(method, path, null, null);
        }

        static Call json(String method, String path, JsonNode body) {
            return new Call(method, path, body.toString().getBytes(StandardCharsets.UTF_8), "application/json");
        }
    }

    private Api api;
    private final Map<Caller, String> tokens = new EnumMap<>(Caller.class);
    private final Map<Caller, String> ids = new EnumMap<>(Caller.class);
    private String appointment;
    private String window;
    private String keptDocument;
    private String deletedDocument;
    private String deletedGrant;
    private String revisedWindow;
    private String withdrawnWindow;
    private String pendingDoctor;
    private Instant bookable;
    private Scenario.Actor loginUser;
    private final Map<Caller, Scenario.Actor> patients = new EnumMap<>(Caller.class);
    private String erasedByAdmin;
    private Map<String, Function<Caller, Call>> requests;
    private Map<String, Map<Caller, String>> expected;

    @BeforeAll
    void fixtures() {
        api = TestPlatform.api();
        var patient = Scenario.patient(api);
        var otherPatient = Scenario.patient(api);
        var doctor = Scenario.verifiedDoctor(api);
        var otherDoctor = Scenario.verifiedDoctor(api);
        var unverified = People.doctor();
        ids.put(Caller.UNVERIFIED_DOCTOR, api.post("/api/v1/doctors", unverified, null).text("id"));
        tokens.put(Caller.UNVERIFIED_DOCTOR, api.login(unverified.at("/crm/number").asText() + "-SP", People.PASSWORD));
        pendingDoctor = api.post("/api/v1/doctors", People.doctor(), null).text("id");
        loginUser = Scenario.patient(api);
        erasedByAdmin = Scenario.patient(api).id();
        patients.put(Caller.PATIENT, patient);
        patients.put(Caller.OTHER_PATIENT, otherPatient);

        Instant start = Scenario.hoursFromNow(3);
        window = Scenario.publish(api, doctor, start, 4);
        appointment = Scenario.requestedAppointment(api, doctor, patient, start);
        bookable = start.plus(Duration.ofHours(1));
        revisedWindow = Scenario.publish(api, doctor, Scenario.hoursFromNow(10), 4);
        withdrawnWindow = Scenario.publish(api, doctor, Scenario.hoursFromNow(11), 4);
        keptDocument = upload(patient.token());
        deletedDocument = upload(patient.token());
        grant(patient.token(), doctor.id(), keptDocument);
        deletedGrant = grant(patient.token(), doctor.id(), deletedDocument);

        tokens.put(Caller.PATIENT, patient.token());
        tokens.put(Caller.OTHER_PATIENT, otherPatient.token());
        tokens.put(Caller.DOCTOR, doctor.token());
        tokens.put(Caller.OTHER_DOCTOR, otherDoctor.token());
        tokens.put(Caller.ADMIN, api.login(KeycloakAdmin.staff("admin"), People.PASSWORD));
        tokens.put(Caller.AUDITOR, api.login(KeycloakAdmin.staff("auditor"), People.PASSWORD));
        ids.put(Caller.PATIENT, patient.id());
        ids.put(Caller.DOCTOR, doctor.id());
        requests = requests();
        expected = table();
    }

    private String upload(String token) {
        var uploaded = api.multipart("/api/v1/records/me/documents", token, Map.of("group", "exams"), "exame.pdf",
                "application/pdf", PDF);
        assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
        return uploaded.text("documentId");
    }

    private String grant(String token, String doctorId, String documentId) {
        var body = JSON.createObjectNode().put("doctorId", doctorId).put("durationHours", 24);
        body.putArray("documentIds").add(documentId);
        var granted = api.post("/api/v1/records/me/grants", body, token);
        assertThat(granted.status()).as(granted.toString()).isEqualTo(201);
        return granted.text("grantId");
    }

    /** How to call each operation as each caller: the path's ids name the fixtures above. */
    private Map<String, Function<Caller, Call>> requests() {
        String patientId = ids.get(Caller.PATIENT);
        String doctorId = ids.get(Caller.DOCTOR);
        String appointmentPath = "/api/v1/appointments/" + appointment;
        Map<String, Function<Caller, Call>> r = new LinkedHashMap<>();
        r.put("POST /api/v1/patients", c -> Call.json("POST", "/api/v1/patients", People.patient()));
        r.put("POST /api/v1/doctors", c -> Call.json("POST", "/api/v1/doctors", People.doctor()));
        r.put("POST /api/v1/auth/token", c -> Call.json("POST", "/api/v1/auth/token", credentials()));
        // refresh tokens rotate: each cell needs one of its own
        r.put("POST /api/v1/auth/refresh", c -> Call.json("POST", "/api/v1/auth/refresh", JSON.createObjectNode()
                .put("refreshToken", api.post("/api/v1/auth/token", credentials(), null).text("refresh_token"))));
        r.put("GET /api/v1/specialties", c -> Call.of("GET", "/api/v1/specialties"));
        r.put("GET /api/v1/schemas/{topic}", c -> Call.of("GET", "/api/v1/schemas/healthmed.appointments.v1"));
        r.put("GET /api/v1/me", c -> Call.of("GET", "/api/v1/me"));
        r.put("PATCH /api/v1/me", c -> Call.json("PATCH", "/api/v1/me", JSON.createObjectNode().put("name",
                c == Caller.PATIENT || c == Caller.OTHER_PATIENT ? "Maria Souza" : "João Souza Filho")));
        r.put("GET /api/v1/doctors", c -> Call.of("GET", "/api/v1/doctors?specialty=Cardiologia"));
        r.put("GET /api/v1/doctors/{doctorId}", c -> Call.of("GET", "/api/v1/doctors/" + doctorId));
        r.put("GET /api/v1/doctors/{doctorId}/agenda", c -> Call.of("GET", "/api/v1/doctors/" + doctorId + "/agenda"));
        r.put("GET /api/v1/doctors/{doctorId}/ratings", c -> Call.of("GET", "/api/v1/doctors/" + doctorId + "/ratings"));
        r.put("POST /api/v1/doctors/me/availability", c -> {
            Instant from = Scenario.hoursFromNow(12);
            var body = JSON.createObjectNode().put("slotMinutes", 50).put("bufferMinutes", 10);
            body.putArray("windows").addObject().put("start", from.toString())
                    .put("end", from.plus(Duration.ofHours(2)).toString());
            return Call.json("POST", "/api/v1/doctors/me/availability", body);
        });
        r.put("POST /api/v1/doctors/me/availability/recurring", c -> {
            var body = JSON.createObjectNode().put("startTime", "08:00").put("endTime", "10:00")
                    .put("firstDay", LocalDate.ofInstant(Scenario.hoursFromNow(20), ZoneOffset.UTC).toString())
                    .put("weeks", 1).put("slotMinutes", 50).put("bufferMinutes", 10);
            body.putArray("weekdays").add("MONDAY").add("THURSDAY");
            return Call.json("POST", "/api/v1/doctors/me/availability/recurring", body);
        });
        r.put("GET /api/v1/doctors/me/availability", c -> Call.of("GET", "/api/v1/doctors/me/availability"));
        r.put("PUT /api/v1/doctors/me/availability/{windowId}", c -> {
            Instant from = Scenario.hoursFromNow(10);
            return Call.json("PUT", "/api/v1/doctors/me/availability/" + revisedWindow, JSON.createObjectNode()
                    .put("start", from.toString()).put("end", from.plus(Duration.ofHours(3)).toString())
                    .put("slotMinutes", 30).put("bufferMinutes", 0));
        });
        r.put("DELETE /api/v1/doctors/me/availability/{windowId}",
                c -> Call.of("DELETE", "/api/v1/doctors/me/availability/" + withdrawnWindow));
        r.put("GET /api/v1/doctors/me/appointments", c -> Call.of("GET", "/api/v1/doctors/me/appointments"));
        r.put("POST /api/v1/appointments", c -> Call.json("POST", "/api/v1/appointments", JSON.createObjectNode()
                .put("doctorId", doctorId)
                .put("start", bookable.plus(Duration.ofHours(c == Caller.PATIENT ? 1 : 0)).toString())));
        r.put("GET /api/v1/appointments", c -> Call.of("GET", "/api/v1/appointments"));
        r.put("GET /api/v1/appointments/{id}", c -> Call.of("GET", appointmentPath));
        r.put("POST /api/v1/appointments/{id}/acceptance", c -> Call.json("POST", appointmentPath + "/acceptance",
                JSON.createObjectNode()));
        r.put("POST /api/v1/appointments/{id}/refusal", c -> Call.json("POST", appointmentPath + "/refusal",
                JSON.createObjectNode().put("reason", "Agenda cheia")));
        r.put("POST /api/v1/appointments/{id}/cancellation", c -> Call.json("POST", appointmentPath + "/cancellation",
                JSON.createObjectNode().put("justification", "Não poderei comparecer nesse dia.")));
        r.put("GET /api/v1/appointments/{id}/teleconsultation", c -> Call.of("GET", appointmentPath + "/teleconsultation"));
        r.put("POST /api/v1/appointments/{id}/completion", c -> Call.json("POST", appointmentPath + "/completion",
                JSON.createObjectNode()));
        r.put("POST /api/v1/appointments/{id}/no-show", c -> Call.json("POST", appointmentPath + "/no-show",
                JSON.createObjectNode()));
        r.put("POST /api/v1/appointments/{id}/rating", c -> Call.json("POST", appointmentPath + "/rating",
                JSON.createObjectNode().put("stars", 5)));
        r.put("POST /api/v1/appointments/{appointmentId}/report",
                c -> multipart(appointmentPath + "/report", "text", "Paciente orientado.", null));
        r.put("POST /api/v1/records/me/documents",
                c -> multipart("/api/v1/records/me/documents", "group", "exams", PDF));
        r.put("GET /api/v1/records/me/documents", c -> Call.of("GET", "/api/v1/records/me/documents"));
        r.put("GET /api/v1/records/me/documents/{documentId}/content",
                c -> Call.of("GET", "/api/v1/records/me/documents/" + keptDocument + "/content"));
        r.put("DELETE /api/v1/records/me/documents/{documentId}",
                c -> Call.of("DELETE", "/api/v1/records/me/documents/" + deletedDocument));
        r.put("POST /api/v1/records/me/grants", c -> {
            var body = JSON.createObjectNode().put("doctorId", doctorId).put("durationHours", 1);
            body.putArray("documentIds").add(keptDocument);
            return Call.json("POST", "/api/v1/records/me/grants", body);
        });
        r.put("GET /api/v1/records/me/grants", c -> Call.of("GET", "/api/v1/records/me/grants"));
        r.put("DELETE /api/v1/records/me/grants/{grantId}",
                c -> Call.of("DELETE", "/api/v1/records/me/grants/" + deletedGrant));
        r.put("GET /api/v1/records/me/access-log", c -> Call.of("GET", "/api/v1/records/me/access-log"));
        r.put("GET /api/v1/records/{patientId}/documents",
                c -> Call.of("GET", "/api/v1/records/" + patientId + "/documents"));
        r.put("GET /api/v1/records/{patientId}/documents/{documentId}/content",
                c -> Call.of("GET", "/api/v1/records/" + patientId + "/documents/" + keptDocument + "/content"));
        r.put("POST /api/v1/admin/doctors/{doctorId}/verification", c -> Call.json("POST",
                "/api/v1/admin/doctors/" + pendingDoctor + "/verification", JSON.createObjectNode()));
        r.put("GET /api/v1/admin/dead-letters", c -> Call.of("GET", "/api/v1/admin/dead-letters"));
        r.put("POST /api/v1/admin/dead-letters/{group}/retry",
                c -> Call.of("POST", "/api/v1/admin/dead-letters/doctor-profiles/retry"));
        r.put("GET /api/v1/admin/projections", c -> Call.of("GET", "/api/v1/admin/projections"));
        // a group with side effects: the admin passes authorization and is refused replaying it (409), so no
        // read model is rebuilt under the other tests
        r.put("POST /api/v1/admin/projections/{name}/replay",
                c -> Call.of("POST", "/api/v1/admin/projections/appointment-saga/replay"));
        r.put("GET /api/v1/admin/audit-reads", c -> Call.of("GET", "/api/v1/admin/audit-reads"));
        r.put("GET /api/v1/audit/events", c -> Call.of("GET", "/api/v1/audit/events?limit=1"));
        r.put("GET /api/v1/audit/checkpoints", c -> Call.of("GET", "/api/v1/audit/checkpoints?limit=1"));
        r.put("GET /api/v1/audit/checkpoints/verification", c -> Call.of("GET", "/api/v1/audit/checkpoints/verification"));
        r.put("POST /api/v1/admin/patients/{patientId}/erasure",
                c -> Call.of("POST", "/api/v1/admin/patients/" + erasedByAdmin + "/erasure"));
        r.put("POST /api/v1/me/erasure", c -> {
            // erasure wants a login of the last minutes: the patients log in again (the table's last row)
            var who = patients.get(c);
            if (who != null) {
                tokens.put(c, api.login(who.registration().get("email").asText(), People.PASSWORD));
            }
            return Call.of("POST", "/api/v1/me/erasure");
        });
        return r;
    }

    private ObjectNode credentials() {
        return JSON.createObjectNode().put("username", loginUser.registration().get("email").asText())
                .put("password", People.PASSWORD);
    }

    private static Call multipart(String path, String field, String value, byte[] pdf) {
        String boundary = "----matrix" + System.nanoTime();
        var body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"\r\n\r\n" + value
                + "\r\n").getBytes(StandardCharsets.UTF_8));
        if (pdf != null) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n"
                    + "Content-Type: application/pdf\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.writeBytes(pdf);
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return new Call("POST", path, body.toByteArray(), "multipart/form-data; boundary=" + boundary);
    }

    /** The expectation table: operation → caller → expected outcome, in the file's order. */
    private static Map<String, Map<Caller, String>> table() {
        Map<String, Map<Caller, String>> table = new LinkedHashMap<>();
        try (InputStream in = AccessMatrixIT.class.getResourceAsStream("/access-matrix.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cells = line.trim().split("\\s+");
                assertThat(cells).as("method, path and %d outcomes in: %s", Caller.values().length, line)
                        .hasSize(2 + Caller.values().length);
                Map<Caller, String> row = new EnumMap<>(Caller.class);
                for (Caller caller : Caller.values()) {
                    String outcome = cells[2 + caller.ordinal()];
                    assertThat(outcome).as(line).isIn("ok", "401", "403", "404", "422");
                    row.put(caller, outcome);
                }
                assertThat(table.put(cells[0] + " " + cells[1], row)).as("a second row for " + line).isNull();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return table;
    }

    /** Every operation the running platform documents at {@code /v3/api-docs}. */
    private List<String> documentedOperations() {
        var docs = api.get("/v3/api-docs", null);
        assertThat(docs.status()).as(docs.toString()).isEqualTo(200);
        List<String> operations = new ArrayList<>();
        docs.body().path("paths").properties().forEach(path -> path.getValue().properties().forEach(operation -> {
            if (path.getKey().equals("/error")) {
                return; // Spring's error page (every method, 404 problem for everyone): HostileInputIT covers it
            }
            if (List.of("get", "put", "post", "delete", "patch", "head", "options", "trace").contains(operation.getKey())) {
                operations.add(operation.getKey().toUpperCase(java.util.Locale.ROOT) + " " + path.getKey());
            }
        }));
        return operations;
    }

    @Test
    void everyDocumentedOperationHasARowAndARequestAndNothingElseHas() {
        var documented = new TreeSet<>(documentedOperations());
        assertThat(documented).as("operations of /v3/api-docs").hasSizeGreaterThanOrEqualTo(45);
        assertThat(new TreeSet<>(expected.keySet())).as("rows of access-matrix.txt (a new endpoint needs its row)")
                .isEqualTo(documented);
        assertThat(new TreeSet<>(requests.keySet())).as("requests this test can send").isEqualTo(documented);
    }

    @TestFactory
    Stream<DynamicTest> everyCellAnswersAsTheTableSays() {
        List<DynamicTest> cells = new ArrayList<>();
        for (var row : expected.entrySet()) {
            for (Caller caller : SENDING_ORDER) {
                String operation = row.getKey();
                String outcome = row.getValue().get(caller);
                cells.add(DynamicTest.dynamicTest(operation + " as " + caller + " → " + outcome,
                        () -> assertCell(operation, caller, outcome)));
            }
        }
        System.out.println("AccessMatrixIT: " + expected.size() + " operations x " + Caller.values().length
                + " callers = " + cells.size() + " cells");
        return cells.stream();
    }

    private void assertCell(String operation, Caller caller, String outcome) {
        var make = requests.get(operation);
        assertThat(make).as("a request for " + operation).isNotNull();
        Call call = make.apply(caller);
        Map<String, String> headers = call.contentType() == null ? Map.of() : Map.of("Content-Type", call.contentType());
        var response = api.raw(call.method(), call.path(), tokens.get(caller), call.body(), headers);
        String type = response.problemType();
        String seen = response.status() + " " + abbreviate(response.raw());
        assertThat(response.status()).as("never a server error: " + seen).isLessThan(500);
        switch (outcome) {
            case "ok" -> {
                assertThat(response.status()).as("passes authorization and is valid: " + seen).isNotIn(400, 401);
                assertThat(response.status() == 403 && type.equals(PROBLEMS + "forbidden")).as("not forbidden: " + seen).isFalse();
                assertThat(response.status() == 404 && type.equals(PROBLEMS + "not-found")).as("not hidden: " + seen).isFalse();
            }
            case "401" -> assertProblem(response, 401, "unauthorized", seen);
            case "403" -> assertProblem(response, 403, "forbidden", seen);
            case "404" -> assertProblem(response, 404, "not-found", seen);
            case "422" -> assertThat(response.status()).as(seen).isEqualTo(422);
            default -> throw new AssertionError("unknown outcome " + outcome);
        }
    }

    private static void assertProblem(Api.Response response, int status, String type, String seen) {
        assertThat(response.status()).as(seen).isEqualTo(status);
        assertThat(response.contentType()).as(seen).startsWith("application/problem+json");
        assertThat(response.problemType()).as(seen).isEqualTo(PROBLEMS + type);
    }

    private static String abbreviate(String raw) {
        return raw == null ? "" : raw.length() > 300 ? raw.substring(0, 300) + "…" : raw;
    }
}
