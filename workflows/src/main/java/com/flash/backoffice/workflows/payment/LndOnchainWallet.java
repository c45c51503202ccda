package com.flash.backoffice.workflows.payment;

import com.flash.backoffice.workflows.lightning.LndProperties;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.lightningj.lnd.wrapper.ClientSideException;
import org.lightningj.lnd.wrapper.StatusException;
import org.lightningj.lnd.wrapper.SynchronousLndAPI;
import org.lightningj.lnd.wrapper.ValidationException;
import org.lightningj.lnd.wrapper.message.EstimateFeeRequest;
import org.lightningj.lnd.wrapper.message.GetTransactionsRequest;
import org.lightningj.lnd.wrapper.message.OutputDetail;
import org.lightningj.lnd.wrapper.message.SendManyRequest;
import org.lightningj.lnd.wrapper.message.Transaction;

/**
 * {@link OnchainWallet} over LND's wallet with lightningj: SendMany with the label and target_conf, and
 * GetTransactions (which reports each transaction's label, confirmations and total fees) to find a batch again.
 */
public final class LndOnchainWallet implements OnchainWallet, AutoCloseable {

    private final SynchronousLndAPI api;

    public LndOnchainWallet(LndProperties properties) {
        Objects.requireNonNull(properties, "properties");
        properties.requireComplete();
        try {
            api = new SynchronousLndAPI(
                    properties.host(),
                    properties.port(),
                    properties.tlsCertPath().toFile(),
                    properties.macaroonPath().toFile());
        } catch (Exception e) {
            throw new OnchainWalletException(
                    "cannot connect to LND at " + properties.host() + ":" + properties.port(), e);
        }
    }

    /** Synchronized: within one process the look-up and the send of a label are one step. */
    @Override
    public synchronized OnchainTransaction sendBatch(String label, List<OnchainOutput> outputs, int targetConf) {
        OnchainWallet.check(label, outputs, targetConf);
        Optional<OnchainTransaction> sent = findByLabel(label);
        if (sent.isPresent()) {
            return sent.get();
        }
        Map<String, Long> amounts = new LinkedHashMap<>();
        outputs.forEach(o -> amounts.put(o.address(), o.amountSat()));
        SendManyRequest request = new SendManyRequest();
        request.setAddrToAmount(amounts);
        request.setTargetConf(targetConf);
        request.setLabel(label);
        String txid;
        try {
            txid = api.sendMany(request).getTxid();
        } catch (StatusException | ValidationException e) {
            throw new OnchainWalletException("LND SendMany for " + label + " failed: " + e.getMessage(), e);
        }
        return transaction(txid)
                .orElseThrow(() -> new OnchainWalletException(
                        "LND sent " + txid + " for " + label + " but does not list it", null));
    }

    @Override
    public long estimateFeeSat(List<OnchainOutput> outputs, int targetConf) {
        if (outputs.isEmpty() || targetConf < 1) {
            throw new IllegalArgumentException("an estimate needs outputs and a target of at least 1 block");
        }
        Map<String, Long> amounts = new LinkedHashMap<>();
        outputs.forEach(o -> amounts.merge(o.address(), o.amountSat(), Math::addExact));
        EstimateFeeRequest request = new EstimateFeeRequest();
        request.setAddrToAmount(amounts);
        request.setTargetConf(targetConf);
        try {
            return api.estimateFee(request).getFeeSat();
        } catch (StatusException | ValidationException e) {
            throw new OnchainWalletException("LND EstimateFee failed: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<OnchainTransaction> findByLabel(String label) {
        return all().filter(tx -> label.equals(tx.getLabel()))
                .min(Comparator.comparingLong(Transaction::getTimeStamp))
                .map(LndOnchainWallet::toTransaction);
    }

    @Override
    public Optional<OnchainTransaction> transaction(String txid) {
        return all().filter(tx -> txid.equals(tx.getTxHash())).findFirst().map(LndOnchainWallet::toTransaction);
    }

    /** Every wallet transaction, unconfirmed ones included (end height -1). */
    private Stream<Transaction> all() {
        GetTransactionsRequest request = new GetTransactionsRequest();
        request.setStartHeight(0);
        request.setEndHeight(-1);
        try {
            return api.getTransactions(request).getTransactions().stream();
        } catch (StatusException | ValidationException e) {
            throw new OnchainWalletException("LND GetTransactions failed: " + e.getMessage(), e);
        }
    }

    private static OnchainTransaction toTransaction(Transaction tx) {
        List<OnchainOutput> payments;
        try {
            payments = tx.getOutputDetails().stream()
                    .filter(o -> !o.getIsOurAddress()
                            && o.getAddress() != null
                            && !o.getAddress().isEmpty())
                    .sorted(Comparator.comparingLong(OutputDetail::getOutputIndex))
                    .map(o -> new OnchainOutput(o.getAddress(), o.getAmount()))
                    .toList();
        } catch (ClientSideException e) {
            throw new OnchainWalletException("LND transaction " + tx.getTxHash() + " unreadable: " + e.getMessage(), e);
        }
        return new OnchainTransaction(
                tx.getTxHash(),
                tx.getLabel(),
                Math.max(0, tx.getNumConfirmations()),
                Math.max(0, tx.getBlockHeight()),
                tx.getTotalFees(),
                payments);
    }

    @Override
    public void close() {
        try {
            api.close();
        } catch (Exception e) {
            // closing a connection that failed is not worth a failure
        }
    }
}
