package com.healthmed.schema.audit;

/** Recompute the whole chain from the stored events and compare it with the stored checkpoints. */
public record VerifyHashChainQuery(boolean fromTheStart) {
}
