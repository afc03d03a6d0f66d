package nl.iwa.hub.config;

import nl.iwa.hub.policy.InvalidConfigurationException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a refused partner/policy file into one clear start-up message instead of a stack trace. */
public class InvalidConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<InvalidConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidConfigurationException cause) {
        return new FailureAnalysis(
                "The hub refuses to start: its reviewed partner/policy configuration is invalid.\n  - "
                        + String.join("\n  - ", cause.problems()),
                "Correct the named file(s) (see README, 'Partners and policies') and have the change reviewed.",
                cause);
    }
}
