package com.healthmed.query.notification;

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
}
