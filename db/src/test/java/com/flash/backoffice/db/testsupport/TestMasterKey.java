package com.flash.backoffice.db.testsupport;

import com.flash.backoffice.db.support.MasterKeySeal;
import java.util.HexFormat;

/** Test only: a fixed master key for repositories that seal secrets. */
public final class TestMasterKey {

    private static final byte[] KEY = HexFormat.of().parseHex("11".repeat(32));

    private TestMasterKey() {}

    public static MasterKeySeal seal() {
        return new MasterKeySeal(KEY);
    }
}
