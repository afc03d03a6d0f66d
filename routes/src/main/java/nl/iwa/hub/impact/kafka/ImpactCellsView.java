package nl.iwa.hub.impact.kafka;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import nl.iwa.hub.contract.impact.HourBucket;
import nl.iwa.hub.contract.impact.ImpactCell;
import nl.iwa.hub.impact.CellFigures;
import nl.iwa.hub.impact.CellKey;
import nl.iwa.hub.impact.FirstContactHistogram;
import nl.iwa.hub.impact.ImpactCells;
import nl.iwa.hub.transport.AvroCodec;
import nl.iwa.hub.transport.TopicReader;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cells as the impact topic has them, read on request: the first request reads the compacted topic whole, each
 * later one only what was written since. Why the topic and not the topology's store (interactive queries): the topic
 * is complete on every hub instance, while a store holds only the partitions its instance happens to own; and the
 * report works (from the last committed figures) even while the topology is restoring or rebalancing.
 */
public final class ImpactCellsView implements ImpactCells {

    private static final Logger log = LoggerFactory.getLogger(ImpactCellsView.class);

    private final TopicReader reader;
    private final AvroCodec codec;
    private final String topic;
    private final Map<CellKey, CellFigures> cells = new HashMap<>();
    private final Map<Integer, Long> nextOffset = new HashMap<>();

    public ImpactCellsView(TopicReader reader, AvroCodec codec, String topic) {
        this.reader = reader;
        this.codec = codec;
        this.topic = topic;
    }

    @Override
    public synchronized Map<CellKey, CellFigures> current() {
        int partitions = reader.partitionCount(topic);
        for (int p = 0; p < partitions; p++) {
            int partition = p;
            reader.readFrom(new TopicPartition(topic, p), nextOffset.getOrDefault(p, 0L), r -> {
                nextOffset.put(partition, r.offset() + 1);
                apply(r.key(), r.value(), r.offset());
                return true;
            });
        }
        return Map.copyOf(cells);
    }

    private void apply(String key, byte[] value, long offset) {
        CellKey cell;
        try {
            cell = CellKey.parse(key);
        } catch (RuntimeException e) {
            log.warn("impact view: skipped a record with a key that is no cell key at offset {}", offset);
            return;
        }
        if (value == null) {
            cells.remove(cell);
        } else if (codec.decode(topic, value) instanceof ImpactCell c) {
            Map<Integer, Long> buckets = new TreeMap<>();
            for (HourBucket b : c.getFirstContactHours()) {
                buckets.merge(b.getHours(), b.getCount(), Long::sum);
            }
            cells.put(cell, new CellFigures(c.getCount(), FirstContactHistogram.of(buckets)));
        } else {
            log.warn("impact view: skipped an unreadable cell at offset {}", offset);
        }
    }
}
