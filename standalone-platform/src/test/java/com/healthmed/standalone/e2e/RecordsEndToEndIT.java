package com.healthmed.standalone.e2e;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bson.Document;
import org.bson.types.Binary;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The health record over HTTP (R8, N2): uploads, encryption at rest, sharing, and the authorization matrix of
 * every records endpoint for every kind of caller, with no bytes in any refused answer.
 */
@ExtendWith(TestPlatform.class)
class RecordsEndToEndIT {

    static final String SECRET = "Hemograma completo: resultado confidencial 0xC0FFEE";
    static final byte[] PDF = ("%PDF-1.4\n1 0 obj<<>>endobj\n% " + SECRET + "\ntrailer<<>>\n%%EOF\n").getBytes(StandardCharsets.UTF_8);
    static final byte[] PNG = HexFormat.of().parseHex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
            + "0000000d4944415478da63f8ffff3f0005fe02fea7d6a4c00000000049454e44ae426082");

    static Api api;
    static Scenario.Actor owner;
    static Scenario.Actor otherPatient;
    static Scenario.Actor grantedDoctor;
    static Scenario.Actor revokedDoctor;
    static Scenario.Actor otherDoctor;
    static String admin;
    static String examId;
    static String prescriptionId;

    @BeforeAll
    static void aSharedRecord() {
        api = TestPlatform.api();
        owner = Scenario.patient(api);
        otherPatient = Scenario.patient(api);
        grantedDoctor = Scenario.verifiedDoctor(api);
        revokedDoctor = Scenario.verifiedDoctor(api);
        otherDoctor = Scenario.verifiedDoctor(api);
        admin = api.login("admin", "healthmed-dev-admin");
        examId = upload(owner, "exams", "hemograma.pdf", "application/pdf", PDF);
        prescriptionId = upload(owner, "prescriptions", "receita.png", "image/png", PNG);
        grant(grantedDoctor, List.of(examId), List.of(), 24);
        String revoked = grant(revokedDoctor, List.of(), List.of("exams"), 24);
        assertThat(api.delete("/api/v1/records/me/grants/" + revoked, owner.token()).status()).isEqualTo(204);
    }

    /** Uploads a document and returns its id. */
    static String upload(Scenario.Actor patient, String group, String name, String type, byte[] bytes) {
        var response = api.multipart("/api/v1/records/me/documents", patient.token(), Map.of("group", group), name, type, bytes);
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.text("documentId");
    }

    static String grant(Scenario.Actor doctor, List<String> documents, List<String> groups, int hours) {
        ObjectNode body = Api.JSON.createObjectNode().put("doctorId", doctor.id()).put("durationHours", hours);
        documents.forEach(body.putArray("documentIds")::add);
        groups.forEach(body.putArray("groups")::add);
        var granted = api.post("/api/v1/records/me/grants", body, owner.token());
        assertThat(granted.status()).as(granted.toString()).isEqualTo(201);
        return granted.text("grantId");
    }

    private static int status(String path, String token) {
        var response = api.get(path, token);
        if (response.status() != 200) {
            assertThat(response.raw()).as("refused answer of " + path).doesNotContain(SECRET).doesNotContain("%PDF");
        }
        return response.status();
    }

    @Test
    void authorizationMatrix() {
        String mine = "/api/v1/records/me/documents";
        String myExam = mine + "/" + examId + "/content";
        String shared = "/api/v1/records/" + owner.id() + "/documents";
        String sharedExam = shared + "/" + examId + "/content";
        String sharedPrescription = shared + "/" + prescriptionId + "/content";

        // anonymous
        for (String path : List.of(mine, myExam, shared, sharedExam, "/api/v1/records/me/grants", "/api/v1/records/me/access-log")) {
            assertThat(status(path, null)).as(path).isEqualTo(401);
        }
        // the owner
        assertThat(status(mine, owner.token())).isEqualTo(200);
        assertThat(api.bytes(myExam, owner.token())).isEqualTo(PDF);
        assertThat(status(shared, owner.token())).isEqualTo(403);
        assertThat(status(sharedExam, owner.token())).isEqualTo(403);
        // another patient: their own (empty) record, never the owner's documents
        assertThat(api.get(mine, otherPatient.token()).raw()).doesNotContain(examId);
        assertThat(status(myExam, otherPatient.token())).isEqualTo(404);
        assertThat(status(shared, otherPatient.token())).isEqualTo(403);
        // the doctor with a live grant on the exam only
        var list = api.get(shared, grantedDoctor.token());
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body().path("items").findValuesAsText("documentId")).containsExactly(examId);
        assertThat(api.bytes(sharedExam, grantedDoctor.token())).isEqualTo(PDF);
        assertThat(status(sharedPrescription, grantedDoctor.token())).as("out of scope").isEqualTo(404);
        assertThat(status(mine, grantedDoctor.token())).isEqualTo(403);
        // revoked grant, other doctor, a patient id that does not exist
        for (var doctor : List.of(revokedDoctor, otherDoctor)) {
            assertThat(status(shared, doctor.token())).isEqualTo(404);
            assertThat(status(sharedExam, doctor.token())).isEqualTo(404);
        }
        assertThat(status("/api/v1/records/00000000-0000-4000-8000-00000000000f/documents", grantedDoctor.token()))
                .isEqualTo(404);
        // the administrator has no business in health records
        for (String path : List.of(mine, myExam, shared, sharedExam)) {
            assertThat(status(path, admin)).as(path).isEqualTo(403);
        }
    }

    @Test
    void onlyTheOwnerChangesARecord() {
        String grantId = grant(grantedDoctor, List.of(examId), List.of(), 24);
        var share = Api.JSON.createObjectNode().put("doctorId", otherDoctor.id()).put("durationHours", 1);
        share.putArray("documentIds").add(examId);
        String deleteExam = "/api/v1/records/me/documents/" + examId;
        String revoke = "/api/v1/records/me/grants/" + grantId;

        for (String token : new String[]{grantedDoctor.token(), otherDoctor.token(), admin}) {
            assertThat(api.multipart("/api/v1/records/me/documents", token, Map.of("group", "exams"), "a.pdf",
                    "application/pdf", PDF).status()).isEqualTo(403);
            assertThat(api.delete(deleteExam, token).status()).isEqualTo(403);
            assertThat(api.post("/api/v1/records/me/grants", share, token).status()).isEqualTo(403);
            assertThat(api.delete(revoke, token).status()).isEqualTo(403);
            assertThat(api.get("/api/v1/records/me/grants", token).status()).isEqualTo(403);
            assertThat(api.get("/api/v1/records/me/access-log", token).status()).isEqualTo(403);
        }
        assertThat(api.delete(deleteExam, null).status()).isEqualTo(401);
        assertThat(api.delete(revoke, null).status()).isEqualTo(401);
        // another patient acts on their own record: the owner's document and grant are not there
        assertThat(api.delete(deleteExam, otherPatient.token()).status()).isEqualTo(404);
        assertThat(api.delete(revoke, otherPatient.token()).status()).isEqualTo(404);
        var sharingSomeoneElses = api.post("/api/v1/records/me/grants", share, otherPatient.token());
        assertThat(sharingSomeoneElses.status()).isEqualTo(422);
        assertThat(sharingSomeoneElses.problemType()).endsWith("/invalid-grant");
        // and nothing of the owner's changed
        assertThat(api.bytes("/api/v1/records/me/documents/" + examId + "/content", owner.token())).isEqualTo(PDF);
        assertThat(api.bytes("/api/v1/records/" + owner.id() + "/documents/" + examId + "/content",
                grantedDoctor.token())).isEqualTo(PDF);
    }

    @Test
    void anExpiredGrantStopsAtTheInstantOfTheRequest() {
        var doctor = Scenario.verifiedDoctor(api);
        grant(doctor, List.of(examId), List.of(), 1);
        String sharedExam = "/api/v1/records/" + owner.id() + "/documents/" + examId + "/content";
        assertThat(status(sharedExam, doctor.token())).isEqualTo(200);
        TestPlatform.CLOCK.shift(Duration.ofMinutes(61));
        try {
            assertThat(status(sharedExam, doctor.token())).isEqualTo(404);
        } finally {
            TestPlatform.CLOCK.reset();
        }
    }

    @Test
    void aGroupGrantCoversLaterDocumentsAndEveryReadIsLogged() {
        var doctor = Scenario.verifiedDoctor(api);
        var patient = Scenario.patient(api);
        String before = upload(patient, "imaging", "rx.png", "image/png", PNG);
        var body = Api.JSON.createObjectNode().put("doctorId", doctor.id()).put("validUntil",
                Instant.now().plus(Duration.ofDays(2)).toString());
        body.putArray("groups").add("imaging");
        assertThat(api.post("/api/v1/records/me/grants", body, patient.token()).status()).isEqualTo(201);
        String later = upload(patient, "imaging", "rx2.png", "image/png", PNG);
        String shared = "/api/v1/records/" + patient.id() + "/documents";

        assertThat(api.get(shared, doctor.token()).body().path("items").findValuesAsText("documentId"))
                .containsExactlyInAnyOrder(before, later);
        assertThat(status(shared, otherDoctor.token())).isEqualTo(404);

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            var log = api.get("/api/v1/records/me/access-log", patient.token());
            assertThat(log.status()).isEqualTo(200);
            assertThat(log.body().findParents("accessorId")).anySatisfy(entry -> {
                assertThat(entry.path("accessorId").asText()).isEqualTo(doctor.id());
                assertThat(entry.path("granted").asBoolean()).isTrue();
                assertThat(entry.path("grantIds").size()).isEqualTo(1);
            }).anySatisfy(entry -> {
                assertThat(entry.path("accessorId").asText()).isEqualTo(otherDoctor.id());
                assertThat(entry.path("granted").asBoolean()).isFalse();
            });
        });
        var grants = api.get("/api/v1/records/me/grants", patient.token());
        assertThat(grants.body().findValuesAsText("doctorId")).containsExactly(doctor.id());
    }

    @Test
    void storedBytesAreCiphertextAndRoundTripExactly() throws Exception {
        var patient = Scenario.patient(api);
        var created = api.multipart("/api/v1/records/me/documents", patient.token(), Map.of("group", "exams", "title", "Hemograma"),
                "../../etc/hemograma.pdf", "application/pdf", PDF);
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.text("fileName")).isEqualTo("hemograma.pdf");
        assertThat(created.text("contentType")).isEqualTo("application/pdf");
        assertThat(created.body().path("size").asLong()).isEqualTo(PDF.length);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(PDF));
        assertThat(created.text("sha256")).isEqualTo(sha);

        var mongo = TestPlatform.bean(MongoTemplate.class);
        Document file = mongo.getCollection("fs.files").find(new Document("filename", created.text("storageRef"))).first();
        assertThat(file).isNotNull();
        var stored = new java.io.ByteArrayOutputStream();
        for (Document chunk : mongo.getCollection("fs.chunks").find(new Document("files_id", file.get("_id")))) {
            stored.write(chunk.get("data", Binary.class).getData());
        }
        String atRest = stored.toString(StandardCharsets.ISO_8859_1);
        assertThat(stored.size()).isGreaterThanOrEqualTo(PDF.length);
        assertThat(atRest).doesNotContain(SECRET).doesNotContain("%PDF");

        byte[] downloaded = api.bytes("/api/v1/records/me/documents/" + created.text("documentId") + "/content", patient.token());
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(downloaded))).isEqualTo(sha);

        var removed = api.delete("/api/v1/records/me/documents/" + created.text("documentId"), patient.token());
        assertThat(removed.status()).isEqualTo(204);
        assertThat(mongo.getCollection("fs.files").countDocuments(new Document("filename", created.text("storageRef")))).isZero();
        assertThat(api.get("/api/v1/records/me/documents/" + created.text("documentId") + "/content", patient.token()).status())
                .isEqualTo(404);
    }

    @Test
    void badUploadsAreRefusedAndStoreNothing() {
        var patient = Scenario.patient(api);
        String path = "/api/v1/records/me/documents";
        long events = TestPlatform.storedEventsCausedByRequests();
        long files = TestPlatform.bean(MongoTemplate.class).getCollection("fs.files").countDocuments();

        assertThat(api.multipart(path, patient.token(), Map.of("group", "exams"), "a.pdf", "application/pdf", new byte[0])
                .status()).isEqualTo(400);
        assertThat(api.multipart(path, patient.token(), Map.of("group", "exams"), "a.txt", "text/plain",
                "just text".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(415);
        var mismatch = api.multipart(path, patient.token(), Map.of("group", "exams"), "a.pdf", "application/pdf", PNG);
        assertThat(mismatch.status()).isEqualTo(415);
        assertThat(mismatch.problemType()).endsWith("/document-type-mismatch");
        assertThat(api.multipart(path, patient.token(), Map.of("group", "x-rays"), "a.pdf", "application/pdf", PDF)
                .status()).isEqualTo(400);
        assertThat(api.multipart(path, patient.token(), Map.of("group", "exams"), null, null, null).status()).isEqualTo(400);
        byte[] huge = new byte[21 * 1024 * 1024];
        System.arraycopy(PDF, 0, huge, 0, PDF.length);
        var tooLarge = api.multipart(path, patient.token(), Map.of("group", "exams"), "big.pdf", "application/pdf", huge);
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.contentType()).startsWith("application/problem+json");

        assertThat(TestPlatform.storedEventsCausedByRequests()).isEqualTo(events);
        assertThat(TestPlatform.bean(MongoTemplate.class).getCollection("fs.files").countDocuments()).isEqualTo(files);
        assertThat(api.get(path, patient.token()).body().path("total").asInt()).isZero();
    }

    @Test
    void aDoctorReportsAfterTheConsultationStarted() {
        var doctor = Scenario.verifiedDoctor(api);
        var patient = Scenario.patient(api);
        Instant start = Scenario.hoursFromNow(3);
        Scenario.publish(api, doctor, start, 1);
        String id = Scenario.requestedAppointment(api, doctor, patient, start);
        assertThat(api.post("/api/v1/appointments/" + id + "/acceptance", "{}", doctor.token()).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(5)).until(() ->
                "CONFIRMED".equals(api.get("/api/v1/appointments/" + id, patient.token()).text("status")));
        String report = "/api/v1/appointments/" + id + "/report";

        var tooEarly = api.multipart(report, doctor.token(), Map.of("text", "Paciente estável."), null, null, null);
        assertThat(tooEarly.status()).isEqualTo(409);
        assertThat(tooEarly.problemType()).endsWith("/consultation-not-started");
        TestPlatform.CLOCK.shift(Duration.between(Instant.now(), start.plusSeconds(60)));
        try {
            var notHis = api.multipart(report, otherDoctor.token(), Map.of("text", "x"), null, null, null);
            assertThat(notHis.status()).isEqualTo(404);
            var written = api.multipart(report, doctor.token(), Map.of("text", "Paciente estável. Retorno em 30 dias."),
                    "exame.pdf", "application/pdf", PDF);
            assertThat(written.status()).as(written.toString()).isEqualTo(201);
        } finally {
            TestPlatform.CLOCK.reset();
        }
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            var reports = api.get("/api/v1/records/me/documents?group=reports", patient.token());
            assertThat(reports.body().path("total").asInt()).isEqualTo(2);
        });
        assertThat(status("/api/v1/records/" + patient.id() + "/documents", otherDoctor.token())).isEqualTo(404);
    }

    @Test
    void documentsAreSharedOnlyWithAVerifiedDoctor() {
        var patient = Scenario.patient(api);
        var unverified = api.post("/api/v1/doctors", People.doctor(), null).text("id");
        var someonePatient = Scenario.patient(api);
        for (String notADoctor : List.of(unverified, someonePatient.id(), "no-such-user")) {
            var share = Api.JSON.createObjectNode().put("doctorId", notADoctor).put("durationHours", 1);
            share.putArray("groups").add("exams");
            var refused = api.post("/api/v1/records/me/grants", share, patient.token());
            assertThat(refused.status()).as(notADoctor + ": " + refused).isEqualTo(422);
            assertThat(refused.problemType()).endsWith("/invalid-grant");
        }
        assertThat(TestPlatform.storedEvents(com.healthmed.schema.record.MedicalRecordId.of(patient.id()),
                "AccessGrantedEvent")).isZero();
    }
}
