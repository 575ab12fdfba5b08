package com.healthmed.gateway.record;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class FileNamesTest {

    @ParameterizedTest(name = "{0} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "hemograma.pdf|application/pdf|hemograma.pdf",
            "../../etc/passwd|application/pdf|passwd.pdf",
            "..\\..\\Windows\\win.ini|image/png|win.ini.png",
            "foto.JPEG|image/jpeg|foto.JPEG",
            "|application/pdf|document.pdf",
            "...|image/png|document.png",
            "a\"b<c>d?.pdf|application/pdf|abcd.pdf"
    })
    void namesAreSafe(String original, String type, String expected) {
        assertThat(FileNames.clean(original, type)).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void controlCharactersAreRemoved() {
        assertThat(FileNames.clean("exa\u0000me\u0007\r\n.pdf", "application/pdf")).isEqualTo("exame.pdf");
    }
}
