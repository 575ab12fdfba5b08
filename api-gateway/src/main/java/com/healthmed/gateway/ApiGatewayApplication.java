package com.healthmed.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The gateway as its own service (distributed mode, talking to the sides through Axon Server). */
@SpringBootApplication
public class ApiGatewayApplication {

    public static void main(String[] args) {
        var app = new SpringApplication(ApiGatewayApplication.class);
        app.setDefaultProperties(java.util.Map.of("spring.config.name", "api-gateway"));
        app.run(args);
    }
}
