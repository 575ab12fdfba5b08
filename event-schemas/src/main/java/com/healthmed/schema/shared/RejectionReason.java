package com.healthmed.schema.shared;

/** Every business reason for refusing a command, with a stable code that becomes the problem {@code type}. */
public enum RejectionReason {
    NOT_FOUND(Kind.NOT_FOUND, "not-found"),
    PATIENT_ALREADY_REGISTERED(Kind.CONFLICT, "patient-already-registered"),
    DOCTOR_ALREADY_REGISTERED(Kind.CONFLICT, "doctor-already-registered"),
    DOCTOR_ALREADY_VERIFIED(Kind.CONFLICT, "doctor-already-verified"),
    INVALID_PRICE(Kind.UNPROCESSABLE, "invalid-price");

    /** How a reason relates to the request: the gateway turns each kind into one HTTP status. */
    public enum Kind { NOT_FOUND, CONFLICT, UNPROCESSABLE, FORBIDDEN }

    private final Kind kind;
    private final String code;

    RejectionReason(Kind kind, String code) {
        this.kind = kind;
        this.code = code;
    }

    public Kind kind() {
        return kind;
    }

    public String code() {
        return code;
    }
}
