package com.healthmed.standalone;

import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.PostgresTokenTableFactory;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.PostgresEventTableFactory;
import org.axonframework.modelling.saga.repository.jdbc.JdbcSagaStore;
import org.axonframework.modelling.saga.repository.jdbc.PostgresSagaSqlSchema;
import org.axonframework.modelling.saga.repository.jdbc.SagaSqlSchema;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.sql.SQLException;

/**
 * Standalone mode keeps events, tracking tokens and sagas in PostgreSQL through Axon's JDBC engine
 * (auto-configured by Axon when there is a DataSource and no Axon Server). Here we only choose the
 * PostgreSQL table layouts (bytea, not OIDs that are never vacuumed) and create the tables on first start,
 * before any event processor or command handler touches them. (JobRunr, which keeps Axon's deadlines,
 * creates its own tables.)
 */
@Configuration(proxyBeanMethods = false)
class AxonJdbcStorage {

    private static final String UNIQUE_VIOLATION = "23505";

    /**
     * An append that lost a race to another node (the unique aggregate id and sequence number) must surface as
     * Axon's {@code ConcurrencyException}, which the gateway retries on fresh state. Axon's default resolver for the
     * JDBC engine only recognises JPA's exception, so PostgreSQL's unique violation (SQLState 23505, also inside a
     * batch's next exceptions) would reach the client as a 500.
     */
    @Bean
    PersistenceExceptionResolver uniqueViolationIsConflict() {
        return AxonJdbcStorage::isUniqueViolation;
    }

    static boolean isUniqueViolation(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            for (SQLException e = t instanceof SQLException sql ? sql : null; e != null; e = e.getNextException()) {
                if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    return true;
                }
            }
        }
        return false;
    }

    @Bean
    SagaSqlSchema sagaSqlSchema() {
        return new PostgresSagaSqlSchema();
    }

    @Bean
    SmartInitializingSingleton axonTables(DataSource dataSource, EventStorageEngine events, TokenStore tokens,
                                          JdbcSagaStore sagas) {
        return () -> {
            var jdbc = new JdbcTemplate(dataSource);
            if (missing(jdbc, "domainevententry")) {
                ((JdbcEventStorageEngine) events).createSchema(PostgresEventTableFactory.INSTANCE);
            }
            if (missing(jdbc, "tokenentry")) {
                ((JdbcTokenStore) tokens).createSchema(PostgresTokenTableFactory.INSTANCE);
            }
            if (missing(jdbc, "sagaentry")) {
                try {
                    sagas.createSchema();
                } catch (SQLException e) {
                    throw new IllegalStateException("could not create the saga tables", e);
                }
            }
        };
    }

    private static boolean missing(JdbcTemplate jdbc, String table) {
        Integer count = jdbc.queryForObject(
                "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = ?",
                Integer.class, table);
        return count == null || count == 0;
    }
}
