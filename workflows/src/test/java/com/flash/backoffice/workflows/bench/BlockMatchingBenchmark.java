package com.flash.backoffice.workflows.bench;

import com.flash.backoffice.workflows.bitcoin.BitcoinRpcNode;
import com.flash.backoffice.workflows.bitcoin.BitcoinRpcProperties;
import com.flash.backoffice.workflows.bitcoin.ChainBlock;
import com.flash.backoffice.workflows.bitcoin.ChainTransaction;
import com.flash.backoffice.workflows.watch.WatchedAddresses;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Block matching benchmark (not a unit test): a mainnet-sized block ({@link SyntheticBlock}, 3,000 transactions
 * by default) served by an in-process HTTP JSON-RPC server, read through the production adapter
 * {@link BitcoinRpcNode}, and matched against 1,000,000 watched addresses held in {@link WatchedAddresses} as the
 * chain watcher holds them, through the same {@link WatchedAddresses#matches} the watcher calls per transaction.
 *
 * <p>Per block, over warm-up and measured iterations (baseline and measured alternate, so that both see the same
 * machine): the baseline is fetch + parse ({@code getblock <hash> 2}), the measured run fetch + parse + matching
 * every output; matching alone is timed on the parsed block. Prints median and p99 in ms, the ratio of the medians,
 * and the heap the watched addresses take (used heap after full GCs, with and without them).
 *
 * <p>Run it: {@code ./mvnw -pl workflows test-compile exec:java -Dexec.args="3000 1000000 100 20 core,btcd"}
 * (arguments: transactions, watched addresses, iterations, warm-up iterations, shapes).
 */
public final class BlockMatchingBenchmark {

    private static final long SEED = 870_000;
    private static final int PAID_OUTPUTS = 25;

    public static void main(String[] args) throws Exception {
        int transactions = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : 3_000;
        int watchedCount = args.length > 1 ? Integer.parseInt(args[1].replace("_", "")) : 1_000_000;
        int iterations = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        int warmup = args.length > 3 ? Integer.parseInt(args[3]) : 20;
        List<SyntheticBlock.Shape> shapes = Arrays.stream((args.length > 4 ? args[4] : "core,btcd").split(","))
                .map(shape -> SyntheticBlock.Shape.valueOf(shape.toUpperCase()))
                .toList();

        SyntheticBlock block = new SyntheticBlock(transactions, SEED);
        block.json(SyntheticBlock.Shape.CORE);
        List<String> paid = block.outputs().stream()
                .skip(2) // not the coinbase's
                .filter(output -> output.sats() > 0)
                .map(SyntheticBlock.Output::address)
                .distinct()
                .limit(PAID_OUTPUTS)
                .toList();
        long expectedMatches = block.outputs().stream()
                .filter(output -> paid.contains(output.address()) && output.sats() > 0)
                .count();

        long heapBefore = usedHeapAfterGc();
        long loadStart = System.nanoTime();
        WatchedAddresses watched = new WatchedAddresses(
                new WatchedAddressSet(watchedCount, paid, SEED + 1), Clock.systemUTC(), Duration.ofDays(1));
        watched.refresh();
        double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
        long heapWatched = usedHeapAfterGc() - heapBefore;
        System.out.printf(
                "%,d watched addresses loaded in %.1f s: %.1f MiB of heap, %d bytes each%n",
                watched.size(), loadSeconds, heapWatched / 1048576.0, heapWatched / watched.size());

        for (SyntheticBlock.Shape shape : shapes) {
            try (BlockRpcServer server = new BlockRpcServer(block.json(shape))) {
                BitcoinRpcNode node = new BitcoinRpcNode(new BitcoinRpcProperties(server.url(), "flash", "x", null));
                ChainBlock parsed = node.block(SyntheticBlock.HASH);
                check(parsed, transactions, watched, expectedMatches);

                List<Long> baseline = new ArrayList<>();
                List<Long> measured = new ArrayList<>();
                List<Long> matchingOnly = new ArrayList<>();
                LongSupplier fetchAndParse =
                        () -> node.block(SyntheticBlock.HASH).transactions().size();
                LongSupplier fetchParseAndMatch = () -> match(node.block(SyntheticBlock.HASH), watched);
                LongSupplier match = () -> match(parsed, watched);
                for (int i = 0; i < warmup + iterations; i++) {
                    boolean keep = i >= warmup;
                    if (i % 2 == 0) {
                        time(fetchAndParse, baseline, keep);
                        time(fetchParseAndMatch, measured, keep);
                    } else {
                        time(fetchParseAndMatch, measured, keep);
                        time(fetchAndParse, baseline, keep);
                    }
                    time(match, matchingOnly, keep);
                }
                System.out.printf(
                        "%n%s shape: a block of %,d transactions, %,d outputs, %.1f MiB of JSON; %d iterations after"
                                + " %d warm-up%n",
                        shape,
                        transactions,
                        block.outputs().size(),
                        server.blockBytes() / 1048576.0,
                        iterations,
                        warmup);
                System.out.printf("%-32s %12s %12s %10s%n", "per block", "median ms", "p99 ms", "x baseline");
                row("fetch + parse (baseline)", baseline, baseline);
                row("fetch + parse + match", measured, baseline);
                row("match alone", matchingOnly, baseline);
            }
        }
        System.exit(0);
    }

    private static void check(ChainBlock block, int transactions, WatchedAddresses watched, long expected) {
        if (block.transactions().size() != transactions) {
            throw new IllegalStateException("read " + block.transactions().size() + " transactions");
        }
        long matches = match(block, watched);
        if (matches != expected) {
            throw new IllegalStateException("matched " + matches + " outputs, expected " + expected);
        }
    }

    private static long match(ChainBlock block, WatchedAddresses watched) {
        long matches = 0;
        for (ChainTransaction tx : block.transactions()) {
            matches += watched.matches(tx).size();
        }
        return matches;
    }

    private static void time(LongSupplier work, List<Long> into, boolean keep) {
        long start = System.nanoTime();
        long result = work.getAsLong();
        long elapsed = System.nanoTime() - start;
        if (result < 0) {
            throw new IllegalStateException(); // keeps the result alive
        }
        if (keep) {
            into.add(elapsed);
        }
    }

    private static void row(String name, List<Long> nanos, List<Long> baseline) {
        double median = percentile(nanos, 50);
        System.out.printf(
                "%-32s %12.2f %12.2f %10.3f%n",
                name, median / 1e6, percentile(nanos, 99) / 1e6, median / percentile(baseline, 50));
    }

    private static double percentile(List<Long> nanos, int percent) {
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, index)];
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
