package dev.cachedjdbc.coherence;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The heartbeats one connection of a change feed sends on its channel and hears back. One is due every heartbeat
 * interval, by the wall clock; each is remembered with the time it was sent on the guard's ticker, which hits are
 * judged by. The channel delivers in commit order, so hearing one back proves that everything committed before it
 * was sent has been heard: the guard is proven as of then. One per connection: heartbeats sent on a lost connection
 * are never heard.
 */
public final class Heartbeats {

    private final StalenessGuard guard;
    private final long intervalNanos;
    private final Runnable onProof;
    /** Heartbeats sent and not yet heard, oldest first: {sequence, sent at on the guard's ticker}. */
    private final Deque<long[]> inFlight = new ArrayDeque<>();
    private long sequence;
    private long nextAt = System.nanoTime();

    /** @param onProof runs at each heartbeat heard back (the feed's first-proof latch) */
    public Heartbeats(FeedContext context, Runnable onProof) {
        this.guard = context.guard();
        this.intervalNanos = context.heartbeatInterval().toNanos();
        this.onProof = onProof;
    }

    /** The sequence number of a heartbeat to send now, remembered as sent; -1 when none is due yet. */
    public long due() {
        long now = System.nanoTime();
        if (now - nextAt < 0) {
            return -1;
        }
        nextAt = now + intervalNanos;
        sequence++;
        inFlight.add(new long[] {sequence, guard.ticker().read()});
        return sequence;
    }

    /** This connection's heartbeat of this sequence number came back; older ones not heard are dropped with it. */
    public void heard(long heardSequence) {
        long[] sent;
        while ((sent = inFlight.peek()) != null && sent[0] <= heardSequence) {
            inFlight.poll();
            if (sent[0] == heardSequence) {
                guard.proven(sent[1]);
                onProof.run();
            }
        }
    }
}
