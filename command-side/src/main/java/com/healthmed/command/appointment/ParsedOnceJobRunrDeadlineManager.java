package com.healthmed.command.appointment;

import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.deadline.DeadlineManagerSpanFactory;
import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.deadline.jobrunr.DeadlineDetails;
import org.axonframework.deadline.jobrunr.JobRunrDeadlineManager;
import org.axonframework.deadline.jobrunr.LabelUtils;
import org.axonframework.messaging.ScopeAwareProvider;
import org.axonframework.messaging.ScopeDescriptor;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.jobrunr.scheduling.JobBuilder;
import org.jobrunr.scheduling.JobScheduler;

import java.time.Instant;
import java.util.UUID;

import static org.axonframework.deadline.GenericDeadlineMessage.asDeadlineMessage;

/**
 * Axon's {@link JobRunrDeadlineManager}, scheduling the same job, but one whose lambda JobRunr parses only once.
 * <p>
 * JobRunr turns a job lambda into the job's stored method call by reading the lambda's class file with ASM, and reuses
 * that result only when every value the lambda captures is passed unchanged to the method. Axon's lambda captures the
 * deadline's {@code UUID} and passes {@code uuid.toString()}, so JobRunr read the class file from the platform's jar
 * on every booking (a few percent of a booking's CPU in the request thread). This one captures the string itself.
 * <p>
 * The stored job calls {@code execute(details, deadlineId)} on this class, which is also a
 * {@code JobRunrDeadlineManager}: jobs that Axon's own manager stored before still find this bean and run unchanged.
 */
public class ParsedOnceJobRunrDeadlineManager extends JobRunrDeadlineManager {

    private final JobScheduler jobScheduler;
    private final Serializer serializer;
    private final DeadlineManagerSpanFactory spanFactory;

    public ParsedOnceJobRunrDeadlineManager(JobScheduler jobScheduler, ScopeAwareProvider scopes, Serializer serializer,
                                            TransactionManager transactions, DeadlineManagerSpanFactory spanFactory) {
        super(builder().jobScheduler(jobScheduler).scopeAwareProvider(scopes).serializer(serializer)
                .transactionManager(transactions).spanFactory(spanFactory));
        this.jobScheduler = jobScheduler;
        this.serializer = serializer;
        this.spanFactory = spanFactory;
    }

    @Override
    public String schedule(Instant triggerDateTime, String deadlineName, Object messageOrPayload,
                           ScopeDescriptor deadlineScope) {
        DeadlineMessage<Object> deadlineMessage = asDeadlineMessage(deadlineName, messageOrPayload, triggerDateTime);
        UUID jobId = UUID.randomUUID();
        String deadlineId = jobId.toString();
        Runnable store = () -> {
            DeadlineMessage<Object> intercepted = processDispatchInterceptors(deadlineMessage);
            String details = serializedDetails(deadlineName, deadlineScope, intercepted);
            jobScheduler.create(JobBuilder.aJob()
                    .withId(jobId)
                    .withName(deadlineName)
                    .withLabels(LabelUtils.getLabel(deadlineName),
                            LabelUtils.getCombinedLabel(serializer, deadlineName, deadlineScope))
                    // captures exactly the method's arguments (and this): JobRunr caches the parsed call
                    .withDetails(() -> execute(details, deadlineId))
                    .scheduleAt(triggerDateTime));
        };
        runOnPrepareCommitOrNow(spanFactory.createScheduleSpan(deadlineName, deadlineId, deadlineMessage)
                .wrapRunnable(store));
        return deadlineId;
    }

    /** The same JSON as Axon's own manager stores (its {@code DeadlineDetails.serialized} is package-private). */
    private String serializedDetails(String deadlineName, ScopeDescriptor scope, DeadlineMessage<?> message) {
        SerializedObject<String> serializedScope = serializer.serialize(scope, String.class);
        SerializedObject<String> payload = serializer.serialize(message.getPayload(), String.class);
        SerializedObject<String> metaData = serializer.serialize(message.getMetaData(), String.class);
        DeadlineDetails details = new DeadlineDetails(deadlineName,
                serializedScope.getData(), serializedScope.getType().getName(),
                payload.getData(), payload.getType().getName(), payload.getType().getRevision(),
                metaData.getData());
        return serializer.serialize(details, String.class).getData();
    }
}
