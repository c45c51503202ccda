package com.flash.backoffice.db.merchant;

public class MerchantNameTakenException extends RuntimeException {

    public MerchantNameTakenException(String name, Throwable cause) {
        super("a merchant named '" + name + "' already exists", cause);
    }
}
