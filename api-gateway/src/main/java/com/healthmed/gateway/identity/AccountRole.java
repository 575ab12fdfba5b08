package com.healthmed.gateway.identity;

/** Self-registered account kinds, each a realm group that grants the realm role of the same meaning. */
public enum AccountRole {
    PATIENT("patients"), DOCTOR("doctors");

    private final String group;

    AccountRole(String group) {
        this.group = group;
    }

    public String group() {
        return group;
    }
}
