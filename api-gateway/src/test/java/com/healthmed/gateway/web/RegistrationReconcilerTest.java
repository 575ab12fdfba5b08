package com.healthmed.gateway.web;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.healthmed.gateway.identity.AccountRole;
import com.healthmed.gateway.identity.IdentityDirectory;
import com.healthmed.gateway.identity.IssuedTokens;
import com.healthmed.gateway.identity.NewAccount;
import com.healthmed.schema.patient.RegisterPatientCommand;
import com.healthmed.schema.shared.GeoPoint;
import com.healthmed.schema.shared.Uf;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

/** What the reconciler does with each kind of interrupted registration it finds in the journal. */
class RegistrationReconcilerTest {

    private MongoServer server;
    private MongoClient client;
    private MongoTemplate mongo;
    private PendingRegistrations journal;
    private final Accounts identity = new Accounts();
    private final CommandGateway commands = mock(CommandGateway.class);

    @BeforeEach
    void journal() {
        server = new MongoServer(new MemoryBackend());
        var address = server.bind();
        client = MongoClients.create("mongodb://" + address.getHostString() + ":" + address.getPort());
        mongo = new MongoTemplate(client, "test");
        journal = new PendingRegistrations(mongo, JacksonSerializer.builder()
                .objectMapper(JsonMapper.builder().findAndAddModules().build()).build());
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    private RegistrationReconciler reconciler(Duration grace) {
        return new RegistrationReconciler(journal, identity, new Registrations(identity, commands, journal), grace,
                Duration.ofMinutes(1));
    }

    private static RegisterPatientCommand command(String id) {
        return new RegisterPatientCommand(id, "Maria Silva", "52998224725", "maria@example.com", "+5511999990000",
                LocalDate.of(1990, 4, 12), "São Paulo", Uf.SP, new GeoPoint(-23.55, -46.63));
    }

    /** An account created and its command recorded, then the crash. */
    private RegisterPatientCommand crashedAfterTheAccount() {
        String entry = journal.begin("52998224725", AccountRole.PATIENT);
        String id = identity.createAccount(new NewAccount("52998224725", "maria@example.com", "pw", "Maria", AccountRole.PATIENT));
        var command = command(id);
        journal.accountCreated(entry, id, command);
        return command;
    }

    private long entries() {
        return mongo.getCollection("pending_registrations").countDocuments();
    }

    @Test
    void aRecordedCommandIsSentAgainAndTheEntryRemoved() {
        var command = crashedAfterTheAccount();

        assertThat(reconciler(Duration.ZERO).reconcile()).isEqualTo(1);

        verify(commands).sendAndWait(command);
        assertThat(identity.accounts).hasSize(1);
        assertThat(entries()).isZero();
    }

    @Test
    void aPatientThatAlreadyExistsCountsAsCompleted() {
        var command = crashedAfterTheAccount();
        doThrow(new AggregateStreamCreationException("exists")).when(commands).sendAndWait(command);

        assertThat(reconciler(Duration.ZERO).reconcile()).isEqualTo(1);

        assertThat(identity.accounts).hasSize(1);
        assertThat(entries()).isZero();
    }

    @Test
    void aCommandThatFailsOtherwiseIsTriedAgainLaterAndTheAccountKept() {
        var command = crashedAfterTheAccount();
        doThrow(new IllegalStateException("command bus unavailable")).when(commands).sendAndWait(command);

        assertThat(reconciler(Duration.ZERO).reconcile()).isZero();

        assertThat(identity.accounts).hasSize(1);
        assertThat(entries()).isOne();
    }

    @Test
    void aCrashBeforeTheCommandWasRecordedIsUndone() {
        journal.begin("52998224725", AccountRole.PATIENT);
        identity.createAccount(new NewAccount("52998224725", "maria@example.com", "pw", "Maria", AccountRole.PATIENT));

        assertThat(reconciler(Duration.ZERO).reconcile()).isEqualTo(1);

        verify(commands, never()).sendAndWait(any());
        assertThat(identity.accounts).isEmpty();
        assertThat(entries()).isZero();
    }

    @Test
    void aRegistrationStillWithinTheGracePeriodIsLeftAlone() {
        crashedAfterTheAccount();

        assertThat(reconciler(Duration.ofMinutes(2)).reconcile()).isZero();

        verify(commands, never()).sendAndWait(any());
        assertThat(entries()).isOne();
    }

    @Test
    void aRegistrationThatFinishesLeavesNoEntry() {
        String id = new Registrations(identity, commands, journal).register(
                new NewAccount("52998224725", "maria@example.com", "pw", "Maria", AccountRole.PATIENT), RegistrationReconcilerTest::command);

        verify(commands).sendAndWait(command(id));
        assertThat(entries()).isZero();
    }

    /** Accounts by id, with usernames. */
    private static final class Accounts implements IdentityDirectory {

        final Map<String, String> accounts = new HashMap<>();
        private final List<String> ids = new ArrayList<>();

        @Override
        public String createAccount(NewAccount account) {
            String id = "account-" + (ids.size() + 1);
            ids.add(id);
            accounts.put(id, account.username());
            return id;
        }

        @Override
        public void deleteAccount(String accountId) {
            accounts.remove(accountId);
        }

        @Override
        public Optional<String> findAccountId(String username) {
            return accounts.entrySet().stream().filter(e -> e.getValue().equals(username)).map(Map.Entry::getKey).findFirst();
        }

        @Override
        public IssuedTokens login(String username, String password) {
            throw new UnsupportedOperationException();
        }

        @Override
        public IssuedTokens refresh(String refreshToken) {
            throw new UnsupportedOperationException();
        }
    }
}
