package com.healthmed.schema.scheduling;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Removes a window that has no active booking. */
public record WithdrawAvailabilityCommand(@TargetAggregateIdentifier String doctorId, String windowId) {
}
