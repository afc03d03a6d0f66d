package nl.iwa.hub.testkit;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A JVM or other program started as a child process, with its output sent to a log file, and stopped
 * (gracefully first, then forcibly) when asked or when this JVM shuts down, so that nothing is left behind.
 */
public final class ChildProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path logFile;
    private final Thread shutdownHook;

    private ChildProcess(String name, Process process, Path logFile) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
        this.shutdownHook = new Thread(this::stop, "stop-" + name);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    public static ChildProcess start(String name, List<String> command, Path workDir, Path logFile) {
        return start(name, command, java.util.Map.of(), workDir, logFile);
    }

    /** With extra environment variables (secrets go here, never on the command line where ps shows them). */
    public static ChildProcess start(String name, List<String> command, java.util.Map<String, String> env, Path workDir, Path logFile) {
        try {
            logFile.getParent().toFile().mkdirs();
            // appended, with a line per start: a child started again (a crash test's restarts, the local stack
            // run twice) keeps the earlier runs' output, which is where the cause of a failed restart usually is
            java.nio.file.Files.writeString(logFile, "==== " + name + " started " + Instant.now() + " ====" + System.lineSeparator(),
                    java.nio.charset.StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            ProcessBuilder builder = new ProcessBuilder(inOwnSession(command));
            builder.environment().putAll(env);
            Process p = builder
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
            return new ChildProcess(name, p, logFile);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + name + ": " + e.getMessage(), e);
        }
    }

    /**
     * Runs the child in a session (and so a process group) of its own where {@code setsid} exists. A Ctrl-C in a
     * terminal signals the whole foreground process group; without this, every child would get the SIGINT at
     * the same moment as this JVM and stop in random order (e.g. the broker before the hub that still writes
     * to it). With it, only this JVM hears the Ctrl-C and its shutdown hooks stop the children, deliberately.
     * A child started by the JVM is never a group leader, so setsid execs in place: the pid stays the child's.
     */
    static List<String> inOwnSession(List<String> command) {
        for (String setsid : List.of("/usr/bin/setsid", "/bin/setsid")) {
            if (java.nio.file.Files.isExecutable(Path.of(setsid))) {
                List<String> wrapped = new java.util.ArrayList<>(command.size() + 1);
                wrapped.add(setsid);
                wrapped.addAll(command);
                return wrapped;
            }
        }
        return command;
    }

    /**
     * For owners that stop their children in an order of their own (the local stack stops the hub before the
     * broker it writes to): removes this child's own shutdown hook, which would otherwise run concurrently
     * with the owner's. The owner must then stop the child itself.
     */
    public ChildProcess withoutOwnShutdownHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook runs already; it stops the child, which is what the owner wants too
        }
        return this;
    }

    /** The java executable of the running JVM, so children use the same Java. */
    public static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Whether {@code url} answers 200 within two seconds: the readiness probe of a child that serves HTTP. */
    public static boolean answersOk(String url) {
        try {
            java.net.http.HttpRequest probe = java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
                    .timeout(Duration.ofSeconds(2)).build();
            return java.net.http.HttpClient.newHttpClient()
                    .send(probe, java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }

    /** Polls {@code ready} until it holds; fails early if the child dies, with a pointer to its log. */
    public void awaitReady(BooleanSupplier ready, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            requireAlive();
            if (ready.getAsBoolean()) {
                return;
            }
            try {
                // Polling a child's readiness endpoint; there is no event to wait on.
                process.waitFor(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + name, e);
            }
        }
        stop();
        throw new IllegalStateException(name + " not ready within " + timeout + "; see " + logFile);
    }

    /** Throws, pointing to the log, once the child has exited: for waits that would otherwise run out their time. */
    public void requireAlive() {
        if (!process.isAlive()) {
            throw new IllegalStateException(name + " exited with code " + process.exitValue() + "; see " + logFile);
        }
    }

    /** For short-lived helpers: waits for the child to end; false if it did not within the timeout. */
    public boolean waitFor(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public int exitCode() {
        return process.exitValue();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    public String name() {
        return name;
    }

    public Path logFile() {
        return logFile;
    }

    /** SIGTERM, up to 20 s grace, then SIGKILL; children of the child are ended too. */
    public void stop() {
        if (!process.isAlive()) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** SIGKILL without grace, for crash tests. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or ran; nothing to remove
        }
    }
}
