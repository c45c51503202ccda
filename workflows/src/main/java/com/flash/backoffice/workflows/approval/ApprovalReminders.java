package com.flash.backoffice.workflows.approval;

/**
 * Where reminders go: the portal mails them through its SMTP server (mail lives there). Throws when the reminder was
 * not sent, so the activity retries it.
 */
public interface ApprovalReminders {

    void send(ApprovalReminder reminder);
}
