package com.healthmed.processing.deadletter;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * @param retryInterval how often parked events are retried by themselves (a mail server that was down, a read
 *                      store that was restarting); admins can also retry at once
 */
@ConfigurationProperties("healthmed.dead-letters")
public record DeadLetterProperties(@DefaultValue("60s") Duration retryInterval) {
}
