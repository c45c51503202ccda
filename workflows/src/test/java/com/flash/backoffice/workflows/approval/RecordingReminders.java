package com.flash.backoffice.workflows.approval;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Test only: the reminders "mailed", in order (the portal's mailer is tested against a real SMTP server). */
final class RecordingReminders implements ApprovalReminders {

    final List<ApprovalReminder> sent = new CopyOnWriteArrayList<>();

    @Override
    public void send(ApprovalReminder reminder) {
        sent.add(reminder);
    }

    List<String> subjects() {
        return sent.stream().map(reminder -> reminder.subject().subjectId()).toList();
    }
}
