package com.healthmed.standalone;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DatabaseResolver;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import de.bwaldvogel.mongo.oplog.Oplog;
import io.netty.channel.Channel;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * mongo-java-server's H2 database whose collections find a document by its {@code _id} index also when the query
 * has more conditions ({@code {_id: x, version: {$lt: 7}}}, the projections' guarded updates): the server itself
 * uses an index only when the query's keys equal the index's keys, and scanned the whole collection for every such
 * update. Real MongoDB does this on its own. The other conditions are still matched, on the one candidate.
 * <p>
 * Its unique indexes ({@code _id}) are {@link PlainKeyUniqueIndex}es, whose lookups do not serialize keys.
 * <p>
 * Its non-unique indexes ({@code @Indexed doctorId}) are {@link EqualityIndex}es, where the server itself ignores
 * them; they serve {@code find}, {@code update}, {@code delete} and an {@code aggregate} that starts with
 * {@code $match} (the driver's {@code countDocuments}, Spring Data's {@code count}), which the server otherwise runs
 * over the whole collection whatever its indexes.
 */
final class IdFirstH2Database {

    // mongo-java-server's H2Database names its maps so: the same file opens with either class
    private static final String DATA_PREFIX = "databases.";
    private static final String META_PREFIX = "meta.";
    /** Unique indexes ({@link PlainKeyUniqueIndex}) live in maps named apart from the library's own index maps. */
    private static final String PLAIN_KEY_INDEX_INFIX = "._plainkeyindex_";
    /** Stages that only read the documents handed to the pipeline: what a count or a plain listing sends. */
    private static final Set<String> PLAIN_STAGES = Set.of("$match", "$skip", "$limit", "$sort", "$project",
            "$group", "$count");

    private IdFirstH2Database() {
    }

    static MongoDatabase open(String name, MVStore store, CursorRegistry cursors) {
        // an anonymous class: H2Database's constructor already opens the collections, and javac sets a captured
        // variable (store) before the superclass constructor runs, unlike a field of a named subclass
        return new H2Database(name, store, cursors) {
            @Override
            protected MongoCollection<Object> openOrCreateCollection(String collection, CollectionOptions options) {
                String fullName = getFullCollectionNamespace(collection);
                return new IdFirstCollection(this, collection, options, store.openMap(DATA_PREFIX + fullName),
                        store.openMap(META_PREFIX + fullName), cursorRegistry);
            }

            @Override
            protected Index<Object> openOrCreateUniqueIndex(String collection, String indexName, List<IndexKey> keys,
                                                            boolean sparse) {
                return PlainKeyUniqueIndex.open(store, plainKeyIndexMap(collection, indexName),
                        libraryIndexMap(collection, indexName), indexName, keys, sparse);
            }

            @Override
            protected void dropIndex(MongoCollection<Object> collection, String indexName) {
                super.dropIndex(collection, indexName);
                store.removeMap(plainKeyIndexMap(collection.getCollectionName(), indexName));
            }

            private String libraryIndexMap(String collection, String indexName) {
                return getFullCollectionNamespace(collection) + "._index_" + indexName;
            }

            private String plainKeyIndexMap(String collection, String indexName) {
                return getFullCollectionNamespace(collection) + PLAIN_KEY_INDEX_INFIX + indexName;
            }

            @Override
            protected Index<Object> openOrCreateSecondaryIndex(String collection, String indexName, List<IndexKey> keys,
                                                               boolean sparse) {
                return new EqualityIndex(indexName, keys, sparse);
            }

            @Override
            public Document handleCommand(Channel channel, String command, Document query, DatabaseResolver resolver,
                                          Oplog oplog) {
                Document match = command.equalsIgnoreCase("aggregate") ? leadingMatch(query.get("pipeline")) : null;
                if (match != null && query.get(command) instanceof String name
                        && resolveCollection(name, false) instanceof IdFirstCollection collection) {
                    return collection.aggregating(match,
                            () -> super.handleCommand(channel, command, query, resolver, oplog));
                }
                return super.handleCommand(channel, command, query, resolver, oplog);
            }
        };
    }

    /** The first stage's query when a pipeline starts with {@code $match} and has only plain stages, else null. */
    private static Document leadingMatch(Object pipeline) {
        if (!(pipeline instanceof List<?> stages) || stages.isEmpty()
                || !(stages.getFirst() instanceof Document first) || !(first.get("$match") instanceof Document match)) {
            return null;
        }
        boolean plain = stages.stream().allMatch(stage -> stage instanceof Document document && document.size() == 1
                && PLAIN_STAGES.contains(document.keySet().iterator().next()));
        return plain ? match : null;
    }

    private static final class IdFirstCollection extends H2Collection {

        private final Comparator<Object> mapOrder;
        /** The running aggregation's leading {@code $match}, for this thread's next read of all documents. */
        private final ThreadLocal<Document> aggregateMatch = new ThreadLocal<>();

        IdFirstCollection(MongoDatabase database, String name, CollectionOptions options, MVMap<Object, Document> data,
                          MVMap<String, Object> meta, CursorRegistry cursors) {
            super(database, name, options, data, meta, cursors);
            this.mapOrder = data.getKeyType()::compare;
        }

        /**
         * Runs an aggregation whose pipeline starts with {@code match}: the server hands the pipeline every document
         * ({@link #queryAllAsStream}), here it hands only those that match, found through the indexes like a find;
         * the pipeline's own {@code $match} still runs on them.
         */
        <T> T aggregating(Document match, Supplier<T> aggregation) {
            aggregateMatch.set(match);
            try {
                return aggregation.get();
            } finally {
                aggregateMatch.remove();
            }
        }

        @Override
        public Stream<Document> queryAllAsStream() {
            Document match = aggregateMatch.get();
            if (match == null) {
                return super.queryAllAsStream();
            }
            aggregateMatch.remove(); // once: the pipeline's own first read
            synchronized (this) {
                // queryDocuments, not handleQuery: that would read a field named "query" as a wrapped query
                return queryDocuments(match, null, 0, 0, 0, null).collectDocuments().stream();
            }
        }

        /** In the order a scan reads them (the map's key order), so an unsorted result does not depend on an index. */
        @Override
        protected QueryResult matchDocuments(Document query, Iterable<Object> positions, Document orderBy, int skip,
                                             int limit, int batchSize, Document fieldSelector) {
            List<Object> ordered = new ArrayList<>();
            positions.forEach(ordered::add);
            ordered.sort(isNaturalDescending(orderBy) ? ValueComparator.desc() : mapOrder);
            return super.matchDocuments(query, ordered, orderBy, skip, limit, batchSize, fieldSelector);
        }

        @Override
        protected QueryResult queryDocuments(Document query, Document orderBy, int skip, int limit, int batchSize,
                                             Document fieldSelector) {
            String idField = getIdField();
            Object id = idField == null ? null : query.get(idField);
            if (query.size() < 2 || !(id instanceof String || id instanceof ObjectId)) {
                return super.queryDocuments(query, orderBy, skip, limit, batchSize, fieldSelector);
            }
            // at most one document has this _id: the index finds it, the full query then decides
            QueryResult byId = super.queryDocuments(new Document(idField, id), null, 0, 0, 0, null);
            return matchDocumentsFromStream(StreamSupport.stream(byId.spliterator(), false), query, orderBy, skip,
                    limit, batchSize, fieldSelector);
        }
    }
}
