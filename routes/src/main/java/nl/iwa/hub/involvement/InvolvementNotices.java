package nl.iwa.hub.involvement;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import nl.iwa.hub.consent.Consent;
import nl.iwa.hub.partners.Partner;
import nl.iwa.hub.partners.PartnerDirectory;
import nl.iwa.hub.partners.PartnerFunction;
import nl.iwa.hub.policy.FlowPolicy;
import nl.iwa.hub.policy.InvolvementSetting;
import nl.iwa.hub.policy.PolicyBook;

/**
 * Decides the involvement notices a flow leads to (docs/involvement.md). A partner is involved with a resident
 * while one of its flows about the resident counts: delivered within its policy's window, or a handoff still
 * open, and not under a consent since withdrawn or expired. When a flow whose policy allows it brings in a partner
 * that was not involved, the circle has changed: the flow's two parties hear who is involved (unless that is only
 * each other, which the delivery itself told them) and the partners already involved hear of the flow's parties.
 * A flow between partners already involved tells nobody anything.
 *
 * <p>Who may learn of whom is decided per flow that makes a partner involved: its policy must have an involvement
 * setting that names the learner's kind, and a flow under consent reveals its parties only to partners the consent
 * names, and only if it names them too. A flow with an enforcement unit as a party makes nobody known, and an
 * enforcement unit learns of nobody: support and enforcement never learn of each other this way.
 */
public final class InvolvementNotices {

    private final PartnerDirectory partners;
    private final PolicyBook policies;
    private final Function<String, Optional<Consent>> consents;
    private final InvolvementLedger ledger;
    private final InvolvementWindow window;

    public InvolvementNotices(PartnerDirectory partners, PolicyBook policies, Function<String, Optional<Consent>> consents,
                              InvolvementLedger ledger) {
        this.partners = partners;
        this.policies = policies;
        this.consents = consents;
        this.ledger = ledger;
        this.window = new InvolvementWindow(policies);
    }

    /**
     * The notices that follow from delivering {@code flow} under {@code policy} about the resident {@code pseudonym}.
     * Empty unless the policy allows involvement notices and the flow brings in a partner not yet involved.
     */
    public List<InvolvementNotice> onDelivered(String pseudonym, InvolvingFlow flow, FlowPolicy policy, Instant now) {
        if (policy.involvement() == null || involvesEnforcement(flow)) {
            return List.of();
        }
        List<InvolvingFlow> before = counting(ledger.about(pseudonym), now);
        Set<String> involvedBefore = partiesOf(before);
        Set<String> newcomers = new TreeSet<>(flow.parties());
        newcomers.removeAll(involvedBefore);
        if (newcomers.isEmpty()) {
            return List.of();
        }
        List<InvolvingFlow> after = new ArrayList<>(before);
        after.add(flow);
        String coordinator = ledger.coordinatorOf(pseudonym).orElse(null);
        List<InvolvementNotice> out = new ArrayList<>();
        for (String party : new TreeSet<>(flow.parties())) {
            // a party hears the whole circle it may see, unless that is just the other party: the delivery told it so
            String counterparty = party.equals(flow.senderPartnerId()) ? flow.receiverPartnerId() : flow.senderPartnerId();
            Set<String> others = new TreeSet<>(partiesOf(after));
            others.remove(party);
            notice(party, InvolvementNotice.Change.JOINED, others, after, coordinator, policy)
                    .filter(n -> !n.namedIds().equals(List.of(counterparty)))
                    .ifPresent(out::add);
        }
        for (String bystander : involvedBefore) {
            if (!flow.hasParty(bystander)) {
                notice(bystander, InvolvementNotice.Change.JOINED, flow.parties(), after, coordinator, policy).ifPresent(out::add);
            }
        }
        return out;
    }

    /**
     * The notices that follow from withdrawing consent {@code consentId}: each partner that could see another's
     * involvement only through flows under that consent hears that it ended.
     */
    public List<InvolvementNotice> onWithdrawn(String pseudonym, String consentId, Instant now) {
        List<InvolvingFlow> about = ledger.about(pseudonym);
        List<InvolvingFlow> before = counting(about, now);
        if (before.stream().noneMatch(f -> consentId.equals(f.consentId()))) {
            return List.of();
        }
        List<InvolvingFlow> after = before.stream().filter(f -> !consentId.equals(f.consentId())).toList();
        String coordinator = ledger.coordinatorOf(pseudonym).orElse(null);
        List<InvolvementNotice> out = new ArrayList<>();
        for (String learner : partiesOf(before)) {
            Set<String> ended = new TreeSet<>();
            for (String other : partiesOf(before)) {
                if (revealed(other, learner, before) && !revealed(other, learner, after)) {
                    ended.add(other);
                }
            }
            // the policy of the notice: the one under which the ended involvement had been told
            Optional<FlowPolicy> policy = before.stream().filter(f -> consentId.equals(f.consentId()))
                    .map(f -> policies.byId(f.policyId()).orElse(null)).filter(p -> p != null && p.involvement() != null)
                    .findFirst();
            if (!ended.isEmpty() && policy.isPresent()) {
                notice(learner, InvolvementNotice.Change.ENDED, ended, before, coordinator, policy.get()).ifPresent(out::add);
            }
        }
        return out;
    }

    private Optional<InvolvementNotice> notice(String to, InvolvementNotice.Change change, Set<String> candidates,
                                               List<InvolvingFlow> flows, String coordinator, FlowPolicy policy) {
        Optional<Partner> learner = partners.find(to);
        if (learner.isEmpty() || isEnforcement(learner.get())) {
            return Optional.empty();
        }
        String knownCoordinator = coordinator != null && (coordinator.equals(to) || revealed(coordinator, to, flows))
                ? coordinator : null;
        List<InvolvementNotice.Named> named = new ArrayList<>();
        for (String other : candidates) {
            if (!other.equals(to) && revealed(other, to, flows)) {
                partners.find(other).ifPresent(p -> named.add(new InvolvementNotice.Named(p.id(), p.kind(),
                        since(other, flows), p.id().equals(knownCoordinator))));
            }
        }
        if (named.isEmpty()) {
            return Optional.empty();
        }
        named.sort(Comparator.comparing(InvolvementNotice.Named::partnerId));
        return Optional.of(new InvolvementNotice(to, change, List.copyOf(named), casesOf(to, flows), knownCoordinator, policy));
    }

    /**
     * The notices of a change of coordinator: every involved partner that may know of the new coordinator (of the
     * old one, for a release) hears who coordinates now.
     *
     * @param next the new coordinator; null when the coordination was released
     */
    public List<InvolvementNotice> onCoordinatorChanged(String pseudonym, String previous, String next, Instant now) {
        List<InvolvingFlow> flows = counting(ledger.about(pseudonym), now);
        String shown = next != null ? next : previous;
        if (shown == null) {
            return List.of();
        }
        Optional<FlowPolicy> policy = flows.stream().filter(f -> f.hasParty(shown))
                .map(f -> policies.byId(f.policyId()).orElse(null)).filter(p -> p != null && p.involvement() != null).findFirst();
        if (policy.isEmpty()) {
            return List.of();
        }
        List<InvolvementNotice> out = new ArrayList<>();
        for (String p : partiesOf(flows)) {
            Optional<Partner> partner = partners.find(p);
            if (partner.isEmpty() || isEnforcement(partner.get()) || !(p.equals(shown) || revealed(shown, p, flows))) {
                continue;
            }
            List<InvolvementNotice.Named> named = next == null || !partiesOf(flows).contains(next) ? List.of()
                    : partners.find(next).map(c -> List.of(new InvolvementNotice.Named(c.id(), c.kind(), since(next, flows), true)))
                    .orElse(List.of());
            out.add(new InvolvementNotice(p, InvolvementNotice.Change.COORDINATOR_CHANGED, named, casesOf(p, flows), next, policy.get()));
        }
        return out;
    }

    /** Whether {@code partnerId} is involved with the resident now (it may then coordinate the case). */
    public boolean isInvolved(String pseudonym, String partnerId, Instant now) {
        return partiesOf(counting(ledger.about(pseudonym), now)).contains(partnerId);
    }

    /** The partner's own case ids with the resident: the correlation ids of the flows it took part in. */
    private static List<String> casesOf(String partner, List<InvolvingFlow> flows) {
        return List.copyOf(new LinkedHashSet<>(flows.stream().filter(f -> f.hasParty(partner)).map(InvolvingFlow::correlationId).toList()));
    }

    /** Whether some counting flow of {@code party} may be made known to {@code learner}. */
    private boolean revealed(String party, String learner, List<InvolvingFlow> counting) {
        Optional<Partner> to = partners.find(learner);
        Optional<Partner> about = partners.find(party);
        if (to.isEmpty() || about.isEmpty() || isEnforcement(to.get()) || isEnforcement(about.get())) {
            return false;
        }
        for (InvolvingFlow f : counting) {
            if (!f.hasParty(party)) {
                continue;
            }
            InvolvementSetting setting = policies.byId(f.policyId()).map(FlowPolicy::involvement).orElse(null);
            if (setting == null || !setting.mayReveal(to.get().kind())) {
                continue;
            }
            if (f.consentId() == null || consents.apply(f.consentId()).filter(c -> names(c, to.get()) && names(c, about.get())).isPresent()) {
                return true;
            }
        }
        return false;
    }

    private static boolean names(Consent c, Partner p) {
        return c.recipientPartnerIds().contains(p.id()) || c.recipientKinds().contains(p.kind());
    }

    /** The flows that still make their parties involved now, without enforcement flows. */
    private List<InvolvingFlow> counting(List<InvolvingFlow> flows, Instant now) {
        List<InvolvingFlow> out = new ArrayList<>();
        for (InvolvingFlow f : flows) {
            if (involvesEnforcement(f)) {
                continue;
            }
            if (f.consentId() != null && consents.apply(f.consentId()).filter(c -> c.inForceAt(now)).isEmpty()) {
                continue;
            }
            if (window.open(f, now) || (f.handoff() && ledger.handoffOpen(f))) {
                out.add(f);
            }
        }
        return out;
    }

    private static Set<String> partiesOf(List<InvolvingFlow> flows) {
        Set<String> parties = new TreeSet<>();
        flows.forEach(f -> parties.addAll(f.parties()));
        return parties;
    }

    private static Instant since(String party, List<InvolvingFlow> flows) {
        return flows.stream().filter(f -> f.hasParty(party)).map(InvolvingFlow::at).min(Instant::compareTo).orElseThrow();
    }

    private boolean involvesEnforcement(InvolvingFlow f) {
        return f.parties().stream().map(partners::find).anyMatch(p -> p.isEmpty() || isEnforcement(p.get()));
    }

    private static boolean isEnforcement(Partner p) {
        return p.hasFunction(PartnerFunction.ENFORCEMENT);
    }

    /** For tests and docs: the partners counted as involved now. */
    Map<String, Instant> involvedNow(String pseudonym, Instant now) {
        List<InvolvingFlow> flows = counting(ledger.about(pseudonym), now);
        Map<String, Instant> out = new TreeMap<>();
        partiesOf(flows).forEach(p -> out.put(p, since(p, flows)));
        return out;
    }
}
