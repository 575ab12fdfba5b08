package com.healthmed.processing.observability;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.DefaultInterceptorChain;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class CorrelationIdLoggingTest {

    @AfterEach
    void clear() {
        MDC.clear();
    }

    @Test
    void theHandlerLogsWithTheMessagesCorrelationIdAndTheThreadGetsItsOwnBack() throws Exception {
        MDC.put("correlationId", "the-request");
        var seen = new AtomicReference<String>();

        handle(GenericEventMessage.asEventMessage("payload").withMetaData(MetaData.with("correlationId", "booking-42")),
                () -> seen.set(MDC.get("correlationId")));

        assertThat(seen).hasValue("booking-42");
        assertThat(MDC.get("correlationId")).isEqualTo("the-request");
    }

    @Test
    void nothingIsLeftBehindOnAHandlerThread() throws Exception {
        var seen = new AtomicReference<String>();

        handle(GenericEventMessage.asEventMessage("payload").withMetaData(MetaData.with("correlationId", "booking-43")),
                () -> {
                    seen.set(MDC.get("correlationId"));
                    throw new IllegalStateException("the handler fails");
                });

        assertThat(seen).hasValue("booking-43");
        assertThat(MDC.get("correlationId")).isNull();
    }

    @Test
    void aMessageWithoutCorrelationIdLeavesTheMdcAlone() throws Exception {
        MDC.put("correlationId", "the-request");
        var seen = new AtomicReference<String>();

        handle(GenericEventMessage.asEventMessage("payload"), () -> seen.set(MDC.get("correlationId")));

        assertThat(seen).hasValue("the-request");
    }

    private static void handle(EventMessage<?> event, Runnable handler) {
        var unitOfWork = DefaultUnitOfWork.startAndGet(event);
        unitOfWork.executeWithResult(() -> new DefaultInterceptorChain<>(unitOfWork,
                List.of(new CorrelationIdLogging<EventMessage<?>>()), message -> {
                    handler.run();
                    return null;
                }).proceed());
    }
}
