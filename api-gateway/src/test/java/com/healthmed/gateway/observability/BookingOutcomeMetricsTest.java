package com.healthmed.gateway.observability;

import com.healthmed.gateway.problem.ProblemTypes;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;

class BookingOutcomeMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final BookingOutcomeMetrics filter = new BookingOutcomeMetrics(registry);

    @Test
    void countsEachBookingByStatusAndProblemType() throws Exception {
        answer("POST", "/api/v1/appointments", 201, null);
        answer("POST", "/api/v1/appointments", 409, ProblemTypes.of("slot-unavailable"));
        answer("POST", "/api/v1/appointments", 409, ProblemTypes.of("slot-unavailable"));
        answer("POST", "/api/v1/appointments", 422, ProblemTypes.of("too-short-notice"));
        answer("POST", "/api/v1/appointments", 401, null);

        assertThat(count("201", "none")).isEqualTo(1);
        assertThat(count("409", "slot-unavailable")).isEqualTo(2);
        assertThat(count("422", "too-short-notice")).isEqualTo(1);
        assertThat(count("401", "unauthorized")).as("a problem written by the security filters").isEqualTo(1);
    }

    @Test
    void otherRequestsAreNotBookings() throws Exception {
        answer("GET", "/api/v1/appointments", 200, null);
        answer("POST", "/api/v1/appointments/a-1/acceptance", 200, null);

        assertThat(registry.find(BookingOutcomeMetrics.METRIC).counters()).isEmpty();
    }

    @Test
    void typesFromOutsideTheApiDoNotBecomeTagValues() {
        assertThat(BookingOutcomeMetrics.type(400, URI.create("about:blank"))).isEqualTo("other");
        assertThat(BookingOutcomeMetrics.type(500, null)).isEqualTo("internal");
    }

    private void answer(String method, String path, int status, URI problemType) throws Exception {
        var request = new MockHttpServletRequest(method, path);
        var response = new MockHttpServletResponse();
        filter.doFilter(request, response, new MockFilterChain(new jakarta.servlet.http.HttpServlet() {
            @Override
            protected void service(jakarta.servlet.http.HttpServletRequest req, jakarta.servlet.http.HttpServletResponse res) {
                res.setStatus(status);
                if (problemType != null) {
                    req.setAttribute(BookingOutcomeMetrics.PROBLEM_TYPE, problemType);
                }
            }
        }));
    }

    private double count(String outcome, String type) {
        var counter = registry.find(BookingOutcomeMetrics.METRIC).tag("outcome", outcome).tag("type", type).counter();
        return counter == null ? 0 : counter.count();
    }
}
