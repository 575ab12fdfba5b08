package com.healthmed.query.health;

import org.bson.Document;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Read-model store health by {@code ping}, which real MongoDB and the embedded wire-protocol server both
 * answer (Spring Boot's own Mongo indicator uses {@code hello}, which the embedded server lacks; it is off).
 */
@Component("readModelStore")
class ReadModelStoreHealthIndicator extends AbstractHealthIndicator {

    private final MongoTemplate mongo;

    ReadModelStoreHealthIndicator(MongoTemplate mongo) {
        super("MongoDB is not reachable");
        this.mongo = mongo;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        mongo.executeCommand(new Document("ping", 1));
        builder.up().withDetail("database", mongo.getDb().getName());
    }
}
