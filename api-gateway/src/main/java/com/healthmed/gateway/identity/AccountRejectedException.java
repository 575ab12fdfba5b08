package com.healthmed.gateway.identity;

/**
 * The identity provider refused the account's data, e.g. a password that breaks the realm's password policy or
 * a name with characters it does not allow; {@code field} is the request field the refusal is about.
 */
public class AccountRejectedException extends RuntimeException {

    private final String field;

    public AccountRejectedException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
