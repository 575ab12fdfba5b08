package com.healthmed.schema.integration;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * Integration event on {@link IntegrationTopic#APPOINTMENTS}: an appointment reached a new status. No names,
 * CPF, e-mail or free text (refusal reasons, cancellation justifications); the patient appears only as a keyed
 * pseudonym. Schema: {@code schemas/healthmed.appointments.v1.json}.
 *
 * @param eventId          the Axon event's identifier, also the CloudEvents {@code ce_id}
 * @param status           the status reached
 * @param occurredAt       when the domain event happened
 * @param specialties      the doctor's specialties (CFM names) at that moment
 * @param uf               the doctor's federative unit (two letters)
 * @param start            the consultation's start
 * @param price            the price it was booked at
 * @param currency         ISO 4217 code of {@code price} ({@code BRL})
 * @param patientPseudonym HMAC-SHA256 of the patient id with the platform's pseudonym key, hex
 * @param cancelledBy      {@code PATIENT} or {@code DOCTOR} when {@code status} is {@code CANCELLED}, else null
 */
public record AppointmentStatusChanged(String eventId,
                                       AppointmentStatusChange status,
                                       Instant occurredAt,
                                       String appointmentId,
                                       String doctorId,
                                       List<String> specialties,
                                       String city,
                                       String uf,
                                       Instant start,
                                       BigDecimal price,
                                       String currency,
                                       String patientPseudonym,
                                       String cancelledBy) {
}
