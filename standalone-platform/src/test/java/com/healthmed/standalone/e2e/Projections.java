package com.healthmed.standalone.e2e;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The admins' view of the processing groups ({@code GET /api/v1/admin/projections}), for replay tests. */
final class Projections {

    private Projections() {
    }

    static List<JsonNode> groups(Api api, String admin) {
        var response = api.get("/api/v1/admin/projections", admin);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        List<JsonNode> groups = new ArrayList<>();
        response.body().path("processingGroups").forEach(groups::add);
        return groups;
    }

    /** Until every replayable group has caught up with the head and no replay runs. */
    static void awaitAllCaughtUp(Api api, String admin) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> groups(api, admin).stream()
                .filter(g -> g.path("replayable").asBoolean())
                .allMatch(g -> g.path("caughtUp").asBoolean() && !g.path("replaying").asBoolean()
                        && g.path("lag").asLong() == 0));
    }
}
