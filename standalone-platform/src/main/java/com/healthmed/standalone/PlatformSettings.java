package com.healthmed.standalone;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Where the standalone platform keeps its data and which loopback ports it uses. Set any of them as a
 * command-line argument ({@code --healthmed.standalone.ports.api=9090}), a system property or an environment
 * variable ({@code HEALTHMED_STANDALONE_PORTS_API=9090}).
 *
 * @param dataDir          everything that must survive a restart: PostgreSQL (events, Keycloak), MongoDB, Kafka
 * @param ports            the loopback ports
 * @param keycloakHome     the unpacked Keycloak distribution (the build puts it under {@code target/})
 * @param externalKeycloak base URL of a Keycloak to use instead of starting one (e.g. a container in tests)
 */
public record PlatformSettings(@DefaultValue("data") Path dataDir,
                               @DefaultValue Ports ports,
                               Path keycloakHome,
                               String externalKeycloak) {

    public record Ports(@DefaultValue("8080") int api,
                        @DefaultValue("8180") int keycloak,
                        @DefaultValue("9180") int keycloakManagement,
                        @DefaultValue("15432") int postgres,
                        @DefaultValue("27018") int mongo,
                        @DefaultValue("19092") int kafka,
                        @DefaultValue("2525") int smtp,
                        @DefaultValue("2143") int imap,
                        @DefaultValue("8081") int management) {
    }

    public static PlatformSettings from(String... args) {
        var environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new SimpleCommandLinePropertySource(args));
        var settings = Binder.get(environment).bind("healthmed.standalone", Bindable.of(PlatformSettings.class))
                .orElseGet(() -> Binder.get(new StandardEnvironment())
                        .bindOrCreate("healthmed.standalone", Bindable.of(PlatformSettings.class)));
        return settings.keycloakHome() != null ? settings : settings.withKeycloakHome(builtKeycloakHome());
    }

    /** {@code healthmed.standalone.join}: the data folder (or endpoints file) of a running platform to join, if any. */
    public static java.util.Optional<Path> joinTarget(String... args) {
        return java.util.Optional.ofNullable(environment(args).getProperty("healthmed.standalone.join")).map(Path::of);
    }

    /** Whether the API port was chosen explicitly (a joining node otherwise takes the first free one from 8081). */
    public static boolean apiPortGiven(String... args) {
        return environment(args).containsProperty("healthmed.standalone.ports.api");
    }

    private static StandardEnvironment environment(String... args) {
        var environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new SimpleCommandLinePropertySource(args));
        return environment;
    }

    public PlatformSettings withKeycloakHome(Path home) {
        return new PlatformSettings(dataDir, ports, home, externalKeycloak);
    }

    public PlatformSettings withDataDir(Path dir) {
        return new PlatformSettings(dir, ports, keycloakHome, externalKeycloak);
    }

    public PlatformSettings withPorts(Ports newPorts) {
        return new PlatformSettings(dataDir, newPorts, keycloakHome, externalKeycloak);
    }

    public PlatformSettings withExternalKeycloak(String baseUrl) {
        return new PlatformSettings(dataDir, ports, keycloakHome, baseUrl);
    }

    public String keycloakUrl() {
        return externalKeycloak != null ? externalKeycloak : "http://127.0.0.1:" + ports.keycloak();
    }

    public String apiUrl() {
        return "http://127.0.0.1:" + ports.api();
    }

    /** Health probes and metrics (loopback only, apart from the API). */
    public String managementUrl() {
        return "http://127.0.0.1:" + ports.management();
    }

    private static Path builtKeycloakHome() {
        var build = new Properties();
        try (var in = PlatformSettings.class.getResourceAsStream("/healthmed-standalone-build.properties")) {
            if (in == null) {
                throw new IllegalStateException("healthmed-standalone-build.properties is missing: build with Maven");
            }
            build.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Path.of(build.getProperty("keycloak.home"));
    }
}
