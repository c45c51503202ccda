package com.flash.backoffice.portal.workflow;

/** Expected outcomes of cancel and terminate, with the message the user sees. */
public enum WorkflowActionResult {
    DONE("Done."),
    ALREADY_CLOSED("The workflow has already finished; nothing was changed."),
    NOT_FOUND("No such workflow.");

    private final String message;

    WorkflowActionResult(String message) {
        this.message = message;
    }

    public String message() {
        return message;
    }
}
