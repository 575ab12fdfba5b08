package com.healthmed.schema.shared;

/**
 * Why the command side refused a command. It travels as the details of Axon's
 * {@code CommandExecutionException}, which is how a business error survives Axon Server
 * (the exception class itself does not), so the gateway answers the same in every mode.
 */
public record Rejection(RejectionReason reason, String detail) {
}
