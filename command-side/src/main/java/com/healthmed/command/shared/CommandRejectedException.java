package com.healthmed.command.shared;

import com.healthmed.schema.shared.Rejection;
import com.healthmed.schema.shared.RejectionReason;

/** An aggregate refuses a command for a business reason; see {@link RejectionTranslator}. */
public class CommandRejectedException extends RuntimeException {

    private final transient Rejection rejection;

    public CommandRejectedException(RejectionReason reason, String detail) {
        super(detail);
        this.rejection = new Rejection(reason, detail);
    }

    public Rejection rejection() {
        return rejection;
    }
}
