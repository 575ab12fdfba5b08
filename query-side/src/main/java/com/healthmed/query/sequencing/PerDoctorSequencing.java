package com.healthmed.query.sequencing;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.axonframework.eventhandling.async.SequentialPerAggregatePolicy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Optional;

/**
 * Groups that combine events of several aggregates about one doctor (the doctor, the schedule
 * {@code schedule:<doctorId>}, the doctor's appointments) handle them in order per doctor. Axon's default sequences
 * per aggregate; once a group's work is split into segments (several threads or nodes), a doctor's availability
 * could then be handled before the doctor's registration, or two ratings of one doctor at the same time.
 */
@Configuration(proxyBeanMethods = false)
public class PerDoctorSequencing {

    /** The groups whose documents are per doctor and fed by events of more than one aggregate. */
    public static final List<String> GROUPS = List.of("analytics-publisher", "doctor-search", "doctor-ratings");

    @Bean
    ConfigurerModule sequencedPerDoctor() {
        return configurer -> GROUPS.forEach(group ->
                configurer.eventProcessing().registerSequencingPolicy(group, c -> new PerDoctor()));
    }

    /** The payload's {@code doctorId()} when it has one (every event these groups handle), else its aggregate. */
    public static final class PerDoctor implements SequencingPolicy<EventMessage<?>> {

        private static final ClassValue<Optional<Method>> DOCTOR_ID = new ClassValue<>() {
            @Override
            protected Optional<Method> computeValue(Class<?> type) {
                try {
                    return type.isRecord() ? Optional.of(type.getMethod("doctorId")) : Optional.empty();
                } catch (NoSuchMethodException e) {
                    return Optional.empty();
                }
            }
        };

        private final SequentialPerAggregatePolicy perAggregate = SequentialPerAggregatePolicy.instance();

        @Override
        public Object getSequenceIdentifierFor(EventMessage<?> event) {
            Object payload = event.getPayload();
            Optional<Method> doctorId = DOCTOR_ID.get(payload.getClass());
            if (doctorId.isPresent()) {
                try {
                    Object id = doctorId.get().invoke(payload);
                    if (id != null) {
                        return id;
                    }
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
            return perAggregate.getSequenceIdentifierFor(event);
        }
    }
}
