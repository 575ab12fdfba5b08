package com.healthmed.query.search;

import com.healthmed.query.search.DoctorSearchIndexFeed.Tokens;
import com.healthmed.schema.appointment.AppointmentRatedEvent;
import com.healthmed.schema.doctor.DoctorVerifiedEvent;
import com.healthmed.schema.scheduling.ScheduleHistoryPrunedEvent;
import com.healthmed.schema.scheduling.SlotBookedEvent;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingToken;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** When the feed may re-read a doctor: only after the projection's segment for that doctor has passed the event. */
class DoctorSearchIndexFeedTest {

    static String doctorOfSegment(int segment) {
        return IntStream.range(0, 100).mapToObj(i -> "doctor-" + i)
                .filter(id -> Segment.computeSegment(segment, 0, 1).matches(id)).findFirst().orElseThrow();
    }

    @Test
    void anEventCountsAsAppliedOnceTheDoctorsSegmentHasPassedIt() {
        var tokens = new Tokens(Map.of(0, new GlobalSequenceTrackingToken(10), 1, new GlobalSequenceTrackingToken(5)));
        var event = new GlobalSequenceTrackingToken(7);
        assertThat(tokens.passed(event, doctorOfSegment(0))).isTrue();
        assertThat(tokens.passed(event, doctorOfSegment(1))).isFalse();
        assertThat(tokens.passed(new GlobalSequenceTrackingToken(5), doctorOfSegment(1))).isTrue();
    }

    @Test
    void anEventInAGapOfTheSegmentIsNotApplied() {
        var tokens = new Tokens(Map.of(0, GapAwareTrackingToken.newInstance(10, List.of(7L))));
        assertThat(tokens.passed(GapAwareTrackingToken.newInstance(7, List.of()), "anyone")).isFalse();
        assertThat(tokens.passed(GapAwareTrackingToken.newInstance(8, List.of(7L)), "anyone")).isTrue();
    }

    @Test
    void theFeedStartsWhereEverySegmentHasBeen() {
        var tokens = new Tokens(Map.of(0, new GlobalSequenceTrackingToken(10), 1, new GlobalSequenceTrackingToken(5)));
        assertThat(tokens.lowerBound()).isEqualTo(new GlobalSequenceTrackingToken(5));
        Map<Integer, TrackingToken> fresh = new HashMap<>(Map.of(0, new GlobalSequenceTrackingToken(10)));
        fresh.put(1, null);
        assertThat(new Tokens(fresh).lowerBound()).as("a segment that saw nothing: from the first event").isNull();
    }

    @Test
    void aResetIsSeen() {
        var before = new Tokens(Map.of(0, new GlobalSequenceTrackingToken(10)));
        assertThat(new Tokens(Map.of(0, new GlobalSequenceTrackingToken(12))).movedBackFrom(before)).isFalse();
        assertThat(new Tokens(Map.of(0, new GlobalSequenceTrackingToken(3))).movedBackFrom(before)).isTrue();
        var replaying = new Tokens(Map.of(0, ReplayToken.createReplayToken(new GlobalSequenceTrackingToken(10))));
        assertThat(replaying.replaying()).isTrue();
        assertThat(before.replaying()).isFalse();
    }

    @Test
    void theFeedFollowsEveryEventTypeTheProjectionHandles() {
        assertThat(DoctorSearchIndexFeed.handledBy(DoctorSearchProjection.class)).hasSize(11).contains(
                DoctorVerifiedEvent.class.getName(), SlotBookedEvent.class.getName(),
                ScheduleHistoryPrunedEvent.class.getName(), AppointmentRatedEvent.class.getName());
    }
}
