package com.healthmed.standalone;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.bson.Document;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A non-unique index for the embedded store, which otherwise ignores every non-unique index and scans the whole
 * collection ({@code @Indexed doctorId}, {@code patientId}): it maps each String found under the index's leading key
 * to the documents holding it. It lives in memory and is rebuilt from the documents when the database opens.
 * <p>
 * It serves only a query that has the leading key at top level equal to a String; the collection then applies the
 * whole query to the candidates it returns, so these must include every document that can match (never miss one)
 * and may include more. Any other query (an operator, a regex, null, the key only inside {@code $or}) is scanned
 * as before.
 */
final class EqualityIndex extends Index<Object> {

    private static final String ID_FIELD = "_id";

    /** The leading key's fields; null when the key is not a plain dotted path the matcher splits the same way. */
    private final List<String> path;
    private final String leadingKey;
    private final Map<String, Set<Object>> positionsByValue = new HashMap<>();
    /** Every document, also one without a value under the key, by its _id (unique in the collection). */
    private final Map<Object, Indexed> documents = new HashMap<>();

    private record Indexed(Object position, Set<String> values) {
    }

    EqualityIndex(String name, List<IndexKey> keys, boolean sparse) {
        super(name, keys, sparse);
        this.leadingKey = keys.getFirst().getKey();
        this.path = plainPath(leadingKey);
    }

    private static List<String> plainPath(String key) {
        List<String> fields = List.of(key.split("\\.", -1));
        boolean plain = fields.stream().noneMatch(field -> field.isEmpty() || field.startsWith("$"));
        return plain ? fields : null;
    }

    @Override
    public synchronized boolean canHandle(Document query) {
        return path != null && query.get(leadingKey) instanceof String;
    }

    @Override
    public synchronized Iterable<Object> getPositions(Document query) {
        Set<Object> positions = positionsByValue.get((String) query.get(leadingKey));
        return positions == null ? List.of() : new ArrayList<>(positions);
    }

    @Override
    public synchronized Object getPosition(Document document) {
        Indexed indexed = documents.get(document.get(ID_FIELD));
        return indexed == null ? null : indexed.position();
    }

    @Override
    public void checkAdd(Document document, MongoCollection<Object> collection) {
        // not unique: nothing to refuse
    }

    @Override
    public synchronized void add(Document document, Object position, MongoCollection<Object> collection) {
        Object id = document.get(ID_FIELD);
        if (documents.containsKey(id)) {
            throw new IllegalStateException("Document " + id + " is already in " + this);
        }
        Set<String> values = valuesOf(document);
        documents.put(id, new Indexed(position, values));
        values.forEach(value -> positionsByValue.computeIfAbsent(value, v -> new HashSet<>()).add(position));
    }

    /**
     * Returns the position of every document added, also of one that had no value under the key: the collection
     * refuses to remove a document that a non-sparse index does not know, and declaring the index sparse instead
     * would hide a document that went missing from it (and change what {@code listIndexes} reports).
     */
    @Override
    public synchronized Object remove(Document document) {
        Indexed indexed = documents.remove(document.get(ID_FIELD));
        if (indexed == null) {
            return null;
        }
        unlink(indexed.values(), indexed.position());
        return indexed.position();
    }

    @Override
    public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<Object> collection) {
        // not unique: nothing to refuse
    }

    @Override
    public synchronized void updateInPlace(Document oldDocument, Document newDocument, Object position,
                                           MongoCollection<Object> collection) {
        Indexed before = documents.get(oldDocument.get(ID_FIELD));
        if (before == null || !Objects.equals(before.position(), position)) {
            throw new IllegalStateException("Document " + oldDocument.get(ID_FIELD) + " is not at " + position
                    + " in " + this);
        }
        Set<String> values = valuesOf(newDocument);
        if (values.equals(before.values())) {
            return;
        }
        unlink(before.values(), position);
        documents.put(oldDocument.get(ID_FIELD), new Indexed(position, values));
        values.forEach(value -> positionsByValue.computeIfAbsent(value, v -> new HashSet<>()).add(position));
    }

    private void unlink(Set<String> values, Object position) {
        for (String value : values) {
            Set<Object> positions = positionsByValue.get(value);
            positions.remove(position);
            if (positions.isEmpty()) {
                positionsByValue.remove(value);
            }
        }
    }

    @Override
    public synchronized long getCount() {
        return positionsByValue.values().stream().mapToLong(Set::size).sum();
    }

    @Override
    public synchronized boolean isEmpty() {
        return documents.isEmpty();
    }

    @Override
    public long getDataSize() {
        return 0; // nothing on disk
    }

    @Override
    public synchronized void drop() {
        positionsByValue.clear();
        documents.clear();
    }

    /** Every String the query matcher could compare with a queried String: a superset is harmless, a gap is not. */
    private Set<String> valuesOf(Document document) {
        if (path == null) {
            return Set.of();
        }
        Set<String> values = new HashSet<>();
        collect(document, 0, values);
        return values.isEmpty() ? Set.of() : values;
    }

    private void collect(Object value, int depth, Set<String> values) {
        if (value instanceof Collection<?> elements) {
            // the matcher looks into each element of an array (also of nested arrays), and a numeric field picks one
            if (depth < path.size() && value instanceof List<?> list) {
                int place = placeIn(path.get(depth));
                if (place >= 0 && place < list.size()) {
                    collect(list.get(place), depth + 1, values);
                }
            }
            for (Object element : elements) {
                collect(element, depth, values);
            }
        } else if (depth == path.size()) {
            if (value instanceof String string) {
                values.add(string);
            }
        } else if (value instanceof Document document) {
            collect(document.get(path.get(depth)), depth + 1, values);
        }
    }

    private static int placeIn(String field) {
        boolean digits = field.length() <= 9 && field.chars().allMatch(Character::isDigit);
        return digits ? Integer.parseInt(field) : -1;
    }
}
