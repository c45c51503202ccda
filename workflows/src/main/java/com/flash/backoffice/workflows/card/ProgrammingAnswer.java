package com.flash.backoffice.workflows.card;

/** The Bolt Card programming app's answer (DEEPLINK.md): the card's URL and keys, or why not. */
public sealed interface ProgrammingAnswer {

    /** Keys in upper-case hex, as the app expects them; never logged ({@link #toString} hides them). */
    record Keys(String lnurlw, String k0, String k1, String k2, String k3, String k4) implements ProgrammingAnswer {

        @Override
        public String toString() {
            return "Keys[" + lnurlw + ", hidden]";
        }
    }

    record Refused(int httpStatus, String reason) implements ProgrammingAnswer {}
}
