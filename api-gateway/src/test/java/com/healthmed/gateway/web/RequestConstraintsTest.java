package com.healthmed.gateway.web;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class RequestConstraintsTest {

    private static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();

    record Named(@PersonName String name) {
    }

    record Born(@NotBefore("1900-01-01") LocalDate birthDate) {
    }

    @ParameterizedTest
    @ValueSource(strings = {"Maria Silva", "João D'Ávila-Souza", "Dr. José da Conceição", "Zoë Ødegård"})
    void ordinaryNamesAreValid(String name) {
        assertThat(VALIDATOR.validate(new Named(name))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "Maria <b>", "Dr. {João}", "Ana $", "Bia\u0000", "Caio\nNunes", "a/b", "x=y"})
    void namesKeycloakWouldRefuseAreInvalid(String name) {
        assertThat(VALIDATOR.validate(new Named(name))).isNotEmpty();
    }

    @Test
    void aNameOf151CharactersIsInvalid() {
        assertThat(VALIDATOR.validate(new Named("M".repeat(150)))).isEmpty();
        assertThat(VALIDATOR.validate(new Named("M".repeat(151)))).isNotEmpty();
    }

    @Test
    void anAbsentNameIsLeftToNotNull() {
        assertThat(VALIDATOR.validate(new Named(null))).isEmpty();
    }

    @Test
    void datesBeforeTheBoundAreInvalid() {
        assertThat(VALIDATOR.validate(new Born(LocalDate.of(1900, 1, 1)))).isEmpty();
        assertThat(VALIDATOR.validate(new Born(LocalDate.of(1899, 12, 31)))).isNotEmpty();
        assertThat(VALIDATOR.validate(new Born(LocalDate.MIN))).isNotEmpty();
        assertThat(VALIDATOR.validate(new Born(null))).isEmpty();
    }
}
