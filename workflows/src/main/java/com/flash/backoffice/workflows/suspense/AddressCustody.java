package com.flash.backoffice.workflows.suspense;

import org.springframework.stereotype.Component;

/**
 * Who holds the coins paid to an invoice's on-chain address: Flash's wallet (custodial, booked as Flash's asset)
 * or the merchant's own wallet (a note, no entry). Lightning receipts are always Flash's and do not ask.
 */
@Component
public class AddressCustody {

    /**
     * Every invoice address today is derived from the merchant's watch-only key, so none is Flash's. Once
     * {@code invoice_address.custody} exists (V017), answer from it: {@code FLASH_WALLET} is true.
     */
    public boolean isFlashWallet(String address) {
        return false;
    }
}
