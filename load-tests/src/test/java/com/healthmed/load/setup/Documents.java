package com.healthmed.load.setup;

import java.util.concurrent.ThreadLocalRandom;

/** Random Brazilian identity numbers the registration accepts. */
final class Documents {

    private Documents() {
    }

    /** A CPF with valid check digits (the registration verifies them). */
    static String cpf() {
        var random = ThreadLocalRandom.current();
        int[] digits = new int[11];
        for (int i = 0; i < 9; i++) {
            digits[i] = random.nextInt(10);
        }
        digits[0] = 1 + random.nextInt(9);
        digits[1] = (digits[0] + 1) % 10; // never nine equal digits, which the check-digit rule refuses
        digits[9] = checkDigit(digits, 9);
        digits[10] = checkDigit(digits, 10);
        var text = new StringBuilder();
        for (int d : digits) {
            text.append(d);
        }
        return text.toString();
    }

    private static int checkDigit(int[] digits, int length) {
        int sum = 0;
        for (int i = 0; i < length; i++) {
            sum += digits[i] * (length + 1 - i);
        }
        int rest = (sum * 10) % 11;
        return rest == 10 ? 0 : rest;
    }

    static String crmNumber() {
        return Integer.toString(100_000 + ThreadLocalRandom.current().nextInt(899_999));
    }
}
