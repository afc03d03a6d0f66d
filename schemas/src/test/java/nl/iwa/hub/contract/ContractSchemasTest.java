package nl.iwa.hub.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The build-time contract check: documentation on every field and BACKWARD compatibility with every release. */
class ContractSchemasTest {

    static Stream<Arguments> currentAgainstReleased() {
        // a schema that is newer than a release has nothing to stay compatible with in it
        return ContractSchemas.RELEASES.stream()
                .flatMap(release -> Stream.of(ContractSchemas.values())
                        .filter(s -> ContractSchemas.class.getResource(resource(release, s)) != null)
                        .map(s -> Arguments.of(s, release)));
    }

    @ParameterizedTest(name = "{0} stays BACKWARD compatible with {1}")
    @MethodSource("currentAgainstReleased")
    void currentSchemaReadsDataWrittenWithReleasedSchema(ContractSchemas current, String release) throws IOException {
        Schema released = released(release, current);

        var result = SchemaCompatibility.checkReaderWriterCompatibility(current.schema(), released);

        assertThat(result.getType())
                .as("%s: %s", current.role(), result.getResult().getIncompatibilities())
                .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
    }

    @ParameterizedTest(name = "every field of {0} has a doc")
    @EnumSource(ContractSchemas.class)
    void everyFieldIsDocumented(ContractSchemas current) {
        List<String> undocumented = new ArrayList<>();
        collectUndocumented(current.schema(), current.schema().getFullName(), undocumented, new HashSet<>());

        assertThat(undocumented).isEmpty();
    }

    @ParameterizedTest(name = "fields of {0} added after its first release have defaults")
    @MethodSource("currentAgainstReleased")
    void fieldsAddedAfterARelaseHaveDefaults(ContractSchemas current, String release) throws IOException {
        Schema first = released(release, current);
        List<String> missingDefaults = new ArrayList<>();
        for (Schema.Field field : current.schema().getFields()) {
            if (first.getField(field.name()) == null && !field.hasDefaultValue()) {
                missingDefaults.add(field.name());
            }
        }
        assertThat(missingDefaults).isEmpty();
    }

    private static String resource(String release, ContractSchemas schema) {
        return "/released/" + release + "/" + schema.releasedFileName();
    }

    private static Schema released(String release, ContractSchemas schema) throws IOException {
        String resource = resource(release, schema);
        try (InputStream in = ContractSchemas.class.getResourceAsStream(resource)) {
            assertThat(in).as("released schema %s", resource).isNotNull();
            return new Schema.Parser().parse(in);
        }
    }

    private static void collectUndocumented(Schema schema, String path, List<String> out, Set<String> seen) {
        switch (schema.getType()) {
            case RECORD -> {
                if (!seen.add(schema.getFullName())) {
                    return;
                }
                for (Schema.Field f : schema.getFields()) {
                    if (f.doc() == null || f.doc().isBlank()) {
                        out.add(path + "." + f.name());
                    }
                    collectUndocumented(f.schema(), path + "." + f.name(), out, seen);
                }
            }
            case UNION -> schema.getTypes().forEach(t -> collectUndocumented(t, path, out, seen));
            case ARRAY -> collectUndocumented(schema.getElementType(), path + "[]", out, seen);
            case MAP -> collectUndocumented(schema.getValueType(), path + "{}", out, seen);
            default -> { }
        }
    }
}
