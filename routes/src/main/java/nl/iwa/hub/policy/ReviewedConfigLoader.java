package nl.iwa.hub.policy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import nl.iwa.hub.contract.common.LegalBasis;
import nl.iwa.hub.contract.common.PartnerKind;
import nl.iwa.hub.partners.KafkaAuthentication;
import nl.iwa.hub.partners.KafkaIdentity;
import nl.iwa.hub.partners.Partner;
import nl.iwa.hub.partners.PartnerDirectory;
import nl.iwa.hub.partners.PartnerFunction;

/**
 * Reads and validates the reviewed partner and policy files. Every problem is reported with the file, the
 * partner or policy id and the field, and all problems are reported at once, so a reviewer fixes them in one go.
 */
public final class ReviewedConfigLoader {

    private static final Pattern PARTNER_ID = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}");
    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{1,63}");
    /** An OIN (Organisatie-identificatienummer) is 20 digits. */
    private static final Pattern OIN = Pattern.compile("[0-9]{20}");
    /** A certificate CN the broker's mapping rule can match literally: no RFC 2253 special characters. */
    private static final Pattern COMMON_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}");
    /** Topics {@code <prefix>.hub.*} are the hub's own; a partner named "hub" would own two of them. */
    private static final Set<String> RESERVED_IDS = Set.of(nl.iwa.hub.partners.Partner.HUB);

    // a key given twice is refused, not silently decided by the last one: a reviewer reads the first
    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory()
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION))
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    public record Loaded(PartnerDirectory partners, PolicyBook policies) {
    }

    record PartnersFile(List<PartnerEntry> partners) {
    }

    record PartnerEntry(String id, PartnerKind kind, String displayName, List<String> municipalities,
                        List<PartnerFunction> functions, String escalationContact, Boolean coordinator,
                        String inboxConsumerGroup, KafkaEntry kafka, nl.iwa.hub.connectors.ConnectorSettings connectors) {
    }

    record KafkaEntry(KafkaAuthentication authentication, String oin, String commonName) {
    }

    record PoliciesFile(List<PolicyEntry> policies) {
    }

    record PartyEntry(PartnerKind kind, PartnerFunction function) {
    }

    record DeadlinesEntry(Integer receiptWorkingDays, Integer acceptDeclineWorkingDays, Integer firstContactWorkingDays) {
    }

    record PolicyEntry(String id, String description, PartyEntry from, PartyEntry to, MessageType messageType,
                       String purpose, LegalBasis legalBasis, String citation, Integer retentionDays,
                       List<String> allowedFields, DeadlinesEntry deadlines, InvolvementEntry involvement) {
    }

    record InvolvementEntry(LegalBasis legalBasis, String citation, String purpose, List<PartnerKind> revealTo, Integer windowDays) {
    }

    public Loaded load(Path partnersFile, Path policiesFile) {
        List<String> problems = new ArrayList<>();
        PartnersFile pf = read(partnersFile, PartnersFile.class, problems);
        PoliciesFile polf = read(policiesFile, PoliciesFile.class, problems);
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(problems);
        }
        List<Partner> partners = validatePartners(partnersFile, pf, problems);
        List<FlowPolicy> policies = validatePolicies(policiesFile, polf, partners, problems);
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(problems);
        }
        return new Loaded(new PartnerDirectory(partners), new PolicyBook(policies));
    }

    private <T> T read(Path file, Class<T> type, List<String> problems) {
        if (!Files.isReadable(file)) {
            problems.add(file + ": file not found or not readable");
            return null;
        }
        try {
            T value = yaml.readValue(file.toFile(), type);
            if (value == null) {
                problems.add(file + ": file is empty");
            }
            return value;
        } catch (JsonMappingException e) {
            String path = e.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            problems.add(file + ": at '" + path + "' (line " + (e.getLocation() == null ? "?" : e.getLocation().getLineNr())
                    + "): " + e.getOriginalMessage().split("\n")[0]);
        } catch (IOException e) {
            problems.add(file + ": not valid YAML: " + e.getMessage().split("\n")[0]);
        }
        return null;
    }

    private List<Partner> validatePartners(Path file, PartnersFile pf, List<String> problems) {
        List<Partner> out = new ArrayList<>();
        if (pf.partners() == null || pf.partners().isEmpty()) {
            problems.add(file + ": 'partners' is missing or empty");
            return out;
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < pf.partners().size(); i++) {
            PartnerEntry e = pf.partners().get(i);
            String where = file + ": partner " + (e.id() == null ? "#" + (i + 1) : "'" + e.id() + "'");
            int before = problems.size();
            if (e.id() == null || !PARTNER_ID.matcher(e.id()).matches()) {
                problems.add(where + ", field 'id': must be 2-63 characters of a-z, 0-9 and '-' (it becomes part of topic names)");
            } else if (RESERVED_IDS.contains(e.id())) {
                problems.add(where + ", field 'id': '" + e.id() + "' is reserved for the hub's own topics");
            } else if (!ids.add(e.id())) {
                problems.add(where + ", field 'id': duplicate partner id");
            }
            KafkaIdentity kafka = kafkaIdentity(where, e.kafka(), problems);
            if (e.kind() == null) {
                problems.add(where + ", field 'kind': required, one of " + List.of(PartnerKind.values()));
            }
            if (e.functions() == null || e.functions().isEmpty()) {
                problems.add(where + ", field 'functions': required, one or more of " + List.of(PartnerFunction.values()));
            }
            if (e.escalationContact() == null || e.escalationContact().isBlank()) {
                problems.add(where + ", field 'escalationContact': required");
            }
            if (e.connectors() != null) {
                e.connectors().problems().forEach(p -> problems.add(where + ", field '" + p.replaceFirst(":", "':")));
                if (e.connectors().inbox() != null && e.inboxConsumerGroup() == null) {
                    problems.add(where + ", field 'inboxConsumerGroup': required with connectors.inbox (the hub reads the inbox with it on the partner's behalf)");
                }
            }
            if (problems.size() == before) {
                out.add(new Partner(e.id(), e.kind(), e.displayName() == null ? e.id() : e.displayName(),
                        e.municipalities() == null ? List.of() : List.copyOf(e.municipalities()),
                        Set.copyOf(e.functions()), e.escalationContact(), Boolean.TRUE.equals(e.coordinator()),
                        e.inboxConsumerGroup(), kafka, e.connectors()));
            }
        }
        checkCertificateIdentitiesAreDistinct(file, out, problems);
        checkRestCertificateOinsAreDistinct(file, out, problems);
        return out;
    }

    /** Without a {@code kafka} block a partner authenticates with SCRAM (username = partner id). */
    private static KafkaIdentity kafkaIdentity(String where, KafkaEntry e, List<String> problems) {
        if (e == null) {
            return KafkaIdentity.SCRAM;
        }
        if (e.authentication() == null) {
            problems.add(where + ", field 'kafka.authentication': required, one of " + List.of(KafkaAuthentication.values()));
            return KafkaIdentity.SCRAM;
        }
        if (e.authentication() == KafkaAuthentication.SCRAM) {
            if (e.oin() != null || e.commonName() != null) {
                problems.add(where + ", field 'kafka': 'oin' and 'commonName' describe a certificate; they apply only to MTLS");
            }
            return KafkaIdentity.SCRAM;
        }
        if (e.oin() == null || !OIN.matcher(e.oin()).matches()) {
            problems.add(where + ", field 'kafka.oin': required for MTLS, the 20-digit OIN in the certificate's serialNumber (quote it)");
        }
        if (e.commonName() != null && !COMMON_NAME.matcher(e.commonName()).matches()) {
            problems.add(where + ", field 'kafka.commonName': 1-64 letters, digits, spaces, '.', '_' or '-'");
        }
        return new KafkaIdentity(KafkaAuthentication.MTLS, e.oin(), e.commonName());
    }

    /**
     * Two partners whose certificates the broker cannot tell apart would share one principal, and so each
     * other's inboxes: partners of one organisation (one OIN) must each name their certificate's CN.
     */
    private static void checkCertificateIdentitiesAreDistinct(Path file, List<Partner> partners, List<String> problems) {
        java.util.Map<String, List<Partner>> byOin = partners.stream().filter(p -> p.kafka().usesCertificate())
                .collect(Collectors.groupingBy(p -> p.kafka().oin(), java.util.LinkedHashMap::new, Collectors.toList()));
        byOin.forEach((oin, sharing) -> {
            if (sharing.size() < 2) {
                return;
            }
            Set<String> names = new HashSet<>();
            for (Partner p : sharing) {
                if (p.kafka().commonName() == null || !names.add(p.kafka().commonName())) {
                    problems.add(file + ": partner '" + p.id() + "', field 'kafka.commonName': partners "
                            + sharing.stream().map(Partner::id).toList()
                            + " share one OIN, so each must name a certificate CN of its own");
                }
            }
        });
    }

    /**
     * A REST client certificate names its partner by the OIN alone (the hub has no CN rule for REST), so two partners
     * with one {@code connectors.rest.certificateOin} could not be told apart: refused, never decided by file order.
     */
    private static void checkRestCertificateOinsAreDistinct(Path file, List<Partner> partners, List<String> problems) {
        java.util.Map<String, List<String>> byOin = new java.util.LinkedHashMap<>();
        for (Partner p : partners) {
            if (p.connectors() != null && p.connectors().rest() != null && p.connectors().rest().certificateOin() != null
                    && !p.connectors().rest().certificateOin().isBlank()) {
                byOin.computeIfAbsent(p.connectors().rest().certificateOin(), oin -> new ArrayList<>()).add(p.id());
            }
        }
        byOin.values().stream().filter(ids -> ids.size() > 1).forEach(ids -> problems.add(file + ": partners " + ids
                + ", field 'connectors.rest.certificateOin': one OIN names one partner's REST certificate; give the others "
                + "an OAuth2 clientId instead"));
    }

    private List<FlowPolicy> validatePolicies(Path file, PoliciesFile polf, List<Partner> partners, List<String> problems) {
        List<FlowPolicy> out = new ArrayList<>();
        if (polf.policies() == null || polf.policies().isEmpty()) {
            problems.add(file + ": 'policies' is missing or empty");
            return out;
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < polf.policies().size(); i++) {
            PolicyEntry e = polf.policies().get(i);
            String where = file + ": policy " + (e.id() == null ? "#" + (i + 1) : "'" + e.id() + "'");
            int before = problems.size();
            if (e.id() == null || e.id().isBlank()) {
                problems.add(where + ", field 'id': required");
            } else if (!ids.add(e.id())) {
                problems.add(where + ", field 'id': duplicate policy id");
            }
            requireParty(where, "from", e.from(), problems);
            requireParty(where, "to", e.to(), problems);
            if (e.messageType() == null) {
                problems.add(where + ", field 'messageType': required, one of SIGNAL, HANDOFF_REQUEST");
            } else if (e.messageType() != MessageType.SIGNAL && e.messageType() != MessageType.HANDOFF_REQUEST) {
                problems.add(where + ", field 'messageType': only SIGNAL and HANDOFF_REQUEST flows carry data under a policy");
            }
            if (e.purpose() == null || !CODE.matcher(e.purpose()).matches()) {
                problems.add(where + ", field 'purpose': required, an upper-case code such as EARLY_DEBT_SIGNALLING");
            }
            if (e.legalBasis() == null) {
                problems.add(where + ", field 'legalBasis': required, one of " + List.of(LegalBasis.values()));
            } else if (e.legalBasis() == LegalBasis.LEGAL_DUTY && (e.citation() == null || e.citation().isBlank())) {
                problems.add(where + ", field 'citation': required when legalBasis is LEGAL_DUTY (cite the article)");
            }
            if (e.retentionDays() == null || e.retentionDays() < 1) {
                problems.add(where + ", field 'retentionDays': required, a positive number of days");
            }
            Set<String> fields = new LinkedHashSet<>();
            if (e.allowedFields() == null || e.allowedFields().isEmpty()) {
                problems.add(where + ", field 'allowedFields': required, at least one field");
            } else {
                for (String f : e.allowedFields()) {
                    if (!FieldCatalogue.isKnown(f)) {
                        problems.add(where + ", field 'allowedFields': unknown field '" + f + "'; known fields: " + FieldCatalogue.allFields());
                    } else if (FieldCatalogue.categoryOf(f) == DataCategory.MEDICAL) {
                        problems.add(where + ", field 'allowedFields': '" + f + "' is medical data, which no flow through the hub may carry");
                    } else if (!fields.add(f)) {
                        problems.add(where + ", field 'allowedFields': '" + f + "' is listed twice");
                    }
                }
            }
            Deadlines deadlines = deadlines(where, e.deadlines(), problems);
            InvolvementSetting involvement = involvement(where, e.involvement(), problems);
            if (problems.size() == before) {
                FlowPolicy policy = new FlowPolicy(e.id(), e.description(), party(e.from()), party(e.to()), e.messageType(),
                        e.purpose(), e.legalBasis(), e.citation(), e.retentionDays(), Set.copyOf(fields), deadlines, involvement);
                checkPurposeSeparation(where, policy, partners, problems);
                checkInvolvementLeavesEnforcementOut(where, policy, partners, problems);
                out.add(policy);
            }
        }
        return out;
    }

    /** Refuses a policy that would let social-team or GP data reach any enforcement unit. */
    private static void checkPurposeSeparation(String where, FlowPolicy policy, List<Partner> partners, List<String> problems) {
        boolean confidentialSource = partners.stream().anyMatch(p -> policy.from().matches(p) && p.isConfidentialSource());
        if (!confidentialSource) {
            return;
        }
        partners.stream()
                .filter(p -> policy.to().matches(p) && p.hasFunction(PartnerFunction.ENFORCEMENT))
                .forEach(p -> problems.add(where + ", field 'to': would let " + policy.from().kind()
                        + " data reach enforcement partner '" + p.id() + "' (purpose separation); narrow it with 'function: SUPPORT'"));
    }

    /** Support and enforcement never learn of each other's involvement: no involvement setting on a flow with enforcement. */
    private static void checkInvolvementLeavesEnforcementOut(String where, FlowPolicy policy, List<Partner> partners,
                                                            List<String> problems) {
        if (policy.involvement() == null) {
            return;
        }
        partners.stream()
                .filter(p -> (policy.from().matches(p) || policy.to().matches(p)) && p.hasFunction(PartnerFunction.ENFORCEMENT))
                .forEach(p -> problems.add(where + ", field 'involvement': the flow can involve enforcement partner '" + p.id()
                        + "', whose involvement is never made known; remove 'involvement' or narrow the parties with 'function: SUPPORT'"));
    }

    private static void requireParty(String where, String field, PartyEntry party, List<String> problems) {
        if (party == null || party.kind() == null) {
            problems.add(where + ", field '" + field + ".kind': required, one of " + List.of(PartnerKind.values()));
        }
    }

    private static PartySpec party(PartyEntry e) {
        return new PartySpec(e.kind(), e.function());
    }

    private static Deadlines deadlines(String where, DeadlinesEntry e, List<String> problems) {
        if (e == null) {
            return Deadlines.DEFAULT;
        }
        int receipt = positive(where, "deadlines.receiptWorkingDays", e.receiptWorkingDays(), Deadlines.DEFAULT.receiptWorkingDays(), problems);
        int accept = positive(where, "deadlines.acceptDeclineWorkingDays", e.acceptDeclineWorkingDays(), Deadlines.DEFAULT.acceptDeclineWorkingDays(), problems);
        int contact = positive(where, "deadlines.firstContactWorkingDays", e.firstContactWorkingDays(), Deadlines.DEFAULT.firstContactWorkingDays(), problems);
        return new Deadlines(receipt, accept, contact);
    }

    /** Absent: the policy's flows make nobody known to anybody. */
    private static InvolvementSetting involvement(String where, InvolvementEntry e, List<String> problems) {
        if (e == null) {
            return null;
        }
        if (e.legalBasis() == null) {
            problems.add(where + ", field 'involvement.legalBasis': required, one of " + List.of(LegalBasis.values()));
        } else if (e.legalBasis() != LegalBasis.CONSENT && (e.citation() == null || e.citation().isBlank())) {
            problems.add(where + ", field 'involvement.citation': required unless the basis is CONSENT (cite the article)");
        }
        if (e.purpose() == null || !CODE.matcher(e.purpose()).matches()) {
            problems.add(where + ", field 'involvement.purpose': required, an upper-case code such as SUPPORT_COORDINATION");
        }
        if (e.revealTo() == null || e.revealTo().isEmpty() || e.revealTo().contains(null)) {
            problems.add(where + ", field 'involvement.revealTo': required, the partner kinds that may learn of this flow's parties");
        }
        int window = e.windowDays() == null ? InvolvementSetting.DEFAULT_WINDOW_DAYS : e.windowDays();
        if (window < 1 || window > 730) {
            problems.add(where + ", field 'involvement.windowDays': must be between 1 and 730 days");
        }
        return new InvolvementSetting(e.legalBasis(), e.citation(), e.purpose(),
                e.revealTo() == null ? Set.of() : Set.copyOf(e.revealTo().stream().filter(java.util.Objects::nonNull).toList()), window);
    }

    private static int positive(String where, String field, Integer value, int fallback, List<String> problems) {
        if (value == null) {
            return fallback;
        }
        if (value < 1 || value > 60) {
            problems.add(where + ", field '" + field + "': must be between 1 and 60 working days");
        }
        return value;
    }
}
