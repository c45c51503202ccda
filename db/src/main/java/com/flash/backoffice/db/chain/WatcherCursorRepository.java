package com.flash.backoffice.db.chain;

import static com.flash.backoffice.db.jooq.Tables.CHAIN_CURSOR;
import static com.flash.backoffice.db.jooq.Tables.LN_CURSOR;

import com.flash.backoffice.db.support.UtcTimestamps;
import java.util.Optional;
import java.util.OptionalLong;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

/** Where each watcher stopped: the chain watcher's last block, the Lightning watcher's last settle index. */
@Repository
public class WatcherCursorRepository {

    private final DSLContext ctx;

    public WatcherCursorRepository(DSLContext ctx) {
        this.ctx = ctx;
    }

    public Optional<ChainCursor> chainCursor(String nodeId) {
        return ctx.selectFrom(CHAIN_CURSOR)
                .where(CHAIN_CURSOR.NODE_ID.eq(nodeId))
                .fetchOptional(row -> new ChainCursor(row.getNodeId(), row.getHeight(), row.getBlockHash()));
    }

    /** Stores the cursor (it moves back too, after a reorg). */
    public void saveChainCursor(ChainCursor cursor) {
        var now = UtcTimestamps.toDb(UtcTimestamps.now());
        ctx.insertInto(CHAIN_CURSOR)
                .set(CHAIN_CURSOR.NODE_ID, cursor.nodeId())
                .set(CHAIN_CURSOR.HEIGHT, cursor.height())
                .set(CHAIN_CURSOR.BLOCK_HASH, cursor.blockHash())
                .set(CHAIN_CURSOR.UPDATED_AT, now)
                .onDuplicateKeyUpdate()
                .set(CHAIN_CURSOR.HEIGHT, cursor.height())
                .set(CHAIN_CURSOR.BLOCK_HASH, cursor.blockHash())
                .set(CHAIN_CURSOR.UPDATED_AT, now)
                .execute();
    }

    public OptionalLong settleIndex(String nodeId) {
        Long value = ctx.select(LN_CURSOR.SETTLE_INDEX)
                .from(LN_CURSOR)
                .where(LN_CURSOR.NODE_ID.eq(nodeId))
                .fetchOne(LN_CURSOR.SETTLE_INDEX);
        return value == null ? OptionalLong.empty() : OptionalLong.of(value);
    }

    /** Stores the settle index unless a higher one is stored already (the cursor only moves forward). */
    public void saveSettleIndex(String nodeId, long settleIndex) {
        var now = UtcTimestamps.toDb(UtcTimestamps.now());
        ctx.insertInto(LN_CURSOR)
                .set(LN_CURSOR.NODE_ID, nodeId)
                .set(LN_CURSOR.SETTLE_INDEX, settleIndex)
                .set(LN_CURSOR.UPDATED_AT, now)
                .onDuplicateKeyUpdate()
                .set(
                        LN_CURSOR.SETTLE_INDEX,
                        org.jooq.impl.DSL.greatest(LN_CURSOR.SETTLE_INDEX, org.jooq.impl.DSL.val(settleIndex)))
                .set(LN_CURSOR.UPDATED_AT, now)
                .execute();
    }
}
