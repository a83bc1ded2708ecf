package dev.cachedjdbc.examples.demo;

import java.io.PrintStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Shows how far the demo is: one line redrawn in place on a terminal, and one plain line per phase when the output
 * goes to a file or a pipe (where carriage returns would only clutter it).
 */
public final class Progress implements AutoCloseable {

    private static final int BAR_WIDTH = 30;
    private static final long REDRAW_MILLIS = 200;

    private final PrintStream out;
    private final boolean terminal;
    private final double plannedSeconds;
    private final ScheduledExecutorService redraw;

    private double secondsBeforePhase;
    private volatile double phaseSeconds;
    private volatile long phaseStartNanos;
    private volatile String phase = "starting";
    private volatile Supplier<String> detail = () -> "";
    private int lastLineLength;
    private boolean closed;

    /** @param plannedSeconds the sum of the planned lengths of every phase that {@link #begin} will announce */
    public Progress(PrintStream out, boolean terminal, double plannedSeconds) {
        this.out = out;
        this.terminal = terminal;
        this.plannedSeconds = plannedSeconds;
        if (terminal) {
            redraw = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "demo-progress");
                thread.setDaemon(true);
                return thread;
            });
            redraw.scheduleAtFixedRate(this::draw, 0, REDRAW_MILLIS, TimeUnit.MILLISECONDS);
        } else {
            redraw = null;
        }
    }

    /** Starts a phase expected to take about this long; the detail is shown next to the bar and read on each redraw. */
    public synchronized void begin(String name, double expectedSeconds, Supplier<String> liveDetail) {
        secondsBeforePhase += phaseSeconds;
        phaseSeconds = expectedSeconds;
        phaseStartNanos = System.nanoTime();
        phase = name;
        detail = liveDetail;
        if (!terminal) {
            out.printf("[%3d%%] %s%n", Math.round(fraction() * 100), name);
            out.flush();
        }
    }

    public void begin(String name, double expectedSeconds) {
        begin(name, expectedSeconds, () -> "");
    }

    private double fraction() {
        double inPhase = Math.min(phaseSeconds, (System.nanoTime() - phaseStartNanos) / 1e9);
        return plannedSeconds <= 0 ? 1.0 : Math.min(1.0, (secondsBeforePhase + inPhase) / plannedSeconds);
    }

    private synchronized void draw() {
        if (closed) {
            return;
        }
        double fraction = fraction();
        int filled = (int) Math.round(fraction * BAR_WIDTH);
        String text = detail.get();
        String line = "[" + "#".repeat(filled) + ".".repeat(BAR_WIDTH - filled) + "] "
                + String.format("%3d%%", Math.round(fraction * 100)) + "  " + phase + (text.isEmpty() ? "" : "  " + text);
        out.print("\r" + line + " ".repeat(Math.max(0, lastLineLength - line.length())));
        out.flush();
        lastLineLength = line.length();
    }

    /** Clears the bar, so that what is printed next starts on a clean line. */
    @Override
    public synchronized void close() {
        closed = true;
        if (terminal) {
            redraw.shutdownNow();
            out.print("\r" + " ".repeat(lastLineLength) + "\r");
        } else {
            out.println("[100%] done");
        }
        out.flush();
    }
}
