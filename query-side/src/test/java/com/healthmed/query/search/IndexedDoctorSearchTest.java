package com.healthmed.query.search;

import com.healthmed.schema.search.DoctorSearchPageResponse;
import com.healthmed.schema.search.SearchDoctorsQuery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Every behaviour of {@link DoctorSearchTest} again, answered by the index: before each search the index is built
 * from the collection as it is at that moment (as the feed would have left it), then the indexed search answers.
 */
class IndexedDoctorSearchTest extends DoctorSearchTest {

    DoctorSearchIndex index;
    IndexedDoctorSearch indexed;

    @BeforeEach
    void buildIndex() {
        index = new DoctorSearchIndex();
        index.ready(true);
        indexed = new IndexedDoctorSearch(search, index, mongo);
    }

    @AfterEach
    void closeIndex() throws Exception {
        index.close();
    }

    @Override
    DoctorSearchPageResponse find(SearchDoctorsQuery query) {
        try (var documents = mongo.stream(new org.springframework.data.mongodb.core.query.Query(), DoctorListingDocument.class)) {
            index.replaceAll(documents);
        }
        var answer = indexed.search(query);
        org.assertj.core.api.Assertions.assertThat(indexed.staleAnswers()).as("answered by the index").isZero();
        return answer;
    }
}
