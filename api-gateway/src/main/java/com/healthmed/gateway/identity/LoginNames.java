package com.healthmed.gateway.identity;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Turns what a person types as a login name into the account's username: a CPF with or without
 * punctuation becomes its 11 digits, a CRM like {@code 123456/sp} or {@code CRM-SP 123456} becomes
 * {@code 123456-SP}; an e-mail is passed on as typed.
 */
public final class LoginNames {

    private static final Pattern CPF = Pattern.compile("\\d{3}\\.?\\d{3}\\.?\\d{3}-?\\d{2}");
    private static final Pattern CRM_NUMBER_FIRST = Pattern.compile("(?i)(?:CRM)?\\s*([\\d.]{1,10})\\s*[-/ ]\\s*([A-Z]{2})");
    private static final Pattern CRM_UF_FIRST = Pattern.compile("(?i)CRM\\s*[-/ ]?\\s*([A-Z]{2})\\s*[-/ ]?\\s*([\\d.]{1,10})");

    private LoginNames() {
    }

    public static String normalise(String typed) {
        String name = typed.strip();
        if (name.contains("@")) {
            return name;
        }
        if (CPF.matcher(name).matches()) {
            return name.replaceAll("\\D", "");
        }
        var numberFirst = CRM_NUMBER_FIRST.matcher(name);
        if (numberFirst.matches()) {
            return crm(numberFirst.group(1), numberFirst.group(2));
        }
        var ufFirst = CRM_UF_FIRST.matcher(name);
        if (ufFirst.matches()) {
            return crm(ufFirst.group(2), ufFirst.group(1));
        }
        return name;
    }

    /** The normalised CRM: digits without punctuation or leading zeros, a hyphen, the UF in capitals. */
    public static String crm(String number, String uf) {
        String digits = number.replaceAll("\\D", "").replaceFirst("^0+(?=\\d)", "");
        return digits + "-" + uf.toUpperCase(Locale.ROOT);
    }
}
