package com.healthmed.query.search;

import com.mongodb.client.MongoClients;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.mongodb.MongoDBContainer;

/** The index/collection contract on a real MongoDB (where Docker exists; skipped elsewhere). */
@Testcontainers(disabledWithoutDocker = true)
class DoctorSearchContractOnMongoDbTest extends DoctorSearchContract {

    @Container
    static final MongoDBContainer MONGO = new MongoDBContainer("mongo:7.0");

    @Override
    MongoTemplate mongo() {
        return new MongoTemplate(MongoClients.create(MONGO.getConnectionString()), "contract");
    }
}
