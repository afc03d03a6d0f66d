package nl.iwa.hub.config;

import nl.iwa.hub.policy.InvalidConfigurationException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a refused partner/policy file or setting into one clear start-up message instead of a stack trace. */
public class InvalidConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<InvalidConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidConfigurationException cause) {
        return new FailureAnalysis(
                "The hub refuses to start: its configuration (reviewed partner/policy files, settings) is invalid.\n  - "
                        + String.join("\n  - ", cause.problems()),
                "Correct the named file(s) or setting(s) (see README, 'Partners and policies', and docs/operations.md) and have the change reviewed.",
                cause);
    }
}
