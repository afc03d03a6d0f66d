package nl.iwa.hub.minimise;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import nl.iwa.hub.contract.common.CaseFacts;
import nl.iwa.hub.contract.common.Subject;
import nl.iwa.hub.policy.FieldCatalogue;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * Projects subject and facts onto the fields a policy allows. Works field by field over the Avro schema, so a
 * field added to the contract is removed unless a policy names it: deny by default holds for new fields too.
 */
public final class Minimiser {

    public MinimisedContent minimise(Subject subject, CaseFacts facts, Set<String> allowedFields) {
        List<String> delivered = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        Subject outSubject = new Subject();
        CaseFacts outFacts = new CaseFacts();
        outFacts.setConcernCodes(List.of());
        project(FieldCatalogue.SUBJECT, subject, outSubject, allowedFields, delivered, removed);
        project(FieldCatalogue.FACTS, facts, outFacts, allowedFields, delivered, removed);
        return new MinimisedContent(outSubject, outFacts, List.copyOf(delivered), List.copyOf(removed));
    }

    private static void project(String block, SpecificRecordBase source, SpecificRecordBase target, Set<String> allowed,
                                List<String> delivered, List<String> removed) {
        if (source == null) {
            return;
        }
        for (Schema.Field field : source.getSchema().getFields()) {
            Object value = source.get(field.pos());
            if (isEmpty(value)) {
                continue;
            }
            String path = block + "." + field.name();
            if (allowed.contains(path)) {
                target.put(field.pos(), value);
                delivered.add(path);
            } else {
                removed.add(path);
            }
        }
    }

    private static boolean isEmpty(Object value) {
        return value == null
                || (value instanceof CharSequence s && s.toString().isBlank())
                || (value instanceof Collection<?> c && c.isEmpty());
    }
}
