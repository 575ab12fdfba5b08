package com.healthmed.standalone;

import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.bson.Document;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoAction;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.WriteConcernResolver;

/**
 * One flush of the embedded read store per unit of work instead of one per write. A write made inside an Axon unit
 * of work that has not yet committed (an event processor's batch, whose tracking token is stored in PostgreSQL by
 * that same transaction) is sent unjournaled ({@code j: false}), and the unit of work sends one {@code fsync} in its
 * prepare-commit phase, after the batch's writes and before its transaction (and with it the token) commits. Writes
 * a projection defers to that phase (the search listing writes each doctor once per batch) are followed by an
 * {@code fsync} in the same phase. So a read model is never behind its stored token after a crash, and the batch pays
 * one disk flush. Writes outside a unit of work (uploads, data keys, the registration journal: what the gateway
 * acknowledges itself) keep the store's durable default.
 * <p>
 * A booking's 201 waits for its appointment to be readable, not durable: if the JVM dies before the batch's flush,
 * the event is already committed in the event store and the projection's token is still before it, so the projection
 * handles it again after the restart and rebuilds the document.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "healthmed.standalone.read-store.flush-per-batch", havingValue = "true")
class ReadStoreBatchFlush {

    private static final WriteConcern UNJOURNALED = WriteConcern.W1.withJournal(false);
    private static final String FLUSH_REGISTERED = ReadStoreBatchFlush.class.getName();

    @Bean
    static BeanPostProcessor unjournaledWritesInUnitsOfWork(ObjectProvider<MongoClient> client) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (bean instanceof MongoTemplate template) {
                    template.setWriteConcernResolver(new Resolver(client));
                }
                return bean;
            }
        };
    }

    record Resolver(ObjectProvider<MongoClient> client) implements WriteConcernResolver {

        @Override
        public WriteConcern resolve(MongoAction action) {
            if (!CurrentUnitOfWork.isStarted()) {
                return action.getDefaultWriteConcern();
            }
            UnitOfWork<?> root = CurrentUnitOfWork.get().root();
            if (!beforeCommit(CurrentUnitOfWork.get()) || !beforeCommit(root)) {
                return action.getDefaultWriteConcern(); // too late to add a prepare-commit step: write through
            }
            // a prepare-commit step added while that phase runs still runs in it, after the step now writing (a
            // batch's deferred writes); one that already flushed has removed its mark, so a later write adds another
            if (root.resources().putIfAbsent(FLUSH_REGISTERED, Boolean.TRUE) == null) {
                root.onPrepareCommit(unitOfWork -> {
                    root.resources().remove(FLUSH_REGISTERED);
                    flush();
                });
            }
            return UNJOURNALED;
        }

        private static boolean beforeCommit(UnitOfWork<?> unitOfWork) {
            UnitOfWork.Phase phase = unitOfWork.phase();
            return phase == UnitOfWork.Phase.STARTED || phase == UnitOfWork.Phase.PREPARE_COMMIT;
        }

        private void flush() {
            client.getObject().getDatabase("admin").runCommand(new Document("fsync", 1));
        }
    }
}
