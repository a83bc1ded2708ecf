package dev.cachedjdbc.driver;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLTimeoutException;
import org.junit.jupiter.api.Test;

class LeaderFailuresTest {

    @Test
    void cancelledTimedOutOrDisconnectedLeadersLetWaitersRunThemselves() {
        assertThat(LeaderFailures.waitersRetryAfter(new SQLTimeoutException("slow"))).isTrue();
        assertThat(LeaderFailures.waitersRetryAfter(new SQLException("canceled", "57014"))).isTrue();
        assertThat(LeaderFailures.waitersRetryAfter(new SQLException("connection lost", "08006"))).isTrue();
        assertThat(LeaderFailures.waitersRetryAfter(new SQLException("no such table", "42P01"))).isFalse();
        assertThat(LeaderFailures.waitersRetryAfter(new SQLException("no state"))).isFalse();
    }

    @Test
    void waitersGetACopyWithTheSameClassMessageStateAndCode() {
        SQLException leader = new SQLIntegrityConstraintViolationException("duplicate", "23505", 7);
        Exception copy = LeaderFailures.forWaiter(leader);
        assertThat(copy).isNotSameAs(leader).isExactlyInstanceOf(SQLIntegrityConstraintViolationException.class)
                .hasMessage("duplicate").hasCause(leader);
        assertThat(((SQLException) copy).getSQLState()).isEqualTo("23505");
        assertThat(((SQLException) copy).getErrorCode()).isEqualTo(7);
    }

    @Test
    void exceptionsWithoutTheStandardConstructorBecomePlainSqlExceptionsWithTheSameDetails() {
        SQLException leader = new SQLException("vendor specific", "XX000", 3) {
        };
        Exception copy = LeaderFailures.forWaiter(leader);
        assertThat(copy).isExactlyInstanceOf(SQLException.class).hasMessage("vendor specific").hasCause(leader);
        assertThat(((SQLException) copy).getSQLState()).isEqualTo("XX000");
    }
}
