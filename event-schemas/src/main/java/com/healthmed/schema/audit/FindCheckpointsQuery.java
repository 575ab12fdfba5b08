package com.healthmed.schema.audit;

/** Checkpoints of the hash chain after global position {@code after} (null: from the start), at most {@code limit}. */
public record FindCheckpointsQuery(Long after, int limit) {
}
