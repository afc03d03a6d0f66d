package nl.iwa.hub.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Says plainly why the hub will not continue its audit trail, and how an operator lets it after investigating. */
public class AuditTrailBrokenFailureAnalyzer extends AbstractFailureAnalyzer<AuditConfiguration.AuditTrailBrokenException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, AuditConfiguration.AuditTrailBrokenException cause) {
        return new FailureAnalysis(
                "The hub refuses to start: its audit trail does not verify, and it adds nothing to a trail it cannot "
                        + "vouch for.\n  - " + String.join("\n  - ", cause.problems()),
                "Investigate (docs/operations.md, 'When the audit trail does not verify'): compare with the exported "
                        + "checkpoints and the broker's own logs. To continue on this trail afterwards, start the hub once "
                        + "with iwa.audit.accept-broken-trail-head=" + cause.head() + " (IWA_AUDIT_ACCEPT_BROKEN_TRAIL_HEAD); "
                        + "a signed checkpoint records the acceptance and the problems.",
                cause);
    }
}
