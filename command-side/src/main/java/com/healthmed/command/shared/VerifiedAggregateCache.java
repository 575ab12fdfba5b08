package com.healthmed.command.shared;

import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.AggregateCacheEntry;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.inspection.AggregateModel;

import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * An aggregate cache whose hits are used only while they are the aggregate's latest version in the event store.
 * Several platform nodes on one event store each send commands to any aggregate (there is no consistent routing
 * without Axon Server), so another node may have appended to a cached aggregate since: deciding on the cached
 * state could then refuse what the newer state allows (a window another node published, a slot it released). A
 * hit costs one indexed query for the aggregate's last sequence number; a stale hit is dropped and the repository
 * loads the aggregate from the store. (An append on a stale decision would also fail on the store's unique key
 * and be retried, but a refusal appends nothing, so it needs this check.)
 */
public final class VerifiedAggregateCache implements Cache {

    private final Cache delegate;
    private final Supplier<EventStore> events;

    public VerifiedAggregateCache(Cache delegate, Supplier<EventStore> events) {
        this.delegate = delegate;
        this.events = events;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public <K, V> V get(K key) {
        V value = delegate.get(key);
        if (value instanceof AggregateCacheEntry entry) {
            EventStore store = events.get();
            Long cached = cachedVersion(entry);
            Optional<Long> latest = store.lastSequenceNumberFor(key.toString());
            if (cached == null || latest.isEmpty() || !latest.get().equals(cached)) {
                delegate.remove(key);
                return null;
            }
        }
        return value;
    }

    /**
     * The version of the live aggregate a reference cache keeps in the entry (null for an entry that was serialized
     * and lost it: then it is treated as a miss, the store has the truth).
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Long cachedVersion(AggregateCacheEntry entry) {
        try {
            return entry.recreateAggregate((AggregateModel) null, null, null, NoSnapshotTriggerDefinition.INSTANCE).version();
        } catch (RuntimeException noLiveAggregate) {
            return null;
        }
    }

    @Override
    public void put(Object key, Object value) {
        delegate.put(key, value);
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        return delegate.putIfAbsent(key, value);
    }

    @Override
    public <T> T computeIfAbsent(Object key, Supplier<T> valueSupplier) {
        return delegate.computeIfAbsent(key, valueSupplier);
    }

    @Override
    public boolean remove(Object key) {
        return delegate.remove(key);
    }

    @Override
    public void removeAll() {
        delegate.removeAll();
    }

    @Override
    public boolean containsKey(Object key) {
        return delegate.containsKey(key);
    }

    @Override
    public Registration registerCacheEntryListener(EntryListener cacheEntryListener) {
        return delegate.registerCacheEntryListener(cacheEntryListener);
    }

    @Override
    public <V> void computeIfPresent(Object key, UnaryOperator<V> update) {
        delegate.computeIfPresent(key, update);
    }
}
