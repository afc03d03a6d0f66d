package nl.iwa.hub.ops.access;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import nl.iwa.hub.testkit.ChildProcess;

/**
 * The hub jar's operator command ({@code java -jar iwa-hub.jar access ...}), run the way an operator runs it: the
 * local stack and the benchmark make their broker's mapping rules and ACLs with the same command as a deployment.
 */
final class HubAccessCommand {

    private final Path hubJar;
    private final List<String> deployment;

    /** {@code deployment}: the options naming the config dir and the hub's identity, used by every call. */
    HubAccessCommand(Path hubJar, List<String> deployment) {
        this.hubJar = hubJar;
        this.deployment = List.copyOf(deployment);
    }

    String mappingRules() {
        return run("export", "--format", "mapping-rules").strip();
    }

    String apply(String bootstrapServers, Path adminConfig) {
        return run("apply", "--bootstrap-server", bootstrapServers, "--command-config", adminConfig.toString()).strip();
    }

    private String run(String... args) {
        List<String> command = new ArrayList<>(List.of(ChildProcess.javaExecutable(), "-Xmx128m", "-XX:TieredStopAtLevel=1",
                "-jar", hubJar.toString(), "access", args[0]));
        command.addAll(deployment);
        command.addAll(List.of(args).subList(1, args.length));
        try {
            // warnings go to the console, the answer is what the command prints
            Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("'access " + args[0] + "' did not finish within 120 s");
            }
            String text = new String(out, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new IllegalStateException("'access " + args[0] + "' failed: " + text.strip());
            }
            return text;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run the hub's access command: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
