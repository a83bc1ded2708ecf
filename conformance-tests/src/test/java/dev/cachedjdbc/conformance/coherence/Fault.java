package dev.cachedjdbc.conformance.coherence;

/**
 * One fault injected during a run, on the clock all instances share: from when it took hold ({@code startMicros}) to
 * when it was lifted ({@code endMicros}); each injector says how it takes the two instants. The instances' times to
 * suspend hits are measured from the start, their times to resume from the end.
 *
 * @param feedsReached the feed backends the fault reached (terminated, stopped, or running when the server went down)
 * @param detail       what was done, for the report
 */
record Fault(String name, long startMicros, long endMicros, int feedsReached, String detail) {

    String describe(long originMicros) {
        return String.format("%s at +%d ms for %d ms: %s", name, (startMicros - originMicros) / 1000,
                (endMicros - startMicros) / 1000, detail);
    }
}
