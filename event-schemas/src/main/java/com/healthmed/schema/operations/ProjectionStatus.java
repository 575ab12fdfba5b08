package com.healthmed.schema.operations;

/**
 * One processing group of one service. {@code position} is the lowest global position its segments have
 * processed (null before its first event), {@code head} the event store's last position, {@code lag} the
 * difference. {@code replayable} is false for groups with side effects (commands, e-mail, publication), which
 * carry {@code @DisallowReplay}; {@code deadLetters} counts its parked events.
 */
public record ProjectionStatus(String name, String service, boolean running, boolean replaying, boolean caughtUp,
                               boolean error, int segments, Long position, Long head, Long lag, boolean replayable,
                               long deadLetters) {
}
