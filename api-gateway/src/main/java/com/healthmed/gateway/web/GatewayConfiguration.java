package com.healthmed.gateway.web;

import com.healthmed.gateway.identity.IdentityProperties;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({IdentityProperties.class, com.healthmed.gateway.record.RecordsProperties.class})
@OpenAPIDefinition(
        info = @Info(title = "Health&Med API", version = "v1",
                description = "Book online consultations, manage availability and health records. "
                        + "Get a token with POST /api/v1/auth/token and send it as 'Authorization: Bearer ...'."),
        security = @SecurityRequirement(name = "bearer"))
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
class GatewayConfiguration {
}
