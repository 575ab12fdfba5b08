package com.healthmed.standalone;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real Keycloak, started as a child process from the distribution Maven unpacked, with its database in
 * the embedded PostgreSQL (so users survive restarts) and the {@code healthmed} realm imported from the
 * repository on first start. It is stopped with its whole process tree; a Keycloak left over by a killed
 * run (recorded in a PID file) is stopped before a new one starts.
 */
final class KeycloakServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KeycloakServer.class);
    static final String REALM_RESOURCE = "/keycloak/healthmed-realm.json";
    /** Development default only: the master-realm console admin created on Keycloak's first start. */
    static final String DEV_ADMIN_USER = "admin";
    static final String DEV_ADMIN_PASSWORD = "healthmed-dev-admin";

    private final Process process;
    private final Path pidFile;
    private final Path logFile;
    private final int port;
    private final int managementPort;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private KeycloakServer(Process process, Path pidFile, Path logFile, int port, int managementPort) {
        this.process = process;
        this.pidFile = pidFile;
        this.logFile = logFile;
        this.port = port;
        this.managementPort = managementPort;
    }

    /**
     * The Keycloak started here creates its console admin and the realm's {@code admin} with the development
     * password, so it runs only in development ({@code healthmed.environment}, default {@code development} here).
     */
    static void refuseOutsideDevelopment(String... springArgs) {
        var environment = new org.springframework.core.env.StandardEnvironment();
        environment.getPropertySources().addFirst(
                new org.springframework.core.env.SimpleCommandLinePropertySource(springArgs));
        String name = environment.getProperty("healthmed.environment", "development");
        if (!"development".equalsIgnoreCase(name.strip())) {
            throw new IllegalStateException("healthmed.environment is '" + name + "', but the standalone platform's "
                    + "Keycloak creates the admin accounts (console and realm user 'admin') with the development "
                    + "password '" + DEV_ADMIN_PASSWORD + "'. Run the standalone platform only with "
                    + "healthmed.environment=development, or use the distributed mode with your own Keycloak.");
        }
    }

    static KeycloakServer launch(Path home, Path workDir, int port, int managementPort,
                                 String jdbcUrl, String dbUser) throws IOException {
        if (!Files.isRegularFile(home.resolve("bin/kc.sh"))) {
            throw new IllegalStateException("No Keycloak distribution at " + home
                    + ": build first (./healthmed run does), or set healthmed.standalone.keycloak-home");
        }
        Files.createDirectories(workDir);
        Path pidFile = workDir.resolve("keycloak.pid");
        stopLeftover(workDir);
        Path imports = Files.createDirectories(home.resolve("data/import"));
        try (InputStream realm = KeycloakServer.class.getResourceAsStream(REALM_RESOURCE)) {
            Files.copy(realm, imports.resolve("healthmed-realm.json"), StandardCopyOption.REPLACE_EXISTING);
        }
        List<String> command = new ArrayList<>(List.of("bash", home.resolve("bin/kc.sh").toString(), "start",
                "--db=postgres", "--health-enabled=true",
                "--db-url=" + jdbcUrl, "--db-username=" + dbUser,
                "--http-enabled=true", "--http-host=127.0.0.1", "--http-port=" + port,
                "--hostname=http://127.0.0.1:" + port,
                "--http-management-port=" + managementPort,
                "--cache=local", "--import-realm"));
        Path logFile = workDir.resolve("keycloak.log");
        var builder = new ProcessBuilder(command)
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(logFile.toFile());
        Map<String, String> env = builder.environment();
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", DEV_ADMIN_USER);
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", DEV_ADMIN_PASSWORD);
        env.put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
        env.put("JAVA_OPTS_APPEND", keycloakJvmOptions(Runtime.version().feature()));
        env.remove("JAVA_OPTS");
        Process process = builder.start();
        Files.writeString(pidFile, Long.toString(process.pid()));
        log.info("Keycloak starting (pid {}, log {})", process.pid(), logFile);
        return new KeycloakServer(process, pidFile, logFile, port, managementPort);
    }

    /**
     * Keycloak runs on the platform's own JDK. {@code --sun-misc-unsafe-memory-access} exists from JDK 23 on (it
     * silences the Unsafe deprecation there); JDK 21 and 22 refuse to start with an option they do not know.
     */
    static String keycloakJvmOptions(int jdkFeatureVersion) {
        String options = "--add-opens=java.base/java.lang=ALL-UNNAMED";
        return jdkFeatureVersion >= 23 ? options + " --sun-misc-unsafe-memory-access=allow" : options;
    }

    /** Waits until the realm can issue tokens; fails early, with the end of Keycloak's log, if it died. */
    void awaitReady(Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with " + process.exitValue() + ":\n" + logTail());
            }
            if (ok("http://127.0.0.1:" + managementPort + "/health/ready")
                    && ok(baseUrl() + "/realms/healthmed/.well-known/openid-configuration")) {
                log.info("Keycloak ready at {}", baseUrl());
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("Keycloak not ready after " + timeout + ":\n" + logTail());
    }

    private boolean ok(String url) {
        try {
            var response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException notYet) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(logFile);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        stopTree(process.toHandle());
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException e) {
            log.warn("could not remove {}", pidFile, e);
        }
        log.info("Keycloak stopped");
    }

    /** kc.sh runs Java as a child; SIGTERM to both, then SIGKILL to whatever is still alive after 20 s. */
    private static void stopTree(ProcessHandle root) {
        List<ProcessHandle> tree = new ArrayList<>(root.descendants().toList());
        tree.add(root);
        tree.forEach(ProcessHandle::destroy);
        for (ProcessHandle handle : tree) {
            try {
                handle.onExit().get(20, TimeUnit.SECONDS);
            } catch (Exception stillAlive) {
                handle.destroyForcibly();
            }
        }
    }

    /** Stops a Keycloak that a killed run left running from {@code workDir}, if any. */
    static void stopLeftover(Path workDir) throws IOException {
        Path pidFile = workDir.resolve("keycloak.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        String pid = Files.readString(pidFile).strip();
        ProcessHandle.of(Long.parseLong(pid))
                .filter(p -> p.info().commandLine().orElse("").contains("kc.sh")
                        || p.info().commandLine().orElse("").contains("keycloak"))
                .ifPresent(leftover -> {
                    log.warn("stopping Keycloak left over by an earlier run (pid {})", pid);
                    stopTree(leftover);
                });
        Files.deleteIfExists(pidFile);
    }
}
