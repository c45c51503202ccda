package com.flash.backoffice.portal.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs {@code total} operations from {@code clients} platform threads, each taking the next operation number
 * until none is left, and times each operation. A client's per-thread state (a connection, a statement) comes
 * from {@code clientFactory}.
 */
final class ConcurrentLoad {

    /** One client: performs operation {@code n}; fails the run by throwing. */
    interface Client extends AutoCloseable {
        void perform(int n) throws Exception;

        @Override
        default void close() throws Exception {}
    }

    interface ClientFactory {
        Client open() throws Exception;
    }

    private ConcurrentLoad() {}

    static LoadResult run(int total, int clients, int firstOperation, ClientFactory clientFactory) throws Exception {
        long[] latencies = new long[total];
        AtomicInteger next = new AtomicInteger();
        List<Client> opened = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            opened.add(clientFactory.open());
        }
        try (ExecutorService threads = Executors.newFixedThreadPool(clients)) {
            long start = System.nanoTime();
            List<Future<?>> running = new ArrayList<>();
            for (Client client : opened) {
                running.add(threads.submit(() -> {
                    for (int n = next.getAndIncrement(); n < total; n = next.getAndIncrement()) {
                        long begin = System.nanoTime();
                        client.perform(firstOperation + n);
                        latencies[n] = System.nanoTime() - begin;
                    }
                    return null;
                }));
            }
            for (Future<?> client : running) {
                client.get();
            }
            return LoadResult.of(System.nanoTime() - start, latencies);
        } finally {
            for (Client client : opened) {
                client.close();
            }
        }
    }
}
