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
 * of work that has not begun to commit (an event processor's batch, whose tracking token is stored in PostgreSQL by
 * that same transaction) is sent unjournaled ({@code j: false}), and the unit of work sends one {@code fsync} in its
 * prepare-commit phase, before its transaction (and with it the token) commits. So a read model is never behind its
 * stored token after a crash, and the batch pays one disk flush. Writes outside a unit of work (uploads, data keys,
 * the registration journal: what the gateway acknowledges itself) keep the store's durable default.
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

    private record Resolver(ObjectProvider<MongoClient> client) implements WriteConcernResolver {

        @Override
        public WriteConcern resolve(MongoAction action) {
            if (!CurrentUnitOfWork.isStarted()) {
                return action.getDefaultWriteConcern();
            }
            UnitOfWork<?> root = CurrentUnitOfWork.get().root();
            if (CurrentUnitOfWork.get().phase() != UnitOfWork.Phase.STARTED || root.phase() != UnitOfWork.Phase.STARTED) {
                return action.getDefaultWriteConcern(); // too late to add a prepare-commit step: write through
            }
            if (root.resources().putIfAbsent(FLUSH_REGISTERED, Boolean.TRUE) == null) {
                root.onPrepareCommit(unitOfWork -> flush());
            }
            return UNJOURNALED;
        }

        private void flush() {
            client.getObject().getDatabase("admin").runCommand(new Document("fsync", 1));
        }
    }
}
