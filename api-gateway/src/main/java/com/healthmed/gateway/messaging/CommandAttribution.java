package com.healthmed.gateway.messaging;

import com.healthmed.gateway.web.CorrelationIdFilter;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MetaData;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Who sent a command: every command dispatched while serving a request carries the caller's user id (the token's
 * subject, or {@code anonymous} for registration), their application role(s) and the request's correlation id.
 * Events inherit these keys from the command that caused them (correlation data providers, see the
 * {@code event-processing} module). Commands sent outside a request (handlers, deadlines) are left to the command
 * side, which marks them {@code system}.
 */
public class CommandAttribution implements MessageDispatchInterceptor<CommandMessage<?>> {

    public static final String USER_ID = "userId";
    public static final String ROLE = "role";
    public static final String CORRELATION_ID = "correlationId";
    private static final List<String> APPLICATION_ROLES = List.of("admin", "auditor", "doctor", "patient");

    @Override
    public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(List<? extends CommandMessage<?>> messages) {
        return (index, command) -> {
            var correlationId = CorrelationIdFilter.current();
            if (correlationId.isEmpty()) {
                return command;
            }
            Map<String, Object> attribution = new HashMap<>();
            attribution.put(CORRELATION_ID, correlationId.get());
            Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
            if (authentication != null && authentication.getPrincipal() instanceof Jwt jwt) {
                attribution.put(USER_ID, jwt.getSubject());
                attribution.put(ROLE, roleOf(authentication));
            } else {
                attribution.put(USER_ID, "anonymous");
                attribution.put(ROLE, "anonymous");
            }
            return command.andMetaData(MetaData.from(attribution));
        };
    }

    private static String roleOf(Authentication authentication) {
        List<String> roles = authentication.getAuthorities().stream()
                .map(a -> a.getAuthority().startsWith("ROLE_") ? a.getAuthority().substring(5) : a.getAuthority())
                .filter(APPLICATION_ROLES::contains)
                .sorted()
                .toList();
        return roles.isEmpty() ? "none" : String.join(",", roles);
    }
}
