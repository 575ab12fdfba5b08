package com.healthmed.command.shared;

import com.healthmed.schema.shared.Rejection;
import com.healthmed.schema.shared.RejectionReason;

import java.util.List;

/** An aggregate refuses a command for a business reason; see {@link RejectionTranslator}. */
public class CommandRejectedException extends RuntimeException {

    private final transient Rejection rejection;

    public CommandRejectedException(RejectionReason reason, String detail) {
        this(reason, detail, List.of());
    }

    public CommandRejectedException(RejectionReason reason, String detail, List<String> related) {
        super(detail);
        this.rejection = new Rejection(reason, detail, List.copyOf(related));
    }

    public Rejection rejection() {
        return rejection;
    }
}
