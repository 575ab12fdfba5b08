package com.healthmed.gateway.identity;

/** The identity provider could not be reached or answered unexpectedly; nothing was changed on our side. */
public class IdentityProviderException extends RuntimeException {

    public IdentityProviderException(String message, Throwable cause) {
        super(message, cause);
    }
}
