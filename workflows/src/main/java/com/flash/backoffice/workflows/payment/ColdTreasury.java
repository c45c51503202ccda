package com.flash.backoffice.workflows.payment;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The port to the cold treasury: a watch-only account (the treasury key's xpub/zpub) on Flash's node, whose
 * coins only an offline signer (a hardware wallet) can spend. A payout batch is funded as an unsigned PSBT,
 * signed offline, checked against the approved outputs and only then broadcast. Adapter: {@link LndColdTreasury}.
 */
public interface ColdTreasury {

    /**
     * Builds the unsigned PSBT that pays {@code outputs} from the treasury account, change back to it, at a fee
     * rate for confirmation within {@code targetConf} blocks, and locks its inputs for {@code batchId} (a second
     * call for the same batch first releases the inputs the first one locked). Bad input
     * ({@link IllegalArgumentException}) locks nothing; the node's refusal (not enough funds) is an
     * {@link OnchainWalletException}.
     */
    FundedPsbt fund(String batchId, List<OnchainOutput> outputs, int targetConf);

    /**
     * Checks the signed upload against what was funded and approved, and returns the transaction to publish.
     *
     * @param signedUpload the signed PSBT as uploaded: the binary file, its base64 text, or (what some signers
     *     export instead) the final transaction in hex
     * @throws PsbtRefusal with the reason when the upload does not spend exactly the funded inputs, does not pay
     *     every approved output exactly once with its exact amount, pays anything else than the treasury account,
     *     pays a fee above {@code feeLimitSat}, or is not fully signed; nothing is broadcast
     */
    VerifiedTransaction verify(FundedPsbt funded, byte[] signedUpload, List<OnchainOutput> approved, long feeLimitSat);

    /** {@link #verify(FundedPsbt, byte[], List, long)} of a text upload (base64 PSBT or transaction hex). */
    default VerifiedTransaction verify(
            FundedPsbt funded, String signedUpload, List<OnchainOutput> approved, long feeLimitSat) {
        if (signedUpload == null) {
            throw new PsbtRefusal(PsbtRefusal.Reason.UNREADABLE, "nothing was uploaded");
        }
        return verify(funded, signedUpload.getBytes(StandardCharsets.UTF_8), approved, feeLimitSat);
    }

    /**
     * Broadcasts the verified transaction labelled {@code label} and returns its txid. Publishing it again (a
     * retry after a crash) is a success, also once it is confirmed.
     */
    String publish(VerifiedTransaction transaction, String label);

    /** The confirmations of {@code txid} as the node's wallet counts them; 0 while unconfirmed. */
    int confirmations(String txid);

    /** Releases the inputs {@link #fund} locked (the batch was abandoned); releasing twice is harmless. */
    void release(FundedPsbt funded);

    /** A fresh receiving address of the treasury account, to move coins into cold storage. */
    String depositAddress();
}
