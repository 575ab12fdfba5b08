package com.healthmed.schema.operations;

/** The outcome of a retry: sequences handled successfully now, and letters still parked afterwards. */
public record DeadLetterRetryResponse(String processingGroup, int sequencesProcessed, long lettersStillParked) {
}
