package dev.cachedjdbc.coherence;

import java.time.Duration;

/**
 * Whether another instance may be listening on a change channel, judged from what this instance's feed has heard: every
 * listening instance sends heartbeats several times within its bound, so a feed that has listened for a whole window
 * and heard nothing from any other sender in it can tell that nobody else listens. Then a transaction's writes need
 * not be opened before its commit (a round trip, and the server's notification lock, for nobody): they are announced
 * after it, as an autocommit write's are. An instance that starts listening meanwhile treats such a transaction as it
 * treats an autocommit write, its bound counting from the announcement, until this instance has heard it, at most a
 * poll of the feed after its first heartbeat.
 *
 * <p>Written by the feed's thread, read by writers' threads.
 */
public final class PeerPresence {

    private final long windowNanos;
    /** Whether the feed listens now; when it does not, nobody can be ruled out. */
    private volatile boolean listening;
    private volatile long listeningSinceNanos;
    private volatile boolean peerHeard;
    private volatile long peerLastHeardNanos;

    /**
     * @param window how long the feed must have listened, and how long ago another sender must have been heard at the
     *               latest, for nobody else to be listening
     */
    public PeerPresence(Duration window) {
        this.windowNanos = window.toNanos();
    }

    /** The feed listens on the channel from now on: until a whole window has passed, anyone may be listening. */
    public void startedListening(long nowNanos) {
        listeningSinceNanos = nowNanos;
        peerHeard = false;
        listening = true;
    }

    /** The feed's connection is gone: what others do cannot be heard. */
    public void stoppedListening() {
        listening = false;
    }

    /** A message of another instance was heard: it listens too. */
    public void heardPeer(long nowNanos) {
        peerLastHeardNanos = nowNanos;
        peerHeard = true;
    }

    /**
     * Whether another instance may be listening: true unless the feed has listened for a whole window and heard no
     * other sender within the last window.
     */
    public boolean othersMayListen(long nowNanos) {
        if (!listening || nowNanos - listeningSinceNanos < windowNanos) {
            return true;
        }
        return peerHeard && nowNanos - peerLastHeardNanos < windowNanos;
    }
}
