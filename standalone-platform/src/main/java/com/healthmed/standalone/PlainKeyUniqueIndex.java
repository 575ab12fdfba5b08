package com.healthmed.standalone;

import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.ObjectId;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.List;
import java.util.Map.Entry;

/**
 * The embedded store's unique index (the {@code _id} index of every collection), keyed so that H2 compares keys
 * without serializing them. mongo-java-server's own H2 index keys its map by {@link KeyValue}, which is not
 * {@code Comparable}: H2's {@code MVMap} then orders keys by their Java serialization and serializes both keys again
 * at every comparison of a lookup's binary search, some 30 serializations to find one document by {@code _id}
 * (2.5 % of the platform's CPU under the load test's 2,000 users). Here a key of one String or ObjectId, which is
 * every {@code _id} the platform writes, is stored as that value, which H2 compares directly (String's and ObjectId's
 * own order); any other key stays a {@code KeyValue}, compared as before. Such a key never equals a String or
 * ObjectId key, so uniqueness is unchanged.
 * <p>
 * The map has a name of its own. A store written with the library's index (map {@code ..._index_<name>}) is copied
 * into it when the database opens and the old map removed: if the process stops before that reaches the disk, the
 * old map is still there and the next open copies it again.
 */
final class PlainKeyUniqueIndex extends AbstractUniqueIndex<Object> {

    private final MVMap<Object, Object> positions;

    private PlainKeyUniqueIndex(MVMap<Object, Object> positions, String name, List<IndexKey> keys, boolean sparse) {
        super(name, keys, sparse);
        this.positions = positions;
    }

    /**
     * @param mapName        this index's map
     * @param libraryMapName the map mongo-java-server's own index would use, copied from if the store still has it
     */
    static PlainKeyUniqueIndex open(MVStore store, String mapName, String libraryMapName, String name,
                                    List<IndexKey> keys, boolean sparse) {
        MVMap<Object, Object> positions = store.openMap(mapName);
        if (store.hasMap(libraryMapName)) {
            MVMap<KeyValue, Object> library = store.openMap(libraryMapName);
            positions.clear(); // a copy cut short before
            library.forEach((key, position) -> positions.put(plain(key), position));
            store.removeMap(library);
        }
        return new PlainKeyUniqueIndex(positions, name, keys, sparse);
    }

    private static Object plain(KeyValue key) {
        if (key.size() == 1 && (key.get(0) instanceof String || key.get(0) instanceof ObjectId)) {
            return key.get(0);
        }
        return key;
    }

    private static KeyValue keyValue(Object key) {
        return key instanceof KeyValue keyValue ? keyValue : new KeyValue(key);
    }

    @Override
    protected Object removeDocument(KeyValue key) {
        return positions.remove(plain(key));
    }

    @Override
    protected boolean putKeyPosition(KeyValue key, Object position) {
        return positions.putIfAbsent(plain(key), Missing.ofNullable(position)) == null;
    }

    @Override
    protected Object getPosition(KeyValue key) {
        return positions.get(plain(key));
    }

    /** The entries as the library's index gives them (regular expressions and ranges on the key read them all). */
    @Override
    protected Iterable<Entry<KeyValue, Object>> getIterable() {
        return () -> positions.entrySet().stream()
                .<Entry<KeyValue, Object>>map(entry ->
                        new SimpleImmutableEntry<>(keyValue(entry.getKey()), entry.getValue()))
                .iterator();
    }

    @Override
    public long getCount() {
        return positions.sizeAsLong();
    }

    @Override
    public boolean isEmpty() {
        return positions.isEmpty();
    }

    @Override
    public long getDataSize() {
        return getCount();
    }
}
