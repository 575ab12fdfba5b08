package com.healthmed.standalone.deployment;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import static com.healthmed.standalone.deployment.DeploymentFiles.SERVICES;
import static com.healthmed.standalone.deployment.DeploymentFiles.composeEnvironment;
import static com.healthmed.standalone.deployment.DeploymentFiles.composeServices;
import static com.healthmed.standalone.deployment.DeploymentFiles.environmentReadBy;
import static com.healthmed.standalone.deployment.DeploymentFiles.kubernetesEnvironment;
import static com.healthmed.standalone.deployment.DeploymentFiles.kubernetesObjects;
import static com.healthmed.standalone.deployment.DeploymentFiles.read;
import static com.healthmed.standalone.deployment.DeploymentFiles.root;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps docker-compose.yml and deploy/k8s in step with what the services read: a variable a service needs
 * (no default, or a loopback default that cannot work in a container) must be set for that service, and a
 * service-specific variable set there must be one the service reads (a misspelt name is otherwise ignored
 * and the default silently used). Plus the compose rules docker-compose's schema check cannot see.
 */
class DeploymentConfigurationTest {

    /** Spring Boot and JVM settings bound by relaxed binding rather than by a placeholder. */
    private static final List<String> FRAMEWORK_PREFIXES =
            List.of("SERVER_", "MANAGEMENT_", "SPRING_", "LOGGING_", "AXONIQ_", "JAVA_TOOL_OPTIONS");

    @Test
    void composeSetsEveryVariableEachServiceNeeds() {
        assertThat(missingInCompose(read(root().resolve("docker-compose.yml")))).isEmpty();
    }

    @Test
    void aMissingVariableIsNamedWithItsService() {
        String compose = read(root().resolve("docker-compose.yml"));
        String withoutKey = compose.replaceAll("(?m)^\\s*HEALTHMED_ANALYTICS_PSEUDONYM_KEY:.*$", "");
        assertThat(withoutKey).isNotEqualTo(compose);

        assertThat(missingInCompose(withoutKey)).containsExactly("docker-compose.yml: service query-side does not "
                + "set HEALTHMED_ANALYTICS_PSEUDONYM_KEY, which query-side reads with no default");
    }

    @Test
    void composeSetsNoServiceVariableTheServiceDoesNotRead() {
        List<String> unknown = new ArrayList<>();
        for (String service : SERVICES) {
            var read = environmentReadBy(service);
            for (String name : composeEnvironment(composeServices().get(service)).keySet()) {
                if (!read.containsKey(name) && FRAMEWORK_PREFIXES.stream().noneMatch(name::startsWith)) {
                    unknown.add("docker-compose.yml: service " + service + " sets " + name + ", which it never reads");
                }
            }
        }
        assertThat(unknown).isEmpty();
    }

    @Test
    void kubernetesSetsEveryVariableEachServiceNeedsFromKeysThatExist() {
        assertThat(problemsInKubernetes(DeploymentFiles::kubernetesObjects)).isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aVariableMissingInKubernetesIsNamedWithItsManifest() {
        Function<String, List<Map<String, Object>>> withoutKeycloakUrl = file -> {
            var objects = kubernetesObjects(file);
            if (file.equals("api-gateway.yaml")) {
                for (var object : objects) {
                    if ("Deployment".equals(object.get("kind"))) {
                        var containers = (List<Map<String, Object>>) at(object, "spec", "template", "spec").get("containers");
                        ((List<Map<String, Object>>) containers.getFirst().get("env"))
                                .removeIf(v -> "KEYCLOAK_URL".equals(v.get("name")));
                    }
                }
            }
            return objects;
        };

        assertThat(problemsInKubernetes(withoutKeycloakUrl))
                .containsExactly("deploy/k8s/api-gateway.yaml does not set KEYCLOAK_URL");
    }

    @SuppressWarnings("unchecked")
    static List<String> problemsInKubernetes(Function<String, List<Map<String, Object>>> objects) {
        Map<String, Set<String>> keysBySource = new HashMap<>();
        for (String file : List.of("config.yaml", "secrets.yaml")) {
            for (var object : objects.apply(file)) {
                Set<String> keys = new LinkedHashSet<>();
                for (String field : List.of("data", "stringData")) {
                    keys.addAll(((Map<String, Object>) object.getOrDefault(field, Map.of())).keySet());
                }
                keysBySource.put(((Map<String, Object>) object.get("metadata")).get("name").toString(), keys);
            }
        }
        List<String> problems = new ArrayList<>();
        for (String service : SERVICES) {
            var deployment = objects.apply(service + ".yaml").stream()
                    .filter(o -> "Deployment".equals(o.get("kind"))).findFirst().orElseThrow();
            Set<String> set = kubernetesEnvironment(deployment, keysBySource);
            environmentReadBy(service).values().stream()
                    .filter(v -> v.required() && !set.contains(v.name()))
                    .forEach(v -> problems.add("deploy/k8s/" + service + ".yaml does not set " + v.name()));
            for (var ref : valueReferences(deployment)) {
                if (!keysBySource.getOrDefault(ref.getKey(), Set.of()).contains(ref.getValue())) {
                    problems.add("deploy/k8s/" + service + ".yaml refers to " + ref.getKey() + "/" + ref.getValue()
                            + ", which config.yaml and secrets.yaml do not define");
                }
            }
        }
        return problems;
    }

    @Test
    void everyComposeServiceIsHealthCheckedRestartedAndMemoryLimited() {
        boolean imageHealthCheck = read(root().resolve("Dockerfile")).contains("HEALTHCHECK ");
        List<String> problems = new ArrayList<>();
        composeServices().forEach((name, service) -> {
            // the services built from the Dockerfile inherit its HEALTHCHECK
            if (!service.containsKey("healthcheck") && !(service.containsKey("build") && imageHealthCheck)) {
                problems.add(name + ": no health check");
            }
            if (!"unless-stopped".equals(service.get("restart")) && !"always".equals(service.get("restart"))) {
                problems.add(name + ": no restart policy");
            }
            if (!at(service, "deploy", "resources", "limits").containsKey("memory")) {
                problems.add(name + ": no memory limit");
            }
        });
        assertThat(problems).isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void imagesArePinnedAndDependenciesWaitUntilHealthy() {
        List<String> problems = new ArrayList<>();
        composeServices().forEach((name, service) -> {
            String image = String.valueOf(service.get("image"));
            String tag = image.contains(":") ? image.substring(image.lastIndexOf(':') + 1) : "";
            if (tag.isEmpty() || tag.startsWith("latest")) {
                problems.add(name + ": image " + image + " is not pinned to a release");
            }
            Object dependsOn = service.getOrDefault("depends_on", Map.of());
            if (!(dependsOn instanceof Map<?, ?> dependencies)) {
                problems.add(name + ": depends_on as a list does not wait for health");
            } else {
                dependencies.forEach((dependency, condition) -> {
                    if (!"service_healthy".equals(((Map<String, Object>) condition).get("condition"))) {
                        problems.add(name + ": starts before " + dependency + " is healthy");
                    }
                });
            }
        });
        assertThat(problems).isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void onlyLoopbackPortsArePublishedAndNoDatabaseOrScaledServiceIsAmongThem() {
        List<String> problems = new ArrayList<>();
        composeServices().forEach((name, service) -> {
            var ports = (List<Object>) service.getOrDefault("ports", List.of());
            if (!ports.isEmpty() && List.of("postgres", "mongo", "command-side", "query-side").contains(name)) {
                problems.add(name + ": publishes " + ports);
            }
            ports.stream().map(String::valueOf).filter(p -> !p.startsWith("127.0.0.1:"))
                    .forEach(p -> problems.add(name + ": publishes " + p + " beyond the loopback interface"));
            ports.stream().map(String::valueOf).filter(p -> p.endsWith(":8081") || p.endsWith(":8124"))
                    .forEach(p -> problems.add(name + ": publishes an internal port " + p));
        });
        assertThat(problems).isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyBindMountedFileExists() {
        List<String> missing = new ArrayList<>();
        composeServices().forEach((name, service) -> {
            for (Object volume : (List<Object>) service.getOrDefault("volumes", List.of())) {
                String source = volume.toString().split(":")[0];
                if (source.startsWith("./") && !Files.exists(root().resolve(source))) {
                    missing.add(name + ": " + source);
                }
            }
        });
        assertThat(missing).isEmpty();
    }

    /** The lines naming each variable a service needs that the compose file does not set for it. */
    static List<String> missingInCompose(String composeYaml) {
        var services = composeServices(composeYaml);
        List<String> missing = new ArrayList<>();
        for (String service : SERVICES) {
            assertThat(services).as("docker-compose.yml services").containsKey(service);
            var set = composeEnvironment(services.get(service));
            environmentReadBy(service).values().stream()
                    .filter(v -> v.required() && (set.get(v.name()) == null || set.get(v.name()).isBlank()))
                    .forEach(v -> missing.add("docker-compose.yml: service " + service + " does not set " + v.name()
                            + ", which " + service + " reads with "
                            + (v.defaultValue() == null ? "no default" : "the loopback default " + v.defaultValue())));
        }
        return missing;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> at(Map<String, Object> map, String... path) {
        Map<String, Object> current = map;
        for (String key : path) {
            current = (Map<String, Object>) current.getOrDefault(key, Map.of());
        }
        return current;
    }

    /** (ConfigMap or Secret name, key) of every {@code valueFrom} reference in a Deployment. */
    @SuppressWarnings("unchecked")
    private static List<Map.Entry<String, String>> valueReferences(Map<String, Object> deployment) {
        List<Map.Entry<String, String>> refs = new ArrayList<>();
        var containers = (List<Map<String, Object>>) at(deployment, "spec", "template", "spec").get("containers");
        for (var container : containers) {
            for (var variable : (List<Map<String, Object>>) container.getOrDefault("env", List.of())) {
                var valueFrom = (Map<String, Object>) variable.getOrDefault("valueFrom", Map.of());
                for (String kind : List.of("configMapKeyRef", "secretKeyRef")) {
                    var ref = (Map<String, Object>) valueFrom.get(kind);
                    if (ref != null) {
                        refs.add(Map.entry(ref.get("name").toString(), ref.get("key").toString()));
                    }
                }
            }
        }
        return refs;
    }
}
