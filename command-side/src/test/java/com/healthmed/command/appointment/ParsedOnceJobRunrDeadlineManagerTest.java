package com.healthmed.command.appointment;

import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.DeadlineManagerSpanFactory;
import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.deadline.DefaultDeadlineManagerSpanFactory;
import org.axonframework.deadline.jobrunr.JobRunrDeadlineManager;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.ScopeAware;
import org.axonframework.messaging.ScopeAwareProvider;
import org.axonframework.messaging.ScopeDescriptor;
import org.axonframework.modelling.command.AggregateScopeDescriptor;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.tracing.NoOpSpanFactory;
import org.jobrunr.jobs.JobDetails;
import org.jobrunr.jobs.JobParameter;
import org.jobrunr.jobs.details.CachingJobDetailsGenerator;
import org.jobrunr.jobs.details.JobDetailsAsmGenerator;
import org.jobrunr.jobs.lambdas.JobLambda;
import org.jobrunr.jobs.mappers.JobMapper;
import org.jobrunr.scheduling.JobScheduler;
import org.jobrunr.server.BackgroundJobServer;
import org.jobrunr.server.JobActivator;
import org.jobrunr.storage.InMemoryStorageProvider;
import org.jobrunr.utils.mapper.JsonMapper;
import org.jobrunr.utils.mapper.JsonMapperFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static java.util.stream.Collectors.toMap;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.jobrunr.server.BackgroundJobServerConfiguration.usingStandardBackgroundJobServerConfiguration;

/**
 * The deadline manager on a real JobRunr (in-memory storage, a real background server): what it stores, how often
 * JobRunr parses its lambda, and that the stored jobs deliver each deadline to its own scope.
 */
class ParsedOnceJobRunrDeadlineManagerTest {

    private static final Serializer SERIALIZER = JacksonSerializer.defaultSerializer();
    private static final DeadlineManagerSpanFactory NO_SPANS =
            DefaultDeadlineManagerSpanFactory.builder().spanFactory(NoOpSpanFactory.INSTANCE).build();

    private final InMemoryStorageProvider storage = new InMemoryStorageProvider();
    private final JsonMapper json = JsonMapperFactory.createJsonMapper();
    private final AtomicInteger lambdaParses = new AtomicInteger();
    /** Scope id to the payload of the deadline it received. */
    private final Map<String, Object> delivered = new ConcurrentHashMap<>();
    private JobScheduler jobScheduler;

    @BeforeEach
    void jobRunrWithACountedLambdaParser() {
        storage.setJobMapper(new JobMapper(json));
        JobDetailsAsmGenerator parser = new JobDetailsAsmGenerator() {
            @Override
            public JobDetails toJobDetails(JobLambda lambda) {
                lambdaParses.incrementAndGet();
                return super.toJobDetails(lambda);
            }
        };
        jobScheduler = new JobScheduler(storage, new CachingJobDetailsGenerator(parser), List.of());
    }

    @Test
    void jobRunrParsesTheJobLambdaOnceForAllDeadlines() {
        scheduleFiveAnswerDeadlines(parsedOnce());

        assertThat(lambdaParses).hasValue(1);
    }

    @Test
    void axonsOwnManagerMadeJobRunrParseItsLambdaForEveryDeadline() {
        scheduleFiveAnswerDeadlines(axonsOwn());

        assertThat(lambdaParses).hasValue(5);
    }

    @Test
    void eachStoredJobCarriesItsOwnDeadlineAndIsDeliveredToItsOwnScope() {
        ParsedOnceJobRunrDeadlineManager deadlines = parsedOnce();
        Map<String, String> idByAppointment = Stream.of("a-1", "a-2", "a-3").collect(toMap(id -> id, id ->
                deadlines.schedule(Instant.now(), Appointment.ANSWER_DEADLINE, "payload-" + id, appointment(id))));

        for (String deadlineId : idByAppointment.values()) {
            JobDetails stored = storage.getJobById(UUID.fromString(deadlineId)).getJobDetails();
            assertThat(stored.getClassName()).isEqualTo(ParsedOnceJobRunrDeadlineManager.class.getName());
            assertThat(stored.getMethodName()).isEqualTo("execute");
            assertThat(stored.getJobParameters()).extracting(JobParameter::getObject).element(1).isEqualTo(deadlineId);
        }
        runJobsOn(deadlines, () -> assertThat(delivered).containsExactlyInAnyOrderEntriesOf(
                Map.of("a-1", "payload-a-1", "a-2", "payload-a-2", "a-3", "payload-a-3")));
    }

    @Test
    void aJobStoredByAxonsOwnManagerStillRunsOnThisOne() {
        String deadlineId = axonsOwn().schedule(Instant.now(), Appointment.ANSWER_DEADLINE, "stored-before",
                appointment("a-9"));
        assertThat(storage.getJobById(UUID.fromString(deadlineId)).getJobDetails().getClassName())
                .isEqualTo(JobRunrDeadlineManager.class.getName());

        runJobsOn(parsedOnce(), () -> assertThat(delivered).containsExactlyEntriesOf(Map.of("a-9", "stored-before")));
    }

    private static void scheduleFiveAnswerDeadlines(DeadlineManager deadlines) {
        for (int i = 0; i < 5; i++) {
            deadlines.schedule(Instant.now().plusSeconds(3600), Appointment.ANSWER_DEADLINE, "payload-" + i,
                    appointment("a-" + i));
        }
    }

    private ParsedOnceJobRunrDeadlineManager parsedOnce() {
        return new ParsedOnceJobRunrDeadlineManager(jobScheduler, recordingScopes(), SERIALIZER,
                NoTransactionManager.INSTANCE, NO_SPANS);
    }

    private JobRunrDeadlineManager axonsOwn() {
        return JobRunrDeadlineManager.builder().jobScheduler(jobScheduler).scopeAwareProvider(recordingScopes())
                .serializer(SERIALIZER).spanFactory(NO_SPANS).build();
    }

    /** As in the platform, where every deadline goes to one appointment aggregate's scope. */
    private static AggregateScopeDescriptor appointment(String appointmentId) {
        return new AggregateScopeDescriptor(Appointment.class.getSimpleName(), appointmentId);
    }

    private ScopeAwareProvider recordingScopes() {
        ScopeAware recorder = new ScopeAware() {
            @Override
            public void send(Message<?> message, ScopeDescriptor scope) {
                delivered.put(((AggregateScopeDescriptor) scope).getIdentifier().toString(),
                        ((DeadlineMessage<?>) message).getPayload());
            }

            @Override
            public boolean canResolve(ScopeDescriptor scope) {
                return scope instanceof AggregateScopeDescriptor;
            }
        };
        return scope -> Stream.of(recorder);
    }

    /** JobRunr's own server runs the stored jobs, finding the job's class the way JobRunr's Spring activator does. */
    private void runJobsOn(JobRunrDeadlineManager bean, Runnable expectation) {
        JobActivator activator = new JobActivator() {
            @Override
            public <T> T activateJob(Class<T> type) {
                return type.isInstance(bean) ? type.cast(bean) : null;
            }
        };
        BackgroundJobServer server = new BackgroundJobServer(storage, json, activator,
                usingStandardBackgroundJobServerConfiguration().andPollInterval(Duration.ofSeconds(5)));
        server.start();
        try {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(expectation::run);
        } finally {
            server.stop();
        }
    }
}
