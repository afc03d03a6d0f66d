package nl.iwa.hub.config;

import java.util.ArrayList;
import java.util.List;
import nl.iwa.hub.policy.InvalidConfigurationException;

/**
 * Settings of what the hub no longer has (issue #14): {@code IWA_ENGINE=classic}, one hub behind a global lock with
 * its state on the heap, and {@code IWA_INTAKE_REKEYED=false}, with which that hub read the outboxes itself. A hub
 * started with either would not decide as its operator expects, so it refuses to start and says what to do instead.
 */
final class RemovedSettings {

    /** The one engine the hub has; IWA_ENGINE may still name it. */
    static final String STREAMS = "streams";
    static final String CLASSIC = "classic";

    /** Proof that the check ran: beans that must not start on a removed setting take it. */
    record Checked() {
    }

    private RemovedSettings() {
    }

    /** @throws InvalidConfigurationException naming each setting to remove */
    static Checked check(String engine, String rekeyed) {
        List<String> problems = new ArrayList<>();
        if (CLASSIC.equalsIgnoreCase(engine)) {
            problems.add("IWA_ENGINE=classic: the classic engine was removed; the hub decides with the decide topology "
                    + "only. Remove IWA_ENGINE (or set it to " + STREAMS + "): at its first start the decide topology takes "
                    + "the classic engine's state over, once every classic hub has stopped (docs/operations.md, "
                    + "\"Upgrading from the classic engine\")");
        } else if (!STREAMS.equals(engine)) {
            problems.add("IWA_ENGINE: '" + engine + "' is not an engine of the hub; its only engine is " + STREAMS
                    + " (the default)");
        }
        if (!"true".equalsIgnoreCase(rekeyed)) {
            problems.add("IWA_INTAKE_REKEYED=" + rekeyed + ": the hub no longer reads the outboxes itself; the intake "
                    + "topology always re-keys them onto the decide topic. Remove the setting");
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(problems);
        }
        return new Checked();
    }
}
