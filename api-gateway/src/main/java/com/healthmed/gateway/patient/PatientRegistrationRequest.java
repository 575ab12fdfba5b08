package com.healthmed.gateway.patient;

import com.healthmed.gateway.web.GeoPointRequest;
import com.healthmed.gateway.web.NotBefore;
import com.healthmed.gateway.web.PersonName;
import com.healthmed.schema.shared.Uf;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Past;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.hibernate.validator.constraints.br.CPF;

import java.time.LocalDate;

record PatientRegistrationRequest(
        @NotNull @PersonName String name,
        @NotBlank @CPF String cpf,
        @NotBlank @Email @Size(max = 254) String email,
        @NotNull @Size(min = 8, max = 128) String password,
        @NotBlank @Pattern(regexp = "\\+?[0-9 ()-]{8,20}", message = "must be a phone number, e.g. +5511999990000")
        String phone,
        @NotNull @Past @NotBefore(EARLIEST_BIRTH_DATE) LocalDate birthDate,
        @NotBlank @Size(max = 100) String city,
        @NotNull Uf state,
        @Valid GeoPointRequest location) {

    static final String EARLIEST_BIRTH_DATE = "1900-01-01";

    /** CPF digits only, as stored and used as username. */
    String cpfDigits() {
        return cpf.replaceAll("\\D", "");
    }

    /** The phone without spaces, parentheses or hyphens. */
    String normalisedPhone() {
        return phone.replaceAll("[\\s()-]", "");
    }

    @Override
    public String toString() {
        return "PatientRegistrationRequest[email=" + email + "]";
    }
}
