package com.flash.backoffice.db.ledger;

import java.util.Objects;

public record NewLedgerAccount(String code, String name, AccountType type, String merchantId) {

    public NewLedgerAccount {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }
}
