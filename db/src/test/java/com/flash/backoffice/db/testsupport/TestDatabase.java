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
        TestDatabase database = empty(name);
        Flyway.configure()
                .dataSource(database.dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        return database;
    }

    /** Drops and recreates {@code name} without migrating it. */
    public static TestDatabase empty(String name) {
        MariaDbServer server = MariaDbServer.shared();
        HikariConfig config = new HikariConfig();
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
