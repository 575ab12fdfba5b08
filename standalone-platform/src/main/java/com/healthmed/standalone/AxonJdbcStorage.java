package com.healthmed.standalone;

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
