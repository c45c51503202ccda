package com.flash.backoffice.workflows.testsupport;

import com.flash.backoffice.workflows.payment.PaymentActivities;
import com.flash.backoffice.workflows.payment.PaymentOrder;
import com.flash.backoffice.workflows.payment.PaymentResult;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Test only: the payment activity with the answers a test scripts (the real one is tested on regtest LND). Records
 * every order, and can hold a payment in flight until the test releases it.
 */
public final class ScriptedPayments implements PaymentActivities {

    public final List<PaymentOrder> orders = new CopyOnWriteArrayList<>();
    private final Map<String, PaymentResult> results = new ConcurrentHashMap<>();
    private final java.util.Set<String> throwOnce = ConcurrentHashMap.newKeySet();
    private volatile Function<PaymentOrder, PaymentResult> otherwise =
            order -> PaymentResult.succeeded(order.paymentId(), 1_500, "preimage-of-" + order.paymentId());
    public volatile CountDownLatch inFlight = new CountDownLatch(0);
    public final CountDownLatch started = new CountDownLatch(1);

    public void answer(String paymentId, PaymentResult result) {
        results.put(paymentId, result);
    }

    /** The first attempt at {@code paymentId} throws, as an activity whose node call broke does; later ones answer. */
    public void throwOnFirstAttempt(String paymentId) {
        throwOnce.add(paymentId);
    }

    public void holdPayments() {
        inFlight = new CountDownLatch(1);
    }

    @Override
    public PaymentResult pay(PaymentOrder order) {
        orders.add(order);
        started.countDown();
        try {
            if (!inFlight.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never released the payment");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (throwOnce.remove(order.paymentId())) {
            throw new IllegalStateException("the node did not answer");
        }
        PaymentResult scripted = results.get(order.paymentId());
        return scripted != null ? scripted : otherwise.apply(order);
    }
}
