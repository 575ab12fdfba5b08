package com.healthmed.query.search;

import com.healthmed.schema.search.DoctorSearchPageResponse;
import com.healthmed.schema.search.DoctorSearchResult;
import com.healthmed.schema.search.SearchDoctorsQuery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every behaviour of {@link DoctorSearchTest} again, answered by the index: before each search the index is built
 * from the collection as it is at that moment (as the feed would have left it), then the indexed search answers.
 */
class IndexedDoctorSearchTest extends DoctorSearchTest {

    private static final java.time.Instant TOMORROW = NOW.plus(java.time.Duration.ofDays(1));

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

    /** The index answers by stamp: a write after the index read the document is seen, and the collection answers. */
    @org.junit.jupiter.api.Test
    void aBookingTheIndexHasNotSeenYetIsNotShown() {
        var everyone = all();
        var before = indexBuiltThenFirstSlotBooked(everyone);
        assertThat(before.items()).filteredOn(d -> d.id().equals("sp")).extracting(DoctorSearchResult::nextFreeSlot)
                .containsExactly(TOMORROW);

        var after = indexed.search(everyone);
        assertThat(indexed.staleAnswers()).as("the stamp changed: the collection answered").isEqualTo(1);
        assertThat(after).isEqualTo(search.search(everyone));
        assertThat(after.items()).filteredOn(d -> d.id().equals("sp")).extracting(DoctorSearchResult::nextFreeSlot)
                .containsExactly(TOMORROW.plusSeconds(3600));

        index.update(List.of("sp"), id -> mongo.findById(id, DoctorListingDocument.class));
        assertThat(indexed.search(everyone)).isEqualTo(after);
        assertThat(indexed.staleAnswers()).as("answered by the index again").isEqualTo(1);
    }

    /** The feed stages changes and refreshes a moment later: until then the index ranks on the old entry. */
    @org.junit.jupiter.api.Test
    void aStagedChangeIsSearchedOnlyAfterTheRefresh() {
        var everyone = all();
        indexBuiltThenFirstSlotBooked(everyone);

        index.stage(List.of("sp"), id -> mongo.findById(id, DoctorListingDocument.class));
        var staged = indexed.search(everyone);
        assertThat(indexed.staleAnswers()).as("not refreshed: the old entry was ranked, the collection answered")
                .isEqualTo(1);
        assertThat(staged).isEqualTo(search.search(everyone));

        index.refresh();
        assertThat(indexed.search(everyone)).isEqualTo(staged);
        assertThat(indexed.staleAnswers()).as("refreshed: answered by the index").isEqualTo(1);
    }

    /**
     * The Paulista cardiologists, "sp" with a two-hour window tomorrow; the index is built (the answer to
     * {@code query} then is returned), and afterwards "sp"'s first slot is booked in the collection only.
     */
    private DoctorSearchPageResponse indexBuiltThenFirstSlotBooked(SearchDoctorsQuery query) {
        paulistaCardiologists();
        projection.on(new com.healthmed.schema.scheduling.AvailabilityPublishedEvent("sp", "w1", TOMORROW,
                TOMORROW.plusSeconds(7200), 50, 10));
        var before = find(query);
        projection.on(new com.healthmed.schema.scheduling.SlotBookedEvent("sp", "apt-1", "p-1", "w1", TOMORROW,
                TOMORROW.plusSeconds(3000), com.healthmed.schema.shared.Money.brl("300.00")));
        return before;
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
