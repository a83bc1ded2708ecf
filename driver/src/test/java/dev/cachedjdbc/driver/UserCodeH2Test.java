package dev.cachedjdbc.driver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedjdbc.testing.TestDatabases;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import org.h2.api.Trigger;
import org.junit.jupiter.api.Test;

/**
 * Users' code on H2: Java aliases, which may override built-in functions where BUILTIN_ALIAS_OVERRIDE is on, the
 * domains and constraints that call them, and triggers that fire on SELECT.
 */
class UserCodeH2Test extends UserCodeContractTest {

    private static final String CLASS = UserCodeH2Aliases.class.getName();

    private final String url = TestDatabases.uniqueH2Url("uc") + ";BUILTIN_ALIAS_OVERRIDE=TRUE";

    @Override
    String plainUrl() {
        return url;
    }

    @Override
    Properties credentials() {
        return new Properties();
    }

    @Override
    void createCountingUpper() throws SQLException {
        run("create alias upper for '" + CLASS + ".countingIdentity'");
    }

    @Override
    void createSchemaSwitchingLower() throws SQLException {
        run("create alias lower for '" + CLASS + ".switchingIdentity'");
    }

    @Override
    void createCountingDomain() throws SQLException {
        run("create alias count_check for '" + CLASS + ".countingCheck'",
                "create domain uc_checked as integer check (count_check(value))");
    }

    @Override
    void createCountingCheckAndDefault() throws SQLException {
        run("create alias count_check for '" + CLASS + ".countingCheck'",
                "create alias count_default for '" + CLASS + ".countingIdentity'",
                "create table uc_guarded (v int check (count_check(v)))",
                "create table uc_stamped (id int, v int default count_default(0))");
    }

    /** Counts a hit in uc_hits whenever it fires. */
    public static final class CountingTrigger implements Trigger {
        @Override
        public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
            UserCodeH2Aliases.countingIdentity(connection, 0);
        }
    }

    @Test
    void aTableWithASelectTriggerIsNotCachedAndReadingItCountsAsAWrite() throws SQLException {
        run("create table uc_watched (v int)", "insert into uc_watched values (1)",
                "create trigger uc_watched_read before select on uc_watched call '" + CountingTrigger.class.getName() + "'");
        Connection reader = cached();
        assertThat(first(reader, HITS)).isEqualTo("0");
        Connection caller = cached();
        first(caller, "select v from uc_watched");
        first(caller, "select v from uc_watched");
        assertThat(first(reader, HITS)).isEqualTo("2");
        assertThat(explain(caller, "select v from uc_watched")).contains("not cached")
                .contains("invalidates every cached result");
    }

    @Test
    void anyBuiltInAnAliasOverridesRunsEveryTime() throws SQLException {
        run("create alias lcase for '" + CLASS + ".countingIdentity'");
        Connection reader = cached();
        assertThat(first(reader, HITS)).isEqualTo("0");
        Connection caller = cached();
        assertThat(first(caller, "select lcase(v) from uc_other")).isEqualTo("10");
        assertThat(first(caller, "select lcase(v) from uc_other")).isEqualTo("10");
        assertThat(first(reader, HITS)).isEqualTo("2");
        assertThat(explain(caller, "select lcase(v) from uc_other")).contains("not cached").contains("lcase");
    }
}
