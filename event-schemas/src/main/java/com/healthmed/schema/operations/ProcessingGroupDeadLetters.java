package com.healthmed.schema.operations;

import java.util.List;

/** One processing group's dead-letter queue: how many sequences and events wait, and the first of them. */
public record ProcessingGroupDeadLetters(String processingGroup, long sequences, long letters,
                                         List<DeadLetterEntry> items) {
}
