package dev.cachedjdbc.conformance.coherence;

import dev.cachedjdbc.conformance.coherence.SoakFiles.Sample;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

/**
 * How one instance's cache answered one fault, read from its status samples (one every ~5 ms, so every time here is
 * late by up to a sampling period, more when the machine keeps the sampling thread waiting): whether it served hits
 * when the fault began, when it first showed hits suspended (and how old its proof was then), when it last served a
 * hit before resuming, and when it served hits again. Times to suspend are measured from the fault's start, times to
 * resume from its end (negative when hits came back before the fault ended, as when a reconnection slips between two
 * terminations).
 *
 * @param servingBefore      hits were served at the last sample before the fault
 * @param feedDown           first sample showing the feed disconnected, from the fault's start
 * @param feedUp             first sample after that showing it connected again, from the fault's end
 * @param suspended          first sample showing hits suspended, from the fault's start
 * @param proofAgeMillis     the proof's age at that sample (just over the bound when hits stop as soon as it is too
 *                           old)
 * @param lastHit            the last sample, before hits resumed, whose hit count had grown, from the fault's start
 * @param resumed            first sample after the suspension showing hits served again, from the fault's end
 * @param newRuntime         first sample of another database runtime than before the fault (after a server restart,
 *                           which the driver takes for a new database), from the fault's end
 * @param suspendedReads     reads sent to the database because hits were suspended, until the resumption
 */
record FaultResponse(String instance, Fault fault, boolean servingBefore, OptionalLong feedDown, OptionalLong feedUp,
        OptionalLong suspended, long proofAgeMillis, OptionalLong lastHit, OptionalLong resumed,
        OptionalLong newRuntime, long suspendedReads) {

    /**
     * How late a sample may show what the cache did: the monitor samples every 5 ms, but on a machine of two cores
     * shared by several JVMs and the server its thread can wait tens of milliseconds for a core. Hits themselves
     * stop on time (the guard's check is made on every hit); only the sight of it may come late.
     */
    static final Duration SAMPLING_ALLOWANCE = Duration.ofMillis(100);

    /**
     * How late after the proof passed the bound the status may show hits suspended: a read refused shows it at once,
     * but while no read asks (every thread waiting for a pool that cannot reach the server) only the feed's own
     * check does, once per reconnection attempt, every fifth of the bound.
     */
    static Duration suspensionShownWithin(Duration bound) {
        return bound.plus(bound.dividedBy(5)).plus(SAMPLING_ALLOWANCE);
    }

    /** The response seen in the samples from the fault's start until the window's end (the next fault, say). */
    static FaultResponse of(String instance, List<Sample> samples, Fault fault, long windowEndMicros) {
        Sample before = null;
        Sample disconnected = null;
        Sample reconnected = null;
        Sample suspended = null;
        Sample resumed = null;
        Sample lastHit = null;
        Sample newRuntime = null;
        Sample last = null;
        long suspendedReads = 0;
        for (Sample sample : samples) {
            if (sample.micros() < fault.startMicros()) {
                before = sample;
                last = sample;
                continue;
            }
            if (sample.micros() >= windowEndMicros) {
                break;
            }
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
            boolean sameRuntime = last != null && sample.runtime() == last.runtime();
            if (newRuntime == null && before != null && sample.runtime() != before.runtime()) {
                newRuntime = sample;
            }
            if (resumed == null && sameRuntime && sample.hits() > last.hits()) {
                lastHit = sample;
            }
            if (resumed == null || sample == resumed) {
                // A new runtime counts from zero.
                suspendedReads += sameRuntime ? sample.suspendedReads() - last.suspendedReads()
                        : sample.suspendedReads();
            }
            last = sample;
        }
        return new FaultResponse(instance, fault, before != null && !before.hitsSuspended(),
                since(disconnected, fault.startMicros()), since(reconnected, fault.endMicros()),
                since(suspended, fault.startMicros()), suspended == null ? -1 : suspended.proofAgeMillis(),
                suspended == null ? OptionalLong.empty() : since(lastHit, fault.startMicros()),
                since(resumed, fault.endMicros()), since(newRuntime, fault.endMicros()), suspendedReads);
    }

    private static OptionalLong since(Sample sample, long micros) {
        return sample == null ? OptionalLong.empty() : OptionalLong.of(sample.micros() - micros);
    }

    String describe() {
        StringBuilder text = new StringBuilder(instance).append(": ");
        text.append(servingBefore ? "serving hits before" : "NOT serving hits before");
        text.append(feedDown.isPresent() ? "; feed seen down +" + ms(feedDown) + " ms after the start"
                : "; feed never seen down");
        if (feedDown.isPresent()) {
            text.append(feedUp.isPresent() ? ", up again " + signedMs(feedUp) + " ms after the end"
                    : ", not seen up again");
        }
        if (suspended.isEmpty()) {
            text.append("; hits never suspended");
        } else {
            text.append("; hits suspended +").append(ms(suspended)).append(" ms after the start (proof age ")
                    .append(proofAgeMillis).append(" ms)");
            text.append(lastHit.isPresent() ? ", last hit +" + ms(lastHit) + " ms" : ", no hit after the start");
            text.append(resumed.isPresent() ? ", resumed " + signedMs(resumed) + " ms after the end"
                    : ", NOT resumed in the window");
        }
        if (newRuntime.isPresent()) {
            text.append("; the driver took the server for a new database (new caches and feed) ")
                    .append(signedMs(newRuntime)).append(" ms after the end");
        }
        text.append("; ").append(suspendedReads).append(" reads sent to the database while suspended");
        return text.toString();
    }

    private static long ms(OptionalLong micros) {
        return micros.getAsLong() / 1000;
    }

    private static String signedMs(OptionalLong micros) {
        return String.format("%+d", micros.getAsLong() / 1000);
    }
}
