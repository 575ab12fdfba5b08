package com.healthmed.gateway.profile;

import com.healthmed.gateway.web.GeoPointRequest;
import com.healthmed.gateway.web.PersonName;
import com.healthmed.schema.shared.Uf;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** What a patient may change; absent fields stay as they are. */
record PatientProfilePatch(@PersonName String name,
                           @Pattern(regexp = "\\+?[0-9 ()-]{8,20}", message = "must be a phone number, e.g. +5511999990000")
                           String phone,
                           @Size(min = 1, max = 100) @Pattern(regexp = ".*\\S.*", message = "must not be blank") String city,
                           Uf state,
                           @Valid GeoPointRequest location) {
}
