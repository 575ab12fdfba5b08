package com.healthmed.gateway.identity;

/** The username (CPF or CRM) or the e-mail of a new account is already taken. */
public class AccountConflictException extends RuntimeException {

    public enum Taken { USERNAME, EMAIL }

    private final Taken taken;
    private final AccountRole role;

    public AccountConflictException(Taken taken, AccountRole role, String message) {
        super(message);
        this.taken = taken;
        this.role = role;
    }

    public Taken taken() {
        return taken;
    }

    public AccountRole role() {
        return role;
    }
}
