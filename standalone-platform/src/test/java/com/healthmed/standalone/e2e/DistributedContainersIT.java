package com.healthmed.standalone.e2e;

import com.healthmed.schema.integration.IntegrationTopic;
import com.healthmed.standalone.deployment.DeploymentFiles;
import com.healthmed.standalone.e2e.Scenario.Actor;
import dasniko.testcontainers.keycloak.KeycloakContainer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.lifecycle.Startable;
import org.testcontainers.lifecycle.Startables;
import org.testcontainers.utility.MountableFile;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The distributed mode end to end, where Docker exists (skipped, with Testcontainers' "Docker is not
 * available" reason, elsewhere): the real infrastructure images at the tags docker-compose.yml pins (Axon
 * Server, PostgreSQL, MongoDB as a single-node replica set, Kafka, Keycloak, Mailpit), and the services'
 * executable jars in containers on the Dockerfile's runtime base, configured with the compose file's
 * environment: two command-side instances, one query side, one gateway. Over HTTP: registration and
 * logins, bookings for several doctors read back from MongoDB, the e-mail in Mailpit, the analysts' record
 * in Kafka, a race for one slot between two command-side instances, and bookings after one instance is gone.
 */
@Testcontainers(disabledWithoutDocker = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DistributedContainersIT {

    private static final int DOCTORS = 6;

    private static Network network;
    private static final List<GenericContainer<?>> containers = new ArrayList<>();
    private static KafkaContainer kafka;
    private static GenericContainer<?> mailpit;
    private static GenericContainer<?> secondCommandSide;
    private static Api api;
    private static final List<Actor> doctors = new ArrayList<>();
    private static Instant firstSlot;

    @BeforeAll
    static void startTheDistributedPlatform() {
        network = Network.newNetwork();
        var postgres = new PostgreSQLContainer<>(DeploymentFiles.composeImage("postgres"))
                .withDatabaseName("healthmed").withUsername("healthmed")
                .withPassword(composeEnvironment("postgres").get("POSTGRES_PASSWORD"))
                .withCopyFileToContainer(MountableFile.forHostPath(DeploymentFiles.root().resolve("docker/postgres-init.sql")),
                        "/docker-entrypoint-initdb.d/10-init.sql");
        var mongo = new GenericContainer<>(DeploymentFiles.composeImage("mongo"))
                .withCommand("mongod", "--replSet", "rs0", "--bind_ip_all")
                .withExposedPorts(27017)
                .waitingFor(Wait.forLogMessage("(?i).*waiting for connections.*", 1));
        var axonServer = new GenericContainer<>(DeploymentFiles.composeImage("axonserver"))
                .withEnv(composeEnvironment("axonserver"))
                .withExposedPorts(8024, 8124)
                .waitingFor(Wait.forHttp("/actuator/health").forPort(8024).withStartupTimeout(Duration.ofMinutes(3)));
        kafka = new KafkaContainer(DeploymentFiles.composeImage("kafka")).withListener("kafka:19092");
        mailpit = new GenericContainer<>(DeploymentFiles.composeImage("mailpit"))
                .withExposedPorts(8025, 1025)
                .waitingFor(Wait.forListeningPort());
        var keycloak = new KeycloakContainer(DeploymentFiles.composeImage("keycloak"))
                .withRealmImportFile("/keycloak/healthmed-realm.json")
                // tokens name the address the gateway reaches Keycloak at
                .withEnv("KC_HOSTNAME", "http://keycloak:8080");
        join(postgres, "postgres");
        join(mongo, "mongo");
        join(axonServer, "axonserver");
        join(kafka, "kafka");
        join(mailpit, "mailpit");
        join(keycloak, "keycloak");
        Startables.deepStart(Stream.<Startable>of(postgres, mongo, axonServer, kafka, mailpit, keycloak)).join();
        initiateReplicaSet(mongo);

        // compose's environment for each service, with the addresses that differ under Testcontainers
        Map<String, String> overrides = Map.of("HEALTHMED_KAFKA_BOOTSTRAP", "kafka:19092",
                "KEYCLOAK_URL", "http://keycloak:8080", "KEYCLOAK_PUBLIC_URL", "http://keycloak:8080");
        var firstCommandSide = service("command-side", overrides);
        secondCommandSide = service("command-side", overrides);
        var querySide = service("query-side", overrides);
        Startables.deepStart(Stream.of(firstCommandSide, secondCommandSide, querySide)).join();
        var gateway = service("api-gateway", overrides).withExposedPorts(8080, 8081);
        gateway.start();
        api = new Api("http://" + gateway.getHost() + ":" + gateway.getMappedPort(8080));
    }

    @AfterAll
    static void stopAll() {
        containers.reversed().forEach(GenericContainer::stop);
        if (network != null) {
            network.close();
        }
    }

    @Test
    @Order(1)
    void aPatientRegistersAndLogsInWithEmailAndCpf() {
        var patient = People.patient();

        var created = api.post("/api/v1/patients", patient, null);

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(api.login(patient.get("email").asText(), People.PASSWORD)).isNotBlank();
        assertThat(api.login(patient.get("cpf").asText(), People.PASSWORD)).isNotBlank();
        assertThat(api.post("/api/v1/patients", patient, null).status()).isEqualTo(409);
    }

    @Test
    @Order(2)
    void bookingsForSeveralDoctorsAreReadBackMailedAndStreamedToAnalysts() throws Exception {
        firstSlot = Instant.now().plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.HOURS);
        var patient = Scenario.patient(api);
        for (int i = 0; i < DOCTORS; i++) {
            var doctor = Scenario.verifiedDoctor(api);
            Scenario.publish(api, doctor, firstSlot, 4);
            doctors.add(doctor);
        }

        List<String> appointments = new ArrayList<>();
        for (var doctor : doctors) {
            // waits until the query side (MongoDB) has the appointment
            appointments.add(Scenario.requestedAppointment(api, doctor, patient, firstSlot));
        }

        assertThat(appointments).doesNotHaveDuplicates().hasSize(DOCTORS);
        String patientEmail = patient.registration().get("email").asText();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(mailpitMessages())
                .anySatisfy(message -> assertThat(message).containsAnyOf(patientEmail,
                        doctors.getFirst().registration().get("email").asText())));
        var keys = analystsRecords(IntegrationTopic.APPOINTMENTS.topicName()).stream().map(ConsumerRecord::key).toList();
        assertThat(keys).containsAll(doctors.stream().map(Actor::id).toList());
    }

    @Test
    @Order(3)
    void patientsRacingForOneSlotAcrossTwoCommandSideInstancesGetOneBooking() throws Exception {
        var doctor = doctors.get(1);
        Instant slot = firstSlot.plus(Duration.ofHours(1));
        List<Actor> patients = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            patients.add(Scenario.patient(api));
        }

        List<Integer> statuses = new ArrayList<>();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Callable<Integer>> bookings = patients.stream().<Callable<Integer>>map(patient -> () ->
                    api.post("/api/v1/appointments", Scenario.booking(doctor, slot), patient.token()).status()).toList();
            for (var result : pool.invokeAll(bookings)) {
                statuses.add(result.get());
            }
        }

        assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(patients.size() - 1);
    }

    @Test
    @Order(4)
    void withOneCommandSideInstanceGoneEveryDoctorCanStillBeBooked() {
        // each schedule was handled by one of the two instances (Axon Server routes by aggregate id); the one
        // left takes over the other's aggregates, rebuilding them from the event store
        secondCommandSide.stop();
        var patient = Scenario.patient(api);
        Instant slot = firstSlot.plus(Duration.ofHours(2));

        List<Integer> statuses = new ArrayList<>();
        for (var doctor : doctors) {
            var booked = api.post("/api/v1/appointments", Scenario.booking(doctor, slot),
                    patient.token(), "Idempotency-Key", UUID.randomUUID().toString());
            statuses.add(booked.status());
        }

        assertThat(statuses).containsOnly(201);
    }

    private static void join(GenericContainer<?> container, String alias) {
        container.withNetwork(network).withNetworkAliases(alias);
        containers.add(container);
    }

    private static Map<String, String> composeEnvironment(String service) {
        Map<String, String> environment = new HashMap<>();
        DeploymentFiles.composeEnvironment(DeploymentFiles.composeServices().get(service))
                .forEach((name, value) -> environment.put(name, value == null ? "" : value));
        return environment;
    }

    /** As compose's health check does: make this node the replica set's primary, reachable as mongo:27017. */
    private static void initiateReplicaSet(GenericContainer<?> mongo) {
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(1)).until(() -> mongo.execInContainer(
                "mongosh", "--quiet", "--eval", "try { rs.status() } catch (e) { rs.initiate({_id: 'rs0', members: "
                        + "[{_id: 0, host: 'mongo:27017'}]}) }; db.hello().isWritablePrimary").getStdout().contains("true"));
    }

    /** A service's executable jar in a container on the Dockerfile's runtime base image, with compose's environment. */
    private static GenericContainer<?> service(String module, Map<String, String> overrides) {
        Path jar = executableJar(module);
        var image = new ImageFromDockerfile("healthmed-it/" + module, true)
                .withFileFromPath("service.jar", jar)
                .withDockerfileFromBuilder(dockerfile -> dockerfile.from(runtimeBaseImage())
                        .copy("service.jar", "/app/service.jar")
                        .user("10001:10001")
                        .entryPoint("java", "-XX:MaxRAMPercentage=75", "-jar", "/app/service.jar")
                        .build());
        Map<String, String> environment = composeEnvironment(module);
        environment.putAll(overrides);
        environment.put("SERVER_PORT", "8080");
        environment.put("MANAGEMENT_SERVER_PORT", "8081");
        environment.put("MANAGEMENT_ENDPOINT_HEALTH_PROBES_ENABLED", "true");
        environment.put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
        var container = new GenericContainer<>(image)
                .withEnv(environment)
                .withExposedPorts(8081)
                .waitingFor(Wait.forHttp("/actuator/health/readiness").forPort(8081)
                        .withStartupTimeout(Duration.ofMinutes(4)));
        container.withNetwork(network);
        containers.add(container);
        return container;
    }

    private static Path executableJar(String module) {
        Path target = DeploymentFiles.root().resolve(module).resolve("target");
        try (var files = Files.list(target)) {
            return files.filter(f -> f.getFileName().toString().matches(module + "-.*-exec\\.jar")).findFirst()
                    .orElseThrow();
        } catch (Exception e) {
            throw new IllegalStateException("no executable jar of " + module + " under " + target
                    + ": run through the reactor (./healthmed test) so the services are packaged first", e);
        }
    }

    /** The last FROM of the Dockerfile: the image the services run on in compose. */
    private static String runtimeBaseImage() {
        try {
            return Files.readAllLines(DeploymentFiles.root().resolve("Dockerfile")).stream()
                    .filter(line -> line.startsWith("FROM ")).reduce((first, last) -> last).orElseThrow()
                    .substring("FROM ".length()).split(" ")[0];
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> mailpitMessages() throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://" + mailpit.getHost() + ":" + mailpit.getMappedPort(8025)
                + "/api/v1/messages?limit=200")).GET().build();
        try (var client = HttpClient.newHttpClient()) {
            var body = Api.JSON.readTree(client.send(request, HttpResponse.BodyHandlers.ofString()).body());
            List<String> messages = new ArrayList<>();
            body.path("messages").forEach(message -> messages.add(message.toString()));
            return messages;
        }
    }

    private static List<ConsumerRecord<String, String>> analystsRecords(String topic) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "distributed-it-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (var consumer = new KafkaConsumer<String, String>(config)) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
                return records.stream().map(ConsumerRecord::key).toList()
                        .containsAll(doctors.stream().map(Actor::id).toList());
            });
        }
        return records;
    }
}
