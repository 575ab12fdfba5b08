package com.healthmed.standalone;

import java.util.concurrent.CountDownLatch;

/** {@code ./healthmed run}: starts the whole platform and keeps it running until Ctrl-C. */
public final class StandalonePlatformApplication {

    private StandalonePlatformApplication() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("axoniq.update-checker.disabled", "true");
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
                """.formatted(settings.apiUrl(), settings.keycloakUrl(), KeycloakServer.DEV_ADMIN_USER,
                KeycloakServer.DEV_ADMIN_PASSWORD, ports.smtp(), ports.imap(), settings.dataDir().toAbsolutePath(),
                ports.kafka(), settings.managementUrl());
    }
}
