package com.healthmed.standalone.deployment;

import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the distributed mode's deployment files of the repository (docker-compose.yml, deploy/k8s) and the
 * services' own configuration, for the tests that keep them consistent and for the container suite, which
 * takes its image tags from the compose file so that both run the same releases.
 */
public final class DeploymentFiles {

    /** The three services of the distributed mode, each configured by {@code <name>/src/main/resources/<name>.yml}. */
    public static final List<String> SERVICES = List.of("command-side", "query-side", "api-gateway");

    /** {@code ${NAME}} or {@code ${NAME:default}} with an environment-style (upper case) name. */
    private static final Pattern ENV_PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::([^}]*))?}");

    private DeploymentFiles() {
    }

    /** The repository's root (tests run in the module folder). */
    public static Path root() {
        Path here = Path.of("").toAbsolutePath();
        for (Path dir = here; dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("docker-compose.yml")) && Files.exists(dir.resolve("healthmed"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no repository root above " + here);
    }

    /** The services of docker-compose.yml by name, merge keys ({@code <<: *anchor}) resolved. */
    @SuppressWarnings("unchecked")
    public static Map<String, Map<String, Object>> composeServices(String composeYaml) {
        Map<String, Object> compose = new Yaml().load(composeYaml);
        return (Map<String, Map<String, Object>>) compose.get("services");
    }

    public static Map<String, Map<String, Object>> composeServices() {
        return composeServices(read(root().resolve("docker-compose.yml")));
    }

    /** The image (with its tag) a compose service runs, e.g. {@code mongo:8.0.17}. */
    public static String composeImage(String service) {
        Object image = composeServices().get(service).get("image");
        if (image == null) {
            throw new IllegalStateException("docker-compose.yml: service " + service + " names no image");
        }
        return image.toString();
    }

    /** The environment a compose service sets, in map or list form. */
    public static Map<String, String> composeEnvironment(Map<String, Object> service) {
        Map<String, String> environment = new LinkedHashMap<>();
        Object declared = service.get("environment");
        if (declared instanceof Map<?, ?> map) {
            map.forEach((name, value) -> environment.put(name.toString(), value == null ? null : value.toString()));
        } else if (declared instanceof List<?> list) {
            for (Object entry : list) {
                String[] parts = entry.toString().split("=", 2);
                environment.put(parts[0], parts.length > 1 ? parts[1] : null);
            }
        }
        return environment;
    }

    /** A placeholder a service's configuration reads from the environment. */
    public record EnvironmentVariable(String name, String defaultValue) {

        /**
         * Must a deployment set it? Yes without a default, and yes when the default is a loopback address:
         * that default serves a developer's machine, and in a container it points at the container itself.
         */
        public boolean required() {
            return defaultValue == null || defaultValue.contains("127.0.0.1") || defaultValue.contains("localhost");
        }
    }

    /** Every environment placeholder in a service's application configuration files (profiles included). */
    public static Map<String, EnvironmentVariable> environmentReadBy(String service) {
        Path resources = root().resolve(service).resolve("src/main/resources");
        Map<String, EnvironmentVariable> variables = new LinkedHashMap<>();
        try (var files = Files.list(resources)) {
            for (Path file : files.filter(f -> f.getFileName().toString().matches(
                    "(" + Pattern.quote(service) + "|application)(-[a-z0-9-]+)?\\.(yml|yaml|properties)")).toList()) {
                var matcher = ENV_PLACEHOLDER.matcher(read(file));
                while (matcher.find()) {
                    var variable = new EnvironmentVariable(matcher.group(1), matcher.group(2));
                    // read twice, once with a default: the stricter reading counts
                    variables.merge(variable.name(), variable, (a, b) -> a.required() ? a : b);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (variables.isEmpty()) {
            throw new IllegalStateException("no environment placeholder found for " + service + " in " + resources);
        }
        return variables;
    }

    /** The Kubernetes objects of a manifest file under deploy/k8s. */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> kubernetesObjects(String file) {
        List<Map<String, Object>> objects = new ArrayList<>();
        for (Object document : new Yaml().loadAll(read(root().resolve("deploy/k8s").resolve(file)))) {
            if (document != null) {
                objects.add((Map<String, Object>) document);
            }
        }
        return objects;
    }

    /** The environment variable names each container of a Deployment gets ({@code env} and {@code envFrom}). */
    @SuppressWarnings("unchecked")
    public static Set<String> kubernetesEnvironment(Map<String, Object> deployment,
                                                    Map<String, Set<String>> keysBySource) {
        Set<String> names = new LinkedHashSet<>();
        var spec = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) deployment.get("spec"))
                .get("template")).get("spec");
        for (var container : (List<Map<String, Object>>) spec.get("containers")) {
            for (var variable : (List<Map<String, Object>>) container.getOrDefault("env", List.of())) {
                names.add(variable.get("name").toString());
            }
            for (var source : (List<Map<String, Object>>) container.getOrDefault("envFrom", List.of())) {
                for (var ref : source.values()) {
                    names.addAll(keysBySource.getOrDefault(((Map<String, Object>) ref).get("name").toString(), Set.of()));
                }
            }
        }
        return names;
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
