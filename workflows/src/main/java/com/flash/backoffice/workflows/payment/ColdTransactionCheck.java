package com.flash.backoffice.workflows.payment;

import com.flash.backoffice.workflows.payment.PsbtRefusal.Reason;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import org.bitcoinj.base.AddressParser;
import org.bitcoinj.base.BitcoinNetwork;
import org.bitcoinj.base.Coin;
import org.bitcoinj.base.exceptions.AddressFormatException;
import org.bitcoinj.core.Transaction;
import org.bitcoinj.core.TransactionInput;
import org.bitcoinj.core.TransactionOutput;
import org.bitcoinj.script.Script;
import org.bitcoinj.script.ScriptBuilder;
import org.bitcoinj.script.ScriptException;
import org.bitcoinj.script.ScriptPattern;

/**
 * The rules a signed cold-treasury transaction must meet before it is broadcast: exactly the funded inputs, each
 * approved output paid once with its exact amount, nothing else than change to the treasury account, a fee within
 * the limit, and every input signed (P2WPKH signatures are verified against the coin they spend).
 */
final class ColdTransactionCheck {

    private static final HexFormat HEX = HexFormat.of();

    private final BitcoinNetwork network;

    ColdTransactionCheck(BitcoinNetwork network) {
        this.network = Objects.requireNonNull(network, "network");
    }

    /** The output script {@code address} stands for, in hex; refuses an address of another network. */
    String scriptOf(String address) {
        try {
            return HEX.formatHex(ScriptBuilder.createOutputScript(
                            AddressParser.getDefault(network).parseAddress(address))
                    .getProgram());
        } catch (AddressFormatException e) {
            throw new IllegalArgumentException(
                    address + " is not a " + network.id() + " address: " + e.getMessage(), e);
        }
    }

    /**
     * @param isTreasury whether an output script (hex) pays the treasury account; asked only for outputs that pay
     *     no approved address
     */
    VerifiedTransaction check(
            FundedPsbt funded,
            Transaction tx,
            List<OnchainOutput> approved,
            long feeLimitSat,
            Predicate<String> isTreasury) {
        checkInputs(funded, tx);
        checkSignatures(funded, tx);
        Map<String, OnchainOutput> approvedByScript = new LinkedHashMap<>();
        for (OnchainOutput output : approved) {
            if (approvedByScript.put(scriptOf(output.address()), output) != null) {
                throw new IllegalArgumentException("the approved outputs pay " + output.address() + " twice");
            }
        }
        Map<String, Integer> paidTimes = new LinkedHashMap<>();
        long outputSat = 0;
        long changeSat = 0;
        for (TransactionOutput out : tx.getOutputs()) {
            String script = HEX.formatHex(out.getScriptBytes());
            long value = out.getValue().value;
            outputSat = Math.addExact(outputSat, value);
            OnchainOutput wanted = approvedByScript.get(script);
            if (wanted != null) {
                if (paidTimes.merge(script, 1, Integer::sum) > 1) {
                    throw new PsbtRefusal(
                            Reason.OUTPUT_DUPLICATED,
                            "the transaction pays the approved address " + wanted.address() + " more than once");
                }
                if (value != wanted.amountSat()) {
                    throw new PsbtRefusal(
                            Reason.AMOUNT_DIFFERS,
                            "the transaction pays " + value + " sat to " + wanted.address() + ", approved is "
                                    + wanted.amountSat() + " sat");
                }
            } else if (isTreasury.test(script)) {
                changeSat = Math.addExact(changeSat, value);
            } else {
                throw new PsbtRefusal(
                        Reason.UNKNOWN_OUTPUT,
                        "output " + tx.getOutputs().indexOf(out) + " pays " + value + " sat to " + describe(out)
                                + ", which is neither an approved output nor the treasury account");
            }
        }
        for (Map.Entry<String, OnchainOutput> entry : approvedByScript.entrySet()) {
            if (!paidTimes.containsKey(entry.getKey())) {
                OnchainOutput missing = entry.getValue();
                throw new PsbtRefusal(
                        Reason.OUTPUT_MISSING,
                        "the transaction does not pay the approved " + missing.amountSat() + " sat to "
                                + missing.address());
            }
        }
        long feeSat = funded.inputSat() - outputSat;
        if (feeSat < 0) {
            throw new PsbtRefusal(
                    Reason.AMOUNT_DIFFERS, "the transaction pays out " + -feeSat + " sat more than its inputs hold");
        }
        if (feeSat > feeLimitSat) {
            throw new PsbtRefusal(
                    Reason.FEE_OVER_LIMIT, "the fee is " + feeSat + " sat, the limit is " + feeLimitSat + " sat");
        }
        return new VerifiedTransaction(
                tx.getTxId().toString(), HEX.formatHex(tx.serialize()), feeSat, List.copyOf(approved), changeSat);
    }

    private static void checkInputs(FundedPsbt funded, Transaction tx) {
        List<String> spent = new ArrayList<>();
        for (TransactionInput input : tx.getInputs()) {
            spent.add(input.getOutpoint().hash() + ":" + input.getOutpoint().index());
        }
        Set<String> expected = new HashSet<>();
        funded.inputs().forEach(i -> expected.add(i.outpoint()));
        if (spent.size() != expected.size() || !expected.equals(new HashSet<>(spent))) {
            throw new PsbtRefusal(
                    Reason.NOT_THE_FUNDED_INPUTS,
                    "the transaction spends " + spent + ", not the funded treasury coins " + expected);
        }
    }

    private static void checkSignatures(FundedPsbt funded, Transaction tx) {
        Map<String, LockedInput> coins = new LinkedHashMap<>();
        funded.inputs().forEach(i -> coins.put(i.outpoint(), i));
        List<TransactionInput> inputs = tx.getInputs();
        for (int i = 0; i < inputs.size(); i++) {
            TransactionInput input = inputs.get(i);
            if (!input.hasWitness() && input.getScriptBytes().length == 0) {
                throw new PsbtRefusal(Reason.NOT_SIGNED, "input " + i + " is not signed");
            }
            LockedInput coin = coins.get(
                    input.getOutpoint().hash() + ":" + input.getOutpoint().index());
            Script pkScript = Script.parse(HEX.parseHex(coin.pkScriptHex()));
            if (ScriptPattern.isP2WPKH(pkScript)) {
                try {
                    input.getScriptSig()
                            .correctlySpends(
                                    tx,
                                    i,
                                    input.getWitness(),
                                    Coin.valueOf(coin.valueSat()),
                                    pkScript,
                                    Script.ALL_VERIFY_FLAGS);
                } catch (ScriptException e) {
                    throw new PsbtRefusal(
                            Reason.BAD_SIGNATURE,
                            "the signature of input " + i + " (" + coin.outpoint() + ") does not verify: "
                                    + e.getMessage());
                }
            }
        }
    }

    private String describe(TransactionOutput out) {
        try {
            return out.getScriptPubKey().getToAddress(network).toString();
        } catch (ScriptException e) {
            return "script " + HEX.formatHex(out.getScriptBytes());
        }
    }
}
