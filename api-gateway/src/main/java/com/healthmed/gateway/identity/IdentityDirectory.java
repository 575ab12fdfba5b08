package com.healthmed.gateway.identity;

/** The identity provider as the gateway needs it: accounts with a password and a role, and password logins. */
public interface IdentityDirectory {

    /**
     * Creates an enabled account that can log in at once.
     *
     * @return the account's id, which becomes the patient's or doctor's id
     * @throws AccountConflictException if the username or e-mail is taken
     */
    String createAccount(NewAccount account);

    /** Removes an account; used to undo a registration whose command failed. */
    void deleteAccount(String accountId);

    /** The id of the account with exactly this username, if there is one (to undo an interrupted registration). */
    java.util.Optional<String> findAccountId(String username);

    /** @throws InvalidCredentialsException on a wrong username or password (or a locked account) */
    IssuedTokens login(String username, String password);

    /** @throws InvalidCredentialsException if the refresh token is no longer valid */
    IssuedTokens refresh(String refreshToken);
}
