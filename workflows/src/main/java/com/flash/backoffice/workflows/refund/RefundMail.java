package com.flash.backoffice.workflows.refund;

/** The port that mails a buyer the claim link of a refund (SMTP in the portal). */
public interface RefundMail {

    /** @param messageId stable per refund, so a retried send is recognisably the same message */
    void send(String to, String subject, String text, String messageId);
}
