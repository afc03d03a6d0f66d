package nl.iwa.hub.privacy;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import nl.iwa.hub.policy.FlowPolicy;
import nl.iwa.hub.policy.PolicyBook;

/** Who may send what to whom, for which purpose, on which legal basis, with which fields. */
public final class PolicyMatrix {

    private PolicyMatrix() {
    }

    public record Row(String policyId, String description, String from, String to, String messageType, String purpose,
                      String legalBasis, String citation, int retentionDays, Set<String> allowedFields,
                      Set<String> dataCategories, Involvement involvement) {
    }

    /** Whether and how the flow's parties are made known to others involved with the resident; null: not at all. */
    public record Involvement(String legalBasis, String citation, String purpose, Set<String> revealTo, int windowDays) {
    }

    public static List<Row> of(PolicyBook book) {
        return book.all().stream().map(PolicyMatrix::row).toList();
    }

    private static Row row(FlowPolicy p) {
        Set<String> categories = new TreeSet<>();
        p.dataCategories().forEach(c -> categories.add(c.name()));
        return new Row(p.id(), p.description(), p.from().toString(), p.to().toString(), p.messageType().name(), p.purpose(),
                p.legalBasis().name(), p.citation(), p.retentionDays(), new TreeSet<>(p.allowedFields()), categories,
                p.involvement() == null ? null : new Involvement(p.involvement().legalBasis().name(), p.involvement().citation(),
                        p.involvement().purpose(), new TreeSet<>(p.involvement().revealTo().stream().map(Enum::name).toList()),
                        p.involvement().windowDays()));
    }
}
