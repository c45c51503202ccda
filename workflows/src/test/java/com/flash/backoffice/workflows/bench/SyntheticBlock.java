package com.flash.backoffice.workflows.bench;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.bitcoinj.base.BitcoinNetwork;
import org.bitcoinj.base.LegacyAddress;
import org.bitcoinj.base.SegwitAddress;

/**
 * A mainnet-like block as {@code getblock <hash> 2} returns it: a coinbase, then transactions of 2-3 inputs and
 * 2-3 outputs paying P2PKH, P2SH, P2WPKH, P2WSH and P2TR addresses (about 2.5 KB of JSON each, {@code hex}
 * included). Two shapes: Bitcoin Core 22+ (decoded transactions under {@code tx}, {@code scriptPubKey.address},
 * amounts with 8 decimals) and btcd (ids under {@code tx}, decoded ones under {@code rawtx},
 * {@code scriptPubKey.addresses}, amounts as Go prints a float64: {@code 10}, {@code 1e-08}).
 */
public final class SyntheticBlock {

    public static final String HASH = "00000000000000000002a7c4c1e48d76c5a37902165a270156b7a8d72728a054";
    public static final String PREVIOUS = "000000000000000000014b3a9e1ec1d2e2b9a3e2c0e7fd8a5a0e2f4a3b5c6d7e";
    public static final long HEIGHT = 870_000;

    private static final HexFormat HEX = HexFormat.of();

    public enum Shape {
        CORE,
        BTCD
    }

    /** An output as the block's JSON describes it. */
    public record Output(String txid, int vout, String address, long sats) {}

    private final int transactions;
    private final long seed;
    private final List<Output> outputs = new ArrayList<>();
    private Random random;

    /** The same seed gives the same block in both shapes. */
    public SyntheticBlock(int transactions, long seed) {
        this.transactions = transactions;
        this.seed = seed;
    }

    /** Every output of the block written last by {@link #json}, in order. */
    public List<Output> outputs() {
        return List.copyOf(outputs);
    }

    /** The {@code result} of {@code getblock <hash> 2}. */
    public String json(Shape shape) {
        random = new Random(seed);
        outputs.clear();
        StringBuilder txs = new StringBuilder(transactions * 2_600);
        List<String> txids = new ArrayList<>(transactions);
        for (int i = 0; i < transactions; i++) {
            String txid = hex(32);
            txids.add(txid);
            if (i > 0) {
                txs.append(',');
            }
            transaction(txs, txid, i == 0, shape);
        }
        StringBuilder block = new StringBuilder(txs.length() + 80 * transactions + 1_000);
        block.append("{\"hash\":\"")
                .append(HASH)
                .append("\",\"confirmations\":1,\"size\":1582613,")
                .append("\"strippedsize\":768391,\"weight\":3987786,\"height\":")
                .append(HEIGHT)
                .append(",\"version\":671088640,\"versionHex\":\"28000000\",\"merkleroot\":\"")
                .append(hex(32))
                .append("\",\"time\":1732345000,\"mediantime\":1732342000,\"nonce\":2953153742,")
                .append("\"bits\":\"17030ecd\",\"difficulty\":102289407543323.8,\"chainwork\":\"")
                .append(hex(32))
                .append("\",\"nTx\":")
                .append(transactions)
                .append(",\"previousblockhash\":\"")
                .append(PREVIOUS)
                .append('"');
        if (shape == Shape.CORE) {
            block.append(",\"tx\":[").append(txs).append("]}");
        } else {
            block.append(",\"tx\":[");
            for (int i = 0; i < txids.size(); i++) {
                block.append(i == 0 ? "\"" : ",\"").append(txids.get(i)).append('"');
            }
            block.append("],\"rawtx\":[").append(txs).append("]}");
        }
        return block.toString();
    }

    private void transaction(StringBuilder out, String txid, boolean coinbase, Shape shape) {
        int inputs = coinbase ? 1 : 2 + random.nextInt(2);
        int outputCount = coinbase ? 2 : 2 + random.nextInt(2);
        int size = 10 + inputs * 68 + outputCount * 34;
        int witness = inputs * 108;
        out.append("{\"txid\":\"")
                .append(txid)
                .append("\",\"hash\":\"")
                .append(hex(32))
                .append("\",\"version\":2,\"size\":")
                .append(size + witness)
                .append(",\"vsize\":")
                .append(size + witness / 4)
                .append(",\"weight\":")
                .append(size * 4 + witness)
                .append(",\"locktime\":0,\"vin\":[");
        for (int i = 0; i < inputs; i++) {
            if (i > 0) {
                out.append(',');
            }
            if (coinbase) {
                out.append("{\"coinbase\":\"")
                        .append(hex(40))
                        .append("\",\"txinwitness\":[\"")
                        .append("0".repeat(64))
                        .append("\"],\"sequence\":4294967295}");
            } else {
                out.append("{\"txid\":\"")
                        .append(hex(32))
                        .append("\",\"vout\":")
                        .append(random.nextInt(4))
                        .append(",\"scriptSig\":{\"asm\":\"\",\"hex\":\"\"},\"txinwitness\":[\"")
                        .append(hex(71))
                        .append("\",\"")
                        .append(hex(33))
                        .append("\"],\"sequence\":")
                        .append(random.nextBoolean() ? 4294967293L : 4294967295L)
                        .append('}');
            }
        }
        out.append("],\"vout\":[");
        for (int n = 0; n < outputCount; n++) {
            if (n > 0) {
                out.append(',');
            }
            output(out, txid, n, shape);
        }
        out.append(']');
        long fee = 1_000 + random.nextInt(50_000); // drawn in both shapes so that they stay the same block
        if (!coinbase && shape == Shape.CORE) {
            out.append(",\"fee\":").append(btc(fee, Shape.CORE));
        }
        out.append(",\"hex\":\"").append(hex(size + witness)).append("\"}");
    }

    private void output(StringBuilder out, String txid, int n, Shape shape) {
        long sats = switch (random.nextInt(4)) {
            case 0 -> 1 + random.nextInt(10_000);
            case 1 -> 100_000_000L * (1 + random.nextInt(5)); // whole BTC: btcd writes "2"
            default -> 10_000 + random.nextInt(50_000_000);
        };
        Script script = script();
        outputs.add(new Output(txid, n, script.address, sats));
        out.append("{\"value\":")
                .append(btc(sats, shape))
                .append(",\"n\":")
                .append(n)
                .append(",\"scriptPubKey\":{\"asm\":\"")
                .append(script.asm)
                .append('"');
        if (shape == Shape.CORE) {
            out.append(",\"desc\":\"addr(")
                    .append(script.address)
                    .append(")#") // a descriptor checksum's length; drawn from nothing random, see fee
                    .append(String.format("%08x", script.address.hashCode()))
                    .append("\",\"hex\":\"")
                    .append(script.hex)
                    .append("\",\"address\":\"")
                    .append(script.address)
                    .append("\",\"type\":\"")
                    .append(script.type)
                    .append("\"}}");
        } else {
            out.append(",\"hex\":\"")
                    .append(script.hex)
                    .append("\",\"reqSigs\":1,\"type\":\"")
                    .append(script.type)
                    .append("\",\"addresses\":[\"")
                    .append(script.address)
                    .append("\"]}}");
        }
    }

    private record Script(String address, String asm, String hex, String type) {}

    private Script script() {
        int kind = random.nextInt(10);
        if (kind < 2) {
            byte[] hash = bytes(20);
            String h = HEX.formatHex(hash);
            return new Script(
                    LegacyAddress.fromPubKeyHash(BitcoinNetwork.MAINNET, hash).toString(),
                    "OP_DUP OP_HASH160 " + h + " OP_EQUALVERIFY OP_CHECKSIG",
                    "76a914" + h + "88ac",
                    "pubkeyhash");
        }
        if (kind < 4) {
            byte[] hash = bytes(20);
            String h = HEX.formatHex(hash);
            return new Script(
                    LegacyAddress.fromScriptHash(BitcoinNetwork.MAINNET, hash).toString(),
                    "OP_HASH160 " + h + " OP_EQUAL",
                    "a914" + h + "87",
                    "scripthash");
        }
        if (kind < 7) {
            byte[] hash = bytes(20);
            String h = HEX.formatHex(hash);
            return new Script(
                    SegwitAddress.fromProgram(BitcoinNetwork.MAINNET, 0, hash).toString(),
                    "0 " + h,
                    "0014" + h,
                    "witness_v0_keyhash");
        }
        if (kind < 8) {
            byte[] hash = bytes(32);
            String h = HEX.formatHex(hash);
            return new Script(
                    SegwitAddress.fromProgram(BitcoinNetwork.MAINNET, 0, hash).toString(),
                    "0 " + h,
                    "0020" + h,
                    "witness_v0_scripthash");
        }
        byte[] key = bytes(32);
        String h = HEX.formatHex(key);
        return new Script(
                SegwitAddress.fromProgram(BitcoinNetwork.MAINNET, 1, key).toString(),
                "1 " + h,
                "5120" + h,
                "witness_v1_taproot");
    }

    /** Core prints 8 decimals; btcd prints the shortest float64 form (whole BTC without a point, exponents). */
    private static String btc(long sats, Shape shape) {
        if (shape == Shape.CORE) {
            return String.format("%d.%08d", sats / 100_000_000L, sats % 100_000_000L);
        }
        if (sats % 100_000_000L == 0) {
            return Long.toString(sats / 100_000_000L);
        }
        BigDecimal btc = BigDecimal.valueOf(sats, 8).stripTrailingZeros();
        // Go switches to an exponent below 1e-6: 5.5e-07, 1e-08
        return sats < 100 ? btc.toString().replace("E-", "e-0") : btc.toPlainString();
    }

    private String hex(int bytes) {
        return HEX.formatHex(bytes(bytes));
    }

    private byte[] bytes(int count) {
        byte[] bytes = new byte[count];
        random.nextBytes(bytes);
        return bytes;
    }
}
