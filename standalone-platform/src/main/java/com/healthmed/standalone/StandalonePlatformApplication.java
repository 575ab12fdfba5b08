package com.healthmed.standalone;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/** {@code ./healthmed run}: starts the whole platform and keeps it running until Ctrl-C. */
public final class StandalonePlatformApplication {

    private StandalonePlatformApplication() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("axoniq.update-checker.disabled", "true");
        var join = PlatformSettings.joinTarget(args);
        if (join.isPresent()) {
            runJoinedNode(join.get(), args);
            return;
        }
        var settings = PlatformSettings.from(args);
        var platform = StandalonePlatform.prepare(settings);
        var stopped = new CountDownLatch(1);
        // registered first, so that Ctrl-C during start-up also stops Keycloak and the embedded servers
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            platform.close();
            stopped.countDown();
        }, "healthmed-shutdown"));
        platform.startAll(args);
        System.out.println(banner(settings));
        stopped.await();
    }

    /** {@code ./healthmed node --join <data dir>}: one more node of a running platform, until Ctrl-C. */
    private static void runJoinedNode(Path join, String[] args) throws Exception {
        var endpoints = PlatformEndpoints.read(join);
        var settings = PlatformSettings.from(args);
        if (!PlatformSettings.apiPortGiven(args)) {
            var ports = settings.ports();
            int api = firstFreePort(8082);
            settings = settings.withPorts(new PlatformSettings.Ports(api, ports.keycloak(),
                    ports.keycloakManagement(), ports.postgres(), ports.mongo(), ports.kafka(), ports.smtp(), ports.imap(),
                    firstFreePort(api + 1)));
        }
        var node = new AtomicReference<StandalonePlatform>();
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            var started = node.get();
            if (started != null) {
                started.close();
            }
            stopped.countDown();
        }, "healthmed-shutdown"));
        node.set(StandalonePlatform.join(settings, endpoints, args));
        System.out.println(nodeBanner(settings, endpoints, join));
        stopped.await();
    }

    static String nodeBanner(PlatformSettings settings, PlatformEndpoints endpoints, Path join) {
        return """

                Health&Med node is up, joined to the platform of %1$s. Ctrl-C stops this node only.
                  API              %2$s/api/v1   (node id 127.0.0.1:%3$d)
                  first node       %4$s/api/v1
                  shared with it   event store %5$s, read store %6$s,
                                   Kafka %7$s, SMTP 127.0.0.1:%8$d, Keycloak %9$s
                  event processors share their segments with the other live nodes (see tokenentry.owner)
                """.formatted(join.toAbsolutePath(), settings.apiUrl(), settings.ports().api(), endpoints.firstNodeApiUrl(),
                endpoints.eventStoreJdbcUrl(), endpoints.readStoreUri(), endpoints.kafkaBootstrap(), endpoints.smtpPort(),
                endpoints.keycloakUrl());
    }

    private static int firstFreePort(int from) throws IOException {
        for (int port = from; port < from + 100; port++) {
            try (var socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            } catch (IOException taken) {
                // try the next one
            }
        }
        throw new IOException("no free port from " + from);
    }

    static String banner(PlatformSettings settings) {
        var ports = settings.ports();
        return """

                Health&Med is up (standalone mode). Press Ctrl-C to stop everything.
                  API              %1$s/api/v1
                  Swagger UI       %1$s/swagger-ui.html   (OpenAPI: %1$s/v3/api-docs)
                  Health, metrics  %9$s/actuator/health (/liveness, /readiness), %9$s/actuator/prometheus
                  Keycloak console %2$s/admin/   user %3$s, password %4$s (development default)
                  Platform admin   POST %1$s/api/v1/auth/token {"username":"%3$s","password":"%4$s"}
                  Mail             SMTP 127.0.0.1:%5$d; read with IMAP 127.0.0.1:%6$d (user = recipient address, any password)
                  Analysts' Kafka  bootstrap 127.0.0.1:%8$d, topics healthmed.appointments.v1, healthmed.doctor-ratings.v1
                                   (./healthmed consume <topic> --from-beginning; schemas at %1$s/api/v1/schemas/<topic>)
                  Data             %7$s (delete it to start from scratch)
                  More nodes       ./healthmed node --join %7$s
                """.formatted(settings.apiUrl(), settings.keycloakUrl(), KeycloakServer.DEV_ADMIN_USER,
                KeycloakServer.DEV_ADMIN_PASSWORD, ports.smtp(), ports.imap(), settings.dataDir().toAbsolutePath(),
                ports.kafka(), settings.managementUrl());
    }
}
