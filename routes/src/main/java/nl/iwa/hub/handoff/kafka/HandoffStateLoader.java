package nl.iwa.hub.handoff.kafka;

import nl.iwa.hub.contract.handoff.HandoffRecord;
import nl.iwa.hub.handoff.HandoffStore;
import nl.iwa.hub.transport.AvroCodec;
import nl.iwa.hub.transport.TopicReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Rebuilds every handoff's current state from the compacted handoff topic before intake starts. */
public final class HandoffStateLoader {

    private static final Logger log = LoggerFactory.getLogger(HandoffStateLoader.class);

    private HandoffStateLoader() {
    }

    public static HandoffStore load(TopicReader reader, String topic, AvroCodec codec) {
        HandoffStore store = new HandoffStore();
        long read = reader.readAll(topic, record -> {
            if (record.value() == null) {
                store.remove(record.key());
            } else if (codec.decode(topic, record.value()) instanceof HandoffRecord h) {
                store.put(h);
            } else {
                log.warn("skipped unreadable handoff state at {}-{}@{}", record.topic(), record.partition(), record.offset());
            }
        });
        log.info("handoff state rebuilt from {} records: {} handoffs", read, store.size());
        return store;
    }
}
