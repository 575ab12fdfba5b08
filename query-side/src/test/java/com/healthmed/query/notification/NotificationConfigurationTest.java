package com.healthmed.query.notification;

import jakarta.mail.util.StreamProvider;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NotificationConfigurationTest {

    @Test
    void jakartaMailFindsItsStreamProviderByNameNotByScanningTheClasspath() {
        new NotificationConfiguration();

        assertThat(System.getProperty(StreamProvider.class.getName()))
                .isEqualTo(NotificationConfiguration.ANGUS_STREAM_PROVIDER);
        assertThat(StreamProvider.provider().getClass().getName()).isEqualTo(NotificationConfiguration.ANGUS_STREAM_PROVIDER);
    }
}
