package com.flash.backoffice.portal.approval;

/** What became of a decision sent to the requesting workflow. */
public enum DecisionStatus {
    /** The workflow took it. */
    DECIDED,
    /** The workflow refused it by one of its rules; the message says which. */
    REFUSED,
    /** The request is no longer in the inbox. */
    NOT_PENDING,
    /** The requesting workflow could not be reached or failed to record the decision. */
    UNAVAILABLE
}
