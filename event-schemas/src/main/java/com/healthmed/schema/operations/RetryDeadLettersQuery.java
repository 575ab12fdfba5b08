package com.healthmed.schema.operations;

/**
 * Retry every parked sequence of one processing group now. Sent to every service (scatter-gather); only the
 * service that runs the group answers, so this works the same with one JVM or several services.
 */
public record RetryDeadLettersQuery(String processingGroup) {
}
