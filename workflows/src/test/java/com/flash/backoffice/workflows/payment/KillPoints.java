package com.flash.backoffice.workflows.payment;

import java.io.PrintStream;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * The kill plan of one worker process: every payment that reaches the planned step prints its marker on stdout and
 * stops there for good, so the test can SIGKILL the process exactly at that step. No plan: nothing stops.
 */
public final class KillPoints {

    private static final ThreadLocal<String> PAYING = new ThreadLocal<>();

    private final KillStep plan;
    private final PrintStream out;

    public KillPoints(KillStep plan, PrintStream out) {
        this.plan = plan;
        this.out = out;
    }

    public boolean planned(KillStep step) {
        return plan == step;
    }

    /** Runs {@code pay} with {@code paymentId} known to the node decorator (it sees only the invoice). */
    <T> T paying(String paymentId, Supplier<T> pay) {
        PAYING.set(paymentId);
        try {
            return pay.get();
        } finally {
            PAYING.remove();
        }
    }

    /** The payment id of the payment activity running on this thread. */
    String payingNow() {
        String id = PAYING.get();
        if (id == null) {
            throw new IllegalStateException("the node was asked to send outside the payment activity");
        }
        return id;
    }

    /** Tells the test that {@code paymentId} is being sent although the node has it already. */
    void resending(String paymentId) {
        synchronized (out) {
            out.println(KillStep.RESEND + " " + paymentId);
            out.flush();
        }
    }

    /** Stops the calling thread forever when {@code step} is the plan; returns at once otherwise. */
    public void reach(KillStep step, String paymentId) {
        if (!planned(step)) {
            return;
        }
        synchronized (out) {
            out.println(step.marker(paymentId));
            out.flush();
        }
        while (true) {
            LockSupport.park(this); // until the SIGKILL; an interrupt or a spurious wake-up changes nothing
        }
    }
}
