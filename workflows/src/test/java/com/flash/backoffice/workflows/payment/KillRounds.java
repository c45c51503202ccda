package com.flash.backoffice.workflows.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A kill test's rounds: worker JVMs of one main, each told to stop at the next {@link KillStep} in turn and SIGKILLed
 * there, the next one launched beforehand so it takes over at once. Work starts at each round's first step; the last
 * worker has no plan and finishes everything. The caller asserts on the outcome once its work is done.
 */
public final class KillRounds {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration MARKER_TIMEOUT = Duration.ofSeconds(45);
    /**
     * After the first marker, the other payments on that worker may reach the same step: the kill waits until none has
     * for {@code SETTLE}, {@code SETTLE_AT_MOST} in all.
     */
    private static final Duration SETTLE = Duration.ofMillis(200);

    private static final Duration SETTLE_AT_MOST = Duration.ofMillis(1_000);
    private static final KillStep[] STEPS = KillStep.values();

    /** Starts a round's work (payouts, taps) once its first worker polls. */
    @FunctionalInterface
    public interface RoundStart {
        void start() throws Exception;
    }

    /**
     * What the rounds did: kills per step, payments stopped per step and their ids, and every worker launched; the
     * last one ({@link #finisher()}) polls with no plan until the caller stops it.
     */
    public record Outcome(
            Map<KillStep, Integer> kills,
            Map<KillStep, Integer> stopped,
            Map<KillStep, Set<String>> stoppedIds,
            List<KillWorkerProcess> launched) {

        public KillWorkerProcess finisher() {
            return launched.getLast();
        }

        public int totalKills() {
            return kills.values().stream().mapToInt(Integer::intValue).sum();
        }

        public List<String> resends() {
            return launched.stream()
                    .flatMap(worker -> worker.resends().stream())
                    .toList();
        }

        public String summary() {
            return "kills: " + counts(kills) + ", total=" + totalKills() + "; payments stopped at the step: "
                    + counts(stopped) + "; stopped there at least once: "
                    + counts(stoppedIds.entrySet().stream()
                            .collect(Collectors.toMap(
                                    Map.Entry::getKey, e -> e.getValue().size())));
        }

        private static String counts(Map<KillStep, Integer> counts) {
            return Stream.of(STEPS)
                    .map(step -> step + "=" + counts.getOrDefault(step, 0))
                    .collect(Collectors.joining(", "));
        }
    }

    private KillRounds() {}

    /**
     * Runs {@code rounds} rounds of every step with workers of {@code main}; each stop's marker must name a payment id
     * starting with {@code paymentIdPrefix}. Returns once the last worker polls. On a failure every worker is killed.
     */
    public static Outcome run(
            Class<?> main,
            Map<String, String> environment,
            Path logs,
            int rounds,
            String paymentIdPrefix,
            RoundStart roundStart)
            throws Exception {
        Map<KillStep, Integer> kills = new EnumMap<>(KillStep.class);
        Map<KillStep, Integer> stopped = new EnumMap<>(KillStep.class);
        Map<KillStep, Set<String>> stoppedIds = new EnumMap<>(KillStep.class);
        List<KillWorkerProcess> launched = new ArrayList<>();
        int workersToKill = rounds * STEPS.length;
        try {
            KillWorkerProcess next = launch(main, STEPS[0].name(), environment, logs, launched);
            for (int k = 0; k < workersToKill; k++) {
                KillStep step = STEPS[k % STEPS.length];
                KillWorkerProcess active = next;
                active.awaitReady(READY_TIMEOUT);
                active.go();
                next = launch(
                        main,
                        k + 1 < workersToKill ? STEPS[(k + 1) % STEPS.length].name() : KillWorkerProcess.NO_PLAN,
                        environment,
                        logs,
                        launched);
                if (step == STEPS[0]) {
                    roundStart.start();
                }
                List<String> markers = markers(active, step, logs);
                int exit = active.kill();
                assertThat(KillWorkerProcess.killedBySigkill(exit))
                        .as("worker %d died of SIGKILL (exit %d)", active.pid(), exit)
                        .isTrue();
                assertThat(markers)
                        .allSatisfy(marker ->
                                assertThat(marker).startsWith(KillStep.MARKER + " " + step + " " + paymentIdPrefix));
                kills.merge(step, 1, Integer::sum);
                stopped.merge(step, markers.size(), Integer::sum);
                markers.forEach(marker -> stoppedIds
                        .computeIfAbsent(step, any -> new HashSet<>())
                        .add(marker.substring(marker.lastIndexOf(' ') + 1)));
            }
            next.awaitReady(READY_TIMEOUT);
            next.go();
            return new Outcome(kills, stopped, stoppedIds, launched);
        } catch (Exception | AssertionError e) {
            killAll(launched);
            throw e;
        }
    }

    /** SIGKILLs every worker still alive (at the end of a test, or when it failed). */
    public static void killAll(List<KillWorkerProcess> launched) throws InterruptedException {
        for (KillWorkerProcess worker : launched) {
            worker.kill();
        }
    }

    private static List<String> markers(KillWorkerProcess active, KillStep step, Path logs)
            throws InterruptedException {
        String first = active.awaitMarker(MARKER_TIMEOUT)
                .orElseThrow(() -> new AssertionError("worker " + active.pid() + " never reached " + step + " in "
                        + MARKER_TIMEOUT + "; logs in " + logs));
        List<String> markers = new ArrayList<>(List.of(first));
        long settleUntil = System.nanoTime() + SETTLE_AT_MOST.toNanos();
        for (Optional<String> more = active.awaitMarker(SETTLE);
                more.isPresent() && System.nanoTime() < settleUntil;
                more = active.awaitMarker(SETTLE)) {
            markers.add(more.get());
        }
        markers.addAll(active.drainMarkers());
        return markers;
    }

    private static KillWorkerProcess launch(
            Class<?> main, String plan, Map<String, String> environment, Path logs, List<KillWorkerProcess> launched) {
        KillWorkerProcess worker = KillWorkerProcess.launch(
                main, plan, environment, logs.resolve("worker-" + launched.size() + "-" + plan + ".log"));
        launched.add(worker);
        return worker;
    }
}
