package com.healthmed.gateway.profile;

import com.healthmed.gateway.doctor.ValidTimeZone;
import com.healthmed.gateway.web.GeoPointRequest;
import com.healthmed.gateway.web.PersonName;
import com.healthmed.schema.shared.Specialty;
import com.healthmed.schema.shared.Uf;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.util.List;

/** What a doctor may change; absent fields stay as they are. The CRM and e-mail are not editable here. */
record DoctorProfilePatch(@PersonName String name,
                          @Size(min = 1, max = 5) List<@NotNull Specialty> specialties,
                          @Valid Price consultationPrice,
                          @Valid PracticeAddress address,
                          @Valid GeoPointRequest location,
                          @ValidTimeZone String timeZone) {

    record Price(@NotNull @Positive @Digits(integer = 7, fraction = 2) BigDecimal amount,
                 @Pattern(regexp = "BRL", message = "must be BRL") String currency) {
    }

    record PracticeAddress(@NotBlank @Size(max = 200) String street,
                           @NotBlank @Size(max = 100) String city,
                           @NotNull Uf state) {
    }
}
