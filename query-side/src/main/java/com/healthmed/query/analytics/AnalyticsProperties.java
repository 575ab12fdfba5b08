package com.healthmed.query.analytics;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * @param pseudonymKey the HMAC key that turns patient ids into pseudonyms; no default outside the standalone
 *                     development configuration (a leaked key lets anyone holding patient ids re-identify them)
 * @param source       CloudEvents {@code ce_source} of every integration event
 * @param sendTimeout  how long a send waits for the broker's acknowledgement before the event is parked
 * @param partitions   partitions per topic when the publisher creates them
 */
@ConfigurationProperties("healthmed.analytics")
record AnalyticsProperties(String pseudonymKey,
                           @DefaultValue("/healthmed") String source,
                           @DefaultValue("10s") Duration sendTimeout,
                           @DefaultValue("3") int partitions) {

    AnalyticsProperties {
        if (pseudonymKey == null || pseudonymKey.isBlank()) {
            throw new IllegalArgumentException("healthmed.analytics.pseudonym-key must be set "
                    + "(HEALTHMED_ANALYTICS_PSEUDONYM_KEY): the key of the patients' pseudonyms in integration events");
        }
    }
}
