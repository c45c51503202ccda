package com.flash.backoffice.db.ledger;

import java.util.Collection;

public class UnknownAccountException extends RuntimeException {

    public UnknownAccountException(Collection<String> codes) {
        super("unknown ledger account(s): " + String.join(", ", codes));
    }
}
