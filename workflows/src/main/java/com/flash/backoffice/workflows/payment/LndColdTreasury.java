package com.flash.backoffice.workflows.payment;

import com.flash.backoffice.workflows.bitcoin.ChainNetwork;
import com.flash.backoffice.workflows.lightning.LndProperties;
import com.flash.backoffice.workflows.payment.PsbtRefusal.Reason;
import io.grpc.Status;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.bitcoinj.base.BitcoinNetwork;
import org.bitcoinj.base.Sha256Hash;
import org.bitcoinj.core.Transaction;
import org.lightningj.lnd.wrapper.StatusException;
import org.lightningj.lnd.wrapper.SynchronousLndAPI;
import org.lightningj.lnd.wrapper.ValidationException;
import org.lightningj.lnd.wrapper.message.OutPoint;
import org.lightningj.lnd.wrapper.walletkit.SynchronousWalletKitAPI;
import org.lightningj.lnd.wrapper.walletkit.message.Account;
import org.lightningj.lnd.wrapper.walletkit.message.AccountWithAddresses;
import org.lightningj.lnd.wrapper.walletkit.message.AddressProperty;
import org.lightningj.lnd.wrapper.walletkit.message.AddressType;
import org.lightningj.lnd.wrapper.walletkit.message.FinalizePsbtRequest;
import org.lightningj.lnd.wrapper.walletkit.message.FundPsbtRequest;
import org.lightningj.lnd.wrapper.walletkit.message.FundPsbtResponse;
import org.lightningj.lnd.wrapper.walletkit.message.ImportAccountRequest;
import org.lightningj.lnd.wrapper.walletkit.message.ListAccountsRequest;
import org.lightningj.lnd.wrapper.walletkit.message.ListAddressesRequest;
import org.lightningj.lnd.wrapper.walletkit.message.TxTemplate;
import org.lightningj.lnd.wrapper.walletkit.message.UtxoLease;

/**
 * {@link ColdTreasury} over LND's wallet kit with lightningj: the treasury key is a watch-only account of Flash's
 * node, which funds PSBTs from it ({@code FundPsbt}), finalizes the PSBT the offline signer returns
 * ({@code FinalizePsbt} for that account: the node holds no key of it, so it only assembles the signatures it is
 * given) and broadcasts ({@code PublishTransaction}). Coins of a funded PSBT are leased under an id derived from
 * the batch id for {@link ColdTreasuryProperties#lockDuration()}, instead of LND's 10-minute lease.
 */
public final class LndColdTreasury implements ColdTreasury, AutoCloseable {

    private static final HexFormat HEX = HexFormat.of();

    private final ColdTreasuryProperties properties;
    private final OnchainWallet wallet;
    private final ColdTransactionCheck check;
    private final SynchronousWalletKitAPI walletKit;
    private final SynchronousLndAPI lnd;

    public LndColdTreasury(
            LndProperties lndProperties,
            ColdTreasuryProperties properties,
            ChainNetwork network,
            OnchainWallet wallet) {
        Objects.requireNonNull(lndProperties, "lndProperties");
        this.properties = Objects.requireNonNull(properties, "properties");
        this.wallet = Objects.requireNonNull(wallet, "wallet");
        this.check = new ColdTransactionCheck(BitcoinNetwork.valueOf(network.name()));
        lndProperties.requireComplete();
        try {
            walletKit = new SynchronousWalletKitAPI(
                    lndProperties.host(),
                    lndProperties.port(),
                    lndProperties.tlsCertPath().toFile(),
                    lndProperties.macaroonPath().toFile());
            lnd = new SynchronousLndAPI(
                    lndProperties.host(),
                    lndProperties.port(),
                    lndProperties.tlsCertPath().toFile(),
                    lndProperties.macaroonPath().toFile());
        } catch (Exception e) {
            throw new OnchainWalletException(
                    "cannot connect to LND at " + lndProperties.host() + ":" + lndProperties.port(), e);
        }
    }

    /**
     * Imports the treasury account as watch-only unless LND has it; fails when LND has an account of that name
     * with another key. LND sees the account's coins only from the import on (it does not rescan).
     */
    public synchronized void ensureAccount() {
        Optional<Account> existing = account();
        if (existing.isPresent()) {
            Account account = existing.get();
            if (!account.getExtendedPublicKey().equals(properties.extendedPublicKey()) || !account.getWatchOnly()) {
                throw new IllegalStateException("LND already has an account named " + properties.account()
                        + " with another key (" + account.getExtendedPublicKey()
                        + "); choose another flash.payment.cold.account");
            }
            return;
        }
        ImportAccountRequest request = new ImportAccountRequest();
        request.setName(properties.account());
        request.setExtendedPublicKey(properties.extendedPublicKey());
        request.setMasterKeyFingerprint(properties.fingerprintForLnd());
        // LND 0.17 wants the address type with every key, zpub/vpub included
        request.setAddressType(AddressType.valueOf(properties.addressType()));
        request.setDryRun(false);
        try {
            walletKit.importAccount(request);
        } catch (StatusException | ValidationException e) {
            throw new OnchainWalletException(
                    "LND ImportAccount of " + properties.account() + " failed: " + e.getMessage(), e);
        }
    }

    /** LND answers a name filter it has no account for with an error, so the whole list is read. */
    private Optional<Account> account() {
        ListAccountsRequest request = new ListAccountsRequest();
        try {
            return walletKit.listAccounts(request).getAccounts().stream()
                    .filter(a -> properties.account().equals(a.getName()))
                    .findFirst();
        } catch (StatusException | ValidationException e) {
            throw new OnchainWalletException("LND ListAccounts failed: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized FundedPsbt fund(String batchId, List<OnchainOutput> outputs, int targetConf) {
        OnchainWallet.check(batchId, outputs, targetConf);
        if (targetConf < 2) {
            throw new IllegalArgumentException("targetConf must be at least 2 blocks for a PSBT: " + targetConf);
        }
        Map<String, Long> amounts = new LinkedHashMap<>();
        for (OnchainOutput output : outputs) {
            check.scriptOf(output.address());
            amounts.put(output.address(), output.amountSat());
        }
        byte[] lockId = lockId(batchId);
        releaseLeases(lockId);
        TxTemplate template = new TxTemplate();
        template.setOutputs(amounts);
        FundPsbtRequest request = new FundPsbtRequest();
        request.setRaw(template);
        request.setTargetConf(targetConf);
        request.setAccount(properties.account());
        request.setMinConfs(1);
        FundPsbtResponse response;
        List<UtxoLease> leases;
        try {
            response = walletKit.fundPsbt(request);
            leases = response.getLockedUtxos();
        } catch (StatusException | ValidationException e) {
            throw new OnchainWalletException("LND FundPsbt for " + batchId + " failed: " + e.getMessage(), e);
        }
        List<LockedInput> inputs = new ArrayList<>();
        try {
            for (UtxoLease lease : leases) {
                OutPoint outpoint = lease.getOutpoint();
                walletKit.releaseOutput(lease.getId(), outpoint);
                walletKit.leaseOutput(
                        lockId, outpoint, properties.lockDuration().toSeconds());
                inputs.add(new LockedInput(
                        outpoint.getTxidStr(),
                        outpoint.getOutputIndex(),
                        lease.getValue(),
                        HEX.formatHex(lease.getPkScript())));
            }
        } catch (StatusException | ValidationException e) {
            leases.forEach(lease -> releaseQuietly(lease.getId(), lease));
            releaseLeases(lockId);
            throw new OnchainWalletException(
                    "cannot lock the coins of " + batchId + " for the batch: " + e.getMessage(), e);
        }
        byte[] psbt = response.getFundedPsbt();
        Transaction unsigned = PsbtUnsignedTransaction.read(psbt);
        int changeIndex = response.getChangeOutputIndex();
        long outputSat = unsigned.getOutputs().stream()
                .mapToLong(o -> o.getValue().value)
                .reduce(0L, Math::addExact);
        long changeSat =
                changeIndex < 0 ? 0 : unsigned.getOutputs().get(changeIndex).getValue().value;
        long inputSat = inputs.stream().mapToLong(LockedInput::valueSat).reduce(0L, Math::addExact);
        return new FundedPsbt(
                batchId,
                Base64.getEncoder().encodeToString(psbt),
                inputs,
                outputs,
                changeIndex,
                changeSat,
                inputSat - outputSat);
    }

    @Override
    public VerifiedTransaction verify(
            FundedPsbt funded, byte[] signedUpload, List<OnchainOutput> approved, long feeLimitSat) {
        Objects.requireNonNull(funded, "funded");
        if (approved == null || approved.isEmpty()) {
            throw new IllegalArgumentException("there are no approved outputs to check the upload against");
        }
        if (feeLimitSat < 0) {
            throw new IllegalArgumentException("the fee limit is negative: " + feeLimitSat);
        }
        Transaction tx = switch (SignedUpload.of(signedUpload)) {
            case SignedUpload.Psbt psbt -> finalizeSigned(psbt.bytes());
            case SignedUpload.RawTransaction raw -> raw.transaction();
        };
        return check.check(funded, tx, approved, feeLimitSat, treasuryScripts()::contains);
    }

    /** The node adds no signature of its own: the account is watch-only, so FinalizePsbt only assembles. */
    private Transaction finalizeSigned(byte[] psbt) {
        FinalizePsbtRequest request = new FinalizePsbtRequest();
        request.setFundedPsbt(psbt);
        request.setAccount(properties.account());
        byte[] raw;
        try {
            raw = walletKit.finalizePsbt(request).getRawFinalTx();
        } catch (StatusException e) {
            throw refusal(e);
        } catch (ValidationException e) {
            throw new OnchainWalletException("LND FinalizePsbt failed: " + e.getMessage(), e);
        }
        return Transaction.read(ByteBuffer.wrap(raw));
    }

    private static RuntimeException refusal(StatusException e) {
        String message = e.getStatus().getDescription() == null
                ? e.getMessage()
                : e.getStatus().getDescription();
        if (e.getStatus().getCode() != Status.Code.UNKNOWN) {
            return new OnchainWalletException("LND FinalizePsbt failed: " + message, e);
        }
        if (message.contains("error parsing PSBT")) {
            return new PsbtRefusal(Reason.UNREADABLE, "the PSBT cannot be read: " + message);
        }
        if (message.contains("already fully signed")) {
            return new PsbtRefusal(
                    Reason.ALREADY_FINALIZED,
                    "the PSBT is finalized already: upload the signed PSBT before finalizing, or the final"
                            + " transaction (hex) the signer exports");
        }
        return new PsbtRefusal(Reason.NOT_SIGNED, "the PSBT is not fully signed: " + message);
    }

    private Set<String> treasuryScripts() {
        ListAddressesRequest request = new ListAddressesRequest();
        request.setAccountName(properties.account());
        request.setShowCustomAccounts(true);
        Set<String> scripts = new HashSet<>();
        try {
            for (AccountWithAddresses account : walletKit.listAddresses(request).getAccountWithAddresses()) {
                if (properties.account().equals(account.getName())) {
                    for (AddressProperty address : account.getAddresses()) {
                        scripts.add(check.scriptOf(address.getAddress()));
                    }
                }
            }
        } catch (StatusException | ValidationException e) {
            throw new OnchainWalletException("LND ListAddresses failed: " + e.getMessage(), e);
        }
        return scripts;
    }

    @Override
    public String publish(VerifiedTransaction transaction, String label) {
        Objects.requireNonNull(transaction, "transaction");
        if (label == null || label.isBlank() || label.length() > OnchainWallet.MAX_LABEL_LENGTH) {
            throw new IllegalArgumentException(
                    "a label of 1 to " + OnchainWallet.MAX_LABEL_LENGTH + " characters is needed: " + label);
        }
        try {
            walletKit.publishTransaction(HEX.parseHex(transaction.rawTxHex()), label);
        } catch (StatusException | ValidationException e) {
            // LND answers a transaction it knows as in the mempool or confirmed with success; this is for what
            // it words otherwise.
            if (wallet.transaction(transaction.txid()).isEmpty()) {
                throw new OnchainWalletException(
                        "LND PublishTransaction of " + transaction.txid() + " failed: " + e.getMessage(), e);
            }
        }
        return transaction.txid();
    }

    @Override
    public int confirmations(String txid) {
        return wallet.confirmations(txid);
    }

    @Override
    public synchronized void release(FundedPsbt funded) {
        releaseLeases(lockId(funded.batchId()));
    }

    @Override
    public String depositAddress() {
        org.lightningj.lnd.wrapper.message.AddressType type = switch (properties.addressType()) {
            case "NESTED_WITNESS_PUBKEY_HASH" -> org.lightningj.lnd.wrapper.message.AddressType.NESTED_PUBKEY_HASH;
            case "TAPROOT_PUBKEY" -> org.lightningj.lnd.wrapper.message.AddressType.TAPROOT_PUBKEY;
            default -> org.lightningj.lnd.wrapper.message.AddressType.WITNESS_PUBKEY_HASH;
        };
        try {
            return lnd.newAddress(type, properties.account()).getAddress();
        } catch (StatusException | ValidationException e) {
            throw new OnchainWalletException(
                    "LND NewAddress of account " + properties.account() + " failed: " + e.getMessage(), e);
        }
    }

    private void releaseLeases(byte[] lockId) {
        try {
            for (UtxoLease lease : walletKit.listLeases().getLockedUtxos()) {
                if (Arrays.equals(lease.getId(), lockId)) {
                    walletKit.releaseOutput(lockId, lease.getOutpoint());
                }
            }
        } catch (StatusException | ValidationException e) {
            throw new OnchainWalletException("cannot release the coins leased for a batch: " + e.getMessage(), e);
        }
    }

    private void releaseQuietly(byte[] id, UtxoLease lease) {
        try {
            walletKit.releaseOutput(id, lease.getOutpoint());
        } catch (StatusException | ValidationException e) {
            // already released or leased by the batch id; releaseLeases takes care of the latter
        }
    }

    static byte[] lockId(String batchId) {
        return Sha256Hash.hash(("flash-cold-treasury:" + batchId).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        for (AutoCloseable api : List.<AutoCloseable>of(walletKit::close, lnd::close)) {
            try {
                api.close();
            } catch (Exception e) {
                // closing a connection that failed is not worth a failure
            }
        }
    }
}
