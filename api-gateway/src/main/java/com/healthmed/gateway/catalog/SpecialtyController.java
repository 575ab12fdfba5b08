package com.healthmed.gateway.catalog;

import com.healthmed.schema.shared.Specialty;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Arrays;
import java.util.List;

@RestController
@Tag(name = "Catalog")
class SpecialtyController {

    @Operation(summary = "The medical specialties a doctor can declare (CFM list), by their exact names")
    @SecurityRequirements
    @GetMapping("/api/v1/specialties")
    List<String> specialties() {
        return Arrays.stream(Specialty.values()).map(Specialty::displayName).toList();
    }
}
