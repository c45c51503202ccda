package com.flash.backoffice.db.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.flash.backoffice.db.jooq.DefaultSchema;
import com.flash.backoffice.db.testsupport.TestDatabase;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jooq.DataType;
import org.jooq.EnumType;
import org.jooq.Field;
import org.jooq.Meta;
import org.jooq.SQLDialect;
import org.jooq.Schema;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * jOOQ code is generated from the migration scripts by jOOQ's own DDL interpreter, not by MariaDB. This
 * proves the generated tables and columns exist, with compatible types, in a really migrated MariaDB.
 */
class GeneratedSchemaMatchesMariaDbIT {

    private static final String DATABASE = "generated_schema_it";
    private static final Set<String> TABLES_WITHOUT_GENERATED_CODE = Set.of("flyway_schema_history");

    private static TestDatabase database;
    private static Connection connection;
    private static Schema live;

    /**
     * Reads the schema through the live connection's JDBC metadata, with the MYSQL dialect: for MARIADB, jOOQ
     * 3.21 also queries information_schema columns (IS_SYSTEM_TIME_PERIOD_START) that MariaDB 10.11 lacks.
     */
    @BeforeAll
    static void migrate() throws SQLException {
        database = TestDatabase.migrated(DATABASE);
        connection = database.dataSource().getConnection();
        Meta meta = DSL.using(connection, SQLDialect.MYSQL).meta(connection.getMetaData());
        live = meta.getSchemas().stream()
                .filter(schema -> DATABASE.equals(schema.getName())
                        || DATABASE.equals(schema.getCatalog().getName()))
                .findFirst()
                .orElseThrow(() ->
                        new AssertionError("MariaDB metadata has no schema " + DATABASE + ": " + meta.getSchemas()));
    }

    @AfterAll
    static void close() throws SQLException {
        connection.close();
        database.close();
    }

    @Test
    void every_generated_table_exists_in_mariadb_and_every_mariadb_table_is_generated() {
        Set<String> generated = DefaultSchema.DEFAULT_SCHEMA.getTables().stream()
                .map(Table::getName)
                .collect(Collectors.toSet());
        Set<String> migrated = live.getTables().stream()
                .map(Table::getName)
                .filter(name -> !TABLES_WITHOUT_GENERATED_CODE.contains(name))
                .collect(Collectors.toSet());

        assertThat(generated).isNotEmpty().isEqualTo(migrated);
    }

    @Test
    void every_generated_column_exists_in_mariadb_with_a_compatible_type_and_nullability() {
        List<String> mismatches = new ArrayList<>();
        for (Table<?> table : DefaultSchema.DEFAULT_SCHEMA.getTables()) {
            Table<?> liveTable = live.getTable(table.getName());
            if (liveTable == null) {
                mismatches.add(table.getName() + ": missing in MariaDB");
                continue;
            }
            for (Field<?> field : table.fields()) {
                Field<?> liveField = liveTable.field(field.getName());
                String column = table.getName() + "." + field.getName();
                if (liveField == null) {
                    mismatches.add(column + ": missing in MariaDB");
                } else if (field.getDataType().isEnum()) {
                    compareEnum(table.getName(), field, liveField.getDataType(), mismatches);
                } else {
                    compare(column, field.getDataType(), liveField.getDataType(), mismatches);
                }
            }
            if (liveTable.fields().length != table.fields().length) {
                mismatches.add(table.getName() + ": MariaDB has " + liveTable.fields().length
                        + " columns, the generated code " + table.fields().length);
            }
        }
        assertThat(mismatches).isEmpty();
    }

    private static void compare(String column, DataType<?> generated, DataType<?> migrated, List<String> mismatches) {
        DataType<?> expected = generated.getSQLDataType();
        DataType<?> actual = migrated.getSQLDataType();
        if (javaType(expected) != javaType(actual)) {
            mismatches.add(column + ": generated " + expected.getTypeName() + " ("
                    + javaType(expected).getSimpleName() + "), MariaDB " + actual.getTypeName() + " ("
                    + javaType(actual).getSimpleName() + ")");
        }
        if (generated.nullable() != migrated.nullable()) {
            mismatches.add(column + ": generated nullable=" + generated.nullable() + ", MariaDB nullable="
                    + migrated.nullable());
        }
        if (!generated.isEnum() && !generated.isLob() && expected.hasLength() && expected.length() != actual.length()) {
            mismatches.add(column + ": generated length " + expected.length() + ", MariaDB " + actual.length());
        }
        if (javaType(expected) == BigDecimal.class
                && (expected.precision() != actual.precision() || expected.scale() != actual.scale())) {
            mismatches.add(column + ": generated DECIMAL(" + expected.precision() + "," + expected.scale()
                    + "), MariaDB DECIMAL(" + actual.precision() + "," + actual.scale() + ")");
        }
    }

    /** An ENUM column reads as a string; its literals must be the generated Java enum's, in order. */
    private static void compareEnum(String table, Field<?> field, DataType<?> migrated, List<String> mismatches) {
        String column = table + "." + field.getName();
        if (migrated.getType() != String.class) {
            mismatches.add(column + ": generated an enum, MariaDB " + migrated.getTypeName());
        }
        String expected = Arrays.stream(field.getType().getEnumConstants())
                .map(literal -> "'" + ((EnumType) literal).getLiteral() + "'")
                .collect(Collectors.joining(",", "enum(", ")"));
        String actual = database.dsl()
                .fetchValue(
                        "SELECT column_type FROM information_schema.columns"
                                + " WHERE table_schema = ? AND table_name = ? AND column_name = ?",
                        DATABASE,
                        table,
                        field.getName())
                .toString();
        if (!expected.equals(actual)) {
            mismatches.add(column + ": generated " + expected + ", MariaDB " + actual);
        }
        if (field.getDataType().nullable() != migrated.nullable()) {
            mismatches.add(column + ": generated nullable="
                    + field.getDataType().nullable() + ", MariaDB nullable=" + migrated.nullable());
        }
    }

    /** MariaDB reports BOOLEAN as TINYINT(1) and may report timestamps as JDBC types. */
    private static Class<?> javaType(DataType<?> type) {
        Class<?> javaType = type.getType();
        if (javaType == Byte.class) {
            return Boolean.class;
        }
        if (javaType == Timestamp.class) {
            return LocalDateTime.class;
        }
        return javaType;
    }
}
