package com.healthmed.gateway.identity;

/** An account to create: the username is the CPF digits (patients) or the normalised CRM (doctors). */
public record NewAccount(String username, String email, String password, String displayName, AccountRole role) {

    @Override
    public String toString() {
        return "NewAccount[username=" + username + ", email=" + email + ", role=" + role + "]";
    }
}
