package com.healthmed.command;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The command side as its own service (distributed mode, routed by Axon Server). */
@SpringBootApplication
public class CommandSideApplication {

    public static void main(String[] args) {
        var app = new SpringApplication(CommandSideApplication.class);
        app.setDefaultProperties(java.util.Map.of("spring.config.name", "command-side"));
        app.run(args);
    }
}
