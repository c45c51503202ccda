package com.flash.backoffice.workflows.payout;

/**
 * The port that tells a merchant its payout completed or failed (SMTP in the portal; the log when no mail server is
 * configured). A message carries a stable Message-ID, so a retried activity's second send is recognisably the same.
 */
public interface PayoutMail {

    void send(PayoutMailMessage message);
}
