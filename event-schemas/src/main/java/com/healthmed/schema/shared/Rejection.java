package com.healthmed.schema.shared;

import java.util.List;

/**
 * Why the command side refused a command. It travels as the details of Axon's
 * {@code CommandExecutionException}, which is how a business error survives Axon Server
 * (the exception class itself does not), so the gateway answers the same in every mode.
 *
 * @param related ids the refusal is about (e.g. the appointments that keep a window from being withdrawn)
 */
public record Rejection(RejectionReason reason, String detail, List<String> related) {

    public Rejection(RejectionReason reason, String detail) {
        this(reason, detail, List.of());
    }
}
