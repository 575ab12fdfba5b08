package com.healthmed.processing.wiring;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;

import javax.sql.DataSource;

/**
 * A transaction takes a pooled connection at its first statement, not at its start. Axon begins a transaction
 * around every command and every query; without this, a query that reads only MongoDB held one of the pool's
 * connections for its whole run, and a command held one while it queued for its aggregate's lock, so a burst on one
 * hot schedule (or read-your-writes polling) emptied the pool for everyone. Everything that uses the DataSource
 * bean (Spring's transaction manager, Axon's JDBC stores, JdbcTemplate) gets the lazy proxy, so a transaction still
 * runs on one connection from its first statement to its commit. Only the application's DataSource (Boot's bean
 * {@code dataSource}): JobRunr's pool of its own (the command side's {@code DeadlineStorage}) stays as Hikari made it,
 * and closes with the context.
 */
@AutoConfiguration(before = AxonAfterSpringJdbc.class)
@ConditionalOnProperty(name = "healthmed.jdbc.lazy-connections", havingValue = "true", matchIfMissing = true)
public class LazyJdbcConnections {

    private static final String APPLICATION_DATA_SOURCE = "dataSource";

    @Bean
    static BeanPostProcessor lazyJdbcConnections() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (APPLICATION_DATA_SOURCE.equals(name) && bean instanceof DataSource dataSource
                        && !(bean instanceof LazyConnectionDataSourceProxy)) {
                    return new LazyConnectionDataSourceProxy(dataSource);
                }
                return bean;
            }
        };
    }
}
