package com.healthmed.gateway.web;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.LocalDate;

import static java.lang.annotation.ElementType.ANNOTATION_TYPE;
import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;

/**
 * A date no earlier than {@code value} (ISO, e.g. {@code 1900-01-01}): dates the product has no use for, down
 * to year -999999999, would otherwise reach an event and then fail in a read model that stores dates as
 * milliseconds. {@code null} is valid.
 */
@Documented
@Constraint(validatedBy = NotBefore.Validator.class)
@Target({METHOD, FIELD, PARAMETER, ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
public @interface NotBefore {

    String value();

    String message() default "must be on or after {value}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<NotBefore, LocalDate> {

        private LocalDate earliest;

        @Override
        public void initialize(NotBefore annotation) {
            earliest = LocalDate.parse(annotation.value());
        }

        @Override
        public boolean isValid(LocalDate value, ConstraintValidatorContext context) {
            return value == null || !value.isBefore(earliest);
        }
    }
}
