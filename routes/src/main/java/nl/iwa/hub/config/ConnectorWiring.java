package nl.iwa.hub.config;

import java.util.List;
import java.util.Optional;
import java.util.Properties;
import nl.iwa.hub.connectors.ConnectorHub;
import nl.iwa.hub.connectors.ConnectorPartner;
import nl.iwa.hub.partners.Partner;
import nl.iwa.hub.partners.PartnerDirectory;
import nl.iwa.hub.contract.inbox.FileIntakeReport;
import nl.iwa.hub.outcome.FileReports;
import nl.iwa.hub.transport.AvroCodec;
import nl.iwa.hub.transport.KafkaConnection;
import nl.iwa.hub.transport.TransactionalPublisher;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.stereotype.Component;

/**
 * The hub as the connectors see it (see {@link ConnectorHub}): partners, its Kafka identity, the codec, and the
 * hub's outbound path for what a connector hands a partner in the hub's own name (a file's report).
 */
@Component
public class ConnectorWiring implements ConnectorHub {

    private final HubProperties props;
    private final PartnerDirectory partners;
    private final KafkaConnection kafka;
    private final AvroCodec codec;
    private final nl.iwa.hub.transport.TopicReader reader;
    private final nl.iwa.hub.identity.Pseudonymiser secret;
    private final TransactionalPublisher publisher;
    private final FileReports fileReports;

    public ConnectorWiring(HubProperties props, PartnerDirectory partners, KafkaConnection kafka, AvroCodec codec,
                           nl.iwa.hub.transport.TopicReader reader, nl.iwa.hub.identity.Pseudonymiser secret,
                           TransactionalPublisher publisher, java.time.Clock clock) {
        this.secret = secret;
        this.props = props;
        this.partners = partners;
        this.kafka = kafka;
        this.codec = codec;
        this.reader = reader;
        this.publisher = publisher;
        this.fileReports = new FileReports(props.topics(), clock);
    }

    @Override
    public List<ConnectorPartner> connectorPartners() {
        return partners.all().stream().filter(p -> p.connectors() != null).map(this::view).toList();
    }

    @Override
    public Optional<ConnectorPartner> partner(String partnerId) {
        return partners.find(partnerId).filter(p -> p.connectors() != null).map(this::view);
    }

    @Override
    public byte[] secretFor(String purpose) {
        return secret.derivedKey("connectors/" + purpose);
    }

    @Override
    public Properties kafkaProperties() {
        return kafka.properties();
    }

    @Override
    public String transactionalIdPrefix() {
        return props.kafka().transactionalId() + "-connect-";
    }

    @Override
    public String fileIntakeTopic() {
        return props.topics().fileIntake();
    }

    @Override
    public String restReceiptsTopic() {
        return props.topics().connectReceipts();
    }

    @Override
    public String deadLetterTopic() {
        return props.topics().deadLetter();
    }

    @Override
    public void readAll(String topic, java.util.function.Consumer<org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]>> sink) {
        reader.readAll(topic, sink);
    }

    @Override
    public void finishFile(String partnerId, String correlationId, FileIntakeReport report, byte[] finalProgress) {
        if (partner(partnerId).filter(ConnectorPartner::dropsFiles).isEmpty()) {
            throw new IllegalArgumentException("partner " + partnerId + " drops no files");
        }
        // the hub's own transaction, so the report is audited on the one hash chain like every inbox message
        publisher.publish(fileReports.finish(partnerId, correlationId, report, finalProgress));
    }

    @Override
    public byte[] encode(String topic, SpecificRecord value) {
        // a partner outbox holds the whole schema the hub registered for partners; the hub's own topics its own
        return props.topics().outboxOwner(topic) != null ? codec.encodeForOutbox(topic, value) : codec.encode(topic, value);
    }

    @Override
    public Object decode(String topic, byte[] value) {
        return codec.decode(topic, value);
    }

    private ConnectorPartner view(Partner p) {
        return new ConnectorPartner(p.id(), p.kind().name(), props.topics().outbox(p.id()), props.topics().inbox(p.id()),
                p.inboxConsumerGroup(), p.connectors());
    }
}
