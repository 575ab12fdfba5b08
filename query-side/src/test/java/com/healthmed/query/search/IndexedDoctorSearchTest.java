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

    /**
     * The index answers by stamp: a write after the index read the document is seen. A booking changes only free
     * slots, so the newer copy takes the entry's place and shows the slot the collection offers now.
     */
    @org.junit.jupiter.api.Test
    void aBookingTheIndexHasNotSeenYetIsShownAsTheCollectionHoldsIt() {
        var everyone = all();
        var before = indexBuiltThenFirstSlotBooked(everyone);
        assertThat(before.items()).filteredOn(d -> d.id().equals("sp")).extracting(DoctorSearchResult::nextFreeSlot)
                .containsExactly(TOMORROW);

        var after = indexed.search(everyone);
        assertThat(indexed.rereadAnswers()).as("the stamp changed: the entry was read again").isEqualTo(1);
        assertThat(indexed.staleAnswers()).as("it ranks as before: the collection did not answer").isZero();
        assertThat(after).isEqualTo(search.search(everyone));
        assertThat(after.items()).filteredOn(d -> d.id().equals("sp")).extracting(DoctorSearchResult::nextFreeSlot)
                .containsExactly(TOMORROW.plusSeconds(3600));

        index.update(List.of("sp"), id -> mongo.findById(id, DoctorListingDocument.class));
        assertThat(indexed.search(everyone)).isEqualTo(after);
        assertThat(indexed.rereadAnswers()).as("the index has caught up: nothing read again").isEqualTo(1);
    }

    /** The feed stages changes and refreshes a moment later: until then the index ranks on the old entry. */
    @org.junit.jupiter.api.Test
    void aStagedChangeIsSearchedOnlyAfterTheRefresh() {
        var everyone = all();
        indexBuiltThenFirstSlotBooked(everyone);

        index.stage(List.of("sp"), id -> mongo.findById(id, DoctorListingDocument.class));
        var staged = indexed.search(everyone);
        assertThat(indexed.rereadAnswers()).as("not refreshed: the old entry was ranked and read again").isEqualTo(1);
        assertThat(staged).isEqualTo(search.search(everyone));

        index.refresh();
        assertThat(indexed.search(everyone)).isEqualTo(staged);
        assertThat(indexed.rereadAnswers()).as("refreshed: the entry is current").isEqualTo(1);
        assertThat(indexed.staleAnswers()).isZero();
    }

    /** A rating the index has not seen moves the doctor in a rating order: the collection answers, not the entry. */
    @org.junit.jupiter.api.Test
    void aRatingTheIndexHasNotSeenYetIsRankedByTheCollection() {
        var byRating = new SearchDoctorsQuery(null, null, null, null, null, null, null, null, null, null,
                com.healthmed.schema.search.DoctorSort.RATING, 0, 2);
        paulistaCardiologists();
        assertThat(ids(find(byRating))).containsExactly("campinas", "rio");

        projection.on(new com.healthmed.schema.appointment.AppointmentRatedEvent("apt-r", "campinas", "p-1", 1, null));
        projection.on(new com.healthmed.schema.appointment.AppointmentRatedEvent("apt-s", "santos", "p-1", 5, null));
        var after = indexed.search(byRating);

        assertThat(indexed.staleAnswers()).as("campinas is on the page with another rating").isEqualTo(1);
        assertThat(after).isEqualTo(search.search(byRating));
        assertThat(ids(after)).containsExactly("santos", "campinas");
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
