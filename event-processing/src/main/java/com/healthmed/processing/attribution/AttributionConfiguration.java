package com.healthmed.processing.attribution;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Who did what. Commands from the gateway carry {@code userId}, {@code role} and {@code correlationId}; Axon's
 * correlation data providers copy these keys (and the id of the causing message, {@code causationId}, and the
 * {@code traceId}) from the message being handled to every message it causes, so events inherit them from their
 * command and commands sent by event handlers inherit them from their event. What the platform does by itself is
 * attributed to {@code system}: commands sent by event handlers (the appointment process, schedule provisioning)
 * and events applied by deadlines keep the correlation id of what started them but carry
 * {@code userId=system, role=system}, and the user the work was originally for as {@code onBehalfOf}.
 */
@AutoConfiguration(before = org.axonframework.springboot.autoconfig.AxonAutoConfiguration.class)
public class AttributionConfiguration {

    public static final String USER_ID = "userId";
    public static final String ROLE = "role";
    public static final String CORRELATION_ID = "correlationId";
    public static final String ON_BEHALF_OF = "onBehalfOf";
    public static final String SYSTEM = "system";

    /** Axon's origin keys renamed: the request's correlation id owns {@code correlationId}. */
    @Bean
    CorrelationDataProvider messageOrigin() {
        return new MessageOriginProvider("causationId", "traceId");
    }

    @Bean
    CorrelationDataProvider attribution() {
        return new SimpleCorrelationDataProvider(USER_ID, ROLE, CORRELATION_ID, ON_BEHALF_OF);
    }

    @Bean
    SmartInitializingSingleton systemAttribution(ObjectProvider<CommandBus> commandBus, ObjectProvider<EventBus> eventBus) {
        return () -> {
            commandBus.ifAvailable(bus -> bus.registerDispatchInterceptor(new SystemAttribution<CommandMessage<?>>(false)));
            eventBus.ifAvailable(bus -> bus.registerDispatchInterceptor(new SystemAttribution<EventMessage<?>>(true)));
        };
    }

    /**
     * Marks {@code system} what is dispatched while handling an event (commands of processes) or a deadline
     * (events and commands of expiries); messages sent from a request or a command are left alone.
     */
    static final class SystemAttribution<T extends Message<?>> implements MessageDispatchInterceptor<T> {

        private final boolean onlyDeadlines;

        SystemAttribution(boolean onlyDeadlines) {
            this.onlyDeadlines = onlyDeadlines;
        }

        @Override
        @SuppressWarnings("unchecked")
        public BiFunction<Integer, T, T> handle(List<? extends T> messages) {
            return (index, message) -> {
                Message<?> cause = CurrentUnitOfWork.isStarted() ? CurrentUnitOfWork.get().getMessage() : null;
                boolean system = onlyDeadlines ? cause instanceof DeadlineMessage
                        : cause instanceof EventMessage || (cause == null && !message.getMetaData().containsKey(USER_ID));
                if (!system || SYSTEM.equals(message.getMetaData().get(USER_ID))) {
                    return message;
                }
                Map<String, Object> attribution = new HashMap<>();
                attribution.put(USER_ID, SYSTEM);
                attribution.put(ROLE, SYSTEM);
                Object originalUser = cause == null ? null : cause.getMetaData().get(USER_ID);
                Object onBehalfOf = cause == null ? null : cause.getMetaData().get(ON_BEHALF_OF);
                if (onBehalfOf != null) {
                    attribution.put(ON_BEHALF_OF, onBehalfOf); // a deadline set by a process for a user
                } else if (originalUser != null && !SYSTEM.equals(originalUser)) {
                    attribution.put(ON_BEHALF_OF, originalUser);
                }
                if (cause != null && !message.getMetaData().containsKey(CORRELATION_ID)
                        && cause.getMetaData().containsKey(CORRELATION_ID)) {
                    attribution.put(CORRELATION_ID, cause.getMetaData().get(CORRELATION_ID));
                }
                return (T) message.andMetaData(MetaData.from(attribution));
            };
        }
    }
}
