package com.healthmed.schema.operations;

/** Whether the replay was started; when refused, why (a group with side effects is never replayed). */
public record ReplayProjectionResponse(String name, boolean started, String refusal) {
}
