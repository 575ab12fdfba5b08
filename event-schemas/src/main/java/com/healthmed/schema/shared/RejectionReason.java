package com.healthmed.schema.shared;

/** Every business reason for refusing a command, with a stable code that becomes the problem {@code type}. */
public enum RejectionReason {
    NOT_FOUND(Kind.NOT_FOUND, "not-found"),
    PATIENT_ERASED(Kind.NOT_FOUND, "patient-erased"),
    PATIENT_ALREADY_REGISTERED(Kind.CONFLICT, "patient-already-registered"),
    DOCTOR_ALREADY_REGISTERED(Kind.CONFLICT, "doctor-already-registered"),
    DOCTOR_ALREADY_VERIFIED(Kind.CONFLICT, "doctor-already-verified"),
    INVALID_PRICE(Kind.UNPROCESSABLE, "invalid-price"),
    DOCTOR_NOT_BOOKABLE(Kind.UNPROCESSABLE, "doctor-not-verified"),
    INVALID_WINDOW(Kind.UNPROCESSABLE, "invalid-availability-window"),
    WINDOW_OVERLAP(Kind.CONFLICT, "availability-overlap"),
    WINDOW_HAS_BOOKINGS(Kind.CONFLICT, "availability-has-bookings"),
    SLOT_UNAVAILABLE(Kind.CONFLICT, "slot-unavailable"),
    TOO_MANY_BOOKINGS_WITH_DOCTOR(Kind.CONFLICT, "too-many-bookings-with-doctor"),
    OUTSIDE_AVAILABILITY(Kind.UNPROCESSABLE, "outside-availability"),
    START_IN_PAST(Kind.UNPROCESSABLE, "start-in-past"),
    TOO_SHORT_NOTICE(Kind.UNPROCESSABLE, "too-short-notice"),
    BEYOND_BOOKING_HORIZON(Kind.UNPROCESSABLE, "beyond-booking-horizon"),
    NOT_YOUR_APPOINTMENT(Kind.NOT_FOUND, "not-found"),
    ILLEGAL_TRANSITION(Kind.CONFLICT, "illegal-appointment-transition"),
    JUSTIFICATION_REQUIRED(Kind.UNPROCESSABLE, "justification-required"),
    IDEMPOTENCY_KEY_REUSED(Kind.UNPROCESSABLE, "idempotency-key-reused"),
    INVALID_GRANT(Kind.UNPROCESSABLE, "invalid-grant"),
    ANSWER_PERIOD_OVER(Kind.CONFLICT, "answer-period-over"),
    APPOINTMENT_STARTED(Kind.CONFLICT, "appointment-already-started"),
    CONSULTATION_NOT_STARTED(Kind.CONFLICT, "consultation-not-started"),
    APPOINTMENT_NOT_COMPLETED(Kind.CONFLICT, "appointment-not-completed"),
    APPOINTMENT_ALREADY_RATED(Kind.CONFLICT, "appointment-already-rated"),
    RATING_PERIOD_OVER(Kind.UNPROCESSABLE, "rating-period-over"),
    INVALID_RATING(Kind.UNPROCESSABLE, "invalid-rating");

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
