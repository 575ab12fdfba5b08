package com.healthmed.load.setup;

import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Tokens are issued once per user and refreshed, never fetched per request: before a run every account whose access
 * token would expire within {@link #MUST_LAST} is refreshed ({@code POST /auth/refresh}), and logged in only when its
 * refresh token is gone too. The realm's access tokens live 300 s, so no run here lasts longer than one token.
 */
public final class Tokens {

    /** Longer than any scenario's run, shorter than the realm's 300 s access-token lifespan. */
    static final Duration MUST_LAST = Duration.ofSeconds(240);
    private static final int PARALLEL_LOGINS = 4;

    private Tokens() {
    }

    /** The accounts with access tokens valid for the next {@link #MUST_LAST}; changed ones are to be saved. */
    public static List<Account> fresh(List<Account> accounts) {
        Instant needed = Instant.now().plus(MUST_LAST);
        try (var pool = Executors.newFixedThreadPool(PARALLEL_LOGINS)) {
            List<Future<Account>> futures = new ArrayList<>();
            for (Account account : accounts) {
                futures.add(pool.submit(() -> account.accessExpiresAt() != null && account.accessExpiresAt().isAfter(needed)
                        ? account : renew(account)));
            }
            List<Account> renewed = new ArrayList<>();
            for (var future : futures) {
                renewed.add(future.get());
            }
            return renewed;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    private static Account renew(Account account) {
        if (account.refreshToken() != null && account.refreshExpiresAt() != null
                && account.refreshExpiresAt().isAfter(Instant.now().plusSeconds(10))) {
            var refreshed = Http.post("/api/v1/auth/refresh", Http.JSON.createObjectNode()
                    .put("refreshToken", account.refreshToken()), null);
            if (refreshed.status() == 200) {
                return issued(account, refreshed.body());
            }
        }
        return login(account);
    }

    public static Account login(Account account) {
        var issued = Http.post("/api/v1/auth/token", Http.JSON.createObjectNode()
                .put("username", account.username()).put("password", account.password()), null)
                .expect(200, "login of " + account.username());
        return issued(account, issued.body());
    }

    private static Account issued(Account account, JsonNode body) {
        Instant now = Instant.now();
        return account.withTokens(body.get("access_token").asString(), body.get("refresh_token").asString(),
                now.plusSeconds(body.get("expires_in").asLong()), now.plusSeconds(body.get("refresh_expires_in").asLong()));
    }
}
