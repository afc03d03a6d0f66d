package nl.iwa.hub.transport;

import io.apicurio.registry.serde.avro.AvroDatumProvider;
import io.apicurio.registry.serde.avro.AvroSerdeConfig;
import io.apicurio.registry.serde.avro.DefaultAvroDatumProvider;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * Apicurio's default datum provider caches readers and writers by a fingerprint of the schema's canonical
 * form, which it computes anew for every record; profiling the hub showed that as the largest single cost of
 * decoding and encoding. The schemas involved are a handful of long-lived instances (the generated classes'
 * and the registry client's cached ones), so this caches by instance instead and asks the default provider
 * only once per schema instance. Should instances ever multiply, the cache starts afresh rather than grow.
 */
public final class SchemaInstanceDatumProvider<T> implements AvroDatumProvider<T> {

    private static final int MAX_ENTRIES = 256;

    private final DefaultAvroDatumProvider<T> delegate = new DefaultAvroDatumProvider<>();
    private final Map<Instance, DatumReader<T>> readers = new ConcurrentHashMap<>();
    private final Map<Instance, DatumWriter<T>> writers = new ConcurrentHashMap<>();

    @Override
    public void configure(AvroSerdeConfig config) {
        delegate.configure(config);
    }

    @Override
    public DatumWriter<T> createDatumWriter(T data, Schema schema) {
        if (writers.size() > MAX_ENTRIES) {
            writers.clear();
        }
        // the key includes whether the record is specific: the default provider writes the two kinds differently
        return writers.computeIfAbsent(new Instance(schema, data instanceof SpecificRecord), k -> delegate.createDatumWriter(data, schema));
    }

    @Override
    public DatumReader<T> createDatumReader(Schema schema) {
        if (readers.size() > MAX_ENTRIES) {
            readers.clear();
        }
        return readers.computeIfAbsent(new Instance(schema, false), k -> delegate.createDatumReader(schema));
    }

    @Override
    public Schema toSchema(T data) {
        return delegate.toSchema(data);
    }

    /** A schema compared by identity: no canonical form, no deep equals. */
    private record Instance(Schema schema, boolean specific) {

        @Override
        public boolean equals(Object o) {
            return o instanceof Instance other && other.schema == schema && other.specific == specific;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(schema) * 31 + (specific ? 1 : 0);
        }
    }
}
