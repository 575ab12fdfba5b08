package com.healthmed.processing.upcasting;

import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/** The event upcasters, for every service that reads events (Axon chains every {@code EventUpcaster} bean). */
@AutoConfiguration
public class UpcastingConfiguration {

    @Bean
    EventUpcaster patientProfileUpdatedUpcaster() {
        return new PatientProfileUpdatedUpcaster();
    }
}
