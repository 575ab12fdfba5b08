package com.healthmed.gateway.analytics;

import com.healthmed.gateway.problem.Problems;
import com.healthmed.schema.integration.IntegrationTopic;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;

/** The JSON Schemas of the analysts' Kafka topics, public so consumers can validate what they read. */
@RestController
@Tag(name = "Analytics")
class IntegrationSchemaController {

    private static final MediaType SCHEMA_JSON = MediaType.parseMediaType("application/schema+json");

    @Operation(summary = "The JSON Schema (draft 2020-12) of an integration topic, e.g. healthmed.appointments.v1")
    @SecurityRequirements
    @GetMapping("/api/v1/schemas/{topic}")
    ResponseEntity<byte[]> schema(@PathVariable String topic) throws IOException {
        // only the known topics: the path never reaches the class path unchecked
        var known = IntegrationTopic.byName(topic)
                .orElseThrow(() -> Problems.notFound("No integration topic " + topic + "."));
        try (var in = new ClassPathResource(known.schemaResource()).getInputStream()) {
            return ResponseEntity.ok().contentType(SCHEMA_JSON).body(in.readAllBytes());
        }
    }
}
