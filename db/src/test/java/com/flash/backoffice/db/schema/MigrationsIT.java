package com.flash.backoffice.db.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.flash.backoffice.db.ledger.ChartOfAccounts;
import com.flash.backoffice.db.ledger.NewLedgerAccount;
import com.flash.backoffice.db.testsupport.TestDatabase;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MigrationsIT {

    private static TestDatabase database;

    @BeforeAll
    static void migrate() {
        database = TestDatabase.migrated("migrations_it");
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @Test
    void all_migrations_apply_to_a_fresh_database() throws java.io.IOException {
        DSLContext dsl = database.dsl();
        assertThat(dsl.fetch("SELECT version FROM flyway_schema_history WHERE success = 1 ORDER BY installed_rank")
                        .getValues(0, String.class))
                .containsExactlyElementsOf(migrationScriptVersions());
        assertThat(dsl.fetch("SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE()")
                        .getValues(0, String.class))
                .contains("merchant", "ledger_account", "ledger_entry", "ledger_line", "audit_log", "api_key");
    }

    /** Every V*.sql script on the classpath, in version order: all of them must have applied. */
    private static java.util.List<String> migrationScriptVersions() throws java.io.IOException {
        var resolver = new org.springframework.core.io.support.PathMatchingResourcePatternResolver();
        return java.util.Arrays.stream(resolver.getResources("classpath:db/migration/V*__*.sql"))
                .map(resource -> resource.getFilename()
                        .substring(1, resource.getFilename().indexOf("__")))
                .sorted()
                .toList();
    }

    @Test
    void the_ledger_and_audit_rules_are_installed_as_triggers() {
        assertThat(database.dsl()
                        .fetch("SELECT trigger_name FROM information_schema.triggers WHERE trigger_schema = DATABASE()")
                        .getValues(0, String.class))
                .containsExactlyInAnyOrder(
                        "ledger_entry_insert_unposted",
                        "ledger_entry_post_balanced",
                        "ledger_entry_delete_unposted_only",
                        "ledger_line_insert_into_unposted_entry",
                        "ledger_line_update_refused",
                        "ledger_line_delete_refused",
                        "audit_log_update_refused",
                        "audit_log_delete_refused");
    }

    @Test
    void the_system_ledger_accounts_are_seeded() {
        assertThat(database.dsl()
                        .select(DSL.field("code", String.class))
                        .from("ledger_account")
                        .fetch(0, String.class))
                .containsExactlyInAnyOrderElementsOf(ChartOfAccounts.FIXED.stream()
                        .map(NewLedgerAccount::code)
                        .toList());
    }
}
