package com.flash.backoffice.workflows.payment;

import com.flash.backoffice.workflows.payment.PsbtRefusal.Reason;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import org.bitcoinj.core.Transaction;

/**
 * What FINANCE uploads after signing: a PSBT (the binary file, its base64 text or hex) or, as some signers export
 * instead, the final transaction in hex. Only the form is told apart here; the PSBT itself is LND's business.
 */
sealed interface SignedUpload {

    byte[] PSBT_MAGIC = {0x70, 0x73, 0x62, 0x74, (byte) 0xff};

    /** A PSBT in its binary form. */
    record Psbt(byte[] bytes) implements SignedUpload {}

    /** A serialized transaction. */
    record RawTransaction(Transaction transaction) implements SignedUpload {}

    static SignedUpload of(byte[] upload) {
        if (upload == null || upload.length == 0) {
            throw new PsbtRefusal(Reason.UNREADABLE, "the upload is empty");
        }
        if (isPsbt(upload)) {
            return new Psbt(upload);
        }
        String text = new String(upload, StandardCharsets.ISO_8859_1).replaceAll("\\s", "");
        if (text.isEmpty()) {
            throw new PsbtRefusal(Reason.UNREADABLE, "the upload is empty");
        }
        if (text.length() % 2 == 0 && text.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            byte[] bytes = HexFormat.of().parseHex(text);
            return isPsbt(bytes) ? new Psbt(bytes) : new RawTransaction(transaction(bytes));
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw unreadable();
        }
        if (!isPsbt(decoded)) {
            throw unreadable();
        }
        return new Psbt(decoded);
    }

    private static boolean isPsbt(byte[] bytes) {
        return bytes.length > PSBT_MAGIC.length && Arrays.equals(Arrays.copyOf(bytes, PSBT_MAGIC.length), PSBT_MAGIC);
    }

    private static Transaction transaction(byte[] bytes) {
        try {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            Transaction tx = Transaction.read(buffer);
            if (buffer.hasRemaining()
                    || tx.getInputs().isEmpty()
                    || tx.getOutputs().isEmpty()) {
                throw unreadable();
            }
            return tx;
        } catch (RuntimeException e) {
            if (e instanceof PsbtRefusal refusal) {
                throw refusal;
            }
            throw unreadable();
        }
    }

    private static PsbtRefusal unreadable() {
        return new PsbtRefusal(
                Reason.UNREADABLE,
                "the upload is neither a PSBT (binary, base64 or hex) nor a signed transaction in hex");
    }
}
