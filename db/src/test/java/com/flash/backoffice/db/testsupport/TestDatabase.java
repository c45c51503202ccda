package com.flash.backoffice.db.testsupport;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * A fresh database on the shared server with all Flyway migrations applied, for repository and
 * integration tests in any module: {@code TestDatabase db = TestDatabase.migrated("payout_it");}.
 */
public final class TestDatabase implements AutoCloseable {

    private final String name;
    private final HikariDataSource dataSource;

    private TestDatabase(String name, HikariDataSource dataSource) {
        this.name = name;
        this.dataSource = dataSource;
    }

    /** Drops and recreates {@code name}, then migrates it to the latest schema. */
    public static TestDatabase migrated(String name) {
        return migrate(empty(name));
    }

    /** As {@link #migrated(String)}, on {@code server} rather than the shared one (a server a test may kill). */
    public static TestDatabase migrated(MariaDbServer server, String name) {
        // a request for a connection while the server is down gives up quickly, as the application's pool does
        return migrate(empty(server, name, 3_000));
    }

    private static TestDatabase migrate(TestDatabase database) {
        Flyway.configure()
                .dataSource(database.dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        return database;
    }

    /** Drops and recreates {@code name} without migrating it. */
    public static TestDatabase empty(String name) {
        return empty(MariaDbServer.shared(), name, 30_000);
    }

    private static TestDatabase empty(MariaDbServer server, String name, long connectionTimeoutMillis) {
        HikariConfig config = new HikariConfig();
        config.setConnectionTimeout(connectionTimeoutMillis);
        config.setJdbcUrl(server.createDatabase(name));
        config.setUsername(server.username());
        config.setPassword(server.password());
        config.setMaximumPoolSize(4);
        config.setPoolName("test-" + name);
        return new TestDatabase(name, new HikariDataSource(config));
    }

    public String name() {
        return name;
    }

    public String jdbcUrl() {
        return dataSource.getJdbcUrl();
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public DSLContext dsl() {
        return DSL.using(dataSource, SQLDialect.MARIADB);
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
