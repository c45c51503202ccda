package com.flash.backoffice.workflows.payment;

import java.nio.ByteBuffer;
import org.bitcoinj.base.VarInt;
import org.bitcoinj.core.Transaction;

/**
 * Reads the unsigned transaction of a PSBT LND just funded, to tell FINANCE the change and the fee. BIP174
 * (version 0) puts it first, as the global record with key type 0x00; nothing else of the PSBT is read here.
 */
final class PsbtUnsignedTransaction {

    private PsbtUnsignedTransaction() {}

    static Transaction read(byte[] psbt) {
        ByteBuffer buffer = ByteBuffer.wrap(psbt);
        byte[] magic = new byte[SignedUpload.PSBT_MAGIC.length];
        buffer.get(magic);
        if (!java.util.Arrays.equals(magic, SignedUpload.PSBT_MAGIC)) {
            throw new IllegalStateException("LND returned something else than a PSBT");
        }
        long keyLength = VarInt.read(buffer).longValue();
        if (keyLength != 1 || buffer.get() != 0x00) {
            throw new IllegalStateException("LND's PSBT does not start with its unsigned transaction");
        }
        int valueLength = Math.toIntExact(VarInt.read(buffer).longValue());
        byte[] value = new byte[valueLength];
        buffer.get(value);
        return Transaction.read(ByteBuffer.wrap(value));
    }
}
