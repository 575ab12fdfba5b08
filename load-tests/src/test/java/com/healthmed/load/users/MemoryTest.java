package com.healthmed.load.users;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class MemoryTest {

    /** The platform's process tree as it runs: the JVM starts kc.sh, which starts Keycloak's JVM. */
    private static final Map<Long, List<Long>> CHILDREN = Map.of(
            100L, List.of(200L, 150L),  // platform JVM: kc.sh and some other helper process
            200L, List.of(201L),        // kc.sh: Keycloak's JVM
            300L, List.of(301L, 302L)); // PostgreSQL's postmaster (a daemon, not under the JVM): its backends

    @Test
    void keycloakUnderThePlatformJvmIsCountedOnceAsKeycloak() {
        var counted = Memory.attribute(roots(100L, 200L, 300L), MemoryTest::descendants);

        assertThat(counted.get("platform JVM")).containsExactly(100L, 150L);
        assertThat(counted.get("Keycloak")).containsExactly(200L, 201L);
        assertThat(counted.get("PostgreSQL")).containsExactly(300L, 301L, 302L);
    }

    @Test
    void everyProcessIsCountedOnceWhateverIsNestedInWhat() {
        Function<Long, Stream<Long>> postgresUnderKeycloak = root -> root == 100L ? Stream.of(200L, 201L, 300L, 301L)
                : root == 200L ? Stream.of(201L, 300L, 301L) : root == 300L ? Stream.of(301L) : Stream.empty();

        var counted = Memory.attribute(roots(100L, 200L, 300L), postgresUnderKeycloak);

        assertThat(counted.get("platform JVM")).containsExactly(100L);
        assertThat(counted.get("Keycloak")).containsExactly(200L, 201L);
        assertThat(counted.get("PostgreSQL")).containsExactly(300L, 301L);
    }

    private static Map<String, Long> roots(long platform, long keycloak, long postgres) {
        var roots = new LinkedHashMap<String, Long>();
        roots.put("platform JVM", platform);
        roots.put("Keycloak", keycloak);
        roots.put("PostgreSQL", postgres);
        return roots;
    }

    private static Stream<Long> descendants(long pid) {
        return CHILDREN.getOrDefault(pid, List.of()).stream()
                .flatMap(child -> Stream.concat(Stream.of(child), descendants(child)));
    }
}
