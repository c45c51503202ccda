package com.flash.backoffice.workflows.regtest;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.MalformedURLException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.bitcoinj.base.Address;
import org.bitcoinj.base.AddressParser;
import org.bitcoinj.base.BitcoinNetwork;
import org.bitcoinj.base.Coin;
import org.bitcoinj.base.ScriptType;
import org.bitcoinj.base.Sha256Hash;
import org.bitcoinj.core.Transaction;
import org.bitcoinj.core.TransactionOutPoint;
import org.bitcoinj.crypto.ECKey;
import org.bitcoinj.script.ScriptBuilder;
import org.lightningj.lnd.wrapper.SynchronousLndAPI;
import org.lightningj.lnd.wrapper.message.AddInvoiceResponse;
import org.lightningj.lnd.wrapper.message.AddressType;
import org.lightningj.lnd.wrapper.message.ConnectPeerRequest;
import org.lightningj.lnd.wrapper.message.GetInfoResponse;
import org.lightningj.lnd.wrapper.message.Invoice;
import org.lightningj.lnd.wrapper.message.LightningAddress;
import org.lightningj.lnd.wrapper.message.ListChannelsRequest;
import org.lightningj.lnd.wrapper.message.OpenChannelRequest;
import org.lightningj.lnd.wrapper.message.SendCoinsRequest;
import org.lightningj.lnd.wrapper.message.SendRequest;
import org.lightningj.lnd.wrapper.message.SendResponse;
import org.lightningj.lnd.wrapper.message.WalletBalanceRequest;
import wf.bitcoin.javabitcoindrpcclient.BitcoinJSONRPCClient;
import wf.bitcoin.javabitcoindrpcclient.BitcoindRpcClient.RawTransaction;

/**
 * A Bitcoin regtest network on 127.0.0.1 made of real software: one btcd full node and two LNDs on it, a
 * "customer" that holds on-chain funds and a "merchant", with a 5,000,000 sat channel open from the customer to
 * the merchant. Started once per JVM by {@link #shared()} (or {@link RegtestExtension}) and stopped by a shutdown
 * hook; every process it started is stopped by PID and its temp directory deleted.
 *
 * <p>Coinbase rewards go to a key the harness holds ({@link #minerAddress()}), not to an LND: btcd has no
 * {@code generatetoaddress}, and its {@code --miningaddr} is fixed at start-up. The customer is funded with a
 * transaction the harness signs with bitcoinj.
 */
public final class RegtestNetwork implements AutoCloseable {
    public static final String RPC_USER = "flash";
    public static final long CHANNEL_CAPACITY_SAT = 5_000_000L;
    public static final long CUSTOMER_FUNDING_SAT = 1_000_000_000L; // 2 outputs of 10 BTC
    /** Fee rate the helpers pass to LND: btcd offers no fee estimate on a fresh regtest chain. */
    public static final long SAT_PER_VBYTE = 2;
    /** segwit and taproot activate by BIP9 on btcd's regtest: three 144-block windows. */
    private static final int ACTIVATION_HEIGHT = 432;

    private static final Duration START_TIMEOUT =
            Duration.ofSeconds(Long.getLong("flash.regtest.startTimeoutSeconds", 180));
    private static RegtestNetwork shared;
    private static RuntimeException sharedFailure;

    private final Path dir;
    private final String rpcPassword = "pw-" + Long.toHexString(Double.doubleToLongBits(Math.random()));
    private final List<RegtestProcess> processes = new ArrayList<>();
    private final List<SynchronousLndAPI> apis = new ArrayList<>();
    private final ECKey minerKey = ECKey.fromPrivate(BigInteger.valueOf(0xF1A5_4C0DEL), true);
    private final Address minerAddress = minerKey.toAddress(ScriptType.P2WPKH, BitcoinNetwork.REGTEST);
    private Path bin;
    private int btcdRpcPort;
    private int btcdP2pPort;
    /** Coinbases of blocks 2.. are the harness's to spend (block 1's funds the customer); each is spent once. */
    private final AtomicInteger nextCoinbaseHeight = new AtomicInteger(2);

    private Path btcdCert;
    private BitcoinJSONRPCClient bitcoin;
    private LndNode customer;
    private LndNode merchant;
    private volatile LndNode treasurySigner;
    private Duration startDuration;
    private volatile boolean closed;

    private RegtestNetwork(Path dir) {
        this.dir = dir;
    }

    /** The network of this JVM, started on first use. A failed start is remembered and rethrown. */
    public static synchronized RegtestNetwork shared() {
        if (sharedFailure != null) {
            throw sharedFailure;
        }
        if (shared == null) {
            try {
                shared = start();
            } catch (RuntimeException e) {
                sharedFailure = e;
                throw e;
            }
        }
        return shared;
    }

    /** Starts a new, independent network; the caller closes it (a shutdown hook also does). */
    public static RegtestNetwork start() {
        long t0 = System.nanoTime();
        Path dir;
        try {
            dir = Files.createTempDirectory("flash-regtest-");
        } catch (IOException e) {
            throw new IllegalStateException("cannot create a temp dir", e);
        }
        RegtestNetwork net = new RegtestNetwork(dir);
        Runtime.getRuntime().addShutdownHook(new Thread(net::close, "flash-regtest-stop"));
        try {
            net.bin = RegtestBinaries.locate();
            net.startBtcd();
            net.mine(ACTIVATION_HEIGHT + 8);
            net.customer = net.startLnd("customer");
            net.merchant = net.startLnd("merchant");
            net.fundCustomer();
            net.openChannel();
        } catch (Exception e) {
            String report = net.failureReport();
            net.close();
            throw new IllegalStateException("regtest network failed to start: " + e.getMessage() + report, e);
        }
        net.startDuration = Duration.ofNanos(System.nanoTime() - t0);
        System.out.printf(
                "[regtest] network up in %.1f s (btcd %s, customer %s:%d, merchant %s:%d, dir %s)%n",
                net.startDuration.toMillis() / 1000.0,
                net.btcdRpcUrl(),
                net.customer.host(),
                net.customer.grpcPort(),
                net.merchant.host(),
                net.merchant.grpcPort(),
                dir);
        return net;
    }

    // ---------------------------------------------------------------- accessors

    /** btcd's JSON-RPC URL without credentials, e.g. {@code https://127.0.0.1:18443}. TLS: see {@link #btcdRpcCert()}. */
    public String btcdRpcUrl() {
        return "https://127.0.0.1:" + btcdRpcPort;
    }

    public String btcdRpcUser() {
        return RPC_USER;
    }

    public String btcdRpcPassword() {
        return rpcPassword;
    }

    /** btcd's self-signed RPC certificate (PEM). */
    public Path btcdRpcCert() {
        return btcdCert;
    }

    /** A bitcoin-rpc-client pointed at btcd, trusting its certificate. */
    public BitcoinJSONRPCClient bitcoinRpc() {
        return bitcoin;
    }

    /**
     * A new bitcoin-rpc-client pointed at btcd (credentials in the URL, btcd's certificate trusted). It is a
     * {@link BtcdRpcClient}: the plain client gets empty answers from btcd.
     */
    public BitcoinJSONRPCClient newBitcoinRpc() {
        return rpcClient(btcdRpcPort, btcdSslSocketFactory());
    }

    private BitcoinJSONRPCClient rpcClient(int port, SSLSocketFactory trusting) {
        try {
            URL url = URI.create("https://" + RPC_USER + ":" + rpcPassword + "@127.0.0.1:" + port + "/")
                    .toURL();
            BitcoinJSONRPCClient client = new BtcdRpcClient(url);
            client.setSslSocketFactory(trusting);
            client.setHostnameVerifier((host, session) -> "127.0.0.1".equals(host));
            return client;
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The unmodified bitcoin-rpc-client on btcd, to show the differences (see {@link BtcdRpcClient}). */
    public BitcoinJSONRPCClient newPlainBitcoinRpc() {
        try {
            BitcoinJSONRPCClient client = new BitcoinJSONRPCClient(
                    URI.create("https://" + RPC_USER + ":" + rpcPassword + "@127.0.0.1:" + btcdRpcPort + "/")
                            .toURL());
            client.setSslSocketFactory(btcdSslSocketFactory());
            client.setHostnameVerifier((host, session) -> "127.0.0.1".equals(host));
            return client;
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An SSL socket factory that trusts exactly btcd's RPC certificate. */
    public SSLSocketFactory btcdSslSocketFactory() {
        return sslSocketFactory(btcdCert);
    }

    private static SSLSocketFactory sslSocketFactory(Path cert) {
        try (InputStream in = Files.newInputStream(cert)) {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            trust.setCertificateEntry(
                    "btcd", CertificateFactory.getInstance("X.509").generateCertificate(in));
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, tmf.getTrustManagers(), null);
            return ssl.getSocketFactory();
        } catch (Exception e) {
            throw new IllegalStateException("cannot trust btcd certificate " + cert, e);
        }
    }

    public LndNode customer() {
        return customer;
    }

    public LndNode merchant() {
        return merchant;
    }

    /**
     * A third LND on the same btcd, started on first use, that plays the cold treasury's hardware wallet: it owns
     * the treasury seed (its default BIP84 account), has no channel and no peer, and only signs PSBTs.
     */
    public synchronized LndNode treasurySigner() {
        if (closed) {
            throw new IllegalStateException("the regtest network is closed");
        }
        if (treasurySigner == null) {
            try {
                treasurySigner = startLnd("treasury-signer");
            } catch (Exception e) {
                throw new IllegalStateException(
                        "the treasury signer LND failed to start: " + e.getMessage() + failureReport(), e);
            }
        }
        return treasurySigner;
    }

    /**
     * Another LND on the same btcd, with no channel and no peer, for a test that stops it ({@link #stopLnd}) to see
     * what a node that is down does to the application; nothing else uses it.
     */
    public synchronized LndNode startSpareLnd(String name) {
        if (closed) {
            throw new IllegalStateException("the regtest network is closed");
        }
        try {
            return startLnd(name);
        } catch (Exception e) {
            throw new IllegalStateException(
                    "the " + name + " LND failed to start: " + e.getMessage() + failureReport(), e);
        }
    }

    /** Kills the LND (SIGKILL, as a crash would), leaving its data; only for {@link #startSpareLnd} nodes. */
    public synchronized void stopLnd(LndNode node) {
        if (List.of("customer", "merchant", "treasury-signer").contains(node.name())) {
            throw new IllegalArgumentException("the shared " + node.name() + " LND stays up for the other tests");
        }
        processes.stream()
                .filter(process -> process.name().equals(node.name() + "-lnd"))
                .forEach(process -> ProcessHandle.of(process.pid()).ifPresent(ProcessHandle::destroyForcibly));
    }

    /** The regtest address (P2WPKH, key held by the harness) that receives every coinbase. */
    public String minerAddress() {
        return minerAddress.toString();
    }

    public Path directory() {
        return dir;
    }

    public List<RegtestProcess> processes() {
        return List.copyOf(processes);
    }

    public Duration startDuration() {
        return startDuration;
    }

    // ---------------------------------------------------------------- helpers

    /** Mines {@code blocks} blocks (coinbase to {@link #minerAddress()}) and waits until both LNDs have seen them. */
    public List<String> mine(int blocks) {
        List<String> hashes = bitcoin.generate(blocks);
        int height = bitcoin.getBlockCount();
        for (LndNode node : new LndNode[] {customer, merchant, treasurySigner}) {
            if (node != null) {
                waitFor("%s LND synced to height %d".formatted(node.name(), height), Duration.ofSeconds(60), () -> {
                    GetInfoResponse info = node.api().getInfo();
                    return info.getBlockHeight() >= height && info.getSyncedToChain();
                });
            }
        }
        return hashes;
    }

    /** Customer LND pays {@code sats} on chain to {@code address} (LND SendCoins); returns the txid. */
    public String customerSendOnChain(String address, long sats) {
        SendCoinsRequest request = new SendCoinsRequest();
        request.setAddr(address);
        request.setAmount(sats);
        request.setSatPerVbyte(SAT_PER_VBYTE);
        try {
            return customer.api().sendCoins(request).getTxid();
        } catch (Exception e) {
            throw new IllegalStateException("customer SendCoins " + sats + " sat to " + address + " failed", e);
        }
    }

    /**
     * Customer LND pays a BOLT11 invoice over the channel; throws if LND reports a payment error. Right after a
     * channel turns active LND may still report {@code insufficient_balance} or no route until the channel link
     * can forward: such a failed attempt moved no money, so it is retried for up to 30 s.
     */
    public SendResponse customerPayInvoice(String bolt11) {
        return payInvoice(customer, bolt11);
    }

    /** Merchant LND pays a BOLT11 invoice back over the channel (it can spend what it has received); as above. */
    /**
     * The merchant pays the customer {@code msat} over the channel: a test that moved liquidity to the merchant's side
     * gives it back, since the network is shared with the other tests. Best effort, for a test's {@code finally}: a
     * failure is printed, never thrown over the test's own outcome.
     */
    public void giveBackToCustomer(long msat, String memo) {
        try {
            org.lightningj.lnd.wrapper.message.Invoice invoice = new org.lightningj.lnd.wrapper.message.Invoice();
            invoice.setValueMsat(msat);
            invoice.setMemo(memo);
            merchantPayInvoice(customer.api().addInvoice(invoice).getPaymentRequest());
        } catch (Exception | AssertionError e) {
            System.err.println("[regtest] could not give " + msat + " msat back to the customer: " + e);
        }
    }

    public SendResponse merchantPayInvoice(String bolt11) {
        return payInvoice(merchant, bolt11);
    }

    private static SendResponse payInvoice(LndNode payer, String bolt11) {
        SendRequest request = new SendRequest();
        request.setPaymentRequest(bolt11);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            SendResponse response;
            try {
                response = payer.api().sendPaymentSync(request);
            } catch (Exception e) {
                throw new IllegalStateException(payer + " payment of " + bolt11 + " failed", e);
            }
            String error = response.getPaymentError();
            if (error == null || error.isEmpty()) {
                return response;
            }
            boolean transientError = error.contains("insufficient_balance")
                    || error.contains("no_route")
                    || error.contains("unable to find a path");
            if (!transientError || System.nanoTime() > deadline) {
                throw new IllegalStateException("payment failed: " + error);
            }
            try {
                TimeUnit.MILLISECONDS.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted paying " + bolt11, e);
            }
        }
    }

    /** Merchant LND creates an invoice of {@code msat} millisatoshi. */
    public AddInvoiceResponse merchantAddInvoice(long msat, String memo) {
        Invoice invoice = new Invoice();
        invoice.setValueMsat(msat);
        invoice.setMemo(memo);
        try {
            return merchant.api().addInvoice(invoice);
        } catch (Exception e) {
            throw new IllegalStateException("merchant AddInvoice failed", e);
        }
    }

    /** A fresh P2WPKH address of the merchant LND's wallet. */
    public String merchantNewAddress() {
        try {
            return merchant.api()
                    .newAddress(AddressType.WITNESS_PUBKEY_HASH, "")
                    .getAddress();
        } catch (Exception e) {
            throw new IllegalStateException("merchant NewAddress failed", e);
        }
    }

    /** A fresh P2WPKH address of the customer LND (a payee of Flash's on-chain payments). */
    public String customerNewAddress() {
        try {
            return customer.api()
                    .newAddress(AddressType.WITNESS_PUBKEY_HASH, "")
                    .getAddress();
        } catch (Exception e) {
            throw new IllegalStateException("customer NewAddress failed", e);
        }
    }

    /** The network fee of {@code txid} as btcd sees it: its inputs' values less its outputs', in satoshi. */
    public long feeSat(String txid) {
        RawTransaction tx = bitcoinRpc().getRawTransaction(txid);
        BigDecimal in = BigDecimal.ZERO;
        for (RawTransaction.In input : tx.vIn()) {
            in = in.add(bitcoinRpc()
                    .getRawTransaction(input.txid())
                    .vOut()
                    .get(input.vout())
                    .value());
        }
        BigDecimal out = tx.vOut().stream().map(RawTransaction.Out::value).reduce(BigDecimal.ZERO, BigDecimal::add);
        return in.subtract(out).movePointRight(8).longValueExact();
    }

    /** What {@code txid} pays to {@code address} on btcd, in satoshi (0 when nothing). */
    public long paidSat(String txid, String address) {
        return bitcoinRpc().getRawTransaction(txid).vOut().stream()
                .filter(o -> o.scriptPubKey().addresses() != null
                        && o.scriptPubKey().addresses().contains(address))
                .map(RawTransaction.Out::value)
                .reduce(BigDecimal.ZERO, BigDecimal::add)
                .movePointRight(8)
                .longValueExact();
    }

    /**
     * Signs (does not send) a transaction spending a mature coinbase the harness holds, not spent before: {@code sats}
     * to {@code address}, the rest less a 10,000 sat fee back to {@link #minerAddress()}. Returns the raw hex.
     */
    public SignedTransaction signCoinbaseSpend(String address, long sats) {
        int height = nextCoinbaseHeight.getAndIncrement();
        String coinbaseTxid =
                bitcoin.getBlock(bitcoin.getBlockHash(height)).tx().get(0);
        return signSpend(coinbaseTxid, address, sats);
    }

    /** Another spend of the coinbase {@code first} spent (a double spend of it), paying {@code address}. */
    public SignedTransaction signDoubleSpend(SignedTransaction first, String address, long sats) {
        return signSpend(first.spentTxid(), address, sats);
    }

    /** A transaction signed by the harness: its id, its raw hex, and the coinbase it spends. */
    public record SignedTransaction(String txid, String hex, String spentTxid) {}

    private SignedTransaction signSpend(String coinbaseTxid, String address, long sats) {
        long coinbaseSats = Math.round(
                bitcoin.getRawTransaction(coinbaseTxid).vOut().get(0).value().doubleValue() * 1e8);
        Transaction tx = new Transaction();
        tx.addOutput(
                Coin.valueOf(sats),
                AddressParser.getDefault(BitcoinNetwork.REGTEST).parseAddress(address));
        tx.addOutput(Coin.valueOf(coinbaseSats - sats - 10_000), minerAddress);
        tx.addSignedInput(
                new TransactionOutPoint(0, Sha256Hash.wrap(coinbaseTxid)),
                ScriptBuilder.createOutputScript(minerAddress),
                Coin.valueOf(coinbaseSats),
                minerKey);
        return new SignedTransaction(tx.getTxId().toString(), HexFormat.of().formatHex(tx.serialize()), coinbaseTxid);
    }

    /**
     * Starts a second btcd connected to this network's node (it syncs the chain at once), to build a competing
     * chain: {@link BtcdPeer#disconnect()}, mine on either side, {@link BtcdPeer#reconnect()} and the shorter side
     * reorganises. The caller closes it; this network's {@link #close()} stops it too.
     */
    public BtcdPeer startPeer(String name) throws IOException {
        Path home = Files.createDirectories(dir.resolve(name));
        Path config = home.resolve("btcd.conf");
        Files.writeString(config, "", StandardCharsets.UTF_8);
        int rpcPort = freePort();
        Path cert = home.resolve("rpc.cert");
        Address peerMiner = ECKey.fromPrivate(BigInteger.valueOf(0xF1A5_9EE2L), true)
                .toAddress(ScriptType.P2WPKH, BitcoinNetwork.REGTEST);
        String mainNode = "127.0.0.1:" + btcdP2pPort;
        List<String> cmd = List.of(
                bin.resolve("btcd").toString(),
                "--regtest",
                "--configfile=" + config,
                "--datadir=" + home.resolve("data"),
                "--logdir=" + home.resolve("logs"),
                "--rpccert=" + cert,
                "--rpckey=" + home.resolve("rpc.key"),
                "--rpcuser=" + RPC_USER,
                "--rpcpass=" + rpcPassword,
                "--rpclisten=127.0.0.1:" + rpcPort,
                "--nolisten", // the main node cannot dial it: only this side connects
                "--connect=" + mainNode, // and only to the main node, never to addresses it learns
                "--miningaddr=" + peerMiner,
                "--nobanning",
                "--trickleinterval=100ms",
                "--debuglevel=info");
        RegtestProcess process = RegtestProcess.start(name, cmd, dir.resolve(name + ".log"));
        processes.add(process);
        waitFor(name + " RPC certificate", Duration.ofSeconds(30), () -> alive(process) && Files.size(cert) > 0);
        BtcdPeer peer =
                new BtcdPeer(process, rpcClient(rpcPort, sslSocketFactory(cert)), mainNode, bitcoin::getBestBlockHash);
        peer.waitSynced();
        return peer;
    }

    // ---------------------------------------------------------------- start-up

    private void startBtcd() throws Exception {
        Path home = Files.createDirectories(dir.resolve("btcd"));
        Path config = home.resolve("btcd.conf");
        Files.writeString(config, "", StandardCharsets.UTF_8); // else btcd writes ~/.btcd/btcd.conf
        btcdRpcPort = freePort();
        btcdP2pPort = freePort();
        btcdCert = home.resolve("rpc.cert");
        List<String> cmd = List.of(
                bin.resolve("btcd").toString(),
                "--regtest",
                "--configfile=" + config,
                "--datadir=" + home.resolve("data"),
                "--logdir=" + home.resolve("logs"),
                "--rpccert=" + btcdCert,
                "--rpckey=" + home.resolve("rpc.key"),
                "--rpcuser=" + RPC_USER,
                "--rpcpass=" + rpcPassword,
                "--rpclisten=127.0.0.1:" + btcdRpcPort,
                "--listen=127.0.0.1:" + btcdP2pPort,
                "--txindex",
                "--miningaddr=" + minerAddress,
                "--nobanning",
                "--trickleinterval=100ms",
                "--debuglevel=info");
        RegtestProcess btcd = RegtestProcess.start("btcd", cmd, dir.resolve("btcd.log"));
        processes.add(btcd);
        waitFor("btcd RPC certificate", Duration.ofSeconds(30), () -> alive(btcd) && Files.size(btcdCert) > 0);
        bitcoin = newBitcoinRpc();
        waitFor("btcd RPC", Duration.ofSeconds(30), () -> alive(btcd) && bitcoin.getBlockCount() >= 0);
    }

    private LndNode startLnd(String name) throws Exception {
        Path home = Files.createDirectories(dir.resolve(name));
        int rpcPort = freePort();
        int p2pPort = freePort();
        List<String> cmd = List.of(
                bin.resolve("lnd").toString(),
                "--lnddir=" + home,
                "--alias=" + name,
                "--noseedbackup",
                "--norest",
                "--nobootstrap",
                "--listen=127.0.0.1:" + p2pPort,
                "--rpclisten=127.0.0.1:" + rpcPort,
                "--tlsextraip=127.0.0.1",
                "--debuglevel=info",
                "--bitcoin.active",
                "--bitcoin.regtest",
                "--bitcoin.node=btcd",
                "--btcd.rpchost=127.0.0.1:" + btcdRpcPort,
                "--btcd.rpcuser=" + RPC_USER,
                "--btcd.rpcpass=" + rpcPassword,
                "--btcd.rpccert=" + btcdCert,
                "--trickledelay=50",
                "--bitcoin.defaultchanconfs=3",
                "--maxpendingchannels=10");
        RegtestProcess process = RegtestProcess.start(name + "-lnd", cmd, dir.resolve(name + "-lnd.log"));
        processes.add(process);
        Path cert = home.resolve("tls.cert");
        Path macaroon = home.resolve("data/chain/bitcoin/regtest/admin.macaroon");
        waitFor(name + " LND admin macaroon", START_TIMEOUT, () -> {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " LND exited");
            }
            return Files.exists(cert) && Files.exists(macaroon) && Files.size(macaroon) > 0;
        });
        SynchronousLndAPI api = new SynchronousLndAPI("127.0.0.1", rpcPort, cert.toFile(), macaroon.toFile());
        apis.add(api);
        GetInfoResponse[] info = new GetInfoResponse[1];
        waitFor(name + " LND synced to chain", START_TIMEOUT, () -> {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " LND exited");
            }
            try {
                info[0] = api.getInfo();
            } catch (Exception e) {
                return false; // RPC server not up or still starting (wallet unlocking)
            }
            return info[0].getSyncedToChain();
        });
        return new LndNode(name, "127.0.0.1", rpcPort, p2pPort, cert, macaroon, info[0].getIdentityPubkey(), api);
    }

    /** Spends one mature coinbase of the harness key: 2 x 10 BTC to the customer LND, change to the miner. */
    private void fundCustomer() throws Exception {
        String coinbaseTxid = bitcoin.getBlock(1).tx().get(0);
        long coinbaseSats = Math.round(
                bitcoin.getRawTransaction(coinbaseTxid).vOut().get(0).value().doubleValue() * 1e8);
        long half = CUSTOMER_FUNDING_SAT / 2;
        long fee = 10_000;
        AddressParser parser = AddressParser.getDefault(BitcoinNetwork.REGTEST);
        Transaction tx = new Transaction();
        for (int i = 0; i < 2; i++) {
            String address = customer.api()
                    .newAddress(AddressType.WITNESS_PUBKEY_HASH, "")
                    .getAddress();
            tx.addOutput(Coin.valueOf(half), parser.parseAddress(address));
        }
        tx.addOutput(Coin.valueOf(coinbaseSats - CUSTOMER_FUNDING_SAT - fee), minerAddress);
        tx.addSignedInput(
                new TransactionOutPoint(0, Sha256Hash.wrap(coinbaseTxid)),
                ScriptBuilder.createOutputScript(minerAddress),
                Coin.valueOf(coinbaseSats),
                minerKey);
        bitcoin.sendRawTransaction(HexFormat.of().formatHex(tx.serialize()));
        mine(1);
        waitFor(
                "customer LND confirmed balance",
                Duration.ofSeconds(60),
                () -> customer.api().walletBalance(new WalletBalanceRequest()).getConfirmedBalance()
                        >= CUSTOMER_FUNDING_SAT);
    }

    private void openChannel() throws Exception {
        LightningAddress address = new LightningAddress();
        address.setPubkey(merchant.pubkey());
        address.setHost("127.0.0.1:" + merchant.p2pPort());
        ConnectPeerRequest connect = new ConnectPeerRequest();
        connect.setAddr(address);
        connect.setPerm(false);
        connect.setTimeout(30);
        customer.api().connectPeer(connect);
        waitFor(
                "merchant sees customer as peer",
                Duration.ofSeconds(30),
                () -> merchant.api().listPeers(false).getPeers().stream()
                        .anyMatch(p -> p.getPubKey().equals(customer.pubkey())));

        OpenChannelRequest open = new OpenChannelRequest();
        open.setNodePubkey(HexFormat.of().parseHex(merchant.pubkey()));
        open.setLocalFundingAmount(CHANNEL_CAPACITY_SAT);
        open.setPushSat(0);
        open.setSatPerVbyte(SAT_PER_VBYTE);
        customer.api().openChannelSync(open);
        waitFor(
                "funding transaction in btcd mempool",
                Duration.ofSeconds(30),
                () -> !bitcoin.getRawMemPool().isEmpty());
        mine(6);
        for (LndNode node : new LndNode[] {customer, merchant}) {
            waitFor(node.name() + " sees the channel active", Duration.ofSeconds(60), () -> {
                ListChannelsRequest list = new ListChannelsRequest();
                list.setActiveOnly(true);
                return !node.api().listChannels(list).getChannels().isEmpty();
            });
        }
    }

    // ---------------------------------------------------------------- stop

    /** Stops every process this network started (TERM, then KILL after 10 s) and deletes its temp dir. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (SynchronousLndAPI api : apis) {
            try {
                api.close();
            } catch (Exception ignored) {
                // best effort
            }
        }
        // LNDs first, then btcd
        for (int i = processes.size() - 1; i >= 0; i--) {
            processes.get(i).stop(10);
        }
        if (!Boolean.getBoolean("flash.regtest.keepDir")) {
            deleteRecursively(dir);
        }
    }

    private String failureReport() {
        StringBuilder sb = new StringBuilder();
        for (RegtestProcess p : processes) {
            sb.append(System.lineSeparator())
                    .append("---- ")
                    .append(p)
                    .append(", last 40 lines:")
                    .append(System.lineSeparator())
                    .append(p.tail(40));
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------- utilities

    private static boolean alive(RegtestProcess process) {
        if (!process.isAlive()) {
            throw new IllegalStateException(process.name() + " exited");
        }
        return true;
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }

    /** Polls {@code condition} every 200 ms; exceptions count as "not yet" except IllegalStateException. */
    public static void waitFor(String what, Duration timeout, Callable<Boolean> condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (true) {
            try {
                if (Boolean.TRUE.equals(condition.call())) {
                    return;
                }
            } catch (IllegalStateException e) {
                throw e;
            } catch (Exception e) {
                last = e;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "timed out after " + timeout.toSeconds() + " s waiting for " + what
                                + (last == null ? "" : " (last error: " + last + ")"),
                        last);
            }
            try {
                TimeUnit.MILLISECONDS.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for " + what, e);
            }
        }
    }

    private static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort
        }
    }
}
