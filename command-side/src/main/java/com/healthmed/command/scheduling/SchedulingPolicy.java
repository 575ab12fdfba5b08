package com.healthmed.command.scheduling;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The booking rules that are settings, not code.
 *
 * @param minimumNotice      how far ahead of its start a slot can still be booked
 * @param bookingHorizon     how far into the future windows can be published and slots booked
 * @param maxWindowLength    the longest single availability window
 * @param answerDeadline     how long a doctor has to answer a request (it expires at the start at the latest)
 * @param ratingPeriod       how long after its slot's end a completed consultation can be rated
 * @param maxUpcomingBookingsPerPatient how many bookings (requested or confirmed, not yet ended) one patient may
 *                           hold with one doctor, so nobody hoards a doctor's day
 */
@ConfigurationProperties("healthmed.scheduling")
public record SchedulingPolicy(@DefaultValue("2h") Duration minimumNotice,
                               @DefaultValue("90d") Duration bookingHorizon,
                               @DefaultValue("24h") Duration maxWindowLength,
                               @DefaultValue("48h") Duration answerDeadline,
                               @DefaultValue("30d") Duration ratingPeriod,
                               @DefaultValue("5") int maxUpcomingBookingsPerPatient) {

    public static SchedulingPolicy defaults() {
        return new SchedulingPolicy(Duration.ofHours(2), Duration.ofDays(90), Duration.ofHours(24),
                Duration.ofHours(48), Duration.ofDays(30), 5);
    }
}
