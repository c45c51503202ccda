package com.flash.backoffice.workflows.bitcoin;

import com.flash.backoffice.db.chain.InvoiceAddress;
import com.flash.backoffice.db.chain.InvoiceAddressRepository;
import com.flash.backoffice.db.merchant.Merchant;
import com.flash.backoffice.db.merchant.MerchantRepository;
import com.flash.backoffice.db.support.UtcTimestamps;
import java.util.Optional;

/**
 * Gives an invoice its on-chain address: the next unused receive address of the merchant's watch-only key
 * ({@link MerchantRepository#allocateDerivationIndex} hands out each index once), stored in {@code invoice_address}
 * where the chain watcher picks it up.
 */
public class InvoiceAddresses {

    private final MerchantRepository merchants;
    private final InvoiceAddressRepository addresses;
    private final ChainNetwork network;

    public InvoiceAddresses(MerchantRepository merchants, InvoiceAddressRepository addresses, ChainNetwork network) {
        this.merchants = merchants;
        this.addresses = addresses;
        this.network = network;
    }

    /**
     * The invoice's address: the one allocated before (a retried call uses no new index), else a fresh one.
     * Empty when the merchant has no watch-only key (the invoice then offers no on-chain payment).
     *
     * @throws IllegalArgumentException if the merchant does not exist
     * @throws InvalidExtendedKeyException if the stored key is not usable on this network
     */
    public Optional<InvoiceAddress> allocate(String invoiceId, String merchantId) {
        Optional<InvoiceAddress> existing = addresses.findByInvoice(invoiceId);
        if (existing.isPresent()) {
            return existing;
        }
        Merchant merchant = merchants
                .findById(merchantId)
                .orElseThrow(() -> new IllegalArgumentException("No merchant " + merchantId));
        if (merchant.derivationScheme() == null || merchant.derivationScheme().isBlank()) {
            return Optional.empty();
        }
        WatchOnlyKey key = ExtendedPublicKeys.parse(merchant.derivationScheme(), network);
        long index = merchants
                .allocateDerivationIndex(merchantId)
                .orElseThrow(() -> new IllegalArgumentException("No merchant " + merchantId));
        InvoiceAddress address =
                new InvoiceAddress(key.receiveAddress(index), invoiceId, merchantId, index, UtcTimestamps.now());
        addresses.insert(address);
        return Optional.of(address);
    }
}
