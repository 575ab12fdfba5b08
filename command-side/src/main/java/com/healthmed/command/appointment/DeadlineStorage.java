package com.healthmed.command.appointment;

import com.zaxxer.hikari.HikariDataSource;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurationScopeAwareProvider;
import org.axonframework.deadline.DeadlineManagerSpanFactory;
import org.axonframework.serialization.Serializer;
import org.jobrunr.scheduling.JobScheduler;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * JobRunr, which stores the appointments' persistent deadlines, gets a small connection pool of its own on the same
 * database ({@code jobrunr.database.datasource}). A command that schedules a deadline (a new request expires, an
 * accepted one completes) already holds a connection from the main pool for its transaction while JobRunr stores
 * the job on a second one; from the same pool, as many such commands at once as the pool has connections each waited
 * for a second connection that none of them would give back (a deadlock until Hikari's 30 s timeout). JobRunr's own
 * pool never waits for the main one, so there is no cycle.
 * <p>
 * The deadline manager is Axon's JobRunr one with the job lambda JobRunr can cache
 * ({@link ParsedOnceJobRunrDeadlineManager}); it replaces the one Axon's auto-configuration would build the same way.
 */
@Configuration(proxyBeanMethods = false)
class DeadlineStorage {

    static final String DATA_SOURCE = "deadlineDataSource";

    /** Not a default candidate: everything else keeps injecting the main DataSource. */
    @Bean(name = DATA_SOURCE, defaultCandidate = false)
    HikariDataSource deadlineDataSource(DataSourceProperties main,
                                        @Value("${healthmed.deadlines.pool-size:8}") int poolSize) {
        HikariDataSource pool = main.initializeDataSourceBuilder().type(HikariDataSource.class).build();
        pool.setPoolName("deadlines");
        pool.setMaximumPoolSize(poolSize);
        return pool;
    }

    @Bean
    ParsedOnceJobRunrDeadlineManager deadlineManager(JobScheduler jobScheduler,
                                                     org.axonframework.config.Configuration axon,
                                                     @Qualifier("eventSerializer") Serializer serializer,
                                                     TransactionManager transactions,
                                                     DeadlineManagerSpanFactory spanFactory) {
        return new ParsedOnceJobRunrDeadlineManager(jobScheduler, new ConfigurationScopeAwareProvider(axon),
                serializer, transactions, spanFactory);
    }
}
