package com.healthmed.gateway.problem;

import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.messaging.timeout.AxonTimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.concurrent.CompletableFuture;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A handler that ran past Axon's timeout under overload answers 503 {@code timed-out} with {@code Retry-After}, as
 * Spring MVC resolves it through {@link ApiExceptionHandler}; any other failure stays a 500 {@code internal}.
 */
class TimedOutAnswerTest {

    private static final AxonTimeoutException TIMEOUT =
            new AxonTimeoutException("Message [SearchDoctorsQuery] for handler [IndexedDoctorSearch] has timed out.");

    /** Fails the way the gateway's controllers see Axon fail: a joined query future, a command sent and awaited. */
    @RestController
    static class FailingController {

        @GetMapping("/query-timed-out")
        String queryTimedOut() {
            return CompletableFuture.<String>failedFuture(TIMEOUT).join();
        }

        @GetMapping("/command-timed-out")
        String commandTimedOut() {
            throw new CommandExecutionException("handler failed", TIMEOUT);
        }

        @GetMapping("/query-failed")
        String queryFailed() {
            return CompletableFuture.<String>failedFuture(new IllegalStateException("broken")).join();
        }
    }

    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new FailingController())
            .setControllerAdvice(new ApiExceptionHandler()).build();

    @Test
    void aQueryThatTimedOutIsServiceUnavailableWithRetryAfter() throws Exception {
        mvc.perform(get("/query-timed-out"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string(HttpHeaders.RETRY_AFTER, ApiExceptionHandler.RETRY_AFTER_SECONDS))
                .andExpect(header().string(HttpHeaders.CONTENT_TYPE, "application/problem+json"))
                .andExpect(jsonPath("$.type").value(ProblemTypes.TIMED_OUT.toString()));
    }

    @Test
    void aCommandThatTimedOutIsServiceUnavailableToo() throws Exception {
        mvc.perform(get("/command-timed-out"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(jsonPath("$.type").value(ProblemTypes.TIMED_OUT.toString()));
    }

    @Test
    void anyOtherFailureSoWrappedIsStillAnInternalError() throws Exception {
        mvc.perform(get("/query-failed"))
                .andExpect(status().isInternalServerError())
                .andExpect(header().doesNotExist(HttpHeaders.RETRY_AFTER))
                .andExpect(jsonPath("$.type").value(ProblemTypes.INTERNAL.toString()));
    }
}
