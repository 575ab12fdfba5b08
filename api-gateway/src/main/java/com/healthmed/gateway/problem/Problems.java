package com.healthmed.gateway.problem;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

import java.net.URI;
import java.util.Map;

/** Exceptions that Spring MVC turns into {@code application/problem+json} answers. */
public final class Problems {

    private Problems() {
    }

    public static ErrorResponseException error(HttpStatus status, URI type, String detail) {
        return error(status, type, detail, Map.of());
    }

    /** With extra members, e.g. the opening window of a teleconsultation room. */
    public static ErrorResponseException error(HttpStatus status, URI type, String detail, Map<String, Object> properties) {
        var problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type);
        properties.forEach(problem::setProperty);
        return new ErrorResponseException(status, problem, null);
    }

    public static ErrorResponseException notFound(String detail) {
        return error(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, detail);
    }
}
