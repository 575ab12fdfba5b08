package com.healthmed.gateway.identity;

/** The identity provider refused the account's data, e.g. a password that breaks the realm's password policy. */
public class AccountRejectedException extends RuntimeException {

    public AccountRejectedException(String message) {
        super(message);
    }
}
