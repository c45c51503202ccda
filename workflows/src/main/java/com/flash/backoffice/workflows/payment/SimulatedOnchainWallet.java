package com.flash.backoffice.workflows.payment;

import com.flash.backoffice.workflows.bitcoin.SimulatedBitcoinNode;
import com.flash.backoffice.workflows.bitcoin.TransactionNotFoundException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DEVELOPMENT ONLY: Flash's on-chain wallet on the {@link SimulatedBitcoinNode}, with unlimited coins. Batches go to
 * the simulated mempool and confirm as it mines; like LND's wallet it lists a batch a reorg dropped as unconfirmed.
 * The fee is a made-up rate (20, 10 or 2 sat/vB by target) over an estimated size. It announces itself at creation.
 */
public final class SimulatedOnchainWallet implements OnchainWallet {

    private static final Logger log = LoggerFactory.getLogger(SimulatedOnchainWallet.class);

    private final SimulatedBitcoinNode chain;
    private final Map<String, String> txidsByLabel = new HashMap<>();
    private final Map<String, Sent> sent = new LinkedHashMap<>();

    private record Sent(String label, List<OnchainOutput> payments, long feeSat) {}

    public SimulatedOnchainWallet(SimulatedBitcoinNode chain) {
        this.chain = Objects.requireNonNull(chain, "chain");
        log.warn("SIMULATED on-chain wallet — development only: sends move no real coins");
    }

    @Override
    public synchronized OnchainTransaction sendBatch(String label, List<OnchainOutput> outputs, int targetConf) {
        OnchainWallet.check(label, outputs, targetConf);
        Optional<OnchainTransaction> before = findByLabel(label);
        if (before.isPresent()) {
            return before.get();
        }
        Map<String, Long> amounts = new LinkedHashMap<>();
        outputs.forEach(o -> amounts.put(o.address(), o.amountSat()));
        String txid = chain.payToAll(amounts);
        txidsByLabel.put(label, txid);
        sent.put(txid, new Sent(label, List.copyOf(outputs), estimateFeeSat(outputs, targetConf)));
        return transaction(txid).orElseThrow();
    }

    @Override
    public long estimateFeeSat(List<OnchainOutput> outputs, int targetConf) {
        long vbytes = 11 + 68 + 31L * (outputs.size() + 1);
        long satPerVbyte = targetConf <= 2 ? 20 : targetConf <= 6 ? 10 : 2;
        return vbytes * satPerVbyte;
    }

    @Override
    public synchronized Optional<OnchainTransaction> findByLabel(String label) {
        return Optional.ofNullable(txidsByLabel.get(label)).flatMap(this::transaction);
    }

    @Override
    public synchronized Optional<OnchainTransaction> transaction(String txid) {
        Sent batch = sent.get(txid);
        if (batch == null) {
            return Optional.empty();
        }
        int confirmations = 0;
        long height = 0;
        try {
            confirmations = Math.toIntExact(chain.transaction(txid).confirmations());
            height = confirmations == 0 ? 0 : chain.blockCount() - confirmations + 1;
        } catch (TransactionNotFoundException e) {
            // dropped by a reorg: listed as unconfirmed, as LND does
        }
        return Optional.of(
                new OnchainTransaction(txid, batch.label(), confirmations, height, batch.feeSat(), batch.payments()));
    }
}
