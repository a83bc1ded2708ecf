package dev.cachedjdbc.benchmarks.mixes;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time this JVM's JIT compiler threads have used, from Linux's per-thread accounting ({@code /proc/self/task}):
 * the compilers' busy time as the JVM reports it (CompilationMXBean) is wall-clock time, which on a saturated machine
 * counts mostly the time a compiler thread waited for a core, not what it took from the clients and the database.
 */
final class CompilerCpu {

    /** Linux reports thread CPU time in clock ticks of 1/100 s (USER_HZ). */
    private static final double SECONDS_PER_TICK = 0.01;
    private static final Path TASKS = Path.of("/proc/self/task");

    private CompilerCpu() {
    }

    /** Seconds of CPU (user and system) the compiler threads have used so far; -1 where it cannot be read. */
    static double seconds() {
        if (!Files.isDirectory(TASKS)) {
            return -1;
        }
        long ticks = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
            for (Path task : tasks) {
                try {
                    // HotSpot names them "C1 CompilerThre…" and "C2 CompilerThre…" (truncated to 15 characters).
                    if (!Files.readString(task.resolve("comm")).contains("CompilerThre")) {
                        continue;
                    }
                    String stat = Files.readString(task.resolve("stat"));
                    // Fields after the command name, which is in parentheses and may hold spaces: utime and stime
                    // are the 14th and 15th fields of the line, the 12th and 13th after it.
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                } catch (IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return ticks * SECONDS_PER_TICK;
    }
}
