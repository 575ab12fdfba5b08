package com.healthmed.processing.observability;

import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.MDC;

/**
 * Puts the correlation id of the message being handled (set by the gateway from {@code X-Correlation-Id} and
 * inherited by every message it causes) into the logging MDC as {@code correlationId}, so log lines of command and
 * event handlers name the request they belong to. The previous value is restored afterwards: with the local command
 * bus a command is handled on the request's own thread.
 */
public class CorrelationIdLogging<T extends Message<?>> implements MessageHandlerInterceptor<T> {

    public static final String MDC_KEY = "correlationId";
    private static final String METADATA_KEY = "correlationId";

    @Override
    public Object handle(UnitOfWork<? extends T> unitOfWork, InterceptorChain chain) throws Exception {
        Object correlationId = unitOfWork.getMessage().getMetaData().get(METADATA_KEY);
        if (correlationId == null) {
            return chain.proceed();
        }
        String previous = MDC.get(MDC_KEY);
        MDC.put(MDC_KEY, correlationId.toString());
        try {
            return chain.proceed();
        } finally {
            if (previous == null) {
                MDC.remove(MDC_KEY);
            } else {
                MDC.put(MDC_KEY, previous);
            }
        }
    }
}
