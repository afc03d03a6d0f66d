package nl.iwa.hub.transport;

import io.apicurio.registry.resolver.SchemaLookupResult;
import io.apicurio.registry.resolver.SchemaResolver;
import io.apicurio.registry.resolver.config.SchemaResolverConfig;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import io.apicurio.registry.serde.avro.AvroSerdeConfig;
import io.apicurio.registry.serde.data.SerdeMetadata;
import io.apicurio.registry.serde.data.SerdeRecord;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;
import nl.iwa.hub.contract.common.ReasonCode;
import nl.iwa.hub.contract.outbox.OutboxMessage;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Avro in the Confluent wire format (magic byte 0, 4-byte schema id, Avro binary), with schemas in the
 * registry under {@code <topic>-value}; the Apicurio serde does the work. The hub handles raw bytes itself so
 * that a record that does not decode becomes a dead letter instead of stopping the consumer.
 */
public final class AvroCodec implements AutoCloseable {

    public static final int MAX_RECORD_BYTES = 1024 * 1024;

    static {
        applyAvroLimits();
    }

    /**
     * Avro trusts the lengths written in the data and allocates before reading: 20 hostile bytes could claim a
     * 2 GB string and take the hub down. No field of a record of at most 1 MiB can be longer, and no array can
     * have more items than bytes. Avro reads these once, when it first checks a limit: call this before any
     * Avro decoding in the JVM (the hub's main does).
     */
    public static void applyAvroLimits() {
        limit("org.apache.avro.limits.string.maxLength", MAX_RECORD_BYTES);
        limit("org.apache.avro.limits.bytes.maxLength", MAX_RECORD_BYTES);
        limit("org.apache.avro.limits.collectionItems.maxLength", MAX_RECORD_BYTES);
    }

    private static void limit(String property, int value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, Integer.toString(value));
        }
    }

    private final AvroKafkaSerializer<SpecificRecord> serializer = new AvroKafkaSerializer<>();
    private final AvroKafkaDeserializer<Object> deserializer = new AvroKafkaDeserializer<>();
    /** For {@link #register} only (partner subjects, whole schemas): its cache is cleared per call, the serializer's never. */
    private final AvroKafkaSerializer<Object> registrar = new AvroKafkaSerializer<>();
    /** Writes a partner outbox as a partner does (the connectors, in the partner's name): see {@link #encodeForOutbox}. */
    private final AvroKafkaSerializer<SpecificRecord> outboxSerializer = new AvroKafkaSerializer<>();

    /** Anonymous: only for a registry open to writes (development) or a codec that never registers. */
    public AvroCodec(String registryUrl) {
        this(registryUrl, null, null);
    }

    /**
     * With the hub's registry account ({@code username} null or blank: anonymous). The hub registers the schemas
     * of what it writes (auto-register); a secured registry accepts that from its writer account only.
     */
    public AvroCodec(String registryUrl, String username, String password) {
        Map<String, Object> common = new HashMap<>();
        common.put(SchemaResolverConfig.REGISTRY_URL, registryUrl);
        common.put(AvroSerdeConfig.AVRO_DATUM_PROVIDER, SchemaInstanceDatumProvider.class.getName());
        if (username != null && !username.isBlank()) {
            common.put(SchemaResolverConfig.AUTH_USERNAME, username);
            common.put(SchemaResolverConfig.AUTH_PASSWORD, password == null ? "" : password);
        }
        Map<String, Object> serializerConfig = new HashMap<>(common);
        serializerConfig.put(SchemaResolverConfig.AUTO_REGISTER_ARTIFACT, true);
        serializer.configure(serializerConfig, false);
        // Partner subjects get the whole schema (dereference-schema): one self-contained version, no references to
        // nested types. A serializer that only looks its schema up (a partner's) finds such a version by content;
        // the serde's lookup by content sends no references, so it never matches a version that has them. A
        // Confluent client gets a schema it can use without resolving references, too. The hub's own writes keep
        // the serde's default: the registrar never writes to the subjects the serializer registers, and back.
        Map<String, Object> registrarConfig = new HashMap<>(serializerConfig);
        registrarConfig.put(SchemaResolverConfig.DEREFERENCE_SCHEMA, true);
        registrar.configure(registrarConfig, false);
        Map<String, Object> outboxConfig = new HashMap<>(common);
        outboxConfig.put(SchemaResolverConfig.AUTO_REGISTER_ARTIFACT, false);
        outboxConfig.put(SchemaResolverConfig.FIND_LATEST_ARTIFACT, false);
        outboxConfig.put(SchemaResolverConfig.DEREFERENCE_SCHEMA, true);
        outboxSerializer.configure(outboxConfig, false);
        Map<String, Object> deserializerConfig = new HashMap<>(common);
        deserializerConfig.put(AvroSerdeConfig.USE_SPECIFIC_AVRO_READER, true);
        deserializer.configure(deserializerConfig, false);
    }

    /**
     * Registers {@code schema} as the value schema of a partner's {@code topic} (subject {@code <topic>-value})
     * through the serde's own resolver, as a whole schema: the artifact id and content a partner's serializer
     * (lookup only, {@code dereference-schema=true}) looks up, so that it finds exactly this version. Idempotent: a schema already
     * registered there is found, not added again. Returns the content id, the 4-byte id of the wire format
     * (equal to the Confluent-compatible API's schema id).
     */
    public synchronized long register(String topic, Schema schema) {
        SchemaResolver<Schema, Object> resolver = registrar.getSchemaResolver();
        // The resolver caches what it registered by content alone: the same schema for a second subject would be
        // answered from the cache and never reach that subject. Each registration starts without that cache.
        resolver.reset();
        try {
            // the resolver takes the schema from the record it is given; an empty generic record carries just that
            SchemaLookupResult<Schema> result = resolver.resolveSchema(
                    new SerdeRecord<>(new SerdeMetadata(topic, false), new GenericData.Record(schema)));
            return result.getContentId();
        } catch (RuntimeException e) {
            if (isRegistryOutage(e)) {
                throw new RegistryUnavailableException("schema registry unreachable while registering the schema of " + topic, e);
            }
            throw e;
        }
    }

    public byte[] encode(String topic, SpecificRecord value) {
        try {
            return serializer.serialize(topic, value);
        } catch (RuntimeException e) {
            if (isRegistryOutage(e)) {
                throw new RegistryUnavailableException("schema registry unreachable while encoding for " + topic, e);
            }
            throw e;
        }
    }

    /**
     * Encodes a record for a partner's outbox the way a partner's serializer does: the whole schema looked up by
     * content under the subject the hub registered ({@link #register}), never registered anew, so the record
     * carries exactly the id a partner's record of this release carries.
     */
    public byte[] encodeForOutbox(String topic, SpecificRecord value) {
        try {
            return outboxSerializer.serialize(topic, value);
        } catch (RuntimeException e) {
            if (isRegistryOutage(e)) {
                throw new RegistryUnavailableException("schema registry unreachable while encoding for " + topic, e);
            }
            throw e;
        }
    }

    /** The failure of a record larger than {@link #MAX_RECORD_BYTES}. */
    public static DecodeResult tooLarge() {
        return DecodeResult.failed(ReasonCode.UNDECODABLE, "record is larger than " + MAX_RECORD_BYTES + " bytes", "TooLarge");
    }

    public DecodeResult decodeOutbox(String topic, byte[] data) {
        Object decoded = decode(topic, data);
        if (decoded instanceof DecodeResult failure) {
            return failure;
        }
        if (decoded instanceof OutboxMessage message) {
            return DecodeResult.ok(message);
        }
        return DecodeResult.failed(ReasonCode.SCHEMA_INVALID, "record was written with schema "
                + ((SpecificRecord) decoded).getSchema().getFullName() + ", expected " + OutboxMessage.getClassSchema().getFullName(),
                "WrongSchema");
    }

    /** Decodes any contract record (hub-internal topics); returns a {@link DecodeResult} on failure. */
    public Object decode(String topic, byte[] data) {
        if (data == null || data.length < 5) {
            return DecodeResult.failed(ReasonCode.UNDECODABLE, "record is shorter than the 5-byte wire-format header", "Truncated");
        }
        if (data[0] != 0) {
            return DecodeResult.failed(ReasonCode.UNDECODABLE, "record does not start with wire-format magic byte 0", "WrongMagicByte");
        }
        if (data.length > MAX_RECORD_BYTES) {
            return tooLarge();
        }
        try {
            Object value = deserializer.deserialize(topic, data);
            if (!(value instanceof SpecificRecord)) {
                return DecodeResult.failed(ReasonCode.SCHEMA_INVALID, "record's schema is not part of the hub contract", "WrongSchema");
            }
            return value;
        } catch (RuntimeException | StackOverflowError e) {
            if (isRegistryOutage(e)) {
                throw new RegistryUnavailableException("schema registry unreachable while decoding from " + topic, e);
            }
            if (httpStatus(e) == 404) {
                return DecodeResult.failed(ReasonCode.UNDECODABLE, "record names a schema id unknown to the registry", "UnknownSchemaId");
            }
            return DecodeResult.failed(ReasonCode.UNDECODABLE, "record does not decode with its registered schema", e.getClass().getSimpleName());
        }
    }

    /**
     * A network problem or a 5xx from the registry: worth retrying, not the record's fault. Only network
     * failures count: Avro reports malformed bytes as an IOException (EOFException) too, and treating those as
     * an outage would make the hub retry a bad record for ever.
     */
    static boolean isRegistryOutage(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (isNetworkFailure(t)) {
                return true;
            }
            int status = statusOf(t);
            if (status >= 500 || status == 429) {
                return true;
            }
        }
        return false;
    }

    private static boolean isNetworkFailure(Throwable t) {
        String name = t.getClass().getSimpleName();
        return t instanceof java.net.SocketException
                || t instanceof java.net.SocketTimeoutException
                || t instanceof java.net.UnknownHostException
                || t instanceof java.net.http.HttpTimeoutException
                || t instanceof java.nio.channels.ClosedChannelException
                || name.equals("HttpClosedException")
                || name.equals("ConnectTimeoutException");
    }

    /** The HTTP status in a registry client exception or its causes; -1 if none carries one. */
    public static int httpStatus(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            int s = statusOf(t);
            if (s > 0) {
                return s;
            }
        }
        return -1;
    }

    /** The registry client's exceptions (Kiota ApiException and its ProblemDetails) carry the HTTP status. */
    private static int statusOf(Throwable t) {
        for (String getter : new String[] {"getResponseStatusCode", "getStatus"}) {
            try {
                Method m = t.getClass().getMethod(getter);
                Object v = m.invoke(t);
                if (v instanceof Number n) {
                    return n.intValue();
                }
            } catch (ReflectiveOperationException | RuntimeException ignored) {
                // not an HTTP-bearing exception
            }
        }
        return -1;
    }

    @Override
    public void close() {
        serializer.close();
        registrar.close();
        outboxSerializer.close();
        deserializer.close();
    }
}
