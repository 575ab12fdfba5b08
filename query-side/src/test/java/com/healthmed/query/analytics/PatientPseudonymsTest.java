package com.healthmed.query.analytics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PatientPseudonymsTest {

    @Test
    void isTheHmacSha256OfThePatientIdInHex() {
        // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?"
        assertThat(new PatientPseudonyms("Jefe").of("what do ya want for nothing?"))
                .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Test
    void linksAPatientsEventsButDependsOnTheKey() {
        var pseudonyms = new PatientPseudonyms("key-one");
        assertThat(pseudonyms.of("patient-1")).isEqualTo(pseudonyms.of("patient-1"))
                .isNotEqualTo(pseudonyms.of("patient-2"))
                .isNotEqualTo(new PatientPseudonyms("key-two").of("patient-1"))
                .doesNotContain("patient-1");
    }
}
