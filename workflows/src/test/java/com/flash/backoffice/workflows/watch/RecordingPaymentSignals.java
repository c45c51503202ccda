package com.flash.backoffice.workflows.watch;

import com.flash.backoffice.workflows.invoice.ConfirmationsChanged;
import com.flash.backoffice.workflows.invoice.PaymentDropped;
import com.flash.backoffice.workflows.invoice.PaymentObserved;
import java.util.ArrayList;
import java.util.List;

/** Records what a watcher signals, as "seen ref 0", "confirmations ref 2", "dropped ref". */
final class RecordingPaymentSignals implements PaymentSignals {

    final List<String> signals = new ArrayList<>();
    final List<PaymentObserved> seen = new ArrayList<>();

    @Override
    public synchronized SignalResult paymentSeen(String invoiceId, PaymentObserved payment) {
        signals.add(invoiceId + " seen " + payment.paymentRef() + " " + payment.confirmations());
        seen.add(payment);
        return SignalResult.DELIVERED;
    }

    @Override
    public synchronized SignalResult confirmations(String invoiceId, ConfirmationsChanged change) {
        signals.add(invoiceId + " confirmations " + change.paymentRef() + " " + change.confirmations());
        return SignalResult.DELIVERED;
    }

    @Override
    public synchronized SignalResult paymentDropped(String invoiceId, PaymentDropped drop) {
        signals.add(invoiceId + " dropped " + drop.paymentRef());
        return SignalResult.DELIVERED;
    }

    synchronized List<String> take() {
        List<String> taken = List.copyOf(signals);
        signals.clear();
        return taken;
    }
}
