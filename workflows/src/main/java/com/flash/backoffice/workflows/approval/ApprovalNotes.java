package com.flash.backoffice.workflows.approval;

/**
 * The notes a requesting workflow stores when its request ends, in one wording for every host (card top-ups, merchant
 * changes): who rejected it and why, or that it lapsed or was withdrawn; and the inbox summary, within its column.
 */
public final class ApprovalNotes {

    /** The note and summary columns' width. */
    public static final int MAX_LENGTH = 500;

    private ApprovalNotes() {}

    /** Why a request that was not approved ended: "Rejected by ...: reason", lapsed, or withdrawn. */
    public static String notApproved(ApprovalProcess approval) {
        return switch (approval.outcome()) {
            case REJECTED ->
                approval.decisions().stream()
                        .filter(decision -> decision.verdict() == ApprovalVerdict.REJECT)
                        .findFirst()
                        .map(decision -> clip("Rejected by " + decision.decidedBy() + ": " + decision.reason()))
                        .orElse("Rejected");
            case EXPIRED -> "Not decided before the approval deadline";
            default -> "Withdrawn before a decision";
        };
    }

    public static String clip(String text) {
        return text.length() <= MAX_LENGTH ? text : text.substring(0, MAX_LENGTH - 3) + "...";
    }
}
