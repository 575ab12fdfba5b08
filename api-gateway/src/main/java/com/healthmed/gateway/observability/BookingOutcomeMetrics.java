package com.healthmed.gateway.observability;

import com.healthmed.gateway.problem.ProblemTypes;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

import java.io.IOException;
import java.net.URI;

/**
 * Counts booking requests ({@code POST /api/v1/appointments}) by answer: {@code healthmed.bookings} with
 * {@code outcome} = the HTTP status (201, 409, 422, 400, ...) and {@code type} = the problem type's last segment
 * ({@code slot-unavailable}, {@code outside-availability}, ...; {@code none} for a booking). Both tags come from
 * fixed sets, never from user input, so the series stay few.
 */
public class BookingOutcomeMetrics extends OncePerRequestFilter {

    public static final String METRIC = "healthmed.bookings";
    static final String PROBLEM_TYPE = BookingOutcomeMetrics.class.getName() + ".problemType";
    private static final String PATH = "/api/v1/appointments";

    private final MeterRegistry registry;

    public BookingOutcomeMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !("POST".equals(request.getMethod()) && PATH.equals(request.getRequestURI()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } finally {
            int status = response.getStatus();
            Counter.builder(METRIC)
                    .description("Booking requests by HTTP status and problem type")
                    .tag("outcome", Integer.toString(status))
                    .tag("type", type(status, request.getAttribute(PROBLEM_TYPE)))
                    .register(registry)
                    .increment();
        }
    }

    static String type(int status, Object recorded) {
        if (status < 400) {
            return "none";
        }
        URI type = recorded instanceof URI uri ? uri : ProblemTypes.forStatus(status);
        String text = type.toString();
        return text.startsWith(ProblemTypes.BASE) ? text.substring(ProblemTypes.BASE.length()) : "other";
    }

    /** Remembers the type of the problem answer being written, for the counter above. */
    @ControllerAdvice
    static class ProblemTypeRecorder implements ResponseBodyAdvice<Object> {

        @Override
        public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
            return true;
        }

        @Override
        public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
                                      Class<? extends HttpMessageConverter<?>> converterType,
                                      ServerHttpRequest request, ServerHttpResponse response) {
            if (body instanceof ProblemDetail problem && request instanceof ServletServerHttpRequest servlet) {
                servlet.getServletRequest().setAttribute(PROBLEM_TYPE, problem.getType());
            }
            return body;
        }
    }
}
