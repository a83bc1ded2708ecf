package dev.cachedjdbc.conformance.coherence;

import dev.cachedjdbc.conformance.coherence.SoakAnalysis.Miss;
import dev.cachedjdbc.conformance.coherence.SoakFiles.Failure;
import dev.cachedjdbc.conformance.coherence.SoakFiles.Read;
import dev.cachedjdbc.conformance.coherence.SoakFiles.Sample;
import dev.cachedjdbc.conformance.coherence.SoakFiles.Write;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;

/**
 * What a run of instances left: every instance's records, status samples, failed statements, final figures and exit
 * status, the faults injected, and the report that every assertion on them carries.
 */
final class InstancesOutcome {

    /** Clock reads of different processes on one machine: generous for a clock read in microseconds. */
    static final Duration CLOCK_ALLOWANCE = Duration.ofMillis(5);
    /** The first seconds of a run, while the JVMs compile on a machine of two cores, are not quiet. */
    private static final long WARM_UP_MICROS = 3_000_000;

    final Path directory;
    final CoherenceMode mode;
    final Duration bound;
    final Duration run;
    final long origin;
    /** The instances whose reads are judged: those that cache and hear the others. */
    final List<String> instances;
    /** Instances with cache.coherence=local, which hear no other instance: their stale reads show the check works. */
    final List<String> controls;
    /** Writers through plain pgjdbc: their writes are judged only where the mode hears writes outside the driver. */
    final List<String> externals;
    final Map<String, Integer> exits;
    final Map<String, String> outputs;
    final List<Write> writes;
    final List<Read> reads;
    final List<Failure> failures;
    final Map<String, List<Sample>> samples;
    final Map<String, Properties> summaries;
    final List<Fault> faults;
    final SoakAnalysis analysis;
    final SoakAnalysis controlAnalysis;
    /** The judged instances' reads against the external writer's writes alone, when the mode does not hear them. */
    final SoakAnalysis unheardExternalAnalysis;
    private String report;

    InstancesOutcome(Path directory, CoherenceMode mode, Duration bound, Duration run, long origin,
            Map<String, InstanceRole> roles, Map<String, Integer> exits, Map<String, String> outputs,
            List<Write> writes, List<Read> reads, List<Failure> failures, Map<String, List<Sample>> samples,
            Map<String, Properties> summaries, List<Fault> faults) {
        this.directory = directory;
        this.mode = mode;
        this.bound = bound;
        this.run = run;
        this.origin = origin;
        this.instances = roles.keySet().stream().filter(name -> roles.get(name).judged()).toList();
        this.controls = roles.keySet().stream().filter(name -> roles.get(name).control()).toList();
        this.externals = roles.keySet().stream().filter(name -> roles.get(name).external()).toList();
        this.exits = exits;
        this.outputs = outputs;
        this.writes = writes;
        this.reads = reads;
        this.failures = failures;
        this.samples = samples;
        this.summaries = summaries;
        this.faults = faults;
        Predicate<Write> external = write -> externals.contains(write.instance());
        Predicate<Write> heard = mode.hearsExternalWrites() ? write -> true : external.negate();
        List<Read> judgedReads = reads.stream().filter(read -> instances.contains(read.instance())).toList();
        this.analysis = new SoakAnalysis(writes, judgedReads, heard);
        this.controlAnalysis = new SoakAnalysis(writes, reads.stream()
                .filter(read -> controls.contains(read.instance())).toList(), heard);
        this.unheardExternalAnalysis = mode.hearsExternalWrites() ? null
                : new SoakAnalysis(writes, judgedReads, external);
    }

    /** Reads that missed a judged write committed more than the bound and the clock allowance before they began. */
    List<Miss> staleBeyondBound() {
        return analysis.staleBeyond(boundMicros());
    }

    /** The same, among the reads of the controls. */
    List<Miss> controlStaleBeyondBound() {
        return controlAnalysis.staleBeyond(boundMicros());
    }

    /** The judged instances' reads that missed an external write beyond the bound, in a mode that does not hear them. */
    List<Miss> unheardExternalStaleBeyondBound() {
        return unheardExternalAnalysis == null ? List.of() : unheardExternalAnalysis.staleBeyond(boundMicros());
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

    /** The application statements that failed, on every instance, within this span of the shared clock. */
    List<Failure> failuresBetween(long fromMicros, long toMicros) {
        return failures.stream().filter(failure -> failure.micros() >= fromMicros && failure.micros() <= toMicros)
                .toList();
    }

    String describe(List<Miss> misses) {
        StringBuilder text = new StringBuilder();
        misses.stream().limit(30).forEach(miss -> text.append("  ").append(miss.describe(origin)).append('\n'));
        if (misses.size() > 30) {
            text.append("  … ").append(misses.size() - 30).append(" more\n");
        }
        return text.toString();
    }

    String describeFailures(List<Failure> found) {
        StringBuilder text = new StringBuilder();
        found.stream().limit(30).forEach(failure -> text.append("  ").append(failure.describe(origin)).append('\n'));
        if (found.size() > 30) {
            text.append("  … ").append(found.size() - 30).append(" more\n");
        }
        return text.toString();
    }

    /** How the instance answered the fault, seen in its samples until the next fault began. */
    FaultResponse response(String instance, Fault fault) {
        int index = faults.indexOf(fault);
        long windowEnd = index + 1 < faults.size() ? faults.get(index + 1).startMicros() : Long.MAX_VALUE;
        return FaultResponse.of(instance, samples.get(instance), fault, windowEnd);
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
                .append(controls.isEmpty() ? "" : " (and " + controls.size() + " control)")
                .append(externals.isEmpty() ? "" : " (and " + externals.size() + " external writer)").append(", ")
                .append(mode.property()).append(", bound ").append(bound.toMillis()).append(" ms, ")
                .append(run.toSeconds()).append(" s; records in ").append(directory).append('\n');
        long autocommit = writes.stream().filter(write -> write.kind() == SoakFiles.AUTOCOMMIT).count();
        long inTransactions = writes.stream().filter(write -> write.kind() == SoakFiles.COMMITTED).count();
        long rolledBack = writes.stream().filter(write -> write.kind() == SoakFiles.ROLLED_BACK).count();
        long inDoubt = writes.stream().filter(Write::inDoubt).count();
        long external = writes.stream().filter(write -> externals.contains(write.instance())).count();
        text.append(String.format("writes: %d autocommit, %d in committed transactions, %d rolled back, %d in doubt"
                + " (their commit failed)%s; reads: %d; failed statements: %d%n", autocommit, inTransactions,
                rolledBack, inDoubt, externals.isEmpty() ? "" : " (" + external + " of them external)", reads.size(),
                failures.size()));
        Miss stalest = analysis.stalest();
        text.append(String.format("stale beyond %d ms + %d ms: %d; stale after own commit: %d; uncommitted versions"
                + " read: %d (and %d reads of versions only a write in doubt can have committed)%n", bound.toMillis(),
                CLOCK_ALLOWANCE.toMillis(), staleBeyondBound().size(), analysis.staleAfterOwnCommit().size(),
                analysis.uncommittedReads().size(), analysis.inDoubtReads()));
        text.append("stalest read: ").append(stalest == null ? "none missed a committed write"
                : stalest.describe(origin)).append('\n');
        if (!controls.isEmpty()) {
            Miss controlStalest = controlAnalysis.stalest();
            text.append(String.format("control %s (cache.coherence=local, hears no other instance): %d reads stale"
                    + " beyond the bound; stalest: %s%n", controls, controlStaleBeyondBound().size(),
                    controlStalest == null ? "none" : controlStalest.describe(origin)));
        }
        if (!externals.isEmpty() && unheardExternalAnalysis != null) {
            Miss externalStalest = unheardExternalAnalysis.stalest();
            text.append(String.format("external writes (not heard with %s, judged apart): %d reads stale beyond the"
                    + " bound; stalest: %s%n", mode.property(), unheardExternalStaleBeyondBound().size(),
                    externalStalest == null ? "none" : externalStalest.describe(origin)));
        }
        text.append("propagation from a commit's return to the reads of each other instance of that row:\n");
        text.append("  all:          ").append(analysis.propagation(instances, write -> true).describe()).append('\n');
        text.append("  autocommit:   ").append(analysis.propagation(instances,
                write -> write.kind() == SoakFiles.AUTOCOMMIT).describe()).append('\n');
        text.append("  transactions: ").append(analysis.propagation(instances,
                write -> write.kind() == SoakFiles.COMMITTED).describe()).append('\n');
        if (!externals.isEmpty() && mode.hearsExternalWrites()) {
            text.append("  external:     ").append(analysis.propagation(instances,
                    write -> externals.contains(write.instance())).describe()).append('\n');
        }
        text.append("  quiet (after 3 s of warm-up, no fault within 2 s before the commit): ").append(
                analysis.propagation(instances, write -> write.commitMicros() > origin + WARM_UP_MICROS
                        && faults.stream().noneMatch(fault -> write.commitMicros() >= fault.startMicros()
                        && write.commitMicros() <= fault.endMicros() + 2_000_000)).describe()).append('\n');
        long announcementsSent = 0;
        for (String instance : summaries.keySet()) {
            if (!externals.contains(instance)) {
                announcementsSent += figure(instance, "announcementsSent");
            }
        }
        for (String instance : exits.keySet()) {
            if (!summaries.containsKey(instance)) {
                text.append("instance ").append(instance).append(": exit ").append(exits.get(instance))
                        .append(", no figures\n");
                continue;
            }
            Properties summary = summaries.get(instance);
            if (externals.contains(instance)) {
                text.append(String.format("external writer %s (plain pgjdbc): %d writes, failed statements %s, exit"
                        + " %d%n", instance, writes.stream().filter(write -> write.instance().equals(instance))
                        .count(), summary.getProperty("failedStatements"), exits.get(instance)));
                continue;
            }
            long othersSent = announcementsSent - figure(instance, "announcementsSent");
            boolean newRuntime = samples.containsKey(instance)
                    && samples.get(instance).stream().anyMatch(sample -> sample.runtime() > 0);
            String heard = !mode.announces()
                    ? String.format("transactions heard %s", summary.getProperty("invalidationsReceived"))
                    : String.format("announcements sent %s of %s expected, invalidations received %s of %d sent by the"
                            + " others", summary.getProperty("announcementsSent"),
                            summary.getProperty("expectedAnnouncements"), summary.getProperty("invalidationsReceived"),
                            othersSent);
            text.append(String.format("instance %s%s: hit ratio %.3f (%s hits, %s misses), failed statements %s, %s,"
                    + " suspended reads %s, suspended %s ms, exit %d%n", instance, newRuntime ? " (figures of the"
                    + " runtime the driver started for the restarted server only)" : "", hitRatio(instance),
                    summary.getProperty("hits"), summary.getProperty("misses"), summary.getProperty("failedStatements"),
                    heard, summary.getProperty("suspendedReads"), summary.getProperty("suspendedMillis"),
                    exits.get(instance)));
        }
        text.append("faults and what each instance's status showed (sampled every ~5 ms):\n");
        for (Fault fault : faults) {
            text.append("  ").append(fault.describe(origin)).append('\n');
            long failed = failuresBetween(fault.startMicros(), fault.endMicros()).size();
            if (failed > 0) {
                text.append("    ").append(failed).append(" statements failed during it\n");
            }
            for (String instance : instances) {
                if (samples.containsKey(instance)) {
                    text.append("    ").append(response(instance, fault).describe()).append('\n');
                }
            }
        }
        return text.toString();
    }

    /**
     * The samples at which the instance showed hits served although its proof was older than this: hits must be
     * suspended as soon as the proof is older than the bound, so beyond the bound this is only how late the sample
     * may see the suspension.
     */
    List<Sample> servingWithProofOlderThan(String instance, Duration age) {
        return samples.get(instance).stream().filter(sample -> !sample.hitsSuspended()
                && sample.proofAgeMillis() > age.toMillis()).toList();
    }

    /** Whether the instance's hits were suspended at some sample in this span of the shared clock. */
    boolean suspendedBetween(String instance, long fromMicros, long toMicros) {
        return samples.get(instance).stream().anyMatch(sample -> sample.hitsSuspended()
                && sample.micros() >= fromMicros && sample.micros() <= toMicros);
    }
}
