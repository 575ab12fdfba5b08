package com.healthmed.standalone.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Contention tests: every call is released at once by one latch, so they really race. */
final class Simultaneous {

    private Simultaneous() {
    }

    /** Runs every call at once and returns the answers in the order of the calls. */
    static List<Api.Response> calls(List<Callable<Api.Response>> calls) throws Exception {
        var start = new CountDownLatch(1);
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Api.Response>> responses = new ArrayList<>();
            for (var call : calls) {
                responses.add(threads.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<Api.Response> answered = new ArrayList<>();
            for (var response : responses) {
                answered.add(response.get());
            }
            return answered;
        }
    }
}
