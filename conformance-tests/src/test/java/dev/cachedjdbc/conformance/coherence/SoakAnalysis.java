package dev.cachedjdbc.conformance.coherence;

import dev.cachedjdbc.conformance.coherence.SoakFiles.Read;
import dev.cachedjdbc.conformance.coherence.SoakFiles.Write;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Judges the records of all instances against one clock. Each row's committed versions are consecutive (the row lock
 * orders its writers and a rolled-back write's version is given again to the next), so a read that returned version
 * {@code v} missed exactly the committed writes of versions above {@code v}; the oldest of them, by the time its
 * commit returned, says how stale the read was.
 *
 * <p>Only the writes the readers are expected to hear ({@code judged}) count against them: with notify, those of the
 * caching instances, not the external writer's. Every committed write still tells which versions exist.
 */
final class SoakAnalysis {

    /** A read and the committed write it missed that had returned from its commit the longest before it began. */
    record Miss(Read read, Write missed, long ageMicros) {

        String describe(long originMicros) {
            return String.format("%s read row %d = version %d at +%.3f ms (ended +%.3f ms); %s had committed version %d"
                    + " (%s) at +%.3f ms, %.3f ms before", read.instance(), read.id(), read.version(),
                    (read.startMicros() - originMicros) / 1000.0, (read.endMicros() - originMicros) / 1000.0,
                    missed.instance(), missed.version(), kindName(missed.kind()),
                    (missed.commitMicros() - originMicros) / 1000.0, ageMicros / 1000.0);
        }
    }

    /** A read that returned a version no committed write had produced yet when the read ended. */
    record Uncommitted(Read read, Write producer) {
    }

    private final List<Write> writes;
    private final List<Read> reads;
    private final Predicate<Write> judged;
    /** Per row, the committed writes by version. */
    private final Map<Integer, Map<Long, Write>> committed = new HashMap<>();
    /** Per row, the writes in doubt. */
    private final Map<Integer, List<Write>> inDoubt = new HashMap<>();

    SoakAnalysis(List<Write> writes, List<Read> reads, Predicate<Write> judged) {
        this.writes = writes;
        this.reads = reads;
        this.judged = judged;
        for (Write write : writes) {
            if (write.committed()) {
                Write before = committed.computeIfAbsent(write.id(), id -> new HashMap<>()).put(write.version(), write);
                if (before != null) {
                    throw new AssertionError("two committed writes of row " + write.id() + " returned version "
                            + write.version() + ": " + before + " and " + write);
                }
            } else if (write.inDoubt()) {
                inDoubt.computeIfAbsent(write.id(), id -> new ArrayList<>()).add(write);
            }
        }
    }

    static String kindName(long kind) {
        return kind == SoakFiles.AUTOCOMMIT ? "autocommit" : kind == SoakFiles.COMMITTED ? "transaction"
                : kind == SoakFiles.IN_DOUBT ? "in doubt" : "rolled back";
    }

    /**
     * For each read, the judged committed write of a higher version, among those counted, whose commit returned first,
     * if it returned before the read began.
     */
    private Miss oldestMissed(Read read, Predicate<Write> counted) {
        Map<Long, Write> versions = committed.getOrDefault(read.id(), Map.of());
        Write oldest = null;
        for (Map.Entry<Long, Write> entry : versions.entrySet()) {
            Write write = entry.getValue();
            if (entry.getKey() > read.version() && judged.test(write) && counted.test(write)
                    && write.commitMicros() < read.startMicros()
                    && (oldest == null || write.commitMicros() < oldest.commitMicros())) {
                oldest = write;
            }
        }
        return oldest == null ? null : new Miss(read, oldest, read.startMicros() - oldest.commitMicros());
    }

    /**
     * Reads that began more than the bound (plus the allowance) after the commit of a judged write of their row they
     * did not see, whichever instance wrote it.
     */
    List<Miss> staleBeyond(long boundMicros) {
        List<Miss> stale = new ArrayList<>();
        for (Read read : reads) {
            Miss miss = oldestMissed(read, write -> true);
            if (miss != null && miss.ageMicros() > boundMicros) {
                stale.add(miss);
            }
        }
        stale.sort(Comparator.comparingLong(Miss::ageMicros).reversed());
        return stale;
    }

    /** The stalest read of all: how long before it began the oldest write it missed had committed. */
    Miss stalest() {
        Miss stalest = null;
        for (Read read : reads) {
            Miss miss = oldestMissed(read, write -> true);
            if (miss != null && (stalest == null || miss.ageMicros() > stalest.ageMicros())) {
                stalest = miss;
            }
        }
        return stalest;
    }

    /** Reads that missed a write their own instance had committed before they began: the single-JVM guarantee. */
    List<Miss> staleAfterOwnCommit() {
        List<Miss> stale = new ArrayList<>();
        for (Read read : reads) {
            Miss miss = oldestMissed(read, write -> write.instance().equals(read.instance()));
            if (miss != null) {
                stale.add(miss);
            }
        }
        return stale;
    }

    /**
     * Reads of a version whose committed write had not even been sent when the read ended: a rolled-back value. A
     * version that a write in doubt of the row may have committed (its own, or any when it is unknown) is not
     * counted: that write may have committed after all.
     */
    List<Uncommitted> uncommittedReads() {
        List<Uncommitted> found = new ArrayList<>();
        for (Read read : reads) {
            if (read.version() == 0) {
                continue;
            }
            Write producer = committed.getOrDefault(read.id(), Map.of()).get(read.version());
            if ((producer == null || producer.startMicros() > read.endMicros()) && !mayHaveCommitted(read)) {
                found.add(new Uncommitted(read, producer));
            }
        }
        return found;
    }

    /** Reads of a version that only a write in doubt can have committed. */
    long inDoubtReads() {
        return reads.stream().filter(read -> read.version() != 0
                && !committed.getOrDefault(read.id(), Map.of()).containsKey(read.version())
                && mayHaveCommitted(read)).count();
    }

    private boolean mayHaveCommitted(Read read) {
        return inDoubt.getOrDefault(read.id(), List.of()).stream().anyMatch(write -> write.startMicros() < read.endMicros()
                && (write.version() == SoakFiles.UNKNOWN_VERSION || write.version() == read.version()));
    }

    /**
     * From commits to the reads of each other instance: {@code delays}, to the first read that returned that version
     * or a newer one (an upper bound on the propagation, which includes the wait until that instance next read the
     * row); {@code lastMissed}, to the last read that still returned an older version (a lower bound, 0 when none).
     */
    record Propagation(long[] delays, long[] lastMissed, int unseen) {

        static long percentile(long[] sorted, double p) {
            if (sorted.length == 0) {
                return -1;
            }
            int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
        }

        String describe() {
            if (delays.length == 0) {
                return "no such write was read by another instance (" + unseen + " never read before the end)";
            }
            return String.format("first fresh read p50 %.1f ms, p99 %.1f ms, max %.1f ms; last stale read p50 %.1f ms,"
                    + " p99 %.1f ms, max %.1f ms; over %d write-instance pairs (%d never read before the end)",
                    percentile(delays, 50) / 1000.0, percentile(delays, 99) / 1000.0, percentile(delays, 100) / 1000.0,
                    percentile(lastMissed, 50) / 1000.0, percentile(lastMissed, 99) / 1000.0,
                    percentile(lastMissed, 100) / 1000.0, delays.length, unseen);
        }
    }

    /** For each judged committed write of the kinds given and each other instance, as {@link Propagation} says. */
    Propagation propagation(Collection<String> instances, Predicate<Write> which) {
        Map<String, Map<Integer, List<Read>>> byInstanceAndRow = new HashMap<>();
        for (Read read : reads) {
            byInstanceAndRow.computeIfAbsent(read.instance(), name -> new HashMap<>())
                    .computeIfAbsent(read.id(), id -> new ArrayList<>()).add(read);
        }
        byInstanceAndRow.values().forEach(rows -> rows.values()
                .forEach(list -> list.sort(Comparator.comparingLong(Read::startMicros))));
        List<Long> delays = new ArrayList<>();
        List<Long> lastMissed = new ArrayList<>();
        int unseen = 0;
        for (Write write : writes) {
            if (!write.committed() || !judged.test(write) || !which.test(write)) {
                continue;
            }
            for (String instance : instances) {
                if (instance.equals(write.instance())) {
                    continue;
                }
                List<Read> rowReads = byInstanceAndRow.getOrDefault(instance, Map.of())
                        .getOrDefault(write.id(), List.of());
                long[] seen = seen(rowReads, write);
                if (seen[0] < 0) {
                    unseen++;
                } else {
                    delays.add(seen[0]);
                    lastMissed.add(seen[1]);
                }
            }
        }
        return new Propagation(sorted(delays), sorted(lastMissed), unseen);
    }

    private static long[] sorted(List<Long> values) {
        long[] sorted = values.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        return sorted;
    }

    /** The first read after the commit that saw it, and the last that did not, after the commit; -1 if none saw it. */
    private static long[] seen(List<Read> rowReads, Write write) {
        int low = 0;
        int high = rowReads.size();
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (rowReads.get(middle).startMicros() < write.commitMicros()) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        long first = -1;
        long lastMissed = 0;
        for (int i = low; i < rowReads.size(); i++) {
            Read read = rowReads.get(i);
            long after = read.startMicros() - write.commitMicros();
            if (read.version() >= write.version()) {
                if (first < 0) {
                    first = after;
                }
            } else {
                lastMissed = after;
            }
        }
        return new long[] {first, lastMissed};
    }
}
