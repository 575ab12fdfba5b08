package com.healthmed.schema.operations;

/** Reset one processing group's tokens and rebuild it from the first event; answered by the service running it. */
public record ReplayProjectionQuery(String name) {
}
