package dev.cachedjdbc.conformance.jdbc;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@link CloseOnCompletionParityContract} on embedded H2. */
class H2CloseOnCompletionParityTest extends CloseOnCompletionParityContract {

    @Override
    Databases connectDatabases() {
        return Databases.h2("cj_completion");
    }

    /**
     * H2 closes a statement on completion only when the application closes its results, not when a new execution
     * does: the statement runs again. (pgjdbc closes it then, and fails that execution; see the README's limits.)
     */
    @ParameterizedTest
    @EnumSource(Kind.class)
    void aNewExecutionClosingTheLastResultLeavesTheStatementOpen(Kind kind) throws Exception {
        assertSameStepsOnAHit(READ, (connection, steps) -> {
            Executable executable = kind.of(connection, READ);
            executable.statement().closeOnCompletion();
            steps.record("rows", () -> ResultSetProbe.values(executable.executeQuery()).size())
                    .record("rows again", () -> ResultSetProbe.values(executable.executeQuery()).size())
                    .record("statement open", executable.statement()::isClosed);
        });
    }
}
