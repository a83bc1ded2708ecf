package dev.cachedjdbc.conformance.coherence;

import dev.cachedjdbc.conformance.coherence.FeedBackends.Backend;
import dev.cachedjdbc.testing.TestDatabases;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.TestAbortedException;

/**
 * Runs a test class only where the PostgreSQL server's backends are processes of this machine that this user may
 * signal, as {@link FeedStaller} needs; otherwise the class is skipped, saying why. Judged by the backend of a
 * connection of its own, before any instance starts.
 */
final class ServerProcessesHere implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        try (Connection admin = TestDatabases.postgres(); Statement statement = admin.createStatement();
                ResultSet own = statement.executeQuery("select pg_backend_pid(), inet_client_port()")) {
            own.next();
            Optional<String> whyNot = FeedStaller.whyNotHere(List.of(new Backend(own.getInt(1), own.getInt(2))));
            return whyNot.map(reason -> ConditionEvaluationResult.disabled("The server's processes cannot be stopped"
                    + " from here: " + reason + ". This test stops backends of the PostgreSQL server with kill -STOP,"
                    + " so it runs only on the server's machine as root (or as the server's user)"))
                    .orElseGet(() -> ConditionEvaluationResult.enabled("the server's backends are processes here"));
        } catch (TestAbortedException e) {
            return ConditionEvaluationResult.disabled(e.getMessage());
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("could not tell whether the server runs here", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
