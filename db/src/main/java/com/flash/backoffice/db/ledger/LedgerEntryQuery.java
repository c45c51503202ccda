package com.flash.backoffice.db.ledger;

import static com.flash.backoffice.db.jooq.Tables.LEDGER_ACCOUNT;
import static com.flash.backoffice.db.jooq.Tables.LEDGER_ENTRY;
import static com.flash.backoffice.db.jooq.Tables.LEDGER_LINE;

import com.flash.backoffice.db.money.Msat;
import com.flash.backoffice.db.support.UtcTimestamps;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

/** Reads posted entries back, e.g. everything booked for one invoice (its source keys share a prefix). */
@Repository
public class LedgerEntryQuery {

    private final DSLContext ctx;

    public LedgerEntryQuery(DSLContext ctx) {
        this.ctx = ctx;
    }

    /** Posted entries whose source key starts with {@code prefix}, in the order they were posted. */
    public List<PostedEntry> withSourceKeyPrefix(String prefix) {
        var rows = ctx.select(
                        LEDGER_ENTRY.ID,
                        LEDGER_ENTRY.SOURCE_KEY,
                        LEDGER_ENTRY.DESCRIPTION,
                        LEDGER_ENTRY.BOOKED_AT,
                        LEDGER_ACCOUNT.CODE,
                        LEDGER_LINE.SIDE,
                        LEDGER_LINE.AMOUNT_MSAT)
                .from(LEDGER_ENTRY)
                .join(LEDGER_LINE)
                .on(LEDGER_LINE.ENTRY_ID.eq(LEDGER_ENTRY.ID))
                .join(LEDGER_ACCOUNT)
                .on(LEDGER_ACCOUNT.ID.eq(LEDGER_LINE.ACCOUNT_ID))
                .where(LEDGER_ENTRY.SOURCE_KEY.startsWith(prefix))
                .and(LEDGER_ENTRY.POSTED.isTrue())
                .orderBy(LEDGER_ENTRY.ID, LEDGER_LINE.LINE_NO)
                .fetch();
        Map<Long, PostedEntry> entries = new LinkedHashMap<>();
        Map<Long, List<JournalLine>> lines = new LinkedHashMap<>();
        for (var row : rows) {
            long id = row.get(LEDGER_ENTRY.ID);
            entries.computeIfAbsent(
                    id,
                    key -> new PostedEntry(
                            row.get(LEDGER_ENTRY.SOURCE_KEY),
                            row.get(LEDGER_ENTRY.DESCRIPTION),
                            UtcTimestamps.fromDb(row.get(LEDGER_ENTRY.BOOKED_AT)),
                            List.of()));
            lines.computeIfAbsent(id, key -> new ArrayList<>())
                    .add(new JournalLine(
                            row.get(LEDGER_ACCOUNT.CODE),
                            Side.valueOf(row.get(LEDGER_LINE.SIDE).name()),
                            Msat.ofMsat(row.get(LEDGER_LINE.AMOUNT_MSAT)),
                            null,
                            null));
        }
        List<PostedEntry> result = new ArrayList<>();
        entries.forEach((id, entry) ->
                result.add(new PostedEntry(entry.sourceKey(), entry.description(), entry.bookedAt(), lines.get(id))));
        return result;
    }
}
