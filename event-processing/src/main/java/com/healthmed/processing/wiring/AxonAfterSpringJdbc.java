package com.healthmed.processing.wiring;

import org.axonframework.springboot.autoconfig.JdbcAutoConfiguration;
import org.axonframework.springboot.autoconfig.TransactionAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;

/**
 * No beans, only an order: Spring Boot's DataSource and transaction manager first, then Axon's JDBC and
 * transaction auto-configurations, which create their beans only if those exist. Axon 4.13 names Spring Boot 3's
 * class names for this order (and reaches the DataSource through the Hibernate auto-configuration, absent here);
 * on Spring Boot 4 they moved, and Axon would silently run without transactions.
 * {@code AxonOnSpringBootWiringTest} guards it.
 */
@AutoConfiguration(
        after = {DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class},
        before = {TransactionAutoConfiguration.class, JdbcAutoConfiguration.class})
public class AxonAfterSpringJdbc {
}
