package com.healthmed.load.baseline;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The baseline's whole data model: one row per booking. The exclusion constraint (btree_gist for the doctor's
 * equality inside a GiST index, ships with PostgreSQL's contrib and the embedded binaries) is what makes a booking
 * safe under contention without any application-level lock. The table is emptied when the server starts.
 */
@Component
class BookingTable implements ApplicationRunner {

    private final JdbcTemplate jdbc;

    BookingTable(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void run(ApplicationArguments args) {
        jdbc.execute("create extension if not exists btree_gist");
        jdbc.execute("""
                create table if not exists booking (
                    id uuid primary key,
                    doctor_id text not null,
                    patient_id text not null,
                    slot tstzrange not null,
                    exclude using gist (doctor_id with =, slot with &&)
                )""");
        // every run books the same slots from scratch (as the platform's side does on its fresh window), so the
        // rows of an earlier run would turn this run's bookings into 409s and its figures into nonsense
        jdbc.execute("truncate booking");
    }
}
