package com.flash.backoffice.portal.workflow;

import com.google.protobuf.Timestamp;
import java.time.Instant;

final class Timestamps {

    private Timestamps() {}

    static Instant toInstant(Timestamp timestamp) {
        return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
    }
}
