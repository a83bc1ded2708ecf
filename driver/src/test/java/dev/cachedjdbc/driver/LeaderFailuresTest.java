package dev.cachedjdbc.driver;

import dev.cachedjdbc.statement.LeaderFailures;
import static org.assertj.core.api.Assertions.assertThat;

import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransactionRollbackException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

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
    void aLeaderFailingBecauseOfItsOwnConnectionSessionOrTransactionLetsWaitersRunThemselves() {
        assertThat(LeaderFailures.waitersRetryAfter(new SQLException("terminated by the operator", "57P01"))).isTrue();
        assertThat(LeaderFailures.waitersRetryAfter(new SQLException("transaction is aborted", "25P02"))).isTrue();
        assertThat(LeaderFailures.waitersRetryAfter(new SQLException("serialization failure", "40001"))).isTrue();
        assertThat(LeaderFailures.waitersRetryAfter(new SQLException("deadlock detected", "40P01"))).isTrue();
        assertThat(LeaderFailures.waitersRetryAfter(new SQLException("lock timeout", "55P03"))).isTrue();
        assertThat(LeaderFailures.waitersRetryAfter(new SQLException("out of memory", "53200"))).isTrue();
        assertThat(LeaderFailures.waitersRetryAfter(new SQLException("lock wait timed out", "HYT00"))).isTrue();
        assertThat(LeaderFailures.waitersRetryAfter(new SQLTransactionRollbackException("rolled back"))).isTrue();
    }

    @Test
    void errorsOfTheStatementItselfStillReachTheWaiters() {
        assertThat(LeaderFailures.waitersRetryAfter(new SQLException("division by zero", "22012"))).isFalse();
        assertThat(LeaderFailures.waitersRetryAfter(new SQLException("duplicate key", "23505"))).isFalse();
        assertThat(LeaderFailures.waitersRetryAfter(new SQLException("other object in use", "55006"))).isFalse();
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
    void pgjdbcExceptionsKeepTheirClassAndServerErrorFieldsForWaiters() {
        PSQLException leader = new PSQLException(
                new ServerErrorMessage("SERROR\0C22012\0Mdivision by zero\0Rint4div\0"));
        Exception copy = LeaderFailures.forWaiter(leader);
        assertThat(copy).isNotSameAs(leader).isExactlyInstanceOf(PSQLException.class)
                .hasMessage(leader.getMessage()).hasCause(leader);
        assertThat(((PSQLException) copy).getSQLState()).isEqualTo("22012");
        assertThat(((PSQLException) copy).getServerErrorMessage().getRoutine()).isEqualTo("int4div");
    }

    @Test
    void h2ExceptionsKeepTheirClassForWaiters() throws SQLException {
        SQLException leader;
        try (Connection h2 = DriverManager.getConnection("jdbc:h2:mem:leader_failures");
             Statement statement = h2.createStatement()) {
            leader = catchThrowableOfType(SQLException.class, () -> statement.executeQuery("SELECT 1 / 0"));
        }
        Exception copy = LeaderFailures.forWaiter(leader);
        assertThat(copy).isNotSameAs(leader).isExactlyInstanceOf(leader.getClass()).hasMessage(leader.getMessage());
        assertThat(((SQLException) copy).getSQLState()).isEqualTo(leader.getSQLState());
        assertThat(((SQLException) copy).getErrorCode()).isEqualTo(leader.getErrorCode());
        assertThat(copy.getCause() == leader || List.of(copy.getSuppressed()).contains(leader))
                .as("the leader's exception is attached to the copy").isTrue();
    }

    @Test
    void exceptionsThatCanNeitherBeBuiltNorSerializedBecomePlainSqlExceptionsWithTheSameDetails() {
        SQLException leader = new UnserializableVendorException("vendor specific", "XX000", 3);
        Exception copy = LeaderFailures.forWaiter(leader);
        assertThat(copy).isExactlyInstanceOf(SQLException.class).hasMessage("vendor specific").hasCause(leader);
        assertThat(((SQLException) copy).getSQLState()).isEqualTo("XX000");
    }

    /** A vendor exception without the standard constructor and with a field that cannot be serialized. */
    private static final class UnserializableVendorException extends SQLException {

        private final Object connectionState = new Object();

        UnserializableVendorException(String reason, String state, int code) {
            super(reason, state, code);
        }

        Object connectionState() {
            return connectionState;
        }
    }
}
