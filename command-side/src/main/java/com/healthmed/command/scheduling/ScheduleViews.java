package com.healthmed.command.scheduling;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.stereotype.Component;

/**
 * This node's last committed copy of each recently used schedule, for the refusal path that takes no lock
 * ({@link HotScheduleRefusals}). A copy is present only between the commit that made it (published after the
 * commit) and the next commit this node makes on the schedule (withdrawn before it), so on this node a present copy
 * is never older than the store; what other nodes committed is checked by version. Bounded: only hot schedules
 * matter, an evicted one is simply absent (the aggregate decides).
 */
@Component
class ScheduleViews {

    private static final int MAX_SCHEDULES = 10_000;

    /** A schedule's state as of its {@code version} (the sequence number of its last event). */
    record View(DoctorSchedule state, long version) {
    }

    private final Cache<String, View> views = Caffeine.newBuilder().maximumSize(MAX_SCHEDULES).build();

    View current(String scheduleId) {
        return views.getIfPresent(scheduleId);
    }

    void publish(String scheduleId, DoctorSchedule state, long version) {
        views.put(scheduleId, new View(state, version));
    }

    void withdraw(String scheduleId) {
        views.invalidate(scheduleId);
    }
}
