package com.healthmed.gateway.web;

import com.healthmed.gateway.identity.IdentityDirectory;
import com.healthmed.gateway.identity.NewAccount;
import com.healthmed.gateway.messaging.CommandRetryConfiguration;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.function.Function;

/**
 * Registration is two steps in two systems: the identity account first (it enforces unique usernames and
 * e-mails), then the register command with the account's id. If the command fails the account is removed,
 * so a failed registration leaves nothing behind and can simply be retried. Each step is journaled first
 * ({@link PendingRegistrations}), so a registration that a crash cut short between the two is completed later
 * by {@link RegistrationReconciler} instead of leaving an account without a patient or doctor.
 */
@Component
public class Registrations {

    private static final Logger log = LoggerFactory.getLogger(Registrations.class);

    private final IdentityDirectory identity;
    private final CommandGateway commands;
    private final PendingRegistrations pending;

    Registrations(IdentityDirectory identity, CommandGateway commands, PendingRegistrations pending) {
        this.identity = identity;
        this.commands = commands;
        this.pending = pending;
    }

    /** @return the new account's id, which is also the aggregate's id */
    public String register(NewAccount account, Function<String, Object> registerCommand) {
        String entry = pending.begin(account.username(), account.role());
        String id;
        try {
            id = identity.createAccount(account);
        } catch (RuntimeException refused) {
            pending.finished(entry);
            throw refused;
        }
        Object command = registerCommand.apply(id);
        pending.accountCreated(entry, id, command);
        try {
            sendRegistration(command);
        } catch (RuntimeException commandFailed) {
            try {
                identity.deleteAccount(id);
            } catch (RuntimeException cleanupFailed) {
                // the journal entry stays: the reconciler sends the command again later
                commandFailed.addSuppressed(cleanupFailed);
                log.error("registration of {} failed and its account {} could not be removed", account, id,
                        cleanupFailed);
                throw commandFailed;
            }
            pending.finished(entry);
            throw commandFailed;
        }
        pending.finished(entry);
        return id;
    }

    /**
     * Sends a register command; an aggregate that already exists counts as success, since account ids are fresh
     * and only this registration's own command (sent again by the reconciler meanwhile) can have created it.
     */
    void sendRegistration(Object command) {
        try {
            commands.sendAndWait(command);
        } catch (RuntimeException failure) {
            if (!CommandRetryConfiguration.isConflict(failure)) {
                throw failure;
            }
            log.info("{} had already been registered", command.getClass().getSimpleName());
        }
    }
}
