package nl.iwa.hub.policy;

import java.util.List;

/** A reviewed configuration file is wrong; the hub refuses to start. The message names file, entry and field. */
public class InvalidConfigurationException extends RuntimeException {

    private final List<String> problems;

    public InvalidConfigurationException(List<String> problems) {
        super("invalid hub configuration:\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
