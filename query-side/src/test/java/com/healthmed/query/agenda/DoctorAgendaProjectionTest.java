package com.healthmed.query.agenda;

import com.healthmed.schema.scheduling.AvailabilityPublishedEvent;
import com.healthmed.schema.scheduling.ScheduleHistoryPrunedEvent;
import com.healthmed.schema.scheduling.SlotBookedEvent;
import com.healthmed.schema.shared.Money;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The agenda read model on the embedded MongoDB wire-protocol server. */
class DoctorAgendaProjectionTest {

    static final Instant NOW = Instant.parse("2026-12-01T09:00:00Z");

    MongoServer server;
    MongoClient client;
    MongoTemplate mongo;
    DoctorAgendaProjection projection;

    @BeforeEach
    void setUp() {
        server = new MongoServer(new MemoryBackend());
        InetSocketAddress address = server.bind();
        client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort());
        mongo = new MongoTemplate(client, "agenda-test");
        var clock = new StaticListableBeanFactory(Map.of("clock", Clock.fixed(NOW, ZoneOffset.UTC)))
                .getBeanProvider(Clock.class);
        // the event handlers use neither the query gateway nor the policy; nobody subscribes to window updates here
        projection = new DoctorAgendaProjection(mongo, null, new AgendaPolicy(Duration.ofHours(2)), clock,
                org.axonframework.queryhandling.SimpleQueryUpdateEmitter.builder().build());
    }

    @AfterEach
    void tearDown() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void windowsTheScheduleRetiredLeaveTheAgenda() {
        Instant yesterday = NOW.minus(Duration.ofDays(1));
        Instant tomorrow = NOW.plus(Duration.ofDays(1));
        projection.on(new AvailabilityPublishedEvent("doc", "past", yesterday, yesterday.plusSeconds(7200), 50, 10));
        projection.on(new AvailabilityPublishedEvent("doc", "next", tomorrow, tomorrow.plusSeconds(7200), 50, 10));
        projection.on(new AvailabilityPublishedEvent("other", "elsewhere", yesterday, yesterday.plusSeconds(7200), 50, 10));
        projection.on(new SlotBookedEvent("doc", "a1", "p", "past", yesterday, yesterday.plusSeconds(3000),
                Money.brl("200.00")));

        projection.on(new ScheduleHistoryPrunedEvent("doc", NOW, List.of("past"), List.of("a1")));

        assertThat(mongo.findAll(AgendaWindowDocument.class)).extracting(AgendaWindowDocument::id)
                .containsExactlyInAnyOrder("next", "elsewhere");
    }
}
