package com.flash.backoffice.workflows.payment;

import java.util.List;
import java.util.Objects;

/**
 * An unsigned PSBT funded from the treasury account, for FINANCE to sign offline.
 *
 * @param batchId the business id of the batch it pays
 * @param psbtBase64 the PSBT to download (file or QR), base64 as BIP174 prints it
 * @param inputs the treasury coins it spends, locked for the batch until they are spent or released
 * @param outputs the payments it makes (the approved outputs)
 * @param changeOutputIndex the index of the change output, -1 when there is none
 * @param changeSat the change back to the treasury account, 0 when there is none
 * @param feeSat the network fee: inputs less outputs
 */
public record FundedPsbt(
        String batchId,
        String psbtBase64,
        List<LockedInput> inputs,
        List<OnchainOutput> outputs,
        int changeOutputIndex,
        long changeSat,
        long feeSat) {

    public FundedPsbt {
        Objects.requireNonNull(batchId, "batchId");
        Objects.requireNonNull(psbtBase64, "psbtBase64");
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        if (inputs.isEmpty() || changeSat < 0 || feeSat < 0) {
            throw new IllegalArgumentException(
                    "a funded PSBT spends at least one input, change and fee are not negative");
        }
    }

    /** The sum of the inputs' values. */
    public long inputSat() {
        return inputs.stream().mapToLong(LockedInput::valueSat).reduce(0L, Math::addExact);
    }
}
