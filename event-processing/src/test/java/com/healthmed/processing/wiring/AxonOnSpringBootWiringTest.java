package com.healthmed.processing.wiring;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a service gets from Axon's Spring Boot auto-configuration with every auto-configuration on this classpath,
 * as in production: Axon's JDBC and transaction auto-configurations only see a DataSource and a transaction
 * manager if they run after Spring Boot's, which Spring Boot 4's module split no longer guarantees by itself.
 * Without that, Axon silently falls back to an in-memory token store and no transactions.
 */
class AxonOnSpringBootWiringTest {

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class Service {
    }

    // a database of its own per context: the dead-letter schema is created at each start
    private final ApplicationContextRunner service = new ApplicationContextRunner()
            .withUserConfiguration(Service.class)
            .withPropertyValues(
                    "spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID(),
                    "axon.axonserver.enabled=false",
                    "axon.serializer.general=jackson",
                    "axon.serializer.events=jackson",
                    "axon.serializer.messages=jackson",
                    "axoniq.update-checker.disabled=true",
                    "healthmed.records.master-key=" + java.util.Base64.getEncoder().encodeToString(new byte[32]));

    @Test
    void axonStoresInTheDatabaseWithinSpringTransactions() {
        service.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(TransactionManager.class)).isInstanceOf(SpringTransactionManager.class);
            assertThat(context.getBean(TokenStore.class)).isInstanceOf(JdbcTokenStore.class);
            assertThat(context.getBean(EventStorageEngine.class)).isInstanceOf(JdbcEventStorageEngine.class);
        });
    }

    @Test
    void storedEventsKeepTheirJsonForm() {
        service.run(context -> {
            assertThat(context.getBean("defaultAxonObjectMapper")).isInstanceOf(ObjectMapper.class);
            // the personal-data layer wraps Axon's message serializer; messages without personal data pass unchanged
            assertThat(context.getBean("eventSerializer")).isInstanceOf(com.healthmed.processing.privacy.PersonalDataSerializer.class);
            Serializer events = context.getBean("messageSerializer", Serializer.class);
            assertThat(events).isInstanceOf(JacksonSerializer.class);
            String json = events.serialize(new Stamp(Instant.parse("2026-11-23T10:15:30Z")), String.class).getData();
            // ISO-8601 as before Spring Boot 4, not a number of seconds
            assertThat(json).isEqualTo("{\"at\":\"2026-11-23T10:15:30Z\"}");
            // fields an older reader does not know are ignored, as they were
            assertThat(((JacksonSerializer) events).getObjectMapper()
                    .readValue("{\"at\":\"2026-11-23T10:15:30Z\",\"added\":1}", Stamp.class))
                    .isEqualTo(new Stamp(Instant.parse("2026-11-23T10:15:30Z")));
        });
    }

    @Test
    void aTransactionTakesAPooledConnectionOnlyAtItsFirstStatement() {
        service.run(context -> {
            DataSource dataSource = context.getBean(DataSource.class);
            HikariPoolMXBean pool = dataSource.unwrap(HikariDataSource.class).getHikariPoolMXBean();
            Transaction transaction = context.getBean(TransactionManager.class).startTransaction();
            try {
                assertThat(pool.getActiveConnections()).as("begun, nothing read yet").isZero();
                assertThat(new JdbcTemplate(dataSource).queryForObject("SELECT 1", Integer.class)).isEqualTo(1);
                assertThat(pool.getActiveConnections()).as("from the first statement on").isEqualTo(1);
            } finally {
                transaction.commit();
            }
            assertThat(pool.getActiveConnections()).as("given back at the commit").isZero();
        });
    }

    record Stamp(Instant at) {
    }
}
