package dev.cachedjdbc.conformance.coherence;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * An {@link ApplicationInstance} in a JVM of its own, started with this JVM's java and class path: the parent waits for it
 * to be ready, starts it with {@code go}, and keeps everything it prints (in memory and, at the end, in a file).
 */
final class InstanceProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final StringBuffer output = new StringBuffer();
    private final CountDownLatch ready = new CountDownLatch(1);
    private final Thread drain;

    private InstanceProcess(String name, Process process) {
        this.name = name;
        this.process = process;
        this.drain = new Thread(this::drain, "output of " + name);
        drain.setDaemon(true);
        drain.start();
    }

    static InstanceProcess start(String name, Path directory, CoherenceMode mode, Duration run, Duration bound,
            InstanceRole role, long seed) throws IOException {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                ApplicationInstance.class.getName(), name, directory.toString(), Long.toString(run.toMillis()),
                Long.toString(bound.toMillis()), role.argument(), Long.toString(seed), mode.property());
        return new InstanceProcess(name, new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    String name() {
        return name;
    }

    private void drain() {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                output.append(line).append('\n');
                if (line.equals("ready")) {
                    ready.countDown();
                }
            }
        } catch (IOException e) {
            output.append("(output lost: ").append(e).append(")\n");
        }
    }

    void awaitReady(Duration atMost) throws InterruptedException {
        if (!ready.await(atMost.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("instance " + name + " was not ready within " + atMost + (process.isAlive() ? ""
                    : " (exited with " + process.exitValue() + ")") + "; its output:\n" + output);
        }
    }

    void go() throws IOException {
        OutputStream input = process.getOutputStream();
        input.write("go\n".getBytes(StandardCharsets.UTF_8));
        input.flush();
    }

    /** Waits for the JVM to exit; its output is kept beside its records. */
    int awaitExit(Duration atMost, Path directory) throws InterruptedException, IOException {
        if (!process.waitFor(atMost.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("instance " + name + " did not end within " + atMost + " (a hang); its output:\n"
                    + output);
        }
        drain.join(5_000);
        Files.writeString(directory.resolve(name + "-output.txt"), output);
        return process.exitValue();
    }

    String output() {
        return output.toString();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
