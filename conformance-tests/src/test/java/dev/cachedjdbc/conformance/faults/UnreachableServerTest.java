package dev.cachedjdbc.conformance.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.cachedjdbc.testing.TestDatabases;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * A server that does not answer at connect: the caching driver fails exactly as the database's driver does, with
 * the same exception class, SQLState and message, and without needing the server to have answered before.
 */
class UnreachableServerTest {

    @Test
    void connectingToAPostgresPortNothingListensOnFailsAsThePlainDriverDoes() throws IOException {
        String rest = "postgresql://127.0.0.1:" + unusedPort() + "/test";
        assertSameFailure("jdbc:" + rest, "jdbc:cached:" + rest, TestDatabases.postgresCredentials());
    }

    @Test
    void connectingToAnH2ServerPortNothingListensOnFailsAsThePlainDriverDoes() throws IOException {
        String rest = "h2:tcp://127.0.0.1:" + unusedPort() + "/mem:sk_fault_unreachable";
        assertSameFailure("jdbc:" + rest, "jdbc:cached:" + rest, new Properties());
    }

    private static void assertSameFailure(String plainUrl, String cachedUrl, Properties credentials) {
        SQLException expected = catchThrowableOfType(SQLException.class,
                () -> DriverManager.getConnection(plainUrl, credentials));
        SQLException actual = catchThrowableOfType(SQLException.class,
                () -> DriverManager.getConnection(cachedUrl, credentials));

        assertThat((Throwable) expected).as("the plain driver's failure").isNotNull();
        // SQLException is also an Iterable of its chain: assert on it as the Throwable it is.
        assertThat((Throwable) actual).as("through the caching driver")
                .isExactlyInstanceOf(expected.getClass()).hasMessage(expected.getMessage());
        assertThat(actual.getSQLState()).isEqualTo(expected.getSQLState());
        assertThat(actual.getErrorCode()).isEqualTo(expected.getErrorCode());
    }

    /** A loopback port that was free a moment ago; nothing in these tests listens on it afterwards. */
    private static int unusedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
