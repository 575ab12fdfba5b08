package com.healthmed.schema.operations;

/** The processing groups (projections and processes) of every service: position, lag, replay, dead letters. */
public record FindProjectionsQuery(boolean includeAll) {
}
