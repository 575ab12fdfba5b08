package com.healthmed.query.notification;

import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(NotificationProperties.class)
class NotificationConfiguration {

    /**
     * A failing send (SMTP down, profile not projected yet) is rethrown to the tracking processor, which
     * retries the event with growing back-off instead of skipping it, so no e-mail is silently lost.
     */
    @Autowired
    void retryFailedSends(EventProcessingConfigurer processing) {
        processing.registerListenerInvocationErrorHandler(AppointmentNotifications.GROUP,
                configuration -> PropagatingErrorHandler.instance());
    }
}
