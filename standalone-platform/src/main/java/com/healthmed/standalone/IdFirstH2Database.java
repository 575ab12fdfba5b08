package com.healthmed.standalone;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

import java.util.stream.StreamSupport;

/**
 * mongo-java-server's H2 database whose collections find a document by its {@code _id} index also when the query
 * has more conditions ({@code {_id: x, version: {$lt: 7}}}, the projections' guarded updates): the server itself
 * uses an index only when the query's keys equal the index's keys, and scanned the whole collection for every such
 * update. Real MongoDB does this on its own. The other conditions are still matched, on the one candidate.
 */
final class IdFirstH2Database {

    // mongo-java-server's H2Database names its maps so: the same file opens with either class
    private static final String DATA_PREFIX = "databases.";
    private static final String META_PREFIX = "meta.";

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
        };
    }

    private static final class IdFirstCollection extends H2Collection {

        IdFirstCollection(MongoDatabase database, String name, CollectionOptions options, MVMap<Object, Document> data,
                          MVMap<String, Object> meta, CursorRegistry cursors) {
            super(database, name, options, data, meta, cursors);
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
