package com.flash.backoffice.workflows.suspense;

import com.flash.backoffice.db.chain.InvoiceAddressRepository;
import com.flash.backoffice.db.merchant.OnchainCustody;
import org.springframework.stereotype.Component;

/**
 * Who holds the coins paid to an invoice's on-chain address: Flash's wallet (custodial, booked as Flash's asset)
 * or the merchant's own wallet (a note, no entry). Lightning receipts are always Flash's and do not ask. The answer is
 * the custody the address was allocated with ({@code invoice_address.custody}, V017).
 */
@Component
public class AddressCustody {

    private final InvoiceAddressRepository addresses;

    public AddressCustody(InvoiceAddressRepository addresses) {
        this.addresses = addresses;
    }

    /** False for an address no invoice owns: nothing says Flash's keys control it. */
    public boolean isFlashWallet(String address) {
        return addresses
                .findByAddress(address)
                .map(allocated -> allocated.custody() == OnchainCustody.FLASH_WALLET)
                .orElse(false);
    }
}
