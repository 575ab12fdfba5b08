package com.healthmed.command.scheduling;

import com.healthmed.schema.scheduling.BookSlotCommand;
import com.healthmed.schema.scheduling.SlotBookingOutcome;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The refusal path of a hot schedule: a booking that this node's last committed copy of the schedule
 * ({@link ScheduleViews}) refuses is answered at once, without the aggregate's lock, its load or a commit; anything
 * else (a booking the copy would accept, a retry, no copy) goes to the aggregate as before.
 *
 * <p>Why a refusal here is correct: it is given only when the copy's state was the latest committed state at some
 * moment after the request arrived, and the very rules of {@link DoctorSchedule#decide} refuse on that state - so
 * the refusal is the one the aggregate would have given at that moment (it linearises there). That moment exists
 * because
 * <ul>
 *   <li>on this node, a copy is present only while no later commit of the schedule has started (it is withdrawn
 *       before every commit and published after it), so reading a present copy after arrival is such a moment;</li>
 *   <li>with several nodes on one event store ({@code healthmed.command.verify-cached-aggregates}), another node may
 *       have committed since: the copy is used only if the store's latest version, read by a query sent after the
 *       request arrived, is still the copy's version.</li>
 * </ul>
 * A cancelled slot is free again from the release's commit on: the release withdraws this node's copy before it
 * commits (or raises the version, on another node), so no refusal is ever based on the state before it. A free
 * slot is never refused for being taken: the copy holds only committed bookings.
 */
final class HotScheduleRefusals implements MessageHandlerInterceptor<CommandMessage<?>> {

    /** Striped turns, so that a burst on one schedule holds up only the few schedules sharing its stripe. */
    private static final int TURN_STRIPES = 1024;
    /** Longer than a turn ever lasts on a healthy node; after it the booking queues on the aggregate instead. */
    private static final long TURN_WAIT_SECONDS = 10;

    private final Semaphore[] turns = new Semaphore[TURN_STRIPES];
    private final ScheduleViews views;
    private final Clock clock;
    private final SchedulingPolicy policy;
    /** Null when every command of a schedule reaches this node (consistent routing): then the copy is current. */
    private final LatestVersionProbe otherNodes;

    HotScheduleRefusals(ScheduleViews views, Clock clock, SchedulingPolicy policy, LatestVersionProbe otherNodes) {
        this.views = views;
        this.clock = clock;
        this.policy = policy;
        this.otherNodes = otherNodes;
        for (int i = 0; i < turns.length; i++) {
            turns[i] = new Semaphore(1);
        }
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        if (!(unitOfWork.getMessage().getPayload() instanceof BookSlotCommand command)) {
            return chain.proceed();
        }
        long arrived = System.nanoTime();
        Optional<SlotBookingOutcome> refusal = refusal(command, arrived);
        if (refusal.isPresent()) {
            return refusal.get();
        }
        // Bookings that get this far wait for the schedule one at a time here, and each asks the copy again once its
        // turn comes: by then the slot it wanted is often taken, and it is refused without loading the schedule.
        // The turn ends when the unit of work ends, after the commit has published the new copy.
        Semaphore turn = turns[Math.floorMod(command.scheduleId().hashCode(), turns.length)];
        if (!turn.tryAcquire(TURN_WAIT_SECONDS, TimeUnit.SECONDS)) {
            return chain.proceed(); // the aggregate's own lock still serialises it
        }
        unitOfWork.onCleanup(u -> turn.release());
        refusal = refusal(command, arrived);
        return refusal.isPresent() ? refusal.get() : chain.proceed();
    }

    private Optional<SlotBookingOutcome> refusal(BookSlotCommand command, long arrived) {
        String scheduleId = command.scheduleId();
        ScheduleViews.View view = views.current(scheduleId);
        if (view == null) {
            return Optional.empty();
        }
        SlotBookingOutcome answer = view.state().decide(command, clock.instant(), policy).answer();
        if (answer == null || answer.refusal() == null) {
            return Optional.empty();
        }
        if (otherNodes != null) {
            try {
                Optional<Long> latest = otherNodes.latestSince(scheduleId, arrived);
                if (latest.isEmpty() || latest.get() != view.version()) {
                    return Optional.empty();
                }
            } catch (RuntimeException storeUnavailable) {
                // the aggregate's own path reports it, or succeeds once the store answers
                return Optional.empty();
            }
        }
        return Optional.of(answer);
    }
}
