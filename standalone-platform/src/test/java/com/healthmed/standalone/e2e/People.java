package com.healthmed.standalone.e2e;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import static com.healthmed.standalone.e2e.Api.JSON;

/** Unique, valid registration bodies (tests change single fields of them to make bad input). */
public final class People {

    public static final String PASSWORD = "s3cret-pass";
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final String RUN = Long.toString(System.nanoTime() % 100_000, 36);

    private People() {
    }

    /** A CPF with valid check digits, formatted {@code 000.000.000-00}. */
    public static String cpf() {
        int[] digits = new int[11];
        var random = ThreadLocalRandom.current();
        do {
            for (int i = 0; i < 9; i++) {
                digits[i] = random.nextInt(10);
            }
        } while (allSame(digits));
        digits[9] = checkDigit(digits, 9);
        digits[10] = checkDigit(digits, 10);
        var text = new StringBuilder();
        for (int d : digits) {
            text.append(d);
        }
        return text.substring(0, 3) + "." + text.substring(3, 6) + "." + text.substring(6, 9) + "-" + text.substring(9);
    }

    private static boolean allSame(int[] digits) {
        for (int i = 1; i < 9; i++) {
            if (digits[i] != digits[0]) {
                return false;
            }
        }
        return true;
    }

    private static int checkDigit(int[] digits, int length) {
        int sum = 0;
        for (int i = 0; i < length; i++) {
            sum += digits[i] * (length + 1 - i);
        }
        int rest = (sum * 10) % 11;
        return rest == 10 ? 0 : rest;
    }

    public static String email(String who) {
        return who + "-" + RUN + "-" + SEQUENCE.incrementAndGet() + "@example.com";
    }

    public static String crmNumber() {
        return Integer.toString(100_000 + ThreadLocalRandom.current().nextInt(899_999));
    }

    public static ObjectNode patient() {
        var body = JSON.createObjectNode()
                .put("name", "Maria Silva")
                .put("cpf", cpf())
                .put("email", email("maria"))
                .put("password", PASSWORD)
                .put("phone", "+5511999990000")
                .put("birthDate", "1990-04-12")
                .put("city", "São Paulo")
                .put("state", "SP");
        body.putObject("location").put("lat", -23.55).put("lng", -46.63);
        return body;
    }

    public static ObjectNode doctor() {
        var body = JSON.createObjectNode()
                .put("name", "João Souza")
                .put("email", email("joao"))
                .put("password", PASSWORD)
                .put("timeZone", "America/Sao_Paulo");
        body.putObject("crm").put("number", crmNumber()).put("uf", "SP");
        body.putArray("specialties").add("Cardiologia");
        body.putObject("consultationPrice").put("amount", "250.00").put("currency", "BRL");
        body.putObject("address").put("street", "Av. Paulista, 1000").put("city", "São Paulo").put("state", "SP");
        body.putObject("location").put("lat", -23.56).put("lng", -46.65);
        return body;
    }
}
