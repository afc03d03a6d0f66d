package nl.iwa.hub.transport;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's contract records (Confluent wire format, Apicurio registry) in a topology, through the hub's own
 * {@link AvroCodec}: what the hub writes it registers as it always does, what it reads it decodes with the same
 * limits. A record that does not decode, or is of another type, reads as null (skipped, logged by coordinates'
 * kind only); a registry outage throws, so the stream thread stops and is replaced rather than skipping input.
 */
public final class ContractSerde<T extends SpecificRecord> implements Serde<T> {

    private static final Logger log = LoggerFactory.getLogger(ContractSerde.class);

    private final AvroCodec codec;
    private final Class<T> type;

    public ContractSerde(AvroCodec codec, Class<T> type) {
        this.codec = codec;
        this.type = type;
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, value) -> value == null ? null : codec.encode(topic, value);
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, data) -> {
            if (data == null) {
                return null;
            }
            Object decoded = codec.decode(topic, data);
            if (type.isInstance(decoded)) {
                return type.cast(decoded);
            }
            log.warn("skipped a record on {} that is not a {} ({})", topic, type.getSimpleName(),
                    decoded instanceof DecodeResult r ? r.errorClass() : decoded.getClass().getSimpleName());
            return null;
        };
    }
}
