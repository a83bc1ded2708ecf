package dev.cachedjdbc.conformance.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedjdbc.testing.TestDatabases;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Memory, measured in child JVMs with constrained heaps ({@link MemoryScenarios}): a cache with a small
 * {@code cache.maxBytes} keeps its estimate under the bound and the heap flat while far more distinct results pass
 * through it than the heap could hold; and a result larger than {@code cache.maxResultRows} streams through a 32 MB
 * heap without being buffered whole, where the plain driver reading it whole runs out of memory.
 *
 * <p>The children are started with {@link ProcessBuilder} and the test JVM's class path, so the heap limit holds
 * however the test is run ({@code -Dtest=ConstrainedHeapTest} included).
 */
class ConstrainedHeapTest {

    private static final long CACHE_BOUND = 256 * 1024;
    private static final int LOADS = Integer.getInteger("cachedjdbc.memory.loads", 12_000);
    private static final int BIG_ROWS = 200_000;

    @Test
    void aSmallCacheStaysWithinItsBoundAndTheHeapStaysFlatOnH2() throws Exception {
        assertBoundedCache(run("64m", "bounded-cache", "jdbc:h2:mem:cj_memory", "", String.valueOf(LOADS)));
    }

    @Test
    void aSmallCacheStaysWithinItsBoundAndTheHeapStaysFlatOnPostgres() throws Exception {
        TestDatabases.assumePostgres();
        assertBoundedCache(run("64m", "bounded-cache", TestDatabases.PG_URL, TestDatabases.PG_USER,
                String.valueOf(LOADS)));
    }

    @Test
    void aResultOverTheRowLimitStreamsThroughA32MegabyteHeap() throws Exception {
        Databases postgres = Databases.postgres();
        postgres.run("drop table if exists cj_mem_big",
                "create table cj_mem_big (id int primary key, payload text)",
                "insert into cj_mem_big select g, repeat('x', 200) || g from generate_series(1, " + BIG_ROWS + ") g");
        try {
            Map<String, String> streamed = run("32m", "stream-large-result", TestDatabases.PG_URL, TestDatabases.PG_USER);
            long expectedSum = (long) BIG_ROWS * (BIG_ROWS + 1) / 2;
            assertThat(streamed.get("rows")).as("both reads see every row").isEqualTo(String.valueOf(2L * BIG_ROWS));
            assertThat(streamed.get("idSum")).isEqualTo(String.valueOf(2 * expectedSum));
            assertThat(streamed.get("executions")).as("too large to cache: each read runs once on the database")
                    .isEqualTo("2");
            System.out.println("streamed: " + streamed.get("rows") + " rows in a heap of " + streamed.get("maxHeapBytes")
                    + " bytes");

            Map<String, String> control = runExpectingFailure("32m", "plain-driver-buffers", TestDatabases.PG_URL,
                    TestDatabases.PG_USER);
            assertThat(control.get("output")).as("the plain driver buffering the whole result does not fit")
                    .contains("OutOfMemoryError");
        } finally {
            postgres.run("drop table if exists cj_mem_big");
        }
    }

    private static void assertBoundedCache(Map<String, String> figures) {
        long maxEstimated = Long.parseLong(figures.get("maxEstimatedBytes"));
        long warm = Long.parseLong(figures.get("warmHeapBytes"));
        long end = Long.parseLong(figures.get("endHeapBytes"));
        assertThat(Long.parseLong(figures.get("rowsRead"))).isEqualTo((long) LOADS * MemoryScenarios.ROWS_PER_RESULT);
        assertThat(maxEstimated).as("the cache's estimate never passes cache.maxBytes").isLessThanOrEqualTo(CACHE_BOUND);
        assertThat(Long.parseLong(figures.get("evictions"))).as("entries were evicted to stay within the bound")
                .isGreaterThan(LOADS / 2);
        assertThat(end - warm).as("heap growth from the first tenth of the loads to the end").isLessThan(8L << 20);
        Map<String, String> shown = new java.util.TreeMap<>(figures);
        shown.remove("output");
        System.out.println("bounded cache: " + shown);
    }

    /** Runs a scenario in a child JVM with this maximum heap; returns its name=value lines. */
    private static Map<String, String> run(String heap, String... arguments) throws IOException, InterruptedException {
        Map<String, String> figures = runChild(heap, arguments);
        assertThat(figures.get("exit")).as("child JVM exit status; its output:\n" + figures.get("output")).isEqualTo("0");
        return figures;
    }

    private static Map<String, String> runExpectingFailure(String heap, String... arguments)
            throws IOException, InterruptedException {
        Map<String, String> figures = runChild(heap, arguments);
        assertThat(figures.get("exit")).as("the control run must fail").isNotEqualTo("0");
        return figures;
    }

    private static Map<String, String> runChild(String heap, String... arguments)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap, "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                MemoryScenarios.class.getName()));
        command.addAll(List.of(arguments));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output;
        try (var stream = child.getInputStream()) {
            output = stream.readAllBytes();
        }
        if (!child.waitFor(5, TimeUnit.MINUTES)) {
            child.destroyForcibly();
            throw new AssertionError("the child JVM did not finish in five minutes");
        }
        String text = new String(output, StandardCharsets.UTF_8);
        Map<String, String> figures = new HashMap<>();
        for (String line : text.split("\n")) {
            int equals = line.indexOf('=');
            if (equals > 0 && !line.contains(" ")) {
                figures.put(line.substring(0, equals), line.substring(equals + 1).trim());
            }
        }
        figures.put("exit", String.valueOf(child.exitValue()));
        figures.put("output", text);
        return figures;
    }

}
