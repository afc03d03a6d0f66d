package nl.iwa.hub.transport;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.WriteBufferManager;

/**
 * One memory budget for every RocksDB store of the hub's topologies, off the heap: a shared block cache that also
 * holds the memtables (write buffers) and the index and filter blocks. Without it each store takes RocksDB's own
 * defaults (tens of MB of cache and write buffers apiece), so the hub's memory would grow with every store a
 * topology adds; the hub promises bounded memory (docs/operations.md). The pattern of Kafka Streams' memory
 * management guide; the cache and the buffer manager are shared, so closing one store must not close them.
 */
public final class BoundedRocksDbMemory implements RocksDBConfigSetter {

    /** Block cache, memtables included, for all stores of the process. */
    static final long TOTAL_OFF_HEAP_BYTES = 64L * 1024 * 1024;
    static final long TOTAL_MEMTABLE_BYTES = 32L * 1024 * 1024;

    static {
        RocksDB.loadLibrary();
    }

    private static final Cache CACHE = new LRUCache(TOTAL_OFF_HEAP_BYTES, -1, false, 0.1);
    private static final WriteBufferManager WRITE_BUFFERS = new WriteBufferManager(TOTAL_MEMTABLE_BYTES, CACHE);

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(CACHE);
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setWriteBufferManager(WRITE_BUFFERS);
        options.setTableFormatConfig(table);
    }

    @Override
    public void close(String storeName, Options options) {
        // shared by every store: nothing of this store's own to close
    }
}
