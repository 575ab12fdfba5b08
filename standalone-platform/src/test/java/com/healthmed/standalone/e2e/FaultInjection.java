package com.healthmed.standalone.e2e;

import com.healthmed.schema.appointment.RequestAppointmentCommand;
import com.healthmed.schema.patient.RegisterPatientCommand;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.data.mongodb.MongoDatabaseFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.convert.MongoConverter;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Test-only faults, switched on per patient: the read store refuses to save a document that mentions a poisoned
 * patient (as a broken store or a buggy projection would), the command bus fails the appointment request of a
 * poisoned patient (as a timed-out or crashed command would), and a registration can die between its two steps.
 * Everyone else is served normally.
 */
final class FaultInjection {

    static final Set<String> POISONED_READ_STORE = ConcurrentHashMap.newKeySet();
    static final Set<String> POISONED_APPOINTMENT_REQUESTS = ConcurrentHashMap.newKeySet();
    /** CPFs whose next registration dies after the account was created, before its command is handled (once). */
    static final Set<String> CRASH_BEFORE_REGISTERING = ConcurrentHashMap.newKeySet();

    private FaultInjection() {
    }

    static void register(GenericApplicationContext beans) {
        beans.registerBean("mongoTemplate", MongoTemplate.class,
                () -> new FaultyMongoTemplate(beans.getBean(MongoDatabaseFactory.class), beans.getBean(MongoConverter.class)));
        beans.registerBean("faultyAppointmentRequests", SmartInitializingSingleton.class,
                () -> () -> beans.getBean(CommandBus.class).registerHandlerInterceptor(failPoisonedRequests()));
    }

    private static MessageHandlerInterceptor<CommandMessage<?>> failPoisonedRequests() {
        return (unitOfWork, chain) -> {
            if (unitOfWork.getMessage().getPayload() instanceof RegisterPatientCommand registration
                    && CRASH_BEFORE_REGISTERING.remove(registration.cpf())) {
                throw new InjectedCrash("registration of " + registration.cpf());
            }
            if (unitOfWork.getMessage().getPayload() instanceof RequestAppointmentCommand request
                    && POISONED_APPOINTMENT_REQUESTS.contains(request.patientId())) {
                throw new IllegalStateException("injected fault: appointment request of " + request.patientId());
            }
            return chain.proceed();
        };
    }

    /**
     * An error, not an exception: nothing after the failing step runs (no compensation), as if the process had died
     * there; what the crash leaves behind is then exactly what a restarted platform would find.
     */
    static final class InjectedCrash extends Error {
        InjectedCrash(String where) {
            super("injected crash: " + where);
        }
    }

    static final class FaultyMongoTemplate extends MongoTemplate {

        FaultyMongoTemplate(MongoDatabaseFactory factory, MongoConverter converter) {
            super(factory, converter);
        }

        @Override
        public <T> T save(T objectToSave) {
            refusePoisoned(objectToSave);
            return super.save(objectToSave);
        }

        @Override
        public <T> T insert(T objectToSave) {
            refusePoisoned(objectToSave);
            return super.insert(objectToSave);
        }

        private static void refusePoisoned(Object document) {
            String described = String.valueOf(document);
            if (POISONED_READ_STORE.stream().anyMatch(described::contains)) {
                throw new DataAccessResourceFailureException("injected fault: read store refuses " + described);
            }
        }
    }
}
