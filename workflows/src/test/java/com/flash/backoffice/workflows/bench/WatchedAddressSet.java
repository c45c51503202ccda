package com.flash.backoffice.workflows.bench;

import com.flash.backoffice.db.chain.InvoiceAddressRepository;
import com.flash.backoffice.db.chain.WatchedAddress;
import com.flash.backoffice.db.merchant.SpeedPolicy;
import com.flash.backoffice.db.support.RandomIds;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bitcoinj.base.BitcoinNetwork;
import org.bitcoinj.base.SegwitAddress;

/**
 * The invoice addresses a watcher loads, without a database: {@code count} of them, P2WPKH as Flash allocates
 * (BIP84 from merchants' xpubs), with invoice ids as {@link RandomIds} makes them, and {@code paid} addresses of
 * the block among them. Built when the watcher asks ({@code findAllocatedSince}), so that only the watcher holds them.
 */
final class WatchedAddressSet extends InvoiceAddressRepository {

    private final int count;
    private final List<String> paid;
    private final long seed;

    WatchedAddressSet(int count, List<String> paid, long seed) {
        super(null);
        this.count = count;
        this.paid = List.copyOf(paid);
        this.seed = seed;
    }

    @Override
    public List<WatchedAddress> findAllocatedSince(Instant allocatedSince) {
        Instant now = Instant.now();
        Random random = new Random(seed);
        SpeedPolicy[] policies = SpeedPolicy.values();
        List<WatchedAddress> addresses = new ArrayList<>(count);
        byte[] hash = new byte[20];
        for (int i = 0; i < count; i++) {
            String address;
            if (i < paid.size()) {
                address = paid.get(i);
            } else {
                random.nextBytes(hash);
                address = SegwitAddress.fromProgram(BitcoinNetwork.MAINNET, 0, hash)
                        .toString();
            }
            addresses.add(new WatchedAddress(
                    address, RandomIds.newId(), policies[i % policies.length], now.minusSeconds(i % 86_400)));
        }
        return addresses;
    }
}
