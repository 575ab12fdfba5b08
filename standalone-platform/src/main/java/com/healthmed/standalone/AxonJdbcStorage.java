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
 * before any event processor, command handler or deadline scheduler touches them.
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
            if (missing(jdbc, "scheduled_tasks")) {
                jdbc.execute(DEADLINE_TABLE);
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

    /** db-scheduler's PostgreSQL table, which holds Axon's deadlines (e.g. unanswered requests expiring). */
    private static final String DEADLINE_TABLE = """
            CREATE TABLE scheduled_tasks (
                task_name            text                     NOT NULL,
                task_instance        text                     NOT NULL,
                task_data            bytea,
                execution_time       timestamp with time zone NOT NULL,
                picked               boolean                  NOT NULL,
                picked_by            text,
                last_success         timestamp with time zone,
                last_failure         timestamp with time zone,
                consecutive_failures int,
                last_heartbeat       timestamp with time zone,
                version              bigint                   NOT NULL,
                priority             smallint,
                PRIMARY KEY (task_name, task_instance)
            );
            CREATE INDEX execution_time_idx ON scheduled_tasks (execution_time);
            CREATE INDEX last_heartbeat_idx ON scheduled_tasks (last_heartbeat);
            CREATE INDEX priority_execution_time_idx ON scheduled_tasks (priority DESC, execution_time ASC);
            """;

    private static boolean missing(JdbcTemplate jdbc, String table) {
        Integer count = jdbc.queryForObject(
                "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = ?",
                Integer.class, table);
        return count == null || count == 0;
    }
}
