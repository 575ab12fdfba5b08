package com.healthmed.query;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The query side as its own service (distributed mode). */
@SpringBootApplication
public class QuerySideApplication {

    public static void main(String[] args) {
        var app = new SpringApplication(QuerySideApplication.class);
        app.setDefaultProperties(java.util.Map.of("spring.config.name", "query-side"));
        app.run(args);
    }
}
