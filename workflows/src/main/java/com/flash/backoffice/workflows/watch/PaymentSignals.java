package com.flash.backoffice.workflows.watch;

import com.flash.backoffice.workflows.invoice.ConfirmationsChanged;
import com.flash.backoffice.workflows.invoice.PaymentDropped;
import com.flash.backoffice.workflows.invoice.PaymentObserved;

/** How watchers report what they see to invoice workflows; they never decide a status themselves. */
public interface PaymentSignals {

    SignalResult paymentSeen(String invoiceId, PaymentObserved payment);

    SignalResult confirmations(String invoiceId, ConfirmationsChanged change);

    SignalResult paymentDropped(String invoiceId, PaymentDropped drop);
}
