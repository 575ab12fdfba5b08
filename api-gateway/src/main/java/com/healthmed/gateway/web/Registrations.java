package com.healthmed.gateway.web;

import com.healthmed.gateway.identity.IdentityDirectory;
import com.healthmed.gateway.identity.NewAccount;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.function.Function;

/**
 * Registration is two steps in two systems: the identity account first (it enforces unique usernames and
 * e-mails), then the register command with the account's id. If the command fails the account is removed,
 * so a failed registration leaves nothing behind and can simply be retried.
 */
@Component
public class Registrations {

    private static final Logger log = LoggerFactory.getLogger(Registrations.class);

    private final IdentityDirectory identity;
    private final CommandGateway commands;

    Registrations(IdentityDirectory identity, CommandGateway commands) {
        this.identity = identity;
        this.commands = commands;
    }

    /** @return the new account's id, which is also the aggregate's id */
    public String register(NewAccount account, Function<String, Object> registerCommand) {
        String id = identity.createAccount(account);
        try {
            commands.sendAndWait(registerCommand.apply(id));
            return id;
        } catch (RuntimeException commandFailed) {
            try {
                identity.deleteAccount(id);
            } catch (RuntimeException cleanupFailed) {
                commandFailed.addSuppressed(cleanupFailed);
                log.error("registration of {} failed and its account {} could not be removed", account, id,
                        cleanupFailed);
            }
            throw commandFailed;
        }
    }
}
