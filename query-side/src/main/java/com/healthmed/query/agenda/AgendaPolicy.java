package com.healthmed.query.agenda;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/** The agenda offers only slots that can still be booked: the same setting the command side enforces. */
@ConfigurationProperties("healthmed.scheduling")
record AgendaPolicy(@DefaultValue("2h") Duration minimumNotice) {
}
