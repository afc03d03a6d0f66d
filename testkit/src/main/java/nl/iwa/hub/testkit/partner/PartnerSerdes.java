package nl.iwa.hub.testkit.partner;

import io.apicurio.registry.resolver.config.SchemaResolverConfig;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import io.apicurio.registry.serde.avro.AvroSerdeConfig;
import java.util.Map;

/**
 * The Avro serializer and deserializer as a partner's system configures them. One place, so that the tests, the demo
 * partners and the benchmark write exactly what a real partner writes.
 */
public final class PartnerSerdes {

    private PartnerSerdes() {
    }

    /**
     * A partner's serializer: anonymous, no auto-registration, no find-latest: the schema of the record is looked
     * up by its content under {@code <topic>-value}, so a partner on an older release finds its own version. The
     * content is the whole schema ({@code dereference-schema}), as the hub registered it.
     */
    public static AvroKafkaSerializer<Object> serializer(String registryUrl) {
        AvroKafkaSerializer<Object> s = new AvroKafkaSerializer<>();
        s.configure(Map.of(SchemaResolverConfig.REGISTRY_URL, registryUrl,
                SchemaResolverConfig.AUTO_REGISTER_ARTIFACT, false,
                SchemaResolverConfig.FIND_LATEST_ARTIFACT, false,
                SchemaResolverConfig.DEREFERENCE_SCHEMA, true), false);
        return s;
    }

    /** Decodes by the schema id in each record, into the generated contract classes (InboxMessage, AuditRecord, ...). */
    public static AvroKafkaDeserializer<Object> deserializer(String registryUrl) {
        AvroKafkaDeserializer<Object> d = new AvroKafkaDeserializer<>();
        d.configure(Map.of(SchemaResolverConfig.REGISTRY_URL, registryUrl, AvroSerdeConfig.USE_SPECIFIC_AVRO_READER, true), false);
        return d;
    }

    /** The same, typed for a probe or consumer of one record type; the caller knows what the topic holds. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static <T> org.apache.kafka.common.serialization.Deserializer<T> deserializerOf(Class<T> type, String registryUrl) {
        return (org.apache.kafka.common.serialization.Deserializer) deserializer(registryUrl);
    }
}
