package com.healthmed.processing.upcasting;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PatientProfileUpdatedUpcasterTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void cityAndStateMoveIntoTheResidence() throws Exception {
        var revision1 = json.readTree("""
                {"patientId":"p-1","name":"Maria","phone":"+5511999990000","city":"Santos","state":"SP",
                 "location":{"latitude":-23.9,"longitude":-46.3}}""");

        var revision2 = PatientProfileUpdatedUpcaster.toRevision2(revision1);

        assertThat(json.writeValueAsString(revision2)).isEqualTo("""
                {"patientId":"p-1","name":"Maria","phone":"+5511999990000","residence":{"city":"Santos","state":"SP"},\
                "location":{"latitude":-23.9,"longitude":-46.3}}""");
        assertThat(revision1.has("city")).as("the stored form is not changed").isTrue();
    }
}
