package dev.cachedjdbc.driver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedjdbc.testing.TestDatabases;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A setting changes results whatever set it: the session, the role (ALTER ROLE … SET), the database (ALTER DATABASE
 * … SET), the two together, or the connection's options. Sessions opened before and after such a change format
 * values differently, so their keys must differ, in either order of reading.
 */
class SettingsFromEverySourcePostgresTest {

    private static final String ROLE = "hs_iso";

    private final List<TwinSession> sessions = new ArrayList<>();

    @BeforeAll
    static void createRole() throws SQLException {
        TestDatabases.assumePostgres();
        PostgresRoles.ensure(ROLE, true);
    }

    @AfterEach
    void resetSettings() throws SQLException {
        for (TwinSession session : sessions) {
            session.close();
        }
        admin("alter role " + ROLE + " reset all");
        admin("alter role " + ROLE + " in database " + database() + " reset all");
        admin("alter database " + database() + " reset intervalstyle");
    }

    private TwinSession session(String... properties) throws SQLException {
        Properties info = TestDatabases.postgresCredentials();
        info.setProperty("user", ROLE);
        for (int i = 0; i < properties.length; i += 2) {
            info.setProperty(properties[i], properties[i + 1]);
        }
        TwinSession session = new TwinSession(TestDatabases.PG_URL, info);
        sessions.add(session);
        return session;
    }

    private static void admin(String sql) throws SQLException {
        try (Connection admin = TestDatabases.postgres(); Statement statement = admin.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String database() {
        String path = TestDatabases.PG_URL.substring(TestDatabases.PG_URL.lastIndexOf('/') + 1);
        int query = path.indexOf('?');
        return query < 0 ? path : path.substring(0, query);
    }

    /** Each source in turn, each with its own query text so that earlier entries do not mask later ones. */
    @Test
    void aSettingFromTheRoleOrTheDatabaseIsPartOfTheKey() throws SQLException {
        List<String> sources = List.of(
                "alter role " + ROLE + " set intervalstyle = 'iso_8601'",
                "alter role " + ROLE + " in database " + database() + " set intervalstyle = 'iso_8601'",
                "alter database " + database() + " set intervalstyle = 'iso_8601'");
        int n = 0;
        for (String source : sources) {
            String oldFirst = "select interval '26 hours' as old_first_" + n;
            String newFirst = "select interval '26 hours' as new_first_" + n;
            n++;
            TwinSession before = session();
            before.read(oldFirst);
            admin(source);
            TwinSession after = session();
            assertThat(after.read(oldFirst)).as(source).isEqualTo("rows [PT26H]");
            after.read(newFirst);
            assertThat(before.read(newFirst)).as(source).isEqualTo("rows [26:00:00]");
            resetSettings();
            sessions.clear();
        }
    }

    @Test
    void aSettingFromTheConnectionOptionsIsPartOfTheKey() throws SQLException {
        String query = "select interval '26 hours' as from_options";
        session().read(query);
        assertThat(session("options", "-c IntervalStyle=iso_8601").read(query)).isEqualTo("rows [PT26H]");
        session().read(query);
    }

    /** pgjdbc sets DateStyle, TimeZone and extra_float_digits when it connects; bytea_output it leaves alone. */
    @Test
    void aRoleSettingChangingHowBytesReadIsPartOfTheKey() throws SQLException {
        String query = "select '\\x4142'::bytea as b";
        TwinSession before = session();
        before.read(query);
        admin("alter role " + ROLE + " set bytea_output = 'escape'");
        assertThat(session().read(query)).isEqualTo("rows [AB]");
        before.read(query);
    }
}
