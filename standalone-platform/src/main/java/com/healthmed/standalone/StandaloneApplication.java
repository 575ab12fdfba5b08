package com.healthmed.standalone;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;

/**
 * The three services in one Spring context: command side, query side and gateway. Their own
 * {@code @SpringBootApplication} classes (used in distributed mode) are left out of the scan.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@ComponentScan(
        basePackages = {"com.healthmed.command", "com.healthmed.query", "com.healthmed.gateway",
                "com.healthmed.standalone"},
        excludeFilters = @ComponentScan.Filter(type = FilterType.ANNOTATION, classes = SpringBootApplication.class))
class StandaloneApplication {
}
