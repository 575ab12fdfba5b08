package com.healthmed.schema.scheduling;

import com.healthmed.schema.shared.Rejection;

/**
 * What a {@link BookSlotCommand} answers: the booking, or why there is none. A refused booking is an answer,
 * not an error: the schedule stays cached and untouched, which keeps a hot doctor's losers cheap.
 */
public record SlotBookingOutcome(SlotBooking booking, Rejection refusal) {

    public static SlotBookingOutcome booked(SlotBooking booking) {
        return new SlotBookingOutcome(booking, null);
    }

    public static SlotBookingOutcome refused(Rejection refusal) {
        return new SlotBookingOutcome(null, refusal);
    }
}
