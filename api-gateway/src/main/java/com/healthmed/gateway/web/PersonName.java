package com.healthmed.gateway.web;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import static java.lang.annotation.ElementType.ANNOTATION_TYPE;
import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;

/**
 * A person's name, as registration and profile changes accept it: 1–150 characters, not blank, and none of the
 * characters Keycloak's person-name rule refuses ({@code PersonNameProhibitedCharactersValidator}), so a name
 * we accept is never refused later by the identity provider. {@code null} is valid (absent in a PATCH); add
 * {@code @NotNull} where the name is required.
 */
@Documented
@Constraint(validatedBy = {})
@Target({METHOD, FIELD, PARAMETER, ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Size(min = 1, max = 150)
@Pattern(regexp = ".*\\S.*", message = "must not be blank")
@Pattern(regexp = "[^<>&\"\\v$%!#?§;*~/\\\\|^=\\[\\]{}()\\p{Cntrl}]*",
        message = "must not contain < > & \" $ % ! # ? § ; * ~ / \\ | ^ = [ ] { } ( ) or control characters")
public @interface PersonName {

    String message() default "is not a valid name";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
