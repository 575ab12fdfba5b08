package com.healthmed.schema.integration;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * Integration event on {@link IntegrationTopic#DOCTOR_RATINGS}: a patient rated a consultation. Carries no
 * comment (free text) and no patient identity, only a keyed pseudonym. Schema:
 * {@code schemas/healthmed.doctor-ratings.v1.json}.
 *
 * @param eventId          the Axon event's identifier, also the CloudEvents {@code ce_id}
 * @param specialties      the doctor's specialties (CFM names) when rated
 * @param uf               the doctor's federative unit (two letters)
 * @param averageStars     the doctor's average after this rating, two decimals
 * @param ratingCount      how many ratings that average covers
 * @param patientPseudonym HMAC-SHA256 of the patient id with the platform's pseudonym key, hex
 */
public record DoctorRated(String eventId,
                          String appointmentId,
                          String doctorId,
                          List<String> specialties,
                          String city,
                          String uf,
                          int stars,
                          Instant ratedAt,
                          BigDecimal averageStars,
                          long ratingCount,
                          String patientPseudonym) {
}
