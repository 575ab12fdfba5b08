package com.healthmed.schema.operations;

/** The events parked in the dead-letter queues of this service's processing groups. */
public record FindDeadLettersQuery(int maxLettersPerGroup) {
}
