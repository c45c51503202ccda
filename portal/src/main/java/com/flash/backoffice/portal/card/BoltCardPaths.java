package com.flash.backoffice.portal.card;

/** The public routes a Bolt Card's NDEF URL and its wallet call. */
final class BoltCardPaths {

    static final String TAP = "/boltcard";
    static final String CALLBACK = "/boltcard/callback";
    static final String PROGRAM = "/boltcard/program/";

    private BoltCardPaths() {}
}
