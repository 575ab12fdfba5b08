package com.healthmed.query.search;

import com.healthmed.schema.search.DoctorSearchResult;
import com.healthmed.schema.shared.Money;
import com.healthmed.schema.shared.Specialty;
import com.healthmed.schema.shared.Uf;
import org.bson.types.ObjectId;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.List;

/**
 * One doctor as search needs it: the filterable fields flat and indexed ({@code cityKey} is the city folded
 * to lower case without accents; {@code priceAmount} the price as a number), the doctor's windows and active
 * bookings, and the free slot starts derived from them. {@code stamp} is new at every write of the document (null on
 * documents written before it existed and on benchmark data): a reader that knows the stamp of a copy knows, from the
 * stamp alone, whether the copy is still the document (see {@link IndexedDoctorSearch}).
 */
@Document(DoctorListingDocument.COLLECTION)
record DoctorListingDocument(@Id String id,
                             String name,
                             String crm,
                             List<Specialty> specialties,
                             String city,
                             String cityKey,
                             Uf state,
                             Double lat,
                             Double lng,
                             Money price,
                             double priceAmount,
                             Double ratingAverage,
                             int ratingCount,
                             boolean verified,
                             long doctorVersion,
                             List<Window> windows,
                             List<Booked> bookings,
                             List<Instant> freeSlots,
                             String stamp) {

    static final String COLLECTION = "doctor_search";

    /** A fresh stamp: an ObjectId (time, process, counter) never repeats, unlike a counter that a replay restarts. */
    static String newStamp() {
        return new ObjectId().toHexString();
    }

    record Window(String id, Instant start, Instant end, int slotMinutes, int bufferMinutes) {
    }

    record Booked(String appointmentId, Instant start, Instant end) {
    }

    DoctorSearchResult toResult(Double distanceKm, Instant nextFreeSlot) {
        return new DoctorSearchResult(id, name, crm, specialties, city, state, price, ratingAverage, ratingCount,
                distanceKm, nextFreeSlot);
    }
}
