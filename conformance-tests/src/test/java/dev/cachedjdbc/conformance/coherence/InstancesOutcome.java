package dev.cachedjdbc.conformance.coherence;

import dev.cachedjdbc.conformance.coherence.FeedTerminator.Fault;
import dev.cachedjdbc.conformance.coherence.SoakAnalysis.Miss;
import dev.cachedjdbc.conformance.coherence.SoakFiles.Read;
import dev.cachedjdbc.conformance.coherence.SoakFiles.Sample;
import dev.cachedjdbc.conformance.coherence.SoakFiles.Write;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * What a run of instances left: every instance's records, status samples, final figures and exit status, the faults
 * injected, and the report that every assertion on them carries.
 */
final class InstancesOutcome {

    /** Clock reads of different processes on one machine: generous for a clock read in microseconds. */
    static final Duration CLOCK_ALLOWANCE = Duration.ofMillis(5);
    /** The first seconds of a run, while the JVMs compile on a machine of two cores, are not quiet. */
    private static final long WARM_UP_MICROS = 3_000_000;

    final Path directory;
    final Duration bound;
    final Duration run;
    final long origin;
    /** The instances whose reads are judged: all but the controls. */
    final List<String> instances;
    /** Instances with cache.coherence=local, which hear no other instance: their stale reads show the check works. */
    final List<String> controls;
    final Map<String, Integer> exits;
    final Map<String, String> outputs;
    final List<Write> writes;
    final List<Read> reads;
    final Map<String, List<Sample>> samples;
    final Map<String, Properties> summaries;
    final List<Fault> faults;
    final SoakAnalysis analysis;
    final SoakAnalysis controlAnalysis;
    private String report;

    InstancesOutcome(Path directory, Duration bound, Duration run, long origin, Map<String, String> roles,
            Map<String, Integer> exits, Map<String, String> outputs, List<Write> writes, List<Read> reads,
            Map<String, List<Sample>> samples, Map<String, Properties> summaries, List<Fault> faults) {
        this.directory = directory;
        this.bound = bound;
        this.run = run;
        this.origin = origin;
        this.instances = roles.keySet().stream().filter(name -> !roles.get(name).equals(NotifyInstance.LOCAL_READER))
                .toList();
        this.controls = roles.keySet().stream().filter(name -> !instances.contains(name)).toList();
        this.exits = exits;
        this.outputs = outputs;
        this.writes = writes;
        this.reads = reads;
        this.samples = samples;
        this.summaries = summaries;
        this.faults = faults;
        this.analysis = new SoakAnalysis(writes, reads.stream()
                .filter(read -> instances.contains(read.instance())).toList());
        this.controlAnalysis = new SoakAnalysis(writes, reads.stream()
                .filter(read -> controls.contains(read.instance())).toList());
    }

    /** Reads that missed a write committed more than the bound and the clock allowance before they began. */
    List<Miss> staleBeyondBound() {
        return analysis.staleBeyond(boundMicros());
    }

    /** The same, among the reads of the controls. */
    List<Miss> controlStaleBeyondBound() {
        return controlAnalysis.staleBeyond(boundMicros());
    }

    private long boundMicros() {
        return bound.plus(CLOCK_ALLOWANCE).toNanos() / 1000;
    }

    long figure(String instance, String name) {
        return Long.parseLong(summaries.get(instance).getProperty(name));
    }

    double hitRatio(String instance) {
        long hits = figure(instance, "hits");
        long misses = figure(instance, "misses");
        return hits + misses == 0 ? 0 : (double) hits / (hits + misses);
    }

    String describe(List<Miss> misses) {
        StringBuilder text = new StringBuilder();
        misses.stream().limit(30).forEach(miss -> text.append("  ").append(miss.describe(origin)).append('\n'));
        if (misses.size() > 30) {
            text.append("  … ").append(misses.size() - 30).append(" more\n");
        }
        return text.toString();
    }

    String report() {
        if (report == null) {
            report = makeReport();
        }
        return report;
    }

    private String makeReport() {
        StringBuilder text = new StringBuilder();
        text.append("\n=== ").append(instances.size()).append(" instances in JVMs of their own")
                .append(controls.isEmpty() ? "" : " (and " + controls.size() + " control)").append(", notify, bound ")
                .append(bound.toMillis()).append(" ms, ").append(run.toSeconds()).append(" s; records in ")
                .append(directory).append('\n');
        long autocommit = writes.stream().filter(write -> write.kind() == SoakFiles.AUTOCOMMIT).count();
        long inTransactions = writes.stream().filter(write -> write.kind() == SoakFiles.COMMITTED).count();
        long rolledBack = writes.stream().filter(write -> !write.committed()).count();
        text.append(String.format("writes: %d autocommit, %d in committed transactions, %d rolled back; reads: %d%n",
                autocommit, inTransactions, rolledBack, reads.size()));
        Miss stalest = analysis.stalest();
        text.append(String.format("stale beyond %d ms + %d ms: %d; stale after own commit: %d; uncommitted versions"
                + " read: %d%n", bound.toMillis(), CLOCK_ALLOWANCE.toMillis(), staleBeyondBound().size(),
                analysis.staleAfterOwnCommit().size(), analysis.uncommittedReads().size()));
        text.append("stalest read: ").append(stalest == null ? "none missed a committed write"
                : stalest.describe(origin)).append('\n');
        if (!controls.isEmpty()) {
            Miss controlStalest = controlAnalysis.stalest();
            text.append(String.format("control %s (cache.coherence=local, hears no other instance): %d reads stale"
                    + " beyond the bound; stalest: %s%n", controls, controlStaleBeyondBound().size(),
                    controlStalest == null ? "none" : controlStalest.describe(origin)));
        }
        text.append("propagation from a commit's return to the reads of each other instance of that row:\n");
        text.append("  all:          ").append(analysis.propagation(instances, write -> true).describe()).append('\n');
        text.append("  autocommit:   ").append(analysis.propagation(instances,
                write -> write.kind() == SoakFiles.AUTOCOMMIT).describe()).append('\n');
        text.append("  transactions: ").append(analysis.propagation(instances,
                write -> write.kind() == SoakFiles.COMMITTED).describe()).append('\n');
        text.append("  quiet (after 3 s of warm-up, no fault within 2 s before the commit): ").append(
                analysis.propagation(instances, write -> write.commitMicros() > origin + WARM_UP_MICROS
                        && faults.stream().noneMatch(fault -> write.commitMicros() >= fault.startMicros()
                        && write.commitMicros() <= fault.endMicros() + 2_000_000)).describe()).append('\n');
        long announcementsSent = 0;
        for (String instance : summaries.keySet()) {
            announcementsSent += figure(instance, "announcementsSent");
        }
        for (String instance : exits.keySet()) {
            if (!summaries.containsKey(instance)) {
                text.append("instance ").append(instance).append(": exit ").append(exits.get(instance))
                        .append(", no figures\n");
                continue;
            }
            Properties summary = summaries.get(instance);
            long othersSent = announcementsSent - figure(instance, "announcementsSent");
            text.append(String.format("instance %s: hit ratio %.3f (%s hits, %s misses), failed statements %s,"
                    + " announcements sent %s of %s expected, invalidations received %s of %d sent by the others,"
                    + " suspended reads %s, suspended %s ms, exit %d%n", instance, hitRatio(instance),
                    summary.getProperty("hits"), summary.getProperty("misses"), summary.getProperty("failedStatements"),
                    summary.getProperty("announcementsSent"), summary.getProperty("expectedAnnouncements"),
                    summary.getProperty("invalidationsReceived"), othersSent, summary.getProperty("suspendedReads"),
                    summary.getProperty("suspendedMillis"), exits.get(instance)));
        }
        text.append("faults and what each instance's status showed (sampled every ~5 ms):\n");
        for (int i = 0; i < faults.size(); i++) {
            Fault fault = faults.get(i);
            long windowEnd = i + 1 < faults.size() ? faults.get(i + 1).startMicros() : Long.MAX_VALUE;
            text.append("  ").append(fault.describe(origin)).append('\n');
            for (String instance : instances) {
                if (!samples.containsKey(instance)) {
                    continue;
                }
                text.append("    ").append(instance).append(": ")
                        .append(suspension(samples.get(instance), fault, windowEnd)).append('\n');
            }
        }
        return text.toString();
    }

    /** Whether the instance's hits were suspended at some sample in this span of the shared clock. */
    boolean suspendedBetween(String instance, long fromMicros, long toMicros) {
        return samples.get(instance).stream().anyMatch(sample -> sample.hitsSuspended()
                && sample.micros() >= fromMicros && sample.micros() <= toMicros);
    }

    /** Whether the instance served hits again at some sample in this span of the shared clock. */
    boolean servingBetween(String instance, long fromMicros, long toMicros) {
        return samples.get(instance).stream().anyMatch(sample -> !sample.hitsSuspended()
                && sample.micros() >= fromMicros && sample.micros() <= toMicros);
    }

    /** When the instance saw its feed go and come back, and its hits stop and resume, around one fault. */
    private static String suspension(List<Sample> own, Fault fault, long windowEnd) {
        Sample before = null;
        Sample disconnected = null;
        Sample reconnected = null;
        Sample suspended = null;
        Sample resumed = null;
        Sample last = null;
        for (Sample sample : own) {
            if (sample.micros() < fault.startMicros()) {
                before = sample;
                continue;
            }
            if (sample.micros() >= windowEnd) {
                break;
            }
            last = sample;
            if (disconnected == null && !sample.connected()) {
                disconnected = sample;
            }
            if (disconnected != null && reconnected == null && sample.connected()
                    && sample.micros() > fault.endMicros()) {
                reconnected = sample;
            }
            if (suspended == null && sample.hitsSuspended()) {
                suspended = sample;
            }
            if (suspended != null && resumed == null && !sample.hitsSuspended()) {
                resumed = sample;
            }
        }
        if (before == null || last == null) {
            return "no samples";
        }
        StringBuilder text = new StringBuilder();
        text.append(disconnected == null ? "feed never seen disconnected"
                : "feed seen down +" + ms(disconnected.micros() - fault.startMicros()) + " ms after the fault began");
        text.append(reconnected == null ? ", not seen reconnected"
                : ", up again " + signed(reconnected.micros() - fault.endMicros()) + " ms after it ended");
        if (suspended == null) {
            text.append("; hits never suspended");
        } else {
            text.append("; hits suspended +").append(ms(suspended.micros() - fault.startMicros()))
                    .append(" ms after the fault began (proof age ").append(suspended.proofAgeMillis()).append(" ms)");
            text.append(resumed == null ? ", not resumed in the window"
                    : ", resumed " + signed(resumed.micros() - fault.endMicros()) + " ms after it ended");
        }
        Sample after = resumed != null ? resumed : last;
        text.append(String.format("; suspended reads %d -> %d, suspended ms %d -> %d", before.suspendedReads(),
                after.suspendedReads(), before.suspendedMillis(), after.suspendedMillis()));
        return text.toString();
    }

    private static long ms(long micros) {
        return micros / 1000;
    }

    /** Milliseconds with their sign: a feed may come back, and hits resume, before a fault that keeps it down ends. */
    private static String signed(long micros) {
        return String.format("%+d", micros / 1000);
    }
}
