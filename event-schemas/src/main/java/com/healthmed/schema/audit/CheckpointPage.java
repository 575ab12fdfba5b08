package com.healthmed.schema.audit;

import java.util.List;

/** A page of checkpoints, with the last chained position and the event store's last position. */
public record CheckpointPage(List<Checkpoint> checkpoints, Long chainedUpTo, Long storeHead) {
}
