package dev.cachedjdbc.driver;

import dev.cachedjdbc.testing.TestDatabases;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** Roles the PostgreSQL tests create; cluster-wide, so named with the hs_ prefix and created only when missing. */
final class PostgresRoles {

    private PostgresRoles() {
    }

    static void ensure(String role, boolean login) throws SQLException {
        try (Connection admin = TestDatabases.postgres(); Statement statement = admin.createStatement()) {
            statement.execute("do $$ begin if not exists (select from pg_roles where rolname = '" + role + "') then"
                    + " create role " + role + (login ? " login" : "") + "; end if; end $$");
            statement.execute("alter role " + role + " reset all");
        }
    }
}
