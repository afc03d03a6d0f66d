package nl.iwa.hub.involvement;

import java.util.List;

/** Where the flows about a resident are looked up: the hub's audit trail and its open handoffs. */
public interface InvolvementLedger {

    /** A ledger that knows of no flow: no notices at all. */
    InvolvementLedger NONE = new InvolvementLedger() {
        @Override
        public List<InvolvingFlow> about(String pseudonym) {
            return List.of();
        }

        @Override
        public boolean handoffOpen(InvolvingFlow flow) {
            return false;
        }

        @Override
        public java.util.Optional<String> coordinatorOf(String pseudonym) {
            return java.util.Optional.empty();
        }
    };

    /** The delivered flows about the resident with this pseudonym, oldest first, including those of the open transaction. */
    List<InvolvingFlow> about(String pseudonym);

    /** Whether the handoff this flow requested is still open (its parties then stay involved past the window). */
    boolean handoffOpen(InvolvingFlow flow);

    /** The partner coordinating the resident's case, if one claimed it (including a claim in the open transaction). */
    java.util.Optional<String> coordinatorOf(String pseudonym);
}
