package com.flash.backoffice.workflows.bitcoin;

import com.flash.backoffice.db.chain.InvoiceAddress;
import com.flash.backoffice.db.chain.InvoiceAddressRepository;
import com.flash.backoffice.db.merchant.Merchant;
import com.flash.backoffice.db.merchant.MerchantRepository;
import com.flash.backoffice.db.merchant.OnchainCustody;
import com.flash.backoffice.db.support.UtcTimestamps;
import com.flash.backoffice.workflows.lightning.LightningNode;
import com.flash.backoffice.workflows.lightning.LightningNodeException;
import com.flash.backoffice.workflows.lightning.WalletAddressType;
import java.util.Optional;

/**
 * Gives an invoice its on-chain address by the merchant's custody: the next unused receive address of the merchant's
 * watch-only key ({@link MerchantRepository#allocateDerivationIndex} hands out each index once), or, for a Flash-wallet
 * merchant, a fresh address of Flash's own LND wallet ({@link LightningNode#newAddress}). It is stored in
 * {@code invoice_address} with that custody, where the chain watcher picks it up.
 */
public class InvoiceAddresses {

    private final MerchantRepository merchants;
    private final InvoiceAddressRepository addresses;
    private final ChainNetwork network;
    private final LightningNode flashWallet;

    public InvoiceAddresses(
            MerchantRepository merchants,
            InvoiceAddressRepository addresses,
            ChainNetwork network,
            LightningNode flashWallet) {
        this.merchants = merchants;
        this.addresses = addresses;
        this.network = network;
        this.flashWallet = flashWallet;
    }

    /**
     * The invoice's address: the one allocated before (a retried call uses no new index), else a fresh one.
     * Empty when a merchant-wallet merchant has no watch-only key (the invoice then offers no on-chain payment).
     *
     * @throws IllegalArgumentException if the merchant does not exist
     * @throws InvalidExtendedKeyException if the stored key is not usable on this network
     * @throws LightningNodeException if Flash's wallet gives no address
     */
    public Optional<InvoiceAddress> allocate(String invoiceId, String merchantId) {
        Optional<InvoiceAddress> existing = addresses.findByInvoice(invoiceId);
        if (existing.isPresent()) {
            return existing;
        }
        Merchant merchant = merchants
                .findById(merchantId)
                .orElseThrow(() -> new IllegalArgumentException("No merchant " + merchantId));
        if (merchant.onchainCustody() == OnchainCustody.FLASH_WALLET) {
            InvoiceAddress address = InvoiceAddress.flashWallet(
                    flashWallet.newAddress(WalletAddressType.WITNESS_PUBKEY_HASH),
                    invoiceId,
                    merchantId,
                    UtcTimestamps.now());
            addresses.insert(address);
            return Optional.of(address);
        }
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
