package com.healthmed.query.notification;

import jakarta.mail.util.StreamProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/**
 * A failing send (SMTP down, profile not projected yet) is parked in the notifications group's dead-letter queue
 * and retried from there (automatically, or by an admin), so no e-mail is lost and one bad event no longer holds
 * back every later e-mail.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(NotificationProperties.class)
class NotificationConfiguration {

    /** Angus Mail's provider (the implementation is a runtime dependency, hence the name). */
    static final String ANGUS_STREAM_PROVIDER = "org.eclipse.angus.mail.util.MailStreamProvider";

    static {
        // Jakarta Mail looks its StreamProvider up on every encoded header and body (StreamProvider.provider()); without
        // this property each lookup runs a ServiceLoader scan of the classpath (~8 % of the CPU of a booking burst)
        String key = StreamProvider.class.getName();
        if (System.getProperty(key) == null) {
            System.setProperty(key, ANGUS_STREAM_PROVIDER);
        }
    }
}
