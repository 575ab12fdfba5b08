package com.healthmed.command.shared;

import org.axonframework.common.caching.Cache;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BoundedAggregateCacheTest {

    @Test
    void anEntryOutlivesAGarbageCollectionThatAWeakReferenceWouldNot() {
        var cache = new BoundedAggregateCache(10);
        cache.put("schedule-1", new Object()); // referenced by the cache only

        System.gc();

        assertThat((Object) cache.get("schedule-1")).isNotNull();
    }

    @Test
    void keepsAtMostItsSizeAndTellsListenersWhatLeft() {
        var cache = new BoundedAggregateCache(2);
        List<String> heard = new ArrayList<>();
        var registration = cache.registerCacheEntryListener(new Cache.EntryListenerAdapter() {
            @Override
            public void onEntryCreated(Object key, Object value) {
                heard.add("created " + key);
            }

            @Override
            public void onEntryExpired(Object key) {
                heard.add("expired " + key);
            }

            @Override
            public void onEntryRemoved(Object key) {
                heard.add("removed " + key);
            }
        });
        for (int i = 0; i < 50; i++) {
            cache.put("schedule-" + i, i);
        }
        cache.remove("schedule-49");

        long kept = java.util.stream.IntStream.range(0, 50).filter(i -> cache.containsKey("schedule-" + i)).count();
        assertThat(kept).isLessThanOrEqualTo(2);
        assertThat(heard).contains("created schedule-0", "removed schedule-49")
                .filteredOn(event -> event.startsWith("expired")).hasSizeGreaterThanOrEqualTo(47);

        registration.cancel();
        cache.put("schedule-x", 1);
        assertThat(heard).doesNotContain("created schedule-x");
    }

    @Test
    void computesOnlyWhatIsMissingAndRefusesNoValue() {
        var cache = new BoundedAggregateCache(10);
        assertThat(cache.<String>computeIfAbsent("a", () -> "first")).isEqualTo("first");
        assertThat(cache.<String>computeIfAbsent("a", () -> "second")).isEqualTo("first");
        cache.<String>computeIfPresent("a", value -> value + "!");
        assertThat((String) cache.get("a")).isEqualTo("first!");
        assertThat(cache.putIfAbsent("a", "other")).isFalse();
        assertThatThrownBy(() -> cache.computeIfAbsent("b", () -> null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(cache.containsKey("b")).isFalse();
    }
}
