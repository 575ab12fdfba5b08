package com.healthmed.gateway.problem;

import java.net.URI;

/** Stable problem {@code type} URIs (RFC 9457): clients may switch on them. */
public final class ProblemTypes {

    public static final String BASE = "https://healthmed.example/problems/";

    public static final URI VALIDATION = of("validation");
    public static final URI MALFORMED_REQUEST = of("malformed-request");
    public static final URI UNAUTHORIZED = of("unauthorized");
    public static final URI FORBIDDEN = of("forbidden");
    public static final URI INVALID_CREDENTIALS = of("invalid-credentials");
    public static final URI CPF_TAKEN = of("cpf-already-registered");
    public static final URI CRM_TAKEN = of("crm-already-registered");
    public static final URI EMAIL_TAKEN = of("email-already-registered");
    public static final URI IDENTITY_UNAVAILABLE = of("identity-provider-unavailable");
    public static final URI NOT_FOUND = of("not-found");
    public static final URI TELECONSULTATION_CLOSED = of("teleconsultation-not-open");
    public static final URI APPOINTMENT_NOT_TAKING_PLACE = of("appointment-not-taking-place");
    public static final URI REQUEST_TOO_LARGE = of("request-too-large");
    public static final URI METHOD_NOT_ALLOWED = of("method-not-allowed");
    public static final URI UNSUPPORTED_MEDIA_TYPE = of("unsupported-media-type");
    public static final URI NOT_ACCEPTABLE = of("not-acceptable");
    public static final URI INTERNAL = of("internal");
    public static final URI TIMED_OUT = of("timed-out");
    public static final URI CONCURRENT_MODIFICATION = of("concurrent-modification");
    public static final URI NOT_REPLAYABLE = of("projection-not-replayable");
    public static final URI RATE_LIMITED = of("too-many-requests");
    public static final URI REAUTHENTICATION_REQUIRED = of("reauthentication-required");

    private ProblemTypes() {
    }

    /** The type of an error Spring MVC itself answers (wrong method, unknown path, ...), by its status. */
    public static URI forStatus(int status) {
        return switch (status) {
            case 400 -> MALFORMED_REQUEST;
            case 401 -> UNAUTHORIZED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 413 -> REQUEST_TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 500 -> INTERNAL;
            default -> of("http-" + status);
        };
    }

    public static URI of(String code) {
        return URI.create(BASE + code);
    }
}
