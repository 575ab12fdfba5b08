package com.healthmed.gateway.doctor;

import com.healthmed.gateway.web.GeoPointRequest;
import com.healthmed.gateway.web.PersonName;
import com.healthmed.schema.shared.Address;
import com.healthmed.schema.shared.Money;
import com.healthmed.schema.shared.Specialty;
import com.healthmed.schema.shared.Uf;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.util.List;

record DoctorRegistrationRequest(
        @NotNull @PersonName String name,
        @NotNull @Valid CrmRequest crm,
        @NotBlank @Email @Size(max = 254) String email,
        @NotNull @Size(min = 8, max = 128) String password,
        @NotEmpty @Size(max = 5) List<@NotNull Specialty> specialties,
        @NotNull @Valid PriceRequest consultationPrice,
        @NotNull @Valid AddressRequest address,
        @NotNull @Valid GeoPointRequest location,
        @ValidTimeZone String timeZone) {

    static final String DEFAULT_TIME_ZONE = "America/Sao_Paulo";

    /** A CRM registration: the number (punctuation allowed, e.g. {@code 123.456}) and the issuing state. */
    record CrmRequest(@NotBlank @Pattern(regexp = "[0-9][0-9.\\s-]{0,11}", message = "must be the CRM digits")
                      @Pattern(regexp = "\\D*(\\d\\D*){1,8}", message = "must have at most 8 digits") String number,
                      @NotNull Uf uf) {
    }

    record PriceRequest(@NotNull @Positive @Digits(integer = 7, fraction = 2) BigDecimal amount,
                        @Pattern(regexp = "BRL", message = "must be BRL") String currency) {

        Money toMoney() {
            return new Money(amount, Money.BRL);
        }
    }

    record AddressRequest(@NotBlank @Size(max = 200) String street,
                          @NotBlank @Size(max = 100) String city,
                          @NotNull Uf state) {

        Address toAddress() {
            return new Address(street.strip(), city.strip(), state);
        }
    }

    String timeZoneOrDefault() {
        return timeZone == null ? DEFAULT_TIME_ZONE : timeZone;
    }

    @Override
    public String toString() {
        return "DoctorRegistrationRequest[crm=" + crm + ", email=" + email + "]";
    }
}
