package com.healthmed.gateway.problem;

import com.healthmed.schema.shared.Rejection;

/** A business refusal the command side returned as an answer; mapped like a thrown one. */
public class RejectedException extends RuntimeException {

    private final transient Rejection rejection;

    public RejectedException(Rejection rejection) {
        super(rejection.detail(), null, false, false);
        this.rejection = rejection;
    }

    public Rejection rejection() {
        return rejection;
    }
}
