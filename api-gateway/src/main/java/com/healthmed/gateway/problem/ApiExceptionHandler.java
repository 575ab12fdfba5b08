package com.healthmed.gateway.problem;

import com.healthmed.gateway.identity.AccountConflictException;
import com.healthmed.gateway.identity.AccountRejectedException;
import com.healthmed.gateway.identity.AccountRole;
import com.healthmed.gateway.identity.IdentityProviderException;
import com.healthmed.gateway.identity.InvalidCredentialsException;
import com.healthmed.gateway.web.InvalidRequestException;
import com.healthmed.schema.shared.Rejection;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.messaging.timeout.AxonTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

/** Every error leaves the gateway as {@code application/problem+json} with a stable {@code type}. */
@RestControllerAdvice
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);
    /** After a timeout: long enough for a burst to drain, short enough for a person waiting. */
    static final String RETRY_AFTER_SECONDS = "5";

    /** One offending input: a JSON path such as {@code location.lat} and what is wrong with it. */
    public record FieldProblem(String field, String message) {
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
                                                                  HttpHeaders headers,
                                                                  HttpStatusCode status,
                                                                  WebRequest request) {
        List<FieldProblem> errors = ex.getBindingResult().getFieldErrors().stream()
                .map(e -> new FieldProblem(e.getField(), message(e)))
                .sorted(Comparator.comparing(FieldProblem::field))
                .toList();
        errors = ex.getBindingResult().getGlobalErrors().isEmpty() ? errors
                : concat(errors, ex.getBindingResult().getGlobalErrors().stream()
                        .map(e -> new FieldProblem(e.getObjectName(), e.getDefaultMessage())).toList());
        var problem = validationProblem(errors);
        return ResponseEntity.badRequest().body(problem);
    }

    public static ProblemDetail validationProblem(List<FieldProblem> errors) {
        var problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, errors.stream()
                .map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; ")));
        problem.setType(ProblemTypes.VALIDATION);
        problem.setTitle("The request has invalid fields");
        problem.setProperty("errors", errors);
        return problem;
    }

    private static String message(FieldError error) {
        return error.getDefaultMessage() == null ? "is invalid" : error.getDefaultMessage();
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            org.springframework.web.method.annotation.HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        // a @Valid body names its own fields (doctorId, start, ...); a parameter (page, size, ...) its name
        List<FieldProblem> errors = ex.getParameterValidationResults().stream()
                .flatMap(result -> result instanceof org.springframework.validation.method.ParameterErrors body
                        ? body.getFieldErrors().stream().map(e -> new FieldProblem(e.getField(), message(e)))
                        : result.getResolvableErrors().stream().map(error -> new FieldProblem(
                                result.getMethodParameter().getParameterName(),
                                error.getDefaultMessage() == null ? "is invalid" : error.getDefaultMessage())))
                .sorted(Comparator.comparing(FieldProblem::field))
                .toList();
        return ResponseEntity.badRequest().body(validationProblem(errors));
    }

    @Override
    protected ResponseEntity<Object> handleMaxUploadSizeExceededException(
            org.springframework.web.multipart.MaxUploadSizeExceededException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        var problem = ProblemDetail.forStatusAndDetail(HttpStatus.PAYLOAD_TOO_LARGE,
                "The document is larger than the maximum size allowed.");
        problem.setType(ProblemTypes.of("document-too-large"));
        problem.setTitle("Document too large");
        return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestPart(
            org.springframework.web.multipart.support.MissingServletRequestPartException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return ResponseEntity.badRequest().body(validationProblem(
                List.of(new FieldProblem(ex.getRequestPartName(), "is required"))));
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(
            org.springframework.web.bind.MissingServletRequestParameterException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return ResponseEntity.badRequest().body(validationProblem(
                List.of(new FieldProblem(ex.getParameterName(), "is required"))));
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(org.springframework.beans.TypeMismatchException ex,
                                                        HttpHeaders headers, HttpStatusCode status,
                                                        WebRequest request) {
        String field = ex.getPropertyName() != null ? ex.getPropertyName() : "parameter";
        return ResponseEntity.badRequest().body(validationProblem(
                List.of(new FieldProblem(field, "has the wrong type or an unknown value"))));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
                                                                  HttpHeaders headers,
                                                                  HttpStatusCode status,
                                                                  WebRequest request) {
        if (ex.getCause() instanceof JacksonException mapping && isValueProblem(mapping) && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream()
                    .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            String message = mapping instanceof UnrecognizedPropertyException
                    ? "is not a known field" : "has the wrong type or an unknown value";
            return ResponseEntity.badRequest().body(validationProblem(List.of(new FieldProblem(field, message))));
        }
        var problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "The request body is not valid JSON.");
        problem.setType(ProblemTypes.MALFORMED_REQUEST);
        problem.setTitle("Malformed request");
        return ResponseEntity.badRequest().body(problem);
    }

    /**
     * A value that does not fit its field, as opposed to a body that is not JSON. Jackson 3 reports a number too
     * large for its field while reading (InputCoercionException), no longer as a binding error.
     */
    public static boolean isValueProblem(JacksonException e) {
        return e instanceof DatabindException || e instanceof InputCoercionException;
    }

    /**
     * Errors Spring MVC answers itself (unknown path, wrong method, unsupported media type, ...) carry the
     * type {@code about:blank} (Spring Framework 7 leaves it unset, which means the same): give them a stable type
     * of ours, by status.
     */
    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers,
                                                          HttpStatusCode statusCode, WebRequest request) {
        if (body instanceof ProblemDetail problem
                && (problem.getType() == null || java.net.URI.create("about:blank").equals(problem.getType()))) {
            problem.setType(ProblemTypes.forStatus(statusCode.value()));
        }
        return super.createResponseEntity(body, headers, statusCode, request);
    }

    /** A multipart body that cannot be parsed: no boundary, cut short, parts without a name. */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> malformedMultipart(org.springframework.web.multipart.MultipartException e) {
        return problem(HttpStatus.BAD_REQUEST, ProblemTypes.MALFORMED_REQUEST, "Malformed request",
                "The multipart body could not be read.");
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> rejected(CommandExecutionException e) {
        var rejection = e.getDetails().filter(Rejection.class::isInstance).map(Rejection.class::cast);
        if (rejection.isEmpty() && timedOut(e)) {
            return timedOutAnswer(e);
        }
        if (rejection.isEmpty()) {
            log.error("command failed", e);
            return problem(HttpStatus.INTERNAL_SERVER_ERROR, ProblemTypes.INTERNAL, "Internal error",
                    "The request could not be completed.");
        }
        return rejected(rejection.get());
    }

    /**
     * Another change to the same aggregate won every retry (the gateway already sent the command again several
     * times): a conflict the client can retry, never a server error.
     */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> conflict(org.axonframework.modelling.command.ConcurrencyException e) {
        return problem(HttpStatus.CONFLICT, ProblemTypes.CONCURRENT_MODIFICATION, "Conflict",
                "Someone else changed this at the same moment; please try again.");
    }

    /** A refusal the command side answered rather than threw (e.g. a booking of a taken slot). */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> rejected(RejectedException e) {
        return rejected(e.rejection());
    }

    private static ResponseEntity<ProblemDetail> rejected(Rejection rejection) {
        var reason = rejection.reason();
        HttpStatus status = switch (reason.kind()) {
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case UNPROCESSABLE -> HttpStatus.UNPROCESSABLE_ENTITY;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
        };
        var response = problem(status, ProblemTypes.of(reason.code()), status.getReasonPhrase(), rejection.detail());
        if (!rejection.related().isEmpty()) {
            response.getBody().setProperty("related", rejection.related());
        }
        return response;
    }

    /** Access denied by a method-security rule ({@code @PreAuthorize}): same answer as the filter chain's. */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> denied(org.springframework.security.authorization.AuthorizationDeniedException e) {
        return problem(HttpStatus.FORBIDDEN, ProblemTypes.FORBIDDEN, "Forbidden", "Your role does not allow this request.");
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> invalidRequest(InvalidRequestException e) {
        return ResponseEntity.badRequest().body(validationProblem(e.problems()));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> accountConflict(AccountConflictException e) {
        if (e.taken() == AccountConflictException.Taken.EMAIL) {
            return problem(HttpStatus.CONFLICT, ProblemTypes.EMAIL_TAKEN, "E-mail already registered",
                    "An account with this e-mail already exists.");
        }
        return e.role() == AccountRole.DOCTOR
                ? problem(HttpStatus.CONFLICT, ProblemTypes.CRM_TAKEN, "CRM already registered",
                        "A doctor with this CRM is already registered.")
                : problem(HttpStatus.CONFLICT, ProblemTypes.CPF_TAKEN, "CPF already registered",
                        "A patient with this CPF is already registered.");
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> invalidCredentials(InvalidCredentialsException e) {
        return problem(HttpStatus.UNAUTHORIZED, ProblemTypes.INVALID_CREDENTIALS, "Invalid credentials",
                "The username or password is wrong, or the account is temporarily locked.");
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> accountRejected(AccountRejectedException e) {
        return ResponseEntity.badRequest().body(validationProblem(List.of(new FieldProblem(e.field(), e.getMessage()))));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> identityUnavailable(IdentityProviderException e) {
        log.error("identity provider failure", e);
        return problem(HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.IDENTITY_UNAVAILABLE,
                "Identity provider unavailable", "Please try again in a moment.");
    }

    /**
     * A query or command that ran past Axon's handler timeout (30 s) because the platform is overloaded: 503 with
     * {@code Retry-After}, so that clients back off and try again instead of reading it as a failure of the request.
     * The gateway sees it wrapped by the future it joined; anything else so wrapped is unexpected.
     */
    @ExceptionHandler({AxonTimeoutException.class, CompletionException.class, ExecutionException.class})
    ResponseEntity<ProblemDetail> timedOutOrUnexpected(Exception e) {
        return timedOut(e) ? timedOutAnswer(e) : unexpected(e);
    }

    static boolean timedOut(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof AxonTimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static ResponseEntity<ProblemDetail> timedOutAnswer(Exception e) {
        log.warn("answered 503 timed-out: {}", e.toString());
        var answer = problem(HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.TIMED_OUT, "Timed out",
                "The platform is too busy to answer in time; please try again in a moment.");
        return ResponseEntity.status(answer.getStatusCode()).header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .body(answer.getBody());
    }

    /** Anything unexpected: logged with its stack trace, answered without internals. */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        log.error("unexpected failure", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, ProblemTypes.INTERNAL, "Internal error",
                "The request could not be completed.");
    }

    public static ResponseEntity<ProblemDetail> problem(HttpStatus status, java.net.URI type, String title,
                                                        String detail) {
        var problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type);
        problem.setTitle(title);
        return ResponseEntity.status(status).body(problem);
    }
}
