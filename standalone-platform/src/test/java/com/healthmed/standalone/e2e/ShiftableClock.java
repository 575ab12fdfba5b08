package com.healthmed.standalone.e2e;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/** The real clock, optionally moved forward by a test (always moved back in a finally block). */
public final class ShiftableClock extends Clock {

    private final Clock base;
    private volatile Duration shift = Duration.ZERO;

    ShiftableClock(Clock base) {
        this.base = base;
    }

    public void shift(Duration by) {
        shift = by;
    }

    public void reset() {
        shift = Duration.ZERO;
    }

    @Override
    public ZoneId getZone() {
        return base.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return base.instant().plus(shift);
    }
}
