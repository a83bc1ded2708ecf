package dev.cachedjdbc.analysis;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import net.sf.jsqlparser.parser.CCJSqlParser;
import net.sf.jsqlparser.parser.CCJSqlParserConstants;
import net.sf.jsqlparser.parser.StringProvider;
import net.sf.jsqlparser.statement.Statement;

/**
 * Runs JSqlParser on the caller's thread under a deadline.
 *
 * <p>JSqlParser 5.4 stops a running parse through the public volatile flag {@code CCJSqlParser.interrupted}, which
 * its expression and list productions poll; {@code CCJSqlParserUtil.parse(String)} sets it from a single-thread
 * executor it creates for every call. Here one shared daemon timer sets the flag when the deadline passes, so no
 * thread is started per parse and the timer thread itself ends after a few idle seconds. The flag is polled only in
 * some productions, which is why the caller also refuses texts nested too deeply before parsing (recursion, not
 * list length, is what the flag does not reach). A parse that returns after the flag was set is discarded: measured,
 * JSqlParser then sometimes returns a truncated statement instead of failing.
 *
 * <p>Like {@code CCJSqlParserUtil}, it first parses without and then with JSqlParser's "complex parsing", which reads
 * more statements at a higher cost.
 *
 * <p>It also reports how many JDBC parameters the parser read. JSqlParser numbers its {@code JdbcParameter}s with one
 * counter that also counts {@code $1} parameters, and a {@code ?} it reads as an operator ({@code ?|}, the JSON
 * {@code ?}) does not count at all; comparing the counter with the statement's placeholders is what tells whether
 * its numbers are the JDBC positions.
 */
final class BoundedParser {

    private static final ScheduledThreadPoolExecutor TIMER = createTimer();

    private BoundedParser() {
    }

    /**
     * The outcome of one parse: a statement, or why there is none.
     *
     * @param jdbcParametersRead how many JDBC parameters the parser numbered while reading the statement; 0 when
     *                           there is no statement
     */
    record Outcome(Statement statement, String failure, boolean timedOut, int jdbcParametersRead) {

        static Outcome parsed(Statement statement, int jdbcParametersRead) {
            return new Outcome(statement, null, false, jdbcParametersRead);
        }

        static Outcome failed(String failure) {
            return new Outcome(null, failure, false, 0);
        }

        static Outcome outOfTime() {
            return new Outcome(null, "parsing took longer than the time allowed", true, 0);
        }
    }

    /** JSqlParser's parser with its parameter counter readable; the counter is protected, not private. */
    private static final class CountingParser extends CCJSqlParser {

        CountingParser(String text) {
            super(new StringProvider(text));
        }

        int jdbcParametersRead() {
            return jdbcParameterIndex;
        }
    }

    static Outcome parse(String text, long deadlineNanos) {
        Outcome simple = parseOnce(text, false, deadlineNanos);
        if (simple.statement() != null || simple.timedOut()) {
            return simple;
        }
        Outcome complex = parseOnce(text, true, deadlineNanos);
        if (complex.statement() != null || complex.timedOut()) {
            return complex;
        }
        return simple;
    }

    private static Outcome parseOnce(String text, boolean complexParsing, long deadlineNanos) {
        long remaining = deadlineNanos - System.nanoTime();
        if (remaining <= 0) {
            return Outcome.outOfTime();
        }
        CountingParser parser = new CountingParser(text);
        parser.withAllowComplexParsing(complexParsing);
        ScheduledFuture<?> alarm = TIMER.schedule(() -> {
            parser.interrupted = true;
        }, remaining, TimeUnit.NANOSECONDS);
        try {
            Statement statement = parser.Statement();
            if (parser.interrupted) {
                return Outcome.outOfTime();
            }
            if (statement == null || parser.getToken(1).kind != CCJSqlParserConstants.EOF) {
                return Outcome.failed("the parser did not read the whole statement");
            }
            return Outcome.parsed(statement, parser.jdbcParametersRead());
        } catch (StackOverflowError e) {
            return Outcome.failed("the statement is nested too deeply to parse");
        } catch (Exception | Error e) {
            if (parser.interrupted) {
                return Outcome.outOfTime();
            }
            return Outcome.failed(firstLine(e));
        } finally {
            alarm.cancel(false);
        }
    }

    private static String firstLine(Throwable e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return "the parser failed: " + e.getClass().getSimpleName();
        }
        int newline = message.indexOf('\n');
        return "the parser failed: " + (newline < 0 ? message : message.substring(0, newline)).trim();
    }

    private static ScheduledThreadPoolExecutor createTimer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "cached-jdbc-parse-timer");
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true);
        timer.setKeepAliveTime(5, TimeUnit.SECONDS);
        timer.allowCoreThreadTimeOut(true);
        return timer;
    }
}
