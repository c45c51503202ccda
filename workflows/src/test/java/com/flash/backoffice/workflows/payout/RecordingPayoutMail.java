package com.flash.backoffice.workflows.payout;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Test only: the e-mails "sent" (the portal's SMTP adapter is tested against a real SMTP server). */
final class RecordingPayoutMail implements PayoutMail {

    final List<PayoutMailMessage> sent = new CopyOnWriteArrayList<>();

    @Override
    public void send(PayoutMailMessage message) {
        sent.add(message);
    }
}
