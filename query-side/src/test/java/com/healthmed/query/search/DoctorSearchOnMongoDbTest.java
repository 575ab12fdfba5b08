package com.healthmed.query.search;

import com.healthmed.schema.doctor.DoctorRegisteredEvent;
import com.healthmed.schema.doctor.DoctorVerifiedEvent;
import com.healthmed.schema.search.DoctorSearchResult;
import com.healthmed.schema.search.SearchDoctorsQuery;
import com.healthmed.schema.shared.Address;
import com.healthmed.schema.shared.GeoPoint;
import com.healthmed.schema.shared.Money;
import com.healthmed.schema.shared.Specialty;
import com.healthmed.schema.shared.Uf;
import com.mongodb.client.MongoClients;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.mongodb.MongoDBContainer;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On a real MongoDB (where Docker exists; skipped elsewhere): the searches give the same answers as on the
 * embedded server, and their database part is served by an index, not a collection scan.
 */
@Testcontainers(disabledWithoutDocker = true)
class DoctorSearchOnMongoDbTest {

    @Container
    static final MongoDBContainer MONGO = new MongoDBContainer("mongo:7.0");

    static MongoTemplate mongo;
    static DoctorSearch search;

    @BeforeAll
    static void load() {
        mongo = new MongoTemplate(MongoClients.create(MONGO.getConnectionString()), "search");
        var clock = new StaticListableBeanFactory(Map.of("clock", Clock.systemUTC())).getBeanProvider(Clock.class);
        search = new DoctorSearch(mongo, clock, Duration.ofHours(2));
        var projection = new DoctorSearchProjection(mongo, search);
        for (int i = 0; i < 200; i++) {
            Specialty specialty = i % 2 == 0 ? Specialty.CARDIOLOGIA : Specialty.PEDIATRIA;
            String city = i % 3 == 0 ? "São Paulo" : "Campinas";
            var at = new GeoPoint(-23.0 - i * 0.01, -46.5 - i * 0.01);
            projection.on(new DoctorRegisteredEvent("d" + i, "Dr " + i, i + "-SP", "d" + i + "@example.com",
                    List.of(specialty), Money.brl(Integer.toString(100 + i)), new Address("Rua", city, Uf.SP), at,
                    "America/Sao_Paulo"), 0);
            projection.on(new DoctorVerifiedEvent("d" + i, "admin", Money.brl("100")), 1);
        }
    }

    static SearchDoctorsQuery bySpecialtyAndCity() {
        return new SearchDoctorsQuery(Specialty.CARDIOLOGIA, "sao paulo", Uf.SP, null, null, null, null, null, null,
                null, null, 0, 20);
    }

    static SearchDoctorsQuery byDistance() {
        return new SearchDoctorsQuery(null, null, null, -23.5, -47.0, 30.0, null, null, null, null, null, 0, 20);
    }

    @Test
    void answersLikeTheEmbeddedServer() {
        assertThat(search.search(bySpecialtyAndCity()).items()).allSatisfy(d -> {
            assertThat(d.specialties()).contains(Specialty.CARDIOLOGIA);
            assertThat(d.city()).isEqualTo("São Paulo");
        });
        assertThat(search.search(byDistance()).items()).extracting(DoctorSearchResult::distanceKm)
                .isNotEmpty().allSatisfy(km -> assertThat(km).isLessThanOrEqualTo(30.0)).isSorted();
    }

    @Test
    void theMainQueriesUseAnIndex() {
        for (SearchDoctorsQuery query : List.of(bySpecialtyAndCity(), byDistance())) {
            Document filter = new Query(DoctorSearch.filters(query)).getQueryObject();
            Document plan = mongo.getCollection(DoctorListingDocument.COLLECTION).find(filter).explain();
            String winning = plan.get("queryPlanner", Document.class).get("winningPlan", Document.class).toJson();
            assertThat(winning).as(filter.toJson()).contains("IXSCAN").doesNotContain("COLLSCAN");
        }
    }
}
