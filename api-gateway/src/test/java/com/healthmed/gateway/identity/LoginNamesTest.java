package com.healthmed.gateway.identity;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class LoginNamesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "529.982.247-25, 52998224725",
            "52998224725, 52998224725",
            "' 529.982.247-25 ', 52998224725",
            "123456-SP, 123456-SP",
            "123456/sp, 123456-SP",
            "123.456-SP, 123456-SP",
            "CRM-SP 123456, 123456-SP",
            "CRM/RJ 0012345, 12345-RJ",
            "Maria@Example.com, Maria@Example.com",
            "admin, admin"
    })
    void normalisesWhatPeopleType(String typed, String username) {
        assertThat(LoginNames.normalise(typed)).isEqualTo(username);
    }
}
