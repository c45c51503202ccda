package com.flash.backoffice.portal.approval;

import com.flash.backoffice.db.money.Msat;
import com.flash.backoffice.workflows.approval.ApprovalReminder;
import com.flash.backoffice.workflows.approval.ApprovalReminders;
import com.flash.backoffice.workflows.approval.ApprovalSubject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * The approval activities' reminders, mailed to the approver group through the application's SMTP server; a refused
 * mail throws, so the activity retries it. Without a server or an address the reminder is only logged.
 */
class MailedApprovalReminders implements ApprovalReminders {

    private static final Logger LOG = LoggerFactory.getLogger(MailedApprovalReminders.class);

    private final JavaMailSender sender;
    private final String from;
    private final String to;

    /** {@code sender} null: reminders are logged only. */
    MailedApprovalReminders(JavaMailSender sender, String from, String to) {
        this.sender = sender;
        this.from = from;
        this.to = to;
    }

    @Override
    public void send(ApprovalReminder reminder) {
        SimpleMailMessage message = message(reminder);
        if (sender == null) {
            LOG.info("Approval reminder (not mailed): {} / {}", message.getSubject(), message.getText());
            return;
        }
        sender.send(message);
    }

    SimpleMailMessage message(ApprovalReminder reminder) {
        ApprovalSubject subject = reminder.subject();
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(from);
        message.setTo(to);
        message.setSubject("Flash approvals: "
                + subject.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " " + subject.subjectId()
                + " waits for " + com.flash.backoffice.db.approval.ApproverRoles.describe(reminder.approverRole()));
        message.setText("Requested by " + subject.requestedBy() + " at " + reminder.openedAt() + " (UTC): "
                + (subject.summary() == null ? "" : subject.summary()) + "\nAmount: "
                + Msat.ofMsat(subject.amountMsat()).toBtcString() + " BTC."
                + "\nIt expires undecided at " + reminder.deadlineAt() + " (UTC). Decide it in the portal's"
                + " Approvals inbox (/approvals).");
        return message;
    }
}
