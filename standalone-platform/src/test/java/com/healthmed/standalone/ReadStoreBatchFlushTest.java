package com.healthmed.standalone;

import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.data.mongodb.core.MongoAction;
import org.springframework.data.mongodb.core.MongoActionOperation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every write a unit of work makes before it commits is unjournaled and followed by an fsync before the commit,
 * also the writes a projection defers to the prepare-commit phase, whether they run before or after the batch's
 * first flush.
 */
class ReadStoreBatchFlushTest {

    @TempDir
    Path dir;

    MongoServer server;
    MongoClient client;
    List<String> happened = new ArrayList<>();
    ReadStoreBatchFlush.Resolver resolver;

    @BeforeEach
    void startStore() {
        server = new MongoServer(new DurableH2Backend(new MVStore.Builder().fileName(dir.resolve("read.mv").toString())
                .autoCommitDisabled().open(), false));
        var address = server.bind();
        client = MongoClients.create("mongodb://" + address.getHostString() + ":" + address.getPort());
        MongoClient flushing = (MongoClient) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{MongoClient.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getDatabase")) {
                        happened.add("fsync");
                    }
                    return method.invoke(client, args);
                });
        resolver = new ReadStoreBatchFlush.Resolver(
                new StaticListableBeanFactory(Map.of("client", flushing)).getBeanProvider(MongoClient.class));
    }

    @AfterEach
    void stopStore() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void deferredWritesBeforeAndAfterTheFirstFlushAreFlushedBeforeTheCommit() {
        var batch = DefaultUnitOfWork.startAndGet(null);
        batch.onPrepareCommit(u -> write("deferred before the flush"));
        write("handler");
        batch.onPrepareCommit(u -> write("deferred after the flush"));
        batch.onCommit(u -> happened.add("commit"));

        batch.commit();

        assertThat(happened).containsExactly("handler unjournaled", "deferred before the flush unjournaled", "fsync",
                "deferred after the flush unjournaled", "fsync", "commit");
    }

    @Test
    void aBatchThatOnlyDefersItsWritesFlushesOnce() {
        var batch = DefaultUnitOfWork.startAndGet(null);
        batch.onPrepareCommit(u -> {
            write("first deferred");
            write("second deferred");
        });

        batch.commit();

        assertThat(happened).containsExactly("first deferred unjournaled", "second deferred unjournaled", "fsync");
    }

    @Test
    void outsideAUnitOfWorkTheStoresDefaultStays() {
        write("gateway");

        assertThat(happened).containsExactly("gateway journaled by default");
    }

    private void write(String what) {
        var action = new MongoAction(WriteConcern.ACKNOWLEDGED, MongoActionOperation.UPDATE, "doctor_search",
                Object.class, null, null);
        WriteConcern concern = resolver.resolve(action);
        happened.add(what + (concern == WriteConcern.ACKNOWLEDGED ? " journaled by default"
                : Boolean.FALSE.equals(concern.getJournal()) ? " unjournaled" : " " + concern));
    }
}
