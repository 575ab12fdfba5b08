package com.healthmed.query.notification;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param from   sender address of the platform's e-mails
 * @param appUrl base URL of the client app, for the links in e-mails
 */
@ConfigurationProperties("healthmed.notifications")
record NotificationProperties(@DefaultValue("Health&Med <nao-responda@healthmed.local>") String from,
                              @DefaultValue("http://127.0.0.1:8080/app") String appUrl) {
}
