package com.healthmed.schema.audit;

/**
 * One link of the tamper-evidence chain: the stored event at global {@code position} and
 * {@code hash = SHA-256(previous hash, the event's stored form)} in hex.
 */
public record Checkpoint(long position, String hash) {
}
